"""One object giving the UI every service, for one database and one logged-in person."""

from __future__ import annotations

from functools import cached_property

from opsdesk.services.clock import Clock, system_clock
from opsdesk.services.context import Actor, ServiceContext
from opsdesk.storage.database import Database


class Services:
    def __init__(self, db: Database, actor: Actor | None = None, clock: Clock | None = None):
        self.ctx = ServiceContext(db, actor, clock or system_clock())

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
        from opsdesk.services.account.auth import AuthService

        return AuthService(self.ctx)

    @cached_property
    def office(self):
        from opsdesk.services.office.profile import OfficeService

        return OfficeService(self.ctx)

    @cached_property
    def staff(self):
        from opsdesk.services.office.staff import StaffService

        return StaffService(self.ctx)

    @cached_property
    def teams(self):
        from opsdesk.services.office.teams import TeamService

        return TeamService(self.ctx)

    @cached_property
    def regions(self):
        from opsdesk.services.office.regions import RegionService

        return RegionService(self.ctx)

    @cached_property
    def clients(self):
        from opsdesk.services.clients.register import ClientService

        return ClientService(self.ctx)

    @cached_property
    def cases(self):
        from opsdesk.services.cases.case_service import CaseService

        return CaseService(self.ctx)

    @cached_property
    def case_deadlines(self):
        from opsdesk.services.cases.steps import CaseDeadlineService

        return CaseDeadlineService(self.ctx)

    @cached_property
    def case_notes(self):
        from opsdesk.services.cases.notes import CaseNoteService

        return CaseNoteService(self.ctx)

    @cached_property
    def handoffs(self):
        from opsdesk.services.cases.handoff import HandoffService

        return HandoffService(self.ctx)

    @cached_property
    def boards(self):
        from opsdesk.services.cases.boards import BoardService

        return BoardService(self.ctx)

    @cached_property
    def reception(self):
        from opsdesk.services.reception.desk import ReceptionService

        return ReceptionService(self.ctx)

    @cached_property
    def queue(self):
        from opsdesk.services.reception.queue import QueueService

        return QueueService(self.ctx)

    @cached_property
    def display(self):
        from opsdesk.services.reception.display import DisplayService

        return DisplayService(self.ctx)

    @cached_property
    def rooms(self):
        from opsdesk.services.reception.rooms import RoomService

        return RoomService(self.ctx)

    @cached_property
    def reception_stats(self):
        from opsdesk.services.reception.stats import ReceptionStatsService

        return ReceptionStatsService(self.ctx)

    @cached_property
    def audit(self):
        from opsdesk.services.audit import AuditService

        return AuditService(self.ctx)

    @cached_property
    def contracts(self):
        from opsdesk.services.hours.contracts import ContractService

        return ContractService(self.ctx)

    @cached_property
    def hours(self):
        from opsdesk.services.hours.sessions import HoursService

        return HoursService(self.ctx)

    @cached_property
    def hours_calendar(self):
        from opsdesk.services.hours.calendar import HoursCalendarService

        return HoursCalendarService(self.ctx)

    @cached_property
    def hours_summary(self):
        from opsdesk.services.hours.summary import HoursSummaryService

        return HoursSummaryService(self.ctx)

    @cached_property
    def hours_sheets(self):
        from opsdesk.services.hours.sheets import HoursSheetService

        return HoursSheetService(self.ctx)

    @cached_property
    def backups(self):
        from opsdesk.services.safety.backups import BackupService

        return BackupService(self.ctx)

    @cached_property
    def retention(self):
        from opsdesk.services.safety.retention import RetentionService

        return RetentionService(self.ctx)

    @cached_property
    def screen_lock(self):
        from opsdesk.services.account.screen_lock import ScreenLockService

        return ScreenLockService(self.ctx)

    @cached_property
    def reports(self):
        from opsdesk.services.reports.documents import ReportService

        return ReportService(self.ctx)
