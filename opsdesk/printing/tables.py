"""Tables that fit A4, wrap long text inside their cells and break across pages.

Every cell becomes a Paragraph, so long text wraps within its column instead of running
over the neighbour; the header row repeats on each page the table continues on.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reportlab.platypus import Flowable, Table, TableStyle

from opsdesk.printing.styles import (
    CONTENT_WIDTH,
    GRID,
    HEADER_FILL,
    INK,
    TABLE_FONT,
    TOTAL_FILL,
    ZEBRA_FILL,
    cell_style,
    para,
    styles,
)

Cell = str | int | float | Flowable | None

CELL_PADDING = 3.5


def column_widths(weights: Sequence[float], width: float = CONTENT_WIDTH) -> list[float]:
    """Split ``width`` (by default the A4 text width) in proportion to ``weights``."""
    total = float(sum(weights))
    if total <= 0 or any(weight < 0 for weight in weights):
        raise ValueError("column weights must be non-negative and not all zero")
    return [width * weight / total for weight in weights]


def _cell(value: Cell, alignment: str, bold: bool = False) -> Flowable:
    if isinstance(value, Flowable):
        return value
    text = "" if value is None else str(value)
    return para(text, cell_style(alignment, bold))


def totals_style(first_row: int, last_row: int = -1) -> list[tuple]:
    """Table style commands for totals rows: bold-looking band with a rule above."""
    return [
        ("BACKGROUND", (0, first_row), (-1, last_row), TOTAL_FILL),
        ("LINEABOVE", (0, first_row), (-1, first_row), 1.0, INK),
    ]


def _spans(row_index: int, row: Sequence[Cell]) -> list[tuple]:
    """SPAN commands merging every ``None`` cell of a totals row into the cell on its left."""
    commands, start = [], 0
    for column in range(1, len(row) + 1):
        if column == len(row) or row[column] is not None:
            if column - 1 > start:
                commands.append(("SPAN", (start, row_index), (column - 1, row_index)))
            start = column
    return commands


def data_table(
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    *,
    weights: Sequence[float],
    align: Sequence[str] | None = None,
    totals: Sequence[Sequence[Cell]] = (),
    width: float = CONTENT_WIDTH,
    zebra: bool = True,
) -> Table:
    """A ruled table with a shaded header row repeated on every page.

    ``weights`` set the relative column widths (the table is always ``width`` wide);
    ``align`` gives each column's "LEFT", "RIGHT" or "CENTER" (numbers right-aligned).
    ``totals`` rows come last in bold on a darker band; a ``None`` in a totals row merges
    that cell into the one on its left (e.g. ``["Razem", None, None, "12,50", None]``).
    """
    columns = len(header)
    align = list(align) if align else ["LEFT"] * columns
    if len(weights) != columns or len(align) != columns:
        raise ValueError("header, weights and align must have the same length")
    data = [[_cell(title, alignment, bold=True) for title, alignment in zip(header, align)]]
    for row in rows:
        if len(row) != columns:
            raise ValueError(f"row has {len(row)} cells, expected {columns}")
        data.append([_cell(value, alignment) for value, alignment in zip(row, align)])
    body_end = len(data) - 1
    for row in totals:
        data.append([_cell(value, alignment, bold=True) for value, alignment in zip(row, align)])

    commands: list[tuple] = [
        TABLE_FONT,
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BOX", (0, 0), (-1, -1), 0.8, INK),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if zebra and body_end >= 2:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, body_end), [None, ZEBRA_FILL]))
    if totals:
        commands += totals_style(body_end + 1)
        for offset, row in enumerate(totals, start=body_end + 1):
            commands += _spans(offset, row)
    table = Table(data, colWidths=column_widths(weights, width), repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table


def facts_table(
    facts: Sequence[tuple[str, str]], *, columns: int = 2, width: float = CONTENT_WIDTH
) -> Table:
    """Label-over-value pairs in a grid, e.g. contract number, provider, period."""
    sheet = styles()
    cells = [[para(label, sheet["label"]), para(value, sheet["value"])] for label, value in facts]
    while len(cells) % columns:
        cells.append("")
    grid = [cells[start:start + columns] for start in range(0, len(cells), columns)]
    table = Table(grid, colWidths=[width / columns] * columns, hAlign="LEFT")
    table.setStyle(TableStyle([
        TABLE_FONT,
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, GRID),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3 * CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    return table
