"""The "Cele wizyty" tab: a purpose typed in the dialog (a bad one refused under its field) is
offered last at the desk, moves up the list, and is switched off after a question."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from typing_keys import type_text
from waiting import operations_done

from opsdesk.domain.roles import Role
from opsdesk.ui.table_models import RECORD_ROLE

pytestmark = pytest.mark.usefixtures("message_boxes")


@pytest.fixture
def purposes_tab(qtbot, office, admin_section):
    tab = admin_section(office).open_tab("purposes")
    operations_done(qtbot)  # the list is read off the GUI thread
    return tab


def click(qtbot, button):
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    operations_done(qtbot)


def shown(tab) -> list[str]:
    return [tab.proxy.index(r, 1).data() for r in range(tab.proxy.rowCount())]


def test_a_purpose_typed_in_the_dialog_is_offered_at_the_desk_and_moved_up(
    qtbot, office, purposes_tab, make_person
):
    clerk = make_person(Role.CLERK, "first_contact")
    click(qtbot, purposes_tab.new_button)
    operations_done(qtbot)  # the teams are read before the dialog opens
    dialog = purposes_tab.dialog
    offered = [dialog.team.itemText(i) for i in range(dialog.team.count())]
    assert offered == [
        "(brak: o zespole decyduje punkt pierwszego kontaktu)",
        "Pierwszy kontakt",
        "Zespół świadczeń",
        "Zespół pracy socjalnej i usług",
    ]
    click(qtbot, dialog.ok_button)
    assert dialog.errors.messages() == {"name": "Wpisz nazwę celu."}

    type_text(qtbot, dialog.name, "Karta Dużej Rodziny")
    dialog.team.setCurrentIndex(dialog.team.findText("Zespół świadczeń"))
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    operations_done(qtbot)
    row = purposes_tab.view.currentIndex().row()
    assert [purposes_tab.proxy.index(row, c).data() for c in range(4)] == [
        str(row + 1),
        "Karta Dużej Rodziny",
        "Aktywny",
        "Zespół świadczeń",
    ]
    assert [p.name for p in clerk.reception.purposes()][-1] == "Karta Dużej Rodziny"

    click(qtbot, purposes_tab.up_button)
    assert shown(purposes_tab)[row - 1] == "Karta Dużej Rodziny"
    assert purposes_tab.current().name == "Karta Dużej Rodziny"  # still the chosen one
    assert [p.name for p in clerk.reception.purposes()][-2] == "Karta Dużej Rodziny"


def test_a_purpose_is_switched_off_after_a_question(qtbot, office, purposes_tab, monkeypatch):
    asked = []
    monkeypatch.setattr(purposes_tab, "confirm", lambda *args: asked.append(args) or True)
    purposes_tab.view.selectRow(0)
    first = purposes_tab.view.currentIndex().data(RECORD_ROLE)
    click(qtbot, purposes_tab.switch.button)
    assert asked[0][0] == "Wyłączenie celu wizyty"
    assert first.name in asked[0][1]
    assert not next(p for p in office.purposes.list() if p.id == first.id).active
    assert purposes_tab.current().id == first.id  # kept in sight, greyed
    assert purposes_tab.switch.button.text() == "Włącz &ponownie"
