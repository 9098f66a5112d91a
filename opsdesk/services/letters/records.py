"""Plain records of letters and their templates (never ORM objects), and what a person gives
to print a letter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from opsdesk.domain.ids import CaseId


@dataclass(frozen=True)
class FieldRecord:
    name: str  # the placeholder, e.g. "klient.imie_nazwisko"
    label: str  # translated, e.g. "imię i nazwisko klienta"
    sample: str  # a made-up value, for the preview
    required: bool  # every template of the kind must use it


@dataclass(frozen=True)
class KindRecord:
    code: str
    label: str
    legal_basis: str
    fields: tuple[FieldRecord, ...]  # the kind's own first, then the common ones
    inputs: tuple[str, ...]  # what the person gives when printing (LetterInputs' fields)


@dataclass(frozen=True)
class TemplateVersionRecord:
    id: int
    version: int
    title: str
    body: str
    created_at: datetime
    created_by: str  # "" for the shipped text


@dataclass(frozen=True)
class TemplateRecord:
    id: int
    kind: str
    kind_label: str
    name: str
    shipped: bool  # opsdesk's own template: its shipped text can be restored
    active: bool
    current: TemplateVersionRecord  # the newest version: the one printed

    @property
    def version(self) -> int:
        return self.current.version


@dataclass(frozen=True)
class TemplateInput:
    """A template as typed in the editor."""

    name: str
    title: str
    body: str
    kind: str = ""  # only when creating a template


@dataclass(frozen=True)
class LetterInputs:
    """What the person gives when printing a letter (each kind asks for some of them)."""

    counted_from: date | None = None  # summons: the day it is delivered (default today)
    missing: str = ""  # summons: what the application lacks
    new_date: date | None = None  # art. 36 notice
    reason: str = ""  # art. 36 notice: why the decision is late
    interview_on: date | None = None  # interview notice
    interview_at: str = ""  # interview notice: "10:00"
    linked_case_id: int | None = None  # hand-off notice: the case on the other team's board
    delivered_on: date | None = None  # delivery record (default today)
    delivery_manner: str = ""  # delivery record
    content: str = ""  # other letter: its text


@dataclass(frozen=True)
class LetterChoice:
    """A template that may be printed from a case, or why not now."""

    template_id: int
    name: str
    kind: str
    kind_label: str
    version: int
    inputs: tuple[str, ...]
    problem: str  # "" when it can be printed
    linked_cases: tuple[tuple[int, str], ...] = ()  # hand-off: (case id, "file — team")


@dataclass(frozen=True)
class Signature:
    label: str
    name: str  # "" for a line left to sign by hand


@dataclass(frozen=True)
class LetterDocument:
    """Everything printed on a letter: the finished text and its frame. The same record is
    rebuilt from the case's history to print the letter again, byte for byte."""

    office_name: str
    office_lines: tuple[str, ...]
    logo_strip: bytes | None
    place_and_date: str  # "Gryfino, dnia 30.11.2026"
    file_number: str
    addressee: tuple[str, ...]  # name and address lines; () for a record without one
    title: str
    body: str  # paragraphs separated by an empty line
    signatures: tuple[Signature, ...]
    footer: str
    author: str  # the PDF's author
    letter_id: int | None  # None for a preview


@dataclass(frozen=True)
class LetterRecord:
    """A letter in a case's history."""

    id: int
    case_id: CaseId
    printed_at: datetime
    printed_by: str
    kind: str
    kind_label: str
    template_name: str
    version: int
    title: str
    reprintable: bool  # false once the client's data were anonymised


@dataclass(frozen=True)
class PrintedLetter:
    document: LetterDocument
    letter: LetterRecord
