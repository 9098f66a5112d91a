"""Showing a service's per-field validation messages next to the fields of a form.

    errors = FieldErrors(dialog)
    errors.attach("login", login_edit, form_layout)   # a red label appears under the field
    errors.attach_all({"email": email_edit, "phone": phone_edit}, form_layout)
    layout.addWidget(errors.general_label)             # messages of fields not attached
    try:
        service.create(...)
    except ServiceError as error:
        errors.report(error)   # ValidationError: next to the fields (first bad one focused);
        return                 # any other ServiceError: a message box

``attach`` places the label itself when given the layout holding the field: a QFormLayout
(a new row under the field's row; the field may sit in a nested layout of that row) or a
QBoxLayout (right after the field). Without a layout the caller places ``label(name)``.
Messages for fields that were not attached (keys such as "general" or "") are shown in
``general_label``, which the form places itself if it wants one.

A field widget that shows its own messages (``DateEdit``: ``field_name`` and ``show_error``)
is told its field's name and gets the message itself, in place of the separate label.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QFormLayout,
    QLabel,
    QLayout,
    QMessageBox,
    QWidget,
)

from opsdesk.errors import ServiceError, ValidationError
from opsdesk.i18n import _

# dark red on the default light background: contrast ~8:1 (WCAG AA needs 4.5:1)
ERROR_STYLE = "color: #a00000; font-weight: 600;"


def show_service_error(
    parent: QWidget | None, error: ServiceError | str, title: str | None = None
) -> None:
    """A service's refusal (already a complete Polish sentence) that no field of the screen
    can hold, in a warning box over ``parent``'s window, titled ``title`` or as that window:
    the one way every screen shows it (``ui/operation.py`` shows a call's refusal so)."""
    window = parent.window() if parent is not None else None
    fallback = window.windowTitle() if window is not None else ""
    QMessageBox.warning(window, title or fallback or _("opsdesk"), str(error))


def _contains(layout: QLayout, widget: QWidget) -> bool:
    """Whether ``widget`` sits anywhere inside ``layout`` (nested layouts included)."""
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item is None:
            continue
        if item.widget() is widget:
            return True
        inner = item.layout()
        if inner is not None and _contains(inner, widget):
            return True
    return False


def _form_row(form: QFormLayout, widget: QWidget) -> int:
    # PySide6's stub says object; Qt returns (row, role)
    position = cast(tuple[int, QFormLayout.ItemRole], form.getWidgetPosition(widget))
    if position[0] >= 0:
        return position[0]
    for row in range(form.rowCount()):
        for role in (QFormLayout.ItemRole.FieldRole, QFormLayout.ItemRole.SpanningRole):
            item = form.itemAt(row, role)
            inner = item.layout() if item is not None else None
            if inner is not None and _contains(inner, widget):
                return row
    return -1


def _box_index(box: QBoxLayout, widget: QWidget) -> int:
    for i in range(box.count()):
        item = box.itemAt(i)
        if item is None:
            continue
        inner = item.layout()
        if item.widget() is widget or (inner is not None and _contains(inner, widget)):
            return i
    return -1


class FieldErrors:
    """The red messages of one form, by field name."""

    def __init__(self, parent: QWidget):
        self.parent = parent
        self._labels: dict[str, QLabel] = {}
        self._widgets: dict[str, QWidget] = {}
        self._descriptions: dict[str, str] = {}  # a field's own accessible description
        self._order: list[str] = []
        self._forms: dict[str, QFormLayout] = {}
        self.general_label = self._new_label("error_general")

    def _new_label(self, object_name: str) -> QLabel:
        label = QLabel(self.parent)
        label.setObjectName(object_name)
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        label.hide()
        return label

    def attach(self, name: str, widget: QWidget, form: QLayout | None = None) -> QLabel:
        """Add a hidden error label for field ``name`` shown by ``widget``; placed under the
        field when ``form`` (a QFormLayout or QBoxLayout holding it) is given."""
        label = self._new_label(f"error_{name}")
        if self._shows_own(widget):
            widget.field_name = name  # type: ignore[attr-defined]
            form = None  # the label only keeps the text; the field shows it
        if isinstance(form, QFormLayout):
            row = _form_row(form, widget)
            if row < 0:
                form.addRow("", label)
            else:
                form.insertRow(row + 1, "", label)
            self._forms[name] = form
            form.setRowVisible(label, False)
        elif isinstance(form, QBoxLayout):
            index = _box_index(form, widget)
            form.insertWidget(index + 1 if index >= 0 else form.count(), label)
        self._labels[name] = label
        self._widgets[name] = widget
        self._descriptions[name] = widget.accessibleDescription()
        self._order.append(name)
        return label

    @staticmethod
    def _shows_own(widget: QWidget) -> bool:
        return hasattr(widget, "show_error") and hasattr(widget, "field_name")

    def attach_all(self, fields: Mapping[str, QWidget], form: QLayout | None = None) -> None:
        for name, widget in fields.items():
            self.attach(name, widget, form)

    def label(self, name: str) -> QLabel:
        return self._labels[name]

    def clear(self) -> None:
        for name, label in self._labels.items():
            label.clear()
            self._set_visible(name, False)
            widget = self._widgets[name]
            if self._shows_own(widget):
                widget.show_error("")  # type: ignore[attr-defined]
            else:
                widget.setAccessibleDescription(self._descriptions[name])
        self.general_label.clear()
        self.general_label.hide()

    def show(self, errors: Mapping[str, str]) -> None:
        """Show ``errors`` (field name -> message); focus the first bad field (in the order
        the fields were attached)."""
        self.clear()
        general = []
        for name, message in errors.items():
            label = self._labels.get(name)
            if label is None:
                general.append(message)
            else:
                label.setText(message)
                widget = self._widgets[name]
                if self._shows_own(widget):
                    widget.show_error(message)  # type: ignore[attr-defined]
                    continue
                label.setWordWrap(self._needs_wrap(name, message))
                self._set_visible(name, True)
                widget.setAccessibleDescription(message)
        if general:
            self.general_label.setText("\n".join(general))
            self.general_label.show()
        for name in self._order:
            if name in errors:
                self._widgets[name].setFocus()
                break
        self._fit_window()

    def _needs_wrap(self, name: str, message: str) -> bool:
        """Wrap only messages wider than their field: a wrapping label is given room for
        several lines by some layouts (a gap under a one-line message)."""
        label, widget = self._labels[name], self._widgets[name]
        label.ensurePolished()
        form = self._forms.get(name)
        if form is not None and form.geometry().isValid():  # the field column, to the right
            width = form.geometry().right() - widget.geometry().left()
        else:
            width = max(widget.width(), label.width() if label.isVisible() else 0)
        return label.fontMetrics().horizontalAdvance(message) > width

    def _fit_window(self) -> None:
        """Grow the dialog holding the form so the new messages do not squeeze its fields."""
        window = self.parent.window()
        layout = window.layout()
        if (
            not isinstance(window, QDialog)
            or layout is None
            or not window.isVisible()
            or window.isMaximized()
        ):
            return
        layout.activate()
        if layout.hasHeightForWidth():
            needed = layout.totalHeightForWidth(window.width())
        else:
            needed = layout.totalSizeHint().height()
        if needed > window.height():
            window.resize(window.width(), needed)

    def show_refusal(self, error: ServiceError) -> None:
        """A service's refusal inside the form: a ValidationError next to its fields, any
        other refusal on the general message line."""
        if isinstance(error, ValidationError):
            self.show(error.errors)
        else:
            self.show({"": str(error)})

    def report(self, error: ServiceError, title: str | None = None) -> None:
        """A ValidationError next to its fields; any other service error in a message box."""
        if isinstance(error, ValidationError):
            self.show(error.errors)
        else:
            self.clear()
            show_service_error(self.parent, error, title)

    def _set_visible(self, name: str, visible: bool) -> None:
        form = self._forms.get(name)
        if form is not None:
            form.setRowVisible(self._labels[name], visible)
        else:
            self._labels[name].setVisible(visible)

    def messages(self) -> dict[str, str]:
        """What is shown now, by field (for tests and screen readers)."""
        return {n: lbl.text() for n, lbl in self._labels.items() if lbl.text()}

    def general_message(self) -> str:
        """What ``general_label`` shows now (messages of fields not attached)."""
        return self.general_label.text()
