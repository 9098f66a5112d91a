"""The "Letter templates" tab (Szablony pism; the manager and the administrator).

The templates on the left (name, kind, version; withdrawn ones greyed); on the right the chosen
template's name, title and text, checked as they are typed: a problem (an unknown placeholder,
an unclosed brace) is shown under its field with its line and column, and the place is marked
in the text. The fields the kind of letter may use are listed beside the text; Enter or a
double click puts the chosen one where the cursor is. "Save" adds a new version (letters
printed before keep theirs), "Preview" prints the letter with made-up data, "Restore the
shipped text" saves opsdesk's own text again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.formatting import format_datetime
from opsdesk.domain.letter_templates import Place, problems
from opsdesk.domain.letters import KINDS
from opsdesk.errors import ServiceError, ValidationError
from opsdesk.i18n import _
from opsdesk.services.letters.records import (
    KindRecord,
    LetterDocument,
    TemplateInput,
    TemplateRecord,
)
from opsdesk.ui.form_dialog import FormDialog
from opsdesk.ui.forms import FieldErrors, show_service_error
from opsdesk.ui.operation import run_operation

if TYPE_CHECKING:
    from opsdesk.services.registry import Services

CHECK_DELAY_MS = 300
PROBLEM_COLOUR = "#ffd6d6"


class NewTemplateDialog(FormDialog):
    """The kind and the name of a new template (its text starts as the kind's shipped one)."""

    def __init__(self, parent, kinds: list[KindRecord], submit):
        super().__init__(parent, _("New letter template"), _("Create"))
        self.submit = submit
        self.kind = QComboBox()
        self.kind.setObjectName("newTemplateKind")
        for kind in kinds:
            self.kind.addItem(kind.label, kind.code)
        self.name = QLineEdit()
        self.name.setObjectName("newTemplateName")
        self.name.setMinimumWidth(360)
        self.add_field("kind", _("&Kind of letter:"), self.kind)
        self.add_field("name", _("&Name:"), self.name)

    def request(self):
        submit, kind, name = self.submit, self.kind.currentData(), self.name.text()
        return lambda: submit(kind, name)


class LetterTemplatesTab(QWidget):
    def __init__(self, services: Services, parent=None):
        super().__init__(parent)
        self.services = services
        self.setObjectName("letterTemplatesTab")
        self.kinds = {k.code: k for k in services.letter_templates.kinds()}
        self.records: list[TemplateRecord] = []
        self.saved: TemplateRecord | None = None  # what the last save kept
        self.current: TemplateRecord | None = None
        self._loading = False

        self.list = QListWidget()
        self.list.setObjectName("templateList")
        self.list.setAccessibleName(_("Letter templates"))
        self.list.currentRowChanged.connect(self._chosen)
        _wrapping(self.list)
        self.new_button = QPushButton(_("&New template\u2026"))
        self.new_button.setObjectName("newTemplate")
        self.new_button.clicked.connect(self.new_template)
        self.active_button = QPushButton()
        self.active_button.setObjectName("templateActive")
        self.active_button.clicked.connect(self.toggle_active)
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(QLabel(_("Templates:")))
        left.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.active_button)
        left.addLayout(row)
        left_widget = QWidget()
        left_widget.setLayout(left)

        self.heading = QLabel()
        self.heading.setObjectName("templateHeading")
        self.heading.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setObjectName("templateName")
        self.title = QPlainTextEdit()
        self.title.setObjectName("templateTitle")
        self.title.setTabChangesFocus(True)
        self.title.setAccessibleName(_("Title"))
        self.title.setFixedHeight(self.title.fontMetrics().lineSpacing() * 3 + 12)
        self.body = QPlainTextEdit()
        self.body.setObjectName("templateBody")
        self.body.setTabChangesFocus(True)
        self.body.setAccessibleName(_("Text of the letter"))
        self.body.setMinimumHeight(200)
        self.fields = QListWidget()
        self.fields.setObjectName("templateFields")
        self.fields.setAccessibleName(_("Fields"))
        self.fields.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.fields.itemActivated.connect(self.insert_field)
        self.fields.setMinimumWidth(220)
        _wrapping(self.fields)
        self.insert_button = QPushButton(_("&Insert the field"))
        self.insert_button.setObjectName("insertField")
        self.insert_button.clicked.connect(lambda: self.insert_field(self.fields.currentItem()))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_("Na&me:"), self.name)
        form.addRow(_("Tit&le:"), self.title)
        form.addRow(_("Te&xt:"), self.body)
        self.errors = FieldErrors(self)
        self.errors.attach("name", self.name, form)
        self.errors.attach("title", self.title, form)
        self.errors.attach("body", self.body, form)

        fields_box = QVBoxLayout()
        fields_box.setContentsMargins(0, 0, 0, 0)
        fields_label = QLabel(_("&Fields (Enter puts one in the text):"))
        fields_label.setBuddy(self.fields)
        fields_label.setWordWrap(True)
        fields_box.addWidget(fields_label)
        fields_box.addWidget(self.fields, 1)
        fields_box.addWidget(self.insert_button)
        fields_widget = QWidget()
        fields_widget.setLayout(fields_box)

        editor = QHBoxLayout()
        editor.addLayout(form, 3)
        editor.addWidget(fields_widget, 1)

        self.save_button = QPushButton(_("&Save as a new version"))
        self.save_button.setObjectName("saveTemplate")
        self.save_button.clicked.connect(self.save)
        self.preview_button = QPushButton(_("&Preview\u2026"))
        self.preview_button.setObjectName("previewTemplate")
        self.preview_button.clicked.connect(self.preview)
        self.restore_button = QPushButton(_("&Restore the shipped text"))
        self.restore_button.setObjectName("restoreTemplate")
        self.restore_button.clicked.connect(self.restore)
        self.status = QLabel()
        self.status.setObjectName("templateStatus")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.save_button)

        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.heading)
        right.addWidget(self.errors.general_label)
        right.addLayout(editor, 1)
        right.addLayout(buttons)
        right_widget = QWidget()
        right_widget.setLayout(right)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left_widget)
        splitter.addWidget(right_widget)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "The letters printed from cases. A field in braces, e.g. {example}, is replaced "
                "by the case's value when printing; write {{ and }} for a brace itself. Saving "
                "adds a new version: letters printed before keep the text they were printed with."
            ).format(example="{klient.imie_nazwisko}")
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)

        self._check_timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.check)
        for editor_widget in (self.title, self.body):
            editor_widget.textChanged.connect(self._edited)
        self.name.textChanged.connect(self._edited)
        self.reload()

    # --- the list ---------------------------------------------------------------------------

    def reload(self, select_id: int | None = None, status: str = "") -> None:
        """Read the templates off the GUI thread (the newest reload wins) and show them,
        keeping (or moving to) the chosen one; ``status`` is said once they show."""
        keep = select_id if select_id is not None else (self.current.id if self.current else None)
        run_operation(
            self.list,
            self.services.letter_templates.templates,
            lambda records: self._show_records(records, keep, status),
            refused=self._refused,
            busy=_("loading the list"),
            when_running="replace",
        )

    def _show_records(self, records: list[TemplateRecord], keep: int | None, status: str) -> None:
        self.records = records
        self.list.blockSignals(True)
        self.list.clear()
        row = 0
        for index, record in enumerate(self.records):
            text = _("{name} \u2014 version {n}").format(name=record.name, n=record.version)
            if not record.active:
                text += " " + _("(withdrawn)")
            item = QListWidgetItem(text)
            item.setToolTip(record.kind_label)
            if not record.active:
                item.setForeground(QColor("#6b6b6b"))
            self.list.addItem(item)
            if record.id == keep:
                row = index
        self.list.blockSignals(False)
        if self.records:
            self.list.setCurrentRow(row)
            self._chosen(row)
        if status:
            self.status.setText(status)

    def _chosen(self, row: int) -> None:
        if not 0 <= row < len(self.records):
            return
        self.show_template(self.records[row])

    def show_template(self, record: TemplateRecord) -> None:
        self.current = record
        self._loading = True
        self.name.setText(record.name)
        self.title.setPlainText(record.current.title)
        self.body.setPlainText(record.current.body)
        self._loading = False
        kind = self.kinds.get(record.kind)
        basis = f" ({kind.legal_basis})" if kind and kind.legal_basis else ""
        saved = (
            _("as shipped with opsdesk")
            if not record.current.created_by
            else _("saved {when} by {person}").format(
                when=format_datetime(record.current.created_at), person=record.current.created_by
            )
        )
        self.heading.setText(
            f"<b>{record.kind_label}</b>{basis}<br>"
            + _("Version {n}, {saved}.").format(n=record.version, saved=saved)
        )
        self.fields.clear()
        for field in kind.fields if kind else ():
            text = f"{{{field.name}}} \u2014 {field.label}"
            if field.required:
                text += " " + _("(required)")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, field.name)
            item.setToolTip(_("e.g. {sample}").format(sample=field.sample))
            self.fields.addItem(item)
        self.restore_button.setEnabled(record.shipped)
        self.active_button.setText(_("&Withdraw") if record.active else _("&Bring back into use"))
        self.errors.clear()
        self._mark(self.title, None)
        self._mark(self.body, None)
        self.status.clear()

    # --- editing ----------------------------------------------------------------------------

    def _edited(self) -> None:
        if not self._loading:
            self.status.clear()
            self._check_timer.start()

    def typed(self) -> TemplateInput:
        return TemplateInput(self.name.text(), self.title.toPlainText(), self.body.toPlainText())

    def check(self) -> dict[str, str]:
        """The problems of the text as typed, shown under the fields with the place marked
        (the same checks as saving, nothing saved)."""
        if self.current is None:
            return {}
        known = KINDS[self.current.kind].known if self.current.kind in KINDS else None
        shown: dict[str, str] = {}
        for name, editor in (("title", self.title), ("body", self.body)):
            found = problems(editor.toPlainText(), known)
            self._mark(editor, found[0].place if found else None)
            if found:
                shown[name] = str(found[0])
        if shown:
            self.errors.show(shown)
        else:
            self.errors.clear()
        return shown

    def _mark(self, editor: QPlainTextEdit, place: Place | None) -> None:
        """Colour the place of a problem in ``editor`` (nothing when None)."""
        if place is None:
            editor.setExtraSelections([])
            return
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(editor.document())
        cursor.setPosition(min(place.offset, len(editor.toPlainText())))
        cursor.setPosition(
            min(place.offset + place.length, len(editor.toPlainText())),
            QTextCursor.MoveMode.KeepAnchor,
        )
        selection.cursor = cursor
        char_format = QTextCharFormat()
        char_format.setBackground(QColor(PROBLEM_COLOUR))
        char_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        char_format.setUnderlineColor(QColor("#a00000"))
        selection.format = char_format
        editor.setExtraSelections([selection])

    def go_to(self, editor: QPlainTextEdit, place: Place) -> None:
        """Put the cursor on the problem and select it."""
        cursor = editor.textCursor()
        end = len(editor.toPlainText())
        cursor.setPosition(min(place.offset, end))
        cursor.setPosition(min(place.offset + place.length, end), QTextCursor.MoveMode.KeepAnchor)
        editor.setTextCursor(cursor)
        editor.setFocus()

    def insert_field(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        target = self.title if self.title.hasFocus() else self.body
        target.insertPlainText("{" + item.data(Qt.ItemDataRole.UserRole) + "}")
        target.setFocus()

    def _refused(self, error: ServiceError) -> None:
        if not isinstance(error, ValidationError):
            self.errors.clear()
            show_service_error(self, error, _("Letter templates"))
            return
        self.errors.show(error.errors)
        places = getattr(error, "places", {})
        for name, editor in (("title", self.title), ("body", self.body)):
            self._mark(editor, places.get(name))
        for name, editor in (("title", self.title), ("body", self.body)):
            if name in places:
                self.go_to(editor, places[name])
                break

    # --- actions ----------------------------------------------------------------------------

    def save(self) -> bool:
        """Save the text as a new version off the GUI thread; True when it was asked
        (``saved`` then holds the version the service kept, None after a refusal)."""
        if self.current is None:
            return False
        self.saved = None
        templates, template_id = self.services.letter_templates, self.current.id
        typed, before = self.typed(), self.current.version
        return run_operation(
            self.save_button,
            lambda: templates.save(template_id, typed),
            lambda saved: self._saved(saved, before),
            refused=self._refused,
            busy=_("saving"),
        )

    def _saved(self, saved: TemplateRecord, before: int) -> None:
        self.saved = saved
        self.reload(
            saved.id,
            _("Saved as version {n}.").format(n=saved.version)
            if saved.version != before
            else _("Nothing changed in the text; the version stays {n}.").format(n=before),
        )

    def preview(self) -> None:
        """The letter with made-up data: the service composes it off the GUI thread (a
        refusal shows under its field), then the PDF is built and previewed."""
        if self.current is None:
            return
        templates, kind, typed = self.services.letter_templates, self.current.kind, self.typed()
        run_operation(
            self,
            lambda: templates.preview(kind, typed),
            self._preview_ready,
            refused=self._refused,
            busy=_("preparing the preview"),
            lane="preview",
        )

    def _preview_ready(self, document: LetterDocument) -> None:
        from opsdesk.printing import documents
        from opsdesk.ui.printing.document_flow import preview_document

        self.errors.clear()
        preview_document(
            self,
            lambda progress: documents.letter(document, progress=progress),
            title=_("Letter template preview"),
            file_name="wzor-pisma.pdf",
        )

    def restore(self) -> None:
        if self.current is None or not self.current.shipped:
            return
        answer = QMessageBox.question(
            self,
            _("Restore the shipped text"),
            _(
                "Save opsdesk's own text of \u201e{name}\u201d as a new version? The versions "
                "saved so far stay in the history."
            ).format(name=self.current.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        templates, template_id = self.services.letter_templates, self.current.id
        run_operation(
            self.save_button,
            lambda: templates.restore_shipped(template_id),
            self._restored,
            refused=self._refused,
            busy=_("saving"),
        )

    def _restored(self, restored: TemplateRecord) -> None:
        self.reload(restored.id, _("Saved as version {n}.").format(n=restored.version))

    def toggle_active(self) -> None:
        if self.current is None:
            return
        templates, record = self.services.letter_templates, self.current
        run_operation(
            self.active_button,
            lambda: templates.set_active(record.id, not record.active),
            lambda changed: self.reload(changed.id),
            refused=self._refused,
            busy=_("saving"),
        )

    def new_template_dialog(self) -> NewTemplateDialog:
        records, templates = list(self.records), self.services.letter_templates

        def create(kind: str, name: str) -> TemplateRecord:
            shipped = next((r for r in records if r.kind == kind and r.shipped), None)
            title = shipped.current.title if shipped else ""
            body = shipped.current.body if shipped else ""
            return templates.create(TemplateInput(name, title, body, kind))

        return NewTemplateDialog(self, list(self.kinds.values()), create)

    def exec_dialog(self, dialog: QDialog) -> int:
        """Show a dialog modally (tests replace this to answer it as a user would)."""
        return dialog.exec()

    def new_template(self) -> None:
        dialog = self.new_template_dialog()
        if self.exec_dialog(dialog) and dialog.result_value is not None:
            self.reload(dialog.result_value.id)


def _wrapping(view: QListWidget) -> None:
    """Long names wrap inside the list instead of running off its edge."""
    view.setWordWrap(True)
    view.setResizeMode(QListWidget.ResizeMode.Adjust)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setTextElideMode(Qt.TextElideMode.ElideNone)


def build_letter_templates_tab(services: Services, parent=None) -> LetterTemplatesTab:
    return LetterTemplatesTab(services, parent)
