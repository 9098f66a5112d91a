"""Concurrency, proved: several opsdesk processes write to one office at once (two desks'
windows, a worker's window) while another reads as the waiting-room display does — on one
SQLite file, and on a PostgreSQL server (the office of several workstations). No "database is
locked" (nor any other error) reaches a caller, no write is lost, ticket numbers stay unique
and gap-free.

OPSDESK_CONCURRENCY_SECONDS shortens the run for local work (default 60, as in CI);
OPSDESK_CONCURRENCY_WRITERS sets the number of writing processes (default 3, at most 4)."""

import os

import pytest
from safety.processes import Worker, prepare_office
from safety.workload import reported, url, verify

SECONDS = float(os.environ.get("OPSDESK_CONCURRENCY_SECONDS", "60"))
WRITERS = min(max(int(os.environ.get("OPSDESK_CONCURRENCY_WRITERS", "3")), 2), 4)


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgresql),
    ]
)
def office(request, tmp_path):
    """The office the processes share: a SQLite file, or an empty database on the server."""
    if request.param == "postgresql":
        return request.getfixturevalue("postgresql_url")
    return tmp_path / "opsdesk.sqlite3"


@pytest.mark.slow
def test_writers_at_once_lose_nothing_and_never_see_a_locked_database(office):
    database = office
    prepare_office(database)
    writers = [Worker("write", database, f"desk{i}", SECONDS) for i in range(WRITERS)]
    display = Worker("read", database, SECONDS)
    for worker in (*writers, display):
        worker.wait_ready()
    codes = [worker.finish(timeout=SECONDS + 300) for worker in (*writers, display)]
    lines = [line for worker in (*writers, display) for line in worker.lines]
    errors = [line for line in lines if line.startswith("error")]
    assert errors == [], errors[:10]
    assert codes == [0] * (WRITERS + 1)
    done = reported(lines)
    assert verify(database, done) == []
    assert indicator_counts_match(database)  # the indicators' counts kept by every writer
    per_writer = [len(reported(worker.lines)) for worker in writers]
    assert all(n > 0 for n in per_writer), per_writer
    visits = [key for kind, key in done if kind == "visit"]
    assert len(visits) == len(set(visits)) > WRITERS
    assert any(line.startswith("reads ") and int(line.split()[1]) > 0 for line in display.lines)
    # the proof figure of the README's safety section (pytest -s shows it)
    where = "PostgreSQL" if str(database).startswith("postgresql") else "SQLite"
    print(f"\n{where}: {WRITERS} writers x {SECONDS:g} s: {len(done)} writes, 0 errors, 0 lost")


def indicator_counts_match(database) -> bool:
    from opsdesk.storage import indicator_counts
    from opsdesk.storage.database import Database

    db = Database(url(database))
    try:
        with db.reading() as session:
            connection = session.connection()
            return indicator_counts.stored(connection) == indicator_counts.counted(connection)
    finally:
        db.dispose()
