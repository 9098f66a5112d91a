"""The office's letter templates (Administracja → Szablony pism; the manager and the
administrator): listing, saving a new version, creating, restoring the shipped text,
withdrawing, and a preview with made-up data (the administrator sees no client data).

A template is checked when saved (``domain.letter_templates``): an unknown placeholder,
unbalanced braces or a field the kind of letter needs but the text lacks are refused next to
the field with their place (``TemplateRefused.places``). Saving never changes a version: it
adds the next one, and letters already printed keep theirs.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from opsdesk.domain.letter_defaults import SHIPPED
from opsdesk.domain.letter_templates import Place, missing_required, parse, place_of, problems
from opsdesk.domain.letters import (
    COMMON_FIELDS,
    KINDS,
    LetterKind,
    kind_label,
    letter_footer,
    place_and_date,
)
from opsdesk.domain.roles import Action
from opsdesk.errors import NotFound, ValidationError
from opsdesk.i18n import _
from opsdesk.services import audit
from opsdesk.services.context import Service
from opsdesk.services.letters.compose import Frame, compose
from opsdesk.services.letters.records import (
    FieldRecord,
    KindRecord,
    LetterDocument,
    Signature,
    TemplateInput,
    TemplateRecord,
    TemplateVersionRecord,
)
from opsdesk.services.text_limits import add_too_long
from opsdesk.storage.models import LetterTemplate, LetterTemplateVersion, OfficeProfile, Staff

MAX_BODY = 20_000

# what the person gives when printing a letter of each kind (LetterInputs' fields)
KIND_INPUTS: dict[str, tuple[str, ...]] = {
    "summons": ("missing", "counted_from"),
    "delay_notice": ("new_date", "reason"),
    "interview_notice": ("interview_on", "interview_at"),
    "handoff_notice": ("linked_case_id",),
    "delivery_record": ("delivered_on", "delivery_manner"),
    "general": ("content",),
}


class TemplateRefused(ValidationError):
    """A template that cannot be saved: ``errors`` per field, ``places`` where in the field's
    text the first problem is (for selecting it)."""

    def __init__(self, errors: dict[str, str], places: dict[str, Place]):
        super().__init__(errors)
        self.places = dict(places)


def kind_record(kind: LetterKind) -> KindRecord:
    own = tuple(
        FieldRecord(name, _(spec.label), spec.sample, name in kind.required)
        for name, spec in kind.fields.items()
    )
    common = tuple(
        FieldRecord(name, _(spec.label), spec.sample, False) for name, spec in COMMON_FIELDS.items()
    )
    return KindRecord(
        kind.code,
        _(kind.label),
        _(kind.legal_basis) if kind.legal_basis else "",
        own + common,
        KIND_INPUTS.get(kind.code, ()),
    )


def template_problems(kind: LetterKind, data: TemplateInput) -> TemplateRefused | None:
    """Everything wrong with a template's name and texts (None when it may be saved)."""
    errors: dict[str, str] = {}
    places: dict[str, Place] = {}
    if not data.name.strip():
        errors["name"] = _("Give the template a name.")
    if not data.title.strip():
        errors["title"] = _("Give the letter a title.")
    add_too_long(
        errors,
        {
            "name": (data.name.strip(), LetterTemplate.name),
            "title": (data.title, LetterTemplateVersion.title),
        },
    )
    if len(data.body) > MAX_BODY:
        errors.setdefault(
            "body", _("The text is too long (at most {limit} characters).").format(limit=MAX_BODY)
        )
    for field, text in (("title", data.title), ("body", data.body)):
        if field in errors:
            continue
        found = problems(text, kind.known)
        if found:
            errors[field] = str(found[0]) + (
                " " + _("({n} more problems in this text)").format(n=len(found) - 1)
                if len(found) > 1
                else ""
            )
            places[field] = found[0].place
    if "body" not in errors and "title" not in errors:
        used = parse(data.title + "\n" + data.body, kind.known)
        lacking = missing_required(used, kind.required)
        if lacking:
            errors["body"] = _(
                "A letter of this kind must show {fields}: add the placeholder to the text."
            ).format(fields=", ".join(f"{kind.field_label(n)} ({{{n}}})" for n in lacking))
            places["body"] = place_of(data.body, len(data.body))
    if not data.body.strip():
        errors["body"] = _("Write the letter's text.")
        places.pop("body", None)
    return TemplateRefused(errors, places) if errors else None


