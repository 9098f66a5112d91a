"""The list behind a figure of the overview (Raporty → Przegląd: a figure opens its list).

``what`` names the figure: ``contacts``, ``channel:<code>``, ``purpose:<id>``, ``team:<id>``,
``worker:<id>``, ``ended``, ``settled``, ``waits``, ``survey`` (the period's contacts, those
of a channel, purpose, team, served by a worker, finished, settled at the first contact, in
person with their waits, answered the survey); ``cases_new``, ``cases_closed``,
``cases_open``, ``caseload:<id>`` (cases, and a worker's open ones at the end);
``decisions``, ``interviews`` (made in the period, with the deadline and days late), ``late``
(made late and overdue at the end, as the overview counts them: its "Late" tab); ``hours``
(each contract's months).

A person's name (the client's, or the label of an unregistered visitor) appears only for an
actor allowed to see client data (``Action.CLIENT_VIEW``); a list that shows names is recorded
in the audit log as a list of personal data (``audit.shown``: the clients or cases shown), a
list without them as a read of the indicators. Long lists show the first ``LIMIT`` rows and
say how many there are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select, true
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm import aliased

from opsdesk.domain.deadlines import decision_due
from opsdesk.domain.hours import month_of
from opsdesk.domain.office_model import TeamKind
from opsdesk.domain.queue import (
    Channel,
    Outcome,
    Step,
    VisitState,
    format_ticket,
    outcome_of,
)
from opsdesk.domain.report_periods import Period
from opsdesk.domain.roles import Action
from opsdesk.errors import ValidationError
from opsdesk.i18n import _
from opsdesk.services import audit
from opsdesk.services.indicators.records import FigureList, late_columns
from opsdesk.storage.database import in_chunks
from opsdesk.storage.indicator_counts import waits_of
from opsdesk.storage.models import (
    BenefitKind,
    Case,
    Client,
    ContactPurpose,
    Contract,
    Session,
    Staff,
    Team,
    Visit,
    VisitEvent,
    VisitRating,
)

LIMIT = 1000
REFERRALS = tuple(o.value for o in Outcome if o.is_referral)
VISIT_FIGURES = ("contacts", "ended", "settled", "waits", "survey")
VISIT_KEYED = ("channel", "purpose", "team", "worker")
CASE_FIGURES = ("cases_new", "cases_closed", "cases_open")
STEPS = ("decisions", "interviews")


@dataclass(frozen=True)
class _Span:
    first: date
    as_of: date

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first, time())

    @property
    def end(self) -> datetime:
        return datetime.combine(self.as_of + timedelta(days=1), time())


def _refused() -> ValidationError:
    return ValidationError.single("figure", _("This figure has no list."))


def _number(key: str) -> int | None:
    """A key naming an id: None for "" (no purpose, no team), refused when not a number."""
    if key == "":
        return None
    if not key.isdigit() or len(key) > 18:
        raise _refused()
    return int(key)


def figure_list(
    ctx: Any, session: DbSession, period: Period, as_of: date, what: str
) -> tuple[FigureList, str | None, list[int]]:
    """The list, and what the audit records: the entity whose rows were shown with personal
    data ("client" or "case") and their ids; None when the list holds none."""
    span = _Span(period.first, as_of)
    names = ctx.actor is not None and ctx.actor.can(Action.CLIENT_VIEW)
    kind, _sep, key = what.partition(":")
    if what in VISIT_FIGURES or (kind in VISIT_KEYED and _sep):
        return _visits(session, span, kind, key, names)
    if what in CASE_FIGURES or (kind == "caseload" and _sep):
        return _cases(session, span, kind, key, names)
    if what in STEPS:
        return _made(session, span, what, names)
    if what == "late":
        return _late(session, period, span, names)
    if what == "hours":
        return _hours(session, period, span), None, []
    raise _refused()


# --- contacts ---------------------------------------------------------------------------------


def _visit_filter(kind: str, key: str, span: _Span) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [Visit.day.between(span.first, span.as_of)]
    done = and_(Visit.state == VisitState.DONE.value, Visit.outcome.is_not(None))
    if kind == "channel":
        if key not in {c.value for c in Channel}:
            raise _refused()
        where.append(Visit.channel == key)
    elif kind in ("purpose", "team"):
        column = Visit.purpose_id if kind == "purpose" else Visit.target_team_id
        number = _number(key)
        where.append(column.is_(None) if number is None else column == number)
    elif kind == "worker":
        number = _number(key)
        if number is None:
            raise _refused()
        where.append(Visit.served_by_id == number)
    elif kind == "ended":
        where.append(done)
    elif kind == "settled":
        where += [
            done,
            Visit.redirected_from_team_id.is_(None),
            Team.kind == TeamKind.FIRST_CONTACT.value,
            Visit.outcome.not_in(REFERRALS),
        ]
    elif kind == "waits":
        where.append(Visit.ticket_seq.is_not(None))
    elif kind == "survey":
        where.append(VisitRating.rating.is_not(None))
    return where


def _visits(
    session: DbSession, span: _Span, kind: str, key: str, names: bool
) -> tuple[FigureList, str | None, list[int]]:
    where = _visit_filter(kind, key, span)
    served = aliased(Staff)
    base = (
        select(Visit.id)
        .outerjoin(Team, Team.id == Visit.target_team_id)
        .outerjoin(VisitRating, VisitRating.visit_id == Visit.id)
        .where(*where)
    )
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    rows = session.execute(
        select(
            Visit.id,
            Visit.day,
            Visit.arrived_at,
            Visit.ticket_letter,
            Visit.ticket_seq,
            Visit.channel,
            ContactPurpose.name,
            Team.name,
            served.full_name,
            Visit.outcome,
            Visit.redirected_from_team_id,
            VisitRating.rating,
            Visit.client_id,
            Client.first_name,
            Client.last_name,
            Visit.visitor_label,
        )
        .outerjoin(Team, Team.id == Visit.target_team_id)
        .outerjoin(VisitRating, VisitRating.visit_id == Visit.id)
        .outerjoin(ContactPurpose, ContactPurpose.id == Visit.purpose_id)
        .outerjoin(served, served.id == Visit.served_by_id)
        .outerjoin(Client, Client.id == Visit.client_id)
        .where(*where)
        .order_by(Visit.day, Visit.arrived_at, Visit.id)
        .limit(LIMIT)
    ).all()
    histories: dict[int, list[Step]] = {}
    ids = [r.id for r in rows if r.ticket_seq is not None]
    for chunk in in_chunks(ids):
        for visit_id, action, at, team_id in session.execute(
            select(VisitEvent.visit_id, VisitEvent.action, VisitEvent.at, VisitEvent.team_id)
            .where(VisitEvent.visit_id.in_(chunk))
            .order_by(VisitEvent.visit_id, VisitEvent.at, VisitEvent.id)
        ):
            histories.setdefault(visit_id, []).append(Step(action, at, team_id))
    columns = [
        _("Day"),
        _("Arrived"),
        _("Ticket"),
        _("Channel"),
        _("Purpose"),
        _("Team"),
        _("Served by"),
        _("Outcome"),
        _("Wait (min)"),
        _("Survey"),
    ]
    kinds = ["date", "text", "text", "text", "text", "text", "text", "text", "text", "int"]
    out: list[_Row] = []
    for r in rows:
        waits = (
            waits_of(histories.get(r.id, []), redirected=r.redirected_from_team_id is not None)
            if r.ticket_seq is not None
            else []
        )
        outcome = outcome_of(r.outcome)
        values: list[Any] = [
            r.day,
            f"{r.arrived_at:%H:%M}",
            format_ticket(r.ticket_letter, r.ticket_seq),
            Channel(r.channel).label if r.channel in {c.value for c in Channel} else r.channel,
            r.name or "",
            r[7] or "",
            r.full_name or "",
            outcome.label if outcome else (r.outcome or ""),
            " + ".join(f"{w:.1f}".replace(".", ",") for w in waits),
            r.rating,
        ]
        person = f"{r.first_name} {r.last_name}" if r.client_id else r.visitor_label
        out.append((values, r.client_id, person))
    what = f"{kind}:{key}" if key or _has_key(kind) else kind
    title = _("Contacts behind the figure")
    return _listed(what, title, columns, kinds, out, int(total), names, "client", _("Person"))


def _has_key(kind: str) -> bool:
    return kind in VISIT_KEYED or kind == "caseload"


_Row = tuple[list[Any], int | None, str | None]
"""A row of a list: its values, the id of the client (or case) it shows, the person's name."""


