"""The Teams tab switches a team off after a question (greyed, "Wyłączony", then hidden unless
asked for), says why one still needed stays on, and switches it on again without a question."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from waiting import operations_done

from opsdesk.domain.roles import Role
from opsdesk.ui.table_models import RECORD_ROLE

pytestmark = pytest.mark.usefixtures("message_boxes")


@pytest.fixture
def teams_tab(qtbot, office, admin_section):
    tab = admin_section(office).open_tab("teams")
    operations_done(qtbot)  # the list is read off the GUI thread
    return tab


def choose(tab, kind: str) -> int:
    for row in range(tab.proxy.rowCount()):
        if tab.proxy.index(row, 0).data(RECORD_ROLE).kind == kind:
            tab.view.selectRow(row)
            return row
    raise AssertionError(f"no {kind} team shown")


def shown_kinds(tab) -> list[str]:
    return [tab.proxy.index(r, 0).data(RECORD_ROLE).kind for r in range(tab.proxy.rowCount())]


def click(qtbot, button):
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    operations_done(qtbot)


def test_a_team_is_switched_off_greyed_and_switched_on_again(qtbot, office, teams_tab, monkeypatch):
    asked = []
    monkeypatch.setattr(teams_tab, "confirm", lambda *args: asked.append(args) or True)
    row = choose(teams_tab, "benefits")
    assert teams_tab.proxy.index(row, 2).data() == "Aktywny"
    assert teams_tab.switch.button.text() == "W&yłącz"

    click(qtbot, teams_tab.switch.button)

    title, question, action = asked[0]
    assert (title, action) == ("Wyłączenie zespołu", "W&yłącz")
    assert question.startswith("Wyłączyć zespół „Zespół świadczeń”?")
    row = teams_tab.view.currentIndex().row()
    assert teams_tab.proxy.index(row, 2).data() == "Wyłączony"
    assert teams_tab.proxy.index(row, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert teams_tab.switch.button.text() == "Włącz &ponownie"
    assert not next(t for t in office.teams.list() if t.kind == "benefits").active

    teams_tab.switch.show_inactive.setChecked(False)
    assert "benefits" not in shown_kinds(teams_tab)
    teams_tab.switch.show_inactive.setChecked(True)
    choose(teams_tab, "benefits")
    click(qtbot, teams_tab.switch.button)
    assert len(asked) == 1  # switching on needs no question
    assert next(t for t in office.teams.list() if t.kind == "benefits").active


def test_a_team_still_needed_stays_on_and_the_box_says_why(
    qtbot, office, teams_tab, make_person, message_boxes, monkeypatch
):
    make_person(Role.SOCIAL_WORKER, "benefits", login="anna", full_name="Anna Łęcka")
    monkeypatch.setattr(teams_tab, "confirm", lambda *args: True)
    choose(teams_tab, "benefits")
    click(qtbot, teams_tab.switch.button)
    assert message_boxes == [
        "Zespołu „Zespół świadczeń” nie można jeszcze wyłączyć:\n"
        "• Jego członkowie: Anna Łęcka. Najpierw przenieś ich do innego zespołu."
    ]
    assert next(t for t in office.teams.list() if t.kind == "benefits").active


def test_the_account_dialog_offers_no_team_switched_off(qtbot, office, admin_section):
    benefits = next(t for t in office.teams.list() if t.kind == "benefits")
    office.teams.set_active(benefits.id, False)
    staff_tab = admin_section(office).open_tab("staff")
    operations_done(qtbot)
    staff_tab.add()
    operations_done(qtbot)
    offered = [staff_tab.dialog.team.itemText(i) for i in range(staff_tab.dialog.team.count())]
    assert benefits.name not in offered
    assert offered == ["(bez zespołu)", "Pierwszy kontakt", "Zespół pracy socjalnej i usług"]
