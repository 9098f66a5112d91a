"""First run, login with lock-out, password changes."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from opsdesk.domain.ids import TeamId, optional_id
from opsdesk.domain.roles import Role
from opsdesk.domain.text import is_blank
from opsdesk.errors import AuthenticationError, ValidationError
from opsdesk.i18n import _
from opsdesk.services import audit
from opsdesk.services.account.passwords import hash_password, password_problem, verify_password
from opsdesk.services.context import Actor, Service, ServiceContext
from opsdesk.services.office.profile import OfficeInput, validate_office
from opsdesk.services.office.reference_data import seed_reference_data
from opsdesk.storage.models import OfficeProfile, Staff, StaffRole, Team

log = logging.getLogger("opsdesk.auth")

MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)


# --- the lock-out rule: every check of a person's password (a login, unlocking the screen,
# the manager's confirmation of a session over the budget) counts the same way ------------


def is_locked(staff: Staff, now: datetime) -> bool:
    return staff.locked_until is not None and staff.locked_until > now


def count_failed_attempt(
    session: Session, ctx: ServiceContext, staff: Staff, now: datetime, action: str
) -> None:
    """A wrong password for ``staff``, audited as ``action`` ("login_failed", "approval_failed").
    The ``MAX_FAILED_LOGINS``-th in a row locks the account for ``LOCKOUT``, audited as
    "lock". The caller commits it and raises its error afterwards."""
    staff.failed_logins += 1
    audit.record(session, ctx, action, "staff", staff.id, staff.login)
    if staff.failed_logins >= MAX_FAILED_LOGINS:
        staff.locked_until = now + LOCKOUT
        staff.failed_logins = 0
        audit.record(session, ctx, "lock", "staff", staff.id, staff.login)
        log.warning(
            "account %s locked after %d failed attempts (%s)",
            staff.login,
            MAX_FAILED_LOGINS,
            action,
        )


def clear_failed_attempts(staff: Staff) -> None:
    """The right password: the count starts again and an expired lock is gone."""
    staff.failed_logins = 0
    staff.locked_until = None


@dataclass(frozen=True)
class AdminInput:
    login: str
    full_name: str
    password: str
    password_repeat: str


def validate_login(login: str) -> str | None:
    if not login:
        return _("Enter a login.")
    if len(login) > 60 or not all(c.isalnum() or c in "._-" for c in login):
        return _("A login may contain only letters, digits, dots, hyphens and underscores.")
    return None


def actor_for(session: Session, staff: Staff) -> Actor:
    roles = frozenset(
        Role(r)
        for r in session.scalars(select(StaffRole.role).where(StaffRole.staff_id == staff.id))
    )
    team_name = ""
    if staff.team_id:
        team = session.get(Team, staff.team_id)
        assert team is not None  # a foreign key
        team_name = team.name
    return Actor(
        id=staff.id,
        login=staff.login,
        full_name=staff.full_name,
        roles=roles,
        team_id=optional_id(TeamId, staff.team_id),
        team_name=team_name,
        workplace=staff.workplace or "",
        must_change_password=staff.must_change_password,
    )


class AuthService(Service):
    """Works without a logged-in actor: it is how one logs in."""

    def __init__(self, ctx: ServiceContext):
        super().__init__(ctx)

    def needs_first_run(self) -> bool:
        with self.db.reading() as session:
            return session.scalar(select(func.count(Staff.id))) == 0

    def office_name(self) -> str:
        with self.db.reading() as session:
            return session.scalar(select(OfficeProfile.name).limit(1)) or ""

    def database_place(self) -> str:
        """Where this PC keeps the office's data, as the status bar says it (no query)."""
        if self.db.is_sqlite:
            return _("Database: this PC")
        url = self.db.engine.url
        socket_folder = url.query.get("host")
        host = url.host or (socket_folder if isinstance(socket_folder, str) else "localhost")
        return _("Server: {place}").format(place=f"{host}/{url.database}")

    def first_run(self, office: OfficeInput, admin: AdminInput) -> Actor:
        """Create the office profile, the starting teams and lists, and the first administrator."""
        errors = validate_office(office)
        login = admin.login.strip()
        if problem := validate_login(login):
            errors["login"] = problem
        if is_blank(admin.full_name):
            errors["full_name"] = _("Enter the administrator's name.")
        if problem := password_problem(admin.password):
            errors["password"] = problem
        elif admin.password != admin.password_repeat:
            errors["password_repeat"] = _("The passwords are not the same.")
        if errors:
            raise ValidationError(errors)
        with self.db.transaction() as session:
            if session.scalar(select(func.count(Staff.id))):
                raise ValidationError.single("login", _("This office is already set up."))
            session.add(office.to_model())
            seed_reference_data(session)
            staff = Staff(
                login=login,
                full_name=admin.full_name.strip(),
                password_hash=hash_password(admin.password),
                active=True,
                created_at=self.ctx.clock.now(),
            )
            session.add(staff)
            session.flush()
            session.add(StaffRole(staff_id=staff.id, role=Role.ADMIN.value))
            session.flush()
            actor = actor_for(session, staff)
            audit.record(
                session,
                ServiceContext(self.db, actor, self.ctx.clock),
                "create",
                "office",
                None,
                "first run",
            )
        return actor

    def login(self, login: str, password: str) -> Actor:
        now = self.ctx.clock.now()
        failed = _("Wrong login or password.")
        with self.db.transaction() as session:
            staff = session.scalar(select(Staff).where(Staff.login == login.strip()))
            if staff is None or not staff.active:
                verify_password(_dummy_hash(), password)  # same time as a real check
                raise AuthenticationError(failed)
            ctx = ServiceContext(self.db, None, self.ctx.clock)
            if is_locked(staff, now):
                assert staff.locked_until is not None  # is_locked() checked it
                minutes = int((staff.locked_until - now).total_seconds() // 60) + 1
                raise AuthenticationError(
                    _(
                        "The account is locked after too many failed logins. "
                        "Try again in {minutes} min or ask the administrator."
                    ).format(minutes=minutes)
                )
            if not verify_password(staff.password_hash, password):
                count_failed_attempt(session, ctx, staff, now, "login_failed")
                # the failed attempt is committed; the caller gets the error afterwards
                error = AuthenticationError(failed)
            else:
                clear_failed_attempts(staff)
                actor = actor_for(session, staff)
                audit.record(
                    session,
                    ServiceContext(self.db, actor, self.ctx.clock),
                    "login",
                    "staff",
                    staff.id,
                )
                return actor
        raise error

    def logout(self, actor: Actor) -> None:
        """Record that ``actor`` logged out (or handed the workstation to someone else)."""
        with self.db.transaction() as session:
            audit.record(
                session, ServiceContext(self.db, actor, self.ctx.clock), "logout", "staff", actor.id
            )

    def change_password(self, actor: Actor, old: str, new: str, repeat: str) -> None:
        errors: dict[str, str] = {}
        if problem := password_problem(new):
            errors["new"] = problem
        elif new != repeat:
            errors["repeat"] = _("The passwords are not the same.")
        with self.db.transaction() as session:
            staff = session.get(Staff, actor.id)
            if staff is None or not verify_password(staff.password_hash, old):
                errors["old"] = _("The current password is wrong.")
            if errors or staff is None:  # no staff: errors["old"] is set
                raise ValidationError(errors)
            staff.password_hash = hash_password(new)
            staff.must_change_password = False
            audit.record(
                session,
                ServiceContext(self.db, actor, self.ctx.clock),
                "password_change",
                "staff",
                staff.id,
            )


@cache
def _dummy_hash() -> str:
    return hash_password("opsdesk-timing-equaliser")
