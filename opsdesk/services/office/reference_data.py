"""Seeding the starting teams, statuses, benefit kinds and contact purposes of a new office."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk.domain.office_model import (
    DEFAULT_BENEFIT_KINDS,
    DEFAULT_PURPOSES,
    DEFAULT_STATUSES,
    DEFAULT_TEAMS,
)
from opsdesk.i18n import _
from opsdesk.storage.models import BenefitKind, ContactPurpose, Team, TeamStatus


def seed_reference_data(session: Session) -> dict[str, Team]:
    """Create what a new office starts with, unless it exists. Returns teams by kind."""
    teams: dict[str, Team] = {t.kind: t for t in session.scalars(select(Team))}
    for template in DEFAULT_TEAMS:
        if template.kind.value in teams:
            continue
        team = Team(
            name=_(template.name),
            kind=template.kind.value,
            ticket_letter=template.ticket_letter,
            active=True,
        )
        session.add(team)
        session.flush()
        for position, status in enumerate(DEFAULT_STATUSES.get(template.kind, ())):
            session.add(
                TeamStatus(
                    team_id=team.id,
                    position=position,
                    code=status.code,
                    name=_(status.name),
                    closes_case=status.closes_case,
                )
            )
        teams[template.kind.value] = team
    if session.scalar(select(BenefitKind.id).limit(1)) is None:
        for position, kind in enumerate(DEFAULT_BENEFIT_KINDS):
            session.add(
                BenefitKind(
                    code=kind.code,
                    name=_(kind.name),
                    needs_decision=kind.needs_decision,
                    team_kind=kind.team_kind.value,
                    continuing=kind.continuing,
                    position=position,
                    active=True,
                )
            )
    if session.scalar(select(ContactPurpose.id).limit(1)) is None:
        for position, purpose in enumerate(DEFAULT_PURPOSES):
            default_team = teams.get(purpose.team_kind.value) if purpose.team_kind else None
            session.add(
                ContactPurpose(
                    code=purpose.code,
                    name=_(purpose.name),
                    default_team_id=default_team.id if default_team else None,
                    position=position,
                    active=True,
                )
            )
    session.flush()
    return teams
