"""Two years of contacts at the first-contact desk, and today's queue as it stands now.

Written the way the reception services write them (``services.reception.desk`` and
``services.reception.queue``): a person at the desk gets a ticket of the target team's
letter, numbered per day in order of arrival (the ``counter`` row ``ticket:<letter>`` holds
each day's last number), is called, served and finished with an outcome; a few are
redirected to another team's queue, keeping their ticket. Phone calls, letters, e-mails and
ePUAP messages are logged without a ticket and finished at once. Every step is a visit
event.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from opsdesk.demo.context import DemoClient, DemoContext, at, office_minutes
from opsdesk.demo.texts import UNREGISTERED_VISITORS, VISIT_NOTES
from opsdesk.domain.queue import (
    PRIORITY_LEVEL,
    Channel,
    Outcome,
    PriorityReason,
    QueueAction,
    VisitState,
)
from opsdesk.domain.workdays import is_working_day
from opsdesk.storage.models import Counter, Visit, VisitEvent

FIRST_CONTACT, BENEFITS, SOCIAL = "first_contact", "benefits", "social_work"

PURPOSE_TEAM = {
    "information": FIRST_CONTACT,
    "benefit_application": BENEFITS,
    "social_work": SOCIAL,
    "care_services": SOCIAL,
    "psychologist": FIRST_CONTACT,  # the desk books the psychologist
    "complaint": FIRST_CONTACT,
    "other": FIRST_CONTACT,
}
PURPOSE_MIX = {
    Channel.IN_PERSON: {
        "information": 25,
        "benefit_application": 30,
        "social_work": 20,
        "care_services": 7,
        "psychologist": 4,
        "complaint": 2,
        "other": 12,
    },
    Channel.PHONE: {
        "information": 45,
        "benefit_application": 15,
        "social_work": 20,
        "care_services": 8,
        "psychologist": 7,
        "complaint": 2,
        "other": 3,
    },
    "correspondence": {
        "information": 15,
        "benefit_application": 40,
        "social_work": 15,
        "care_services": 10,
        "complaint": 5,
        "other": 15,
    },
}
# minutes waited before the call, and minutes of service, by team
WAIT = {FIRST_CONTACT: (1, 10), BENEFITS: (3, 28), SOCIAL: (3, 22)}
SERVICE = {FIRST_CONTACT: (3, 14), BENEFITS: (8, 35), SOCIAL: (12, 45)}
LAST_ARRIVAL = office_minutes() - 40
# why the desk routes some contacts elsewhere than the purpose and region propose
ROUTING_REASONS = {
    "psychologist": "Konsultację u psychologa umawia stanowisko pierwszego kontaktu.",
    "services": "Usługami opiekuńczymi zajmuje się pracownik ds. usług.",
    "worker": "Sprawę prowadzi pracownik wyznaczony do kontraktów socjalnych i interwencji "
    "kryzysowej.",
}
REDIRECTED_AT_DESK = 0.1  # of those in the desk's own queue, sent on to another team's


def ticket_counter(letter: str) -> str:
    """The counter row's name for one team's tickets (scope: the day, ISO), as reception."""
    return f"ticket:{letter}"


@dataclass
class VisitSpec:
    """A contact to register on a given day; ``created`` learns the new visit's id."""

    channel: Channel
    purpose: str
    client: DemoClient | None
    minute: int  # arrival, minutes after opening
    team: str = ""
    worker_id: int | None = None
    outcome: Outcome | None = None
    label: str = ""
    priority_reason: str = ""
    state: VisitState = VisitState.DONE
    redirect_to: str = ""  # the team the desk sends the person on to
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
        writer.day(day, schedule.by_day.get(day, []) + _random_day(ctx, day, rng))
    writer.day(ctx.today, schedule.by_day.get(ctx.today, []) + _today(ctx))