class LetterTemplateService(Service):
    def kinds(self) -> list[KindRecord]:
        """The kinds of letter and the fields each may use (no personal data)."""
        self.ctx.require_any(Action.LETTER_TEMPLATES, Action.CASE_VIEW)
        return [kind_record(kind) for kind in KINDS.values()]

    def templates(self) -> list[TemplateRecord]:
        """Every template, withdrawn ones too, by kind then name."""
        self.ctx.require(Action.LETTER_TEMPLATES)
        with self.db.reading() as session:
            rows = session.scalars(select(LetterTemplate)).all()
            records = [_record(session, t) for t in rows]
        order = list(KINDS)
        return sorted(
            records,
            key=lambda r: (order.index(r.kind) if r.kind in order else 99, r.name.casefold()),
        )

    def get(self, template_id: int) -> TemplateRecord:
        self.ctx.require(Action.LETTER_TEMPLATES)
        with self.db.reading() as session:
            return _record(session, _template(session, template_id))

    def versions(self, template_id: int) -> list[TemplateVersionRecord]:
        """Every saved version, newest first."""
        self.ctx.require(Action.LETTER_TEMPLATES)
        with self.db.reading() as session:
            template = _template(session, template_id)
            return [
                _version_record(session, v)
                for v in session.scalars(
                    select(LetterTemplateVersion)
                    .where(LetterTemplateVersion.template_id == template.id)
                    .order_by(LetterTemplateVersion.version.desc())
                )
            ]

    def check(self, kind: str, data: TemplateInput) -> dict[str, str]:
        """Field -> problem of a template as typed (nothing saved; empty when sound)."""
        self.ctx.require(Action.LETTER_TEMPLATES)
        refused = template_problems(_kind(kind), data)
        return refused.errors if refused else {}

    def create(self, data: TemplateInput) -> TemplateRecord:
        """A new template of ``data.kind``, its text as version 1."""
        self.ctx.require(Action.LETTER_TEMPLATES)
        kind = _kind(data.kind, field="kind")
        if refused := template_problems(kind, data):
            raise refused
        with self.db.transaction() as session:
            self._name_free(session, data.name.strip(), None)
            now = self.ctx.clock.now()
            template = LetterTemplate(
                kind=kind.code, name=data.name.strip(), shipped=False, active=True, created_at=now
            )
            session.add(template)
            session.flush()
            self._add_version(session, template, data, now)
            audit.record(session, self.ctx, "create", "letter_template", template.id, "version 1")
            return _record(session, template)

    def save(self, template_id: int, data: TemplateInput) -> TemplateRecord:
        """Save the template's text as its next version (nothing when it did not change); a
        new name is taken at once. Letters printed before keep the version they used."""
        self.ctx.require(Action.LETTER_TEMPLATES)
        with self.db.transaction() as session:
            template = _template(session, template_id, lock=True)
            kind = _kind(template.kind)
            if refused := template_problems(kind, data):
                raise refused
            name = data.name.strip()
            self._name_free(session, name, template.id)
            current = current_version(session, template.id)
            changed = []
            if name != template.name:
                template.name = name
                changed.append("name")
            if current is None or (current.title, current.body) != (data.title, data.body):
                version = self._add_version(session, template, data, self.ctx.clock.now())
                changed.append(f"version {version.version}")
            if changed:
                audit.record(
                    session, self.ctx, "update", "letter_template", template.id, ", ".join(changed)
                )
            return _record(session, template)

    def restore_shipped(self, template_id: int) -> TemplateRecord:
        """Save opsdesk's own text of a shipped template as its next version."""
        self.ctx.require(Action.LETTER_TEMPLATES)
        with self.db.reading() as session:
            template = _template(session, template_id)
            name, kind = template.name, template.kind
            shipped = template.shipped
        if not shipped or kind not in SHIPPED:
            raise ValidationError.single(
                "template", _("This template was made by the office; it has no shipped text.")
            )
        text = SHIPPED[kind]
        return self.save(template_id, TemplateInput(name, text.title, text.body))

    def set_active(self, template_id: int, active: bool) -> TemplateRecord:
        """Withdraw a template (it is no longer offered; printed letters keep it) or bring
        it back."""
        self.ctx.require(Action.LETTER_TEMPLATES)
        with self.db.transaction() as session:
            template = _template(session, template_id)
            if template.active != active:
                template.active = active
                audit.record(
                    session,
                    self.ctx,
                    "activate" if active else "deactivate",
                    "letter_template",
                    template.id,
                )
            return _record(session, template)

    def preview(self, kind: str, data: TemplateInput) -> LetterDocument:
        """The letter as the template would print it, with made-up values of every field
        and the office's letterhead (nothing saved, no client's data)."""
        self.ctx.require(Action.LETTER_TEMPLATES)
        letter_kind = _kind(kind, field="kind")
        if refused := template_problems(letter_kind, data):
            raise refused
        with self.db.reading() as session:
            office = session.scalar(select(OfficeProfile).limit(1))
            samples = letter_kind.samples()
            actor = self.ctx.actor
            today = self.ctx.clock.today()
            frame = Frame(
                office_name=office.name if office else "",
                office_lines=office_lines(office),
                place_and_date=place_and_date(office.city if office else "", today),
                file_number=samples["sprawa.znak"],
                addressee=(
                    (samples["klient.imie_nazwisko"], *samples["klient.adres"].split(", ", 1))
                    if letter_kind.addressed
                    else ()
                ),
                signatures=signatures_of(letter_kind, actor.full_name if actor else ""),
                footer=letter_footer(samples["sprawa.znak"], data.name.strip(), None),
                author=actor.full_name if actor else "",
            )
            return compose(letter_kind, data.title, data.body, samples, frame).document

    # --- helpers ---------------------------------------------------------------------------

    def _name_free(self, session: Session, name: str, own_id: int | None) -> None:
        other = session.scalar(
            select(LetterTemplate.id).where(func.lower(LetterTemplate.name) == name.lower())
        )
        if other is not None and other != own_id:
            raise ValidationError.single("name", _("Another template has this name."))

    def _add_version(
        self, session: Session, template: LetterTemplate, data: TemplateInput, now: datetime
    ) -> LetterTemplateVersion:
        last = session.scalar(
            select(func.max(LetterTemplateVersion.version)).where(
                LetterTemplateVersion.template_id == template.id
            )
        )
        actor = self.ctx.actor
        version = LetterTemplateVersion(
            template_id=template.id,
            version=(last or 0) + 1,
            title=data.title,
            body=data.body,
            created_at=now,
            created_by_id=actor.id if actor else None,
        )
        session.add(version)
        session.flush()
        return version


