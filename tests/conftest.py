"""Shared fixtures: offscreen Qt, Polish language, a temporary office with its people."""

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests never read the real clock: the app and the CLI started as subprocesses, and any
# Services made without a clock, start on the day the ``clock`` fixture stands on
# (docs/testing.md). The suite passes on any day it is run.
TEST_MOMENT = "2026-11-30T09:00:00"  # a Monday
os.environ["OPSDESK_CLOCK"] = TEST_MOMENT

import pytest  # noqa: E402
from hypothesis import settings as hypothesis_settings  # noqa: E402
from people import ADMIN_PASSWORD, STAFF_PASSWORD  # noqa: E402

# Property tests draw the same examples on every run (each test's own, derived from its code),
# so a CI run decides on the change and not on the draw: one failed on a vertical tab no earlier
# run had put in a letter. OPSDESK_FUZZ_EXPLORE=1 draws new ones each run (docs/testing.md).
hypothesis_settings.register_profile("same every run", derandomize=True, database=None)
hypothesis_settings.register_profile("explore", derandomize=False)
hypothesis_settings.load_profile(
    "explore" if os.environ.get("OPSDESK_FUZZ_EXPLORE") else "same every run"
)

from opsdesk.i18n import set_language  # noqa: E402

# The offices built for each area's tests, as fixtures every test may ask for by name.
# ``databases``: SQLite files or, with --database=postgresql, a PostgreSQL server (its docstring).
pytest_plugins = [
    "databases",
    "case_office",
    "hours_office",
    "reception_office",
    "report_office",
    "indicator_office",
]


def pytest_configure(config):
    """This checkout's compiled catalog (``resources/.../opsdesk.mo``, what the app and the
    subprocesses of e2e/ read) is a build product, never committed: compiled here when missing
    or stale, as the editable install of .ci/setup compiles it, so that a worktree that was
    never installed, or a ``.po`` just edited, shows the current Polish texts."""
    from tools.catalog_compiler import compile_catalogs

    compile_catalogs(Path(__file__).resolve().parent.parent / "resources" / "translations")
    use_cheap_password_hashes()
    verify_foreseen_indicator_counts()


def use_cheap_password_hashes() -> None:
    """Passwords hashed in this process cost 1 ms, not 120 ms: the same argon2id, the same
    code, but the lowest time and memory cost (the suite makes thousands of accounts and
    logins; at the office's cost that was a fifth of its run). A hash carries its own
    parameters, so one made here verifies in the app started as a subprocess, and one made
    there verifies here. What the office's accounts get is pinned by
    tests/services/test_password_cost.py, which restores the real hasher."""
    from argon2 import PasswordHasher

    from opsdesk.services.account import passwords

    passwords._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


def verify_foreseen_indicator_counts() -> None:
    """Every desk write of the suite checks the share of the daily counts worked out ahead
    of its flush against the share read after it (``storage.indicator_counts.VERIFY``): a
    difference fails the test that wrote it, with what differed."""
    from opsdesk.storage import indicator_counts

    indicator_counts.VERIFY = True


def pytest_collection_modifyitems(config, items):
    for item in items:
        parts = Path(str(item.fspath)).parts
        if "gui" in parts:
            item.add_marker(pytest.mark.gui)
        if "e2e" in parts:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture
def postgresql_url():
    """An empty PostgreSQL database for one test (its schema dropped and made anew).

    Tests that ask for it carry the ``postgresql`` mark; .ci/postgresql runs them on a
    throwaway server. Elsewhere, without ``OPSDESK_TEST_POSTGRESQL_URL``, they are skipped
    with that reason shown."""
    url = os.environ.get("OPSDESK_TEST_POSTGRESQL_URL")
    if not url:
        pytest.skip("needs a PostgreSQL server: OPSDESK_TEST_POSTGRESQL_URL (.ci/postgresql)")
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


@pytest.fixture(autouse=True)
def polish():
    """The UI's default language; tests see what a Polish user sees."""
    set_language("pl")
    yield
    set_language("pl")


def _empty_office(url: str) -> None:
    from opsdesk.storage.opening import open_database

    open_database(url).dispose()


