"""Words for the codes stored in audit entries (what happened, to what). A code without a
word here is shown as it is stored."""

from __future__ import annotations

import re

from opsdesk.domain.roles import Role
from opsdesk.i18n import N_, _

ACTION_LABELS = {
    "login": N_("Logging in"),
    "login_failed": N_("Failed login"),
    "logout": N_("Logging out"),
    "lock": N_("Account locked"),
    "screen_lock": N_("Screen locked"),
    "screen_unlock": N_("Screen unlocked"),
    "password_change": N_("Password changed"),
    "password_reset": N_("Password reset"),
    "create": N_("Creation"),
    "update": N_("Change"),
    "read": N_("Viewing"),
    "list": N_("List shown"),
    "activate": N_("Reactivated"),
    "deactivate": N_("Deactivated"),
    "print": N_("Printing"),
    "export": N_("Export"),
    "book": N_("Booking"),
    "cancel": N_("Cancellation"),
    "no_show": N_("No-show"),
    "held": N_("Session held"),
    "approve_over_budget": N_("Hours over the budget approved"),
    "approval_failed": N_("Failed approval"),
    "submit_month": N_("Month submitted for approval"),
    "approve_month": N_("Month approved"),
    "return_month": N_("Month returned for correction"),
    "reopen_month": N_("Month reopened"),
    "role_change": N_("Roles changed"),
    "role_change_refused": N_("Change of roles refused"),
    "password_reset_refused": N_("Password reset refused"),
    "confirmation_failed": N_("Failed confirmation of roles"),
    "backup": N_("Backup made"),
    "retention_preview": N_("Anonymisation previewed"),
    "anonymise": N_("Anonymised"),
    "register": N_("Visit registered"),
    "call": N_("Call to the desk"),
    "recall": N_("Called again"),
    "call_out_of_turn": N_("Called out of turn"),
    "hold": N_("Put on hold"),
    "resume": N_("Back in the queue"),
    "undo_no_show": N_("No-show undone"),
    "undo_cancel": N_("Cancellation undone"),
    "correct": N_("Contact corrected"),
    "delete": N_("Deletion"),
    "start": N_("Service started"),
    "finish": N_("Service finished"),
    "redirect": N_("Redirected"),
}

ENTITY_LABELS = {
    "staff": N_("Staff account"),
    "office": N_("Office profile"),
    "team": N_("Team"),
    "purpose": N_("Contact purpose"),
    "region": N_("Region"),
    "setting": N_("Setting"),
    "database": N_("Database"),
    "client": N_("Client"),
    "case": N_("Case"),
    "case_notes": N_("Case notes"),
    "case_note": N_("Case note"),
    "case_link": N_("Linked cases"),
    "visit": N_("Visit"),
    "room_booking": N_("Room booking"),
    "contract": N_("Contract"),
    "session": N_("Session"),
    "indicators": N_("Indicators of the separated model"),
    "letter_template": N_("Letter template"),
    "case_letter": N_("Letter"),
}


# details stored in English by the services, as fixed phrases or a phrase and a value
DETAIL_LABELS = {
    "accepted": N_("accepted"),
    "sent back": N_("sent back"),
    "forwarded": N_("forwarded to the appeals board"),
    "referral slip": N_("referral slip"),
    "GDPR report": N_("GDPR report"),
    "psychologist bookings": N_("psychologist bookings"),
    "booking": N_("booking"),
    "first run": N_("first run"),
    "duty hours": N_("duty hours"),
    "flags": N_("flags"),
    "left household": N_("left the household"),
    "left household (retention)": N_("left the household (retention)"),
    "no permission": N_("no permission"),
    "who saw report": N_("who saw the person's data"),
    "gdpr information": N_("the GDPR report's information texts"),
}