def _listed(
    what: str,
    title: str,
    columns: list[str],
    kinds: list[str],
    rows: list[_Row],
    total: int,
    names: bool,
    entity: str,
    person: str,
) -> tuple[FigureList, str | None, list[int]]:
    """The list, and what the audit records (``figure_list``): when the actor may see names,
    each row ends with the person's name under the column ``person``, and the audit records
    the ``entity`` ("client" or "case") ids the rows show (those that have one)."""
    if names:
        columns, kinds = [*columns, person], [*kinds, "text"]
    return (
        FigureList(
            what=what,
            title=title,
            columns=tuple(columns),
            kinds=tuple(kinds),
            rows=tuple((*values, name) if names else tuple(values) for values, _id, name in rows),
            total=total,
            names_shown=names,
        ),
        entity if names else None,
        [i for _values, i, _name in rows if i is not None] if names else [],
    )


# --- cases ------------------------------------------------------------------------------------


def _cases(
    session: DbSession, span: _Span, kind: str, key: str, names: bool
) -> tuple[FigureList, str | None, list[int]]:
    open_at_end = and_(
        Case.application_date <= span.as_of,
        or_(Case.closed_at.is_(None), Case.closed_at >= span.end),
    )
    where: ColumnElement[bool]
    if kind == "cases_new":
        where = Case.application_date.between(span.first, span.as_of)
    elif kind == "cases_closed":
        where = and_(Case.closed_at >= span.start, Case.closed_at < span.end)
    elif kind == "cases_open":
        where = open_at_end
    else:
        number = _number(key)
        worker = Case.worker_id.is_(None) if number is None else Case.worker_id == number
        where = and_(open_at_end, worker)
    total = session.scalar(select(func.count(Case.id)).where(where)) or 0
    worker_alias = aliased(Staff)
    rows = session.execute(
        select(
            Case.id,
            Case.file_number,
            BenefitKind.name,
            Team.name,
            worker_alias.full_name,
            Case.application_date,
            Case.closed_at,
            Client.first_name,
            Client.last_name,
        )
        .join(BenefitKind, BenefitKind.id == Case.kind_id)
        .join(Team, Team.id == Case.team_id)
        .join(Client, Client.id == Case.client_id)
        .outerjoin(worker_alias, worker_alias.id == Case.worker_id)
        .where(where)
        .order_by(Case.application_date, Case.id)
        .limit(LIMIT)
    ).all()
    columns = [_("File no."), _("Kind"), _("Team"), _("Worker"), _("Applied"), _("Closed")]
    kinds = ["text", "text", "text", "text", "date", "date"]
    out: list[_Row] = []
    for r in rows:
        values: list[Any] = [
            r.file_number,
            r[2],
            r[3],
            r.full_name or _("Not assigned"),
            r.application_date,
            r.closed_at.date() if r.closed_at else None,
        ]
        out.append((values, r.id, f"{r.first_name} {r.last_name}"))
    what = f"{kind}:{key}" if kind == "caseload" else kind
    title = _("Cases behind the figure")
    return _listed(what, title, columns, kinds, out, int(total), names, "case", _("Client"))


