"""What the printed reports need, as plain data, with the permission checks of each.

- deadlines of a team or of one worker (``DEADLINE_REPORT``; a worker: their own team's,
  the manager: every team's);
- a contract's quarter or project summary (``HOURS_PRINT``: providers their own contracts,
  the manager every contract);
- the desk's referral slip and queue ticket (the desk, and a worker for their team's visits);
- a client's data report for a GDPR access request (``GDPR_REPORT``), see ``reports.gdpr``.

Every report that shows people's data is recorded in the audit log ("print"; the GDPR report
as a "read" of the client's file). Hour sheets and attendance lists are ``hours_sheets``'.

The command line has no login: it acts as :func:`system_actor`, with the manager's
permissions, recorded in the audit log under the login "cli".
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session as DbSession

from opsdesk.domain.case_rules import case_deadlines, deadline_label
from opsdesk.domain.deadlines import urgency_class, working_days_left
from opsdesk.domain.hours import (
    Budget,
    SessionForm,
    SessionState,
    month_first_day,
    month_last_day,
    month_of,
    months_between,
    quarter_months,
    quarter_of,
)
from opsdesk.domain.ids import ClientId, ContractId, StaffId, TeamId, VisitId
from opsdesk.domain.queue import VisitState, format_ticket, priority_label, queue_key
from opsdesk.domain.roles import Action, Role
from opsdesk.domain.text import fold, polish_sort_key
from opsdesk.errors import NotFound, PermissionDenied, ValidationError
from opsdesk.i18n import _
from opsdesk.services import audit
from opsdesk.services.cases.access import (
    BOARD_TEAM_KINDS,
    can_reach,
    facts_of,
    require_team,
)
from opsdesk.services.clients.register import summary_of as client_summary
from opsdesk.services.context import Actor, Service
from opsdesk.services.hours.access import contract_records, viewable_contract
from opsdesk.services.hours.records import FormRow, PeriodRow
from opsdesk.services.hours.summary import HoursSummaryService, worker_rows
from opsdesk.services.office.profile import OfficeService
from opsdesk.services.office.staff import signing_manager
from opsdesk.services.periods import checked_quarter
from opsdesk.services.reception.names import Names, visit_record
from opsdesk.services.reports.records import (
    CLI_LOGIN,
    Appointment,
    ClientChoice,
    DeadlineReport,
    DeadlineRow,
    DeadlineScope,
    GdprReport,
    HoursPeriodReport,
    ReferralSlip,
    TicketSlip,
    WorkerChoice,
)
from opsdesk.services.text_limits import check_search
from opsdesk.storage.models import (
    BenefitKind,
    Case,
    CaseSuspension,
    Client,
    Contract,
    Region,
    Session,
    Staff,
    Team,
    TeamStatus,
    Visit,
    VisitEvent,
)
from opsdesk.storage.server_transaction import write_kept_now

SLIP_PRINTED = "slip"  # visit_event.action: the referral slip was printed

DEFAULT_HORIZON_DAYS = 14
SCOPES = ("quarter", "project")
HELD = SessionState.HELD.value
CLIENT_SEARCH_LIMIT = 30


def system_actor() -> Actor:
    """Who the command line acts as: no account (``id`` None), the manager's permissions,
    "cli" in the audit log."""
    return Actor(
        id=None,
        login=CLI_LOGIN,
        full_name=_("opsdesk command line"),
        roles=frozenset({Role.MANAGER}),
    )


class ReportService(Service):
    # --- choices --------------------------------------------------------------------------

    def deadline_scopes(self) -> list[DeadlineScope]:
        """Teams (with their active workers) whose deadlines the actor may print."""
        actor = self.ctx.require(Action.DEADLINE_REPORT)
        with self.db.reading() as session:
            teams = session.execute(
                select(Team.id, Team.name)
                .where(Team.active.is_(True), Team.kind.in_(BOARD_TEAM_KINDS))
                .order_by(Team.id)
            ).all()
            staff = session.execute(
                select(Staff.id, Staff.full_name, Staff.login, Staff.team_id).where(
                    Staff.active.is_(True)
                )
            ).all()
        scopes = []
        for team_id, name in teams:
            if not can_reach(actor, TeamId(team_id)):
                continue
            workers = sorted(
                (WorkerChoice(StaffId(i), n, login) for i, n, login, t in staff if t == team_id),
                key=lambda w: polish_sort_key(w.full_name),
            )
            scopes.append(DeadlineScope(TeamId(team_id), name, tuple(workers)))
        return scopes

    def find_clients(self, text: str) -> list[ClientChoice]:
        """Clients matching every word of ``text`` (name, PESEL, document number), for the
        GDPR report and "who saw this person"; insensitive to case and Polish letters."""
        self.ctx.require_any(Action.GDPR_REPORT, Action.AUDIT_PERSON)
        tokens = fold(check_search(text, "client")).split()
        if not tokens:
            return []
        query = select(Client).where(
            Client.anonymised_at.is_(None),
            *(Client.search_key.contains(token, autoescape=True) for token in tokens),
        )
        with self.db.reading() as session:
            rows = list(
                session.scalars(
                    query.order_by(Client.search_key, Client.id).limit(CLIENT_SEARCH_LIMIT)
                )
            )
            regions = dict(session.execute(select(Region.id, Region.name)).all())
            summaries = [client_summary(c, regions) for c in rows]
        return [
            ClientChoice(s.id, s.code, s.display_name, s.identity, s.address) for s in summaries
        ]

    # --- deadlines ------------------------------------------------------------------------

    def deadline_report(
        self, team_id: TeamId, worker_id: StaffId | None = None, until: date | None = None
    ) -> DeadlineReport:
        """The running deadlines of the team's open cases (of ``worker_id`` only, if given)
        that fall by ``until`` (default: two weeks from today), overdue ones included,
        earliest first: one row per deadline, so a case whose interview and decision are
        both due by then is listed twice. A deadline whose clock is stopped (suspended
        proceedings) is not listed."""
        actor = require_team(self.ctx, Action.DEADLINE_REPORT, team_id)
        today = self.ctx.clock.today()
        until = until or today + timedelta(days=DEFAULT_HORIZON_DAYS)
        if until < today:
            raise ValidationError.single("until", _("Choose a day from today on."))
        with self.db.transaction() as session:
            team_name = session.scalar(select(Team.name).where(Team.id == team_id))
            if team_name is None:
                raise NotFound(_("This team does not exist."))
            worker_name = ""
            if worker_id is not None:
                worker_name = (
                    session.scalar(select(Staff.full_name).where(Staff.id == worker_id)) or ""
                )
                if not worker_name:
                    raise NotFound(_("This worker does not exist."))
            scope = [Case.team_id == team_id, Case.closed_at.is_(None)]
            if worker_id is not None:
                scope.append(Case.worker_id == worker_id)
            suspended = exists().where(
                CaseSuspension.case_id == Case.id, CaseSuspension.ends_on.is_(None)
            )
            # the cached next deadline is each case's earliest running one: a case has
            # deadlines by ``until`` exactly when that one is
            cases = session.execute(
                select(
                    Case,
                    Client.last_name,
                    Client.first_name,
                    BenefitKind.name,
                    Staff.full_name,
                    TeamStatus.name,
                    suspended,
                )
                .join(Client, Client.id == Case.client_id)
                .join(BenefitKind, BenefitKind.id == Case.kind_id)
                .join(TeamStatus, TeamStatus.id == Case.status_id)
                .outerjoin(Staff, Staff.id == Case.worker_id)
                .where(*scope, Case.next_due <= until)
            ).all()
            rows = sorted(
                (
                    (
                        case.id,
                        case.file_number,
                        last,
                        first,
                        kind,
                        worker,
                        status,
                        d.due,
                        d.rule,
                        case.urgent,
                        stopped,
                        case.file_year,
                        case.file_seq,
                    )
                    for case, last, first, kind, worker, status, stopped in cases
                    for d in case_deadlines(facts_of(session, case), today)
                    if not d.stopped and d.due <= until
                ),
                key=lambda r: (r[7], r[11], r[12], r[8]),
            )
            later = (
                session.scalar(select(func.count(Case.id)).where(*scope, Case.next_due > until))
                or 0
            )
            undated = (
                session.scalar(select(func.count(Case.id)).where(*scope, Case.next_due.is_(None)))
                or 0
            )
            audit.record(
                session,
                self.ctx,
                "print",
                "team",
                team_id,
                f"deadline report until {until.isoformat()}"
                + (f", worker {worker_id}" if worker_id is not None else "")
                + f", {len(cases)} cases, {len(rows)} deadlines",
            )
        return DeadlineReport(
            office=OfficeService(self.ctx).profile(),
            team_name=team_name,
            worker_name=worker_name,
            today=today,
            until=until,
            rows=tuple(
                DeadlineRow(
                    case_id,
                    number,
                    f"{last} {first}",
                    kind,
                    worker or "",
                    status,
                    due,
                    rule,
                    deadline_label(rule),
                    working_days_left(due, today),
                    urgency_class(due, today),
                    bool(urgent),
                    bool(stopped),
                )
                for (
                    case_id,
                    number,
                    last,
                    first,
                    kind,
                    worker,
                    status,
                    due,
                    rule,
                    urgent,
                    stopped,
                    _year,
                    _seq,
                ) in rows
            ),
            later=later,
            without_deadline=undated,
            prepared_by=actor.full_name,
            generated_at=self.ctx.clock.now(),
        )

    # --- hours over a quarter or the project ----------------------------------------------

    def hours_period(
        self,
        contract_id: ContractId,
        scope: str = "project",
        quarter: tuple[int, int] | None = None,
    ) -> HoursPeriodReport:
        """A contract's months of ``quarter`` (year, 1–4) or, for ``scope`` "project", from
        its start to this month (or its end, if earlier)."""
        actor = self.ctx.require(Action.HOURS_PRINT)
        if scope not in SCOPES:
            raise ValueError(f"unknown scope {scope!r}")
        checked = checked_quarter(quarter) if scope == "quarter" else None
        with self.db.transaction() as session:
            contract = viewable_contract(session, actor, contract_id)
            record = contract_records(session, [contract])[0]
            if checked is not None:
                months = quarter_months(*checked)
            else:
                first = month_of(contract.valid_from)
                last = max(
                    first, min(month_of(contract.valid_to), month_of(self.ctx.clock.today()))
                )
                months = months_between(month_first_day(first), month_last_day(last))
            ids = list(
                session.scalars(
                    select(Session.id).where(
                        Session.contract_id == contract_id,
                        Session.state == HELD,
                        Session.day >= month_first_day(months[0]),
                        Session.day <= month_last_day(months[-1]),
                    )
                )
            )
            forms = self._forms(session, ids)
            workers = tuple(worker_rows(session, ids))
            manager = signing_manager(session, actor)
            period = (
                f"{scope} {months[0][0]}-{months[0][1]:02d}..{months[-1][0]}-{months[-1][1]:02d}"
            )
            audit.record(
                session, self.ctx, "print", "contract", contract_id, f"hours summary {period}"
            )
        summary = HoursSummaryService(self.ctx).contract_summary(ContractId(contract_id))
        by_month = {row.key: row for row in summary.months}
        rows = tuple(by_month.get(m) or PeriodRow(m, Budget(0, 0)) for m in months)
        wanted_quarters = {quarter_of(m) for m in months}
        return HoursPeriodReport(
            office=OfficeService(self.ctx).profile(),
            contract=record,
            scope=scope,
            first=months[0],
            last=months[-1],
            months=rows,
            quarters=tuple(q for q in summary.quarters if q.key in wanted_quarters),
            project=summary.project,
            project_to_last=sum(r.budget.used for r in summary.months if r.key <= months[-1]),
            forms=forms,
            workers=workers,
            manager_name=manager,
            prepared_by=actor.full_name,
            generated_at=self.ctx.clock.now(),
        )

    @staticmethod
    def _forms(session: DbSession, ids: list[int]) -> tuple[FormRow, ...]:
        totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        if ids:
            for form, minutes in session.execute(
                select(Session.form, Session.minutes).where(Session.id.in_(ids))
            ):
                totals[form][0] += 1
                totals[form][1] += minutes
        return tuple(FormRow(f, *totals[f.value]) for f in SessionForm if f.value in totals)

    # --- the first-contact desk -----------------------------------------------------------

    def _visit(self, session: DbSession, visit_id: VisitId) -> Visit:
        actor = self.ctx.require(Action.VISIT_VIEW)
        visit = session.get(Visit, visit_id)
        if visit is None:
            raise NotFound(_("This contact does not exist."))
        if not (
            actor.can(Action.VISIT_REGISTER)
            or actor.can(Action.RECEPTION_STATS)
            or actor.team_id == visit.target_team_id
        ):
            raise PermissionDenied(_("You can see only your own team's queue."))
        return visit

    def referral_slip(self, visit_id: VisitId) -> ReferralSlip:
        """Where the desk sent the person (team, worker and room; a booked appointment).
        Each print is an entry in the visit's history (``visit_event`` "slip"), so a slip
        printed again for a past visit is seen there as well as in the audit log."""
        with self.db.transaction() as session:
            visit = self._visit(session, visit_id)
            record = visit_record(visit, Names(session))
            team_id = visit.outcome_team_id or visit.target_team_id
            workplace = ""
            if visit.target_worker_id is not None:
                workplace = (
                    session.scalar(
                        select(Staff.workplace).where(Staff.id == visit.target_worker_id)
                    )
                    or ""
                )
            booked = session.execute(
                select(Session.day, Session.start, Session.minutes, Contract.provider_name)
                .join(Contract, Contract.id == Session.contract_id)
                .where(
                    Session.booked_from_visit_id == visit.id,
                    Session.state.in_((SessionState.BOOKED.value, HELD)),
                )
                .order_by(Session.day, Session.start)
                .limit(1)
            ).first()
            team_name = Names(session).team(team_id)
            printed_before = session.scalar(
                select(func.count(VisitEvent.id)).where(
                    VisitEvent.visit_id == visit.id, VisitEvent.action == SLIP_PRINTED
                )
            )
            session.add(  # in the visit's history: the slip was handed out (again)
                VisitEvent(
                    visit_id=visit.id,
                    at=self.ctx.clock.now(),
                    actor_id=self.ctx.actor.id if self.ctx.actor else None,
                    action=SLIP_PRINTED,
                    detail="again" if printed_before else "",
                    team_id=team_id,
                )
            )
            audit.record(session, self.ctx, "print", "visit", visit.id, "referral slip")
        return ReferralSlip(
            office=OfficeService(self.ctx).profile(),
            visit_id=visit_id,
            day=record.day,
            arrived_at=record.arrived_at,
            ticket=record.ticket,
            person=record.person,
            purpose_name=record.purpose_name,
            team_name=team_name,
            worker_name=record.target_worker_name,
            workplace=workplace,
            priority_label=priority_label(record.priority_reason) if record.priority else "",
            appointment=Appointment(*booked) if booked else None,
            prepared_by=self.ctx.require_actor().full_name,
            generated_at=self.ctx.clock.now(),
        )

    def ticket(self, visit_id: VisitId) -> TicketSlip:
        """The queue ticket of a visit in person, with how many wait before it."""
        self.ctx.require(Action.VISIT_REGISTER)
        with self.db.reading() as session:
            visit = self._visit(session, visit_id)
            if visit.ticket_seq is None:
                raise ValidationError.single("visit", _("This contact has no ticket."))
            waiting = session.execute(
                select(Visit.id, Visit.priority, Visit.arrived_at).where(
                    Visit.day == visit.day,
                    Visit.target_team_id == visit.target_team_id,
                    Visit.state == VisitState.WAITING.value,
                    Visit.id != visit.id,
                )
            ).all()
            mine = queue_key(visit.priority, visit.arrived_at, visit.id)
            ahead = sum(1 for i, p, at in waiting if queue_key(p, at, i) < mine)
            office = OfficeService(self.ctx).profile()
            return TicketSlip(
                office_name=office.name,
                ticket=format_ticket(visit.ticket_letter, visit.ticket_seq),
                team_name=Names(session).team(visit.target_team_id),
                arrived_at=visit.arrived_at,
                waiting_ahead=ahead,
                priority=bool(visit.priority),
                language=visit.language or "pl",
            )

    # --- GDPR -----------------------------------------------------------------------------

    def gdpr_report(self, client_id: ClientId) -> GdprReport:
        """Everything stored about a client and who accessed it; recorded as a read."""
        from opsdesk.services.reports.gdpr import gather_gdpr_report
        from opsdesk.services.reports.gdpr_info import load_information

        actor = self.ctx.require(Action.GDPR_REPORT)
        office = OfficeService(self.ctx).profile()
        audit.written(self.ctx)  # the lists shown just before are in the report too
        with self.db.transaction() as session:
            client = session.get(Client, client_id)
            if client is None or client.anonymised_at is not None:
                raise NotFound(_("This client does not exist."))
            audit.record(session, self.ctx, "read", "client", client_id, "GDPR report")
            write_kept_now(session)  # the report lists its own reading
            report = gather_gdpr_report(
                session, client, office, self.ctx.clock.now(), actor.full_name
            )
            information = load_information(session, office.name)
        return dataclasses.replace(report, information=information)
