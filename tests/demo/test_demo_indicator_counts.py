"""The demo writes its rows around the sessions; it recounts the indicators' daily counts."""

from __future__ import annotations

from opsdesk.storage import indicator_counts


def test_the_demo_has_its_indicator_counts(demo_db):
    with demo_db.reading() as session:
        connection = session.connection()
        stored = indicator_counts.stored(connection)
        assert stored == indicator_counts.counted(connection)
    counts, waits = stored
    assert sum(n for (_day, measure, _key), n in counts.items() if measure == "channel") > 1000
    assert waits
