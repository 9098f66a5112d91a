"""The audit log reads in Polish: every event code the services record has a Polish word,
and the fixed details the services write are shown in Polish."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import opsdesk
from opsdesk.domain.queue import QueueAction
from opsdesk.i18n import set_language
from opsdesk.ui.admin.audit_labels import ACTION_LABELS, action_label, detail_label

PACKAGE = Path(opsdesk.__file__).parent


def recorded_codes() -> tuple[set[str], set[str]]:
    """Literal action codes and literal details of every ``audit.record(...)`` call."""
    actions, details = set(), set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "record"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "audit"
            ):
                continue
            for arg in node.args[2:3]:
                for value in ast.walk(arg):
                    if isinstance(value, ast.Constant) and isinstance(value.value, str):
                        actions.add(value.value)
            if len(node.args) > 5 and isinstance(node.args[5], ast.Constant):
                details.add(node.args[5].value)
    return actions, details


@pytest.fixture
def polish():
    set_language("pl")
    yield
    set_language("pl")


def test_every_recorded_event_has_a_polish_word(polish):
    actions, _details = recorded_codes()
    actions |= {a.value for a in QueueAction}
    assert "logout" in actions
    assert sorted(actions - set(ACTION_LABELS)) == []
    assert action_label("logout") == "Wylogowanie"


def test_fixed_details_read_in_polish(polish):
    _actions, details = recorded_codes()
    assert {"referral slip", "GDPR report"} <= details
    untranslated = sorted(d for d in details if d and detail_label(d) == d)
    assert untranslated == []
    assert detail_label("referral slip") == "karta skierowania"
    assert detail_label("GDPR report") == "raport RODO"
    assert detail_label("hour sheet 2026-03") == "ewidencja godzin 03.2026"
    assert detail_label("week 2026-11-30") == "tydzień od 30.11.2026"
    assert detail_label("3/PS/2026") == "3/PS/2026"  # values stay as stored


def test_changes_of_roles_read_in_polish(polish):
    assert (
        detail_label("recepcja: +manager -clerk; confirmed by kierownik")
        == "recepcja: +Kierownik, \u2212Pierwszy kontakt; potwierdził(a): kierownik"
    )
    assert detail_label("admin: +manager; own roles") == "admin: +Kierownik; nadanie samemu sobie"
    assert action_label("role_change_refused") == "Odmowa zmiany ról"