def _volume(day: date, rng: random.Random) -> dict[Channel, int]:
    mean: float = {0: 14, 1: 12, 2: 12, 3: 12}.get(day.weekday(), 10)  # today may be a day off
    if day.day <= 7:
        mean *= 1.3  # early in the month: payments, applications
    if day.month in (7, 8):
        mean *= 0.8

    def draw(m: float) -> int:
        return max(round(m / 2), round(rng.gauss(m, 0.7 * m**0.5)))

    return {
        Channel.IN_PERSON: draw(mean),
        Channel.PHONE: draw(mean * 0.45),
        Channel.LETTER: draw(1.6),
        Channel.EMAIL: draw(1.2),
        Channel.EPUAP: draw(1.0),
    }


def _random_day(
    ctx: DemoContext, day: date, rng: random.Random, latest: int = LAST_ARRIVAL, scale: float = 1.0
) -> list[VisitSpec]:
    adults = ctx.adults(day)
    specs = []
    for channel, count in _volume(day, rng).items():
        mix = PURPOSE_MIX.get(channel, PURPOSE_MIX["correspondence"])
        for _ in range(round(count * scale)):
            purpose = rng.choices(list(mix), weights=list(mix.values()))[0]
            registered = channel not in (Channel.IN_PERSON, Channel.PHONE) or rng.random() < 0.72
            client = rng.choice(adults) if registered and adults else None
            spec = VisitSpec(channel, purpose, client, rng.randint(0, latest))
            if client is None:
                spec.label = rng.choice(UNREGISTERED_VISITORS)
            if channel is Channel.IN_PERSON:
                _in_person_story(spec, rng)
            specs.append(spec)
    return specs


def _in_person_story(spec: VisitSpec, rng: random.Random) -> None:
    roll = rng.random()
    if roll < 0.03:
        spec.state = VisitState.NO_SHOW
    elif roll < 0.05:
        spec.state = VisitState.CANCELLED
    elif (
        PURPOSE_TEAM[spec.purpose] == FIRST_CONTACT
        and spec.purpose != "psychologist"
        and rng.random() < REDIRECTED_AT_DESK
    ):
        spec.redirect_to = rng.choice((BENEFITS, SOCIAL))
    if rng.random() < 0.05:
        spec.priority_reason = rng.choice(list(PriorityReason)).value


