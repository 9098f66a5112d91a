"""Staff accounts: create, change, deactivate (never delete), reset passwords."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from opsdesk.domain.ids import StaffId, TeamId, optional_id
from opsdesk.domain.roles import Action, Role
from opsdesk.domain.text import is_blank, is_email, polish_sort_key
from opsdesk.errors import NotFound, PermissionDenied, ValidationError
from opsdesk.i18n import _
from opsdesk.services import audit
from opsdesk.services.account.auth import validate_login
from opsdesk.services.account.passwords import hash_password, password_problem
from opsdesk.services.context import Actor, Service
from opsdesk.services.office import password_resets, role_changes
from opsdesk.services.office.records import StaffRecord
from opsdesk.services.office.role_changes import RoleChange, SecondPerson
from opsdesk.services.text_limits import add_too_long
from opsdesk.storage.models import Staff, StaffRole, Team


@dataclass(frozen=True)
class StaffInput:
    login: str
    full_name: str
    roles: frozenset[Role] = field(default_factory=frozenset)
    team_id: int | None = None
    workplace: str = ""
    email: str = ""
    password: str = ""  # only when creating
    password_repeat: str | None = None  # checked against ``password`` when given


def _records(session: Session, staff_list: Sequence[Staff]) -> list[StaffRecord]:
    ids = [s.id for s in staff_list]
    roles: dict[int, set[Role]] = {i: set() for i in ids}
    if ids:
        for staff_id, role in session.execute(
            select(StaffRole.staff_id, StaffRole.role).where(StaffRole.staff_id.in_(ids))
        ):
            roles[staff_id].add(Role(role))
    teams: dict[int | None, str] = dict(session.execute(select(Team.id, Team.name)).all())
    return [
        StaffRecord(
            id=StaffId(s.id),
            login=s.login,
            full_name=s.full_name,
            roles=frozenset(roles[s.id]),
            team_id=optional_id(TeamId, s.team_id),
            team_name=teams.get(s.team_id, ""),
            workplace=s.workplace or "",
            email=s.email or "",
            active=s.active,
            locked=s.locked_until is not None,
        )
        for s in staff_list
    ]


def surname_key(full_name: str) -> tuple[tuple[int, ...], str, str]:
    parts = full_name.split()
    return polish_sort_key(" ".join(parts[-1:] + parts[:-1]))


def active_with_role(session: Session, role: Role) -> list[tuple[int, str]]:
    """The active accounts holding ``role``: (staff id, full name), by surname."""
    rows = [
        (staff_id, full_name)
        for staff_id, full_name in session.execute(
            select(Staff.id, Staff.full_name)
            .join(StaffRole, StaffRole.staff_id == Staff.id)
            .where(StaffRole.role == role.value, Staff.active.is_(True))
        )
    ]
    return sorted(rows, key=lambda row: surname_key(row[1]))


def signing_manager(session: Session, actor: Actor | None) -> str:
    """The manager who signs a document: the actor when they are a manager, else the office's
    manager (also for the command line, which acts with the manager's permissions but is no
    one)."""
    if actor is not None and actor.id is not None and actor.has(Role.MANAGER):
        return actor.full_name
    return (
        session.scalar(
            select(Staff.full_name)
            .join(StaffRole, StaffRole.staff_id == Staff.id)
            .where(StaffRole.role == Role.MANAGER.value, Staff.active.is_(True))
            .order_by(Staff.id)
            .limit(1)
        )
        or ""
    )


def _member_of(session: Session, staff_id: int | None, team: Team) -> bool:
    """Is the saved account ``staff_id`` in ``team`` already (kept there when it is changed)?"""
    staff = session.get(Staff, staff_id) if staff_id is not None else None
    return staff is not None and staff.team_id == team.id


class StaffService(Service):
    def list(self, include_inactive: bool = True) -> list[StaffRecord]:
        """The staff list; any logged-in person may see names and roles of colleagues."""
        if self.ctx.actor is None:
            self.ctx.require(Action.STAFF_MANAGE)
        query = select(Staff)
        if not include_inactive:
            query = query.where(Staff.active.is_(True))
        with self.db.reading() as session:
            records = _records(session, list(session.scalars(query)))
        return sorted(records, key=lambda r: surname_key(r.full_name))

    def with_role(self, role: Role, team_id: int | None = None) -> builtins.list[StaffRecord]:
        return [
            r
            for r in self.list(include_inactive=False)
            if role in r.roles and (team_id is None or r.team_id == team_id)
        ]

    def _validate(self, session: Session, data: StaffInput, staff_id: int | None) -> dict[str, str]:
        errors: dict[str, str] = {}
        login = data.login.strip()
        if problem := validate_login(login):
            errors["login"] = problem
        elif session.scalar(
            select(Staff.id).where(Staff.login == login, Staff.id != (staff_id or 0))
        ):
            errors["login"] = _("This login is already taken.")
        if is_blank(data.full_name):
            errors["full_name"] = _("Enter the person's name.")
        if not data.roles:
            errors["roles"] = _("Choose at least one role.")
        team = session.get(Team, data.team_id) if data.team_id is not None else None
        if data.team_id is not None and team is None:
            errors["team"] = _("This team does not exist.")
        elif team is not None and not team.active and not _member_of(session, staff_id, team):
            errors["team"] = _("This team is switched off: choose another one.")
        if data.email.strip() and not is_email(data.email.strip()):
            errors["email"] = _("This is not an e-mail address.")
        if staff_id is None and (problem := password_problem(data.password)):
            errors["password"] = problem
        elif staff_id is None and data.password_repeat not in (None, data.password):
            errors["password_repeat"] = _("The passwords are not the same.")
        return add_too_long(
            errors,
            {
                "full_name": (data.full_name.strip(), Staff.full_name),
                "workplace": (data.workplace.strip(), Staff.workplace),
                "email": (data.email.strip(), Staff.email),
            },
        )

    def _require_manage(self, staff_id: int | None) -> Actor:
        try:
            return self.ctx.require(Action.STAFF_MANAGE)
        except PermissionDenied:
            role_changes.refuse_unauthorised(self.ctx, staff_id)
            raise

    def create(self, data: StaffInput, confirmation: SecondPerson | None = None) -> StaffRecord:
        """A new account; its roles are granted with a second person's ``confirmation``
        (role_changes)."""
        self._require_manage(None)
        with self.db.reading() as session:
            if errors := self._validate(session, data, None):
                raise ValidationError(errors)
        change = RoleChange(None, data.login.strip(), frozenset(), frozenset(data.roles))
        confirmed_by = role_changes.confirm(self.ctx, change, confirmation)
        with self.db.transaction() as session:
            if errors := self._validate(session, data, None):
                raise ValidationError(errors)
            staff = Staff(
                login=data.login.strip(),
                full_name=data.full_name.strip(),
                password_hash=hash_password(data.password),
                team_id=data.team_id,
                workplace=data.workplace.strip(),
                email=data.email.strip(),
                active=True,
                must_change_password=True,
                created_at=self.ctx.clock.now(),
            )
            session.add(staff)
            session.flush()
            session.add_all(StaffRole(staff_id=staff.id, role=r.value) for r in data.roles)
            audit.record(session, self.ctx, "create", "staff", staff.id, staff.login)
            role_changes.record_change(
                session, self.ctx, replace(change, target_id=staff.id), confirmed_by
            )
            session.flush()
            return _records(session, [staff])[0]

    def _update_errors(self, session: Session, staff_id: int, data: StaffInput) -> dict[str, str]:
        errors = self._validate(session, data, staff_id)
        if staff_id == self.ctx.actor.id and Role.ADMIN not in data.roles:  # type: ignore[union-attr]
            errors["roles"] = _("You cannot take the administrator role from yourself.")
        return errors

    def update(
        self, staff_id: int, data: StaffInput, confirmation: SecondPerson | None = None
    ) -> StaffRecord:
        """Change an account; a change of its roles needs a second person's
        ``confirmation`` (role_changes)."""
        self._require_manage(staff_id)
        with self.db.reading() as session:
            staff = session.get(Staff, staff_id)
            if staff is None:
                raise NotFound(_("This staff account does not exist."))
            if errors := self._update_errors(session, staff_id, data):
                raise ValidationError(errors)
            change = RoleChange(
                staff_id,
                staff.login,
                role_changes.roles_of(session, staff_id),
                frozenset(data.roles),
            )
        confirmed_by = (
            role_changes.confirm(self.ctx, change, confirmation) if change.changes else None
        )
        with self.db.transaction() as session:
            staff = session.get(Staff, staff_id)
            if staff is None:
                raise NotFound(_("This staff account does not exist."))
            if errors := self._update_errors(session, staff_id, data):
                raise ValidationError(errors)
            if role_changes.roles_of(session, staff_id) != change.before:
                raise ValidationError.single(
                    "roles",
                    _("Someone changed this person's roles meanwhile; open the account again."),
                )
            staff.login = data.login.strip()
            staff.full_name = data.full_name.strip()
            staff.team_id = data.team_id
            staff.workplace = data.workplace.strip()
            staff.email = data.email.strip()
            if change.changes:
                session.execute(delete(StaffRole).where(StaffRole.staff_id == staff_id))
                session.add_all(StaffRole(staff_id=staff_id, role=r.value) for r in data.roles)
                role_changes.record_change(session, self.ctx, change, confirmed_by)
            audit.record(
                session,
                self.ctx,
                "update",
                "staff",
                staff_id,
                "roles=" + ",".join(sorted(r.value for r in data.roles)),
            )
            session.flush()
            return _records(session, [staff])[0]

    def set_active(self, staff_id: int, active: bool) -> None:
        actor = self.ctx.require(Action.STAFF_MANAGE)
        with self.db.transaction() as session:
            staff = session.get(Staff, staff_id)
            if staff is None:
                raise NotFound(_("This staff account does not exist."))
            if not active and staff_id == actor.id:
                raise ValidationError.single("active", _("You cannot deactivate your own account."))
            team = session.get(Team, staff.team_id) if staff.team_id is not None else None
            if active and not staff.active and team is not None and not team.active:
                raise ValidationError.single(
                    "active",
                    _(
                        "{name}'s team \u201e{team}\u201d is switched off: choose another team "
                        "for them (Edit) first."
                    ).format(name=staff.full_name, team=team.name),
                )
            staff.active = active
            audit.record(
                session, self.ctx, "activate" if active else "deactivate", "staff", staff_id
            )

    def reset_password(
        self,
        staff_id: int,
        new_password: str,
        repeat: str | None = None,
        second: SecondPerson | None = None,
    ) -> None:
        """Set a temporary password; the person must change it at the next login. For an
        account that can read client files a second person confirms (``password_resets``)."""
        self.ctx.require(Action.STAFF_MANAGE)
        if problem := password_problem(new_password):
            raise ValidationError.single("password", problem)
        if repeat is not None and repeat != new_password:
            raise ValidationError.single("password_repeat", _("The passwords are not the same."))
        confirmed = password_resets.confirm(self.ctx, staff_id, second)
        with self.db.transaction() as session:
            staff = session.get(Staff, staff_id)
            if staff is None:
                raise NotFound(_("This staff account does not exist."))
            staff.password_hash = hash_password(new_password)
            staff.must_change_password = True
            staff.failed_logins = 0
            staff.locked_until = None
            audit.record(session, self.ctx, password_resets.RESET, "staff", staff_id, confirmed)

    def reset_needs_second_person(self, staff_id: int) -> bool:
        """Does the password reset dialog ask for a colleague's confirmation?"""
        self.ctx.require(Action.STAFF_MANAGE)
        return password_resets.needs_second_person(self.ctx, staff_id)
