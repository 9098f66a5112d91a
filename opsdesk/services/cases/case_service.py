"""Cases (sprawy): opening (also from a reception contact), reading, moving across the team's
board, reassigning, closing and reopening. Deadline steps live in ``cases.steps``, notes in
``cases.notes``, hand-offs between teams in ``cases.handoff``, board queries in ``cases.boards``."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk.domain.case_closing import (
    DECISION,
    DONE,
    ENDINGS,
    Closing,
    Ending,
    closing_problems,
    endings_for,
)
from opsdesk.domain.case_rules import (
    DEFAULT_FILE_PATTERN,
    CaseFacts,
    file_pattern_problem,
    format_file_number,
    move_problem,
    records_decision,
)
from opsdesk.domain.formatting import format_date
from opsdesk.domain.ids import CaseId, ClientId, StaffId, TeamId, VisitId, optional_id
from opsdesk.domain.letters import appeal_period
from opsdesk.domain.roles import Action, Role
from opsdesk.errors import NotFound, PermissionDenied, ValidationError
from opsdesk.i18n import _
from opsdesk.services import audit
from opsdesk.services.cases.access import (
    add_event,
    board_statuses,
    board_team,
    can_reach,
    clean_reason,
    deadline_records,
    end_suspensions,
    event_label,
    facts_of,
    load_case,
    refresh_deadline,
    staff_name,
    summary_of,
    suspended_since,
    worker_problem,
)
from opsdesk.services.cases.caseload import absence_on, open_counts, read_limits
from opsdesk.services.cases.inbox import hand_to_worker
from opsdesk.services.cases.records import (
    Assignment,
    CaseDetail,
    CaseInput,
    CaseSummary,
    DeadlineRecord,
    EventRecord,
    KindRecord,
    LinkedCase,
    Referral,
    SuspensionRecord,
)
from opsdesk.services.clients.register import reaches_every_client
from opsdesk.services.clients.register import summary_of as client_summary
from opsdesk.services.context import Service, ServiceContext
from opsdesk.services.hours.access import referred_to
from opsdesk.services.text_limits import add_too_long
from opsdesk.storage.counters import next_value
from opsdesk.storage.models import (
    BenefitKind,
    Case,
    CaseEvent,
    CaseLink,
    CaseSuspension,
    Client,
    Region,
    Setting,
    Staff,
    Team,
    Visit,
)

log = logging.getLogger("opsdesk.cases")

FILE_PATTERN_KEY = "case_file_pattern"
MAX_SUMMARY = 4000


def file_pattern(session: Session) -> str:
    row = session.get(Setting, FILE_PATTERN_KEY)
    if row is None:
        return DEFAULT_FILE_PATTERN
    try:
        value = json.loads(row.value)
    except ValueError:
        value = row.value
    return (
        value
        if isinstance(value, str) and not file_pattern_problem(value)
        else (DEFAULT_FILE_PATTERN)
    )


def default_team(session: Session, kind: BenefitKind) -> Team | None:
    return session.scalar(
        select(Team).where(Team.kind == kind.team_kind, Team.active.is_(True)).order_by(Team.id)
    )


def default_worker(
    session: Session, client: Client, team: Team, today: date | None = None
) -> StaffId | None:
    """The worker of the client's region for this kind of team, if they are in the team (and
    not absent ``today``, nor at their caseload limit: the case is then the whole team's, for
    the manager to assign)."""
    if client.region_id is None:
        return None
    region = session.get(Region, client.region_id)
    assert region is not None  # a foreign key
    worker_id = optional_id(
        StaffId,
        region.benefits_worker_id if team.kind == "benefits" else region.social_worker_id,
    )
    if worker_id is None or worker_problem(session, worker_id, TeamId(team.id)):
        return None
    if today is not None and absence_on(session, worker_id, today) is not None:
        return None
    limit = read_limits(session).limit_of(worker_id)
    if limit is not None and open_counts(session, [worker_id])[worker_id] >= limit:
        return None
    return worker_id


def insert_case(
    session: Session,
    ctx: ServiceContext,
    data: CaseInput,
    visit_id: VisitId | None = None,
    own_team_only: bool = True,
) -> Case:
    """Validate ``data`` and add the case with its number, first event and deadline.

    Shared by opening a case, opening one from a visit and handing a family over (which opens
    a case on another team's board: ``own_team_only=False``).
    """
    errors: dict[str, str] = {}
    client = session.get(Client, data.client_id)
    if client is None or client.anonymised_at is not None:
        errors["client"] = _("Choose the client of the case.")
    kind = session.get(BenefitKind, data.kind_id)
    if kind is None or not kind.active:
        errors["kind"] = _("Choose the kind of help from the list.")
    team = None
    if data.team_id is not None:
        team = board_team(session, data.team_id)
        if team is None:
            errors["team"] = _(
                "Cases can be opened only on the board of the benefits team or "
                "the social work team."
            )
    elif kind is not None:
        team = default_team(session, kind)
        if team is None:
            errors["team"] = _("No active team runs this kind of help; choose a team.")
    today = ctx.clock.today()
    applied = data.application_date or today
    if applied > today:
        errors["application_date"] = _(
            "The application's date cannot be in the future (today is {today})."
        ).format(today=format_date(today))
    summary = data.summary.strip()
    if len(summary) > MAX_SUMMARY:
        errors["summary"] = _("The description is too long.")
    status = None
    if team is not None:
        statuses = board_statuses(session, TeamId(team.id))
        if data.status_id is None:
            status = next((s for s in statuses if not s.closes_case), None)
            if status is None:
                errors["status"] = _("The team's board has no columns yet.")
        else:
            status = next((s for s in statuses if s.id == data.status_id), None)
            if status is None or status.closes_case:
                errors["status"] = _(
                    "This status is not an open column of the board of \u201e{team}\u201d."
                ).format(team=team.name)
        worker_id = data.worker_id
        if worker_id is None and client is not None:
            worker_id = default_worker(session, client, team, ctx.clock.today())
        if problem := worker_problem(session, worker_id, TeamId(team.id)):
            errors["worker"] = problem
    if errors:
        raise ValidationError(errors)
    # without an error each of them was found above
    assert client is not None and kind is not None and team is not None and status is not None
    if own_team_only:
        actor = ctx.require_actor()
        if not (actor.has(Role.CLERK) or can_reach(actor, TeamId(team.id))):
            raise PermissionDenied(
                _(
                    "You can open cases only on your own team's board; to involve "
                    "another team, hand the family over from a case."
                )
            )
    now = ctx.clock.now()
    year = today.year
    seq = next_value(session, "case_file", str(year))
    case = Case(
        file_number=format_file_number(file_pattern(session), seq, year),
        file_year=year,
        file_seq=seq,
        client_id=client.id,
        kind_id=kind.id,
        team_id=team.id,
        worker_id=worker_id,
        status_id=status.id,
        application_date=applied,
        urgent=data.urgent,
        complex=data.complex,
        opened_from_visit_id=visit_id,
        summary=summary,
        outcome="",
        notice_reason="",
        created_at=now,
        updated_at=now,
    )
    session.add(case)
    session.flush()
    add_event(session, ctx, case, "created", "", status.name, summary[:200])
    if worker_id is not None:
        add_event(session, ctx, case, "worker", "", staff_name(session, worker_id))
    refresh_deadline(session, ctx, case, event=False)
    audit.record(session, ctx, "create", "case", case.id, case.file_number)
    log.info("case %s opened on team %s", case.file_number, team.id)
    return case


# A move can be undone by whoever made it for this long (a card dropped on the wrong column).
UNDO_MINUTES = 5
# Events a move adds after its "status" event, undone with it.
UNDONE_WITH_A_MOVE = frozenset({"deadline", "decision"})
SAME_CHANGE = timedelta(seconds=2)  # events of one transaction are this close


class CaseService(Service):
    # --- lists and settings ---------------------------------------------------------------

    def kinds(self) -> list[KindRecord]:
        """Active kinds of help, in the administrator's order."""
        self.ctx.require_any(Action.CASE_CREATE, Action.CASE_VIEW)
        with self.db.reading() as session:
            return [
                KindRecord(k.id, k.code, k.name, k.needs_decision, k.continuing, k.team_kind)
                for k in session.scalars(
                    select(BenefitKind)
                    .where(BenefitKind.active.is_(True))
                    .order_by(BenefitKind.position, BenefitKind.id)
                )
            ]

    def file_pattern(self) -> str:
        with self.db.reading() as session:
            return file_pattern(session)

    def set_file_pattern(self, pattern: str) -> None:
        """Administrator: the pattern of new file numbers, e.g. ``OPS.{seq}.{year}``."""
        self.ctx.require(Action.SETTINGS_MANAGE)
        if problem := file_pattern_problem(pattern):
            raise ValidationError.single("case_file_pattern", problem)
        with self.db.transaction() as session:
            row = session.get(Setting, FILE_PATTERN_KEY) or Setting(key=FILE_PATTERN_KEY)
            row.value = json.dumps(pattern.strip())
            session.add(row)
            audit.record(
                session,
                self.ctx,
                "update",
                "setting",
                None,
                f"{FILE_PATTERN_KEY}={pattern.strip()}",
            )

    def default_assignment(
        self, client_id: ClientId, kind_id: int, team_id: TeamId | None = None
    ) -> Assignment | None:
        """The team and worker a new case would get (to prefill a form)."""
        self.ctx.require(Action.CASE_CREATE)
        with self.db.reading() as session:
            client = session.get(Client, client_id)
            kind = session.get(BenefitKind, kind_id)
            if client is None or kind is None:
                return None
            team = board_team(session, team_id) if team_id else default_team(session, kind)
            if team is None:
                return None
            return Assignment(
                TeamId(team.id), default_worker(session, client, team, self.ctx.clock.today())
            )

    # --- opening --------------------------------------------------------------------------

    def create(self, data: CaseInput) -> CaseSummary:
        """Open a case. A worker opens cases on their own team's board; the desk and the
        manager on any. Bad input raises ValidationError and saves nothing."""
        self.ctx.require(Action.CASE_CREATE)
        with self.db.transaction() as session:
            case = insert_case(session, self.ctx, data)
            return summary_of(session, case)

    def open_case_from_visit(
        self,
        visit_id: VisitId,
        kind_id: int,
        *,
        team_id: TeamId | None = None,
        worker_id: StaffId | None = None,
        urgent: bool = False,
        complex: bool = False,
        summary: str = "",
    ) -> CaseSummary:
        """Open a case from a reception contact: the visit's client, its day as the
        application's date, its target team and worker unless given (else the kind's team and
        the region's worker). The visit itself is not changed."""
        self.ctx.require(Action.CASE_CREATE)
        with self.db.transaction() as session:
            visit = session.get(Visit, visit_id)
            if visit is None:
                raise NotFound(_("This contact does not exist."))
            if visit.client_id is None:
                raise ValidationError.single(
                    "client", _("Register the visitor as a client first, then open the case.")
                )
            kind = session.get(BenefitKind, kind_id)
            target_team = optional_id(TeamId, visit.target_team_id)
            board = board_team(session, target_team) if team_id is None and target_team else None
            if board is not None and (kind is None or kind.team_kind == board.kind):
                team_id = target_team
            target_worker = optional_id(StaffId, visit.target_worker_id)
            if (
                worker_id is None
                and target_worker
                and team_id is not None
                and (worker_problem(session, target_worker, team_id) is None)
            ):
                worker_id = target_worker
            data = CaseInput(
                client_id=ClientId(visit.client_id),
                kind_id=kind_id,
                team_id=team_id,
                worker_id=worker_id,
                application_date=visit.day,
                urgent=urgent,
                complex=complex,
                summary=summary,
            )
            case = insert_case(
                session, self.ctx, data, visit_id=VisitId(visit.id), own_team_only=False
            )
            return summary_of(session, case)

    # --- reading --------------------------------------------------------------------------

    def get(self, case_id: CaseId) -> CaseDetail:
        """The whole case (the read is audited). Workers: own team; the manager: all."""
        with self.db.transaction() as session:
            case = load_case(session, self.ctx, case_id, Action.CASE_VIEW)
            audit.record(session, self.ctx, "read", "case", case.id)
            return self._detail(session, case)

    def _detail(self, session: Session, case: Case) -> CaseDetail:
        today = self.ctx.clock.today()
        facts = facts_of(session, case)
        deadlines = deadline_records(facts, today)
        running = [d for d in deadlines if not d.stopped]
        client = session.get(Client, case.client_id)
        team = session.get(Team, case.team_id)
        assert client is not None and team is not None  # foreign keys
        client_info = client_summary(client, {})
        names: dict[int | None, str] = dict(
            session.execute(select(Staff.id, Staff.full_name)).all()
        )
        events = tuple(
            EventRecord(
                e.at,
                names.get(e.actor_id, ""),
                e.kind,
                event_label(e.kind),
                e.from_value,
                e.to_value,
                e.reason,
            )
            for e in session.scalars(
                select(CaseEvent)
                .where(CaseEvent.case_id == case.id)
                .order_by(CaseEvent.at, CaseEvent.id)
            )
        )
        suspensions = tuple(
            SuspensionRecord(s.id, s.starts_on, s.ends_on, s.reason)
            for s in session.scalars(
                select(CaseSuspension)
                .where(CaseSuspension.case_id == case.id)
                .order_by(CaseSuspension.starts_on)
            )
        )
        return CaseDetail(
            summary=summary_of(session, case),
            team_kind=team.kind,
            client_identity=client_info.identity,
            client_address=client_info.address,
            client_phone=client.phone,
            needs_decision=facts.needs_decision,
            continuing=facts.continuing,
            urgent=case.urgent,
            complex=case.complex,
            interview_date=case.interview_date,
            decision_date=case.decision_date,
            decision_number=case.decision_number or "",
            ending=case.ending,
            notice_new_date=case.notice_new_date,
            notice_reason=case.notice_reason,
            text=case.summary,
            outcome=case.outcome,
            created_at=case.created_at,
            closed_at=case.closed_at,
            opened_from_visit_id=optional_id(VisitId, case.opened_from_visit_id),
            deadlines=deadlines,
            next_deadline=running[0] if running else None,
            suspended_since=suspended_since(facts, today),
            suspensions=suspensions,
            events=events,
            links=self._links(session, case),
            can_change=self.ctx.require_actor().can(Action.CASE_CHANGE),
            awaiting_completion=facts.awaiting_completion,
            decision_delivered_on=case.decision_delivered_on,
            appeal=appeal_period(case.decision_delivered_on)
            if case.decision_delivered_on
            else None,
        )

    def _links(self, session: Session, case: Case) -> tuple[LinkedCase, ...]:
        actor = self.ctx.require_actor()
        linked = session.scalars(
            select(Case)
            .join(CaseLink, CaseLink.linked_case_id == Case.id)
            .where(CaseLink.case_id == case.id)
            .order_by(Case.id)
        )
        result = []
        for other in linked:
            s = summary_of(session, other)
            result.append(
                LinkedCase(
                    CaseId(other.id),
                    other.file_number,
                    s.team_name,
                    s.kind_name,
                    s.worker_name,
                    s.status_name,
                    s.closed,
                    can_reach(actor, TeamId(other.team_id)),
                )
            )
        return tuple(result)

    def for_client(self, client_id: ClientId) -> list[CaseSummary]:
        """The client's cases the actor may open (own team's; the manager: all)."""
        actor = self.ctx.require(Action.CASE_VIEW)
        query = select(Case).where(Case.client_id == client_id).order_by(Case.id.desc())
        if not actor.has(Role.MANAGER):
            query = query.where(Case.team_id == (actor.team_id or 0))
        with self.db.reading() as session:
            cases = [summary_of(session, c) for c in session.scalars(query)]
        audit.shown(
            self.ctx, "case", "client's cases", f"client {client_id}", (c.id for c in cases)
        )
        return cases

    def where_sent(self, client_id: ClientId) -> list[Referral]:
        """Where a client was sent (team, worker, file number), without the cases' content:
        what the first-contact desk may see."""
        actor = self.ctx.require(Action.CLIENT_VIEW)
        with self.db.reading() as session:
            if (
                not reaches_every_client(actor)
                and session.scalar(
                    select(Client.id).where(
                        Client.id == client_id,
                        referred_to(actor.account_id, self.ctx.clock.today()),
                    )
                )
                is None
            ):
                raise NotFound(_("This client does not exist or is not yours to see."))
            rows = session.execute(
                select(
                    Case.id,
                    Case.file_number,
                    Team.name,
                    Case.worker_id,
                    Case.application_date,
                    Case.closed_at,
                )
                .join(Team, Team.id == Case.team_id)
                .where(Case.client_id == client_id)
                .order_by(Case.id.desc())
            ).all()
            referrals = [
                Referral(
                    number,
                    team,
                    staff_name(session, optional_id(StaffId, worker)),
                    applied,
                    closed is not None,
                )
                for _id, number, team, worker, applied, closed in rows
            ]
        audit.shown(self.ctx, "case", "referrals", f"client {client_id}", (row[0] for row in rows))
        return referrals

    # --- changing -------------------------------------------------------------------------

    def move(self, case_id: CaseId, status_id: int, reason: str = "") -> CaseSummary:
        """Move the card to another column of its board. Refused (ValidationError on
        "status", with the reason) when it skips a required step; closing needs the outcome
        as ``reason`` and follows the closing rules (``close``) with the usual ending (a
        recorded decision with its number, or "done" for help without a decision);
        reopening needs a reason. Entering the "decided" column records the decision as
        issued today, unless it is recorded already."""
        with self.db.transaction() as session:
            case = load_case(session, self.ctx, case_id, Action.CASE_CHANGE)
            return self._move(session, case, status_id, reason, Closing(None, reason))

    def _move(
        self, session: Session, case: Case, status_id: int, reason: str, closing: Closing
    ) -> CaseSummary:
        statuses = {s.id: s for s in board_statuses(session, TeamId(case.team_id))}
        facts = facts_of(session, case)
        if problem := move_problem(
            facts, list(statuses.values()), case.status_id, status_id, reason
        ):
            raise ValidationError.single("status", problem)
        reason = clean_reason(reason)
        current, target = statuses.get(case.status_id), statuses[status_id]
        if target.closes_case and (errors := add_too_long({}, {"reason": (reason, Case.outcome)})):
            raise ValidationError(errors)  # the reason becomes the case's outcome
        today, now = self.ctx.clock.today(), self.ctx.clock.now()
        case.status_id = target.id
        add_event(
            session, self.ctx, case, "status", current.name if current else "", target.name, reason
        )
        if records_decision(target) and facts.needs_decision and case.decision_date is None:
            case.decision_date = today
            add_event(session, self.ctx, case, "decision", "", format_date(today))
        if target.closes_case and case.closed_at is None:
            self._apply_closing(session, case, facts, closing)
            end_suspensions(session, self.ctx, case, today)
            case.closed_at = now
            case.outcome = reason
            add_event(session, self.ctx, case, "closed", "", "", reason)
        elif not target.closes_case and case.closed_at is not None:
            case.closed_at = None
            case.ending = None
            add_event(session, self.ctx, case, "reopened", "", "", reason)
        case.updated_at = now
        refresh_deadline(
            session,
            self.ctx,
            case,
            reason=_("status \u201e{status}\u201d").format(status=target.name),
        )
        audit.record(session, self.ctx, "update", "case", case.id, f"status {target.code}")
        return summary_of(session, case)

    def undo_move(self, case_id: CaseId) -> CaseSummary:
        """Put the card back where the actor's last move took it from, within
        ``UNDO_MINUTES`` and while nobody changed the case since (the deadline the move
        recomputed and a decision it recorded on entering "decided" are undone with it). A
        move that closed the case is undone by reopening it, with a reason."""
        with self.db.transaction() as session:
            case = load_case(session, self.ctx, case_id, Action.CASE_CHANGE)
            events = list(
                session.scalars(
                    select(CaseEvent)
                    .where(CaseEvent.case_id == case.id)
                    .order_by(CaseEvent.id.desc())
                    .limit(10)
                )
            )
            move = next((e for e in events if e.kind == "status"), None)
            now = self.ctx.clock.now()
            actor_id = self.ctx.actor.id if self.ctx.actor else None
            if (
                move is None
                or move.actor_id != actor_id
                or now - move.at > timedelta(minutes=UNDO_MINUTES)
            ):
                raise ValidationError.single(
                    "status",
                    _(
                        "There is no move of yours in the last {n} minutes to undo on this case."
                    ).format(n=UNDO_MINUTES),
                )
            if case.closed_at is not None:
                raise ValidationError.single(
                    "status", _("The move closed the case: reopen it instead, saying why.")
                )
            tail = [e for e in events if e.id > move.id]  # what the move itself added
            if any(e.kind not in UNDONE_WITH_A_MOVE or e.at - move.at > SAME_CHANGE for e in tail):
                raise ValidationError.single(
                    "status", _("The case was changed after the move; move the card by hand.")
                )
            statuses = {s.name: s for s in board_statuses(session, TeamId(case.team_id))}
            back = statuses.get(move.from_value)
            if back is None:
                raise ValidationError.single(
                    "status",
                    _("The column \u201e{status}\u201d is no longer on the board.").format(
                        status=move.from_value
                    ),
                )
            current = next((s for s in statuses.values() if s.id == case.status_id), None)
            case.status_id = back.id
            add_event(
                session,
                self.ctx,
                case,
                "status",
                current.name if current else "",
                back.name,
                _("move undone"),
            )
            if any(e.kind == "decision" and not e.from_value for e in tail):
                add_event(
                    session,
                    self.ctx,
                    case,
                    "decision",
                    format_date(case.decision_date),
                    "",
                    _("move undone"),
                )
                case.decision_date = None  # recorded by the move into "decided"
            case.updated_at = now
            refresh_deadline(session, self.ctx, case, reason=_("move undone"))
            audit.record(session, self.ctx, "update", "case", case.id, f"status {back.code} (undo)")
            return summary_of(session, case)

    def close(self, case_id: CaseId, closing: Closing | str) -> CaseSummary:
        """Move the case to its board's closing column, ending as ``closing`` says
        (``domain.case_closing``: a case granted by a decision ends with a decision's number
        and date, or unexamined or forwarded; a plain text is the outcome of the usual
        ending). The decision given here is recorded in the same transaction."""
        if isinstance(closing, str):
            closing = Closing(None, closing)
        with self.db.transaction() as session:
            case = load_case(session, self.ctx, case_id, Action.CASE_CHANGE)
            column = next(
                (s for s in board_statuses(session, TeamId(case.team_id)) if s.closes_case), None
            )
            if column is None:
                raise ValidationError.single("status", _("The team's board has no closing column."))
            if case.closed_at is not None:
                raise ValidationError.single("status", _("The case is closed already."))
            return self._move(session, case, column.id, closing.outcome, closing)

    def closing_endings(self, case_id: CaseId) -> list[Ending]:
        """How this case may end (for the closing dialog), the usual ending first."""
        with self.db.reading() as session:
            case = load_case(session, self.ctx, case_id, Action.CASE_VIEW)
            return endings_for(facts_of(session, case).needs_decision)

    def _apply_closing(
        self, session: Session, case: Case, facts: CaseFacts, closing: Closing
    ) -> None:
        """Check the closing rules; record the ending and the decision that ends the case."""
        ending = closing.ending
        if ending is None:  # the usual ending (a move on the board)
            ending = DECISION if facts.needs_decision else DONE
            if facts.needs_decision and case.decision_date is None:
                raise ValidationError.single(
                    "status",
                    _(
                        "A case granted by a decision closes with the decision's number and date, "
                        "or as withdrawn, unexamined or forwarded: close it from the case "
                        "window."
                    ),
                )
            closing = replace(closing, ending=ending)
        if ending == DECISION and case.decision_delivered_on is not None:
            appeal = appeal_period(case.decision_delivered_on)
            if self.ctx.clock.today() < appeal.final_from:
                raise ValidationError.single(
                    "ending",
                    _(
                        "The decision is not final yet: the party may appeal until {last} "
                        "(delivered on {delivered}). The case can close from {final}."
                    ).format(
                        last=format_date(appeal.last_day),
                        delivered=format_date(appeal.delivered_on),
                        final=format_date(appeal.final_from),
                    ),
                )
        problems = closing_problems(
            needs_decision=facts.needs_decision,
            application_date=case.application_date,
            interview_date=case.interview_date,
            recorded_decision=case.decision_date,
            recorded_number=case.decision_number or "",
            closing=closing,
            today=self.ctx.clock.today(),
        )
        if problems:
            raise ValidationError(problems)
        case.ending = ending
        if ENDINGS[ending].by_decision:
            number = closing.decision_number.strip() or case.decision_number
            if number != case.decision_number:
                add_event(
                    session, self.ctx, case, "decision_number", case.decision_number or "", number
                )
                case.decision_number = number
            if case.decision_date is None:
                case.decision_date = closing.decision_date
                add_event(
                    session,
                    self.ctx,
                    case,
                    "decision",
                    "",
                    format_date(closing.decision_date),
                    _(ENDINGS[ending].label),
                )

    def reassign(self, case_id: CaseId, worker_id: StaffId | None, reason: str = "") -> CaseSummary:
        """Give the case to another worker of its team (None: nobody yet). Given to someone
        else than the actor, it waits in their list of hand-offs until they accept it or send
        it back (``cases.inbox``)."""
        with self.db.transaction() as session:
            case = load_case(session, self.ctx, case_id, Action.CASE_CHANGE)
            if problem := worker_problem(session, worker_id, TeamId(case.team_id)):
                raise ValidationError.single("worker", problem)
            reason = clean_reason(reason)
            if worker_id != case.worker_id:
                add_event(
                    session,
                    self.ctx,
                    case,
                    "worker",
                    staff_name(session, optional_id(StaffId, case.worker_id)),
                    staff_name(session, worker_id),
                    reason,
                )
                previous = case.worker_id
                case.worker_id = worker_id
                case.updated_at = self.ctx.clock.now()
                audit.record(session, self.ctx, "update", "case", case.id, f"worker {worker_id}")
                hand_to_worker(session, self.ctx, case, previous, reason)
            return summary_of(session, case)

    def set_flags(
        self, case_id: CaseId, urgent: bool, complex: bool, reason: str = ""
    ) -> CaseSummary:
        """Mark the case urgent (2-day interview) or particularly complicated (2-month
        decision); the deadline moves accordingly, so a change needs a reason for the
        history."""
        with self.db.transaction() as session:
            case = load_case(session, self.ctx, case_id, Action.CASE_CHANGE)
            before = self._flags_text(case.urgent, case.complex)
            after = self._flags_text(urgent, complex)
            reason = clean_reason(reason, required=before != after)
            if before != after:
                case.urgent, case.complex = urgent, complex
                add_event(session, self.ctx, case, "flags", before, after, reason)
                case.updated_at = self.ctx.clock.now()
                refresh_deadline(session, self.ctx, case, reason=after)
                audit.record(session, self.ctx, "update", "case", case.id, "flags")
            return summary_of(session, case)

    def flags_preview(
        self, case_id: CaseId, urgent: bool, complex: bool
    ) -> tuple[DeadlineRecord, ...]:
        """The case's deadlines as they would be with these flags (nothing is changed)."""
        with self.db.reading() as session:
            case = load_case(session, self.ctx, case_id, Action.CASE_VIEW)
            facts = replace(facts_of(session, case), urgent=urgent, complex=complex)
            return deadline_records(facts, self.ctx.clock.today())

    @staticmethod
    def _flags_text(urgent: bool, complex: bool) -> str:
        parts = [
            _("marked urgent") if urgent else _("not urgent"),
            _("marked particularly complicated") if complex else _("ordinary"),
        ]
        return ", ".join(parts)
