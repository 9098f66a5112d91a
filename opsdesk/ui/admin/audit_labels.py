"""Words for the codes stored in audit entries (what happened, to what). A code without a
word here is shown as it is stored."""

from __future__ import annotations

import re

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
    "backup": N_("Backup made"),
    "retention_preview": N_("Anonymisation previewed"),
    "anonymise": N_("Anonymised"),
    "register": N_("Visit registered"),
    "call": N_("Call to the desk"),
    "recall": N_("Called again"),
    "start": N_("Service started"),
    "finish": N_("Service finished"),
    "redirect": N_("Redirected"),
}

ENTITY_LABELS = {
    "staff": N_("Staff account"),
    "office": N_("Office profile"),
    "team": N_("Team"),
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
    "letter_template": N_("Letter template"),
    "case_letter": N_("Letter"),
}


# details stored in English by the services, as fixed phrases or a phrase and a value
DETAIL_LABELS = {
    "referral slip": N_("referral slip"),
    "GDPR report": N_("GDPR report"),
    "psychologist bookings": N_("psychologist bookings"),
    "booking": N_("booking"),
    "first run": N_("first run"),
    "duty hours": N_("duty hours"),
    "flags": N_("flags"),
    "left household": N_("left the household"),
    "left household (retention)": N_("left the household (retention)"),
    "gdpr information": N_("the GDPR report's information texts"),
}

DETAIL_PATTERNS = (
    (re.compile(r"^hour sheet (\d{4})-(\d{2})$"), N_("hour sheet {1}.{0}")),
    (re.compile(r"^attendance (\d{4})-(\d{2})$"), N_("attendance list {1}.{0}")),
    (re.compile(r"^hours summary (.+)$"), N_("hours summary {0}")),
    (re.compile(r"^week (\d{4})-(\d{2})-(\d{2})$"), N_("week from {2}.{1}.{0}")),
    (re.compile(r"^status (.+)$"), N_("status {0}")),
    (re.compile(r"^worker (\d+)$"), N_("worker {0}")),
    (re.compile(r"^household (\d+)$"), N_("household {0}")),
    (re.compile(r"^case (\d+)$"), N_("case {0}")),
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
    for pattern, text in DETAIL_PATTERNS:
        if match := pattern.match(detail):
            return _(text).format(*match.groups())
    return detail


def action_label(code: str) -> str:
    return _(ACTION_LABELS[code]) if code in ACTION_LABELS else code


def entity_label(code: str) -> str:
    return _(ENTITY_LABELS[code]) if code in ENTITY_LABELS else code
