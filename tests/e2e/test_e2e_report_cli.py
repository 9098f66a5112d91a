"""``opsdesk report …`` as a manager or a scheduled task runs it: a subprocess on the office's
data folder, PDFs on disk, Polish messages and exit code 2 on bad input, nothing left behind."""

from __future__ import annotations

import os

import pytest
from cli_runs import ReportCommand, run_cli
from pdf_text import all_text, fonts_are_embedded_dejavu
from report_office import MARCH_MINUTES

from opsdesk.printing.formatting import format_hours


@pytest.fixture
def cli(reports_office, db, tmp_path):
    """Run ``opsdesk --data-dir <the office's folder> report …``; the office's database is
    ``tmp_path/opsdesk.sqlite3`` or the server's (the ``db`` fixture)."""
    return ReportCommand(tmp_path, db.url)


def test_the_monthly_record_of_hours(cli, reports_office):
    target = cli.out / "ewidencja.pdf"
    # the contract's number as the GUI and the printed sheet show it
    result = cli("hours", "--contract", "3/PS/2026", "--month", "2026-03", "--out", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Zapisano {target}."
    pdf = target.read_bytes()
    text = all_text(pdf)
    assert f"Razem w miesiącu {format_hours(MARCH_MINUTES)}" in text
    assert "przez opsdesk (wiersz poleceń)" in text
    assert "Jolanta Świątek data i podpis kierownika" in text  # the office's manager signs
    assert "Kowalski" not in text
    assert fonts_are_embedded_dejavu(pdf)
    entry = reports_office.manager.audit.entries(action="print", entity="contract")[0]
    assert entry.actor_login == "cli" and entry.detail == "hour sheet 2026-03"


def test_the_other_documents(cli, reports_office):
    office = reports_office
    runs = {
        "lista.pdf": (
            "supervision",
            "--contract",
            "7/su/2026 ",
            "--month",
            "2026-03",
            "--day",
            "11.03.2026",
        ),
        "kwartal.pdf": ("summary", "--contract", str(office.psych.id), "--quarter", "2026-Q1"),
        "projekt.pdf": ("summary", "--contract", str(office.psych.id), "--project"),
        "terminy.pdf": (
            "deadlines",
            "--team",
            "zespół ŚWIADCZEŃ",
            "--worker",
            "swiadczenia",
            "--until",
            "31.12.2026",
        ),
        "rodo.pdf": ("gdpr", "--pesel", office.clients["lukasz"].pesel),
    }
    for name, args in runs.items():
        result = cli(*args, "--out", name)
        assert result.returncode == 0, (name, result.stderr)
    texts = {name: all_text((cli.out / name).read_bytes()) for name in runs}
    assert "Sesja 1: 11.03.2026" in texts["lista.pdf"] and "25.03.2026" not in texts["lista.pdf"]
    assert "Kwartalne zestawienie godzin" in texts["kwartal.pdf"]
    assert "01.01.2026 – 30.11.2026" in texts["projekt.pdf"]
    assert "Raport terminów Anna Łęcka" in texts["terminy.pdf"]
    assert "Terminy do 31.12.2026" in texts["terminy.pdf"]
    assert "Sporządził(a) opsdesk (wiersz poleceń)" in texts["rodo.pdf"]
    read = office.manager.audit.entries(entity="client", action="read")[0]
    assert (read.actor_login, read.detail) == ("cli", "GDPR report")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("hours", "--contract", "999", "--month", "2026-03"), "Nie ma umowy o numerze „999”."),
        (
            ("hours", "--contract", "3/PS/2099", "--month", "2026-03"),
            "Nie ma umowy o numerze „3/PS/2099”.",
        ),
        (
            ("hours", "--contract", "3/PS/2026", "--month", "2025-12"),
            "Umowa 3/PS/2026 obowiązuje od 01.01.2026 do 30.06.2027; "
            "miesiąc 12.2025 jest poza nią.",
        ),
        (
            ("hours", "--contract", "3/PS/2026", "--month", "2027-07"),
            "Umowa 3/PS/2026 obowiązuje od 01.01.2026 do 30.06.2027; "
            "miesiąc 07.2027 jest poza nią.",
        ),
        (
            ("hours", "--contract", "1", "--month", "2026-13"),
            "Miesiąc „2026-13” jest nieprawidłowy",
        ),
        (("hours", "--contract", "1", "--month", "03.2026"), "podaj go jako RRRR-MM"),
        (("summary", "--contract", "1", "--quarter", "2026-Q5"), "Kwartał „2026-Q5”"),
        (("deadlines", "--team", "Zespół nieistniejący"), "Nie ma zespołu „Zespół nieistniejący”"),
        (
            ("deadlines", "--team", "Zespół świadczeń", "--until", "31.02.2026"),
            "Nie ma takiej daty",
        ),
        (("gdpr", "--pesel", "00000000000"), "Nie ma klienta o numerze PESEL 00000000000."),
    ],
)
def test_bad_input_is_refused_with_exit_2_and_no_file(cli, args, message):
    result = cli(*args, "--out", "wynik.pdf")
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert list(cli.out.iterdir()) == []


def test_an_unwritable_path_is_refused(cli, reports_office, tmp_path):
    args = ("hours", "--contract", str(reports_office.psych.id), "--month", "2026-03")
    missing = cli(*args, "--out", str(tmp_path / "nie-ma" / "e.pdf"))
    assert missing.returncode == 2
    assert "Folder" in missing.stderr and "nie istnieje" in missing.stderr
    folder = cli(*args, "--out", str(cli.out))
    assert folder.returncode == 2 and "jest folderem" in folder.stderr
    assert list(cli.out.iterdir()) == []
    if os.name == "posix" and os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "zamkniety"
        locked.mkdir(mode=0o500)
        refused = cli(*args, "--out", str(locked / "e.pdf"))
        assert refused.returncode == 2 and "Nie można zapisywać" in refused.stderr
        assert list(locked.iterdir()) == []


@pytest.mark.sqlite_only(reason="a data folder without its SQLite file")
def test_a_folder_without_a_database(tmp_path):
    result = run_cli(
        "report",
        "hours",
        "--contract",
        "1",
        "--month",
        "2026-03",
        "--out",
        str(tmp_path / "e.pdf"),
        data_dir=tmp_path / "pusty",
    )
    assert result.returncode == 2 and "nie ma bazy danych" in result.stderr
    assert not (tmp_path / "e.pdf").exists()
