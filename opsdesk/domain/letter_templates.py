"""The office's letter templates: text with named placeholders, read by a small scanner.

A template is the office's own text in which ``{klient.imie_nazwisko}``, ``{sprawa.znak}``,
``{termin}`` … stand for values of the case, the client and the letter. Nothing in a template
can run: there is no template engine, no ``str.format`` (which would reach attributes and
items of the values), no expressions. The scanner knows four things only:

- ``{name}`` — a placeholder: lowercase letters, digits and ``_``, in parts joined by dots
  (``klient.adres``); a part starts with a letter, so ``__class__`` or ``0`` are no names;
- ``{name?}`` — the same, optional: an empty value prints nothing instead of stopping the
  letter;
- ``{{`` and ``}}`` — a literal ``{`` and ``}``;
- everything else is text, printed as it is.

``parse(text, known)`` refuses an unknown placeholder (suggesting a close known one), a
malformed one, a brace opened and never closed (a placeholder ends on its own line) and a
closing brace without an opening one, each with its place: offset, line and column
(``TemplateError``). ``problems(text, known)`` lists every problem of a text for an editor.

``render(template, values)`` takes a plain ``dict`` of strings: each placeholder is replaced by
its value, inserted verbatim (a value is never scanned again, so a value that looks like a
placeholder stays text). A placeholder without a value — missing or blank — refuses the whole
letter, naming every such field (``MissingValues``); an optional one prints nothing.
Values of fields the template does not use are never read.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from opsdesk.domain.errors import DomainError
from opsdesk.i18n import _

OPEN, CLOSE, OPTIONAL = "{", "}", "?"
MAX_NAME = 60
_NAME = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*", re.ASCII)


@dataclass(frozen=True)
class Place:
    """Where in a text: ``offset`` from 0, ``line`` and ``column`` from 1, ``length`` of the
    offending part (at least 1 character, for selecting it in an editor)."""

    offset: int
    line: int
    column: int
    length: int = 1


def place_of(text: str, offset: int, length: int = 1) -> Place:
    """The line and column of ``offset`` in ``text`` (both counted from 1)."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Place(offset, line, column, max(1, length))


class TemplateError(DomainError):
    """A problem in a template's text, with its place; ``str()`` is the translated message
    including the line and column."""

    def __init__(self, problem: str, place: Place, *, field: str | None = None) -> None:
        self.problem = problem
        self.place = place
        super().__init__(
            _("{problem} (line {line}, column {column})").format(
                problem=problem, line=place.line, column=place.column
            ),
            field=field,
        )


class MissingValues(DomainError):
    """A letter cannot be made: the template needs fields that have no value.

    ``names`` are the placeholders (in the order of the text), ``labels`` what they are in
    words; the message names each."""

    def __init__(self, names: tuple[str, ...], labels: tuple[str, ...]) -> None:
        self.names = names
        self.labels = labels
        listed = "; ".join(f"{label} ({{{name}}})" for name, label in zip(names, labels))
        super().__init__(
            _("The letter cannot be printed: no value for {fields}.").format(fields=listed),
            field="values",
        )


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Placeholder:
    name: str
    optional: bool
    offset: int  # of the opening brace in the source


Part = Text | Placeholder


