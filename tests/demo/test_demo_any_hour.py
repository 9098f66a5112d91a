"""The demo built at any hour dates nothing after the moment it is built: early in the
morning the queue has just formed, on a day off nobody came today."""

from datetime import datetime

import pytest
from sqlalchemy import select

from opsdesk.demo.builder import build_demo_office
from opsdesk.storage.database import sqlite_url
from opsdesk.storage.models import Visit, VisitEvent
from opsdesk.storage.opening import open_database


def build(tmp_path, moment):
    tmp_path.mkdir(parents=True, exist_ok=True)
    db = open_database(sqlite_url(tmp_path / "demo.sqlite3"))
    build_demo_office(db, moment)
    with db.reading() as session:
        today = list(session.scalars(select(Visit).where(Visit.day == moment.date())))
        events = list(
            session.scalars(select(VisitEvent.at).join(Visit).where(Visit.day == moment.date()))
        )
        session.expunge_all()
    db.dispose()
    return today, events


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 11, 30, 8, 5),  # Monday, early
        datetime(2026, 11, 30, 7, 40),
    ],
)
def test_early_in_the_morning_nothing_is_dated_later_today(tmp_path, moment):
    today, events = build(tmp_path, moment)
    assert today, "the first people of the day are in the queue"
    assert all(v.arrived_at <= moment for v in today)
    assert all(
        t <= moment
        for v in today
        for t in (v.called_at, v.started_at, v.finished_at)
        if t is not None
    )
    assert all(t <= moment for t in events)
    assert all(v.arrived_at.time() >= datetime(2026, 1, 1, 7, 30).time() for v in today)


def test_on_a_day_off_and_before_opening_nobody_came_today(tmp_path):
    saturday, _events = build(tmp_path / "sat", datetime(2026, 12, 5, 10, 0))
    assert saturday == []
    dawn, _events = build(tmp_path / "dawn", datetime(2026, 11, 30, 6, 15))
    assert dawn == []
