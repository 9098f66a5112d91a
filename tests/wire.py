"""A relay in front of the test PostgreSQL server that counts round trips on the wire.

Import the ``wire`` fixture into a test module: ``from wire import wire``. It listens on a
Unix socket of its own and passes every byte on to the server's; a *round trip* is counted
each time the server starts answering after the client has sent something (an answer that
comes in several pieces is one, and so are statements sent together in one pipeline: the
server answers those only after the last). ``Database(wire.url)`` reaches the same database
through it; ``with wire.counting() as trips:`` counts inside the block.
"""

from __future__ import annotations

import socket
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url


class Wire:
    def __init__(self, url: str, folder: Path):
        given = make_url(url)
        server_folder, port = given.query.get("host"), given.query.get("port", "5432")
        if not server_folder or not Path(str(server_folder)).is_dir():
            pytest.skip("the relay needs the test server on a Unix socket (.ci/postgresql)")
        self._server = str(Path(str(server_folder)) / f".s.PGSQL.{port}")
        self.url = given.update_query_dict({"host": str(folder)}).render_as_string(
            hide_password=False
        )
        self._listening = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._listening.bind(str(folder / f".s.PGSQL.{port}"))
        self._listening.listen()
        self._lock = threading.Lock()
        self._trips: list[int] | None = None
        threading.Thread(target=self._accept, daemon=True).start()

    @contextmanager
    def counting(self) -> Iterator[list[int]]:
        trips = [0]
        with self._lock:
            self._trips = trips
        try:
            yield trips
        finally:
            with self._lock:
                self._trips = None

    def close(self) -> None:
        self._listening.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _address = self._listening.accept()
            except OSError:
                return
            server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            server.connect(self._server)
            sent_last = ["server"]  # who sent last on this connection
            for source, target, side in ((client, server, "client"), (server, client, "server")):
                args = (source, target, side, sent_last)
                threading.Thread(target=self._pump, args=args, daemon=True).start()

    def _pump(self, source, target, side: str, sent_last: list[str]) -> None:
        try:
            while data := source.recv(65536):
                with self._lock:  # (before passing it on: the answer may come at once)
                    answering = side == "server" and sent_last[0] == "client"
                    if answering and self._trips is not None:
                        self._trips[0] += 1
                    sent_last[0] = side
                target.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, target):
                try:
                    end.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


@pytest.fixture
def wire(db):
    if db.is_sqlite:
        pytest.skip("needs a server: runs with --database=postgresql (.ci/postgresql)")
    with tempfile.TemporaryDirectory(prefix="opsdesk-wire-") as folder:
        relay = Wire(db.url, Path(folder))
        yield relay
        relay.close()
