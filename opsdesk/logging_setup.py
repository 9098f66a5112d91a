"""Named loggers writing to a rotating file in the log directory.

The rotating handler (``logging.handlers`` pulls in socket, pickle and queue) is made when the
first record arrives, not at start: a normal start logs nothing before the login window.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

LOG_FILE = "opsdesk.log"
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s"


class RotatingLogFile(logging.Handler):
    """``RotatingFileHandler`` (2 MB, 5 old files kept) opened on the first record."""

    def __init__(self, path: Path):
        super().__init__()
        self.path = path
        self._file: logging.Handler | None = None
        self._opening = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        if self._file is None:
            with self._opening:
                if self._file is None:
                    import logging.handlers

                    handler = logging.handlers.RotatingFileHandler(
                        self.path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
                    )
                    handler.setFormatter(logging.Formatter(FORMAT))
                    self._file = handler
        self._file.handle(record)

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def setup_logging(log_dir: Path, level: int = logging.INFO) -> Path:
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_FILE
    root = logging.getLogger("opsdesk")
    root.setLevel(level)
    if not any(isinstance(h, RotatingLogFile) for h in root.handlers):
        root.addHandler(RotatingLogFile(path))
    return path
