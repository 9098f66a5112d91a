"""The board as a spreadsheet: every card under the filter, real dates, audited."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from case_office import fill_board
from openpyxl import load_workbook

from opsdesk.errors import PermissionDenied
from opsdesk.printing.board_xlsx import build_board_xlsx
from opsdesk.services.cases.boards import BoardFilter


def test_the_whole_board_in_its_order(world):
    fill_board(world)
    anna = world.as_("anna")
    export = anna.boards.export(world.teams["benefits"])
    assert [(r.status_name, r.file_number) for r in export.rows] == [
        ("Nowy wniosek", "OPS.1.2026"),
        ("Nowy wniosek", "OPS.2.2026"),
        ("Wywiad środowiskowy", "OPS.3.2026"),
        ("Decyzja w przygotowaniu", "OPS.4.2026"),
        ("Decyzja wydana", "OPS.5.2026"),
        ("Zamknięte", "OPS.6.2026"),
    ]
    first = export.rows[0]
    assert (first.client_name, first.deadline, first.next_due, first.urgent) == (
        "Kowalski Jan",
        "wywiad środowiskowy (pilny)",
        date(2026, 3, 12),
        True,
    )


def test_a_filtered_list_and_the_audit(world):
    fill_board(world)
    manager = world.as_("manager")
    export = manager.boards.export(
        world.teams["benefits"], BoardFilter(overdue_only=True), "tylko po terminie"
    )
    assert [r.file_number for r in export.rows] == ["OPS.1.2026"]
    entry = manager.audit.entries(action="export")[0]
    assert entry.entity_id == world.teams["benefits"]
    assert entry.detail == "board to XLSX, 1 cases, tylko po terminie"


def test_another_team_cannot_export(world):
    with pytest.raises(PermissionDenied):
        world.as_("celina").boards.export(world.teams["benefits"])


def test_the_workbook_reads_back_with_dates_and_polish_letters(world):
    fill_board(world)
    export = world.as_("anna").boards.export(world.teams["benefits"], BoardFilter(), "Anna Łęcka")
    sheet = load_workbook(BytesIO(build_board_xlsx(export))).active
    assert sheet["A1"].value == "Tablica: Zespół świadczeń"
    assert [c.value for c in sheet[2]][:2] == ["Filtr:", "Anna Łęcka"]
    assert [c.value for c in sheet[6]] == [
        "Kolumna",
        "Nr sprawy",
        "Klient",
        "Rodzaj pomocy",
        "Pracownik",
        "Termin",
        "Czego dotyczy",
        "Dni rob.",
        "Pilna",
        "Zawieszona",
    ]
    row = [c.value for c in sheet[7]]
    assert row[:5] == ["Nowy wniosek", "OPS.1.2026", "Kowalski Jan", "Zasiłek celowy", "Anna Łęcka"]
    assert row[5].date() == date(2026, 3, 12) and sheet.cell(7, 6).number_format == "DD.MM.YYYY"
    assert row[7] == -2 and row[8] == "tak"
    assert sheet.freeze_panes == "A7" and sheet.auto_filter.ref == "A6:J12"
