"""``opsdesk report indicators``: the printed report, the workbook and the CSV written by the
command as a scheduled task runs it; a bad period is refused in Polish with exit code 2 and no
file is written."""

from __future__ import annotations

import io

import openpyxl
import pytest
from cli_runs import ReportCommand
from pdf_text import all_text


@pytest.fixture
def cli(indicator_office, db, tmp_path):
    return ReportCommand(tmp_path, db.url)


def test_the_report_in_three_formats(cli, indicator_office):
    for name in ("monitoring.pdf", "monitoring.xlsx", "monitoring.csv"):
        result = cli("indicators", "--period", "2026-Q4", "--out", name)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == f"Zapisano {name}."
    text = all_text((cli.out / "monitoring.pdf").read_bytes())
    assert "Monitoring modelu rozdzielenia" in text
    assert "IV kwartał 2026 (do 30.11.2026), w porównaniu z: III kwartał 2026" in text
    assert "przez opsdesk (wiersz poleceń)" in text
    book = openpyxl.load_workbook(io.BytesIO((cli.out / "monitoring.xlsx").read_bytes()))
    summary = {r[0]: r[1:3] for r in book["Podsumowanie"].iter_rows(values_only=True)}
    assert summary["Kontakty w punkcie pierwszego kontaktu"] == (9, 1)
    csv_text = (cli.out / "monitoring.csv").read_bytes().decode("utf-8-sig")
    assert "Kontakty w punkcie pierwszego kontaktu;9;1" in csv_text
    entries = indicator_office.manager.audit.entries(entity="indicators")
    assert {(e.action, e.actor_login, e.detail) for e in entries} == {
        ("print", "cli", "indicators 2026-Q4"),
        ("export", "cli", "indicators 2026-Q4"),
    }


@pytest.mark.parametrize(
    ("period", "words"),
    [
        ("2026-13", "Nie ma miesiąca 13"),
        ("2026-Q5", "Nie ma kwartału 5"),
        ("2026-06..2026-01", "po swoim końcu"),
        ("2027-Q1", "jeszcze się nie zaczął"),
        ("listopad", "jest nieprawidłowy"),
    ],
)
def test_a_bad_period_is_refused_and_nothing_is_written(cli, period, words):
    result = cli("indicators", "--period", period, "--out", "monitoring.pdf")
    assert result.returncode == 2
    assert words in result.stderr and result.stderr.startswith("opsdesk: ")
    assert list(cli.out.iterdir()) == []


def test_an_unknown_format_is_refused(cli):
    result = cli("indicators", "--period", "2026-11", "--out", "monitoring.docx")
    assert result.returncode == 2
    assert ".pdf, .xlsx lub .csv" in result.stderr
    assert list(cli.out.iterdir()) == []
