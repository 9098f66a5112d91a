"""The desk's statistics for a day or a month (what offices report when they monitor the
reorganisation): contacts by channel and purpose, waiting and service times per team
(median and 90th percentile), the share of matters finished at the first contact, referrals
per team, no-shows.

Definitions:
- a contact is any registered visit, call, e-mail, letter or ePUAP message of the period;
- waiting and service times come from each visit's recorded actions (domain.queue.timings),
  credited to the team whose queue the person was in;
- finished at the first contact: ended with information given or an application accepted by
  the first-contact team itself, never redirected; the share is of all contacts that ended
  with an outcome;
- referrals: outcomes "sent to a team" by team, and to the psychologist and outside;
- waiting-time target: minutes set per queue (team); a wait no longer than it is "within the
  target", and the share is of the waits of that team (per period and per day), and of the
  waits each worker's calls ended, per queue (per period and per day);
- satisfaction: the 1-5 answers of the survey after a visit, by the day of the visit.
"""

from __future__ import annotations

import calendar
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from opsdesk.domain.formatting import format_date, month_name
from opsdesk.domain.ids import TeamId, optional_id
from opsdesk.domain.numbers import is_whole
from opsdesk.domain.office_model import TeamKind
from opsdesk.domain.queue import (
    MAX_WAIT_TARGET,
    RATINGS,
    Channel,
    Outcome,
    QueueAction,
    Step,
    Timing,
    VisitState,
    finished_at_first_contact,
    median,
    outcome_of,
    percentile,
    timings,
    within_target,
)
from opsdesk.domain.roles import Action
from opsdesk.domain.text import polish_sort_key
from opsdesk.errors import NotFound, ValidationError
from opsdesk.i18n import _
from opsdesk.services import audit
from opsdesk.services.context import Service
from opsdesk.services.periods import checked_month, checked_year
from opsdesk.services.reception.records import (
    CountRow,
    DayWaits,
    ReceptionStats,
    TeamTimes,
    WorkerWaits,
)
from opsdesk.storage.models import ContactPurpose, Staff, Team, Visit, VisitEvent, VisitRating
from opsdesk.storage.setting_values import get_setting, put_setting

Key = TypeVar("Key")


def _target(targets: dict[TeamId, int], team_id: int | None) -> int | None:
    """The team's waiting-time target in minutes (None: no team, or no target)."""
    return targets.get(TeamId(team_id)) if team_id is not None else None


def _waits_by(
    steps: dict[int, list[Step]], key: Callable[[int, Timing], Key]
) -> dict[Key, list[float]]:
    """The waits (minutes) of the visits' histories, grouped by ``key(visit_id, timing)``."""
    waits: dict[Key, list[float]] = defaultdict(list)
    for visit_id, history in steps.items():
        for timing in timings(history):
            if timing.kind == "wait":
                waits[key(visit_id, timing)].append(timing.minutes)
    return waits


def month_title(year: int, month: int) -> str:
    name = month_name(month)
    return f"{name[:1].upper()}{name[1:]} {year}"


TARGETS_KEY = "reception.wait_targets"  # {team id: minutes}
MAX_TARGET = MAX_WAIT_TARGET


