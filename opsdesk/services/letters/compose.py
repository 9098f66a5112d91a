"""A letter's text and frame put together: the one path from a template version and plain
values to a ``LetterDocument``, for printing, previewing and printing again.

What a printed letter stores (``case_letter.content``, JSON) is exactly what this needs besides
the template's version: the values of the fields its text uses (no others: a letter keeps no
more personal data than it shows) and its frame (letterhead, place and date, addressee,
signatures, footer), so the same version and content make the same document.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from opsdesk.domain.letter_templates import MissingValues, Template, parse, render
from opsdesk.domain.letters import LetterKind
from opsdesk.errors import ValidationError
from opsdesk.services.letters.records import LetterDocument, Signature


@dataclass(frozen=True)
class Frame:
    """What a letter prints around the template's text."""

    office_name: str
    office_lines: tuple[str, ...]
    place_and_date: str
    file_number: str
    addressee: tuple[str, ...]
    signatures: tuple[Signature, ...]
    footer: str
    author: str

    def as_json(self) -> dict[str, Any]:
        return {
            "office_name": self.office_name,
            "office_lines": list(self.office_lines),
            "place_and_date": self.place_and_date,
            "file_number": self.file_number,
            "addressee": list(self.addressee),
            "signatures": [[s.label, s.name] for s in self.signatures],
            "footer": self.footer,
            "author": self.author,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Frame:
        return cls(
            office_name=str(data["office_name"]),
            office_lines=tuple(str(line) for line in data["office_lines"]),
            place_and_date=str(data["place_and_date"]),
            file_number=str(data["file_number"]),
            addressee=tuple(str(line) for line in data["addressee"]),
            signatures=tuple(
                Signature(str(label), str(name)) for label, name in data["signatures"]
            ),
            footer=str(data["footer"]),
            author=str(data["author"]),
        )


@dataclass(frozen=True)
class Composed:
    document: LetterDocument
    used: dict[str, str]  # the values of the fields the text uses


def _texts(kind: LetterKind, title: str, body: str) -> tuple[Template, Template]:
    return parse(title, kind.known), parse(body, kind.known)


def compose(
    kind: LetterKind,
    title: str,
    body: str,
    values: Mapping[str, str],
    frame: Frame,
    letter_id: int | None = None,
) -> Composed:
    """The letter, or ValidationError ("values") naming every field it needs that has no
    value: then nothing may be printed."""
    title_template, body_template = _texts(kind, title, body)
    try:
        rendered_title = render(title_template, values, kind.field_label)
        rendered_body = render(body_template, values, kind.field_label)
    except MissingValues as missing:
        raise ValidationError.single("values", str(missing)) from None
    names = dict.fromkeys((*title_template.names, *body_template.names))
    used = {name: values[name] for name in names if name in values}
    document = LetterDocument(
        office_name=frame.office_name,
        office_lines=frame.office_lines,
        logo_strip=None,  # a letter is the office's, not a project's: its letterhead only
        place_and_date=frame.place_and_date,
        file_number=frame.file_number,
        addressee=frame.addressee,
        title=rendered_title.strip(),
        body=normalised(rendered_body),
        signatures=frame.signatures,
        footer=frame.footer,
        author=frame.author,
        letter_id=letter_id,
    )
    return Composed(document, used)


def normalised(text: str) -> str:
    """Line ends as ``\\n``, no trailing spaces, at most one empty line between paragraphs.
    Every line break a paste can bring counts as one (``\\r\\n``, ``\\r``, and Word's manual
    line break ``\\v``, a page break ``\\f``, U+2028 …: ``str.splitlines``)."""
    lines = [line.rstrip() for line in text.splitlines()]
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def content_json(used: Mapping[str, str], frame: Frame) -> str:
    return json.dumps(
        {"values": dict(used), "frame": frame.as_json()}, ensure_ascii=False, sort_keys=True
    )


def read_content(content: str) -> tuple[dict[str, str], Frame] | None:
    """The values and frame a letter was printed with; None when they are gone (anonymised)."""
    try:
        data = json.loads(content)
        values = {str(k): str(v) for k, v in data["values"].items()}
        return values, Frame.from_json(data["frame"])
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
