"""The demo office's cases in motion (issue 17), made through the office's own services as the
people who do it, once the demo's rows are written:

- a summons to complete an application (art. 64 § 2 KPA), printed by a benefits worker: the
  case waits 7 days for the party;
- two appeals against recent decisions: one forwarded to the appeals board (SKO) within its
  7 days (art. 133 KPA), one lodged yesterday and still to forward (its deadline on the card);
- a social worker asks the benefits team for a decision: the new case waits in the region's
  benefits worker's "Przekazane do mnie";
- a social worker's leave recorded by the manager, with their open cases given to colleagues
  (each of which waits in its receiver's list too).

Each step is one service call: its own transaction, case events and audit entries, as in the
office. Cases are chosen from what the rows hold, so the steps fit any day the demo is built.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from sqlalchemy import select

from opsdesk.domain.ids import CaseId, StaffId
from opsdesk.services.account.auth import actor_for
from opsdesk.services.cases.caseload import AbsenceInput
from opsdesk.services.clock import FixedClock
from opsdesk.services.letters.records import LetterInputs
from opsdesk.services.registry import Services
from opsdesk.storage.database import Database
from opsdesk.storage.models import BenefitKind, Case, Staff, Team, TeamStatus

log = logging.getLogger("opsdesk.demo")

APPEAL_NOTE = "strona kwestionuje wysokość przyznanego świadczenia"
SUMMONS_MISSING = "zaświadczenie o dochodach z ostatnich 3 miesięcy"
HANDOFF_NOTE = "Prośba o zasiłek celowy na zakup opału na zimę; rodzina bez dochodu od grudnia"
LEAVE_REASON = "urlop wypoczynkowy"
LEAVE_DAYS = 14
ON_LEAVE = "socjalny3"  # Tomasz Górski, Rejon III
COVERING = ("socjalny4", "socjalny1")  # who takes his cases, in turn


def show_case_flows(db: Database, now: datetime) -> None:
    """Make the steps above in the demo office built as of ``now``."""
    clock = FixedClock(now)
    today = now.date()

    def as_(login: str) -> Services:
        with db.reading() as session:
            staff = session.scalar(select(Staff).where(Staff.login == login))
            assert staff is not None  # a demo account
            return Services(db, actor_for(session, staff), clock)

    _summons(as_, db)
    _appeals(as_, db, today)
    _handoff(as_, db)
    _leave(as_, db, today)


def _open_cases(db: Database, team_kind: str, *codes: str) -> list[tuple[int, int | None]]:
    """(case id, worker id) of the open cases in the team's columns ``codes``, oldest first."""
    with db.reading() as session:
        rows = session.execute(
            select(Case.id, Case.worker_id)
            .join(Team, Team.id == Case.team_id)
            .join(TeamStatus, TeamStatus.id == Case.status_id)
            .where(Team.kind == team_kind, TeamStatus.code.in_(codes), Case.closed_at.is_(None))
            .order_by(Case.application_date, Case.id)
        ).all()
    return [(i, w) for i, w in rows]


def _login_of(db: Database, staff_id: int | None) -> str | None:
    if staff_id is None:
        return None
    with db.reading() as session:
        return session.scalar(select(Staff.login).where(Staff.id == staff_id))


def _summons(as_, db: Database) -> None:
    """The newest application in the benefits team's "decision" column lacks a paper."""
    for case_id, worker_id in reversed(_open_cases(db, "benefits", "decision", "interview")):
        login = _login_of(db, worker_id)
        if login is None:
            continue
        worker = as_(login)
        choice = next(
            (c for c in worker.letters.choices(CaseId(case_id)) if c.kind == "summons"), None
        )
        if choice is not None and not choice.problem:
            worker.letters.print_letter(
                CaseId(case_id), choice.template_id, LetterInputs(missing=SUMMONS_MISSING)
            )
            return
    log.warning("demo: no case could take a summons")


def _appeals(as_, db: Database, today: date) -> None:
    """Appeals against the two most recent decisions made before today."""
    with db.reading() as session:
        decided = session.execute(
            select(Case.id, Case.worker_id, Case.decision_date)
            .join(Team, Team.id == Case.team_id)
            .where(
                Team.kind == "benefits",
                Case.closed_at.is_(None),
                Case.decision_date.is_not(None),
                Case.decision_date < today,
            )
            .order_by(Case.decision_date.desc(), Case.id.desc())
            .limit(2)
        ).all()
    if len(decided) < 2:
        log.warning("demo: too few decisions to appeal against")
        return
    (first, first_worker, first_day), (second, second_worker, second_day) = decided
    assert first_day is not None and second_day is not None  # selected so
    # lodged yesterday: waiting to be forwarded, due within 7 days
    yesterday = max(today - timedelta(days=1), first_day)
    as_(_login_of(db, first_worker) or "kierownik").appeals.lodge(
        CaseId(first), yesterday, APPEAL_NOTE
    )
    # lodged a few days after its decision, forwarded two days later (never after today)
    lodged = min(second_day + timedelta(days=3), today)
    worker = as_(_login_of(db, second_worker) or "kierownik")
    appeal = worker.appeals.lodge(CaseId(second), lodged, APPEAL_NOTE)
    worker.appeals.forward(appeal.id, min(lodged + timedelta(days=2), today))


def _handoff(as_, db: Database) -> None:
    """A social worker of Rejon I asks the benefits team for a decision for their client."""
    social = as_("socjalny1")
    with db.reading() as session:
        kind_id = session.scalar(select(BenefitKind.id).where(BenefitKind.code == "zasilek_celowy"))
        own = session.scalar(select(Staff.id).where(Staff.login == "socjalny1"))
    assert kind_id is not None
    case_id = next(
        (i for i, w in _open_cases(db, "social_work", "work", "contract") if w == own), None
    )
    if case_id is None:
        log.warning("demo: no social work case to hand off from")
        return
    social.handoffs.ask_for_decision(CaseId(case_id), kind_id, HANDOFF_NOTE)


def _leave(as_, db: Database, today: date) -> None:
    """The manager records a social worker's leave and gives their open cases to others."""
    manager = as_("kierownik")
    with db.reading() as session:
        ids = {
            login: StaffId(i)
            for login, i in session.execute(
                select(Staff.login, Staff.id).where(Staff.login.in_((ON_LEAVE, *COVERING)))
            )
        }
    cases = manager.caseload.open_cases(ids[ON_LEAVE])
    if not cases:
        log.warning("demo: the worker on leave has no open cases")
        return
    moves = {row.id: ids[COVERING[n % len(COVERING)]] for n, row in enumerate(cases)}
    manager.caseload.reassign_many(
        moves,
        LEAVE_REASON,
        absence=AbsenceInput(
            ids[ON_LEAVE], today, today + timedelta(days=LEAVE_DAYS - 1), LEAVE_REASON
        ),
        over_limit_confirmed=True,
    )
