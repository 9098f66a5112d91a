"""The quarter and project summary of a contract's hours, with its chart."""

from __future__ import annotations

from pdf_text import all_text, fonts_are_embedded_dejavu, page_texts
from report_samples import hours_period

from opsdesk.printing.hours_summary import build_hours_summary


def test_a_twelve_month_project_lists_every_month_and_the_totals():
    text = all_text(build_hours_summary(hours_period()))
    assert "Zestawienie godzin w projekcie" in text
    assert "Konsultacje psychologiczne — 01.2026–12.2026" in text
    assert "Miesiąc Sesje Wykorzystano Limit Różnica Ponad limit (za zgodą)" in text
    assert "styczeń 2026 10 10,00 15,00 5,00 —" in text
    assert "kwiecień 2026 15 15,00 15,00 0,00 —" in text
    assert "lipiec 2026 0 0,00 15,00 15,00 —" in text
    # 600+720+825+900+540+780+0+300+870+900+660+480 = 7575 min = 126,25 h of 180 h
    assert "Razem w okresie 125 126,25 180,00 53,75 —" in text
    assert "Liczba godzin w projekcie według umowy 180,00" in text
    assert "Pozostało do wykorzystania w projekcie 53,75" in text


def test_quarters_and_the_forms_are_summed():
    text = all_text(build_hours_summary(hours_period()))
    assert "Według kwartałów" in text
    assert "I kwartał 2026 35 35,75 45,00 9,25 —" in text
    assert "konsultacja indywidualna 60 100,00" in text


def test_the_chart_labels_the_months_and_the_limit():
    text = all_text(build_hours_summary(hours_period()))
    assert "Godziny w poszczególnych miesiącach" in text
    assert "01.2026" in text and "12.2026" in text
    assert "limit miesięczny 15,00" in text


def test_a_quarter_shows_its_three_months_and_a_negative_difference_with_a_minus():
    report = hours_period("quarter", used=[600, 960, 825])
    text = all_text(build_hours_summary(report))
    assert "Kwartalne zestawienie godzin" in text
    assert "Konsultacje psychologiczne — I kwartał 2026" in text
    assert "01.01.2026 – 31.03.2026" in text
    assert "luty 2026 16 16,00 15,00 −1,00" in text
    assert "Według kwartałów" not in text


def test_signature_lines_and_the_project_in_the_letterhead():
    text = all_text(build_hours_summary(hours_period()))
    assert "podpis osoby prowadzącej" in text and "podpis kierownika" in text
    assert "Jolanta Świątek" in text
    assert "POWR.02.05.00-00-0117/16" in text
    assert "Strona 1 z" in text


def test_twelve_months_fit_on_two_pages_at_most():
    assert len(page_texts(build_hours_summary(hours_period()))) <= 2


def test_fonts_are_embedded():
    assert fonts_are_embedded_dejavu(build_hours_summary(hours_period()))
