"""The deadline report as a worker or the manager reads it."""

from __future__ import annotations

import datetime as dt

from pdf_text import fonts_are_embedded_dejavu, page_texts
from report_samples import deadline_report, deadline_row

from opsdesk.printing.deadline_report import build_deadline_report


def test_overdue_cases_come_first_then_those_due_in_the_period():
    text = page_texts(build_deadline_report(deadline_report()))[0]
    assert "Raport terminów Zespół świadczeń" in text
    assert "Po terminie (1)" in text
    assert "Terminy do 07.04.2026 (2)" in text
    upcoming = text.index("Terminy do 07.04.2026 (2)")
    assert text.index("Po terminie") < text.index("OPS.1.2026") < upcoming
    assert upcoming < text.index("OPS.2.2026") < text.index("OPS.3.2026")


def test_each_row_has_the_date_working_days_case_and_person():
    text = page_texts(build_deadline_report(deadline_report()))[0]
    assert (
        "Lp. Termin Dni rob. Czego dotyczy Nr sprawy Klient Rodzaj pomocy Pracownik Status"
    ) in text
    assert "1. 20.03.2026 −2 wywiad środowiskowy OPS.1.2026 Wąsowska Zofia 1" in text
    assert "1. 24.03.2026 dziś wywiad środowiskowy OPS.2.2026 Źdźbło Grażyna" in text
    assert "decyzja (postępowanie zawieszone)" in text


def test_the_facts_and_what_is_not_listed():
    text = page_texts(build_deadline_report(deadline_report()))[0]
    assert "Zespół Zespół świadczeń Pracownik cały zespół" in text
    assert "Stan na dzień 24.03.2026 Terminy do dnia 07.04.2026" in text
    assert "Otwarte sprawy z późniejszym terminem: 5; bez biegnącego terminu: 2." in text
    assert "Wygenerowano 02.04.2026 10:30 przez Jolanta Świątek" in text


def test_a_workers_report_names_them_and_drops_the_worker_column():
    text = page_texts(build_deadline_report(deadline_report(worker_name="Anna Łęcka")))[0]
    assert "Raport terminów Anna Łęcka" in text
    assert "Pracownik Anna Łęcka" in text
    assert "Nr sprawy Klient Rodzaj pomocy Status" in text


def test_empty_sections_say_so():
    text = page_texts(build_deadline_report(deadline_report(rows=())))[0]
    assert "Po terminie (0) Żadna sprawa nie jest po terminie." in text
    assert "W tym okresie nie upływa żaden termin." in text


def test_a_long_report_breaks_pages_with_the_header_repeated():
    rows = tuple(
        deadline_row(n, dt.date(2026, 3, 25) + dt.timedelta(days=n % 13), n % 9)
        for n in range(1, 201)
    )
    pages = page_texts(build_deadline_report(deadline_report(rows=rows)))
    count = len(pages)
    assert count >= 4
    for number, text in enumerate(pages, start=1):
        assert f"Strona {number} z {count}" in text
        assert "Lp. Termin Dni rob. Czego dotyczy" in text
    assert "200. " in pages[-1]


def test_fonts_are_embedded():
    assert fonts_are_embedded_dejavu(build_deadline_report(deadline_report()))


def test_words_in_narrow_columns_break_with_a_hyphen():
    row = deadline_row(
        1,
        dt.date(2026, 3, 20),
        -2,
        kind_name="Specjalistyczne usługi opiekuńcze dla osób z zaburzeniami psychicznymi",
        rule_label="wywiad środowiskowy (pilny)",
        status_name="Decyzja w przygotowaniu",
    )
    text = page_texts(build_deadline_report(deadline_report(rows=(row,))))[0]
    assert "Specjalistycz-" in text or "Specjali-" in text or "Specjalistyczne" in text
    for broken in ("środowi skowy", "Specjalisty czne", "przygotowa niu", "psychiczny mi"):
        assert broken not in text
    words = text.split()
    for word in ("wywiad", "zaburzeniami", "psychicznymi", "przygotowaniu"):
        pieces = [w for w in words if w.rstrip("-") and word.startswith(w.rstrip("-"))]
        assert word in words or any(w.endswith("-") for w in pieces), word
