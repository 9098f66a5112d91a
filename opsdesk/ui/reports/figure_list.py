"""The list behind a figure of Raporty → Przegląd (``IndicatorService.figure``), in a window
of its own: the rows as the service gives them, how many there are, and why a person's name
is missing when the account may not see clients' data."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from opsdesk.i18n import _
from opsdesk.printing.indicator_tables import Cell, Table
from opsdesk.services.indicators.records import FigureList


def figure_table(figure: FigureList) -> Table:
    """The list as one of the report's tables (cells of the report's kinds)."""
    rows = tuple(
        tuple(Cell(value, kind) for value, kind in zip(row, figure.kinds, strict=True))  # type: ignore[arg-type]
        for row in figure.rows
    )
    return Table(figure.title, figure.columns, rows, (1,) * len(figure.columns))


def figure_note(figure: FigureList) -> str:
    parts = []
    if figure.truncated:
        parts.append(
            _("The first {shown} of {total} rows.").format(
                shown=len(figure.rows), total=figure.total
            )
        )
    elif figure.total:
        parts.append(_("{total} rows.").format(total=figure.total))
    else:
        parts.append(_("Nothing is behind this figure in the period."))
    if not figure.names_shown and figure.what != "hours":
        parts.append(_("Names are not shown: your account may not see clients' data."))
    return " ".join(parts)


class FigureListDialog(QDialog):
    def __init__(self, heading: str, figure: FigureList, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from opsdesk.ui.reports.overview import TableModel  # (the overview imports this)

        self.setObjectName("figure_list")
        self.setWindowTitle(f"{figure.title}: {heading}")
        self.figure = figure
        title = QLabel(heading, self)
        title.setObjectName("figure_heading")
        title.setWordWrap(True)
        self.note = QLabel(figure_note(figure), self)
        self.note.setObjectName("figure_note")
        self.note.setWordWrap(True)
        self.model = TableModel(self)
        self.model.set_table(figure_table(figure))
        self.view = QTableView(self)
        self.view.setObjectName("figure_rows")
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.resize(1000, 560)