# why a change of roles or a password reset was refused or who confirmed it
# (services/office/role_changes.py, services/office/password_resets.py)
ROLE_CHANGE_REASONS = {
    "own roles": N_("granted to oneself"),
    "no confirmation": N_("no second person"),
    "wrong confirmation": N_("wrong login or password of the second person"),
    "confirmed by oneself": N_("confirmed by the person making the change"),
    "confirmed by the person granted": N_("confirmed by the person granted the role"),
    "confirming account locked": N_("the second person's account is locked"),
    "no second person (office being set up)": N_("no second person (office being set up)"),
    "confirmed by the account's owner": N_("confirmed by the account's owner"),
    "no second person (own account)": N_("no second person (own account)"),
    "no second person (no client files open to the account)": N_(
        "no second person (the account opens no client files)"
    ),
    "no second person (nobody else to confirm)": N_("no second person (nobody else to confirm)"),
}
ROLE_CHANGE = re.compile(r"^(\S+): ((?:[+-][a-z_]+ ?)+); (.+)$")
ROLE_REASON_PATTERNS = (
    (re.compile(r"^confirmed by (\S+)$"), N_("confirmed by {0}")),
    (re.compile(r"^(\S+) may not confirm$"), N_("{0} may not confirm it")),
)


def _role_change_label(match: re.Match[str]) -> str:
    login, changes, reason = match.groups()
    roles = []
    for change in changes.split():
        sign, code = change[0], change[1:]
        try:
            roles.append(("+" if sign == "+" else "\u2212") + Role(code).label)
        except ValueError:
            roles.append(change)
    return f"{login}: {', '.join(roles)}; {_reason_label(reason)}"


def _reason_label(reason: str, more: tuple[tuple[re.Pattern[str], str], ...] = ()) -> str:
    """Why a change of roles or a password reset was refused, or who confirmed it, in the
    reader's language; else the first of ``more`` patterns it matches; else as stored."""
    if reason in ROLE_CHANGE_REASONS:
        return _(ROLE_CHANGE_REASONS[reason])
    for pattern, text in ROLE_REASON_PATTERNS + more:
        if match := pattern.match(reason):
            return _(text).format(*match.groups())
    return reason


DETAIL_PATTERNS = (
    (re.compile(r"^hour sheet (\d{4})-(\d{2})$"), N_("hour sheet {1}.{0}")),
    (re.compile(r"^attendance (\d{4})-(\d{2})$"), N_("attendance list {1}.{0}")),
    (re.compile(r"^sessions (\d{4})-(\d{2}) to (XLSX|CSV)$"), N_("sessions {1}.{0} to {2}")),
    (re.compile(r"^hours summary to (XLSX|CSV)$"), N_("hours summary to {0}")),
    (re.compile(r"^projects to (XLSX|CSV)$"), N_("hours by project to {0}")),
    (re.compile(r"^hours summary (.+)$"), N_("hours summary {0}")),
    (re.compile(r"^week (\d{4})-(\d{2})-(\d{2})$"), N_("week from {2}.{1}.{0}")),
    (re.compile(r"^status (.+)$"), N_("status {0}")),
    (
        re.compile(r"^month (\d{4})-(\d{2}), version (\d+): (\d+) sessions, (\d+) min$"),
        N_("month {1}.{0}, version {2}: sessions {3}, {4} min"),
    ),
    (re.compile(r"^month (\d{4})-(\d{2}): (.+)$"), N_("month {1}.{0}: {2}")),
    (re.compile(r"^month (\d{4})-(\d{2})$"), N_("month {1}.{0}")),
    (re.compile(r"^worker (\d+)$"), N_("worker {0}")),
    (re.compile(r"^household (\d+)$"), N_("household {0}")),
    (re.compile(r"^case (\d+)$"), N_("case {0}")),
    (re.compile(r"^indicators (\S+)$"), N_("indicators {0}")),
    (re.compile(r"^reprint case (\d+)$"), N_("printed again, case {0}")),
    (re.compile(r"^version (\d+)$"), N_("version {0}")),
    (re.compile(r"^name, version (\d+)$"), N_("name, version {0}")),
    (re.compile(r"^letter (\w+)$"), N_("letter: {0}")),
)


def detail_label(detail: str) -> str:
    """An audit entry's detail in the reader's language (values such as logins, numbers
    and dates as stored)."""
    if detail in DETAIL_LABELS:
        return _(DETAIL_LABELS[detail])
    if match := ROLE_CHANGE.match(detail):
        return _role_change_label(match)
    # a password reset's confirmation or its refusal, else a phrase and a value
    return _reason_label(detail, DETAIL_PATTERNS)


def action_label(code: str) -> str:
    return _(ACTION_LABELS[code]) if code in ACTION_LABELS else code


def entity_label(code: str) -> str:
    return _(ENTITY_LABELS[code]) if code in ENTITY_LABELS else code
