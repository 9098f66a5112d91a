"""Signatures never stand alone on a page: whatever the number of rows, the page with the
signature lines also carries the last rows of the document's last table."""

from __future__ import annotations

import datetime as dt

from pdf_text import page_texts
from report_samples import attendance
from reportlab.platypus import SimpleDocTemplate, Spacer

from opsdesk.printing.formatting import format_date, format_time
from opsdesk.printing.hour_sheet import build_hour_sheet
from opsdesk.printing.signatures import signature_lines, signed_ending
from opsdesk.printing.supervision_list import build_supervision_list
from opsdesk.printing.tables import data_table
from opsdesk.services.hours.records import AttendanceSession, ParticipantRecord


def test_an_hour_sheet_of_any_length_keeps_its_last_rows_with_the_signatures(
    make_hour_sheet, make_sessions
):
    two_pages = 0
    for count in range(14, 46):
        data = make_hour_sheet(make_sessions(count))
        pages = page_texts(build_hour_sheet(data))
        last_row = data.sessions()[-1]
        row_text = f"{count}. {format_date(last_row.day)} {format_time(last_row.start)}"
        last = pages[-1]
        assert row_text in last, (count, len(pages))
        assert "Razem w miesiącu" in last and "Podsumowanie" in last
        assert "podpis osoby prowadzącej" in last and "podpis kierownika" in last
        two_pages += len(pages) == 2
    assert two_pages  # some of these lengths did break onto a second page


def _long_session(people: int) -> AttendanceSession:
    participants = tuple(
        ParticipantRecord(100 + n, f"Uczestnik Łukasz {n:02d}", n % 2 == 0)
        for n in range(1, people + 1)
    )
    return AttendanceSession(
        dt.date(2026, 3, 11), dt.time(10), dt.time(12), 120, "superwizja grupowa", participants
    )


def test_a_supervision_list_of_any_length_keeps_its_last_rows_with_the_signatures():
    two_pages = 0
    for people in range(10, 36):
        first = attendance().sessions[0]
        pages = page_texts(build_supervision_list(attendance((first, _long_session(people)))))
        last = pages[-1]
        assert f"{people}. Uczestnik Łukasz {people:02d}" in last, (people, len(pages))
        assert "podpis superwizora" in last and "podpis kierownika" in last
        assert "treści superwizji się nie zapisuje" in last
        assert "Sesja 2:" in " ".join(pages)
        two_pages += len(pages) >= 2
    assert two_pages


class _CountedWraps(Spacer):
    """A tail part that counts how often it is laid out."""

    wraps = 0

    def wrap(self, availWidth, availHeight):
        self.wraps += 1
        return super().wrap(availWidth, availHeight)


def test_a_tail_that_cannot_fit_is_not_laid_out_for_nothing(tmp_path):
    rows = [[f"{n}.", f"wiersz {n}"] for n in range(1, 120)]
    table = data_table(["Lp.", "Treść"], rows, weights=(1, 4))
    tail = _CountedWraps(1, 20)
    story = signed_ending(signature_lines(["podpis"]), table=table, after=[tail])
    path = tmp_path / "rows.pdf"
    SimpleDocTemplate(str(path)).build(story)
    pages = page_texts(path.read_bytes())
    assert len(pages) > 2 and "119. wiersz 119" in pages[-1] and "podpis" in pages[-1]
    # where the rows alone overflow the page the tail is not laid out: only where the last
    # rows leave room for it (the end of the last full page, then the last page); it was
    # laid out at every try on every page before (7 times here)
    assert tail.wraps <= 3
