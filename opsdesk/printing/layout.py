"""The A4 document: letterhead, title block, flowing content, running header and footer.

A document module builds its content as a list of flowables (see ``tables``,
``signatures``, ``charts``) and hands it with plain data to :func:`build_a4_pdf`.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    Image,
    PageTemplate,
    Spacer,
)

from opsdesk.i18n import _
from opsdesk.printing.fonts import FONT, register_fonts
from opsdesk.printing.formatting import format_datetime
from opsdesk.printing.header import DocumentInfo, OfficeHeader
from opsdesk.printing.page import numbered_canvas, running_header
from opsdesk.printing.styles import (
    CONTENT_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RULE,
    TABLE_FONT,
    para,
)
from opsdesk.printing.tables import TextRunTable

LOGO_STRIP_MAX_HEIGHT = 20 * mm
ProgressCallback = Callable[[float], None]


def logo_strip(data: bytes, width: float = CONTENT_WIDTH) -> Image:
    """The logo strip image scaled to ``width`` (and at most 20 mm high), centred."""
    try:
        pixel_width, pixel_height = ImageReader(io.BytesIO(data)).getSize()
    except Exception as error:  # ReportLab/Pillow raise many kinds for bad images
        raise ValueError(_("The logo strip is not a PNG or JPEG image.")) from error
    scale = min(width / pixel_width, LOGO_STRIP_MAX_HEIGHT / pixel_height)
    image = Image(io.BytesIO(data), width=pixel_width * scale, height=pixel_height * scale)
    image.hAlign = "CENTER"
    return image


def letterhead(office: OfficeHeader, width: float = CONTENT_WIDTH) -> list[Flowable]:
    """Logo strip, office name and address (left), project name and number (right)."""
    flowables: list[Flowable] = []
    if office.logo_strip:
        flowables += [logo_strip(office.logo_strip, width), Spacer(1, 3 * mm)]
    office_cell = [para(office.name, "office")]
    office_cell += [para(line, "address") for line in office.address_lines if line]
    project_lines = []
    if office.project_name:
        project_lines.append(_("Project “{name}”").format(name=office.project_name))
    if office.project_number:
        project_lines.append(_("No. {number}").format(number=office.project_number))
    if project_lines:
        cells = [[office_cell, [para(line, "project") for line in project_lines]]]
        widths = [width * 0.55, width * 0.45]
    else:
        cells, widths = [[office_cell]], [width]
    table = TextRunTable(cells, colWidths=widths, hAlign="LEFT")
    table.setStyle(
        [
            TABLE_FONT,
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]
    )
    flowables += [table, Spacer(1, 2 * mm), HRFlowable(width="100%", thickness=0.6, color=RULE)]
    return flowables


def title_block(info: DocumentInfo) -> list[Flowable]:
    """The document's title and optional subtitle, centred."""
    flowables: list[Flowable] = [para(info.title, "title")]
    if info.subtitle:
        flowables.append(para(info.subtitle, "subtitle"))
    else:
        flowables.append(Spacer(1, 4 * mm))
    return flowables


def footer_text(info: DocumentInfo) -> str:
    """ "Wygenerowano dd.mm.yyyy HH:MM przez <person>"."""
    when = format_datetime(info.generated_at)
    if info.generated_by:
        return _("Generated {when} by {person}").format(when=when, person=info.generated_by)
    return _("Generated {when}").format(when=when)


@dataclass
class _ProgressRelay:
    """Turns ReportLab's ``(kind, value)`` progress calls into a rising fraction 0..1.

    Splitting a flowable puts pieces back in the queue, so the raw count can step back;
    the fraction reported never does.
    """

    report: ProgressCallback
    total: int = field(default=0)
    done: float = field(default=0.0)

    def __call__(self, kind: str, value: int) -> None:
        if kind == "SIZE_EST":
            self.total = max(int(value), 1)
        elif kind == "PROGRESS" and self.total:
            self._advance(min(value / self.total, 1.0))
        elif kind == "FINISHED":
            self._advance(1.0)

    def _advance(self, fraction: float) -> None:
        if fraction > self.done:
            self.done = fraction
            self.report(fraction)


def build_a4_pdf(
    office: OfficeHeader,
    info: DocumentInfo,
    content: list[Flowable],
    *,
    progress: ProgressCallback | None = None,
) -> bytes:
    """The finished A4 PDF: letterhead and title on page 1, then ``content``.

    Pages after the first carry a one-line running header (office, title); every page
    ends with "Wygenerowano … przez …" and "Strona N z M".
    ``progress`` receives the fraction of the content laid out so far.
    """
    return build_pdf(office, info, content, progress=progress)


def content_width(page_size: tuple[float, float]) -> float:
    """The width between the margins of a page of ``page_size``."""
    return page_size[0] - MARGIN_LEFT - MARGIN_RIGHT


def build_pdf(
    office: OfficeHeader,
    info: DocumentInfo,
    content: list[Flowable],
    *,
    page_size: tuple[float, float] = (PAGE_WIDTH, PAGE_HEIGHT),
    progress: ProgressCallback | None = None,
) -> bytes:
    """As :func:`build_a4_pdf`, on pages of ``page_size`` (e.g. A5: half an A4 sheet); the
    content is laid out to :func:`content_width` of it."""
    heading = " · ".join(part for part in (office.name, info.title, info.subtitle) if part)
    story = letterhead(office, content_width(page_size)) + title_block(info) + list(content)
    return write_pdf(
        story,
        heading=heading,
        footer=footer_text(info),
        title=info.title,
        subject=info.subtitle or "",
        author=info.generated_by,
        page_size=page_size,
        progress=progress,
    )


def write_pdf(
    story: list[Flowable],
    *,
    heading: str,
    footer: str,
    title: str,
    subject: str,
    author: str,
    page_size: tuple[float, float] = (PAGE_WIDTH, PAGE_HEIGHT),
    progress: ProgressCallback | None = None,
    invariant: bool | None = None,
) -> bytes:
    """``story`` laid out between the margins of pages of ``page_size``: the running header
    ``heading`` on every page after the first, ``footer`` and "Strona N z M" on every page;
    ``invariant`` writes no time of making (the same story, the same bytes)."""
    register_fonts()
    buffer = io.BytesIO()
    width, height = page_size
    frame = Frame(
        MARGIN_LEFT,
        MARGIN_BOTTOM,
        content_width(page_size),
        height - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="content",
    )
    document = BaseDocTemplate(
        buffer,
        pagesize=(width, height),
        pageTemplates=[
            PageTemplate("first", frames=[frame], autoNextPageTemplate="later"),
            PageTemplate("later", frames=[frame], onPage=running_header(heading)),
        ],
        title=title,
        subject=subject,
        author=author,
        creator="opsdesk",
        initialFontName=FONT,
        lang="pl-PL",
        invariant=None if invariant is None else int(invariant),
    )
    if progress is not None:
        document.setProgressCallBack(_ProgressRelay(progress))
    document.build(story, canvasmaker=numbered_canvas(footer))
    return buffer.getvalue()
