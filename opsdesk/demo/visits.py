"""Two years of contacts at the first-contact desk, and today's queue as it stands now.

In-person visitors get a ticket of the target team's letter, numbered per day in order of
arrival (the ``counter`` table holds each day's last number). Phone calls, letters, e-mails
and ePUAP messages are registered without a ticket. Every visit has its events: arrive,
call, start, finish (or no_show / cancel).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from opsdesk.demo.context import DemoClient, DemoContext, at, office_minutes
from opsdesk.demo.texts import PRIORITY_REASONS, UNREGISTERED_VISITORS, VISIT_NOTES
from opsdesk.storage.models import Counter, Visit, VisitEvent

IN_PERSON, PHONE, EMAIL, LETTER, EPUAP = "in_person", "phone", "email", "letter", "epuap"
CORRESPONDENCE = (EMAIL, LETTER, EPUAP)
FIRST_CONTACT, BENEFITS, SOCIAL = "first_contact", "benefits", "social_work"
# outcome of a finished visit
RESOLVED, REDIRECTED, CASE_OPENED, APPOINTMENT, FORWARDED = (
    "resolved", "redirected", "case_opened", "appointment", "forwarded")

PURPOSE_TEAM = {
    "information": FIRST_CONTACT, "benefit_application": BENEFITS, "social_work": SOCIAL,
    "care_services": SOCIAL, "psychologist": FIRST_CONTACT,  # the desk books the psychologist
    "complaint": FIRST_CONTACT, "other": FIRST_CONTACT,
}
PURPOSE_MIX = {
    IN_PERSON: {"information": 25, "benefit_application": 30, "social_work": 20,
                "care_services": 7, "psychologist": 4, "complaint": 2, "other": 12},
    PHONE: {"information": 45, "benefit_application": 15, "social_work": 20,
            "care_services": 8, "psychologist": 7, "complaint": 2, "other": 3},
    "correspondence": {"information": 15, "benefit_application": 40, "social_work": 15,
                       "care_services": 10, "complaint": 5, "other": 15},
}
# minutes waited before the call, and minutes of service, by team
WAIT = {FIRST_CONTACT: (1, 10), BENEFITS: (3, 28), SOCIAL: (3, 22)}
SERVICE = {FIRST_CONTACT: (3, 14), BENEFITS: (8, 35), SOCIAL: (12, 45)}
LAST_ARRIVAL = office_minutes() - 40


def ticket_counter(letter: str) -> str:
    """The counter row's name for one team's tickets (scope: the day, ISO)."""
    return f"ticket:{letter}"


@dataclass
class VisitSpec:
    """A contact to register on a given day; ``created`` learns the new visit's id."""

    channel: str
    purpose: str
    client: DemoClient | None
    minute: int  # arrival, minutes after opening
    team: str = ""
    worker_id: int | None = None
    outcome: str | None = None
    label: str = ""
    priority_reason: str = ""
    state: str = "done"
    created: Callable[[int], None] | None = None
    # for today's queue: minutes between arrival and call / start (None: not yet)
    called_after: int | None = None
    started_after: int | None = None


class Schedule:
    """Visits other parts of the demo need on given days (applications, bookings)."""

    def __init__(self):
        self.by_day: dict[date, list[VisitSpec]] = {}

    def add(self, day: date, spec: VisitSpec) -> None:
        self.by_day.setdefault(day, []).append(spec)


def create_visits(ctx: DemoContext, schedule: Schedule) -> None:
    rng = ctx.rng("visits")
    writer = _Writer(ctx, rng)
    for day in ctx.past_working_days():
        specs = schedule.by_day.get(day, []) + _random_day(ctx, day, rng)
        writer.day(day, specs)
    writer.day(ctx.today, schedule.by_day.get(ctx.today, []) + _today(ctx))


def _volume(day: date, rng: random.Random) -> dict[str, int]:
    mean = {0: 14, 1: 12, 2: 12, 3: 12}.get(day.weekday(), 10)  # today may be a day off
    if day.day <= 7:
        mean *= 1.3  # early in the month: payments, applications
    if day.month in (7, 8):
        mean *= 0.8
    phone = mean * 0.45

    def draw(m: float) -> int:
        return max(round(m / 2), round(rng.gauss(m, 0.7 * m ** 0.5)))

    return {IN_PERSON: draw(mean), PHONE: draw(phone), LETTER: draw(1.6), EMAIL: draw(1.2),
            EPUAP: draw(1.0)}