def office_lines(office: OfficeProfile | None) -> tuple[str, ...]:
    if office is None:
        return ()
    town = " ".join(p for p in (office.postal_code, office.city) if p)
    phone = f"tel. {office.phone}" if office.phone else ""
    contact = ", ".join(p for p in (phone, office.email) if p)
    return tuple(line for line in (office.street, town, contact) if line)


def signatures_of(kind: LetterKind, name: str) -> tuple[Signature, ...]:
    """The kind's signature lines, the first one with the name of the person printing."""
    return tuple(
        Signature(label, name if index == 0 else "") for index, label in enumerate(kind.signatures)
    )


def _kind(code: str, field: str = "template") -> LetterKind:
    kind = KINDS.get(code)
    if kind is None:
        raise ValidationError.single(field, _("Choose the kind of letter."))
    return kind


def _template(session: Session, template_id: int, lock: bool = False) -> LetterTemplate:
    """The template (``lock``: its row held until the transaction ends, so two saving at
    once number their versions one after the other; SQLite's write lock does it anyway)."""
    template = session.get(LetterTemplate, template_id, with_for_update=lock or None)
    if template is None:
        raise NotFound(_("This letter template does not exist."))
    return template


def current_version(session: Session, template_id: int) -> LetterTemplateVersion | None:
    """The newest version of a template: the one printed."""
    return session.scalar(
        select(LetterTemplateVersion)
        .where(LetterTemplateVersion.template_id == template_id)
        .order_by(LetterTemplateVersion.version.desc())
        .limit(1)
    )


def _version_record(session: Session, version: LetterTemplateVersion) -> TemplateVersionRecord:
    author = session.get(Staff, version.created_by_id) if version.created_by_id else None
    return TemplateVersionRecord(
        version.id,
        version.version,
        version.title,
        version.body,
        version.created_at,
        author.full_name if author else "",
    )


def _record(session: Session, template: LetterTemplate) -> TemplateRecord:
    current = current_version(session, template.id)
    assert current is not None  # every template is saved with its first version
    return TemplateRecord(
        id=template.id,
        kind=template.kind,
        kind_label=kind_label(template.kind),
        name=template.name,
        shipped=template.shipped,
        active=template.active,
        current=_version_record(session, current),
    )
