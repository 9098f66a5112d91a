"""A letter to a party (or a record of a delivery), printed from a case: the office's
letterhead, the file number and the place and date, the addressee, the title, the office's
text with the case's values, and the signature lines.

Built from ``opsdesk.services.letters.records.LetterDocument``; uses ReportLab. The PDF is the
same, byte for byte, for the same document: no time of making is written into it (ReportLab's
invariant mode), and everything printed comes from the record, which the case's history keeps,
so a letter printed again is the letter printed then. Plain text only: nothing in a value is
read as markup.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from opsdesk.printing.fonts import FONT_BOLD
from opsdesk.printing.header import OfficeHeader
from opsdesk.printing.layout import letterhead, write_pdf
from opsdesk.printing.signatures import GAP, SIGNING_SPACE
from opsdesk.printing.styles import CONTENT_WIDTH, INK, TABLE_FONT, para, styles
from opsdesk.services.letters.records import LetterDocument

ADDRESSEE_INDENT = CONTENT_WIDTH * 0.52


def _style(name: str, **changes) -> ParagraphStyle:
    return ParagraphStyle(name, parent=styles()["body"], **changes)


def letter_styles() -> dict[str, ParagraphStyle]:
    return {
        "body": _style("letter_body", fontSize=10.5, leading=14.5, spaceAfter=3 * mm),
        "addressee": _style("letter_addressee", fontSize=10.5, leading=14),
        "addressee_name": _style(
            "letter_addressee_name", fontName=FONT_BOLD, fontSize=10.5, leading=14
        ),
        "title": _style(
            "letter_title",
            fontName=FONT_BOLD,
            fontSize=12,
            leading=16,
            alignment=TA_CENTER,
            spaceBefore=8 * mm,
            spaceAfter=6 * mm,
        ),
    }


def _row(left: list[Flowable] | str, right: list[Flowable] | str, split: float) -> Table:
    table = Table([[left, right]], colWidths=[split, CONTENT_WIDTH - split], hAlign="LEFT")
    table.setStyle(
        [
            TABLE_FONT,
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]
    )
    return table


def _signatures(document: LetterDocument) -> Flowable:
    """The signature lines on the right (one) or side by side (a record's two)."""
    count = len(document.signatures)
    if count == 0:
        return Spacer(1, 0)
    if count == 1:
        column = CONTENT_WIDTH - ADDRESSEE_INDENT
        columns = [ADDRESSEE_INDENT, column]
        offset = 1
    else:
        column = (CONTENT_WIDTH - GAP * (count - 1)) / count
        columns = [column, GAP] * (count - 1) + [column]
        offset = 0
    blank: list[object] = [""] * len(columns)
    under: list[object] = list(blank)
    for index, signature in enumerate(document.signatures):
        cell: list[Flowable] = []
        if signature.name:
            cell.append(para(signature.name, "signature_name"))
        cell.append(para(signature.label, "caption"))
        under[offset + 2 * index] = cell
    table = Table([blank, under], colWidths=columns, rowHeights=[SIGNING_SPACE, None])
    commands: list[tuple] = [
        TABLE_FONT,
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 1), (-1, 1), 2),
    ]
    commands += [
        ("LINEABOVE", (offset + 2 * i, 1), (offset + 2 * i, 1), 0.6, INK) for i in range(count)
    ]
    table.setStyle(commands)
    return KeepTogether([Spacer(1, 8 * mm), table])


def letter_story(document: LetterDocument) -> list[Flowable]:
    own = letter_styles()
    story: list[Flowable] = [Spacer(1, 4 * mm)]
    story.append(
        _row(
            [para(f"Znak sprawy: {document.file_number}", own["addressee"])],
            [
                para(
                    document.place_and_date,
                    _style("letter_date", fontSize=10.5, alignment=TA_RIGHT),
                )
            ],
            CONTENT_WIDTH * 0.5,
        )
    )
    if document.addressee:
        name, *lines = document.addressee
        block: list[Flowable] = [para(name, own["addressee_name"])]
        block += [para(line, own["addressee"]) for line in lines]
        story += [Spacer(1, 10 * mm), _row("", block, ADDRESSEE_INDENT)]
    story.append(para(document.title, own["title"]))
    for paragraph in document.body.split("\n\n"):
        if paragraph.strip():
            story.append(para(paragraph, own["body"]))
    story.append(_signatures(document))
    return story


def build_letter(
    document: LetterDocument, *, progress: Callable[[float], None] | None = None
) -> bytes:
    """The letter's PDF: A4, the office's letterhead on the first page, a running header on
    later ones, the footer (file number, template and version) and "Strona N z M"."""
    office = OfficeHeader(name=document.office_name, address_lines=document.office_lines)
    return write_pdf(
        letterhead(office) + letter_story(document),
        heading=" \u00b7 ".join(p for p in (document.office_name, document.file_number) if p),
        footer=document.footer,
        title=document.title.replace("\n", " "),
        subject=document.file_number,
        author=document.author,
        progress=progress,
        invariant=True,
    )
