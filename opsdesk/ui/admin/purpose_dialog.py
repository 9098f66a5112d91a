"""A contact purpose's dialog: its name, as the desk reads it, and the team it usually goes to."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QLineEdit

from opsdesk.domain.office_model import TeamKind
from opsdesk.i18n import _
from opsdesk.services.office.purposes import PurposeInput
from opsdesk.services.office.records import PurposeSetting, TeamRecord
from opsdesk.ui.form_dialog import FormDialog

if TYPE_CHECKING:
    from opsdesk.services.registry import Services


class PurposeDialog(FormDialog):
    def __init__(
        self,
        services: Services,
        teams: list[TeamRecord],
        record: PurposeSetting | None = None,
        parent=None,
    ):
        super().__init__(
            parent,
            _("New contact purpose")
            if record is None
            else _("Contact purpose: {name}").format(name=record.name),
            _("&Save"),
            _(
                "The desk chooses the purpose first; the person is then proposed to its team "
                "(to the worker of their region, when they have a file)."
            ),
        )
        self.services = services
        self.record = record
        self.setObjectName("purposeDialog")
        self.setMinimumWidth(520)
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.team = QComboBox()
        self.team.setObjectName("default_team")
        self.team.addItem(_("(none: the desk chooses the team)"), None)
        for team in teams:  # the teams the desk sends people to (a switched-off one: its own)
            if team.kind == TeamKind.EXTERNAL.value:
                continue
            if team.active:
                self.team.addItem(team.name, team.id)
            elif record is not None and record.default_team_id == team.id:
                self.team.addItem(_("{name} (switched off)").format(name=team.name), team.id)
        self.add_field("name", _("&Name:"), self.name)
        self.add_field("default_team", _("&Team:"), self.team)
        if record is not None:
            self.name.setText(record.name)
            self.team.setCurrentIndex(max(self.team.findData(record.default_team_id), 0))
        self.name.setFocus()

    def request(self) -> Callable[[], PurposeSetting]:
        """The purpose as typed, saved off the GUI thread."""
        data = PurposeInput(self.name.text(), self.team.currentData())
        purposes, purpose_id = self.services.purposes, self.record.id if self.record else None
        return lambda: purposes.save(data, purpose_id)
