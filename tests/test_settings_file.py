"""This PC's settings file, written by more than one opsdesk program (the open app and a
command run beside it) without one dropping what the other stored."""

from __future__ import annotations

import json

from opsdesk.server_link import parse_server_address, store_for_this_pc, stored_server_url
from opsdesk.settings import LocalSettings


def test_the_open_app_keeps_the_server_a_command_joined_meanwhile(tmp_path, monkeypatch):
    path = tmp_path / "settings.json"
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "pgpass"))
    LocalSettings(language="pl").save(path)
    app = LocalSettings.load(path)  # the app, open since the morning

    store_for_this_pc(path, parse_server_address("postgresql://ops:tajne@serwer/opsdesk"))
    app.last_login = "anna"  # the app saves the last login afterwards
    app.save(path)

    assert stored_server_url(path) == "postgresql+psycopg://ops@serwer/opsdesk"
    assert app.server_url == stored_server_url(path)  # and the app knows it now
    assert LocalSettings.load(path).last_login == "anna"


def test_what_this_program_changed_is_written_over_the_file(tmp_path):
    path = tmp_path / "settings.json"
    LocalSettings().save(path)
    first, second = LocalSettings.load(path), LocalSettings.load(path)
    second.lock_minutes = 5
    second.save(path)
    first.lock_minutes = 20
    first.save(path)
    assert LocalSettings.load(path).lock_minutes == 20  # the last change made wins
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert "_as_read" not in stored and stored["lock_minutes"] == 20
