"""Roles of the office and what each may do (docs/roles.md), kept in one place.

Services call ``allowed(roles, action)`` before touching data; scopes such as "own team" or
"own clients" are narrowed further by the service itself.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from opsdesk.i18n import N_, _


class Role(str, enum.Enum):
    CLERK = "clerk"
    SOCIAL_WORKER = "social_worker"
    SERVICES_WORKER = "services_worker"
    PSYCHOLOGIST = "psychologist"
    SUPERVISOR = "supervisor"
    MANAGER = "manager"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return _(ROLE_LABELS[self])


ROLE_LABELS = {
    Role.CLERK: N_("First contact desk"),
    Role.SOCIAL_WORKER: N_("Social worker"),
    Role.SERVICES_WORKER: N_("Services worker"),
    Role.PSYCHOLOGIST: N_("Psychologist"),
    Role.SUPERVISOR: N_("Supervisor"),
    Role.MANAGER: N_("Manager"),
    Role.ADMIN: N_("Administrator"),
}


class Action(str, enum.Enum):
    # reception
    VISIT_REGISTER = "visit.register"
    VISIT_SERVE = "visit.serve"  # call / start / finish; workers: their own team's queue
    VISIT_VIEW = "visit.view"
    ROOM_BOOK = "room.book"
    RECEPTION_STATS = "reception.stats"
    # clients and cases
    CLIENT_VIEW = "client.view"  # contact data; psychologist: own clients only
    CLIENT_EDIT = "client.edit"
    CASE_CREATE = "case.create"
    CASE_VIEW = "case.view"  # workers: own team; manager: all
    CASE_CHANGE = "case.change"
    CASE_ASSIGN = "case.assign"  # absences, moving a worker's cases in bulk, caseload limits
    # hours
    PSYCH_BOOK = "psych.book"  # book a free slot from the desk
    PSYCH_SESSIONS = "psych.sessions"  # own sessions, with notes
    SUPERVISION_ATTENDANCE = "supervision.attendance"  # own attendance
    SUPERVISION_SESSIONS = "supervision.sessions"  # own sessions, never content
    HOURS_TOTALS = "hours.totals"
    HOURS_PRINT = "hours.print"  # own (providers) or all (manager)
    CONTRACT_MANAGE = "contract.manage"
    OVER_BUDGET_APPROVE = "hours.approve_over_budget"
    # reports and safety
    DEADLINE_REPORT = "report.deadlines"
    GDPR_REPORT = "report.gdpr"
    INDICATORS_VIEW = "report.indicators"  # the separated model's indicators (manager)
    AUDIT_VIEW = "audit.view"
    AUDIT_PERSON = "audit.person"  # who saw one client's data (names the client: manager)
    STAFF_MANAGE = "staff.manage"
    SETTINGS_MANAGE = "settings.manage"
    BACKUP_RESTORE = "backup.restore"
    RETENTION_ANONYMISE = "retention.anonymise"  # anonymise clients past the retention period
    LETTER_TEMPLATES = "letters.templates"  # edit the office's letter templates


_WORKER = {
    Action.VISIT_SERVE,
    Action.VISIT_VIEW,
    Action.CLIENT_VIEW,
    Action.CLIENT_EDIT,
    Action.CASE_CREATE,
    Action.CASE_VIEW,
    Action.CASE_CHANGE,
    Action.SUPERVISION_ATTENDANCE,
    Action.DEADLINE_REPORT,
}

PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.CLERK: frozenset(
        {
            Action.VISIT_REGISTER,
            Action.VISIT_SERVE,
            Action.VISIT_VIEW,
            Action.ROOM_BOOK,
            Action.RECEPTION_STATS,
            Action.CLIENT_VIEW,
            Action.CLIENT_EDIT,
            Action.CASE_CREATE,
            Action.PSYCH_BOOK,
        }
    ),
    Role.SOCIAL_WORKER: frozenset(_WORKER),
    Role.SERVICES_WORKER: frozenset(_WORKER),
    Role.PSYCHOLOGIST: frozenset({Action.CLIENT_VIEW, Action.PSYCH_SESSIONS, Action.HOURS_PRINT}),
    Role.SUPERVISOR: frozenset({Action.SUPERVISION_SESSIONS, Action.HOURS_PRINT}),
    Role.MANAGER: frozenset(
        {
            Action.VISIT_VIEW,
            Action.RECEPTION_STATS,
            Action.CLIENT_VIEW,
            Action.CASE_VIEW,
            Action.CASE_CHANGE,
            Action.CASE_CREATE,
            Action.CASE_ASSIGN,
            Action.HOURS_TOTALS,
            Action.HOURS_PRINT,
            Action.CONTRACT_MANAGE,
            Action.OVER_BUDGET_APPROVE,
            Action.DEADLINE_REPORT,
            Action.GDPR_REPORT,
            Action.INDICATORS_VIEW,
            Action.AUDIT_VIEW,
            Action.AUDIT_PERSON,
            Action.LETTER_TEMPLATES,
        }
    ),
    Role.ADMIN: frozenset(
        # docs/roles.md: audit log, staff, settings; no client data, so no GDPR report
        # (the manager's)
        {
            Action.STAFF_MANAGE,
            Action.SETTINGS_MANAGE,
            Action.BACKUP_RESTORE,
            Action.RETENTION_ANONYMISE,
            Action.AUDIT_VIEW,
            Action.LETTER_TEMPLATES,
        }
    ),
}


def allowed(roles: Iterable[str], action: Action) -> bool:
    return any(action in PERMISSIONS[Role(role)] for role in roles)


def parse_roles(values: Iterable[str]) -> frozenset[Role]:
    return frozenset(Role(v) for v in values)
