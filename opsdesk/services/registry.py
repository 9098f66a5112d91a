"""One object giving the UI every service, for one database and one logged-in person."""

from __future__ import annotations

from functools import cached_property

from opsdesk.services.clock import Clock
from opsdesk.services.context import Actor, ServiceContext
from opsdesk.storage.database import Database


class Services:
    def __init__(self, db: Database, actor: Actor | None = None, clock: Clock | None = None):
        self.ctx = ServiceContext(db, actor, clock or Clock())

    @property
    def db(self) -> Database:
        return self.ctx.db

    @property
    def actor(self) -> Actor | None:
        return self.ctx.actor

    def as_actor(self, actor: Actor | None) -> Services:
        return Services(self.ctx.db, actor, self.ctx.clock)

    @cached_property
    def auth(self):
        from opsdesk.services.auth import AuthService

        return AuthService(self.ctx)

    @cached_property
    def office(self):
        from opsdesk.services.office import OfficeService

        return OfficeService(self.ctx)

    @cached_property
    def staff(self):
        from opsdesk.services.staff import StaffService

        return StaffService(self.ctx)

    @cached_property
    def teams(self):
        from opsdesk.services.teams import TeamService

        return TeamService(self.ctx)

    @cached_property
    def regions(self):
        from opsdesk.services.regions import RegionService

        return RegionService(self.ctx)

    @cached_property
    def clients(self):
        from opsdesk.services.clients import ClientService

        return ClientService(self.ctx)

    @cached_property
    def audit(self):
        from opsdesk.services.audit import AuditService

        return AuditService(self.ctx)
