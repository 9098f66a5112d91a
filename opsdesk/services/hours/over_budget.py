"""The manager's confirmation of a session over the budget: who confirmed, and why.

The confirmation must come from a real manager account, proved in one of two ways:

- the person entering the session is logged in as a manager (their login is the proof), or
- the manager types their own login and password into the provider's screen on the spot.

Credentials are checked like a login (the lock-out rule of ``account.auth``), in a transaction
of their own that is committed before the session is saved: a wrong password counts towards
the account's lock-out and is audited, a locked, inactive or non-manager account is refused.
Nothing is remembered between calls: each over-budget session needs its own confirmation.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from opsdesk.domain.roles import Action, Role
from opsdesk.errors import ValidationError
from opsdesk.i18n import _
from opsdesk.services.account.auth import (
    clear_failed_attempts,
    count_failed_attempt,
    is_locked,
)
from opsdesk.services.account.passwords import verify_password
from opsdesk.services.context import ServiceContext
from opsdesk.services.hours.records import ManagerApproval
from opsdesk.storage.models import Staff, StaffRole

REASON_MAX = 300


@dataclass(frozen=True)
class VerifiedApproval:
    manager_id: int
    manager_login: str
    reason: str


def verify_approval(ctx: ServiceContext, approval: ManagerApproval) -> VerifiedApproval:
    """Check the confirmation; ValidationError with fields ``reason``, ``login`` or
    ``password`` otherwise. Must be called outside any open write transaction."""
    reason = approval.reason.strip()
    errors: dict[str, str] = {}
    if not reason:
        errors["reason"] = _("Give the reason for exceeding the budget.")
    elif len(reason) > REASON_MAX:
        errors["reason"] = _("The reason is too long (at most 300 characters).")
    actor = ctx.actor
    login = approval.login.strip()
    if actor is not None and actor.can(Action.OVER_BUDGET_APPROVE) and login in ("", actor.login):
        if errors:
            raise ValidationError(errors)
        return VerifiedApproval(actor.account_id, actor.login, reason)
    if not login:
        errors["login"] = _("The manager must enter their login.")
    if errors:
        raise ValidationError(errors)
    return VerifiedApproval(*_check_credentials(ctx, login, approval.password), reason)


def _check_credentials(ctx: ServiceContext, login: str, password: str) -> tuple[int, str]:
    refused = _("Wrong manager login or password.")
    now = ctx.clock.now()
    with ctx.db.transaction() as session:
        staff = session.scalar(select(Staff).where(Staff.login == login))
        if staff is None or not staff.active:
            raise ValidationError({"password": refused})
        if is_locked(staff, now):
            raise ValidationError(
                {"login": _("This account is locked after too many failed logins.")}
            )
        if not verify_password(staff.password_hash, password):
            count_failed_attempt(session, ctx, staff, now, "approval_failed")
            error = ValidationError({"password": refused})
        else:
            roles = set(
                session.scalars(select(StaffRole.role).where(StaffRole.staff_id == staff.id))
            )
            clear_failed_attempts(staff)
            if Role.MANAGER.value not in roles:
                raise ValidationError(
                    {"login": _("Only the manager can confirm a session over the budget.")}
                )
            return staff.id, staff.login
    raise error
