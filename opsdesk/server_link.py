"""Which PostgreSQL server this PC uses for the office, stored so no one else reads the password.

The address (without its password) is kept in the data folder's ``settings.json``
(``server_url``); the password goes to PostgreSQL's own password file, which the database
driver (libpq) reads by itself: ``%APPDATA%\\postgresql\\pgpass.conf`` on Windows — inside the
Windows account's profile, which other accounts cannot read — and ``~/.pgpass`` elsewhere,
written readable by its owner only (libpq ignores it otherwise). ``PGPASSFILE`` moves it, as
it does for libpq. A password therefore never lands in a log, in the settings file, or in the
machine-wide ``opsdesk-machine.ini``.

Precedence of the database (``paths.DataPaths.database_url``): ``OPSDESK_DATABASE_URL``, then
this PC's ``server_url``, then ``database_url`` of ``opsdesk-machine.ini``, then the SQLite file.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from opsdesk.i18n import _
from opsdesk.settings import LocalSettings

DEFAULT_PORT = 5432
DRIVER = "postgresql+psycopg"


class ServerAddressError(ValueError):
    """The text is not a usable address of a PostgreSQL database; the message is for the user."""


@dataclass(frozen=True)
class ServerAddress:
    """A parsed ``postgresql://user:password@host:port/database`` address."""

    url: str  # with the password
    safe_url: str  # the same without the password: what may be stored and shown
    host: str
    port: int
    database: str
    user: str
    password: str | None

    @property
    def label(self) -> str:
        """``host/database`` as the status bar shows it."""
        return f"{self.host}/{self.database}"


def parse_server_address(text: str) -> ServerAddress:
    """Check and normalise an address typed by a person; ``ServerAddressError`` when unusable."""
    from sqlalchemy.engine import URL, make_url
    from sqlalchemy.exc import ArgumentError

    text = (text or "").strip()
    if not text:
        raise ServerAddressError(_("Enter the address of the office's server."))
    try:
        url = make_url(text)
    except ArgumentError:
        raise ServerAddressError(
            _(
                "This is not a database address. Write it as "
                "postgresql://user:password@server:5432/database."
            )
        ) from None
    if url.get_backend_name() != "postgresql":
        raise ServerAddressError(
            _("Only a PostgreSQL server can hold the office for several PCs (postgresql://...).")
        )
    if url.get_driver_name() not in ("psycopg", "psycopg2", ""):
        raise ServerAddressError(
            _("opsdesk connects to PostgreSQL with psycopg (postgresql://...).")
        )
    url = url.set(drivername=DRIVER)
    if not url.database:
        raise ServerAddressError(_("Name the database on the server (…/database at the end)."))
    socket_folder = url.query.get("host")
    host = url.host or (socket_folder if isinstance(socket_folder, str) else "") or "localhost"
    try:
        port = url.port or int(str(url.query.get("port") or DEFAULT_PORT))
    except ValueError:
        raise ServerAddressError(_("The server's port must be a number.")) from None
    return ServerAddress(
        url=url.render_as_string(hide_password=False),
        safe_url=URL.create(
            url.drivername, url.username, None, url.host, url.port, url.database, url.query
        ).render_as_string(hide_password=False),
        host=host,
        port=port,
        database=url.database,
        user=url.username or "",
        password=url.password,
    )


def password_file() -> Path:
    """Where libpq looks for passwords for this Windows account / user."""
    configured = os.environ.get("PGPASSFILE")
    if configured:
        return Path(configured)
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", Path.home())) / "postgresql" / "pgpass.conf"
    return Path.home() / ".pgpass"


def _escaped(field: str) -> str:
    return field.replace("\\", "\\\\").replace(":", "\\:")


def _password_host(address: ServerAddress) -> str:
    # a Unix socket folder is matched by libpq as "localhost"
    return "localhost" if address.host.startswith("/") else address.host


def remember_password(address: ServerAddress) -> Path | None:
    """Put the address's password into the password file (replacing the line of the same
    server, port, database and user); None when the address has no password."""
    if not address.password:
        return None
    path = password_file()
    key = ":".join(
        _escaped(part)
        for part in (_password_host(address), str(address.port), address.database, address.user)
    )
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        lines = []
    kept = [line for line in lines if not line.startswith(key + ":")]
    kept.append(f"{key}:{_escaped(address.password)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
        stream.write("\n".join(kept) + "\n")
    os.replace(temporary, path)
    if sys.platform != "win32":
        path.chmod(0o600)
    return path


def store_for_this_pc(settings_path: Path, address: ServerAddress) -> None:
    """This PC uses ``address`` from now on: the password to the password file, the address
    without it to the settings."""
    remember_password(address)
    settings = LocalSettings.load(settings_path)
    settings.server_url = address.safe_url
    settings.save(settings_path)


def stored_server_url(settings_path: Path) -> str | None:
    return LocalSettings.load(settings_path).server_url or None
