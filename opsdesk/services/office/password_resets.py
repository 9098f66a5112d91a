"""A password reset of someone who can read client files needs a second person.

An administrator who sets a temporary password knows it: alone, he could log in as the
manager (or a worker) and read what his own role never shows — the way round the rule that
nobody changes roles alone (``role_changes``). So resetting the password of another person's
account that holds any role besides the administrator's is confirmed in the same dialog by a
second person typing their own login and password: any active colleague other than the one
resetting and the account's owner (the manager who forgot her password cannot confirm, and a
small office may have one manager). The confirmation is checked like a login
(``role_changes.check_confirming_person``: lock-out rule, failed attempts counted).
Where nobody else could confirm (the office has no third active account) the reset goes
alone; the audit entry says so, as for every reset: who confirmed, or that nobody did.
Refused attempts are audited (``password_reset_refused``) in a transaction of their own.
"""

from __future__ import annotations

from sqlalchemy import select

from opsdesk.domain.roles import Role
from opsdesk.errors import NotFound, ValidationError
from opsdesk.i18n import _
from opsdesk.services import audit
from opsdesk.services.context import ServiceContext
from opsdesk.services.office.role_changes import (
    SecondPerson,
    check_confirming_person,
    roles_of,
)
from opsdesk.storage.models import Staff

RESET = "password_reset"
REFUSED = "password_reset_refused"


def exemption(ctx: ServiceContext, target_id: int) -> str | None:
    """Why a reset of ``target_id``'s password by the actor needs no second person (for the
    audit), or None when it does."""
    actor = ctx.actor
    assert actor is not None, "the caller required STAFF_MANAGE"
    if target_id == actor.id:
        return "own account"
    with ctx.db.reading() as session:
        if session.get(Staff, target_id) is None:
            raise NotFound(_("This staff account does not exist."))
        if roles_of(session, target_id) <= {Role.ADMIN}:
            return "no client files open to the account"
        others = session.scalar(
            select(Staff.id)
            .where(Staff.active.is_(True), Staff.id.not_in((actor.id, target_id)))
            .limit(1)
        )
    return "nobody else to confirm" if others is None else None


def needs_second_person(ctx: ServiceContext, target_id: int) -> bool:
    return exemption(ctx, target_id) is None


def confirm(ctx: ServiceContext, target_id: int, second: SecondPerson | None) -> str:
    """Check the rules above; what the audit entry of the reset says about confirmation.
    Refusals are audited and raised as ValidationError (``confirm_login``,
    ``confirm_password``). Must be called outside any open write transaction."""
    if (why := exemption(ctx, target_id)) is not None:
        return f"no second person ({why})"
    login = (second.login if second else "").strip()
    if not login:
        raise _refuse(
            ctx,
            target_id,
            "no confirmation",
            {
                "confirm_login": _(
                    "This person can read client files, so a new password for them must be "
                    "confirmed by a colleague: they enter their own login and password here."
                )
            },
        )
    with ctx.db.transaction() as session:
        named = session.scalar(select(Staff.id).where(Staff.login == login))
        if named == target_id:
            reason, errors = (
                "confirmed by the account's owner",
                {
                    "confirm_login": _(
                        "The person whose password is reset cannot confirm it; ask a colleague."
                    )
                },
            )
        else:
            confirming, reason, errors = check_confirming_person(
                session, ctx, login, second.password if second else ""
            )
            if confirming is not None:
                return f"confirmed by {confirming.login}"
    # the failed attempt (and its lock-out count) is committed with its own transaction
    raise _refuse(ctx, target_id, reason, errors)


def _refuse(
    ctx: ServiceContext, target_id: int, reason: str, errors: dict[str, str]
) -> ValidationError:
    with ctx.db.transaction() as session:
        audit.record(session, ctx, REFUSED, "staff", target_id, reason)
    return ValidationError(errors)
