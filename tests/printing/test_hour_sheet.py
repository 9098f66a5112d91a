"""The monthly hour sheet as the manager and the project's controller read it."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from opsdesk.printing.hour_sheet import build_hour_sheet, hour_sheet_totals
from opsdesk.services.hours.records import SheetRow

T = dt.time


def twelve_and_a_half_hours() -> list[SheetRow]:
    """Ten sessions: 5 × 90 min + 5 × 60 min = 750 min = 12,50 h."""
    rows = []
    for index in range(10):
        minutes = 90 if index % 2 == 0 else 60
        end = T(10, 30) if minutes == 90 else T(10, 0)
        rows.append(
            SheetRow(
                dt.date(2025, 3, 3 + index),
                T(9, 0),
                end,
                minutes,
                "konsultacja indywidualna",
                f"KL-{index + 1:03d}",
            )
        )
    return rows


@pytest.fixture
def sheet(make_hour_sheet, pdf_pages):
    data = make_hour_sheet(twelve_and_a_half_hours())
    return pdf_pages(build_hour_sheet(data))


def test_one_month_fits_on_one_page(sheet):
    assert len(sheet) == 1


def test_title_period_and_provider_are_printed_in_polish(sheet):
    text = sheet[0]
    assert "Ewidencja godzin" in text
    assert "Konsultacje psychologiczne — marzec 2025" in text
    assert "Małgorzata Żółkiewska-Wąsowicz" in text
    assert "Umowa nr OPS.2611.4.2025" in text
    assert "01.03.2025 – 31.03.2025" in text


def test_office_and_project_are_in_the_letterhead(sheet):
    text = sheet[0]
    assert "Ośrodek Pomocy Społecznej w Gryfinie" in text
    assert "ul. Łużycka 50" in text
    assert "POWR.02.05.00-00-0117/16" in text
    assert "Projekt „Wdrożenie usprawnień organizacyjnych" in text


def test_each_session_is_a_row_with_comma_decimals_and_a_client_code(sheet):
    text = sheet[0]
    assert (
        "Lp. Data Godz. od–do Liczba godzin Forma; wykonane zadanie (zadanie w projekcie) "
        "Kod klienta" in text
    )
    assert "1. 03.03.2025 09:00–10:30 1,50 konsultacja indywidualna KL-001" in text
    assert "10. 12.03.2025 09:00–10:00 1,00 konsultacja indywidualna KL-010" in text


def test_totals_against_the_monthly_and_project_budget(sheet):
    text = sheet[0]
    assert "Razem w miesiącu 12,50" in text
    assert "Liczba godzin w miesiącu 12,50" in text
    assert "Limit miesięczny według umowy 15,00" in text
    assert "Pozostało do wykorzystania w miesiącu 2,50" in text
    assert "120,00" in text and "180,00" in text
    assert "Pozostało do wykorzystania w projekcie 60,00" in text


def test_signature_lines_for_provider_and_manager(sheet):
    text = sheet[0]
    assert "data i podpis osoby prowadzącej" in text  # a date beside each signature
    assert "Jolanta Świątek data i podpis kierownika" in text
    assert "zatwierdzam: data i podpis koordynatora projektu" in text


def test_footer_tells_who_generated_it_and_the_page(sheet):
    assert "Wygenerowano 01.04.2025 09:15 przez Anna Łęcka" in sheet[0]
    assert "Strona 1 z 1" in sheet[0]


def test_an_exceeded_monthly_limit_is_stated(make_hour_sheet, pdf_pages):
    data = make_hour_sheet(
        twelve_and_a_half_hours(), monthly_budget_minutes=10 * 60, project_used_minutes=190 * 60
    )
    text = pdf_pages(build_hour_sheet(data))[0]
    assert "Przekroczenie limitu miesięcznego 2,50" in text
    assert "Przekroczenie limitu godzin w projekcie 10,00" in text


def test_without_a_project_budget_only_the_total_to_date_is_shown(make_hour_sheet, pdf_pages):
    data = make_hour_sheet(twelve_and_a_half_hours(), project_budget_minutes=None)
    text = pdf_pages(build_hour_sheet(data))[0]
    assert "Godziny w projekcie narastająco (do 31.03.2025) 120,00" in text
    assert "w projekcie według umowy" not in text


def test_a_month_without_sessions_says_so(make_hour_sheet, pdf_pages):
    text = pdf_pages(build_hour_sheet(make_hour_sheet([])))[0]
    assert "Brak sesji w tym miesiącu." in text
    assert "Razem w miesiącu 0,00" in text


def test_rows_are_printed_in_date_order(make_hour_sheet, pdf_pages):
    rows = list(reversed(twelve_and_a_half_hours()))
    text = pdf_pages(build_hour_sheet(make_hour_sheet(rows)))[0]
    assert text.index("KL-001") < text.index("KL-002") < text.index("KL-010")


def test_plain_tuples_are_accepted_as_rows(make_hour_sheet, pdf_pages):
    rows = [
        (r.day, r.start, r.end, r.minutes, r.form_label, r.client_code)
        for r in twelve_and_a_half_hours()
    ]
    assert "Razem w miesiącu 12,50" in pdf_pages(build_hour_sheet(make_hour_sheet(rows)))[0]


def test_an_ordinary_month_is_one_page_with_its_summary_and_signatures(
    make_hour_sheet, make_sessions, pdf_pages
):
    pages = pdf_pages(build_hour_sheet(make_hour_sheet(make_sessions(12))))  # with the logos
    assert len(pages) == 1
    text = " ".join(pages[0].split())
    assert "Podsumowanie" in text and "Strona 1 z 1" in text
    assert "podpis osoby prowadzącej" in text and "podpis kierownika" in text


def test_fonts_are_embedded_dejavu_and_never_helvetica(make_hour_sheet, pdf_fonts):
    fonts = pdf_fonts(build_hour_sheet(make_hour_sheet()))
    assert fonts
    for font in fonts:
        assert "DejaVuSans" in font["/BaseFont"]
        assert "/FontFile2" in font["/FontDescriptor"].get_object()
    assert not any("Helvetica" in font["/BaseFont"] for font in fonts)


def test_two_hundred_sessions_break_across_pages_with_the_header_repeated(
    make_hour_sheet, make_sessions, pdf_pages
):
    pages = pdf_pages(build_hour_sheet(make_hour_sheet(make_sessions(200))))
    count = len(pages)
    assert count > 2
    assert f"Strona 1 z {count}" in pages[0]
    for number, text in enumerate(pages, start=1):
        assert f"Strona {number} z {count}" in text
        assert "Wygenerowano 01.04.2025 09:15 przez Anna Łęcka" in text
    table_pages = [text for text in pages if "PSY/2025/" in text]
    assert len(table_pages) >= 2
    for text in table_pages:
        assert (
            "Lp. Data Godz. od–do Liczba godzin Forma; wykonane zadanie (zadanie w projekcie) "
            "Kod klienta" in text
        )
    all_text = " ".join(pages)
    assert all_text.count("PSY/2025/") == 200
    assert "200. " in all_text
    assert "podpis kierownika" in pages[-1]
    assert "Ewidencja godzin" in pages[1]  # running header on later pages


def test_totals_are_computed_from_the_rows(make_hour_sheet):
    totals = hour_sheet_totals(make_hour_sheet(twelve_and_a_half_hours()))
    assert totals.month_minutes == 750
    assert totals.month_remaining_minutes == 150
    assert totals.project_remaining_minutes == 60 * 60


def test_progress_is_reported_up_to_the_end(make_hour_sheet, make_sessions):
    seen: list[float] = []
    build_hour_sheet(make_hour_sheet(make_sessions(60)), progress=seen.append)
    assert seen and seen[-1] == 1.0
    assert seen == sorted(seen)


def test_importing_the_hour_sheet_data_does_not_load_reportlab():
    code = (
        "import sys, opsdesk.printing.hour_sheet; "
        "print(any(name.startswith('reportlab') for name in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_an_approved_month_prints_who_approved_it_and_when(make_hour_sheet, pdf_pages):
    from opsdesk.services.hours.records import ApprovalState, MonthApprovalRecord

    approval = MonthApprovalRecord(
        4,
        (2025, 3),
        ApprovalState.APPROVED,
        "Małgorzata Żółkiewska-Wąsowicz",
        dt.datetime(2025, 4, 1, 8, 0),
        "Jolanta Świątek",
        dt.datetime(2025, 4, 2, 10, 15),
    )
    text = pdf_pages(build_hour_sheet(make_hour_sheet(approval=approval)))[0]
    assert "Miesiąc zatwierdził(a) Jolanta Świątek, 02.04.2025 10:15" in text
    assert "korekta" not in text


def test_a_corrected_month_prints_as_correction_number_n_with_its_date(make_hour_sheet, pdf_pages):
    from opsdesk.services.hours.records import ApprovalState, MonthApprovalRecord

    approval = MonthApprovalRecord(
        4,
        (2025, 3),
        ApprovalState.APPROVED,
        decided_by="Jolanta Świątek",
        decided_at=dt.datetime(2025, 4, 9, 9, 0),
        corrections=2,
        reopened_at=dt.datetime(2025, 4, 8, 14, 30),
    )
    text = pdf_pages(build_hour_sheet(make_hour_sheet(approval=approval)))[0]
    assert "Konsultacje psychologiczne — marzec 2025 — korekta nr 2 z dnia 08.04.2025" in text
    assert "Wersja ewidencji korekta nr 2 z dnia 08.04.2025" in text
    assert "Miesiąc zatwierdził(a) Jolanta Świątek, 09.04.2025 09:00" in text


def test_a_month_not_yet_approved_says_where_it_stands(make_hour_sheet, pdf_pages):
    from opsdesk.services.hours.records import ApprovalState, MonthApprovalRecord

    approval = MonthApprovalRecord(4, (2025, 3), ApprovalState.SUBMITTED)
    text = pdf_pages(build_hour_sheet(make_hour_sheet(approval=approval)))[0]
    assert "Stan miesiąca przekazany do zatwierdzenia" in text


def test_the_sheet_carries_what_an_eu_projects_controller_checks(make_hour_sheet, pdf_pages):
    """Task per entry with its project task, role and form of engagement, a date by each
    signature and the coordinator's approval line, the 276-hour declaration with the hours
    in other projects, the rate and amount due, the session confirmed over budget."""
    from dataclasses import replace

    from report_samples import contract

    rows = [
        SheetRow(
            dt.date(2025, 3, 4),
            dt.time(9),
            dt.time(10),
            60,
            "konsultacja indywidualna",
            "PSY/2025/001",
            task_done="konsultacja psychologiczna indywidualna",
            project_task="Zadanie 2",
        ),
        SheetRow(
            dt.date(2025, 3, 6),
            dt.time(9),
            dt.time(10, 30),
            90,
            "interwencja kryzysowa",
            "PSY/2025/002",
            task_done="interwencja kryzysowa",
            over_budget=True,
        ),
    ]
    terms = replace(
        contract(),
        project_role="psycholog w projekcie",
        engagement_form="umowa zlecenie",
        hourly_rate_grosze=150_00,
    )
    sheet = make_hour_sheet(rows, contract=terms, other_project_minutes=100 * 60)
    pages = pdf_pages(build_hour_sheet(sheet))
    text = " ".join(pages).replace("\u00a0", " ")
    assert "Rola w projekcie psycholog w projekcie" in text
    assert "Forma zaangażowania umowa zlecenie" in text
    assert "konsultacja indywidualna; konsultacja psychologiczna indywidualna (Zadanie 2)" in text
    assert "interwencja kryzysowa; interwencja kryzysowa" in text
    assert "1,50 *" in text and "* sesja ponad limit godzin, zatwierdzona przez kierownika" in text
    assert "Stawka godzinowa 150,00 zł" in text
    assert "Kwota do wypłaty 375,00 zł" in text  # 2,5 h × 150 zł
    assert (
        "nie przekracza 276 godzin w miesiącu marzec 2025: ten projekt 2,50 godz., inne projekty "
        "100,00 godz., razem 102,50 godz." in text
    )
    assert "data i podpis osoby prowadzącej" in text and "data i podpis kierownika" in text
    assert "zatwierdzam: data i podpis koordynatora projektu" in text
    # the last page holds rows with the signatures, never the signatures alone
    assert "PSY/2025/002" in pages[-1]


def test_without_a_rate_or_declared_hours_the_sheet_leaves_blanks(make_hour_sheet, pdf_pages):
    text = " ".join(pdf_pages(build_hour_sheet(make_hour_sheet())))
    assert "Kwota do wypłaty" not in text and "Stawka godzinowa" not in text
    assert "inne projekty …… godz., razem …… godz." in text
