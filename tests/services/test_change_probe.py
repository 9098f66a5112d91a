"""A screen learns that another workstation committed: on SQLite from ``data_version``, on
PostgreSQL from the tables' NOTIFY triggers through one shared listener. A commit is seen,
a rollback is not, nothing is reported twice; every table has its trigger."""

import time

import pytest
from sqlalchemy import update

from opsdesk.services.registry import Services
from opsdesk.storage.change_notices import missing_triggers
from opsdesk.storage.change_probe import ChangeProbe
from opsdesk.storage.database import Database
from opsdesk.storage.models import OfficeProfile


def _seen(probe: ChangeProbe, wait: float = 10.0) -> bool:
    """Did the probe report a change within ``wait`` seconds? (Polling, as the screens do.)"""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if probe.changed():
            return True
        time.sleep(0.05)
    return False


def _rename(db: Database, name: str) -> None:
    with db.transaction() as session:
        session.execute(update(OfficeProfile).values(name=name))


def test_a_commit_elsewhere_is_seen_once_and_a_rollback_never(office):
    probe = office.change_probe()
    other = Database(office.db.url)  # another workstation
    try:
        assert probe.exact and probe.online
        assert probe.wait_listening()
        _seen(probe, wait=0.5)  # the first poll after listening may report one change
        assert not probe.changed()

        _rename(other, "Ośrodek po zmianie")
        assert _seen(probe)
        assert not _seen(probe, wait=0.7)  # reported once

        with pytest.raises(RuntimeError), other.transaction() as session:
            session.execute(update(OfficeProfile).values(name="cofnięte"))
            raise RuntimeError("the user's action failed")
        assert not _seen(probe, wait=1.0)
    finally:
        probe.close()
        other.dispose()


def test_probes_of_one_database_share_the_listener_and_each_sees_the_commit(office):
    first, second = office.change_probe(), Services(office.db).change_probe()
    try:
        for probe in (first, second):
            assert probe.wait_listening()
            _seen(probe, wait=0.5)
        _rename(office.db, "Ośrodek w Łęczycy")
        assert _seen(first) and _seen(second)
        first.close()
        _rename(office.db, "Ośrodek znów")
        assert _seen(second)  # closing one probe leaves the others listening
    finally:
        first.close()
        second.close()


def test_every_table_notifies(db):
    with db.engine.connect() as connection:
        assert missing_triggers(connection) == []
