"""Bad input to the administrator's reference data (staff, teams, regions, office profile),
for hypothesis: refused with a Polish message per field and nothing saved, or stored and read
back exactly as the service promises (texts stripped of surrounding blanks)."""

from itertools import count

import pytest
from hypothesis import given
from hypothesis import strategies as st
from people import STAFF_PASSWORD
from safety.fuzzing import (
    FUZZ,
    FUZZ_FEW,
    assert_all_refused,
    attempt,
    nasty_text,
    unknown_ids,
    weird_numbers,
)

from opsdesk.domain.office_model import TeamKind
from opsdesk.domain.roles import Role
from opsdesk.errors import ValidationError
from opsdesk.services.office.profile import OfficeInput
from opsdesk.services.office.purposes import PurposeInput
from opsdesk.services.office.records import RegionAreaRecord
from opsdesk.services.office.regions import RegionInput, parse_areas
from opsdesk.services.office.staff import StaffInput
from opsdesk.services.office.teams import StatusInput, TeamInput

serial = count(1)


def staff_record(office, staff_id):
    return next(s for s in office.staff.list() if s.id == staff_id)


@pytest.fixture
def worker(make_person):
    return make_person(Role.SOCIAL_WORKER, "benefits")


@FUZZ_FEW
@given(full_name=nasty_text(300), workplace=nasty_text(100), email=nasty_text(200))
def test_staff_create_texts(office, full_name, workplace, email):
    data = StaffInput(
        f"osoba{next(serial)}",
        full_name,
        frozenset({Role.CLERK}),
        workplace=workplace,
        email=email,
        password=STAFF_PASSWORD,
    )
    created, error = attempt(office.db, lambda: office.staff.create(data))
    if error is None:
        stored = staff_record(office, created.id)
        assert (stored.full_name, stored.workplace, stored.email) == (
            full_name.strip(),
            workplace.strip(),
            email.strip(),
        )


@FUZZ
@given(login=nasty_text(100))
def test_staff_login_texts(office, login):
    data = StaffInput(login, "Adam Żółkiewski", frozenset({Role.ADMIN}))
    updated, error = attempt(office.db, lambda: office.staff.update(office.actor.id, data))
    if error is None:
        assert staff_record(office, updated.id).login == login.strip()
    else:
        assert set(error.errors) == {"login"}


@FUZZ
@given(
    full_name=nasty_text(300),
    workplace=nasty_text(100),
    email=nasty_text(200),
    team_id=st.one_of(st.none(), unknown_ids()),
)
def test_staff_update_texts(office, worker, full_name, workplace, email, team_id):
    data = StaffInput(
        worker.actor.login,
        full_name,
        frozenset({Role.SOCIAL_WORKER}),
        team_id=team_id,
        workplace=workplace,
        email=email,
    )
    updated, error = attempt(office.db, lambda: office.staff.update(worker.actor.id, data))
    if error is None:
        stored = staff_record(office, updated.id)
        assert (stored.full_name, stored.workplace, stored.email, stored.team_id) == (
            full_name.strip(),
            workplace.strip(),
            email.strip(),
            team_id,
        )


@FUZZ
@given(staff_id=unknown_ids(), active=st.booleans())
def test_staff_unknown_ids(office, staff_id, active):
    data = StaffInput("ktos", "Ktoś Nowy", frozenset({Role.CLERK}))
    assert_all_refused(
        office.db,
        (
            lambda: office.staff.update(staff_id, data),
            lambda: office.staff.set_active(staff_id, active),
            lambda: office.staff.reset_password(staff_id, STAFF_PASSWORD),
        ),
    )


@FUZZ_FEW
@given(password=nasty_text(200), repeat=st.one_of(st.none(), nasty_text(50)))
def test_staff_reset_password(office, worker, password, repeat):
    _result, error = attempt(
        office.db,
        lambda: office.staff.reset_password(worker.actor.id, password, repeat),
        ignore=("audit_entry", "staff"),
    )
    if error is not None:
        assert set(error.errors) <= {"password", "password_repeat"}


