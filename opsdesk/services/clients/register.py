"""The client register: persons with PESEL (or a document number), addresses and regions,
households; search insensitive to case and Polish letters; every read of a file is audited."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import TypeVarTuple

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import Session

from opsdesk.domain.errors import DomainError
from opsdesk.domain.formatting import format_date, validate_postal_code
from opsdesk.domain.ids import ClientId, RegionId, optional_id
from opsdesk.domain.pesel import parse_pesel
from opsdesk.domain.roles import Action, Role
from opsdesk.domain.text import fold, is_blank, is_email, polish_sort_key
from opsdesk.errors import Conflict, NotFound, ValidationError
from opsdesk.i18n import _
from opsdesk.services import audit
from opsdesk.services.context import Actor, Service
from opsdesk.services.hours.access import referred_to
from opsdesk.services.office.regions import region_for_address
from opsdesk.services.text_limits import add_too_long, check_search
from opsdesk.storage.counters import next_value
from opsdesk.storage.models import (
    Client,
    Household,
    Region,
)

MAX_NAME = 80
EARLIEST_BIRTH = date(1900, 1, 1)  # before it: a typo (0001-01-01), not a client
MAX_TEXT = 120
MAX_RELATION = 40
SEXES = ("F", "M")

Ts = TypeVarTuple("Ts")


@dataclass(frozen=True)
class ClientInput:
    first_name: str
    last_name: str
    pesel: str = ""
    document_number: str = ""
    birth_date: date | None = None  # needed only without a PESEL
    sex: str | None = None
    locality: str = ""
    street: str = ""
    house_number: str = ""
    flat_number: str = ""
    postal_code: str = ""
    phone: str = ""
    email: str = ""
    region_id: RegionId | None = None  # set only to override the region found from the address


@dataclass(frozen=True)
class ClientSummary:
    id: ClientId
    code: str
    first_name: str
    last_name: str
    pesel: str
    document_number: str
    birth_date: date | None
    address: str
    phone: str
    region_id: RegionId | None
    region_name: str

    @property
    def display_name(self) -> str:
        return f"{self.last_name} {self.first_name}"

    @property
    def identity(self) -> str:
        """PESEL, or the document number, or the birth date — whatever tells people apart."""
        return self.pesel or self.document_number or format_date(self.birth_date)


@dataclass(frozen=True)
class HouseholdMember:
    client_id: ClientId
    display_name: str
    relation: str
    identity: str = ""  # PESEL, document number or birth date


@dataclass(frozen=True)
class ClientDetail:
    summary: ClientSummary
    sex: str | None
    locality: str
    street: str
    house_number: str
    flat_number: str
    postal_code: str
    email: str
    region_overridden: bool
    household_id: int | None
    household_relation: str
    household: tuple[HouseholdMember, ...] = field(default_factory=tuple)


def address_text(c: Client) -> str:
    """``ul. Łużycka 5/3, 74-100 Gryfino``; a village without streets: ``Wełtyń 12, ...``."""
    street = " ".join(
        p for p in (c.street or (c.locality if c.house_number else ""), c.house_number) if p
    )
    if c.flat_number:
        street += f"/{c.flat_number}"
    town = " ".join(p for p in (c.postal_code, c.locality) if p)
    return ", ".join(p for p in (street, town) if p)


def summary_of(client: Client, region_names: dict[int, str]) -> ClientSummary:
    return ClientSummary(
        id=ClientId(client.id),
        code=client.code,
        first_name=client.first_name,
        last_name=client.last_name,
        pesel=client.pesel or "",
        document_number=client.document_number or "",
        birth_date=client.birth_date,
        address=address_text(client),
        phone=client.phone,
        region_id=optional_id(RegionId, client.region_id),
        region_name="" if client.region_id is None else region_names.get(client.region_id, ""),
    )


def asked(text: str) -> str:
    """What was searched for, as the audit records it (shortened)."""
    text = " ".join(str(text).split())
    return f"„{text[:120]}”" + ("…" if len(text) > 120 else "")


def search_key(first_name: str, last_name: str, pesel: str, document: str) -> str:
    return fold(" ".join(p for p in (last_name, first_name, pesel, document) if p))


def reaches_every_client(actor: Actor) -> bool:
    """The desk, the workers and the manager reach every client; a psychologist only those
    referred to them (``hours.access.referred_to``)."""
    return bool(actor.roles & {Role.CLERK, Role.SOCIAL_WORKER, Role.SERVICES_WORKER, Role.MANAGER})


class LikelyDuplicate(Conflict):
    """Saving would register a person who seems to be in the register already.

    ``candidates`` are the similar clients; save again with ``confirm_duplicate=True`` when
    the person really is someone else.
    """

    def __init__(self, candidates: list[ClientSummary]):
        self.candidates = candidates
        people = "; ".join(
            _("{name}, {identity}").format(name=c.display_name, identity=c.identity)
            if c.identity
            else c.display_name
            for c in candidates
        )
        super().__init__(
            _(
                "A similar person is already registered: {people}. Check that it "
                "is not the same person."
            ).format(people=people)
        )


class ClientService(Service):
    # --- reading -------------------------------------------------------------------------

    def _scope(self, query: Select[*Ts]) -> Select[*Ts]:
        """A psychologist (without a role reaching every client) sees only the clients
        referred to them (``hours.access.referred_to``)."""
        actor = self.ctx.require(Action.CLIENT_VIEW)
        if not reaches_every_client(actor):
            query = query.where(referred_to(actor.account_id, self.ctx.clock.today()))
        return query.where(Client.anonymised_at.is_(None))

    def search(self, text: str, limit: int = 50) -> list[ClientSummary]:
        tokens = fold(check_search(text)).split()
        query = self._scope(select(Client))
        if tokens:
            query = query.where(
                and_(*(Client.search_key.contains(t, autoescape=True) for t in tokens))
            )
        # search_key starts with the folded last name: close to the Polish order already
        query = query.order_by(Client.search_key, Client.id)
        with self.db.reading() as session:
            rows = list(session.scalars(query.limit(max(limit * 4, 200))))
            regions = dict(session.execute(select(Region.id, Region.name)).all())
            rows.sort(key=lambda c: (polish_sort_key(c.last_name), polish_sort_key(c.first_name)))
            found = [summary_of(c, regions) for c in rows[:limit]]
        audit.shown(self.ctx, "client", "client search", asked(text), (c.id for c in found))
        return found

    def search_by_address(self, text: str, limit: int = 20) -> list[ClientSummary]:
        """Clients whose street, house number or locality hold every word of ``text``,
        insensitive to case and Polish letters (added for the first-contact desk)."""
        tokens = fold(check_search(text)).split()
        if not tokens:
            return []
        query = self._scope(select(Client.id, Client.street, Client.house_number, Client.locality))
        with self.db.reading() as session:
            ids = [
                row.id
                for row in session.execute(query)
                if all(t in fold(f"{row.street} {row.house_number} {row.locality}") for t in tokens)
            ][: limit * 4]
            rows = list(session.scalars(select(Client).where(Client.id.in_(ids)))) if ids else []
            regions = dict(session.execute(select(Region.id, Region.name)).all())
            rows.sort(key=lambda c: (polish_sort_key(c.last_name), polish_sort_key(c.first_name)))
            found = [summary_of(c, regions) for c in rows[:limit]]
        audit.shown(self.ctx, "client", "address search", asked(text), (c.id for c in found))
        return found

    def get(self, client_id: ClientId) -> ClientDetail:
        """A client's file; the read is recorded in the audit log."""
        with self.db.transaction() as session:
            client = session.scalar(self._scope(select(Client).where(Client.id == client_id)))
            if client is None:
                raise NotFound(_("This client does not exist or is not yours to see."))
            audit.record(session, self.ctx, "read", "client", client.id)
            return self._detail(session, client)

    def _detail(self, session: Session, client: Client) -> ClientDetail:
        regions = dict(session.execute(select(Region.id, Region.name)).all())
        members: tuple[HouseholdMember, ...] = ()
        if client.household_id:
            others = session.scalars(
                select(Client).where(
                    Client.household_id == client.household_id,
                    Client.id != client.id,
                    Client.anonymised_at.is_(None),
                )
            )
            members = tuple(
                HouseholdMember(
                    ClientId(m.id),
                    f"{m.last_name} {m.first_name}",
                    m.household_relation or "",
                    summary_of(m, regions).identity,
                )
                for m in sorted(
                    others,
                    key=lambda m: (polish_sort_key(m.last_name), polish_sort_key(m.first_name)),
                )
            )
        return ClientDetail(
            summary=summary_of(client, regions),
            sex=client.sex,
            locality=client.locality,
            street=client.street,
            house_number=client.house_number,
            flat_number=client.flat_number,
            postal_code=client.postal_code,
            email=client.email,
            region_overridden=client.region_overridden,
            household_id=client.household_id,
            household_relation=client.household_relation or "",
            household=members,
        )

    def likely_duplicates(
        self, data: ClientInput, exclude_id: int | None = None
    ) -> list[ClientSummary]:
        """Existing clients with the same PESEL, or the same name and birth date (the
        comparison ignores case and Polish letters)."""
        self.ctx.require(Action.CLIENT_VIEW)
        with self.db.reading() as session:
            return self._duplicates(session, data, exclude_id)

    def _duplicates(
        self, session: Session, data: ClientInput, exclude_id: int | None
    ) -> list[ClientSummary]:
        pesel = data.pesel.strip()
        birth = data.birth_date
        if pesel:
            try:
                birth = parse_pesel(pesel).birth_date
            except DomainError:
                birth = data.birth_date
        conditions = []
        if pesel:
            conditions.append(Client.pesel == pesel)
        if birth and data.last_name.strip() and data.first_name.strip():
            name = fold(f"{data.last_name.strip()} {data.first_name.strip()}")
            conditions.append(
                and_(
                    Client.birth_date == birth,
                    or_(
                        Client.search_key == name,
                        Client.search_key.startswith(name + " ", autoescape=True),
                    ),
                )
            )
        if not conditions:
            return []
        query = self._scope(select(Client)).where(or_(*conditions), Client.id != (exclude_id or 0))
        regions = dict(session.execute(select(Region.id, Region.name)).all())
        return [summary_of(c, regions) for c in session.scalars(query.limit(20))]

    # --- writing -------------------------------------------------------------------------

    def _clean(
        self, session: Session, data: ClientInput, client_id: ClientId | None
    ) -> ClientInput:
        errors: dict[str, str] = {}
        first, last = data.first_name.strip(), data.last_name.strip()
        if is_blank(first):
            errors["first_name"] = _("Enter the first name.")
        elif len(first) > MAX_NAME:
            errors["first_name"] = _("The first name is too long.")
        if is_blank(last):
            errors["last_name"] = _("Enter the last name.")
        elif len(last) > MAX_TEXT:
            errors["last_name"] = _("The last name is too long.")
        pesel = data.pesel.strip()
        document = data.document_number.strip()
        birth, sex = data.birth_date, data.sex
        if pesel:
            try:
                info = parse_pesel(pesel)
                birth, sex = info.birth_date, info.sex
            except DomainError as error:
                errors["pesel"] = str(error)
            else:
                taken = session.scalar(
                    select(Client).where(Client.pesel == pesel, Client.id != (client_id or 0))
                )
                if taken:
                    errors["pesel"] = _(
                        "A client with this PESEL is already registered: {name}."
                    ).format(name=f"{taken.last_name} {taken.first_name}")
        elif not document:
            errors["pesel"] = _("Enter the PESEL or, for a person without one, a document number.")
        if birth and birth > self.ctx.clock.today():
            errors["birth_date"] = _("The birth date cannot be in the future.")
        elif birth and birth < EARLIEST_BIRTH:
            errors["birth_date"] = _("The birth date cannot be before 1900.")
        if sex is not None and sex not in SEXES:
            errors["sex"] = _("Choose the sex from the list.")
        postal = data.postal_code.strip()
        if postal:
            try:
                postal = validate_postal_code(postal)
            except DomainError as error:
                errors["postal_code"] = str(error)
        if data.email.strip() and not is_email(data.email.strip()):
            errors["email"] = _("This is not an e-mail address.")
        add_too_long(
            errors,
            {
                name: (getattr(data, name).strip(), getattr(Client, name))
                for name in (
                    "locality",
                    "street",
                    "house_number",
                    "flat_number",
                    "phone",
                    "email",
                    "document_number",
                )
            },
        )
        if data.region_id is not None and session.get(Region, data.region_id) is None:
            errors["region"] = _("This region does not exist.")
        if errors:
            raise ValidationError(errors)
        return replace(
            data,
            first_name=first,
            last_name=last,
            pesel=pesel,
            document_number=document,
            birth_date=birth,
            sex=sex,
            locality=data.locality.strip(),
            street=data.street.strip(),
            house_number=data.house_number.strip(),
            flat_number=data.flat_number.strip(),
            postal_code=postal,
            phone=data.phone.strip(),
            email=data.email.strip(),
        )

    def _apply(self, session: Session, client: Client, data: ClientInput) -> None:
        client.first_name = data.first_name
        client.last_name = data.last_name
        client.pesel = data.pesel or None
        client.document_number = data.document_number or None
        client.birth_date = data.birth_date
        client.sex = data.sex
        for name in (
            "locality",
            "street",
            "house_number",
            "flat_number",
            "postal_code",
            "phone",
            "email",
        ):
            setattr(client, name, getattr(data, name))
        found = region_for_address(session, data.locality, data.street, data.house_number)
        client.region_overridden = data.region_id is not None and data.region_id != found
        client.region_id = data.region_id if data.region_id is not None else found
        client.search_key = search_key(
            data.first_name, data.last_name, data.pesel, data.document_number
        )
        client.updated_at = self.ctx.clock.now()

    def create(self, data: ClientInput, confirm_duplicate: bool = False) -> ClientSummary:
        """Register a person. Bad input: ValidationError; a likely duplicate (same name and
        birth date): LikelyDuplicate, unless ``confirm_duplicate``. Nothing saved on error."""
        self.ctx.require(Action.CLIENT_EDIT)
        with self.db.transaction() as session:
            data = self._clean(session, data, None)
            if not confirm_duplicate and (similar := self._duplicates(session, data, None)):
                raise LikelyDuplicate(similar)
            now = self.ctx.clock.now()
            client = Client(created_at=now, code=f"K-{next_value(session, 'client_code'):06d}")
            self._apply(session, client, data)
            session.add(client)
            session.flush()
            audit.record(session, self.ctx, "create", "client", client.id)
            regions = dict(session.execute(select(Region.id, Region.name)).all())
            return summary_of(client, regions)

    def update(
        self, client_id: ClientId, data: ClientInput, confirm_duplicate: bool = False
    ) -> ClientSummary:
        self.ctx.require(Action.CLIENT_EDIT)
        with self.db.transaction() as session:
            client = session.get(Client, client_id)
            if client is None or client.anonymised_at is not None:
                raise NotFound(_("This client does not exist."))
            data = self._clean(session, data, client_id)
            if not confirm_duplicate and (similar := self._duplicates(session, data, client_id)):
                raise LikelyDuplicate(similar)
            self._apply(session, client, data)
            audit.record(session, self.ctx, "update", "client", client.id)
            regions = dict(session.execute(select(Region.id, Region.name)).all())
            return summary_of(client, regions)

    def join_household(self, client_id: ClientId, other_client_id: int, relation: str) -> None:
        """Put ``client_id`` into the household of ``other_client_id`` (leaving any other)."""
        self.ctx.require(Action.CLIENT_EDIT)
        relation = relation.strip()
        if not relation:
            raise ValidationError.single("relation", _("Say how this person is related."))
        if len(relation) > MAX_RELATION:
            raise ValidationError.single("relation", _("This text is too long."))
        if client_id == other_client_id:
            raise ValidationError.single("relation", _("A person cannot join themselves."))
        with self.db.transaction() as session:
            client = session.get(Client, client_id)
            other = session.get(Client, other_client_id)
            if client is None or other is None:
                raise NotFound(_("This client does not exist."))
            previous = client.household_id
            if other.household_id is None:
                household = Household(created_at=self.ctx.clock.now())
                session.add(household)
                session.flush()
                other.household_id = household.id
                other.household_relation = other.household_relation or _("applicant")
            client.household_id = other.household_id
            client.household_relation = relation
            if previous != client.household_id:
                self._dissolve_if_alone(session, previous)
            audit.record(
                session, self.ctx, "update", "client", client.id, f"household {other.household_id}"
            )

    def leave_household(self, client_id: ClientId) -> None:
        self.ctx.require(Action.CLIENT_EDIT)
        with self.db.transaction() as session:
            client = session.get(Client, client_id)
            if client is None:
                raise NotFound(_("This client does not exist."))
            previous = client.household_id
            client.household_id = None
            client.household_relation = None
            self._dissolve_if_alone(session, previous)
            audit.record(session, self.ctx, "update", "client", client.id, "left household")

    def _dissolve_if_alone(self, session: Session, household_id: int | None) -> None:
        """A household left with one person is no household: that person leaves it too."""
        if household_id is None:
            return
        session.flush()
        members = list(session.scalars(select(Client).where(Client.household_id == household_id)))
        if len(members) == 1:
            members[0].household_id = None
            members[0].household_relation = None
        if len(members) <= 1:
            session.flush()
            session.delete(session.get(Household, household_id))
