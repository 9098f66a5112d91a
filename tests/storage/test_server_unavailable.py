"""A server that cannot be reached: every service call says so in Polish (nothing saved),
and the change probe reports the connection lost while it keeps trying."""

import time

import pytest

from opsdesk.errors import ServerUnavailable
from opsdesk.services.registry import Services
from opsdesk.storage.change_probe import ChangeProbe
from opsdesk.storage.database import Database
from opsdesk.storage.models import OfficeProfile


@pytest.fixture
def unreachable(tmp_path):
    db = Database(f"postgresql+psycopg://ops@/opsdesk?host={tmp_path}&port=1")
    yield db
    db.dispose()


def test_a_call_is_refused_with_a_message_not_a_driver_error(unreachable):
    services = Services(unreachable)
    with pytest.raises(ServerUnavailable, match="Brak połączenia z serwerem ośrodka"):
        services.auth.office_name()
    with pytest.raises(ServerUnavailable, match="niczego nie zapisano"):
        with unreachable.transaction() as session:
            session.add(OfficeProfile(name="Ośrodek"))


def test_the_probe_says_the_connection_is_lost(unreachable):
    probe = ChangeProbe(unreachable)
    try:
        assert probe.exact
        deadline = time.monotonic() + 10
        while probe.online and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not probe.online
        assert not probe.changed()  # nothing to reload until it is back
    finally:
        probe.close()