@dataclass(frozen=True)
class Template:
    """A scanned text: literal parts and placeholders, in order."""

    source: str
    parts: tuple[Part, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """The placeholders used, each once, in the order of the text."""
        return tuple(dict.fromkeys(p.name for p in self.parts if isinstance(p, Placeholder)))

    @property
    def required_names(self) -> tuple[str, ...]:
        """The placeholders used at least once without ``?``."""
        return tuple(
            dict.fromkeys(
                p.name for p in self.parts if isinstance(p, Placeholder) and not p.optional
            )
        )


def _scan(text: str, known: Collection[str] | None) -> tuple[list[Part], list[TemplateError]]:
    parts: list[Part] = []
    errors: list[TemplateError] = []
    literal: list[str] = []
    i, n = 0, len(text)

    def flush() -> None:
        if literal:
            parts.append(Text("".join(literal)))
            literal.clear()

    while i < n:
        char = text[i]
        if char == OPEN:
            if text.startswith(OPEN * 2, i):
                literal.append(OPEN)
                i += 2
                continue
            end = i + 1
            while end < n and text[end] not in (OPEN, CLOSE, "\n"):
                end += 1
            if end >= n or text[end] != CLOSE:
                errors.append(
                    TemplateError(
                        _(
                            "This brace is never closed: a placeholder is a name between "
                            "{{ and }} on one line; write {{{{ for a brace itself."
                        ),
                        place_of(text, i, end - i),
                    )
                )
                literal.append(text[i:end])
                i = end
                continue
            inner = text[i + 1 : end]
            optional = inner.endswith(OPTIONAL)
            name = inner[:-1] if optional else inner
            length = end + 1 - i
            if not name:
                errors.append(
                    TemplateError(
                        _("An empty placeholder: write a field's name between the braces."),
                        place_of(text, i, length),
                    )
                )
            elif len(name) > MAX_NAME or not _NAME.fullmatch(name):
                errors.append(
                    TemplateError(
                        _(
                            "\u201e{text}\u201d is not a placeholder: a field's name is made of "
                            "small letters without Polish characters, digits and _ , in parts "
                            "joined by dots, e.g. {example}."
                        ).format(text=text[i : end + 1], example="{klient.imie_nazwisko}"),
                        place_of(text, i, length),
                    )
                )
            elif known is not None and name not in known:
                errors.append(TemplateError(_unknown(name, known), place_of(text, i, length)))
            else:
                flush()
                parts.append(Placeholder(name, optional, i))
            i = end + 1
            continue
        if char == CLOSE:
            if text.startswith(CLOSE * 2, i):
                literal.append(CLOSE)
                i += 2
                continue
            errors.append(
                TemplateError(
                    _("A closing brace without an opening one; write }}}} for a brace itself."),
                    place_of(text, i),
                )
            )
            i += 1
            continue
        literal.append(char)
        i += 1
    flush()
    return parts, errors


def _unknown(name: str, known: Collection[str]) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    if close:
        return _("Unknown placeholder {{{name}}}; did you mean {{{suggestion}}}?").format(
            name=name, suggestion=close[0]
        )
    return _("Unknown placeholder {{{name}}}; choose one from the list of fields.").format(
        name=name
    )


def problems(text: str, known: Collection[str] | None = None) -> list[TemplateError]:
    """Every problem of ``text`` in order (empty when it is a sound template). ``known``: the
    placeholders allowed; None allows any well-formed name."""
    return _scan(text, known)[1]


def parse(text: str, known: Collection[str] | None = None) -> Template:
    """The scanned template; raises the first ``TemplateError`` of ``text``."""
    parts, errors = _scan(text, known)
    if errors:
        raise errors[0]
    return Template(text, tuple(parts))


def missing_required(template: Template, required: Collection[str]) -> tuple[str, ...]:
    """Of ``required`` (fields a kind of letter must show), those the template never uses
    without ``?``, in the order given."""
    used = set(template.required_names)
    return tuple(name for name in required if name not in used)


def render(
    template: Template,
    values: Mapping[str, str],
    label: Callable[[str], str] = lambda name: name,
) -> str:
    """The text with each placeholder replaced by its value, verbatim.

    Raises ``MissingValues`` naming (with ``label``) every required placeholder whose value is
    missing or blank, and ``TypeError`` for a value that is not a ``str`` (values are plain,
    formatted text: nothing is converted or called).
    """
    out: list[str] = []
    missing: list[str] = []
    for part in template.parts:
        if isinstance(part, Text):
            out.append(part.text)
            continue
        value = values.get(part.name)
        if value is not None and type(value) is not str:
            raise TypeError(f"the value of {part.name} is not a str")
        if value is None or not value.strip():
            if not part.optional and part.name not in missing:
                missing.append(part.name)
            continue
        out.append(value)
    if missing:
        raise MissingValues(tuple(missing), tuple(label(name) for name in missing))
    return "".join(out)