def _today(ctx: DemoContext) -> list[VisitSpec]:
    """Today until the snapshot: finished contacts, then the queue as it is now. Nobody on a
    day off or before the office opens; early in the morning only the queue that has formed
    since the opening (nothing is ever dated after the snapshot)."""
    if not is_working_day(ctx.today):
        return []
    rng = ctx.rng("today")
    now = int((ctx.snapshot - at(ctx.today, 0)).total_seconds() // 60)
    if now <= 0:
        return []
    specs = []
    if now > 90:  # people served and gone earlier today
        share = min(1.0, max(0.2, (now - 40) / LAST_ARRIVAL))
        specs = _random_day(ctx, ctx.today, rng, latest=now - 80, scale=share)
    for spec in specs:
        spec.state = VisitState.DONE
    adults = ctx.adults(ctx.today)
    regions = sorted(ctx.regions)
    # (team, minutes ago, state, called after, started after, priority, region): someone
    # for each region's workers, so every worker has a person to call
    queue = [
        (BENEFITS, 24, VisitState.IN_SERVICE, 13, 14, "", 2),
        (SOCIAL, 17, VisitState.CALLED, 16, None, "", 2),
        (BENEFITS, 15, VisitState.WAITING, None, None, "", 0),
        (SOCIAL, 12, VisitState.WAITING, None, None, "", 0),
        (FIRST_CONTACT, 7, VisitState.WAITING, None, None, "", None),
        (BENEFITS, 5, VisitState.WAITING, None, None, PriorityReason.DISABILITY.value, 1),
        (SOCIAL, 4, VisitState.WAITING, None, None, "", 1),
        (FIRST_CONTACT, 2, VisitState.WAITING, None, None, "", None),
    ]
    purposes = {
        BENEFITS: "benefit_application",
        SOCIAL: "social_work",
        FIRST_CONTACT: "information",
    }
    for team, ago, state, called, started, priority, region in queue:
        if ago > now:  # would have come before the office opened
            continue
        pool = [c for c in adults if region is None or c.region_id == regions[region]]
        specs.append(
            VisitSpec(
                Channel.IN_PERSON,
                purposes[team],
                rng.choice(pool),
                now - ago,
                team=team,
                state=state,
                called_after=called,
                started_after=started,
                priority_reason=priority,
            )
        )
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
            letter = seq = None
            if spec.channel.gets_ticket:
                letter = self.ctx.ticket_letters[self.ctx.teams[team]]
                seq = seqs[letter] = seqs.get(letter, 0) + 1
            visit_id = _Visit(self, day, spec, team, letter, seq).write()
            if spec.created is not None:
                spec.created(visit_id)
        for letter, value in sorted(seqs.items()):
            self.ctx.rows.add(
                Counter, name=ticket_counter(letter), scope=day.isoformat(), value=value
            )

    def worker_for(self, team: str, spec: VisitSpec) -> int | None:
        """The routed worker: the region's worker of the team (services: their worker)."""
        if team == FIRST_CONTACT:
            return None
        if spec.purpose == "care_services":
            return self.ctx.staff["uslugi"]
        if spec.client is None:
            return None
        benefits, social = self.ctx.regions[spec.client.region_id]
        return benefits if team == BENEFITS else social


class _Visit:
    """One visit's row and events, step by step as the services would record them."""

    def __init__(
        self,
        writer: _Writer,
        day: date,
        spec: VisitSpec,
        team: str,
        letter: str | None,
        seq: int | None,
    ):
        self.w, self.ctx, self.rng, self.spec = writer, writer.ctx, writer.rng, spec
        self.team = team
        self.events: list[tuple[datetime, int, str, str, str]] = []
        self.row: dict[str, Any] = dict(
            day=day,
            channel=spec.channel.value,
            purpose_id=self.ctx.purposes[spec.purpose],
            client_id=spec.client.id if spec.client else None,
            visitor_label=spec.label,
            ticket_letter=letter,
            ticket_seq=seq,
            priority=PRIORITY_LEVEL if spec.priority_reason else 0,
            priority_reason=spec.priority_reason,
            target_team_id=self.ctx.teams[team],
            target_worker_id=spec.worker_id or writer.worker_for(team, spec),
            note=self.rng.choice(VISIT_NOTES[spec.purpose]),
            state=spec.state.value,
            arrived_at=at(day, spec.minute),
            created_by_id=writer.clerk,
        )
        self.row["routing_override_reason"] = self._override_reason()

    def _override_reason(self) -> str:
        """Why the clerk sent the person elsewhere than reception proposed, as the desk
        requires when the team or worker differs from the purpose's route ("" if not)."""
        proposed_team = self.ctx.purpose_teams[self.spec.purpose]
        if proposed_team is None:
            return ""
        proposed_worker = None
        if self.spec.client is not None and proposed_team in (BENEFITS, SOCIAL):
            benefits, social = self.ctx.regions[self.spec.client.region_id]
            proposed_worker = benefits if proposed_team == BENEFITS else social
        if (self.team, self.row["target_worker_id"]) == (proposed_team, proposed_worker):
            return ""
        if self.spec.purpose == "psychologist":
            return ROUTING_REASONS["psychologist"]
        if self.row["target_worker_id"] == self.ctx.staff["uslugi"]:
            return ROUTING_REASONS["services"]
        return ROUTING_REASONS["worker"]

    def write(self) -> int:
        self.event(self.row["arrived_at"], self.w.clerk, QueueAction.REGISTER)
        if self.spec.channel.gets_ticket:
            self._at_the_desk()
        else:
            self._logged()
        visit_id = self.ctx.rows.new(Visit, **self.row)
        for moment, actor, action, detail, team in self.events:
            self.ctx.rows.add(
                VisitEvent,
                visit_id=visit_id,
                at=moment,
                actor_id=actor,
                action=action,
                detail=detail,
                team_id=self.ctx.teams[team],
            )
        return visit_id

    def event(self, moment: datetime, actor: int, action: QueueAction, detail: str = "") -> None:
        self.events.append((moment, actor, action.value, detail, self.team))

    def _logged(self) -> None:
        """A call, letter, e-mail or ePUAP message: logged by the desk and finished at once."""
        spec, team = self.spec, self.team
        outcome = spec.outcome or (
            Outcome.INFORMATION if team == FIRST_CONTACT else Outcome.SENT_TO_TEAM
        )
        self._finish(self.row["arrived_at"], self.w.clerk, outcome, team)

    def _finish(self, moment: datetime, server: int, outcome: Outcome, sent_to: str) -> None:
        self.row.update(
            finished_at=moment,
            served_by_id=server,
            outcome=outcome.value,
            outcome_team_id=self.ctx.teams[sent_to] if outcome.needs_team else None,
        )
        self.event(moment, server, QueueAction.FINISH, outcome.value)

    def _call(self, moment: datetime, server: int) -> None:
        place = self.ctx.workplaces.get(server, "")
        self.row.update(called_at=moment, called_by_id=server, call_place=place)
        self.event(moment, server, QueueAction.CALL, place)

    def _server(self) -> int:
        return self.row["target_worker_id"] or self.rng.choice(self.w.team_workers[self.team])

    def _at_the_desk(self) -> None:
        spec, rng = self.spec, self.rng
        arrived = self.row["arrived_at"]
        if spec.called_after is not None or spec.started_after is not None:
            self._today_in_queue(arrived)
            return
        if spec.state is VisitState.WAITING:
            return
        if spec.state is VisitState.CANCELLED:
            left = arrived + timedelta(minutes=rng.randint(5, 25))
            self.row["finished_at"] = left
            self.event(left, self.w.clerk, QueueAction.CANCEL)
            return
        called = arrived + timedelta(
            minutes=rng.randint(*WAIT[self.team]), seconds=rng.randint(0, 59)
        )
        server = self._server()
        self._call(called, server)
        if spec.state is VisitState.NO_SHOW:
            gone = called + timedelta(minutes=3)
            self.row["finished_at"] = gone
            self.event(gone, server, QueueAction.NO_SHOW)
            return
        if spec.redirect_to:
            called = self._redirect(called, server)
            server = self._server()
            self._call(called, server)
        started = called + timedelta(seconds=rng.randint(30, 150))
        self.row.update(started_at=started, served_by_id=server)
        self.event(started, server, QueueAction.START)
        finished = started + timedelta(minutes=rng.randint(*SERVICE[self.team]))
        self._finish(finished, server, spec.outcome or self._outcome(), self._sent_to())

    def _redirect(self, called: datetime, clerk: int) -> datetime:
        """The desk sends the person on to another team's queue; returns the next call."""
        moment = called + timedelta(minutes=self.rng.randint(2, 6))
        client = self.spec.client
        self.row["redirected_from_team_id"] = self.row["target_team_id"]
        self.team = self.spec.redirect_to
        self.row["target_team_id"] = self.ctx.teams[self.team]
        self.row["target_worker_id"] = self.w.worker_for(self.team, self.spec) if client else None
        self.event(moment, clerk, QueueAction.REDIRECT)
        return moment + timedelta(minutes=self.rng.randint(*WAIT[self.team]))

    def _outcome(self) -> Outcome:
        roll = self.rng.random()
        if self.team == FIRST_CONTACT:
            if roll < 0.12:
                return Outcome.SENT_TO_TEAM
            return Outcome.OUTSIDE if roll < 0.2 else Outcome.INFORMATION
        if self.spec.purpose == "benefit_application" and roll < 0.3:
            return Outcome.APPLICATION
        return Outcome.INFORMATION

    def _sent_to(self) -> str:
        return self.rng.choice((BENEFITS, SOCIAL))

    def _today_in_queue(self, arrived: datetime) -> None:
        spec = self.spec
        server = self._server()
        if spec.called_after is not None:
            self._call(arrived + timedelta(minutes=spec.called_after), server)
        if spec.started_after is not None:
            started = arrived + timedelta(minutes=spec.started_after)
            self.row.update(started_at=started, served_by_id=server)
            self.event(started, server, QueueAction.START)
