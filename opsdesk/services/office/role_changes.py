"""A change of someone's roles needs a second person (issue 19, item 3).

Roles open client files (the manager reads every one), so nobody changes them alone:

- Granting or removing any role (a new account's roles too) is confirmed in the same dialog
  by a second person typing their own login and password: the manager when an administrator
  makes the change (always, today: only administrators manage staff), a manager or an
  administrator otherwise. When the office has no active manager besides the account being
  changed, another administrator confirms instead.
- The second person is never the one making the change, and never the person who is granted
  a role (the person losing a role may confirm losing it).
- Nobody grants a role to themselves.
- While no account but the administrator's own holds the manager or the administrator role
  (the office being set up after the first run), the administrator changes roles alone; such
  a change is audited as made without a second person. An inactive manager's account still
  counts, so deactivating the manager never brings this back.

The confirmation's password is checked like a login (the lock-out rule of ``account.auth``),
in a transaction of its own committed before the change is saved. Every attempt is audited:
``role_change`` when saved (what was granted and removed, who confirmed), ``role_change_refused``
with the reason when refused (its own transaction: the refusal stays recorded).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk.domain.roles import Role
from opsdesk.errors import ValidationError
from opsdesk.i18n import _
from opsdesk.services import audit
from opsdesk.services.account.auth import (
    clear_failed_attempts,
    count_failed_attempt,
    is_locked,
)
from opsdesk.services.account.passwords import verify_password
from opsdesk.services.context import ServiceContext
from opsdesk.storage.models import Staff, StaffRole

REFUSED = "role_change_refused"
CHANGED = "role_change"
CONFIRMER_WRONG_PASSWORD = "confirmation_failed"


@dataclass(frozen=True)
class SecondPerson:
    """Who confirms a change of roles: their own login and password, typed on the spot."""

    login: str = ""
    password: str = ""


@dataclass(frozen=True)
class RoleChange:
    target_id: int | None  # None: an account being created
    target_login: str
    before: frozenset[Role]
    after: frozenset[Role]

    @property
    def granted(self) -> frozenset[Role]:
        return self.after - self.before

    @property
    def removed(self) -> frozenset[Role]:
        return self.before - self.after

    @property
    def changes(self) -> bool:
        return self.before != self.after

    def summary(self) -> str:
        """``login: +manager -clerk`` (role codes, as stored)."""
        parts = [f"+{r.value}" for r in sorted(self.granted, key=lambda r: r.value)]
        parts += [f"-{r.value}" for r in sorted(self.removed, key=lambda r: r.value)]
        return f"{self.target_login}: {' '.join(parts)}"


def roles_of(session: Session, staff_id: int) -> frozenset[Role]:
    return frozenset(
        Role(r)
        for r in session.scalars(select(StaffRole.role).where(StaffRole.staff_id == staff_id))
    )


def _holders(session: Session, role: Role, *, active_only: bool) -> set[int]:
    query = (
        select(Staff.id)
        .join(StaffRole, StaffRole.staff_id == Staff.id)
        .where(StaffRole.role == role.value)
    )
    if active_only:
        query = query.where(Staff.active.is_(True))
    return set(session.scalars(query))


def refuse(
    ctx: ServiceContext, change: RoleChange | None, reason: str, errors: dict[str, str]
) -> ValidationError:
    """Audit a refused attempt (committed on its own) and return the error to raise."""
    detail = reason if change is None else f"{change.summary()}; {reason}"
    with ctx.db.transaction() as session:
        audit.record(
            session, ctx, REFUSED, "staff", None if change is None else change.target_id, detail
        )
    return ValidationError(errors)


def refuse_unauthorised(ctx: ServiceContext, target_id: int | None) -> None:
    """A person who may not manage staff tried to create or change an account: recorded."""
    with ctx.db.transaction() as session:
        audit.record(session, ctx, REFUSED, "staff", target_id, "no permission")


def confirm(ctx: ServiceContext, change: RoleChange, second: SecondPerson | None) -> str | None:
    """Check the rules above for ``change`` made by ``ctx.actor``; the login of the second
    person who confirmed it, or None when the office is being set up (no second person yet).
    Refusals are audited and raised as ValidationError (fields ``roles``, ``confirm_login``,
    ``confirm_password``). Must be called outside any open write transaction."""
    actor = ctx.actor
    assert actor is not None, "the caller required STAFF_MANAGE"
    if change.target_id == actor.id and change.granted:
        raise refuse(
            ctx, change, "own roles", {"roles": _("Nobody can grant a role to themselves.")}
        )
    with ctx.db.reading() as session:
        managers = _holders(session, Role.MANAGER, active_only=False)
        admins = _holders(session, Role.ADMIN, active_only=False)
        active_managers = _holders(session, Role.MANAGER, active_only=True)
    if not (managers | admins) - {actor.id}:
        return None  # the office being set up: nobody else could confirm yet
    login = (second.login if second else "").strip()
    if not login:
        raise refuse(
            ctx,
            change,
            "no confirmation",
            {
                "confirm_login": _(
                    "A change of roles must be confirmed by a second person: the manager "
                    "enters her login and password here."
                )
            },
        )
    # who may confirm: the manager; another administrator only when the office has no
    # active manager besides the account being changed
    manager_needed = bool(active_managers - {change.target_id, actor.id})
    return _check_second_person(
        ctx, change, login, second.password if second else "", manager_needed
    )


def check_confirming_person(
    session: Session, ctx: ServiceContext, login: str, password: str
) -> tuple[Staff | None, str, dict[str, str]]:
    """The checks every second person's confirmation shares (a change of roles, a password
    reset): an active account other than the actor's, not locked, with the right password
    (a wrong one counts as a failed login). The account, or None with the reason (for the
    audit) and the message under its field."""
    actor = ctx.actor
    assert actor is not None
    wrong = _("Wrong login or password of the confirming person.")
    now = ctx.clock.now()
    staff = session.scalar(select(Staff).where(Staff.login == login))
    if staff is None or not staff.active:
        return None, "wrong confirmation", {"confirm_password": wrong}
    if staff.id == actor.id:
        return (
            None,
            "confirmed by oneself",
            {"confirm_login": _("Someone other than you must confirm the change.")},
        )
    if is_locked(staff, now):
        return (
            None,
            "confirming account locked",
            {"confirm_login": _("This account is locked after too many failed logins.")},
        )
    if not verify_password(staff.password_hash, password):
        count_failed_attempt(session, ctx, staff, now, CONFIRMER_WRONG_PASSWORD)
        return None, "wrong confirmation", {"confirm_password": wrong}
    clear_failed_attempts(staff)
    return staff, "", {}


def _check_second_person(
    ctx: ServiceContext, change: RoleChange, login: str, password: str, manager_needed: bool
) -> str:
    with ctx.db.transaction() as session:
        named = session.scalar(select(Staff).where(Staff.login == login))
        if (
            named is not None
            and named.active
            and named.id == change.target_id != (ctx.actor.id if ctx.actor else None)
            and change.granted
        ):
            reason, errors = (
                "confirmed by the person granted",
                {
                    "confirm_login": _(
                        "The person who is granted a role cannot confirm it themselves."
                    )
                },
            )
        else:
            confirming, reason, errors = check_confirming_person(session, ctx, login, password)
            if confirming is not None:
                roles = roles_of(session, confirming.id)
                if Role.MANAGER in roles or (not manager_needed and Role.ADMIN in roles):
                    return confirming.login
                reason = f"{confirming.login} may not confirm"
                errors = {
                    "confirm_login": _("Only the manager can confirm a change of roles.")
                    if manager_needed
                    else _(
                        "Only the manager (or, while the office has no manager, another "
                        "administrator) can confirm a change of roles."
                    )
                }
    # the failed attempt (and its lock-out count) is committed with its own transaction
    raise refuse(ctx, change, reason, errors)


def record_change(
    session: Session, ctx: ServiceContext, change: RoleChange, confirmed_by: str | None
) -> None:
    """Audit a saved change of roles inside the caller's transaction."""
    who = (
        f"confirmed by {confirmed_by}" if confirmed_by else "no second person (office being set up)"
    )
    audit.record(session, ctx, CHANGED, "staff", change.target_id, f"{change.summary()}; {who}")
