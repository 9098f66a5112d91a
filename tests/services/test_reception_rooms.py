"""Booking the conversation room: overlaps refused naming the booking in the way."""

from datetime import datetime

import pytest
from sqlalchemy import func, select

from opsdesk.errors import Conflict, PermissionDenied, ValidationError
from opsdesk.services.reception.rooms import BookingInput
from opsdesk.storage.models import RoomBooking


def slot(h1, m1, h2, m2, day=30):
    return datetime(2026, 11, day, h1, m1), datetime(2026, 11, day, h2, m2)


def booking(desk, h1, m1, h2, m2, worker=None, client=None, day=30):
    start, end = slot(h1, m1, h2, m2, day)
    return BookingInput(
        "Pokój do rozmów",
        start,
        end,
        (worker or desk.social_a).actor.id,
        desk.clients[client].id if client else None,
        "rozmowa poufna",
    )


def test_the_room_and_the_days_bookings(desk):
    assert desk.clerk.rooms.rooms() == ["Pokój do rozmów"]
    desk.clerk.rooms.book(booking(desk, 10, 0, 11, 0, client="zofia"))
    desk.clerk.rooms.book(booking(desk, 9, 15, 10, 0, worker=desk.benefits_a))
    desk.clerk.rooms.book(
        BookingInput(
            "Pokój do rozmów",
            datetime(2026, 12, 1, 9, 15),
            datetime(2026, 12, 1, 10, 0),
            desk.social_b.actor.id,
        )
    )
    day = desk.clerk.rooms.day(datetime(2026, 11, 30).date())
    assert [(b.hours, b.worker_name, b.client_name) for b in day] == [
        ("09:15–10:00", "Anna Łęcka", ""),
        ("10:00–11:00", "Ewa Szuberla", "Wąsowska Zofia"),
    ]


def test_overlap_is_refused_naming_the_clash(desk):
    desk.clerk.rooms.book(booking(desk, 10, 0, 11, 0, client="zofia"))
    with pytest.raises(Conflict) as error:
        desk.clerk.rooms.book(booking(desk, 10, 30, 12, 0, worker=desk.benefits_b))
    assert str(error.value) == (
        "Pokój do rozmów jest już zarezerwowany 30.11.2026 w godz. "
        "10:00–11:00 (Ewa Szuberla, Wąsowska Zofia)."
    )
    # touching ends are fine
    desk.clerk.rooms.book(booking(desk, 11, 0, 11, 30))
    desk.clerk.rooms.book(booking(desk, 9, 30, 10, 0))
    with desk.admin.db.reading() as session:
        assert session.scalar(select(func.count(RoomBooking.id))) == 3


def test_cancelled_booking_frees_the_slot(desk):
    taken = desk.clerk.rooms.book(booking(desk, 13, 0, 14, 0))
    desk.clerk.rooms.cancel(taken.id)
    desk.clerk.rooms.book(booking(desk, 13, 0, 14, 0, worker=desk.benefits_a))
    assert [b.worker_name for b in desk.clerk.rooms.day(taken.starts_at.date())] == ["Anna Łęcka"]


def test_bad_bookings(desk):
    start, end = slot(11, 0, 10, 0)
    with pytest.raises(ValidationError) as error:
        desk.clerk.rooms.book(BookingInput("Pokój do rozmów", start, end, None))
    assert error.value.errors == {
        "ends_at": "Koniec musi być później niż początek.",
        "worker": "Wybierz pracownika, dla którego rezerwujesz pokój.",
    }
    start, end = slot(7, 0, 8, 0)  # the fixture's clock says 9:00
    with pytest.raises(ValidationError) as error:
        desk.clerk.rooms.book(BookingInput("Pokój do rozmów", start, end, desk.social_a.actor.id))
    assert error.value.errors == {"starts_at": "Ten termin już minął."}
    with pytest.raises(PermissionDenied):
        desk.social_a.rooms.book(booking(desk, 12, 0, 13, 0))
    assert [b.hours for b in desk.social_a.rooms.day(start.date())] == []
