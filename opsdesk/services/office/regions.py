"""Regions (rejony): their streets and localities, and the pair of workers for each."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from opsdesk.domain.ids import RegionId
from opsdesk.domain.roles import Action, Role
from opsdesk.domain.routing import AreaRule, clashes, find_region
from opsdesk.errors import NotFound, ValidationError
from opsdesk.i18n import _
from opsdesk.services import audit
from opsdesk.services.context import Service
from opsdesk.services.office.records import RegionAreaRecord, RegionRecord
from opsdesk.services.text_limits import add_too_long
from opsdesk.storage.models import Region, RegionStreet, Staff, StaffRole


@dataclass(frozen=True)
class RegionInput:
    name: str
    areas: tuple[RegionAreaRecord, ...] = ()
    benefits_worker_id: int | None = None
    social_worker_id: int | None = None


def parse_areas(text: str) -> tuple[RegionAreaRecord, ...]:
    """Areas typed one per line: ``Locality`` or ``Locality; Street`` or
    ``Locality; Street; 1-25``. Raises ValidationError on a malformed line."""
    areas = []
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        parts = [p.strip() for p in line.split(";")]
        if len(parts) > 3 or not parts[0]:
            raise ValidationError.single(
                "areas",
                _("Line {n}: write \u201elocality; street; from-to\u201d.").format(n=lineno),
            )
        number_from, number_to = 0, None
        if len(parts) == 3 and parts[2]:
            bounds = parts[2].replace("\u2013", "-").split("-")
            try:
                number_from = int(bounds[0])
                number_to = int(bounds[1]) if len(bounds) > 1 and bounds[1] else None
            except ValueError:
                raise ValidationError.single(
                    "areas", _("Line {n}: the house numbers must look like 1-25.").format(n=lineno)
                ) from None
        areas.append(
            RegionAreaRecord(parts[0], parts[1] if len(parts) > 1 else "", number_from, number_to)
        )
    return tuple(areas)


def format_areas(areas: tuple[RegionAreaRecord, ...]) -> str:
    lines = []
    for area in areas:
        parts = [area.locality]
        if area.street or area.number_from or area.number_to is not None:
            parts.append(area.street)
        if area.number_from or area.number_to is not None:
            number_to = area.number_to if area.number_to is not None else ""
            parts.append(f"{area.number_from}-{number_to}")
        lines.append("; ".join(parts))
    return "\n".join(lines)


def area_rules(session: Session) -> list[AreaRule]:
    return [
        AreaRule(r.region_id, r.locality, r.street, r.number_from, r.number_to)
        for r in session.scalars(select(RegionStreet))
    ]


def region_for_address(
    session: Session, locality: str, street: str, house_number: str
) -> int | None:
    return find_region(area_rules(session), locality, street, house_number)


def _house_numbers_ok(area: RegionAreaRecord) -> bool:
    def whole(value: object) -> bool:
        return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**31

    return whole(area.number_from) and (area.number_to is None or whole(area.number_to))


def _place(rule: AreaRule) -> str:
    return " ".join(p.strip() for p in (rule.locality, rule.street) if p.strip())


def _numbers(rule: AreaRule) -> str:
    return f"{rule.number_from}-{'' if rule.number_to is None else rule.number_to}"


def _areas_problem(
    areas: tuple[RegionAreaRecord, ...], others: list[tuple[str, AreaRule]]
) -> str | None:
    """What is wrong with a region's areas, given the other regions' (name, rule): a malformed
    area, one listed twice, or one that routing could not tell from another region's."""
    own: list[AreaRule] = []
    for area in areas:
        if not area.locality.strip():
            return _("Each line must begin with the locality.")
        if not _house_numbers_ok(area):
            return _("House numbers must be whole numbers, 0 or more.")
        rule = AreaRule(0, area.locality, area.street.strip(), area.number_from, area.number_to)
        if not rule.street and (area.number_from or area.number_to is not None):
            return _("House numbers need a street: write \u201elocality; street; 1-25\u201d.")
        if rule.has_range and (
            rule.number_from < 1
            or (rule.number_to is not None and rule.number_to < rule.number_from)
        ):
            return _(
                "A range of house numbers runs from 1 or more up to the same or a higher "
                "number, e.g. 1-25."
            )
        if any(
            o.place_key() == rule.place_key() and o.number_from == rule.number_from for o in own
        ):
            return _("The same street is listed twice.")
        own.append(rule)
        for region_name, other in others:
            # the same start is one stored row's key too (a range 0-25 kept from older data
            # and a whole street both start at 0)
            if not clashes(rule, other) and not (
                other.place_key() == rule.place_key() and other.number_from == rule.number_from
            ):
                continue
            if rule.has_range:
                return _(
                    "{place} {numbers} overlaps the house numbers {other} of the region {region}."
                ).format(
                    place=_place(rule),
                    numbers=_numbers(rule),
                    other=_numbers(other),
                    region=region_name,
                )
            return _("{place} already belongs to the region {region}.").format(
                place=_place(rule), region=region_name
            )
    return None


