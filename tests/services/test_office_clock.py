"""One clock for the office: on a server, every workstation stamps by the server's clock,
whatever its own says."""

from datetime import UTC, datetime, timedelta

import pytest

from opsdesk.domain.queue import Channel
from opsdesk.domain.roles import Role
from opsdesk.services.clock import FixedClock, ServerClock, office_clock
from opsdesk.services.reception.desk import ContactInput
from opsdesk.services.registry import Services

T = datetime(2026, 11, 30, 9, 0)
START_UTC = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


class Server:
    """A server clock standing ``ahead`` of this PC's UTC clock, or away."""

    def __init__(self, ahead: timedelta):
        self.ahead = ahead
        self.away = False
        self.asked = 0

    def utc(self):
        self.asked += 1
        if self.away:
            raise ConnectionError("server closed the connection unexpectedly")
        return START_UTC + self.ahead


def test_a_pc_minutes_behind_stamps_by_the_servers_clock():
    server = Server(timedelta(minutes=7, seconds=0.4))
    clock = ServerClock(server.utc, FixedClock(T), utc_now=lambda: START_UTC)
    assert clock.now() == T + timedelta(minutes=7)  # to the second the stamps carry
    assert clock.today() == T.date()
    assert server.asked == 1  # measured once, not asked at every stamp


def test_the_difference_is_measured_again_and_kept_while_the_server_is_away(monkeypatch):
    server = Server(timedelta(minutes=-3))
    clock = ServerClock(server.utc, FixedClock(T), utc_now=lambda: START_UTC)
    assert clock.now() == T - timedelta(minutes=3)
    server.ahead = timedelta(minutes=-2)
    server.away = True
    monkeypatch.setattr(ServerClock, "RESYNC_SECONDS", 0)
    assert clock.now() == T - timedelta(minutes=3)  # the last difference stays
    server.away = False
    assert clock.now() == T - timedelta(minutes=2)


def test_sqlite_offices_use_this_computers_clock(db):
    if not db.is_sqlite:
        pytest.skip("the SQLite case; the server case is the test below")
    local = FixedClock(T)
    assert office_clock(db, local) is local


def test_on_a_server_a_pc_with_a_wrong_clock_stamps_arrivals_by_the_servers(make_person, db):
    """A PC whose clock is 7 minutes behind the server registers a visit: its arrival time
    is the server's. (Compares against the real server clock: the only test here that does.)"""
    if db.is_sqlite:
        pytest.skip("needs a server: runs with --database=postgresql (.ci/postgresql)")
    clock = office_clock(db, FixedClock(T))
    assert isinstance(clock, ServerClock)
    pc_utc = lambda: datetime.now(UTC) - timedelta(minutes=7)  # noqa: E731
    clock = ServerClock(db.server_utc, FixedClock(T), utc_now=pc_utc)
    desk = Services(db, make_person(Role.CLERK, "first_contact").actor, clock)
    purpose = desk.reception.purposes()[0].id
    visit = desk.reception.register(ContactInput(Channel.IN_PERSON, purpose))
    assert visit.arrived_at == T + timedelta(minutes=7)
