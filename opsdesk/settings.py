"""This workstation's own settings (language, lock timeout ...), typed, with defaults here.

Stored as JSON in the data directory and written atomically.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field, fields
from pathlib import Path

log = logging.getLogger("opsdesk.settings")


@dataclass
class LocalSettings:
    language: str = "pl"
    lock_minutes: int = 10  # the main window locks after this long without input
    last_login: str = ""
    display_seconds: int = 600  # how long a call stays on the waiting-room display
    # the office's PostgreSQL server this PC uses, without its password (opsdesk.server_link)
    server_url: str = ""
    ticket_print_direct: bool = False  # tickets straight to the default printer, no preview
    survey_after_visit: bool = False  # ask the 1-5 satisfaction question after each visit
    # the waiting-room display of this PC (display_seconds above: how long a call stays)
    display_rows: int = 6  # earlier calls shown under the newest (0-6)
    display_message: str = ""  # the office's line at the bottom (opening hours ...)
    display_chime: bool = True  # a chime on each new call
    display_speech: bool = False  # each new call spoken by Windows' speech (ui/reception/speech)
    display_show_closed: bool = True  # rooms whose worker is on a break or away
    display_screen: int = 1  # the monitor it opens on full screen (0 = the first)
    # the values as read from the file (not a setting): what save() compares with
    _as_read: dict[str, object] | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def load(cls, path: Path) -> LocalSettings:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            log.warning("settings file %s unreadable (%s); using defaults", path, exc)
            return cls()
        known = {f.name for f in fields(cls) if f.init}
        settings = cls()
        for key, value in data.items():
            if key in known and isinstance(value, type(getattr(settings, key))):
                setattr(settings, key, value)
        settings._as_read = settings._values()
        return settings

    def save(self, path: Path) -> None:
        """Write the settings, keeping what another opsdesk program on this PC wrote since
        these were read: a setting this program did not change takes the file's value (the
        app open while ``opsdesk join-server`` stores the server must not drop it when it
        next saves the last login)."""
        values = self._values()
        as_read = self._as_read
        if as_read is not None:
            on_disk = LocalSettings.load(path)._values()
            for key, value in values.items():
                if value == as_read.get(key) and on_disk[key] != value:
                    values[key] = on_disk[key]
                    setattr(self, key, on_disk[key])
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(values, indent=2, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
        self._as_read = values

    def _values(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.init}