@FUZZ
@given(
    name=nasty_text(300),
    letter=nasty_text(4),
    statuses=st.lists(nasty_text(150), min_size=0, max_size=4),
    kind=st.sampled_from(TeamKind),
)
def test_team_save(office, name, letter, statuses, kind):
    data = TeamInput(name, kind, letter, tuple(StatusInput(s) for s in statuses))
    saved, error = attempt(office.db, lambda: office.teams.save(data))
    if error is None:
        stored = next(t for t in office.teams.list() if t.id == saved.id)
        assert stored.name == name.strip() and stored.kind == kind.value
        assert stored.ticket_letter == letter.strip().upper()
        assert [s.name for s in stored.statuses] == [s.strip() for s in statuses]


@FUZZ
@given(team_id=unknown_ids())
def test_team_unknown_id(office, team_id):
    data = TeamInput(f"Zespół {next(serial)}", TeamKind.EXTERNAL)
    _result, error = attempt(office.db, lambda: office.teams.save(data, team_id))
    assert error is not None


@FUZZ
@given(name=nasty_text(200), team_id=st.one_of(st.none(), unknown_ids()))
def test_purpose_save(office, name, team_id):
    before = office.purposes.list()
    saved, error = attempt(office.db, lambda: office.purposes.save(PurposeInput(name, team_id)))
    if error is None:
        assert saved.name == name.strip() and saved.default_team_id == team_id
        assert office.purposes.list()[-1] == saved
    else:
        assert office.purposes.list() == before


@FUZZ
@given(purpose_id=unknown_ids(), step=st.integers(-(10**6), 10**6))
def test_purpose_unknown_id(office, purpose_id, step):
    for call in (
        lambda: office.purposes.save(PurposeInput(f"Cel {next(serial)}"), purpose_id),
        lambda: office.purposes.set_active(purpose_id, False),
        lambda: office.purposes.move(purpose_id, step),
    ):
        _result, error = attempt(office.db, call)
        assert error is not None


area_texts = st.tuples(
    nasty_text(150), nasty_text(150), weird_numbers(), st.one_of(st.none(), weird_numbers())
)


@FUZZ
@given(
    name=nasty_text(200),
    areas=st.lists(area_texts, max_size=3),
    benefits=st.one_of(st.none(), unknown_ids()),
    social=st.one_of(st.none(), unknown_ids()),
)
def test_region_save(office, name, areas, benefits, social):
    data = RegionInput(name, tuple(RegionAreaRecord(*a) for a in areas), benefits, social)
    saved, error = attempt(office.db, lambda: office.regions.save(data))
    if error is None:
        stored = next(r for r in office.regions.list() if r.id == saved.id)
        assert stored.name == name.strip()
        assert stored.areas == data.areas
        assert all(type(a.number_from) is int for a in stored.areas)


@FUZZ
@given(region_id=unknown_ids())
def test_region_unknown_id(office, region_id):
    _result, error = attempt(
        office.db, lambda: office.regions.save(RegionInput(f"Rejon {next(serial)}"), region_id)
    )
    assert error is not None


@FUZZ
@given(text=nasty_text())
def test_parse_areas_any_text(text):
    try:
        areas = parse_areas(text)
    except ValidationError as error:
        assert set(error.errors) == {"areas"}
    else:
        assert all(a.locality and a.locality == a.locality.strip() for a in areas)


@FUZZ
@given(
    text=nasty_text(400),
    field=st.sampled_from(
        (
            "name",
            "street",
            "postal_code",
            "city",
            "phone",
            "email",
            "project_name",
            "project_number",
        )
    ),
    logo=st.one_of(st.none(), st.binary(max_size=64)),
)
def test_office_profile(office, text, field, logo):
    before = office.office.profile()
    values = {k: getattr(before, k) for k in OfficeInput.__dataclass_fields__}
    values[field] = text
    saved, error = attempt(office.db, lambda: office.office.update(OfficeInput(**values), logo))
    if error is None:
        stored = office.office.profile()
        assert getattr(stored, field) == text.strip() and stored == saved
    else:
        assert office.office.profile() == before
