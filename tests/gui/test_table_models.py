"""The shared read-only table model (ui/table_models.py): texts, alignment, a cell's own
colours and tooltip, the row's key, muted rows; it passes qtmodeltester."""

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from opsdesk.ui.table_models import (
    KEY_ROLE,
    MUTED_COLOR,
    RECORD_ROLE,
    RIGHT,
    Column,
    RecordTableModel,
)


@dataclass(frozen=True)
class Row:
    id: int
    name: str
    late: int


COLUMNS = (
    Column(
        "Name",
        lambda r: r.name,
        background=lambda r: "#fff1c2" if r.late > 1 else None,
        tooltip=lambda r: f"{r.late} late" if r.late else None,
    ),
    Column(
        "Overdue",  # an English source, shown in Polish
        lambda r: str(r.late),
        align=RIGHT,
        foreground=lambda r: "#8a1414" if r.late else None,
    ),
)
ROWS = [Row(1, "Łucja", 2), Row(2, "Żaneta", 0), Row(3, "Ewa", 1)]
RETIRED = {3}  # muted rows


def model() -> RecordTableModel[Row]:
    table: RecordTableModel[Row] = RecordTableModel(COLUMNS, muted=lambda r: r.id in RETIRED)
    table.set_records(ROWS)
    return table


def test_the_model_passes_qtmodeltester(qtmodeltester):
    qtmodeltester.check(model())
    qtmodeltester.check(RecordTableModel(COLUMNS))  # empty


def test_a_cell_has_its_own_colours_and_tooltip_or_none():
    table = model()
    cell = table.index
    assert cell(0, 0).data(Qt.ItemDataRole.BackgroundRole) == QColor("#fff1c2")
    assert cell(1, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert cell(0, 1).data(Qt.ItemDataRole.BackgroundRole) is None  # no colour for the column
    assert cell(0, 1).data(Qt.ItemDataRole.ForegroundRole) == QColor("#8a1414")
    assert cell(1, 1).data(Qt.ItemDataRole.ForegroundRole) is None
    assert cell(0, 0).data(Qt.ItemDataRole.ToolTipRole) == "2 late"
    assert cell(1, 0).data(Qt.ItemDataRole.ToolTipRole) is None
    assert cell(0, 1).data(Qt.ItemDataRole.ToolTipRole) is None


def test_a_cells_colour_wins_over_a_muted_row_whose_other_cells_stay_grey():
    table = model()
    assert table.index(2, 1).data(Qt.ItemDataRole.ForegroundRole) == QColor("#8a1414")
    assert table.index(2, 0).data(Qt.ItemDataRole.ForegroundRole) == QColor(MUTED_COLOR)
    assert table.index(2, 1).data(Qt.ItemDataRole.FontRole).italic()


def test_texts_alignment_record_and_key():
    table = model()
    assert table.headerData(1, Qt.Orientation.Horizontal) == "Po terminie"
    assert table.index(0, 0).data() == "Łucja"
    assert table.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) == int(RIGHT.value)
    assert table.index(1, 1).data(RECORD_ROLE) == ROWS[1]
    assert table.index(1, 1).data(KEY_ROLE) == 2
    assert table.row_of(3) == 2 and table.row_of(99) == -1
