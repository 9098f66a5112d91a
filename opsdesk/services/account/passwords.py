"""Password hashing (argon2id) and the password policy."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from opsdesk.i18n import _
from opsdesk.storage.stored_text import has_lone_surrogate

MIN_PASSWORD_LENGTH = 10
_hasher = PasswordHasher()  # argon2id with the library's recommended parameters


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError, UnicodeEncodeError):  # a lone surrogate
        return False


def password_problem(password: str) -> str | None:
    """A message explaining why ``password`` is not acceptable, or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return _("The password must have at least {n} characters.").format(n=MIN_PASSWORD_LENGTH)
    if password.strip() != password:
        return _("The password must not begin or end with a space.")
    if has_lone_surrogate(password) or "\x00" in password:
        return _("The password contains a character that cannot be saved.")
    return None
