"""Letters printed from a case: which may be printed, a preview, printing, the case's letters
and printing one again.

Printing a letter is one transaction: the letter (its template's version and the values used),
its clock (a summons makes the case wait 7 days; an art. 36 notice moves the decision's
deadline; a delivery record starts the appeal period — ``services/cases/steps.py``), a
"letter" entry in the case's history with any step's own entries, the case's next deadline
recomputed, and the audit entries. A letter that needs a value the case has not (a PESEL, a
decision's number, a hand-off) names the field and nothing is written.

Printing again rebuilds the same document from the stored version and values (audited as a
print); a letter whose client was anonymised cannot be printed again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import time

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk.domain.formatting import format_date
from opsdesk.domain.ids import CaseId
from opsdesk.domain.letters import (
    DEFAULT_DELIVERY_MANNER,
    DELAY_NOTICE,
    DELIVERY_RECORD,
    GENERAL,
    HANDOFF_NOTICE,
    INTERVIEW_NOTICE,
    KINDS,
    SUMMONS,
    SUMMONS_DAYS,
    WEEKDAYS_PL,
    LetterKind,
    kind_label,
    letter_footer,
    place_and_date,
)
from opsdesk.domain.roles import Action
from opsdesk.errors import NotFound, ValidationError
from opsdesk.i18n import _
from opsdesk.services import audit
from opsdesk.services.cases.access import add_event, load_case, refresh_deadline
from opsdesk.services.cases.steps import (
    apply_delivery,
    apply_notice,
    apply_summons,
    delivery_plan,
    notice_plan,
    pending_summons,
    summons_plan,
)
from opsdesk.services.context import Service
from opsdesk.services.letters.compose import Frame, compose, content_json, read_content
from opsdesk.services.letters.records import (
    LetterChoice,
    LetterDocument,
    LetterInputs,
    LetterRecord,
    PrintedLetter,
)
from opsdesk.services.letters.templates import (
    KIND_INPUTS,
    current_version,
    office_lines,
    signatures_of,
)
from opsdesk.storage.models import (
    BenefitKind,
    Case,
    CaseLetter,
    CaseLink,
    Client,
    LetterTemplate,
    LetterTemplateVersion,
    OfficeProfile,
    Staff,
    Team,
)

MAX_MISSING = 2000
MAX_CONTENT = 6000
MAX_MANNER = 200

Apply = Callable[[Session, Case, int], None]


@dataclass(frozen=True)
class _Plan:
    values: dict[str, str]
    apply: Apply | None  # the clock step, given the letter's id
    why: str  # the reason of a "deadline" entry when the step moved it


class LetterService(Service):
    # --- reading --------------------------------------------------------------------------

    def choices(self, case_id: CaseId) -> list[LetterChoice]:
        """The templates in use, each with what printing it asks for, or why it cannot be
        printed from this case now."""
        with self.db.reading() as session:
            case = load_case(session, self.ctx, case_id, Action.CASE_VIEW)
            kind = session.get(BenefitKind, case.kind_id)
            needs_decision = bool(kind and kind.needs_decision)
            links = _handoff_links(session, case)
            found = []
            for template in session.scalars(
                select(LetterTemplate)
                .where(LetterTemplate.active.is_(True))
                .order_by(LetterTemplate.id)
            ):
                letter_kind = KINDS.get(template.kind)
                version = current_version(session, template.id)
                if letter_kind is None or version is None:
                    continue
                found.append(
                    LetterChoice(
                        template_id=template.id,
                        name=template.name,
                        kind=template.kind,
                        kind_label=kind_label(template.kind),
                        version=version.version,
                        inputs=KIND_INPUTS.get(template.kind, ()),
                        problem=self._problem(session, case, letter_kind, needs_decision, links),
                        linked_cases=tuple(
                            (other.id, f"{other.file_number} \u2014 {team}")
                            for other, team in links
                        ),
                    )
                )
        order = list(KINDS)
        return sorted(found, key=lambda c: (order.index(c.kind), c.name.casefold()))

    def _problem(
        self,
        session: Session,
        case: Case,
        kind: LetterKind,
        needs_decision: bool,
        links: list[tuple[Case, str]],
    ) -> str:
        if not self.ctx.actor or not self.ctx.actor.can(Action.CASE_CHANGE):
            return _("You are not allowed to do this.")
        if case.closed_at is not None:
            return _("The case is closed; reopen it first.")
        if kind.needs_pending_decision and not needs_decision:
            return _("Only proceedings that end in a decision have a decision deadline.")
        if kind.needs_pending_decision and case.decision_date is not None:
            return _("The decision has already been issued.")
        if kind.code == SUMMONS and pending_summons(session, case) is not None:
            return _(
                "A summons is already waiting for the party's answer; record the answer (or "
                "close the case) before summoning again."
            )
        if kind.code == DELIVERY_RECORD and case.decision_date is None:
            return _("Record the decision first: only an issued decision is delivered.")
        if kind.code == HANDOFF_NOTICE and not links:
            return _("The case was not handed to another team.")
        return ""

    def letters(self, case_id: CaseId) -> list[LetterRecord]:
        """The letters printed from the case, oldest first."""
        with self.db.reading() as session:
            case = load_case(session, self.ctx, case_id, Action.CASE_VIEW)
            return [
                _letter_record(session, letter)
                for letter in session.scalars(
                    select(CaseLetter)
                    .where(CaseLetter.case_id == case.id)
                    .order_by(CaseLetter.printed_at, CaseLetter.id)
                )
            ]

    # --- printing -------------------------------------------------------------------------

    def preview(self, case_id: CaseId, template_id: int, inputs: LetterInputs) -> LetterDocument:
        """The letter as it would be printed now (checked like printing; nothing written)."""
        with self.db.reading() as session:
            case = self._printable_case(session, case_id)
            template, version, kind = self._template(session, template_id)
            plan = self._plan(session, case, kind, inputs)
            values = {**self._common_values(session, case), **plan.values}
            frame = self._frame(session, case, kind, template, version)
            return compose(kind, version.title, version.body, values, frame).document

    def print_letter(
        self, case_id: CaseId, template_id: int, inputs: LetterInputs
    ) -> PrintedLetter:
        """Print the letter: recorded in the case with its clock, in one transaction."""
        with self.db.transaction() as session:
            case = self._printable_case(session, case_id, lock=True)
            template, version, kind = self._template(session, template_id)
            plan = self._plan(session, case, kind, inputs)
            values = {**self._common_values(session, case), **plan.values}
            frame = self._frame(session, case, kind, template, version)
            composed = compose(kind, version.title, version.body, values, frame)
            now = self.ctx.clock.now()
            letter = CaseLetter(
                case_id=case.id,
                template_version_id=version.id,
                kind=kind.code,
                title=composed.document.title.replace("\n", " ")[:300],
                content=content_json(composed.used, frame),
                printed_at=now,
                printed_by_id=self.ctx.actor.id if self.ctx.actor else None,
            )
            session.add(letter)
            session.flush()
            add_event(
                session,
                self.ctx,
                case,
                "letter",
                "",
                _("{name} (version {n})").format(name=template.name, n=version.version),
            )
            if plan.apply is not None:
                plan.apply(session, case, letter.id)
                case.updated_at = now
                refresh_deadline(session, self.ctx, case, reason=plan.why)
                audit.record(session, self.ctx, "update", "case", case.id, f"letter {kind.code}")
            audit.record(session, self.ctx, "print", "case_letter", letter.id, f"case {case.id}")
            session.flush()
            document = compose(
                kind, version.title, version.body, composed.used, frame, letter.id
            ).document
            return PrintedLetter(document, _letter_record(session, letter))

    def reprint(self, letter_id: int) -> LetterDocument:
        """The letter exactly as it was printed (audited as a print)."""
        self.ctx.require(Action.CASE_VIEW)
        with self.db.transaction() as session:
            letter = session.get(CaseLetter, letter_id)
            if letter is None:
                raise NotFound(_("This letter does not exist."))
            case = load_case(session, self.ctx, CaseId(letter.case_id), Action.CASE_VIEW)
            version = session.get(LetterTemplateVersion, letter.template_version_id)
            kind = KINDS.get(letter.kind)
            stored = read_content(letter.content)
            if version is None or kind is None or stored is None:
                raise ValidationError.single(
                    "letter",
                    _(
                        "This letter cannot be printed again: the data it was printed with are "
                        "no longer kept (the client was anonymised)."
                    ),
                )
            values, frame = stored
            audit.record(
                session, self.ctx, "print", "case_letter", letter.id, f"reprint case {case.id}"
            )
            return compose(kind, version.title, version.body, values, frame, letter.id).document

    # --- what goes into a letter ------------------------------------------------------------

    def _printable_case(self, session: Session, case_id: CaseId, lock: bool = False) -> Case:
        """The case, if the actor may change it and it is open (``lock``: its row held to the
        end of the transaction, so two letters moving one clock wait for each other)."""
        case = load_case(session, self.ctx, case_id, Action.CASE_CHANGE)
        if lock:
            session.execute(select(Case.id).where(Case.id == case.id).with_for_update())
        if case.closed_at is not None:
            raise ValidationError.single("case", _("The case is closed; reopen it first."))
        return case

    def _template(
        self, session: Session, template_id: int
    ) -> tuple[LetterTemplate, LetterTemplateVersion, LetterKind]:
        template = session.get(LetterTemplate, template_id)
        version = current_version(session, template_id) if template else None
        if template is None or version is None or not template.active:
            raise ValidationError.single("template", _("Choose a letter."))
        kind = KINDS.get(template.kind)
        if kind is None:
            raise ValidationError.single("template", _("Choose a letter."))
        return template, version, kind

    def _plan(self, session: Session, case: Case, kind: LetterKind, inputs: LetterInputs) -> _Plan:
        unstorable = {
            field: _("This text contains a character that cannot be saved (NUL, code 0).")
            for field in ("missing", "reason", "interview_at", "delivery_manner", "content")
            if "\x00" in getattr(inputs, field)
        }
        if unstorable:
            raise ValidationError(unstorable)
        if kind.code == SUMMONS:
            missing = _written(
                "missing", inputs.missing, MAX_MISSING, _("Say what the application lacks.")
            )
            period = summons_plan(session, self.ctx, case, inputs.counted_from)

            def summon(s: Session, c: Case, letter_id: int) -> None:
                apply_summons(s, self.ctx, c, period, missing, letter_id)

            return _Plan(
                {
                    "braki": missing,
                    "termin_dni": str(SUMMONS_DAYS),
                    "termin": format_date(period.last_day),
                },
                summon,
                _("summons to complete the application"),
            )
        if kind.code == DELAY_NOTICE:
            notice = notice_plan(session, self.ctx, case, inputs.new_date, inputs.reason)

            def notify(s: Session, c: Case, _letter_id: int) -> None:
                apply_notice(s, self.ctx, c, notice)

            return _Plan(
                {
                    "nowy_termin": format_date(notice.new_date),
                    "przyczyna": notice.reason,
                    "dotychczasowy_termin": format_date(notice.current),
                },
                notify,
                _("notice of delay (art. 36 KPA)"),
            )
        if kind.code == INTERVIEW_NOTICE:
            return _Plan(self._interview_values(inputs), None, "")
        if kind.code == HANDOFF_NOTICE:
            return _Plan(self._handoff_values(session, case, inputs.linked_case_id), None, "")
        if kind.code == DELIVERY_RECORD:
            appeal = delivery_plan(self.ctx, case, inputs.delivered_on)
            manner = _within_limit(
                "delivery_manner",
                inputs.delivery_manner.strip() or DEFAULT_DELIVERY_MANNER,
                MAX_MANNER,
            )

            def deliver(s: Session, c: Case, _letter_id: int) -> None:
                apply_delivery(s, self.ctx, c, appeal)

            return _Plan(
                {
                    "decyzja.numer": case.decision_number or "",
                    "decyzja.data": format_date(case.decision_date),
                    "doreczenie.data": format_date(appeal.delivered_on),
                    "doreczenie.sposob": manner,
                    "odwolanie.termin": format_date(appeal.last_day),
                },
                deliver,
                _("decision delivered"),
            )
        if kind.code == GENERAL:
            content = _written(
                "content", inputs.content, MAX_CONTENT, _("Write the letter's text.")
            )
            return _Plan({"tresc": content}, None, "")
        raise ValidationError.single("template", _("Choose a letter."))

    def _interview_values(self, inputs: LetterInputs) -> dict[str, str]:
        day = inputs.interview_on
        today = self.ctx.clock.today()
        if day is None:
            raise ValidationError.single("interview_on", _("Give the interview's date."))
        if day < today:
            raise ValidationError.single(
                "interview_on", _("The interview's date cannot be in the past.")
            )
        hour = ""
        if inputs.interview_at.strip():
            parsed = _hour(inputs.interview_at)
            if parsed is None:
                raise ValidationError.single(
                    "interview_at", _("Give the hour as HH:MM, e.g. 10:30.")
                )
            hour = f"{parsed.hour:02d}:{parsed.minute:02d}"
        return {
            "wywiad.data": format_date(day),
            "wywiad.dzien_tygodnia": WEEKDAYS_PL[day.weekday()],
            "wywiad.godzina": hour,
        }

    def _handoff_values(
        self, session: Session, case: Case, linked_case_id: int | None
    ) -> dict[str, str]:
        links = _handoff_links(session, case)
        if linked_case_id is not None:
            links = [(other, team) for other, team in links if other.id == linked_case_id]
            if not links:
                raise ValidationError.single(
                    "linked_case_id", _("Choose a case handed to another team.")
                )
        if not links:
            return {}  # the template's hand-off fields have no value: named when rendered
        other, _team = links[-1]
        # the newer of the two cases is the one the family was handed to
        target = other if other.id > case.id else case
        team = session.get(Team, target.team_id)
        worker = session.get(Staff, target.worker_id) if target.worker_id else None
        return {
            "przekazanie.zespol": team.name if team else "",
            "przekazanie.znak": target.file_number,
            "przekazanie.pracownik": worker.full_name if worker else "",
            "przekazanie.data": format_date(target.created_at),
        }

    def _common_values(self, session: Session, case: Case) -> dict[str, str]:
        office = session.scalar(select(OfficeProfile).limit(1))
        client = session.get(Client, case.client_id)
        kind = session.get(BenefitKind, case.kind_id)
        team = session.get(Team, case.team_id)
        worker = session.get(Staff, case.worker_id) if case.worker_id else None
        assert client is not None and kind is not None and team is not None  # foreign keys
        actor = self.ctx.actor
        street, town = _address(client)
        office_town = " ".join(p for p in (office.postal_code, office.city) if p) if office else ""
        return {
            "data": format_date(self.ctx.clock.today()),
            "osrodek.nazwa": office.name if office else "",
            "osrodek.adres": ", ".join(p for p in (office.street, office_town) if p)
            if office
            else "",
            "osrodek.miejscowosc": office.city if office else "",
            "osrodek.telefon": office.phone if office else "",
            "klient.imie_nazwisko": f"{client.first_name} {client.last_name}",
            "klient.imie": client.first_name,
            "klient.nazwisko": client.last_name,
            "klient.adres": ", ".join(p for p in (street, town) if p),
            "klient.pesel": client.pesel or "",
            "sprawa.znak": case.file_number,
            "sprawa.rodzaj": kind.name,
            "sprawa.data_wniosku": format_date(case.application_date),
            "sprawa.zespol": team.name,
            "sprawa.pracownik": worker.full_name if worker else "",
            "pracownik.imie_nazwisko": actor.full_name if actor else "",
            "pracownik.pokoj": actor.workplace if actor else "",
        }

    def _frame(
        self,
        session: Session,
        case: Case,
        kind: LetterKind,
        template: LetterTemplate,
        version: LetterTemplateVersion,
    ) -> Frame:
        office = session.scalar(select(OfficeProfile).limit(1))
        client = session.get(Client, case.client_id)
        assert client is not None  # a foreign key
        street, town = _address(client)
        actor = self.ctx.actor
        name = actor.full_name if actor else ""
        addressee = (f"{client.first_name} {client.last_name}", street, town)
        return Frame(
            office_name=office.name if office else "",
            office_lines=office_lines(office),
            place_and_date=place_and_date(office.city if office else "", self.ctx.clock.today()),
            file_number=case.file_number,
            addressee=tuple(line for line in addressee if line) if kind.addressed else (),
            signatures=signatures_of(kind, name),
            footer=letter_footer(case.file_number, template.name, version.version),
            author=name,
        )


def _address(client: Client) -> tuple[str, str]:
    """("ul. Łużycka 5/3", "74-100 Gryfino"); a village without streets: ("Wełtyń 12", …)."""
    street = " ".join(
        p
        for p in (
            client.street or (client.locality if client.house_number else ""),
            client.house_number,
        )
        if p
    )
    if client.flat_number:
        street += f"/{client.flat_number}"
    town = " ".join(p for p in (client.postal_code, client.locality) if p)
    return street, town


def _hour(text: str) -> time | None:
    parts = text.strip().replace(".", ":").split(":")
    if len(parts) != 2 or not all(p.isdigit() and len(p) <= 2 for p in parts):
        return None
    hour, minute = int(parts[0]), int(parts[1])
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return time(hour, minute)


def _handoff_links(session: Session, case: Case) -> list[tuple[Case, str]]:
    """The cases this one was handed to or from (oldest first), with their team's name."""
    rows = session.execute(
        select(Case, Team.name)
        .join(CaseLink, CaseLink.linked_case_id == Case.id)
        .join(Team, Team.id == Case.team_id)
        .where(CaseLink.case_id == case.id, CaseLink.kind == "handoff")
        .order_by(Case.id)
    ).all()
    return [(other, team) for other, team in rows]


