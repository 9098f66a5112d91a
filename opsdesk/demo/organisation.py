"""The office itself: profile, teams and lists, staff accounts, regions with their streets."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk.demo.accounts import DEMO_ACCOUNTS
from opsdesk.demo.context import DemoContext, at
from opsdesk.demo.places import EMAIL_DOMAIN, OFFICE, REGIONS, TOWN
from opsdesk.domain.routing import AreaRule
from opsdesk.domain.text import fold
from opsdesk.services.account.passwords import hash_password
from opsdesk.services.office.reference_data import seed_reference_data
from opsdesk.storage.models import (
    BenefitKind,
    ContactPurpose,
    OfficeProfile,
    Region,
    RegionStreet,
    Staff,
    StaffRole,
    TeamStatus,
)


def create_office(session: Session, ctx: DemoContext) -> None:
    session.add(OfficeProfile(**OFFICE))
    teams = seed_reference_data(session)
    ctx.teams = {kind: team.id for kind, team in teams.items()}
    ctx.ticket_letters = {
        team.id: team.ticket_letter for team in teams.values() if team.ticket_letter is not None
    }
    ctx.team_names = {kind: team.name for kind, team in teams.items()}
    kind_by_team: dict[int | None, str] = {team.id: kind for kind, team in teams.items()}
    for status in session.scalars(select(TeamStatus)):
        ctx.statuses[(kind_by_team[status.team_id], status.code)] = (status.id, status.name)
    for kind in session.scalars(select(BenefitKind)):
        ctx.kinds[kind.code] = (kind.id, kind.needs_decision, kind.continuing)
    for purpose in session.scalars(select(ContactPurpose)):
        ctx.purposes[purpose.code] = purpose.id
        ctx.purpose_teams[purpose.code] = kind_by_team.get(purpose.default_team_id)


class PasswordHashes:
    """The demo passwords, each hashed once, in the background: argon2 is slow on purpose,
    so the hashing overlaps with generating the rest of the office."""

    def __init__(self):
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="demo-hash")
        self._futures = {
            a.login: self._pool.submit(hash_password, a.password) for a in DEMO_ACCOUNTS
        }

    def fill(self, rows: list[dict]) -> None:
        """Put the finished hashes into the queued staff rows."""
        for row in rows:
            row["password_hash"] = self._futures[row["login"]].result()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def create_staff(ctx: DemoContext) -> None:
    """Every demo account; ``PasswordHashes.fill`` adds the password hashes later."""
    created = at(ctx.start, 0)
    for account in DEMO_ACCOUNTS:
        first, _, last = account.full_name.partition(" ")
        staff_id = ctx.rows.new(
            Staff,
            login=account.login,
            full_name=account.full_name,
            password_hash="",
            team_id=ctx.teams[account.team.value] if account.team else None,
            workplace=account.workplace,
            email=f"{fold(first)[0]}.{fold(last)}@{EMAIL_DOMAIN}",
            active=True,
            must_change_password=False,
            failed_logins=0,
            created_at=created,
        )
        ctx.rows.add(StaffRole, staff_id=staff_id, role=account.role.value)
        ctx.staff[account.login] = staff_id
        ctx.workplaces[staff_id] = account.workplace
        ctx.staff_names[staff_id] = account.full_name


def create_regions(ctx: DemoContext) -> list[AreaRule]:
    """The three regions, each with its pair of workers; returns the routing rules."""
    rules = []
    for plan in REGIONS:
        benefits = next(
            a
            for a in DEMO_ACCOUNTS
            if a.region == plan.name and a.team and a.team.value == "benefits"
        )
        social = next(
            a
            for a in DEMO_ACCOUNTS
            if a.region == plan.name and a.team and a.team.value == "social_work"
        )
        region_id = ctx.rows.new(
            Region,
            name=plan.name,
            benefits_worker_id=ctx.staff[benefits.login],
            social_worker_id=ctx.staff[social.login],
        )
        ctx.regions[region_id] = (ctx.staff[benefits.login], ctx.staff[social.login])
        for rule in plan.streets:
            ctx.rows.add(
                RegionStreet,
                region_id=region_id,
                locality=TOWN,
                street=rule.street.name,
                number_from=rule.number_from,
                number_to=rule.number_to,
            )
            rules.append(
                AreaRule(region_id, TOWN, rule.street.name, rule.number_from, rule.number_to)
            )
        for village in plan.villages:
            ctx.rows.add(
                RegionStreet,
                region_id=region_id,
                locality=village.name,
                street="",
                number_from=0,
                number_to=None,
            )
            rules.append(AreaRule(region_id, village.name))
    return rules
