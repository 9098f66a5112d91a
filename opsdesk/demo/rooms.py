"""Bookings of the quiet room (confidential talks, the children's corner) around today."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from opsdesk.demo.context import DemoContext
from opsdesk.demo.places import QUIET_ROOM
from opsdesk.demo.texts import ROOM_NOTES
from opsdesk.domain.workdays import is_working_day
from opsdesk.storage.models import RoomBooking

# (start, minutes, worker login) for today; other days get one or two of these
SLOTS = (
    (time(9, 0), 45, "socjalny1"),
    (time(11, 0), 60, "socjalny2"),
    (time(13, 30), 45, "swiadczenia3"),
)


def create_room_bookings(ctx: DemoContext) -> None:
    rng = ctx.rng("rooms")
    monday = ctx.today - timedelta(days=ctx.today.weekday())
    candidates = [monday + timedelta(days=i) for i in (0, 1, 2, 3, 4, 7, 9)]
    days = [d for d in candidates if is_working_day(d) or d == ctx.today]
    if ctx.today not in days:
        days.append(ctx.today)
    clerk = ctx.staff["rejestracja"]
    cancelled_one = False
    for day in sorted(days):
        slots = SLOTS if day == ctx.today else rng.sample(SLOTS, rng.randint(1, 2))
        for start, minutes, login in sorted(slots):
            starts = datetime.combine(day, start)
            booked = min(starts - timedelta(days=rng.randint(1, 6), hours=2), ctx.snapshot)
            client = rng.choice(ctx.adults(min(day, ctx.today)))
            cancel = not cancelled_one and day > ctx.today
            cancelled_one = cancelled_one or cancel
            ctx.rows.add(
                RoomBooking,
                room=QUIET_ROOM,
                starts_at=starts,
                ends_at=starts + timedelta(minutes=minutes),
                worker_id=ctx.staff[login],
                client_id=client.id,
                note=rng.choice(ROOM_NOTES),
                created_by_id=clerk,
                cancelled_at=_cancelled_at(booked, ctx.snapshot) if cancel else None,
            )


def _cancelled_at(booked: datetime, now: datetime) -> datetime:
    return min(booked + timedelta(hours=20), now)
