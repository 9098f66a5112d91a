"""The main window of a server office while the server cannot be reached: a band across the
window says so, and once the connection is back it goes away and the screens reload."""

import pytest
from conftest import set_up_office
from sqlalchemy import create_engine, make_url, text

from opsdesk.storage.opening import open_database
from opsdesk.ui.main_window import MainWindow

pytestmark = pytest.mark.postgresql


def _allow_connections(url: str, allowed: bool, kick_listeners: bool = False) -> None:
    """As the server's administrator, from the server's own database ``postgres``."""
    name = make_url(url).database
    engine = create_engine(make_url(url).set(database="postgres"))
    try:
        with engine.begin() as connection:
            connection.execute(
                text(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS {str(allowed).lower()}')
            )
            if kick_listeners:
                connection.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = :name AND query LIKE 'LISTEN%'"
                    ),
                    {"name": name},
                )
    finally:
        engine.dispose()


def test_the_band_shows_while_the_server_is_away_and_screens_reload_after(
    qtbot, postgresql_url, clock
):
    db = open_database(postgresql_url)
    office = set_up_office(db, clock)
    window = MainWindow(office, "Ośrodek")
    qtbot.addWidget(window)
    window.show()
    watcher = window._connection_watcher
    assert watcher._probe.wait_listening()
    assert window.connection_banner.isHidden()
    reloads = []
    watcher.changed.connect(lambda: reloads.append(True))
    try:
        with qtbot.waitSignal(watcher.online_changed, timeout=10_000) as lost:
            _allow_connections(postgresql_url, False, kick_listeners=True)
        assert lost.args == [False]
        assert window.connection_banner.isVisible()
        assert "Brak połączenia z serwerem ośrodka" in window.connection_banner.text()
        reloads.clear()
    finally:
        _allow_connections(postgresql_url, True)
    qtbot.waitUntil(lambda: watcher.online, timeout=60_000)  # it reconnected by itself
    assert window.connection_banner.isHidden()
    qtbot.waitUntil(lambda: bool(reloads))  # notices were missed meanwhile: screens reload
    window.close()
    db.dispose()
