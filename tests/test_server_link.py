"""Which server this PC uses: the address checked as typed, stored without its password, the
password in libpq's own password file readable by its owner only; and which database wins."""

import json
import stat
import sys

import pytest

from opsdesk.paths import DataPaths
from opsdesk.server_link import (
    ServerAddressError,
    parse_server_address,
    password_file,
    store_for_this_pc,
)

URL = "postgresql://ops:tajne:hasło@serwer.ops.local:5433/opsdesk"


def test_an_address_is_normalised_and_its_password_kept_apart():
    address = parse_server_address(f"  {URL} ")
    assert address.url.startswith("postgresql+psycopg://ops:")
    assert (address.host, address.port, address.database, address.user) == (
        "serwer.ops.local",
        5433,
        "opsdesk",
        "ops",
    )
    assert address.password == "tajne:hasło"
    assert address.safe_url == "postgresql+psycopg://ops@serwer.ops.local:5433/opsdesk"
    assert address.label == "serwer.ops.local/opsdesk"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Wpisz adres serwera ośrodka."),
        ("serwer.ops.local", "To nie jest adres bazy danych"),
        ("sqlite:///C:/ops.sqlite3", "tylko na serwerze PostgreSQL"),
        ("mysql://ops@serwer/opsdesk", "tylko na serwerze PostgreSQL"),
        ("postgresql://ops@serwer", "Podaj nazwę bazy"),
        ("postgresql+asyncpg://ops@serwer/opsdesk", "psycopg"),
    ],
)
def test_an_unusable_address_is_refused_with_a_reason(text, message):
    with pytest.raises(ServerAddressError, match=message):
        parse_server_address(text)


def test_the_password_goes_to_the_password_file_not_the_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "pgpass"))
    settings = tmp_path / "dane" / "settings.json"
    (tmp_path / "pgpass").write_text(
        "inny:5432:*:ktos:x\nserwer.ops.local:5433:opsdesk:ops:stare\n"
    )

    store_for_this_pc(settings, parse_server_address(URL))

    stored = json.loads(settings.read_text(encoding="utf-8"))
    assert stored["server_url"] == "postgresql+psycopg://ops@serwer.ops.local:5433/opsdesk"
    assert "tajne" not in settings.read_text(encoding="utf-8")
    # libpq's format, ':' escaped; the old line of the same server replaced, others kept
    assert password_file().read_text(encoding="utf-8").splitlines() == [
        "inny:5432:*:ktos:x",
        "serwer.ops.local:5433:opsdesk:ops:tajne\\:hasło",
    ]
    if sys.platform != "win32":
        assert stat.S_IMODE(password_file().stat().st_mode) == 0o600  # libpq insists


def test_an_address_without_a_password_leaves_the_password_file_alone(tmp_path, monkeypatch):
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "pgpass"))
    store_for_this_pc(tmp_path / "settings.json", parse_server_address("postgresql://ops@s/db"))
    assert not (tmp_path / "pgpass").exists()


def test_which_database_this_pc_uses(tmp_path, monkeypatch):
    monkeypatch.delenv("OPSDESK_DATABASE_URL", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "pgpass"))
    machine = "postgresql+psycopg://ops@z-instalatora/opsdesk"
    paths = DataPaths(tmp_path, machine)
    assert paths.database_url() == machine  # the installer's ini
    assert DataPaths(tmp_path).database_url() == f"sqlite:///{tmp_path / 'opsdesk.sqlite3'}"
    store_for_this_pc(paths.settings, parse_server_address(URL))
    joined = "postgresql+psycopg://ops@serwer.ops.local:5433/opsdesk"
    assert paths.database_url() == joined  # the server this PC joined, later and explicit
    monkeypatch.setenv("OPSDESK_DATABASE_URL", "sqlite:///inna.sqlite3")
    assert paths.database_url() == "sqlite:///inna.sqlite3"  # the environment wins