def _made(
    session: DbSession, span: _Span, step: str, names: bool
) -> tuple[FigureList, str | None, list[int]]:
    """Decisions (or interviews) made in the period with their deadline and days late."""
    from opsdesk.services.indicators.overview import DECISION, INTERVIEW, _due, case_suspensions

    decision = step == "decisions"
    made_on = Case.decision_date if decision else Case.interview_date
    needed = true() if decision else BenefitKind.needs_decision.is_(True)
    where = and_(made_on >= span.first, made_on <= span.as_of, needed)
    total = (
        session.scalar(
            select(func.count(Case.id))
            .join(BenefitKind, BenefitKind.id == Case.kind_id)
            .where(where)
        )
        or 0
    )
    worker_alias = aliased(Staff)
    rows = session.execute(
        select(
            Case.id,
            Case.file_number,
            BenefitKind.name,
            worker_alias.full_name,
            Case.application_date,
            Case.complex,
            Case.urgent,
            made_on,
            Case.notice_new_date,
            Client.first_name,
            Client.last_name,
        )
        .join(BenefitKind, BenefitKind.id == Case.kind_id)
        .join(Client, Client.id == Case.client_id)
        .outerjoin(worker_alias, worker_alias.id == Case.worker_id)
        .where(where)
        .order_by(made_on, Case.id)
        .limit(LIMIT)
    ).all()
    stops = case_suspensions(session, [r.id for r in rows]) if decision else {}
    columns = [
        _("File no."),
        _("Kind"),
        _("Worker"),
        _("Applied"),
        _("Deadline"),
        _("Made"),
        _("Days late"),
        _("Art. 36 notice"),
    ]
    kinds = ["text", "text", "text", "date", "date", "date", "int", "date"]
    out: list[_Row] = []
    for r in rows:
        made = r[7]
        assert made is not None, "made in the period"
        if decision and r.id in stops:
            due = decision_due(r.application_date, bool(r.complex), stops[r.id], made)
        elif decision:
            due = _due(DECISION, r.application_date, bool(r.complex))
        else:
            due = _due(INTERVIEW, r.application_date, bool(r.urgent))
        values: list[Any] = [
            r.file_number,
            r[2],
            r.full_name or _("Not assigned"),
            r.application_date,
            due,
            made,
            max(0, (made - due).days),
            r.notice_new_date,
        ]
        out.append((values, r.id, f"{r.first_name} {r.last_name}"))
    title = _("Decisions made in the period") if decision else _("Interviews made in the period")
    return _listed(step, title, columns, kinds, out, int(total), names, "case", _("Client"))


