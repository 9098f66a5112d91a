"""The budget of a contract's month and project, always in view while sessions are entered;
with a session being entered, also what it does to the budget."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QLabel, QMessageBox, QProgressBar, QVBoxLayout, QWidget

from opsdesk.domain.hours import Budget, BudgetCheck, BudgetLevel
from opsdesk.i18n import _
from opsdesk.printing.formatting import month_label
from opsdesk.services.hours.records import BudgetView
from opsdesk.ui.hours.controls import hours_text

WARNING_STYLE = "color: #a00000; font-weight: 600;"
OK_STYLE = "color: #1d5e20;"

# the one place the colours of a budget's state are set: the bar's fill and its text
LEVEL_COLOURS = {
    BudgetLevel.OK: "#7cc47f",
    BudgetLevel.NEAR: "#e0a800",
    BudgetLevel.FULL: "#b34700",
    BudgetLevel.OVER: "#b00020",
}

# light tints of the same states, behind a table cell's dark text
LEVEL_TINTS = {
    BudgetLevel.NEAR: "#fff1c2",
    BudgetLevel.FULL: "#ffdcc2",
    BudgetLevel.OVER: "#f9d0d6",
}


def percent_text(budget: Budget) -> str:
    share = budget.committed_share
    return "∞" if share == float("inf") else f"{round(share * 100)}%"


def level_bar_style(level: BudgetLevel) -> str:
    # full and over fill the whole bar: white text on the dark fill, black otherwise
    text = "#ffffff" if level in (BudgetLevel.FULL, BudgetLevel.OVER) else "#000000"
    return (
        "QProgressBar { border: 1px solid #8a8a8a; border-radius: 3px; text-align: center;"
        f" color: {text}; background: #f4f4f4; font-weight: 600; }}"
        f" QProgressBar::chunk {{ background: {LEVEL_COLOURS[level]}; }}"
    )


def show_level(bar: QProgressBar, budget: Budget) -> None:
    """Fill ``bar`` with held and booked time against ``budget``; its colour and its text
    (share and state in words, so colour is never the only sign) follow the alert level."""
    level = budget.level
    bar.setMaximum(max(budget.budget, 1))
    bar.setValue(min(budget.committed, budget.budget))
    bar.setFormat(f"{percent_text(budget)} · {level.label}")
    bar.setStyleSheet(level_bar_style(level))
    bar.setProperty("level", level.value)
    bar.setAccessibleDescription(bar.format())


def confirm_booking_over_budget(parent: QWidget, message: str) -> bool:
    """Ask whether to book although the booking takes the month over its budget."""
    answer = QMessageBox.question(
        parent,
        _("Over the month's budget"),
        message + "\n\n" + _("Book anyway? The manager will see the month over its budget."),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


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
        self.bar.setAccessibleName(_("Share of the month's budget held or booked"))
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

    def show_budget(self, view: BudgetView | None, waiting: str = "") -> None:
        """``view``'s budget; with none, ``waiting`` (what is being loaded) or the advice to
        choose a contract."""
        self.view = view
        if view is None:
            self.month_line.setText(waiting or _("Choose a contract to see its budget."))
            self.month_line.setStyleSheet("")
            self.project_line.clear()
            self.bar.setValue(0)
            self.bar.setFormat("")
            return
        month = view.month_budget
        text = _("{month}: {used} of {budget} used, {remaining} left.").format(
            month=month_label(*view.month),
            used=hours_text(month.used),
            budget=hours_text(month.budget),
            remaining=hours_text(max(month.remaining, 0)),
        )
        if month.exceeded_by:
            text = _("{month}: {used} of {budget} used, over by {over}.").format(
                month=month_label(*view.month),
                used=hours_text(month.used),
                budget=hours_text(month.budget),
                over=hours_text(month.exceeded_by),
            )
        if month.planned:
            text += " " + _("Booked and not yet held: {planned}.").format(
                planned=hours_text(month.planned)
            )
        self.month_line.setText(text)
        self.month_line.setStyleSheet(
            WARNING_STYLE if month.level in (BudgetLevel.FULL, BudgetLevel.OVER) else ""
        )
        show_level(self.bar, month)
        project = view.project
        label = (
            _("Project to the month's end")
            if view.project_limited
            else _("Contract to the month's end (no project limit)")
        )
        self.project_line.setText(
            _("{label}: {used} of {budget} used, {remaining} left.").format(
                label=label,
                used=hours_text(project.used),
                budget=hours_text(project.budget),
                remaining=hours_text(project.remaining),
            )
        )

    def show_check(self, check: BudgetCheck | None) -> None:
        """What the session being entered would do (None hides the line)."""
        if check is None or check.minutes <= 0:
            self.after_line.hide()
            return
        after = check.month_after
        if check.exceeds_month:
            text = _(
                "With this session the month's budget is exceeded by {over}: the manager "
                "must confirm it."
            ).format(over=hours_text(after.exceeded_by))
        elif check.exceeds_project:
            assert check.project_after is not None, "a project's budget is exceeded only with one"
            text = _(
                "With this session the project's budget is exceeded by {over}: the "
                "manager must confirm it."
            ).format(over=hours_text(check.project_after.exceeded_by))
        else:
            text = _("After this session {remaining} of the month's budget are left.").format(
                remaining=hours_text(after.remaining)
            )
        self.after_line.setText(text)
        self.after_line.setStyleSheet(WARNING_STYLE if check.needs_approval else OK_STYLE)
        self.after_line.show()

    def summary_text(self) -> str:
        """Everything shown, as one text (for tests and screen readers)."""
        parts = [self.month_line.text(), self.project_line.text()]
        if self.after_line.isVisibleTo(self):
            parts.append(self.after_line.text())
        return "\n".join(p for p in parts if p)
