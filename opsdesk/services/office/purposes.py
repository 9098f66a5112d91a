"""The purposes of a contact (cele wizyty): the first thing the desk chooses, in the office's
order, each with the team it usually goes to (the routing's proposal; the desk may choose
another, with a reason). A purpose is switched off, never deleted: past visits keep it, and
the indicators count them under it."""

from __future__ import annotations

import builtins
import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from opsdesk.domain.ids import TeamId, optional_id
from opsdesk.domain.office_model import TeamKind
from opsdesk.domain.roles import Action
from opsdesk.errors import NotFound, ValidationError
from opsdesk.i18n import _
from opsdesk.services import audit
from opsdesk.services.context import Service
from opsdesk.services.office.records import PurposeSetting
from opsdesk.services.text_limits import add_too_long
from opsdesk.storage.models import ContactPurpose, Team


@dataclass(frozen=True)
class PurposeInput:
    name: str
    default_team_id: int | None = None  # None: no team of its own, the desk chooses


def code_for(name: str, taken: set[str]) -> str:
    """A new purpose's code (a stable key, never shown): its name in plain ASCII, unique."""
    plain = unicodedata.normalize("NFKD", name.replace("ł", "l").replace("Ł", "L"))
    base = re.sub(r"[^a-z0-9]+", "_", plain.encode("ascii", "ignore").decode().lower())
    base = base.strip("_")[:32] or "purpose"
    code, n = base, 1
    while code in taken:
        n += 1
        code = f"{base}_{n}"
    return code


def _records(session: Session, purposes: builtins.list[ContactPurpose]) -> list[PurposeSetting]:
    teams = {t.id: t for t in session.scalars(select(Team))}
    records = []
    for p in purposes:
        team = teams.get(p.default_team_id) if p.default_team_id is not None else None
        records.append(
            PurposeSetting(
                id=p.id,
                code=p.code,
                name=p.name,
                default_team_id=optional_id(TeamId, p.default_team_id),
                team_name=team.name if team else "",
                team_active=team.active if team else True,
                active=p.active,
                position=p.position,
            )
        )
    return records


def _in_order(session: Session) -> builtins.list[ContactPurpose]:
    return list(
        session.scalars(select(ContactPurpose).order_by(ContactPurpose.position, ContactPurpose.id))
    )


class PurposeService(Service):
    def list(self) -> list[PurposeSetting]:
        """Every purpose, switched off ones too, in the desk's order."""
        self.ctx.require(Action.SETTINGS_MANAGE)
        with self.db.reading() as session:
            return _records(session, _in_order(session))

    def _validate(
        self, session: Session, data: PurposeInput, purpose_id: int | None
    ) -> dict[str, str]:
        errors: dict[str, str] = {}
        name = data.name.strip()
        if not name:
            errors["name"] = _("Enter the purpose's name.")
        elif any(
            p.name.casefold() == name.casefold() and p.id != purpose_id
            for p in session.scalars(select(ContactPurpose))
        ):
            errors["name"] = _("A purpose with this name already exists.")
        if data.default_team_id is not None:
            team = session.get(Team, data.default_team_id)
            if team is None or team.kind == TeamKind.EXTERNAL.value:
                errors["default_team"] = _("Choose a team the desk sends people to.")
            elif not team.active and not self._keeps(session, purpose_id, team):
                errors["default_team"] = _("This team is switched off: choose another one.")
        return add_too_long(errors, {"name": (name, ContactPurpose.name)})

    @staticmethod
    def _keeps(session: Session, purpose_id: int | None, team: Team) -> bool:
        """Is the saved purpose routed to ``team`` already (kept when only its name changes)?"""
        purpose = session.get(ContactPurpose, purpose_id) if purpose_id is not None else None
        return purpose is not None and purpose.default_team_id == team.id

    def save(self, data: PurposeInput, purpose_id: int | None = None) -> PurposeSetting:
        """Add a purpose (at the end of the desk's list) or change one."""
        self.ctx.require(Action.SETTINGS_MANAGE)
        with self.db.transaction() as session:
            if errors := self._validate(session, data, purpose_id):
                raise ValidationError(errors)
            if purpose_id is None:
                taken = set(session.scalars(select(ContactPurpose.code)))
                last = session.scalar(select(func.max(ContactPurpose.position)))
                purpose = ContactPurpose(
                    code=code_for(data.name.strip(), taken),
                    position=(last if last is not None else -1) + 1,
                    active=True,
                )
                session.add(purpose)
            else:
                purpose = self._get(session, purpose_id)
            purpose.name = data.name.strip()
            purpose.default_team_id = data.default_team_id
            session.flush()
            audit.record(
                session,
                self.ctx,
                "create" if purpose_id is None else "update",
                "purpose",
                purpose.id,
                purpose.name,
            )
            return _records(session, [purpose])[0]

    def set_active(self, purpose_id: int, active: bool) -> PurposeSetting:
        """Switch a purpose off (the desk no longer offers it; its visits keep it) or on."""
        self.ctx.require(Action.SETTINGS_MANAGE)
        with self.db.transaction() as session:
            purpose = self._get(session, purpose_id)
            if purpose.active != active:
                if not active and not session.scalar(
                    select(func.count(ContactPurpose.id)).where(
                        ContactPurpose.active.is_(True), ContactPurpose.id != purpose.id
                    )
                ):
                    raise ValidationError.single(
                        "active", _("The desk needs at least one purpose to choose from.")
                    )
                purpose.active = active
                audit.record(
                    session,
                    self.ctx,
                    "activate" if active else "deactivate",
                    "purpose",
                    purpose.id,
                    purpose.name,
                )
            return _records(session, [purpose])[0]

    def move(self, purpose_id: int, step: int) -> PurposeSetting:
        """Move a purpose ``step`` places up (negative) or down the desk's list. An active
        purpose passes over the switched-off ones (the desk does not see them): each place is
        one the desk sees."""
        self.ctx.require(Action.SETTINGS_MANAGE)
        with self.db.transaction() as session:
            purpose = self._get(session, purpose_id)
            order = _in_order(session)
            at = order.index(purpose)
            places = [
                i for i, p in enumerate(order) if p is purpose or p.active or not purpose.active
            ]
            to = places[min(max(places.index(at) + step, 0), len(places) - 1)]
            if to != at:
                order.insert(to, order.pop(at))
                for position, each in enumerate(order):
                    each.position = position
                audit.record(session, self.ctx, "update", "purpose", purpose.id, purpose.name)
            return _records(session, [purpose])[0]

    @staticmethod
    def _get(session: Session, purpose_id: int) -> ContactPurpose:
        purpose = session.get(ContactPurpose, purpose_id)
        if purpose is None:
            raise NotFound(_("This contact purpose does not exist."))
        return purpose
