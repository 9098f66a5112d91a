"""The signature block at the end of a document: place and date, then signature lines."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from opsdesk.i18n import _
from opsdesk.printing.styles import CONTENT_WIDTH, INK, TABLE_FONT, para
from opsdesk.printing.tables import TextRunTable

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
    table = TextRunTable(
        [blank, under], colWidths=columns, rowHeights=[height, None], hAlign="LEFT"
    )
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


TOO_TALL = 1.0  # points over the room past which a part cannot fit, whatever a frame's fuzz
KEEP_ROWS = 2  # the last data row and the totals row (or the last two rows) go with the signatures


def _flat(flowables: Sequence[Flowable]) -> list[Flowable]:
    """The flowables with any KeepTogether opened (it is kept together here anyway, and its
    ``wrap`` asks to be split rather than telling its height)."""
    flat: list[Flowable] = []
    for flowable in flowables:
        if isinstance(flowable, KeepTogether):
            flat += _flat(flowable._content)
        else:
            flat.append(flowable)
    return flat


class _RowsWithTail(Flowable):
    """``lead`` (a heading), a table and ``tail`` (notes, signatures) as one flowable that
    breaks only inside the table, so that its last ``keep`` rows always go with the tail and
    the lead always has rows under it. Where that cannot be done on this page, it all moves
    to the next one."""

    def __init__(
        self, lead: Sequence[Flowable], table: Table, tail: Sequence[Flowable], keep: int
    ) -> None:
        super().__init__()
        self._lead = _flat(lead)
        self._table = table
        self._tail = _flat(tail)
        self._keep = keep

    def _parts(self) -> list[Flowable]:
        return [*self._lead, self._table, *self._tail]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """The height of it all; once the lead and the table alone are clearly taller than
        the room, the tail is not laid out: it cannot fit here, and the split that follows
        needs only the lead's and the table's sizes (a tail is a summary, notes and the
        signatures: laying them out for nothing on every page cost a sheet a tenth of its
        time)."""
        self._sizes = []
        height = 0.0
        parts = self._parts()
        for flowable in parts:
            width, part_height = flowable.wrapOn(self.canv, availWidth, availHeight)
            self._sizes.append((width, part_height))
            height += part_height + flowable.getSpaceBefore() + flowable.getSpaceAfter()
            if len(self._sizes) > len(self._lead) and height > availHeight + TOO_TALL:
                break
        self._wrapped_for = (availWidth, availHeight)  # split() after it reuses the sizes
        self.width, self.height = availWidth, height
        return availWidth, height

    def draw(self) -> None:
        """All of it fits where it stands: the parts one under another, as a frame would."""
        if len(self._sizes) < len(self._parts()):  # only ever drawn after a full wrap
            self.wrap(self.width, float("inf"))
        y = self.height
        for index, (flowable, (width, height)) in enumerate(zip(self._parts(), self._sizes)):
            if index:
                y -= flowable.getSpaceBefore()
            y -= height
            flowable.drawOn(self.canv, 0, y, _sW=self.width - width)
            y -= flowable.getSpaceAfter()

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        table = self._table
        if getattr(self, "_wrapped_for", None) == (availWidth, availHeight):
            # the frame wrapped this just now in the same room: the lead's and the table's
            # sizes stand (wrapping a long table again costs as much as laying it out)
            lead_sizes = self._sizes[: len(self._lead)]
        else:
            lead_sizes = [f.wrapOn(self.canv, availWidth, availHeight) for f in self._lead]
            table.wrapOn(self.canv, availWidth, availHeight)
        lead_height = sum(
            h + f.getSpaceBefore() + f.getSpaceAfter() for f, (_w, h) in zip(self._lead, lead_sizes)
        )
        heights = list(table._rowHeights)
        repeat = table.repeatRows
        header = repeat if isinstance(repeat, int) else len(repeat)
        room = availHeight - lead_height - table.getSpaceBefore()
        last = len(heights) - self._keep  # rows that may go on this page: [0, last)
        used, rows = 0.0, 0
        for index, height in enumerate(heights[:last]):
            if used + height > room:
                break
            used, rows = used + height, index + 1
        if rows <= header:  # nothing but the header would stay here: move it all on
            return []
        parts = table.splitOn(self.canv, availWidth, used + 0.01)
        if len(parts) != 2 or len(parts[0]._cellvalues) > rows:
            return []
        first, rest = parts
        return [*self._lead, first, _RowsWithTail([], rest, self._tail, self._keep)]

    def getSpaceBefore(self) -> float:
        return self._parts()[0].getSpaceBefore()


def signed_ending(
    signatures: Sequence[Flowable],
    *,
    table: Flowable | None = None,
    before: Sequence[Flowable] = (),
    after: Sequence[Flowable] = (),
    keep: int = KEEP_ROWS,
) -> list[Flowable]:
    """The end of a document: ``before`` (a heading), its last ``table``, ``after`` (a
    summary, notes) and the ``signatures``, laid out so that the signatures never stand alone
    on a page.

    The table may break across pages, but its last ``keep`` rows stay with everything after
    it and the signatures, and ``before`` stays with its first rows. Without a table (or with
    too few rows to break), it all is kept on one page. Every signed document ends through
    here.
    """
    if not isinstance(table, Table):
        middle = [table] if table is not None else []
        return [KeepTogether([*before, *middle, *after, *signatures])]
    return [_RowsWithTail(before, table, [*after, *signatures], keep)]
