"""Absence and caseload: the manager marks a worker absent for some days and moves their open
cases (all or some) to others of the team in one transaction; each worker has a caseload
limit (an office setting: a default and exceptions per worker) that the board shows and that
a move past it must be confirmed for.

- A move is a change of worker with a reason in each case's history and an audit entry; the
  receiver finds the case in their "Przekazane do mnie" list (``cases.inbox``).
- Nobody absent today receives a moved case; a new case of an absent worker's region is left
  for the whole team (``case_service.default_worker``); a hand-off is not sent back to them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from opsdesk.domain.formatting import format_date
from opsdesk.domain.ids import CaseId, StaffId, TeamId
from opsdesk.domain.roles import Action
from opsdesk.errors import Conflict, NotFound, ValidationError
from opsdesk.i18n import _
from opsdesk.services import audit
from opsdesk.services.cases.access import (
    add_event,
    clean_reason,
    load_case,
    staff_name,
    worker_problem,
)
from opsdesk.services.cases.inbox import hand_to_worker
from opsdesk.services.context import Service
from opsdesk.storage.models import (
    BenefitKind,
    Case,
    Client,
    Staff,
    StaffAbsence,
    TeamStatus,
)
from opsdesk.storage.setting_values import get_setting, put_setting

LIMITS_KEY = "case_caseload_limits"
MAX_LIMIT = 999
MAX_ABSENCE_REASON = 200


@dataclass(frozen=True)
class CaseloadLimits:
    """Open cases a worker should carry at most: ``default`` for everyone (None: no limit),
    ``per_worker`` the exceptions."""

    default: int | None = None
    per_worker: dict[int, int] = field(default_factory=dict)

    def limit_of(self, staff_id: int | None) -> int | None:
        if staff_id is None:
            return None
        return self.per_worker.get(staff_id, self.default)


@dataclass(frozen=True)
class AbsenceRecord:
    id: int
    staff_id: StaffId
    staff_name: str
    starts_on: date
    ends_on: date
    reason: str


@dataclass(frozen=True)
class AbsenceInput:
    staff_id: StaffId
    starts_on: date
    ends_on: date
    reason: str = ""


@dataclass(frozen=True)
class OpenCaseRow:
    id: CaseId
    file_number: str
    client_name: str
    kind_name: str
    status_name: str
    next_due: date | None


@dataclass(frozen=True)
class LimitWarning:
    worker_id: StaffId
    worker_name: str
    open_now: int
    incoming: int
    limit: int

    @property
    def text(self) -> str:
        return _(
            "{name}: {now} open cases and {incoming} more would make {total}, over the limit "
            "of {limit}"
        ).format(
            name=self.worker_name,
            now=self.open_now,
            incoming=self.incoming,
            total=self.open_now + self.incoming,
            limit=self.limit,
        )


class OverCaseload(Conflict):
    """The moves would take workers past their caseload limit: ask, then move confirmed."""

    def __init__(self, warnings: list[LimitWarning]):
        self.warnings = warnings
        super().__init__(
            _("Over the caseload limit: {list}.").format(list="; ".join(w.text for w in warnings))
        )


def read_limits(session: Session) -> CaseloadLimits:
    value = get_setting(session, LIMITS_KEY, {})
    default = value.get("default")
    per_worker = {
        int(k): v
        for k, v in (value.get("per_worker") or {}).items()
        if str(k).isdigit() and isinstance(v, int) and v > 0
    }
    return CaseloadLimits(default if isinstance(default, int) and default > 0 else None, per_worker)


def absence_on(session: Session, staff_id: int, day: date) -> StaffAbsence | None:
    """The worker's absence covering ``day``, if any."""
    return session.scalar(
        select(StaffAbsence)
        .where(
            StaffAbsence.staff_id == staff_id,
            StaffAbsence.starts_on <= day,
            StaffAbsence.ends_on >= day,
        )
        .order_by(StaffAbsence.ends_on.desc())
        .limit(1)
    )


def absent_until(session: Session, day: date) -> dict[int, date]:
    """Who is absent on ``day``, and until when."""
    return {
        staff_id: until
        for staff_id, until in session.execute(
            select(StaffAbsence.staff_id, func.max(StaffAbsence.ends_on))
            .where(StaffAbsence.starts_on <= day, StaffAbsence.ends_on >= day)
            .group_by(StaffAbsence.staff_id)
        )
    }


def open_counts(session: Session, worker_ids: list[int]) -> Counter[int]:
    """Open cases per worker (every team's board)."""
    if not worker_ids:
        return Counter()
    rows = session.execute(
        select(Case.worker_id, func.count())
        .join(TeamStatus, TeamStatus.id == Case.status_id)
        .where(Case.worker_id.in_(worker_ids), TeamStatus.closes_case.is_(False))
        .group_by(Case.worker_id)
    )
    return Counter({worker: count for worker, count in rows if worker is not None})


