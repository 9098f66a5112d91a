"""Who is acting, on which database, at what time: what every service is built on."""

from __future__ import annotations

from dataclasses import dataclass, field

from opsdesk.domain.ids import TeamId
from opsdesk.domain.roles import Action, Role, allowed
from opsdesk.errors import PermissionDenied
from opsdesk.services.clock import Clock
from opsdesk.storage.database import Database


@dataclass(frozen=True)
class Actor:
    """The logged-in person, as plain data."""

    id: int | None  # None: the command line, which acts without an account
    login: str
    full_name: str
    roles: frozenset[Role]
    team_id: TeamId | None = None
    team_name: str = ""
    workplace: str = ""
    must_change_password: bool = False

    @property
    def account_id(self) -> int:
        """The actor's own account (staff id), for what only a person with an account does;
        PermissionDenied for the command line, which has none."""
        if self.id is None:
            raise PermissionDenied()
        return self.id

    def has(self, role: Role) -> bool:
        return role in self.roles

    def can(self, action: Action) -> bool:
        return allowed(self.roles, action)


@dataclass
class ServiceContext:
    db: Database
    actor: Actor | None
    clock: Clock = field(default_factory=Clock)

    def require(self, action: Action) -> Actor:
        """The actor, if allowed to perform ``action``; PermissionDenied otherwise."""
        if self.actor is None or not self.actor.can(action):
            raise PermissionDenied()
        return self.actor

    def require_actor(self) -> Actor:
        """The actor; PermissionDenied when nobody is logged in. For code that acts as the
        person (records who did it) after the permission was checked elsewhere."""
        if self.actor is None:
            raise PermissionDenied()
        return self.actor

    def require_any(self, *actions: Action) -> Actor:
        if self.actor is None or not any(self.actor.can(a) for a in actions):
            raise PermissionDenied()
        return self.actor


class Service:
    """Base of every service: holds the context; one method = one user action."""

    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx
        self.db = ctx.db
