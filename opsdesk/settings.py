"""This workstation's own settings (language, lock timeout ...), typed, with defaults here.

Stored as JSON in the data directory and written atomically.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, fields
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

    @classmethod
    def load(cls, path: Path) -> LocalSettings:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            log.warning("settings file %s unreadable (%s); using defaults", path, exc)
            return cls()
        known = {f.name: f.type for f in fields(cls)}
        settings = cls()
        for key, value in data.items():
            if key in known and isinstance(value, type(getattr(settings, key))):
                setattr(settings, key, value)
        return settings

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(asdict(self), indent=2, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
