"""The budget of a contract's month and project, always in view while sessions are entered;
with a session being entered, also what it does to the budget."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QLabel, QProgressBar, QVBoxLayout

from opsdesk.domain.hours import BudgetCheck
from opsdesk.i18n import _
from opsdesk.printing.formatting import month_label
from opsdesk.services.hours.records import BudgetView
from opsdesk.ui.hours.controls import hours_text

WARNING_STYLE = "color: #a00000; font-weight: 600;"
OK_STYLE = "color: #1d5e20;"


class BudgetPanel(QGroupBox):
    def __init__(self, parent=None):
        super().__init__(_("Hour budget"), parent)
        self.setObjectName("budgetPanel")
        self.month_line = QLabel()
        self.month_line.setObjectName("monthBudget")
        self.month_line.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setObjectName("monthBar")
        self.bar.setTextVisible(True)
        self.bar.setAccessibleName(_("Share of the month's budget used"))
        self.project_line = QLabel()
        self.project_line.setObjectName("projectBudget")
        self.project_line.setWordWrap(True)
        self.after_line = QLabel()
        self.after_line.setObjectName("afterSession")
        self.after_line.setWordWrap(True)
        self.after_line.hide()
        layout = QVBoxLayout(self)
        for widget in (self.month_line, self.bar, self.project_line, self.after_line):
            layout.addWidget(widget)
        self.view: BudgetView | None = None

    def show_budget(self, view: BudgetView | None) -> None:
        self.view = view
        if view is None:
            self.month_line.setText(_("Choose a contract to see its budget."))
            self.project_line.clear()
            self.bar.setValue(0)
            return
        month = view.month_budget
        text = _("{month}: {used} of {budget} used, {remaining} left.").format(
            month=month_label(*view.month), used=hours_text(month.used),
            budget=hours_text(month.budget), remaining=hours_text(max(month.remaining, 0)))
        if month.exceeded_by:
            text = _("{month}: {used} of {budget} used, over by {over}.").format(
                month=month_label(*view.month), used=hours_text(month.used),
                budget=hours_text(month.budget), over=hours_text(month.exceeded_by))
        if month.planned:
            text += " " + _("Booked and not yet held: {planned}.").format(
                planned=hours_text(month.planned))
        self.month_line.setText(text)
        self.month_line.setStyleSheet(WARNING_STYLE if month.exceeded_by else "")
        self.bar.setMaximum(max(month.budget, 1))
        self.bar.setValue(min(month.used, month.budget))
        self.bar.setFormat(f"{round(month.share * 100)}%")
        project = view.project
        label = (_("Project to the month's end") if view.project_limited
                 else _("Contract to the month's end (no project limit)"))
        self.project_line.setText(_("{label}: {used} of {budget} used, {remaining} left.").format(
            label=label, used=hours_text(project.used), budget=hours_text(project.budget),
            remaining=hours_text(project.remaining)))

    def show_check(self, check: BudgetCheck | None) -> None:
        """What the session being entered would do (None hides the line)."""
        if check is None or check.minutes <= 0:
            self.after_line.hide()
            return
        after = check.month_after
        if check.exceeds_month:
            text = _("With this session the month's budget is exceeded by {over}: the manager "
                     "must confirm it.").format(over=hours_text(after.exceeded_by))
        elif check.exceeds_project:
            text = _("With this session the project's budget is exceeded by {over}: the "
                     "manager must confirm it.").format(
                over=hours_text(check.project_after.exceeded_by))
        else:
            text = _("After this session {remaining} of the month's budget are left.").format(
                remaining=hours_text(after.remaining))
        self.after_line.setText(text)
        self.after_line.setStyleSheet(WARNING_STYLE if check.needs_approval else OK_STYLE)
        self.after_line.show()

    def summary_text(self) -> str:
        """Everything shown, as one text (for tests and screen readers)."""
        parts = [self.month_line.text(), self.project_line.text()]
        if self.after_line.isVisibleTo(self):
            parts.append(self.after_line.text())
        return "\n".join(p for p in parts if p)
