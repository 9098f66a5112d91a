"""Plain data printed at the top and bottom of every document (no ReportLab here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


def _now() -> dt.datetime:
    return dt.datetime.now().replace(second=0, microsecond=0)


@dataclass(frozen=True)
class OfficeHeader:
    """The office's letterhead, from the office profile.

    ``logo_strip`` is a PNG or JPEG image (e.g. the EU project's row of logos) printed
    across the top of the first page, scaled to the text width.
    """

    name: str
    address_lines: tuple[str, ...] | list[str] = ()
    project_name: str | None = None
    project_number: str | None = None
    logo_strip: bytes | None = None


@dataclass(frozen=True)
class DocumentInfo:
    """What the document is and who made it: title block, footer and PDF metadata."""

    title: str
    subtitle: str | None = None
    generated_by: str = ""
    generated_at: dt.datetime = field(default_factory=_now)
