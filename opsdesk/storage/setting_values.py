"""Reading and writing office-wide settings (the ``setting`` table holds JSON values)."""

from __future__ import annotations

import json
import logging
from typing import Any

from sqlalchemy.orm import Session

from opsdesk.storage.models import Setting

log = logging.getLogger("opsdesk.settings")


def get_setting(session: Session, key: str, default: Any) -> Any:
    """The stored value of ``key``, or ``default`` when absent or unreadable."""
    row = session.get(Setting, key)
    if row is None:
        return default
    try:
        value = json.loads(row.value)
    except ValueError:
        log.warning("setting %s is not JSON: %r", key, row.value)
        return default
    if default is not None and not isinstance(value, type(default)):
        log.warning("setting %s has the wrong type: %r", key, value)
        return default
    return value


def put_setting(session: Session, key: str, value: Any) -> None:
    text = json.dumps(value, ensure_ascii=False)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=text))
    else:
        row.value = text