def _late(
    session: DbSession, period: Period, span: _Span, names: bool
) -> tuple[FigureList, str | None, list[int]]:
    """The decisions and interviews made late in the period and those overdue at its end,
    as the overview counts them (its "Late" tab and the files list them the same way)."""
    from opsdesk.services.indicators.overview import DECISION, INTERVIEW, _Figures, _Names

    figures = _Figures(session, period, span.as_of, _Names(session), 0, current=False)
    late = figures.late_rows(DECISION) + figures.late_rows(INTERVIEW)
    late.sort(key=lambda r: (r.made is None, r.due, r.file_number))
    shown = late[:LIMIT]
    clients: dict[int, str] = {}
    if names:
        ids = [r.case_id for r in shown]
        for chunk in in_chunks(ids):
            for case_id, first_name, last_name in session.execute(
                select(Case.id, Client.first_name, Client.last_name)
                .join(Client, Client.id == Case.client_id)
                .where(Case.id.in_(chunk))
            ):
                clients[case_id] = f"{first_name} {last_name}"
    columns = list(late_columns())
    kinds = ["text", "text", "text", "date", "date", "int", "text"]
    not_yet, not_assigned = _("not yet"), _("Not assigned")
    out: list[_Row] = []
    for r in shown:
        values: list[Any] = [
            r.file_number,
            r.step_label,
            r.worker_name or not_assigned,
            r.due,
            r.made or not_yet,
            r.days_late,
            r.notice_text(),
        ]
        out.append((values, r.case_id, clients.get(r.case_id, "")))
    title = _("Late, and overdue at the end of the period")
    return _listed("late", title, columns, kinds, out, len(late), names, "case", _("Client"))


# --- hours ------------------------------------------------------------------------------------


def _hours(session: DbSession, period: Period, span: _Span) -> FigureList:
    """Each contract's months: held sessions and minutes (no client: the psychologist's
    clients are the psychologist's alone)."""
    from opsdesk.domain.hours import SessionState, month_budget
    from opsdesk.services.hours.session_checks import terms_of

    contracts = list(
        session.scalars(
            select(Contract)
            .where(Contract.valid_from <= span.as_of, Contract.valid_to >= span.first)
            .order_by(Contract.kind, Contract.number)
        )
    )
    used: dict[tuple[int, tuple[int, int]], tuple[int, int]] = {}
    for contract_id, day, minutes in session.execute(
        select(Session.contract_id, Session.day, Session.minutes).where(
            Session.state == SessionState.HELD.value,
            Session.day.between(span.first, span.as_of),
            Session.contract_id.in_([c.id for c in contracts]),
        )
    ):
        key = (contract_id, month_of(day))
        total, count = used.get(key, (0, 0))
        used[key] = (total + minutes, count + 1)
    last = month_of(span.as_of)
    rows = []
    for contract in contracts:
        terms = terms_of(contract)
        for month in period.months:
            if month > last:
                break
            minutes, sessions = used.get((contract.id, month), (0, 0))
            rows.append(
                (
                    contract.number,
                    f"{month[1]:02d}.{month[0]}",
                    month_budget(terms, month),
                    minutes,
                    sessions,
                )
            )
    return FigureList(
        what="hours",
        title=_("Hours used per contract and month"),
        columns=(_("Contract"), _("Month"), _("Budget (hours)"), _("Used (hours)"), _("Sessions")),
        kinds=("text", "text", "hours", "hours", "int"),
        rows=tuple(rows),
        total=len(rows),
        names_shown=False,
    )


def record(ctx: Any, period: Period, what: str, entity: str | None, ids: list[int]) -> None:
    """The audit: a list of personal data, or a read of the indicators."""
    asked = f"{period.code} {what}"
    if entity is not None:
        audit.shown(ctx, entity, "indicators", asked, ids)
        return
    with ctx.db.transaction() as session:
        audit.record(session, ctx, "read", "indicators", None, f"indicators {asked}")
