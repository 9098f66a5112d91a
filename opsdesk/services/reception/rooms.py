"""Booking the quiet room ("pokój do rozmów"), used for confidential conversations and as a
children's corner, on behalf of a worker and a client. Overlapping bookings are refused,
naming the booking in the way."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk.domain.ids import ClientId, StaffId, optional_id
from opsdesk.domain.roles import Action
from opsdesk.errors import Conflict, NotFound, ValidationError
from opsdesk.i18n import N_, _
from opsdesk.services import audit
from opsdesk.services.context import Service
from opsdesk.services.text_limits import add_too_long
from opsdesk.storage.counters import next_value
from opsdesk.storage.models import Client, RoomBooking, Setting, Staff

DEFAULT_ROOM = N_("Conversation room")
ROOMS_SETTING = "reception.rooms"  # JSON list of room names, when an office has more
MAX_HOURS = 10


@dataclass(frozen=True)
class BookingInput:
    room: str
    starts_at: datetime
    ends_at: datetime
    worker_id: StaffId | None
    client_id: ClientId | None = None
    note: str = ""


@dataclass(frozen=True)
class BookingRecord:
    id: int
    room: str
    starts_at: datetime
    ends_at: datetime
    worker_id: StaffId | None
    worker_name: str
    client_id: ClientId | None
    client_name: str
    note: str

    @property
    def hours(self) -> str:
        return f"{self.starts_at:%H:%M}\u2013{self.ends_at:%H:%M}"


def _records(session: Session, bookings: Iterable[RoomBooking]) -> list[BookingRecord]:
    bookings = list(bookings)
    staff_ids = {b.worker_id for b in bookings if b.worker_id}
    client_ids = {b.client_id for b in bookings if b.client_id}
    # by id; a booking without a worker or client (None) finds no name
    staff: dict[int | None, str] = (
        dict(
            session.execute(select(Staff.id, Staff.full_name).where(Staff.id.in_(staff_ids))).all()
        )
        if staff_ids
        else {}
    )
    clients: dict[int | None, str] = (
        {
            cid: f"{last} {first}"
            for cid, last, first in session.execute(
                select(Client.id, Client.last_name, Client.first_name).where(
                    Client.id.in_(client_ids)
                )
            )
        }
        if client_ids
        else {}
    )
    return [
        BookingRecord(
            b.id,
            b.room,
            b.starts_at,
            b.ends_at,
            optional_id(StaffId, b.worker_id),
            staff.get(b.worker_id, ""),
            optional_id(ClientId, b.client_id),
            clients.get(b.client_id, ""),
            b.note,
        )
        for b in bookings
    ]


class RoomService(Service):
    def rooms(self) -> list[str]:
        """The bookable rooms: the office's list, or the one conversation room."""
        with self.db.reading() as session:
            raw = session.get(Setting, ROOMS_SETTING)
        if raw is not None:
            try:
                names = [str(n).strip() for n in json.loads(raw.value) if str(n).strip()]
            except (ValueError, TypeError):
                names = []
            if names:
                return names
        return [_(DEFAULT_ROOM)]

    def day(self, day: date, room: str | None = None) -> list[BookingRecord]:
        """A day's bookings (not cancelled), in time order."""
        self.ctx.require_any(Action.ROOM_BOOK, Action.VISIT_VIEW)
        start = datetime.combine(day, datetime.min.time())
        end = start + timedelta(days=1) if day < date.max else datetime.max
        query = select(RoomBooking).where(
            RoomBooking.starts_at >= start,
            RoomBooking.starts_at < end,
            RoomBooking.cancelled_at.is_(None),
        )
        if room is not None:
            query = query.where(RoomBooking.room == room)
        with self.db.reading() as session:
            return _records(session, session.scalars(query.order_by(RoomBooking.starts_at)))

    def _validate(self, session: Session, data: BookingInput) -> dict[str, str]:
        errors: dict[str, str] = {}
        if not data.room.strip():
            errors["room"] = _("Choose the room.")
        add_too_long(errors, {"room": (data.room.strip(), RoomBooking.room)})
        if data.ends_at <= data.starts_at:
            errors["ends_at"] = _("The end must be after the start.")
        elif data.starts_at.date() != data.ends_at.date():
            errors["ends_at"] = _("A booking starts and ends on the same day.")
        elif data.ends_at - data.starts_at > timedelta(hours=MAX_HOURS):
            errors["ends_at"] = _("A booking lasts at most {n} hours.").format(n=MAX_HOURS)
        if data.ends_at <= self.ctx.clock.now():
            errors["starts_at"] = _("This time has already passed.")
        if data.worker_id is None:
            errors["worker"] = _("Choose the worker the room is booked for.")
        else:
            worker = session.get(Staff, data.worker_id)
            if worker is None or not worker.active:
                errors["worker"] = _("This worker does not exist or no longer works here.")
        if data.client_id is not None:
            client = session.get(Client, data.client_id)
            if client is None or client.anonymised_at is not None:
                errors["client"] = _("This client does not exist.")
        if len(data.note.strip()) > 300:
            errors["note"] = _("The note is too long.")
        return errors

    def book(self, data: BookingInput) -> BookingRecord:
        actor = self.ctx.require(Action.ROOM_BOOK)
        with self.db.transaction() as session:
            if errors := self._validate(session, data):
                raise ValidationError(errors)
            room = data.room.strip()
            # one counter row per room, locked until commit: two desks cannot both book
            # the same slot (PostgreSQL; SQLite serialises writers anyway)
            next_value(session, "room_lock", room[:20])
            clash = session.scalars(
                select(RoomBooking)
                .where(
                    RoomBooking.room == room,
                    RoomBooking.cancelled_at.is_(None),
                    RoomBooking.starts_at < data.ends_at,
                    RoomBooking.ends_at > data.starts_at,
                )
                .order_by(RoomBooking.starts_at)
            ).first()
            if clash is not None:
                other = _records(session, [clash])[0]
                who = ", ".join(p for p in (other.worker_name, other.client_name) if p)
                raise Conflict(
                    _("{room} is already booked {hours} on {day} ({who}).").format(
                        room=room,
                        hours=other.hours,
                        day=f"{other.starts_at:%d.%m.%Y}",
                        who=who or _("no details"),
                    )
                )
            booking = RoomBooking(
                room=room,
                starts_at=data.starts_at,
                ends_at=data.ends_at,
                worker_id=data.worker_id,
                client_id=data.client_id,
                note=data.note.strip(),
                created_by_id=actor.id,
            )
            session.add(booking)
            session.flush()
            audit.record(
                session,
                self.ctx,
                "create",
                "room_booking",
                booking.id,
                f"{room} {data.starts_at:%Y-%m-%d %H:%M}",
            )
            return _records(session, [booking])[0]

    def cancel(self, booking_id: int) -> None:
        self.ctx.require(Action.ROOM_BOOK)
        with self.db.transaction() as session:
            booking = session.get(RoomBooking, booking_id)
            if booking is None or booking.cancelled_at is not None:
                raise NotFound(_("This booking does not exist or was already cancelled."))
            booking.cancelled_at = self.ctx.clock.now()
            audit.record(session, self.ctx, "cancel", "room_booking", booking.id)
