"""One object giving the UI every service, for one database and one logged-in person."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from opsdesk.services.clock import Clock, office_clock
from opsdesk.services.context import Actor, ServiceContext
from opsdesk.storage.database import Database

if TYPE_CHECKING:  # each service is imported when first asked for
    from opsdesk.services.account.auth import AuthService
    from opsdesk.services.account.screen_lock import ScreenLockService
    from opsdesk.services.audit import AuditService
    from opsdesk.services.cases.appeals import AppealService
    from opsdesk.services.cases.boards import BoardService
    from opsdesk.services.cases.case_service import CaseService
    from opsdesk.services.cases.caseload import CaseloadService
    from opsdesk.services.cases.handoff import HandoffService
    from opsdesk.services.cases.inbox import InboxService
    from opsdesk.services.cases.notes import CaseNoteService
    from opsdesk.services.cases.search import CaseSearchService
    from opsdesk.services.cases.steps import CaseDeadlineService
    from opsdesk.services.clients.register import ClientService
    from opsdesk.services.hours.approval import MonthApprovalService
    from opsdesk.services.hours.calendar import HoursCalendarService
    from opsdesk.services.hours.contracts import ContractService
    from opsdesk.services.hours.exports import HoursExportService
    from opsdesk.services.hours.sessions import HoursService
    from opsdesk.services.hours.sheets import HoursSheetService
    from opsdesk.services.hours.summary import HoursSummaryService
    from opsdesk.services.indicators.overview import IndicatorService
    from opsdesk.services.letters.case_letters import LetterService
    from opsdesk.services.letters.templates import LetterTemplateService
    from opsdesk.services.office.profile import OfficeService
    from opsdesk.services.office.purposes import PurposeService
    from opsdesk.services.office.regions import RegionService
    from opsdesk.services.office.staff import StaffService
    from opsdesk.services.office.teams import TeamService
    from opsdesk.services.reception.desk import ReceptionService
    from opsdesk.services.reception.display import DisplayService
    from opsdesk.services.reception.presence import PresenceService
    from opsdesk.services.reception.queue import QueueService
    from opsdesk.services.reception.rooms import RoomService
    from opsdesk.services.reception.stats import ReceptionStatsService
    from opsdesk.services.reports.documents import ReportService
    from opsdesk.services.reports.gdpr_info import GdprInformationService
    from opsdesk.services.reports.who_saw import WhoSawService
    from opsdesk.services.safety.backups import BackupService
    from opsdesk.services.safety.retention import RetentionService
    from opsdesk.storage.change_probe import ChangeProbe


class Services:
    def __init__(self, db: Database, actor: Actor | None = None, clock: Clock | None = None):
        self.ctx = ServiceContext(db, actor, clock or office_clock(db))

    @property
    def db(self) -> Database:
        """The database itself, for the services, the command line and tests; the UI goes
        through the services (tests/test_layering.py)."""
        return self.ctx.db

    @property
    def actor(self) -> Actor | None:
        return self.ctx.actor

    def as_actor(self, actor: Actor | None) -> Services:
        return Services(self.ctx.db, actor, self.ctx.clock)

    def change_probe(self) -> ChangeProbe:
        """A probe telling whether anybody committed since the last poll (for a screen that
        follows others' changes); close it when done."""
        from opsdesk.storage.change_probe import ChangeProbe

        return ChangeProbe(self.ctx.db)

    def close(self) -> None:
        """Close the database's connections (the next use opens new ones)."""
        self.ctx.db.dispose()

    @cached_property
    def auth(self) -> AuthService:
        from opsdesk.services.account.auth import AuthService

        return AuthService(self.ctx)

    @cached_property
    def office(self) -> OfficeService:
        from opsdesk.services.office.profile import OfficeService

        return OfficeService(self.ctx)

    @cached_property
    def staff(self) -> StaffService:
        from opsdesk.services.office.staff import StaffService

        return StaffService(self.ctx)

    @cached_property
    def teams(self) -> TeamService:
        from opsdesk.services.office.teams import TeamService

        return TeamService(self.ctx)

    @cached_property
    def purposes(self) -> PurposeService:
        from opsdesk.services.office.purposes import PurposeService

        return PurposeService(self.ctx)

    @cached_property
    def regions(self) -> RegionService:
        from opsdesk.services.office.regions import RegionService

        return RegionService(self.ctx)

    @cached_property
    def clients(self) -> ClientService:
        from opsdesk.services.clients.register import ClientService

        return ClientService(self.ctx)

    @cached_property
    def cases(self) -> CaseService:
        from opsdesk.services.cases.case_service import CaseService

        return CaseService(self.ctx)

    @cached_property
    def case_deadlines(self) -> CaseDeadlineService:
        from opsdesk.services.cases.steps import CaseDeadlineService

        return CaseDeadlineService(self.ctx)

    @cached_property
    def case_notes(self) -> CaseNoteService:
        from opsdesk.services.cases.notes import CaseNoteService

        return CaseNoteService(self.ctx)

    @cached_property
    def handoffs(self) -> HandoffService:
        from opsdesk.services.cases.handoff import HandoffService

        return HandoffService(self.ctx)

    @cached_property
    def caseload(self) -> CaseloadService:
        from opsdesk.services.cases.caseload import CaseloadService

        return CaseloadService(self.ctx)

    @cached_property
    def case_search(self) -> CaseSearchService:
        from opsdesk.services.cases.search import CaseSearchService

        return CaseSearchService(self.ctx)

    @cached_property
    def appeals(self) -> AppealService:
        from opsdesk.services.cases.appeals import AppealService

        return AppealService(self.ctx)

    @cached_property
    def inbox(self) -> InboxService:
        from opsdesk.services.cases.inbox import InboxService

        return InboxService(self.ctx)

    @cached_property
    def letters(self) -> LetterService:
        from opsdesk.services.letters.case_letters import LetterService

        return LetterService(self.ctx)

    @cached_property
    def letter_templates(self) -> LetterTemplateService:
        from opsdesk.services.letters.templates import LetterTemplateService

        return LetterTemplateService(self.ctx)

    @cached_property
    def boards(self) -> BoardService:
        from opsdesk.services.cases.boards import BoardService

        return BoardService(self.ctx)

    @cached_property
    def reception(self) -> ReceptionService:
        from opsdesk.services.reception.desk import ReceptionService

        return ReceptionService(self.ctx)

    @cached_property
    def queue(self) -> QueueService:
        from opsdesk.services.reception.queue import QueueService

        return QueueService(self.ctx)

    @cached_property
    def display(self) -> DisplayService:
        from opsdesk.services.reception.display import DisplayService

        return DisplayService(self.ctx)

    @cached_property
    def presence(self) -> PresenceService:
        from opsdesk.services.reception.presence import PresenceService

        return PresenceService(self.ctx)

    @cached_property
    def rooms(self) -> RoomService:
        from opsdesk.services.reception.rooms import RoomService

        return RoomService(self.ctx)

    @cached_property
    def reception_stats(self) -> ReceptionStatsService:
        from opsdesk.services.reception.stats import ReceptionStatsService

        return ReceptionStatsService(self.ctx)

    @cached_property
    def audit(self) -> AuditService:
        from opsdesk.services.audit import AuditService

        return AuditService(self.ctx)

    @cached_property
    def who_saw(self) -> WhoSawService:
        from opsdesk.services.reports.who_saw import WhoSawService

        return WhoSawService(self.ctx)

    @cached_property
    def contracts(self) -> ContractService:
        from opsdesk.services.hours.contracts import ContractService

        return ContractService(self.ctx)

    @cached_property
    def hours(self) -> HoursService:
        from opsdesk.services.hours.sessions import HoursService

        return HoursService(self.ctx)

    @cached_property
    def hours_calendar(self) -> HoursCalendarService:
        from opsdesk.services.hours.calendar import HoursCalendarService

        return HoursCalendarService(self.ctx)

    @cached_property
    def hours_summary(self) -> HoursSummaryService:
        from opsdesk.services.hours.summary import HoursSummaryService

        return HoursSummaryService(self.ctx)

    @cached_property
    def hours_sheets(self) -> HoursSheetService:
        from opsdesk.services.hours.sheets import HoursSheetService

        return HoursSheetService(self.ctx)

    @cached_property
    def hours_exports(self) -> HoursExportService:
        from opsdesk.services.hours.exports import HoursExportService

        return HoursExportService(self.ctx)

    @cached_property
    def month_approvals(self) -> MonthApprovalService:
        from opsdesk.services.hours.approval import MonthApprovalService

        return MonthApprovalService(self.ctx)

    @cached_property
    def backups(self) -> BackupService:
        from opsdesk.services.safety.backups import BackupService

        return BackupService(self.ctx)

    @cached_property
    def retention(self) -> RetentionService:
        from opsdesk.services.safety.retention import RetentionService

        return RetentionService(self.ctx)

    @cached_property
    def screen_lock(self) -> ScreenLockService:
        from opsdesk.services.account.screen_lock import ScreenLockService

        return ScreenLockService(self.ctx)

    @cached_property
    def reports(self) -> ReportService:
        from opsdesk.services.reports.documents import ReportService

        return ReportService(self.ctx)

    @cached_property
    def indicators(self) -> IndicatorService:
        from opsdesk.services.indicators.overview import IndicatorService

        return IndicatorService(self.ctx)

    @cached_property
    def gdpr_information(self) -> GdprInformationService:
        from opsdesk.services.reports.gdpr_info import GdprInformationService

        return GdprInformationService(self.ctx)
