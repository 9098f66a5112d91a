"""The desk's satisfaction survey in the indicators: count of answers, mean and distribution,
in the overview, the PDF, the XLSX and the CSV; "not collected" where nobody answered.

On tests/indicator_office.py, November's V1 (02.11) answered 5, V2 (02.11) 4 and V3 (03.11)
2: three answers, mean 11/3 = 3,67, one each of 5, 4 and 2. October: no answer."""

import csv
import io
from datetime import datetime

import openpyxl
import pytest
from pdf_text import all_text
from sqlalchemy import select

from opsdesk.domain.report_periods import month_period
from opsdesk.printing import documents
from opsdesk.storage.models import Visit, VisitRating

NOVEMBER = month_period(2026, 11)


@pytest.fixture
def surveyed(indicator_office):
    with indicator_office.manager.db.transaction() as session:
        visits = session.scalars(
            select(Visit.id)
            .where(Visit.day >= datetime(2026, 11, 1).date(), Visit.ticket_seq.is_not(None))
            .order_by(Visit.day, Visit.arrived_at)
        ).all()
        for visit_id, rating in zip(visits[:3], (5, 4, 2), strict=True):
            session.add(VisitRating(visit_id=visit_id, rating=rating, at=datetime(2026, 11, 3)))
    return indicator_office


def test_the_overview_counts_the_answers(surveyed):
    overview = surveyed.manager.indicators.overview(NOVEMBER)
    survey = overview.current.survey
    assert survey.collected and survey.answers == 3
    assert survey.ratings == (0, 1, 0, 1, 1)
    assert survey.mean == pytest.approx(11 / 3)
    assert survey.share(5) == pytest.approx(1 / 3) and survey.share(3) == 0
    before = overview.previous.survey
    assert not before.collected and before.answers == 0
    assert before.mean is None and before.share(5) is None


def test_without_answers_the_survey_is_not_collected(indicator_office):
    overview = indicator_office.manager.indicators.overview(NOVEMBER)
    assert not overview.current.survey.collected
    text = all_text(documents.indicators_report(indicator_office.manager, NOVEMBER, "pdf"))
    assert "Ankieta satysfakcji, średnia ocena (1–5) nie zbierano nie zbierano" in text
    assert "Ankiety nie zbierano w żadnym z okresów." in text


def test_the_pdf_shows_the_answers_and_not_collected(surveyed):
    text = all_text(documents.indicators_report(surveyed.manager, NOVEMBER, "pdf"))
    assert "Ankieta satysfakcji, średnia ocena (1–5) 3,67 nie zbierano" in text
    assert "Odpowiedzi 3 nie zbierano" in text
    assert "5 – bardzo zadowolony: odpowiedzi 1 nie zbierano" in text
    assert "5 – bardzo zadowolony: udział 33,3% nie zbierano" in text
    assert "3 – średnio: odpowiedzi 0 nie zbierano" in text


def test_the_workbook_and_the_csv_hold_the_answers(surveyed):
    data = documents.indicators_report(surveyed.manager, NOVEMBER, "xlsx")
    book = openpyxl.load_workbook(io.BytesIO(data))
    rows = {r[0]: r[1:] for r in book["Ankieta satysfakcji"].iter_rows(values_only=True) if r}
    assert rows["Odpowiedzi"] == (3, "nie zbierano")
    assert rows["Średnia ocena (1–5)"][0] == pytest.approx(11 / 3)
    assert rows["2 – niezadowolony: udział"][0] == pytest.approx(1 / 3)
    summary = {r[0]: r[1:] for r in book["Podsumowanie"].iter_rows(values_only=True) if r}
    assert summary["Ankieta satysfakcji, średnia ocena (1–5)"][0] == pytest.approx(11 / 3)
    text = documents.indicators_report(surveyed.manager, NOVEMBER, "csv").decode("utf-8-sig")
    by_item = {(r[0], r[2]): r[3:] for r in csv.reader(io.StringIO(text), delimiter=";")}
    assert by_item[("Ankieta satysfakcji", "Średnia ocena (1–5)")] == ["3,67", "nie zbierano"]
    assert by_item[("Ankieta satysfakcji", "4 – zadowolony: odpowiedzi")] == ["1", "nie zbierano"]
