"""Showing a service's per-field validation messages next to the fields of a form.

    errors = FieldErrors(dialog)
    errors.attach("login", login_edit, form_layout)   # a red label appears under the field
    try: service.create(...)
    except ValidationError as e: errors.show(e.errors)  # focuses the first bad field

Messages for fields that were not attached are shown in a general label at the top
(``general_label``), which the form places itself if it wants one.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

ERROR_STYLE = "color: #a00000; font-weight: 600;"


class FieldErrors:
    def __init__(self, parent: QWidget):
        self.parent = parent
        self._labels: dict[str, QLabel] = {}
        self._widgets: dict[str, QWidget] = {}
        self._order: list[str] = []
        self._forms: dict[str, QFormLayout] = {}
        self.general_label = QLabel(parent)
        self.general_label.setObjectName("error_general")
        self.general_label.setStyleSheet(ERROR_STYLE)
        self.general_label.setWordWrap(True)
        self.general_label.hide()

    def attach(self, name: str, widget: QWidget, form: QFormLayout | None = None) -> QLabel:
        """Add a hidden error label under ``widget`` (in ``form``'s next row, when given)."""
        label = QLabel(self.parent)
        label.setObjectName(f"error_{name}")
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.hide()
        if form is not None:
            row, _role = form.getWidgetPosition(widget)
            if row < 0:
                form.addRow("", label)
            else:
                form.insertRow(row + 1, "", label)
            self._forms[name] = form
            form.setRowVisible(label, False)
        self._labels[name] = label
        self._widgets[name] = widget
        self._order.append(name)
        return label

    def label(self, name: str) -> QLabel:
        return self._labels[name]

    def clear(self) -> None:
        for name, label in self._labels.items():
            label.clear()
            self._set_visible(name, False)
        self.general_label.clear()
        self.general_label.hide()

    def show(self, errors: dict[str, str]) -> None:
        self.clear()
        general = []
        for name, message in errors.items():
            label = self._labels.get(name)
            if label is None:
                general.append(message)
            else:
                label.setText(message)
                self._set_visible(name, True)
                self._widgets[name].setAccessibleDescription(message)
        if general:
            self.general_label.setText("\n".join(general))
            self.general_label.show()
        for name in self._order:
            if name in errors:
                self._widgets[name].setFocus()
                break

    def _set_visible(self, name: str, visible: bool) -> None:
        form = self._forms.get(name)
        if form is not None:
            form.setRowVisible(self._labels[name], visible)
        else:
            self._labels[name].setVisible(visible)

    def messages(self) -> dict[str, str]:
        """What is shown now, by field (for tests and screen readers)."""
        return {n: lbl.text() for n, lbl in self._labels.items() if lbl.text()}
