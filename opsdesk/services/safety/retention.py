"""Retention: anonymising clients whose last case closed more than N years ago.

N is an office setting (``retention.client_years``, default 10; the JRWA records list of the
office decides it). The administrator first sees a preview — which clients (by their
pseudonymous code, never by name: the administrator's role does not see client data), their
cases' file numbers, and which fields will be cleared — then confirms. Cases keep their numbers
and history; the client's names become "Anonimizowany", identifying and contact data are
cleared, and ``anonymised_at`` is set. Free text written about the client (case notes and
descriptions, history reasons, reception contact notes, room booking notes, psychologist's
session notes ...; see ``safety.retention_texts``) becomes "[zanonimizowano]" in the same
transaction; the preview counts those texts per kind. A household left with at most one
member ends, as when a member leaves it in the register. Every anonymised client is an audit
entry holding counts, never content.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from opsdesk.domain.numbers import is_whole
from opsdesk.domain.roles import Action
from opsdesk.domain.text import fold
from opsdesk.errors import ValidationError
from opsdesk.i18n import N_, _
from opsdesk.services import audit
from opsdesk.services.context import Service
from opsdesk.services.safety.retention_texts import (
    KIND_LABELS,
    TEXT_KINDS,
    describe_counts,
    plan_texts,
    replace_texts,
)
from opsdesk.storage.database import in_chunks
from opsdesk.storage.models import Case, Client, Household
from opsdesk.storage.setting_values import get_setting, put_setting

RETENTION_YEARS_KEY = "retention.client_years"
DEFAULT_YEARS = 10
MAX_YEARS = 100
ANONYMISED_NAME = "Anonimizowany"  # stored data, the same whatever the UI language

# field -> label of what is cleared (shown in the preview)
CLEARED_FIELDS = {
    "name": N_("name"),
    "pesel": N_("PESEL"),
    "document_number": N_("document number"),
    "birth_date": N_("birth date"),
    "address": N_("address"),
    "phone": N_("phone"),
    "email": N_("e-mail"),
    "household": N_("household"),
}
_ADDRESS = ("locality", "street", "house_number", "flat_number", "postal_code")


@dataclass(frozen=True)
class RetentionCandidate:
    client_id: int
    code: str
    last_closed: date
    file_numbers: tuple[str, ...]
    cleared: tuple[str, ...]  # keys of CLEARED_FIELDS that hold data now
    texts: tuple[tuple[str, int], ...] = ()  # (kind of free text, how many), see KIND_LABELS

    def cleared_labels(self) -> str:
        return ", ".join(_(CLEARED_FIELDS[k]) for k in self.cleared)

    def texts_label(self) -> str:
        return texts_label(self.texts)

    @property
    def text_count(self) -> int:
        return sum(n for _kind, n in self.texts)


@dataclass(frozen=True)
class RetentionPreview:
    years: int
    cutoff: date  # clients whose last case closed before this day
    candidates: tuple[RetentionCandidate, ...]
    texts: tuple[tuple[str, int], ...] = ()  # totals per kind of free text
    households_ended: int = 0  # households left with at most one member

    @property
    def text_count(self) -> int:
        return sum(n for _kind, n in self.texts)

    def texts_label(self) -> str:
        return texts_label(self.texts)


@dataclass(frozen=True)
class AnonymiseResult:
    anonymised: int
    skipped: int  # no longer qualifying (a case reopened meanwhile, already anonymised ...)
    texts: int = 0  # free-text values replaced
    households_ended: int = 0


def texts_label(texts: Iterable[tuple[str, int]]) -> str:
    """ "case notes: 2, room booking notes: 1" (translated), or "" when there are none."""
    return ", ".join(f"{_(KIND_LABELS[kind])}: {n}" for kind, n in texts if n)


def _ordered(counts: Counter[str]) -> tuple[tuple[str, int], ...]:
    return tuple((k.key, counts[k.key]) for k in TEXT_KINDS if counts[k.key])


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _fields_with_data(client: Client) -> tuple[str, ...]:
    present = {
        "name": bool(client.first_name or client.last_name),
        "pesel": bool(client.pesel),
        "document_number": bool(client.document_number),
        "birth_date": client.birth_date is not None,
        "address": any(getattr(client, f) for f in _ADDRESS),
        "phone": bool(client.phone),
        "email": bool(client.email),
        "household": client.household_id is not None,
    }
    return tuple(k for k in CLEARED_FIELDS if present[k])


def _ending_households(session: Session, client_ids: list[int]) -> dict[int, list[int]]:
    """Households of ``client_ids`` left with at most one member without them:
    household id -> the members who stay (none or one)."""
    leaving = set(client_ids)
    members: dict[int, list[int]] = {}
    for chunk in in_chunks(client_ids):
        households = select(Client.household_id).where(
            Client.id.in_(chunk), Client.household_id.is_not(None)
        )
        for household_id, client_id in session.execute(
            select(Client.household_id, Client.id).where(Client.household_id.in_(households))
        ):
            assert household_id is not None  # "IN" matches no NULL
            members.setdefault(household_id, [])
            if client_id not in leaving:
                members[household_id].append(client_id)
    return {h: stay for h, stay in members.items() if len(stay) <= 1}


class RetentionService(Service):
    def years(self) -> int:
        self.ctx.require_any(Action.RETENTION_ANONYMISE, Action.SETTINGS_MANAGE)
        with self.db.reading() as session:
            years: int = get_setting(session, RETENTION_YEARS_KEY, DEFAULT_YEARS)
            return years

    def set_years(self, years: int) -> int:
        self.ctx.require(Action.SETTINGS_MANAGE)
        if not is_whole(years) or not 1 <= years <= MAX_YEARS:
            raise ValidationError.single(
                "years", _("Enter a number of years between 1 and {n}.").format(n=MAX_YEARS)
            )
        with self.db.transaction() as session:
            put_setting(session, RETENTION_YEARS_KEY, years)
            audit.record(
                session, self.ctx, "update", "setting", None, f"{RETENTION_YEARS_KEY}={years}"
            )
        return years

    def _qualifying(
        self, session: Session, cutoff: date, only: list[int] | None = None
    ) -> list[tuple[int, datetime]]:
        """(client id, last closed) of clients whose every case closed before ``cutoff``."""
        last_closed = func.max(Case.closed_at)
        query = (
            select(Client.id, last_closed)
            .join(Case, Case.client_id == Client.id)
            .where(Client.anonymised_at.is_(None))
            .group_by(Client.id)
            .having(func.count(Case.id) == func.count(Case.closed_at))
            .having(last_closed < datetime.combine(cutoff, time.min))
            .order_by(last_closed, Client.id)
        )
        if only is None:
            return list(session.execute(query))
        rows: list[tuple[int, datetime]] = []
        for chunk in in_chunks(only):
            rows.extend(session.execute(query.where(Client.id.in_(chunk))))
        return rows

    def preview(self) -> RetentionPreview:
        """What anonymisation would change now; the look is recorded in the audit log."""
        self.ctx.require(Action.RETENTION_ANONYMISE)
        with self.db.transaction() as session:
            years = get_setting(session, RETENTION_YEARS_KEY, DEFAULT_YEARS)
            cutoff = years_before(self.ctx.clock.today(), years)
            rows = self._qualifying(session, cutoff)
            ids = [r[0] for r in rows]
            clients: dict[int, Client] = {}
            numbers: dict[int, list[str]] = {i: [] for i in ids}
            for chunk in in_chunks(ids):
                clients.update(
                    (c.id, c) for c in session.scalars(select(Client).where(Client.id.in_(chunk)))
                )
                for client_id, number in session.execute(
                    select(Case.client_id, Case.file_number)
                    .where(Case.client_id.in_(chunk))
                    .order_by(Case.application_date, Case.id)
                ):
                    numbers[client_id].append(number)
            plan = plan_texts(session, ids)
            ending = _ending_households(session, ids)
            candidates = tuple(
                RetentionCandidate(
                    client_id=client_id,
                    code=clients[client_id].code,
                    last_closed=closed.date(),
                    file_numbers=tuple(numbers[client_id]),
                    cleared=_fields_with_data(clients[client_id]),
                    texts=_ordered(plan.counts[client_id]),
                )
                for client_id, closed in rows
            )
            total = plan.total()
            audit.record(
                session,
                self.ctx,
                "retention_preview",
                "client",
                None,
                f"{len(candidates)} clients, {years} years; "
                f"texts {sum(total.values())}; households ended {len(ending)}",
            )
        return RetentionPreview(years, cutoff, candidates, _ordered(total), len(ending))

    def anonymise(self, client_ids: Iterable[int]) -> AnonymiseResult:
        """Anonymise the previewed clients that still qualify, in one transaction."""
        self.ctx.require(Action.RETENTION_ANONYMISE)
        wanted = list(client_ids)
        if not all(is_whole(i) for i in wanted):
            raise ValidationError.single("clients", _("Choose clients from the preview."))
        wanted = sorted({i for i in wanted if -(2**63) <= i < 2**63})  # no id beyond 64 bits
        now = self.ctx.clock.now()
        with self.db.transaction() as session:
            years = get_setting(session, RETENTION_YEARS_KEY, DEFAULT_YEARS)
            cutoff = years_before(now.date(), years)
            ids = [r[0] for r in self._qualifying(session, cutoff, wanted)]
            plan = plan_texts(session, ids)
            ending = _ending_households(session, ids)
            for chunk in in_chunks(ids):
                for client in session.scalars(select(Client).where(Client.id.in_(chunk))):
                    self._anonymise(client, now)
                    detail = describe_counts(plan.counts[client.id])
                    audit.record(
                        session,
                        self.ctx,
                        "anonymise",
                        "client",
                        client.id,
                        f"retention {years} years"
                        + (f"; texts replaced: {detail}" if detail else ""),
                    )
            replaced = replace_texts(session, plan)
            self._end_households(session, ending, now)
        return AnonymiseResult(
            len(ids), len(wanted) - len(ids), sum(replaced.values()), len(ending)
        )

    def _end_households(
        self, session: Session, ending: dict[int, list[int]], now: datetime
    ) -> None:
        """The register's rule: a household left with one person is no household."""
        session.flush()
        for household_id, staying in ending.items():
            if staying:
                session.execute(
                    update(Client)
                    .where(Client.id.in_(staying))
                    .values(household_id=None, household_relation=None, updated_at=now)
                )
                audit.record(
                    session, self.ctx, "update", "client", staying[0], "left household (retention)"
                )
            session.execute(delete(Household).where(Household.id == household_id))

    @staticmethod
    def _anonymise(client: Client, now: datetime) -> None:
        client.first_name = ""
        client.last_name = ANONYMISED_NAME
        client.pesel = None
        client.document_number = None
        client.birth_date = None
        for name in (*_ADDRESS, "phone", "email"):
            setattr(client, name, "")
        client.household_id = None
        client.household_relation = None
        client.search_key = fold(ANONYMISED_NAME)
        client.anonymised_at = now
        client.updated_at = now
