"""The case dialog's "Odwołania" tab: an appeal recorded, its 7-day forwarding deadline shown
(red once overdue), forwarded and ended through the dialogs."""

from datetime import date, datetime

from case_office import fill_board
from waiting import operations_done

from opsdesk.ui.boards.case_dialog import CaseDialog, load_case
from opsdesk.ui.boards.column_model import due_lines


def test_an_appeal_through_the_tab(qtbot, world):
    decided = fill_board(world)["decided"]
    world.clock.moment = datetime(2026, 3, 31, 9, 0)
    dialog = CaseDialog(
        world.as_("anna"), decided, view=load_case(world.as_("anna"), decided, True)
    )
    qtbot.addWidget(dialog)
    dialog.show()
    panel = dialog.appeals
    assert "Od decyzji nie zapisano odwołania." in panel.view.toPlainText()
    assert panel.lodge_button.isEnabled() and not panel.forward_button.isEnabled()

    def lodge(step):
        step.date.setDate(date(2026, 3, 23))
        step.reason.setText("strona kwestionuje wysokość")
        step.save()
        operations_done(qtbot)
        return step.result()

    panel.exec_dialog = lodge
    panel.lodge()
    operations_done(qtbot)
    text = panel.view.toPlainText()
    assert "Odwołanie wniesione 23.03.2026" in text
    assert "do przekazania do SKO do 30.03.2026 (art. 133 KPA) — po terminie" in text
    assert "Wniesienie odwołania" in dialog.timeline.toPlainText()
    # the board's card says what is due: the forwarding, overdue since Monday
    team, column = world.teams["benefits"], world.statuses["benefits"]["decided"]
    [card] = [c for c in world.as_("anna").boards.page(team, column) if c.id == decided]
    assert due_lines(card, date(2026, 3, 31)) == (
        "przekazanie odwołania do SKO",
        "30.03.2026 · 1 dz. rob. po terminie",
    )

    def forward(step):
        step.save()
        operations_done(qtbot)
        return step.result()

    panel.exec_dialog = forward
    panel.forward()
    operations_done(qtbot)
    assert "przekazane do SKO 31.03.2026" in panel.view.toPlainText()

    def settle(form):
        form.outcome.setCurrentIndex(0)
        form.save()
        operations_done(qtbot)
        return form.result()

    panel.exec_dialog = settle
    panel.settle()
    operations_done(qtbot)
    assert "Kolegium utrzymało decyzję w mocy" in panel.view.toPlainText()
    assert not panel.settle_button.isEnabled()


def test_a_case_without_a_decision_cannot_take_an_appeal(qtbot, world):
    fresh = fill_board(world)["fresh"]
    dialog = CaseDialog(
        world.as_("bartosz"), fresh, view=load_case(world.as_("bartosz"), fresh, True)
    )
    qtbot.addWidget(dialog)
    assert not dialog.appeals.lodge_button.isEnabled()