def absence_problem(session: Session, staff_id: int, day: date) -> str | None:
    absence = absence_on(session, staff_id, day)
    if absence is None:
        return None
    return _("{person} is absent until {date}.").format(
        person=staff_name(session, StaffId(staff_id)), date=format_date(absence.ends_on)
    )


class CaseloadService(Service):
    # --- limits -------------------------------------------------------------------------

    def limits(self) -> CaseloadLimits:
        self.ctx.require(Action.CASE_VIEW)
        with self.db.reading() as session:
            return read_limits(session)

    def set_limits(self, default: int | None, per_worker: Mapping[int, int | None]) -> None:
        """The office's caseload limits: a default (None: none) and exceptions per worker (a
        worker given None follows the default; workers not given keep theirs)."""
        self.ctx.require_any(Action.CASE_ASSIGN, Action.SETTINGS_MANAGE)
        errors: dict[str, str] = {}

        def bad(value: object) -> bool:
            return value is not None and (
                not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= MAX_LIMIT
            )

        message = _("A limit is a whole number of cases from 1 to {n}.").format(n=MAX_LIMIT)
        if bad(default):
            errors["default"] = message
        for staff_id, value in per_worker.items():
            if bad(value):
                errors[f"worker_{staff_id}"] = message
        if errors:
            raise ValidationError(errors)
        with self.db.transaction() as session:
            for staff_id in per_worker:
                if session.get(Staff, staff_id) is None:
                    raise ValidationError.single(
                        f"worker_{staff_id}", _("This worker does not exist.")
                    )
            kept = read_limits(session).per_worker  # other teams' exceptions stay
            kept.update({k: v for k, v in per_worker.items() if v is not None})
            stored: dict[str, object] = {
                "default": default,
                "per_worker": {
                    str(k): v for k, v in kept.items() if per_worker.get(k, v) is not None
                },
            }
            put_setting(session, LIMITS_KEY, stored)
            audit.record(session, self.ctx, "update", "setting", None, f"{LIMITS_KEY}={stored}")

    # --- absences -----------------------------------------------------------------------

    def absences(self) -> list[AbsenceRecord]:
        """Absences running today or to come, by their start."""
        self.ctx.require(Action.CASE_VIEW)
        today = self.ctx.clock.today()
        with self.db.reading() as session:
            return [
                AbsenceRecord(a.id, StaffId(a.staff_id), name, a.starts_on, a.ends_on, a.reason)
                for a, name in session.execute(
                    select(StaffAbsence, Staff.full_name)
                    .join(Staff, Staff.id == StaffAbsence.staff_id)
                    .where(StaffAbsence.ends_on >= today)
                    .order_by(StaffAbsence.starts_on, StaffAbsence.id)
                )
            ]

    def mark_absent(self, data: AbsenceInput) -> AbsenceRecord:
        self.ctx.require(Action.CASE_ASSIGN)
        with self.db.transaction() as session:
            absence = self._add_absence(session, data)
            return AbsenceRecord(
                absence.id,
                data.staff_id,
                staff_name(session, data.staff_id),
                absence.starts_on,
                absence.ends_on,
                absence.reason,
            )

    def cancel_absence(self, absence_id: int) -> None:
        self.ctx.require(Action.CASE_ASSIGN)
        with self.db.transaction() as session:
            absence = session.get(StaffAbsence, absence_id)
            if absence is None:
                raise NotFound(_("This absence does not exist."))
            audit.record(
                session,
                self.ctx,
                "delete",
                "staff_absence",
                absence.id,
                f"staff {absence.staff_id} {absence.starts_on}..{absence.ends_on}",
            )
            session.delete(absence)

    def _add_absence(self, session: Session, data: AbsenceInput) -> StaffAbsence:
        errors: dict[str, str] = {}
        staff = session.get(Staff, data.staff_id)
        if staff is None or not staff.active:
            errors["staff"] = _("This worker does not exist or no longer works here.")
        if data.ends_on < data.starts_on:
            errors["ends_on"] = _("The absence cannot end before it starts.")
        elif data.ends_on < self.ctx.clock.today():
            errors["ends_on"] = _("This absence is over already.")
        reason = data.reason.strip()
        if len(reason) > MAX_ABSENCE_REASON:
            errors["absence_reason"] = _("This text is too long (at most {n} characters).").format(
                n=MAX_ABSENCE_REASON
            )
        if not errors:
            overlap = session.scalar(
                select(StaffAbsence).where(
                    StaffAbsence.staff_id == data.staff_id,
                    and_(
                        StaffAbsence.starts_on <= data.ends_on,
                        StaffAbsence.ends_on >= data.starts_on,
                    ),
                )
            )
            if overlap is not None:
                errors["starts_on"] = _(
                    "{person} is already marked absent from {start} to {end}."
                ).format(
                    person=staff.full_name if staff else "?",
                    start=format_date(overlap.starts_on),
                    end=format_date(overlap.ends_on),
                )
        if errors:
            raise ValidationError(errors)
        absence = StaffAbsence(
            staff_id=data.staff_id,
            starts_on=data.starts_on,
            ends_on=data.ends_on,
            reason=reason,
            created_at=self.ctx.clock.now(),
            created_by_id=self.ctx.actor.id if self.ctx.actor else None,
        )
        session.add(absence)
        session.flush()
        audit.record(
            session,
            self.ctx,
            "create",
            "staff_absence",
            absence.id,
            f"staff {data.staff_id} {data.starts_on}..{data.ends_on}",
        )
        return absence

    # --- moving cases -------------------------------------------------------------------

    def open_cases(self, worker_id: StaffId) -> list[OpenCaseRow]:
        """The worker's open cases, earliest deadline first (to choose which to move; the
        list shown is audited)."""
        self.ctx.require(Action.CASE_ASSIGN)
        with self.db.reading() as session:
            rows = session.execute(
                select(
                    Case.id,
                    Case.file_number,
                    Client.last_name,
                    Client.first_name,
                    BenefitKind.name,
                    TeamStatus.name,
                    Case.next_due,
                )
                .join(Client, Client.id == Case.client_id)
                .join(BenefitKind, BenefitKind.id == Case.kind_id)
                .join(TeamStatus, TeamStatus.id == Case.status_id)
                .where(Case.worker_id == worker_id, TeamStatus.closes_case.is_(False))
                .order_by(Case.next_due.is_(None), Case.next_due, Case.id)
            ).all()
        cases = [
            OpenCaseRow(CaseId(i), number, f"{last} {first}", kind, status, due)
            for i, number, last, first, kind, status, due in rows
        ]
        audit.shown(
            self.ctx, "case", "worker's open cases", f"worker {worker_id}", (c.id for c in cases)
        )
        return cases

    def check_moves(self, moves: Mapping[CaseId, StaffId | None]) -> list[LimitWarning]:
        """Who would pass their caseload limit if these cases moved (nothing is changed)."""
        self.ctx.require(Action.CASE_ASSIGN)
        with self.db.reading() as session:
            return self._warnings(session, moves)

    def _warnings(
        self, session: Session, moves: Mapping[CaseId, StaffId | None]
    ) -> list[LimitWarning]:
        limits = read_limits(session)
        current: dict[int, int | None] = {
            case_id: worker
            for case_id, worker in session.execute(
                select(Case.id, Case.worker_id).where(Case.id.in_(list(moves)))
            )
        }
        incoming = Counter(
            worker
            for case_id, worker in moves.items()
            if worker is not None and current.get(case_id) != worker
        )
        counts = open_counts(session, list(incoming))
        warnings = []
        for worker, extra in sorted(incoming.items()):
            limit = limits.limit_of(worker)
            if limit is not None and counts[worker] + extra > limit:
                warnings.append(
                    LimitWarning(
                        StaffId(worker), staff_name(session, worker), counts[worker], extra, limit
                    )
                )
        return warnings

    def reassign_many(
        self,
        moves: Mapping[CaseId, StaffId | None],
        reason: str,
        *,
        absence: AbsenceInput | None = None,
        over_limit_confirmed: bool = False,
    ) -> int:
        """Give each case of ``moves`` to its new worker (None: nobody yet), saying why, in
        one transaction — with the absence that is the reason, if given. Raises OverCaseload
        (nothing changed) when a worker would pass their limit, unless confirmed. Returns how
        many cases changed worker."""
        self.ctx.require(Action.CASE_ASSIGN)
        reason = clean_reason(reason, required=True)
        if not moves:
            raise ValidationError.single("cases", _("Choose the cases to move."))
        today = self.ctx.clock.today()
        with self.db.transaction() as session:
            if absence is not None:
                self._add_absence(session, absence)
            cases = [load_case(session, self.ctx, case_id, Action.CASE_ASSIGN) for case_id in moves]
            errors: dict[str, str] = {}
            for case in cases:
                target = moves[CaseId(case.id)]
                if case.closed_at is not None:
                    errors["cases"] = _("Case {file} is closed.").format(file=case.file_number)
                elif problem := worker_problem(session, target, TeamId(case.team_id)):
                    errors["worker"] = problem
                elif target is not None and (problem := absence_problem(session, target, today)):
                    errors["worker"] = problem
            if errors:
                raise ValidationError(errors)
            warnings = self._warnings(session, moves)
            if warnings and not over_limit_confirmed:
                raise OverCaseload(warnings)
            moved = 0
            for case in cases:
                target = moves[CaseId(case.id)]
                if target == case.worker_id:
                    continue
                previous = case.worker_id
                add_event(
                    session,
                    self.ctx,
                    case,
                    "worker",
                    staff_name(session, StaffId(previous) if previous else None),
                    staff_name(session, target),
                    reason,
                )
                case.worker_id = target
                case.updated_at = self.ctx.clock.now()
                audit.record(
                    session, self.ctx, "update", "case", case.id, f"worker {target} (bulk)"
                )
                hand_to_worker(session, self.ctx, case, previous, reason)
                moved += 1
            return moved
