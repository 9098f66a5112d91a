"""The office's PostgreSQL server killed (``pg_ctl stop -m immediate``) in the middle of the
desk's work and started again: every contact the desk was told was saved is there with its
events, nothing is half-saved, calls meanwhile are refused with a message, and the same
running services and the change listener reconnect by themselves.

It needs a server of its own to kill: one is made in a temporary folder with the Debian
PostgreSQL binaries, run by the ``postgres`` user (as .ci/postgresql does).
"""

import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest
from conftest import set_up_office
from people import STAFF_PASSWORD
from sqlalchemy import func, select

from opsdesk.domain.queue import Channel
from opsdesk.domain.roles import Role
from opsdesk.errors import ServerUnavailable
from opsdesk.services.office.staff import StaffInput
from opsdesk.services.reception.desk import ContactInput
from opsdesk.storage.change_probe import ChangeProbe
from opsdesk.storage.models import Visit, VisitEvent
from opsdesk.storage.opening import open_database

pytestmark = [pytest.mark.postgresql, pytest.mark.slow]


def _postgres_bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    if not found:
        pytest.fail("PostgreSQL's binaries are missing (.ci/ci-tools installs them)")
    return found[-1].parent


def _as_postgres(*command) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *map(str, command)]
    return ["sudo", "-n", "-u", "postgres", *map(str, command)]


class Server:
    def __init__(self, folder: Path):
        self.bin = _postgres_bin()
        self.folder = folder
        self.data = folder / "data"
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"postgresql+psycopg://postgres@/opsdesk?host={folder}&port={self.port}"

    def run(self, *command) -> None:
        subprocess.run(_as_postgres(*command), check=True, capture_output=True, timeout=120)

    def create(self) -> None:
        shutil.chown(self.folder, "postgres")
        self.run(
            self.bin / "initdb", "-D", self.data, "--auth=trust", "-U", "postgres", "-E", "UTF8"
        )
        with open(self.data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(
                f"listen_addresses = ''\nport = {self.port}\n"
                f"unix_socket_directories = '{self.folder}'\n"
            )
        self.start()
        self.run(
            self.bin / "createdb", "-h", self.folder, "-p", self.port, "-U", "postgres", "opsdesk"
        )

    def start(self) -> None:
        self.run(self.bin / "pg_ctl", "-D", self.data, "-l", self.folder / "log", "-w", "start")

    def kill(self) -> None:
        self.run(self.bin / "pg_ctl", "-D", self.data, "-m", "immediate", "stop")


@pytest.fixture
def server():
    # directly in /tmp: the postgres user cannot enter pytest's own (root's) temporary folders
    folder = Path(tempfile.mkdtemp(prefix="opsdesk-kill-"))
    server = Server(folder)
    try:
        server.create()
    except (subprocess.CalledProcessError, FileNotFoundError) as error:
        detail = getattr(error, "stderr", b"") or b""
        pytest.fail(f"a throwaway PostgreSQL server could not be made: {error} {detail!r}")
    yield server
    subprocess.run(
        _as_postgres(server.bin / "pg_ctl", "-D", server.data, "-m", "immediate", "stop"),
        capture_output=True,
    )
    shutil.rmtree(folder, ignore_errors=True)


def test_a_killed_server_loses_no_acknowledged_contact(server, clock):
    db = open_database(server.url)
    office = set_up_office(db, clock)
    first_contact = {t.kind: t.id for t in office.teams.list()}["first_contact"]
    office.staff.create(
        StaffInput(
            "recepcja",
            "Beata Kłos",
            frozenset({Role.CLERK}),
            first_contact,
            "stanowisko 1",
            password=STAFF_PASSWORD,
        )
    )
    clerk = office.as_actor(office.auth.login("recepcja", STAFF_PASSWORD))
    purpose = clerk.reception.purposes()[0].id
    probe = ChangeProbe(db)
    assert probe.wait_listening()

    saved: list[int] = []
    refused: list[str] = []
    other: list[BaseException] = []
    stop = threading.Event()

    def desk() -> None:
        while not stop.is_set():
            try:
                saved.append(clerk.reception.register(ContactInput(Channel.IN_PERSON, purpose)).id)
            except ServerUnavailable as error:
                refused.append(str(error))
                time.sleep(0.05)
            except BaseException as error:  # anything else fails the test below
                other.append(error)
                return

    worker = threading.Thread(target=desk)
    worker.start()
    try:
        deadline = time.monotonic() + 60
        while len(saved) < 20 and time.monotonic() < deadline:
            time.sleep(0.05)
        server.kill()  # in the middle of the burst
        before_kill = len(saved)
        time.sleep(1.5)
        assert not probe.online or refused  # the loss is noticed
        server.start()
        deadline = time.monotonic() + 60
        while len(saved) < before_kill + 20 and time.monotonic() < deadline and not other:
            time.sleep(0.05)
    finally:
        stop.set()
        worker.join(timeout=60)
    assert not other, other
    assert refused and "Brak połączenia z serwerem ośrodka" in refused[0]
    assert len(saved) >= before_kill + 20  # the same services work again by themselves

    with db.reading() as session:
        stored = set(session.scalars(select(Visit.id)))
        registered = dict(
            session.execute(
                select(VisitEvent.visit_id, func.count())
                .where(VisitEvent.action == "register")
                .group_by(VisitEvent.visit_id)
            ).all()
        )
    assert set(saved) <= stored  # every acknowledged contact is there
    assert registered == {visit: 1 for visit in stored}  # none without its event: whole or none
    deadline = time.monotonic() + 60
    while not probe.online and time.monotonic() < deadline:
        time.sleep(0.1)
    assert probe.online  # the listener reconnected by itself
    probe.close()
    db.dispose()