def _letter_record(session: Session, letter: CaseLetter) -> LetterRecord:
    version = session.get(LetterTemplateVersion, letter.template_version_id)
    template = session.get(LetterTemplate, version.template_id) if version else None
    author = session.get(Staff, letter.printed_by_id) if letter.printed_by_id else None
    return LetterRecord(
        id=letter.id,
        case_id=CaseId(letter.case_id),
        printed_at=letter.printed_at,
        printed_by=author.full_name if author else "",
        kind=letter.kind,
        kind_label=kind_label(letter.kind),
        template_name=template.name if template else "",
        version=version.version if version else 0,
        title=letter.title,
        reprintable=read_content(letter.content) is not None,
    )


def _written(field: str, text: str, limit: int, empty: str) -> str:
    """``text`` without surrounding spaces; refused next to ``field`` with ``empty`` when
    nothing is left, or when longer than ``limit``."""
    text = text.strip()
    if not text:
        raise ValidationError.single(field, empty)
    return _within_limit(field, text, limit)


def _within_limit(field: str, text: str, limit: int) -> str:
    """``text``, refused next to ``field`` when longer than ``limit`` characters."""
    if len(text) > limit:
        raise ValidationError.single(
            field, _("The text is too long (at most {limit} characters).").format(limit=limit)
        )
    return text