def _random_day(ctx: DemoContext, day: date, rng: random.Random,
                latest: int = LAST_ARRIVAL, scale: float = 1.0) -> list[VisitSpec]:
    adults = ctx.adults(day)
    specs = []
    for channel, count in _volume(day, rng).items():
        mix = PURPOSE_MIX.get(channel, PURPOSE_MIX["correspondence"])
        for _ in range(round(count * scale)):
            purpose = rng.choices(list(mix), weights=list(mix.values()))[0]
            registered = channel in CORRESPONDENCE or rng.random() < 0.72
            client = rng.choice(adults) if registered and adults else None
            spec = VisitSpec(channel, purpose, client, rng.randint(0, latest))
            if client is None:
                spec.label = rng.choice(UNREGISTERED_VISITORS)
            if channel == IN_PERSON:
                roll = rng.random()
                if roll < 0.03:
                    spec.state = "no_show"
                elif roll < 0.05:
                    spec.state = "cancelled"
                if rng.random() < 0.05:
                    spec.priority_reason = rng.choice(PRIORITY_REASONS)
            specs.append(spec)
    return specs


def _today(ctx: DemoContext) -> list[VisitSpec]:
    """Today until the snapshot: finished visits, then the queue as it is now."""
    rng = ctx.rng("today")
    now = int((ctx.snapshot - at(ctx.today, 0)).total_seconds() // 60)
    share = min(1.0, max(0.2, (now - 40) / LAST_ARRIVAL))
    specs = _random_day(ctx, ctx.today, rng, latest=max(10, now - 80), scale=share)
    for spec in specs:
        spec.state = "done"
    adults = ctx.adults(ctx.today)
    # (team, minutes ago, state, called after, started after, priority)
    queue = [
        (BENEFITS, 24, "in_service", 13, 14, ""),
        (SOCIAL, 17, "called", 16, None, ""),
        (BENEFITS, 15, "waiting", None, None, ""),
        (SOCIAL, 12, "waiting", None, None, ""),
        (FIRST_CONTACT, 7, "waiting", None, None, ""),
        (BENEFITS, 5, "waiting", None, None, PRIORITY_REASONS[0]),
        (FIRST_CONTACT, 2, "waiting", None, None, ""),
    ]
    purposes = {BENEFITS: "benefit_application", SOCIAL: "social_work",
                FIRST_CONTACT: "information"}
    for team, ago, state, called, started, priority in queue:
        client = rng.choice(adults)
        specs.append(VisitSpec(IN_PERSON, purposes[team], client, now - ago, team=team,
                               state=state, called_after=called, started_after=started,
                               priority_reason=priority))
    return specs


class _Writer:
    def __init__(self, ctx: DemoContext, rng: random.Random):
        self.ctx, self.rng = ctx, rng
        self.clerk = ctx.staff["rejestracja"]
        self.team_workers = {
            FIRST_CONTACT: [self.clerk],
            BENEFITS: [b for b, _s in ctx.regions.values()],
            SOCIAL: [s for _b, s in ctx.regions.values()] + [ctx.staff["socjalny4"]],
        }

    def day(self, day: date, specs: list[VisitSpec]) -> None:
        specs.sort(key=lambda s: s.minute)
        seqs: dict[str, int] = {}
        for spec in specs:
            team = spec.team or PURPOSE_TEAM[spec.purpose]
            worker = spec.worker_id or self._target(team, spec)
            letter = None
            if spec.channel == IN_PERSON:
                letter = self.ctx.ticket_letters[self.ctx.teams[team]]
                seqs[letter] = seqs.get(letter, 0) + 1
            visit_id = self._visit(day, spec, team, worker, letter, seqs.get(letter))
            if spec.created is not None:
                spec.created(visit_id)
        for letter, value in sorted(seqs.items()):
            self.ctx.rows.add(Counter, name=ticket_counter(letter), scope=day.isoformat(),
                              value=value)

    def _target(self, team: str, spec: VisitSpec) -> int | None:
        if team == FIRST_CONTACT:
            return None
        if spec.purpose == "care_services":
            return self.ctx.staff["uslugi"]
        if spec.client is None:
            return None
        benefits, social = self.ctx.regions[spec.client.region_id]
        return benefits if team == BENEFITS else social

    def _visit(self, day: date, spec: VisitSpec, team: str, worker: int | None,
               letter: str | None, seq: int | None) -> int:
        rng = self.rng
        arrived = at(day, spec.minute)
        server = worker or rng.choice(self.team_workers[team])
        if spec.channel in CORRESPONDENCE:
            server = self.clerk
        elif spec.channel == PHONE and team == FIRST_CONTACT:
            server = self.clerk
        times = self._times(spec, team, arrived)
        outcome, outcome_team = self._outcome(spec, team)
        done = spec.state == "done"
        visit_id = self.ctx.rows.add(
            Visit,
            day=day,
            channel=spec.channel,
            purpose_id=self.ctx.purposes[spec.purpose],
            client_id=spec.client.id if spec.client else None,
            visitor_label=spec.label,
            ticket_letter=letter,
            ticket_seq=seq,
            priority=1 if spec.priority_reason else 0,
            priority_reason=spec.priority_reason,
            target_team_id=self.ctx.teams[team],
            target_worker_id=worker,
            note=rng.choice(VISIT_NOTES[spec.purpose]),
            state=spec.state,
            arrived_at=arrived,
            called_at=times["call"],
            called_by_id=server if times["call"] else None,
            call_place=self.ctx.workplaces.get(server, "") if times["call"] else "",
            started_at=times["start"],
            finished_at=times["finish"],
            served_by_id=server if times["start"] else None,
            outcome=outcome if done else None,
            outcome_team_id=outcome_team if done else None,
            created_by_id=self.clerk,
        )
        self._events(visit_id, spec, arrived, times, server)
        return visit_id

    def _times(self, spec: VisitSpec, team: str, arrived: datetime) -> dict:
        rng = self.rng
        times: dict[str, datetime | None] = {"call": None, "start": None, "finish": None,
                                             "end": None}
        if spec.channel != IN_PERSON:
            if spec.state == "done":
                times["start"] = arrived
                length = rng.randint(3, 12) if spec.channel == PHONE else rng.randint(1, 4)
                times["finish"] = arrived + timedelta(minutes=length)
            return times
        if spec.called_after is not None or spec.started_after is not None:  # today's queue
            if spec.called_after is not None:
                times["call"] = arrived + timedelta(minutes=spec.called_after)
            if spec.started_after is not None:
                times["start"] = arrived + timedelta(minutes=spec.started_after)
            return times
        if spec.state in ("waiting", "cancelled"):
            if spec.state == "cancelled":
                times["end"] = arrived + timedelta(minutes=rng.randint(5, 25))
            return times
        times["call"] = arrived + timedelta(minutes=rng.randint(*WAIT[team]),
                                            seconds=rng.randint(0, 59))
        if spec.state == "no_show":
            times["end"] = times["call"] + timedelta(minutes=3)
            return times
        times["start"] = times["call"] + timedelta(seconds=rng.randint(30, 150))
        times["finish"] = times["start"] + timedelta(minutes=rng.randint(*SERVICE[team]))
        return times

    def _outcome(self, spec: VisitSpec, team: str) -> tuple[str, int | None]:
        if spec.outcome is not None:
            return spec.outcome, self.ctx.teams[team]
        if spec.channel in CORRESPONDENCE:
            return FORWARDED, self.ctx.teams[team]
        if team == FIRST_CONTACT and self.rng.random() < 0.15:
            other = self.rng.choice((BENEFITS, SOCIAL))
            return REDIRECTED, self.ctx.teams[other]
        return RESOLVED, None

    def _events(self, visit_id: int, spec: VisitSpec, arrived: datetime, times: dict,
                server: int) -> None:
        def event(moment: datetime, actor: int, action: str) -> None:
            self.ctx.rows.add(VisitEvent, visit_id=visit_id, at=moment, actor_id=actor,
                              action=action, detail="")

        event(arrived, self.clerk, "arrive")
        for action in ("call", "start", "finish"):
            if times[action]:
                event(times[action], server, action)
        if spec.state == "no_show":
            event(times["end"], server, "no_show")
        elif spec.state == "cancelled":
            event(times["end"], self.clerk, "cancel")