@pytest.fixture
def db(databases, fresh_database, tmp_path):
    """A fresh database at head: ``tmp_path/opsdesk.sqlite3``, or a new database on the
    PostgreSQL server with --database=postgresql (tests/databases.py), whose backups this
    PC keeps in ``tmp_path/backups`` (as the app keeps them in its data folder)."""
    from opsdesk.storage.opening import open_database

    database = open_database(fresh_database(databases.template("empty", _empty_office)))
    if database.backup_folder is None:
        database.backup_folder = tmp_path / "backups"
    yield database
    database.dispose()


@pytest.fixture
def clock():
    from datetime import datetime

    from opsdesk.services.clock import FixedClock

    return FixedClock(datetime.fromisoformat(TEST_MOMENT))


@pytest.fixture
def office(db, clock):
    """A set-up office; returns Services acting as its administrator."""
    return set_up_office(db, clock)


def set_up_office(db, clock):
    """The office of the ``office`` fixture in ``db``: Services acting as its administrator."""
    from opsdesk.services.account.auth import AdminInput
    from opsdesk.services.office.profile import OfficeInput
    from opsdesk.services.registry import Services

    anonymous = Services(db, None, clock)
    admin = anonymous.auth.first_run(
        OfficeInput(
            name="Miejski Ośrodek Pomocy Społecznej w Łęczycy",
            street="ul. Zachęty 5",
            postal_code="99-100",
            city="Łęczyca",
        ),
        AdminInput("admin", "Adam Żółkiewski", ADMIN_PASSWORD, ADMIN_PASSWORD),
    )
    return anonymous.as_actor(admin)


@pytest.fixture
def make_person(office):
    """make_person(role, team_kind=None, login=None) -> Services acting as a new staff member.

    Its roles are confirmed by the first manager made here (else the first administrator),
    as a change of roles needs a second person once the office has one (role_changes)."""
    from opsdesk.domain.roles import Role
    from opsdesk.services.office.role_changes import SecondPerson
    from opsdesk.services.office.staff import StaffInput

    teams = {t.kind: t.id for t in office.teams.list()}
    counter = iter(range(1, 1000))
    confirmers: dict[Role, str] = {}

    def make(
        role: Role,
        team_kind: str | None = None,
        login: str | None = None,
        full_name: str | None = None,
    ):
        n = next(counter)
        login = login or f"{role.value.replace('_', '')}{n}"
        confirmer = confirmers.get(Role.MANAGER) or confirmers.get(Role.ADMIN)
        office.staff.create(
            StaffInput(
                login=login,
                full_name=full_name or f"Pracownik {n} Ślęzak",
                roles=frozenset({role}),
                team_id=teams.get(team_kind) if team_kind else None,
                workplace=f"pokój {n}",
                password=STAFF_PASSWORD,
            ),
            SecondPerson(confirmer, STAFF_PASSWORD) if confirmer else None,
        )
        if role in (Role.MANAGER, Role.ADMIN):
            confirmers.setdefault(role, login)
        anonymous = office.as_actor(None)
        return anonymous.as_actor(anonymous.auth.login(login, STAFF_PASSWORD))

    make.confirmation = lambda: (  # type: ignore[attr-defined]
        SecondPerson(c, STAFF_PASSWORD)
        if (c := confirmers.get(Role.MANAGER) or confirmers.get(Role.ADMIN))
        else None
    )
    return make


@pytest.fixture
def language(request):
    """The interface in ``request.param`` ("pl" or "en") for one test (indirect
    parametrisation), Polish again after it."""
    from opsdesk.i18n import set_language

    set_language(request.param)
    yield request.param
    set_language("pl")


@pytest.fixture
def message_boxes(monkeypatch) -> list[str]:
    """The texts of the warning boxes shown (a service's refusal, ``ui/forms.
    show_service_error``), caught instead of shown: a test never waits on a modal box. A
    module whose every test needs it: ``pytestmark = pytest.mark.usefixtures("message_boxes")``."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda parent, title, text, *args, **kwargs: shown.append(text)
    )
    return shown


@pytest.fixture
def admin_section(qtbot):
    """admin_section(services) -> the Administration section as that person sees it, shown.
    A dialog a test left open is closed after it (a window-modal one would take the next
    test's keys)."""
    from PySide6.QtWidgets import QDialog

    from opsdesk.ui.admin.section import build_admin_section

    built = []  # qtbot holds widgets weakly: keep them for the test

    def build(services):
        section = build_admin_section(services)
        built.append(section)
        qtbot.addWidget(section)
        section.resize(1100, 700)
        section.show()
        return section

    yield build
    for section in built:
        for dialog in section.findChildren(QDialog):
            dialog.reject()