class ReceptionStatsService(Service):
    # --- waiting-time targets --------------------------------------------------------------

    def targets(self) -> dict[TeamId, int]:
        """Each queue's waiting-time target in minutes (queues without one are absent)."""
        self.ctx.require(Action.VISIT_VIEW)
        with self.db.reading() as session:
            return self._targets(session)

    @staticmethod
    def _targets(session: Session) -> dict[TeamId, int]:
        stored = get_setting(session, TARGETS_KEY, {})
        return {
            TeamId(int(team)): minutes
            for team, minutes in stored.items()
            if str(team).isdigit() and is_whole(minutes) and 0 < minutes <= MAX_TARGET
        }

    def set_target(self, team_id: TeamId, minutes: int | None) -> dict[TeamId, int]:
        """Set (or with None remove) the waiting-time target of a team's queue."""
        return self.set_targets({team_id: minutes})

    def set_targets(self, changes: dict[TeamId, int | None]) -> dict[TeamId, int]:
        """Set the targets of several queues at once (None removes one): one transaction,
        one audit entry; the targets now in force."""
        self.ctx.require(Action.RECEPTION_STATS)
        for minutes in changes.values():
            if minutes is not None and (not is_whole(minutes) or not 1 <= minutes <= MAX_TARGET):
                raise ValidationError.single(
                    "target", _("The target is 1 to {n} minutes.").format(n=MAX_TARGET)
                )
        with self.db.transaction() as session:
            targets = self._targets(session)
            for team_id, minutes in changes.items():
                if session.get(Team, team_id) is None:
                    raise NotFound(_("This team does not exist."))
                if minutes is None:
                    targets.pop(team_id, None)
                else:
                    targets[team_id] = minutes
            put_setting(session, TARGETS_KEY, {str(t): m for t, m in sorted(targets.items())})
            teams = ", ".join(str(t) for t in sorted(changes))
            audit.record(session, self.ctx, "update", "setting", None, f"{TARGETS_KEY}: {teams}")
            return targets

    # --- statistics ------------------------------------------------------------------------
    def day(self, day: date) -> ReceptionStats:
        checked_year(day.year)
        return self._period(day, day, format_date(day), by_hour=True)

    def month(self, year: int, month: int) -> ReceptionStats:
        year, month = checked_month((year, month))
        last = calendar.monthrange(year, month)[1]
        return self._period(
            date(year, month, 1), date(year, month, last), month_title(year, month), by_hour=False
        )

    def _period(self, first: date, last: date, title: str, by_hour: bool) -> ReceptionStats:
        self.ctx.require(Action.RECEPTION_STATS)
        in_period = Visit.day.between(first, last)
        with self.db.reading() as session:
            teams = {
                tid: (name, kind)
                for tid, name, kind in session.execute(select(Team.id, Team.name, Team.kind))
            }
            purposes = dict(session.execute(select(ContactPurpose.id, ContactPurpose.name)).all())
            visits = session.execute(
                select(
                    Visit.id,
                    Visit.day,
                    Visit.channel,
                    Visit.purpose_id,
                    Visit.state,
                    Visit.outcome,
                    Visit.outcome_team_id,
                    Visit.target_team_id,
                    Visit.redirected_from_team_id,
                    Visit.arrived_at,
                ).where(in_period)
            ).all()
            targets = self._targets(session)
            ratings = Counter(
                session.scalars(
                    select(VisitRating.rating)
                    .join(Visit, Visit.id == VisitRating.visit_id)
                    .where(in_period)
                )
            )
            staff = dict(session.execute(select(Staff.id, Staff.full_name)).all())
            steps: dict[int, list[Step]] = defaultdict(list)
            for visit_id, action, at, team_id, actor_id in session.execute(
                select(
                    VisitEvent.visit_id,
                    VisitEvent.action,
                    VisitEvent.at,
                    VisitEvent.team_id,
                    VisitEvent.actor_id,
                )
                .join(Visit, Visit.id == VisitEvent.visit_id)
                .where(in_period, Visit.ticket_seq.is_not(None))
            ):
                steps[visit_id].append(Step(action, at, team_id, actor_id))

        def team_name(team_id: int | None) -> str:
            return teams[team_id][0] if team_id is not None and team_id in teams else _("No team")

        def worker_name(staff_id: int | None) -> str:
            name = staff.get(staff_id) if staff_id is not None else None
            return name or _("Unknown worker")

        visit_days = {v.id: v.day for v in visits}

        channels = Counter(v.channel for v in visits)
        by_channel = tuple(CountRow(c.label, channels[c.value]) for c in Channel)
        purpose_counts = Counter(v.purpose_id for v in visits)
        by_purpose = tuple(
            CountRow(purposes.get(pid, _("No purpose")), n)
            for pid, n in sorted(purpose_counts.items(), key=lambda kv: (-kv[1], kv[0] or 0))
        )
        ended = [v for v in visits if v.state == VisitState.DONE.value and v.outcome]
        at_desk = sum(
            finished_at_first_contact(
                v.outcome,
                teams.get(v.target_team_id, ("", ""))[1] == TeamKind.FIRST_CONTACT,
                v.redirected_from_team_id is not None,
            )
            for v in ended
        )
        referral_counts: Counter[str] = Counter()
        for v in ended:
            outcome = outcome_of(v.outcome)
            if outcome is None:
                continue
            if outcome is Outcome.SENT_TO_TEAM:
                referral_counts[team_name(v.outcome_team_id)] += 1
            elif outcome.is_referral:
                referral_counts[outcome.label] += 1
        referrals = tuple(
            CountRow(label, n)
            for label, n in sorted(referral_counts.items(), key=lambda kv: (-kv[1], kv[0]))
        )
        return ReceptionStats(
            first_day=first,
            last_day=last,
            title=title,
            contacts=len(visits),
            by_channel=by_channel,
            by_purpose=by_purpose,
            teams=self._team_times(steps, team_name, targets),
            finished_at_first_contact=at_desk,
            ended=len(ended),
            referrals=referrals,
            no_shows=sum(v.state == VisitState.NO_SHOW.value for v in visits),
            series_title=_("Contacts per hour") if by_hour else _("Contacts per day"),
            series=self._series(visits, first, last, by_hour),
            daily=self._daily(steps, visit_days, team_name, targets),
            ratings=tuple(ratings[r] for r in RATINGS),
            workers=self._workers(steps, None, worker_name, team_name, targets),
            worker_days=self._workers(steps, visit_days, worker_name, team_name, targets),
        )

    @staticmethod
    def _workers(
        steps: dict[int, list[Step]],
        days: dict[int, date] | None,
        worker_name: Callable[[int | None], str],
        team_name: Callable[[int | None], str],
        targets: dict[TeamId, int],
    ) -> tuple[WorkerWaits, ...]:
        """Waits per worker whose call ended them (and per team; per day with ``days``)."""
        waits = _waits_by(
            steps,
            lambda visit_id, timing: (
                days[visit_id] if days is not None else None,
                timing.actor_id,
                timing.team_id,
            ),
        )
        rows = []
        for (day, worker_id, team_id), minutes in waits.items():
            target = _target(targets, team_id)
            rows.append(
                WorkerWaits(
                    day=day,
                    worker_name=worker_name(worker_id),
                    team_name=team_name(team_id),
                    waits=len(minutes),
                    wait_median=median(minutes),
                    target_minutes=target,
                    within_target=sum(within_target(m, target) for m in minutes),
                )
            )
        return tuple(
            sorted(
                rows,
                key=lambda r: (r.day or date.min, polish_sort_key(r.worker_name), r.team_name),
            )
        )

    @staticmethod
    def _daily(
        steps: dict[int, list[Step]],
        days: dict[int, date],
        team_name: Callable[[int | None], str],
        targets: dict[TeamId, int],
    ) -> tuple[DayWaits, ...]:
        waits = _waits_by(steps, lambda visit_id, timing: (days[visit_id], timing.team_id))
        rows = []
        for (day, team_id), minutes in waits.items():
            target = _target(targets, team_id)
            rows.append(
                DayWaits(
                    day=day,
                    team_name=team_name(team_id),
                    waits=len(minutes),
                    wait_median=median(minutes),
                    wait_p90=percentile(minutes, 0.9),
                    target_minutes=target,
                    within_target=sum(within_target(m, target) for m in minutes),
                )
            )
        return tuple(sorted(rows, key=lambda r: (r.day, r.team_name)))

    @staticmethod
    def _team_times(
        steps: dict[int, list[Step]],
        team_name: Callable[[int | None], str],
        targets: dict[TeamId, int] | None = None,
    ) -> tuple[TeamTimes, ...]:
        targets = targets or {}
        waits: dict[int | None, list[float]] = defaultdict(list)
        services: dict[int | None, list[float]] = defaultdict(list)
        finished: Counter[int | None] = Counter()
        no_shows: Counter[int | None] = Counter()
        for history in steps.values():
            for timing in timings(history):
                (waits if timing.kind == "wait" else services)[timing.team_id].append(
                    timing.minutes
                )
            for step in history:
                if step.action == QueueAction.FINISH:
                    finished[step.team_id] += 1
                elif step.action == QueueAction.NO_SHOW:
                    no_shows[step.team_id] += 1
                elif step.action == QueueAction.UNDO_NO_SHOW:  # came after all
                    no_shows[step.team_id] -= 1
        team_ids = set(waits) | set(services) | set(finished) | set(no_shows)
        rows = [
            TeamTimes(
                team_id=optional_id(TeamId, tid),
                team_name=team_name(tid),
                waits=len(waits[tid]),
                wait_median=median(waits[tid]),
                wait_p90=percentile(waits[tid], 0.9),
                services=len(services[tid]),
                service_median=median(services[tid]),
                service_p90=percentile(services[tid], 0.9),
                finished=finished[tid],
                no_shows=no_shows[tid],
                target_minutes=_target(targets, tid),
                within_target=sum(within_target(m, _target(targets, tid)) for m in waits[tid]),
            )
            for tid in team_ids
        ]
        return tuple(sorted(rows, key=lambda r: (r.team_id is None, r.team_id or 0)))

    @staticmethod
    def _series(
        visits: Sequence[Row[*tuple[Any, ...]]], first: date, last: date, by_hour: bool
    ) -> tuple[CountRow, ...]:
        if by_hour:
            counts = Counter(v.arrived_at.hour for v in visits)
            low = min([7, *counts])
            high = max([15, *counts])
            return tuple(CountRow(f"{h:02d}", counts[h]) for h in range(low, high + 1))
        counts = Counter(v.day for v in visits)
        return tuple(
            CountRow(str(d), counts[date(first.year, first.month, d)])
            for d in range(1, last.day + 1)
        )