def _record(session: Session, region: Region) -> RegionRecord:
    def name(staff_id: int | None) -> str:
        if not staff_id:
            return ""
        staff = session.get(Staff, staff_id)
        assert staff is not None  # a foreign key, and staff accounts are never deleted
        return staff.full_name

    areas = session.scalars(
        select(RegionStreet).where(RegionStreet.region_id == region.id).order_by(RegionStreet.id)
    )
    return RegionRecord(
        id=RegionId(region.id),
        name=region.name,
        benefits_worker_id=region.benefits_worker_id,
        benefits_worker_name=name(region.benefits_worker_id),
        social_worker_id=region.social_worker_id,
        social_worker_name=name(region.social_worker_id),
        areas=tuple(
            RegionAreaRecord(a.locality, a.street, a.number_from, a.number_to) for a in areas
        ),
    )


class RegionService(Service):
    def list(self) -> list[RegionRecord]:
        with self.db.reading() as session:
            regions = session.scalars(select(Region).order_by(Region.name))
            return [_record(session, r) for r in regions]

    def region_for(self, locality: str, street: str = "", house_number: str = "") -> int | None:
        with self.db.reading() as session:
            return region_for_address(session, locality, street, house_number)

    def _worker_error(self, session: Session, staff_id: int | None, roles: set[Role]) -> str | None:
        if staff_id is None:
            return None
        has = set(session.scalars(select(StaffRole.role).where(StaffRole.staff_id == staff_id)))
        if not has & {r.value for r in roles}:
            return _("This person does not have the right role for this region.")
        return None

    def save(self, data: RegionInput, region_id: int | None = None) -> RegionRecord:
        self.ctx.require(Action.SETTINGS_MANAGE)
        with self.db.transaction() as session:
            errors: dict[str, str] = {}
            name = data.name.strip()
            if not name:
                errors["name"] = _("Enter the region's name.")
            elif session.scalar(
                select(Region.id).where(Region.name == name, Region.id != (region_id or 0))
            ):
                errors["name"] = _("A region with this name already exists.")
            workers = {Role.SOCIAL_WORKER, Role.SERVICES_WORKER}
            if problem := self._worker_error(session, data.benefits_worker_id, workers):
                errors["benefits_worker"] = problem
            if problem := self._worker_error(session, data.social_worker_id, workers):
                errors["social_worker"] = problem
            others = [
                (region_name, AreaRule(area_region_id, locality, street, number_from, number_to))
                for (
                    region_name,
                    area_region_id,
                    locality,
                    street,
                    number_from,
                    number_to,
                ) in session.execute(
                    select(
                        Region.name,
                        RegionStreet.region_id,
                        RegionStreet.locality,
                        RegionStreet.street,
                        RegionStreet.number_from,
                        RegionStreet.number_to,
                    )
                    .join(RegionStreet)
                    .where(Region.id != (region_id or 0))
                )
            ]
            if problem := _areas_problem(data.areas, others):
                errors["areas"] = problem
            else:
                for area in data.areas:
                    add_too_long(errors, {"areas": (area.locality, RegionStreet.locality)})
                    add_too_long(errors, {"areas": (area.street, RegionStreet.street)})
            add_too_long(errors, {"name": (name, Region.name)})
            if errors:
                raise ValidationError(errors)
            if region_id is None:
                region = Region(name=name)
                session.add(region)
            else:
                existing = session.get(Region, region_id)
                if existing is None:
                    raise NotFound(_("This region does not exist."))
                region = existing
                region.name = name
            region.benefits_worker_id = data.benefits_worker_id
            region.social_worker_id = data.social_worker_id
            session.flush()
            session.execute(delete(RegionStreet).where(RegionStreet.region_id == region.id))
            session.add_all(
                RegionStreet(
                    region_id=region.id,
                    locality=a.locality,
                    street=a.street,
                    number_from=a.number_from,
                    number_to=a.number_to,
                )
                for a in data.areas
            )
            audit.record(
                session,
                self.ctx,
                "create" if region_id is None else "update",
                "region",
                region.id,
                name,
            )
            session.flush()
            return _record(session, region)
