"""The signature block at the end of a document: place and date, then signature lines."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from opsdesk.i18n import _
from opsdesk.printing.styles import CONTENT_WIDTH, INK, TABLE_FONT, para

SIGNING_SPACE = 16 * mm
GAP = 10 * mm


def _lines_table(
    captions: Sequence[str], names: Sequence[str | None], column: float, height: float
) -> Table:
    """One row of blank space above lines, the printed names and captions under the lines."""
    count = len(captions)
    columns = [column, GAP] * (count - 1) + [column]
    blank = [""] * len(columns)
    under: list[str | list[Flowable]] = list(blank)
    for index, (caption, name) in enumerate(zip(captions, names)):
        cell = [para(name, "signature_name")] if name else []
        cell.append(para(caption, "caption"))
        under[2 * index] = cell
    table = Table([blank, under], colWidths=columns, rowHeights=[height, None], hAlign="LEFT")
    commands: list[tuple[object, ...]] = [
        TABLE_FONT,
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 1), (-1, 1), 2),
    ]
    commands += [("LINEABOVE", (2 * i, 1), (2 * i, 1), 0.6, INK) for i in range(count)]
    table.setStyle(TableStyle(commands))
    return table


def signature_lines(
    captions: Sequence[str],
    names: Sequence[str | None] = (),
    *,
    place_and_date: bool = True,
    width: float = CONTENT_WIDTH,
) -> list[Flowable]:
    """The flowables of :func:`signature_block`, to keep together with other content."""
    if not captions:
        raise ValueError("a signature block needs at least one caption")
    names = list(names) + [None] * (len(captions) - len(names))
    captions = list(captions)
    if place_and_date:
        captions.insert(0, _("place, date"))
        names.insert(0, None)
    count = max(len(captions), 2)
    column = (width - GAP * (count - 1)) / count
    return [Spacer(1, 7 * mm), _lines_table(captions, names, column, SIGNING_SPACE)]


def signature_block(
    captions: Sequence[str],
    names: Sequence[str | None] = (),
    *,
    place_and_date: bool = True,
    width: float = CONTENT_WIDTH,
) -> Flowable:
    """Side-by-side signature lines in one row, kept together on one page.

    ``captions`` go under the lines (e.g. "podpis osoby prowadzącej", "podpis
    kierownika"); ``names``, where given, are printed between line and caption. With
    ``place_and_date`` the row starts with a line captioned "miejscowość, data".
    """
    return KeepTogether(
        signature_lines(captions, names, place_and_date=place_and_date, width=width)
    )
