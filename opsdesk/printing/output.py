"""Writing finished documents to disk, all or nothing.

No ReportLab here: the GUI's "Save as PDF" uses this module too.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

log = logging.getLogger("opsdesk.printing")

NEW_FILE_MODE = 0o644


def write_atomically(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    The temporary file is flushed to disk and then renamed over ``path`` with
    ``os.replace``, so readers see either the old file or the complete new one. On any
    failure the temporary file is removed, an existing file at ``path`` stays untouched,
    and the error (``OSError``) propagates.
    """
    target = Path(path)
    folder = target.parent
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    temp_path = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        mode = target.stat().st_mode & 0o777 if target.exists() else NEW_FILE_MODE
        os.chmod(temp_path, mode)
        os.replace(temp_path, target)
    except BaseException:
        temp_path.unlink(missing_ok=True)
        raise
    log.info("wrote %s (%d bytes)", target, len(data))
    return target
