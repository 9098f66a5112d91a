"""Errors raised by services; their messages are translated and meant for the user."""

from __future__ import annotations

from pathlib import Path

from opsdesk.i18n import _


class ServiceError(Exception):
    """Base class: ``str(error)`` is a complete sentence the UI can show as it is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ValidationError(ServiceError):
    """Bad input. ``errors`` maps a field name to the message to show next to that field."""

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        super().__init__(" ".join(self.errors.values()))

    @classmethod
    def single(cls, field: str, message: str) -> ValidationError:
        return cls({field: message})


class PermissionDenied(ServiceError):
    def __init__(self, message: str | None = None):
        super().__init__(message or _("You are not allowed to do this."))


class NotFound(ServiceError):
    pass


class Conflict(ServiceError):
    """The action clashes with existing data (a booking, a newer change ...)."""


class AuthenticationError(ServiceError):
    pass


class DamagedDatabase(ServiceError):
    """The office's database fails its check at start or cannot be read; it was not modified.

    ``path`` is the database file, ``problems`` what the check found (for the details)."""

    def __init__(self, message: str, path: Path, problems: list[str]):
        super().__init__(message)
        self.path = Path(path)
        self.problems = list(problems)


class NewerDatabase(ServiceError):
    """The office's database was written by a newer opsdesk; it was not modified."""


class ServerUnavailable(ServiceError):
    """The office's database server cannot be reached; nothing of the action was saved."""

    def __init__(self, message: str | None = None):
        super().__init__(
            message
            or _(
                "There is no connection to the office's server, so nothing was saved. "
                "opsdesk keeps trying to connect; try again in a moment."
            )
        )
