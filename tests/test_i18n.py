"""Every user-visible string has a Polish translation; the compiled catalog the checkout's app
reads is current (conftest.py compiles it; a build compiles its own: test_catalog_build.py)."""

from datetime import date

from opsdesk import i18n
from opsdesk.domain.formatting import format_date
from opsdesk.domain.text import polish_sort_key
from tools import catalogs


def test_polish_catalog_is_complete_and_compiled():
    assert catalogs.problems("pl") == []


def test_the_application_reads_the_catalogs_the_tool_writes():
    assert i18n.catalog_dir("pl") == catalogs.catalog_dir("pl")
    assert i18n.COMPILED_CATALOG == catalogs.COMPILED_CATALOG


def test_polish_is_the_default_language():
    from opsdesk.settings import LocalSettings

    assert LocalSettings().language == "pl" == i18n.DEFAULT_LANGUAGE


def test_switching_language_changes_service_messages():
    from opsdesk.services.account.passwords import password_problem

    i18n.set_language("pl")
    polish = password_problem("krótkie")
    i18n.set_language("en")
    english = password_problem("krótkie")
    assert english == "The password must have at least 10 characters."
    assert polish != english and "znak" in polish


def test_dates_and_sorting_are_polish():
    assert format_date(date(2026, 1, 6)) == "06.01.2026"
    names = ["Żak", "Łukasik", "Zając", "Lis", "Ślusarz", "Sowa", "Łoś"]
    assert sorted(names, key=polish_sort_key) == [
        "Lis",
        "Łoś",
        "Łukasik",
        "Sowa",
        "Ślusarz",
        "Zając",
        "Żak",
    ]
