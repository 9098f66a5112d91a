"""The signature block at the end of a document: place and date, then signature lines."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from opsdesk.i18n import _
from opsdesk.printing.styles import CONTENT_WIDTH, INK, TABLE_FONT, para

SIGNING_SPACE = 16 * mm
GAP = 14 * mm


def _lines_table(
    captions: Sequence[str], names: Sequence[str | None], column: float, height: float
) -> Table:
    """One row of blank space above lines, the printed names and captions under the lines."""
    count = len(captions)
    columns = [column, GAP] * (count - 1) + [column]
    blank = [""] * len(columns)
    under = list(blank)
    for index, (caption, name) in enumerate(zip(captions, names)):
        cell = [para(name, "signature_name")] if name else []
        cell.append(para(caption, "caption"))
        under[2 * index] = cell
    table = Table([blank, under], colWidths=columns, rowHeights=[height, None], hAlign="LEFT")
    commands = [
        TABLE_FONT,
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 1), (-1, 1), 2),
    ]
    commands += [("LINEABOVE", (2 * i, 1), (2 * i, 1), 0.6, INK) for i in range(count)]
    table.setStyle(TableStyle(commands))
    return table


def signature_block(
    captions: Sequence[str],
    names: Sequence[str | None] = (),
    *,
    place_and_date: bool = True,
    width: float = CONTENT_WIDTH,
) -> Flowable:
    """Side-by-side signature lines, kept together on one page.

    ``captions`` go under the lines (e.g. "podpis osoby prowadzącej", "podpis
    kierownika"); ``names``, where given, are printed between line and caption. With
    ``place_and_date`` a line captioned "miejscowość, data" comes first.
    """
    if not captions:
        raise ValueError("a signature block needs at least one caption")
    count = max(len(captions), 2)
    column = (width - GAP * (count - 1)) / count
    names = list(names) + [None] * (len(captions) - len(names))
    flowables: list[Flowable] = [Spacer(1, 8 * mm)]
    if place_and_date:
        flowables += [_lines_table([_("place, date")], [None], column, 10 * mm), Spacer(1, 4 * mm)]
    flowables.append(_lines_table(captions, names, column, SIGNING_SPACE))
    return KeepTogether(flowables)
