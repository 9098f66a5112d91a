"""Moving a SQLite office to the office's PostgreSQL server: everything arrives, verified,
the server office works (new records get new ids), the file is never changed, and a server
that already holds an office is refused untouched."""

import hashlib
from datetime import datetime

import pytest
from case_office import fill_board
from sqlalchemy import func, select

from opsdesk.errors import Conflict
from opsdesk.server_link import parse_server_address
from opsdesk.services.clients.register import ClientInput
from opsdesk.services.registry import Services
from opsdesk.services.safety.server_move import migrate_to
from opsdesk.storage import table_copy
from opsdesk.storage.database import Database
from opsdesk.storage.migrate import HEAD_REVISION
from opsdesk.storage.models import AuditEntry, Client

pytestmark = pytest.mark.postgresql

MOMENT = datetime(2026, 11, 30, 17, 0)


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_record_arrives_and_the_server_office_works(world, postgresql_url):
    cases = fill_board(world)
    source = world.db.sqlite_path
    world.db.dispose()
    before = _digest(source)
    address = parse_server_address(postgresql_url)
    progress = []

    result = migrate_to(source, address, MOMENT, lambda done, total: progress.append((done, total)))

    assert _digest(source) == before  # the office's file is left exactly as it was
    assert progress[-1][0] == progress[-1][1] == result.total > 0
    server = Database(address.url)
    try:
        with server.engine.connect() as on_server, world.db.engine.connect() as on_file:
            moved_rows = table_copy.fingerprints(on_server)
            file_rows = table_copy.fingerprints(on_file)
        assert moved_rows["case_file"].rows == len(cases)
        # every table equal, row by row; the audit log has one entry more: the move itself
        assert table_copy.differences(file_rows, moved_rows) == ["audit_entry"]
        assert moved_rows["audit_entry"].rows == file_rows["audit_entry"].rows + 1
        with server.reading() as session:
            moved = session.scalars(select(AuditEntry).where(AuditEntry.action == "migrate"))
            assert [entry.detail for entry in moved] == [
                f"moved from {source.name} ({result.total} rows, schema {HEAD_REVISION})"
            ]
        # the office goes on working on the server: a new client gets the next id
        clerk = world.as_("clerk")
        on_server = Services(server, clerk.actor, world.clock)
        added = on_server.clients.create(
            ClientInput("Ewa", "Źródlana", document_number="ABC123456", locality="Gryfino")
        )
        with server.reading() as session:
            assert added.id == session.scalar(select(func.max(Client.id)))
            assert session.scalar(select(func.count(Client.id))) == len(world.clients) + 1
        worker = Services(server, world.as_("anna").actor, world.clock)
        board = worker.boards.board(world.teams["benefits"])  # the board reads on the server
        assert sum(column.count for column in board.columns) > 0
    finally:
        server.dispose()


def test_a_server_that_holds_an_office_is_refused_and_left_as_it_was(world, postgresql_url):
    source = world.db.sqlite_path
    world.db.dispose()
    address = parse_server_address(postgresql_url)
    migrate_to(source, address, MOMENT)
    server = Database(address.url)
    try:
        with server.engine.connect() as connection:
            before = table_copy.fingerprints(connection)
        with pytest.raises(Conflict, match="Ośrodek Pomocy Społecznej w Gryfinie"):
            migrate_to(source, address, MOMENT)
        with server.engine.connect() as connection:
            assert table_copy.fingerprints(connection) == before
    finally:
        server.dispose()
