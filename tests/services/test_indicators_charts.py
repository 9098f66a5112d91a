"""The figures behind the charts added for issue 20 — a month's contacts by day and hour, and
deadline keeping over 12 months — on tests/indicator_office.py, and both in the PDF."""

from pdf_text import all_text

from opsdesk.domain.report_periods import month_period, year_period
from opsdesk.printing import documents

NOVEMBER = month_period(2026, 11)


def test_a_month_by_day_and_hour(indicator_office):
    grid = indicator_office.manager.indicators.overview(NOVEMBER).current.day_hour
    assert len(grid.row_labels) == 30 and grid.row_labels[1] == "02 pon."
    assert grid.hours[0] <= 8 and grid.hours[-1] >= 15
    cells = {
        (grid.row_keys[r], hour): n
        for r, row in enumerate(grid.counts)
        for hour, n in zip(grid.hours, row, strict=True)
        if n
    }
    # V1 09:00 and V2 09:10 on 02.11, V3 10:00 on 03.11, V6 08:55 on 30.11 …
    assert cells[("2026-11-02", 9)] == 2
    assert cells[("2026-11-03", 10)] == 1
    assert cells[("2026-11-30", 8)] == 1
    assert sum(cells.values()) == 7 and grid.busiest == 2


def test_a_year_by_weekday_and_hour(indicator_office):
    grid = indicator_office.manager.indicators.overview(year_period(2026)).current.day_hour
    assert grid.row_labels == ("pon.", "wt.", "śr.", "czw.", "pt.", "sob.", "niedz.")
    assert sum(map(sum, grid.counts)) == 10
    assert grid.counts[0][grid.hours.index(9)] == 3  # V1, V2 (02.11), October's 05.10 visit


def test_deadlines_kept_month_by_month(indicator_office):
    overview = indicator_office.manager.indicators.overview(NOVEMBER)
    months = {m.label: m for m in overview.current.deadline_months}
    assert list(months)[0] == "12.2025" and list(months)[-1] == "11.2026"
    november, october, september = months["11.2026"], months["10.2026"], months["09.2026"]
    # November: C1 on time, C2 a day late; C3 on time, C4 a day late
    assert (november.decisions_made, november.decisions_on_time) == (2, 1)
    assert (november.interviews_made, november.interviews_on_time) == (2, 1)
    # October: C5 suspended, decided on its moved deadline; interviews of C1 and C2
    assert (october.decisions_made, october.decisions_on_time) == (1, 1)
    assert (october.interviews_made, october.interviews_on_time) == (2, 2)
    assert (september.interviews_made, september.decisions_made) == (2, 0)
    assert september.decisions_share is None
    assert overview.previous.deadline_months == ()  # shown for the chosen period only


def test_both_charts_print(indicator_office):
    pdf = documents.indicators_report(indicator_office.manager, NOVEMBER, "pdf")
    text = all_text(pdf)
    assert "Kontakty według dni i godzin przybycia, listopad 2026" in text
    assert "Udział w terminie ustawowym, miesiąc po miesiącu" in text
    assert "02 pon." in text and "30 pon." in text
    assert "11.2026 2 1 50,0% 2 1 50,0%" in text  # the 12 months' table under the chart
