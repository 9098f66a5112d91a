"""The error raised when input breaks a rule of the office's domain.

The message is already translated when the exception is raised (the raiser writes
``DomainError(_("English text"))``), so ``str(exc)`` is exactly what the user reads, in the
current language (Polish by default). ``field`` optionally names the input field the message is
about ("pesel", "date", "postal_code" ...), so a form can put the message next to that field.
"""

from __future__ import annotations


class DomainError(ValueError):
    """Bad input for a domain rule; ``str(exc)`` is the translated human message."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"DomainError({self.message!r}, field={self.field!r})"
