"""Administration, audit log: "who saw this person's data" — the manager finds the client,
sees who opened, printed or listed their data, when and where, and prints it (issue 19,
item 5)."""

from __future__ import annotations

import os

import pytest
from pdf_text import all_text
from PySide6.QtCore import Qt
from typing_keys import type_text
from waiting import operations_done

from opsdesk.ui.printing.preview_dialog import DocumentPreviewDialog

SHOTS = os.environ.get("OPSDESK_TEST_SHOTS")  # a folder: save what the person sees as PNGs


pytestmark = pytest.mark.usefixtures("message_boxes")


def table(dialog) -> list[list[str]]:
    proxy = dialog.proxy
    return [
        [proxy.index(r, c).data() for c in range(proxy.columnCount())]
        for r in range(proxy.rowCount())
    ]


def test_only_the_manager_has_the_button(hours, admin_section):
    assert admin_section(hours.manager).open_tab("audit").who_saw_button is not None
    assert admin_section(hours.admin).open_tab("audit").who_saw_button is None


def test_the_manager_finds_the_person_sees_who_saw_them_and_prints_it(
    qtbot, hours, admin_section, message_boxes
):
    lukasz = hours.clients["lukasz"].id
    hours.clerk.clients.search("Kowalski")
    hours.clerk.clients.get(lukasz)
    section = admin_section(hours.manager)
    section.resize(1366, 768)
    tab = section.open_tab("audit")
    qtbot.mouseClick(tab.who_saw_button, Qt.MouseButton.LeftButton)
    dialog = tab.who_saw_dialog
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Kto widział dane osoby"
    qtbot.mouseClick(dialog.show_button, Qt.MouseButton.LeftButton)
    assert dialog.errors.messages() == {"client": "Wyszukaj osobę i wybierz ją z listy."}
    type_text(qtbot, dialog.search, "kowalski")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    operations_done(qtbot)
    assert dialog.matches_model.rowCount() == 1
    qtbot.keyClick(dialog.matches, Qt.Key.Key_Return)  # Enter on the match shows the list
    operations_done(qtbot)
    shown = table(dialog)
    assert shown[0][1:] == [
        "Jolanta Świątek (kierownik)",
        "wgląd",
        "kto widział dane osoby",
        "dane klienta",
    ]
    assert ["Beata Kłos (recepcja)", "wgląd", "kartoteka klienta", "dane klienta"] in [
        row[1:] for row in shown
    ]
    assert [
        "Beata Kłos (recepcja)",
        "wyświetlenie na liście",
        "wyszukiwanie klientów: „Kowalski”",
        "dane klienta",
    ] in [row[1:] for row in shown]
    assert dialog.count_label.text().startswith("Łukasz Kowalski (")
    if SHOTS:
        scale = os.environ.get("QT_SCALE_FACTOR", "1")
        dialog.grab().save(os.path.join(SHOTS, f"who_saw_{scale}.png"))
        section.grab().save(os.path.join(SHOTS, f"audit_tab_{scale}.png"))

    job = dialog.print_report()
    with qtbot.waitSignal(job.finished, timeout=30_000) as blocker:
        pass
    qtbot.waitUntil(lambda: dialog.findChild(DocumentPreviewDialog) is not None)
    text = all_text(blocker.args[0])
    assert "Kto widział dane osoby" in text and "Beata Kłos (recepcja)" in text
    made = [
        e.action
        for e in hours.manager.audit.entries(entity="client", entity_id=lukasz)
        if e.detail == "who saw report"
    ]
    assert made == ["print", "read"]
    assert message_boxes == []
