"""Tables that fit A4, wrap long text inside their cells and break across pages.

A cell whose text is wider than its column becomes a wrapping text block, so it stays within
the column instead of running over the neighbour; a cell that fits on one line stays a plain
string drawn in the same font (cheaper to lay out than a text block, which matters on a
200-row month). The header row repeats on each page the table continues on. A data table
writes the lines of its plain cells into one text object (``TextRunTable``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence, Set
from functools import lru_cache
from typing import TypeAlias

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable, Table, TableStyle
from reportlab.platypus.tables import CellStyle

from opsdesk.printing.fonts import missing_glyphs
from opsdesk.printing.plain_text import PlainText, wrapped_lines
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

Cell: TypeAlias = str | int | float | Flowable | None

CELL_PADDING = 3.5
CELL_TOP_PADDING = 2.5
CELL_BOTTOM_PADDING = 3
FIT_MARGIN = 0.5  # points kept free in a one-line cell, against rounding

log = logging.getLogger("opsdesk.printing")


def column_widths(weights: Sequence[float], width: float = CONTENT_WIDTH) -> list[float]:
    """Split ``width`` (by default the A4 text width) in proportion to ``weights``."""
    total = float(sum(weights))
    if total <= 0 or any(weight < 0 for weight in weights):
        raise ValueError("column weights must be non-negative and not all zero")
    return [width * weight / total for weight in weights]


@lru_cache(maxsize=8192)
def _text_width(text: str, font: str, size: float) -> float:
    """``stringWidth``, remembered: dates, hours and forms repeat down a column."""
    return stringWidth(text, font, size)


def _cell(
    value: Cell, alignment: str, bold: bool = False, width: float | None = None
) -> Flowable | str:
    """The cell's text as the table draws it itself: one line when it fits ``width`` (the
    column's inner width), else its lines wrapped to that width and joined by line breaks
    (a table sizes and draws such a string far more cheaply than a text block, which
    matters on a 200-row month). Without a width, a wrapping text block; a Flowable is
    kept as it is."""
    if isinstance(value, Flowable):
        return value
    text = "" if value is None else str(value)
    style = cell_style(alignment, bold)
    if width is None:
        return para(text, style)
    if missing := missing_glyphs(text):
        log.warning("no glyph in the document font for %s", "".join(sorted(missing)))
    if "\n" not in text and _text_width(text, style.fontName, style.fontSize) <= width - FIT_MARGIN:
        return text
    return "\n".join(wrapped_lines(text, style.fontName, style.fontSize, width))


_RUN_ALIGNMENTS = ("LEFT", "RIGHT", "CENTER", "CENTRE")


class TextRunTable(Table):
    """A Table that writes the lines of its plain-string cells and of the text blocks in its
    cells into one PDF text object (one run) instead of a text object per line (ReportLab's
    ``drawString`` for each string) or per block.

    Each line is placed exactly where ``drawString``, ``drawRightString`` or
    ``drawCentredString`` would put it, or where the block would draw it, in the cell's (the
    block's) font and colour, so the page looks and reads the same; a 16-row month's table
    has ~130 lines and each text object of its own cost a sheet about as much as its text.
    The run is ended before a cell holding any other flowable (drawn by ReportLab as before,
    in order) and before the table's rules.
    """

    _run: PDFTextObject | None = None
    _run_font: tuple[str, float, float] | None = None
    _run_color: object = None

    def _calc(self, availWidth, availHeight) -> None:
        """Size the rows and columns, unless they were sized for this width already, all of
        them, and the table fits the height now given: then a new sizing would come out the
        same. (A sheet's summary, laid out inside the table beside the declaration, was sized
        four times; its tail is wrapped on one page and again on the next.)"""
        d = self.__dict__
        if (
            d.get("_sized_for") == availWidth
            and d.get("_hmax") == self._nrows
            and self._height <= availHeight
        ):
            return
        d.pop("_sized_for", None)  # a failed sizing leaves nothing to rely on
        super()._calc(availWidth, availHeight)
        self._sized_for = availWidth

    def setStyle(self, tblstyle) -> None:
        self.__dict__.pop("_sized_for", None)  # spans change how cells are sized
        super().setStyle(tblstyle)

    def draw(self) -> None:
        self._run = None
        super().draw()

    def _drawCell(self, cellval, cellstyle, pos, size) -> None:
        if (
            cellstyle.alignment not in _RUN_ALIGNMENTS
            or cellstyle.href
            or cellstyle.destination
            or cellstyle.direction
            or cellstyle.shaping
        ):
            self._end_run()
            super()._drawCell(cellval, cellstyle, pos, size)
        elif isinstance(cellval, PlainText) or (
            isinstance(cellval, (tuple, list))
            and all(type(block) is PlainText for block in cellval)
        ):
            self._run_blocks(cellval, cellstyle, pos, size)
        elif isinstance(cellval, (tuple, list, Flowable)) or getattr(cellval, "onDraw", None):
            self._end_run()
            super()._drawCell(cellval, cellstyle, pos, size)
        else:
            self._run_lines(str(cellval), cellstyle, pos, size)

    def _run_in(self, font: str, size: float, leading: float, color: object) -> PDFTextObject:
        """The run, in ``font`` and ``color`` (set only where they change)."""
        run = self._run
        if run is None:
            run = self._run = self.canv.beginText()
            self._run_font = self._run_color = None
        if self._run_font != (font, size, leading):
            run.setFont(font, size, leading)
            self._run_font = (font, size, leading)
        if color is not self._run_color and (self._run_color is None or color != self._run_color):
            run.setFillColor(color)
            self._run_color = color
        return run

    def _run_lines(self, text: str, cellstyle, pos, size) -> None:
        if not text:
            return  # ReportLab would write an empty text object: nothing to see or read
        colpos, rowpos = pos
        colwidth, rowheight = size
        lines = text.split("\n")
        font, font_size, leading = cellstyle.fontname, cellstyle.fontsize, cellstyle.leading
        # the vertical position as Table._drawCell computes it
        valign = cellstyle.valign
        if valign == "BOTTOM":
            y = rowpos + cellstyle.bottomPadding + len(lines) * leading - font_size
        elif valign == "TOP":
            y = rowpos + rowheight - cellstyle.topPadding - font_size
        elif valign == "MIDDLE":
            y = (
                rowpos
                + (
                    cellstyle.bottomPadding
                    + rowheight
                    - cellstyle.topPadding
                    + len(lines) * leading
                )
                / 2.0
                - font_size
            )
        else:
            raise ValueError(f"Bad valign: {valign!a}")
        run = self._run_in(font, font_size, leading, cellstyle.color)
        just = cellstyle.alignment
        if just == "LEFT":
            x = colpos + cellstyle.leftPadding
        elif just == "RIGHT":
            x = colpos + colwidth - cellstyle.rightPadding
        else:
            x = colpos + (colwidth + cellstyle.leftPadding - cellstyle.rightPadding) * 0.5
        for line in lines:
            if just == "LEFT":
                run.setTextOrigin(x, y)
            else:
                width = _text_width(line, font, font_size)
                run.setTextOrigin(x - width if just == "RIGHT" else x - 0.5 * width, y)
            run.textOut(line)
            y -= leading

    def _run_blocks(self, cellval, cellstyle, pos, size) -> None:
        """Text blocks placed in their cell as Table._drawCell places flowables."""
        blocks = cellval if isinstance(cellval, (tuple, list)) else (cellval,)
        colpos, rowpos = pos
        colwidth, rowheight = size
        widths: list[float] = []
        heights: list[float] = []
        _w, h = self._listCellGeom(blocks, colwidth, cellstyle, W=widths, H=heights, aH=rowheight)
        valign = cellstyle.valign
        if valign == "TOP":
            y = rowpos + rowheight - cellstyle.topPadding
        elif valign == "BOTTOM":
            y = rowpos + cellstyle.bottomPadding + h
        else:
            y = rowpos + (rowheight + cellstyle.bottomPadding - cellstyle.topPadding + h) / 2.0
        if blocks:
            y += blocks[0].getSpaceBefore()
        just = cellstyle.alignment
        for block, w, h in zip(blocks, widths, heights):
            if just == "LEFT":
                x = colpos + cellstyle.leftPadding
            elif just == "RIGHT":
                x = colpos + colwidth - cellstyle.rightPadding - w
            else:
                x = colpos + (colwidth + cellstyle.leftPadding - cellstyle.rightPadding - w) / 2.0
            y -= block.getSpaceBefore()
            y -= h
            style = block.style
            run = self._run_in(style.fontName, style.fontSize, style.leading, style.textColor)
            for dx, dy, line in block.placed_lines():
                run.setTextOrigin(x + dx, y + dy)
                run.textOut(line)
            y -= block.getSpaceAfter()

    def _end_run(self) -> None:
        """Write the run so far; what the table draws next finds the canvas's font and colour
        set again (the run changed them inside its text object only)."""
        if self._run is not None:
            self.canv.drawText(self._run)
            self._run = None
            self._curcellstyle = None

    def _drawLines(self) -> None:
        self._end_run()
        super()._drawLines()


def _cell_styles(rows: int, align: Sequence[str], bold_rows: Set[int]) -> list[list[CellStyle]]:
    """Each cell's style, drawing plain-string cells exactly like the text-block cells: what
    the commands FONT and TEXTCOLOR (the cell style's), ALIGN (per column), FONTNAME (the bold
    face in ``bold_rows``), VALIGN MIDDLE and the paddings would set, made directly. A table
    applies such commands cell by cell, command by command: that was a third of the making of
    a month's table, and more of a 200-row one. Every cell has its own style, as a table
    makes them, so a later ``setStyle`` changes only the cells it names."""
    regular, bold = cell_style(), cell_style(bold=True)
    color = colors.toColor(regular.textColor, colors.Color(0, 0, 0))

    def model(alignment: str, font: str) -> dict[str, object]:
        return {
            "fontname": font,
            "fontsize": regular.fontSize,
            "leading": regular.leading,
            "color": color,
            "alignment": alignment.upper(),
            "valign": "MIDDLE",
            "leftPadding": CELL_PADDING,
            "rightPadding": CELL_PADDING,
            "topPadding": CELL_TOP_PADDING,
            "bottomPadding": CELL_BOTTOM_PADDING,
        }

    models = {
        weight: [model(alignment, font) for alignment in align]
        for weight, font in ((False, regular.fontName), (True, bold.fontName))
    }
    styles_: list[list[CellStyle]] = []
    for row in range(rows):
        line = []
        for column, values in enumerate(models[row in bold_rows]):
            style = CellStyle.__new__(CellStyle)
            style.__dict__.update(values)
            style.name = repr((row, column))
            line.append(style)
        styles_.append(line)
    return styles_


def totals_style(first_row: int, last_row: int = -1) -> list[tuple]:
    """Table style commands for totals rows: bold-looking band with a rule above."""
    return [
        ("BACKGROUND", (0, first_row), (-1, last_row), TOTAL_FILL),
        ("LINEABOVE", (0, first_row), (-1, first_row), 1.0, INK),
    ]


def _spanned_room(row: Sequence[Cell], index: int, inner: Sequence[float]) -> float:
    """The inner width of a totals cell together with the ``None`` cells merged into it."""
    end = index + 1
    while end < len(row) and row[end] is None:
        end += 1
    return sum(inner[index:end]) + 2 * CELL_PADDING * (end - index - 1)


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
    widths = column_widths(weights, width)
    inner = [w - 2 * CELL_PADDING for w in widths]
    data = [
        [
            _cell(title, alignment, True, room)
            for title, alignment, room in zip(header, align, inner)
        ]
    ]
    for row in rows:
        if len(row) != columns:
            raise ValueError(f"row has {len(row)} cells, expected {columns}")
        data.append(
            [
                _cell(value, alignment, False, room)
                for value, alignment, room in zip(row, align, inner)
            ]
        )
    body_end = len(data) - 1
    for row in totals:
        data.append(
            [
                _cell(value, alignment, True, _spanned_room(row, index, inner))
                for index, (value, alignment) in enumerate(zip(row, align))
            ]
        )

    commands: list[tuple] = [
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BOX", (0, 0), (-1, -1), 0.8, INK),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
    ]
    if zebra and body_end >= 2:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, body_end), [None, ZEBRA_FILL]))
    if totals:
        commands += totals_style(body_end + 1)
        for offset, row in enumerate(totals, start=body_end + 1):
            commands += _spans(offset, row)
    bold_rows = {0, *range(body_end + 1, len(data))}  # the header and the totals
    table = TextRunTable(
        data,
        colWidths=widths,
        repeatRows=1,
        hAlign="LEFT",
        cellStyles=_cell_styles(len(data), align, bold_rows),
        normalizedData=1,  # every cell is a str or a flowable already (_cell)
    )
    table.setStyle(TableStyle(commands))
    return table


def facts_table(
    facts: Sequence[tuple[str, str]], *, columns: int = 2, width: float = CONTENT_WIDTH
) -> Table:
    """Label-over-value pairs in a grid, e.g. contract number, provider, period."""
    sheet = styles()
    cells: list[list[Flowable] | str] = [
        [para(label, sheet["label"]), para(value, sheet["value"])] for label, value in facts
    ]
    while len(cells) % columns:
        cells.append("")
    grid = [cells[start : start + columns] for start in range(0, len(cells), columns)]
    table = TextRunTable(grid, colWidths=[width / columns] * columns, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                TABLE_FONT,
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, GRID),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3 * CELL_PADDING),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def side_by_side(
    cells: Sequence[Flowable | list[Flowable]], widths: Sequence[float], gap: float
) -> Table:
    """Flowables in columns of ``widths`` with ``gap`` between them, tops aligned (e.g. a
    summary table beside a chart)."""
    row: list = []
    columns: list[float] = []
    for index, (cell, width) in enumerate(zip(cells, widths)):
        if index:
            row.append("")
            columns.append(gap)
        row.append(cell)
        columns.append(width)
    table = Table([row], colWidths=columns, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                TABLE_FONT,
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table
