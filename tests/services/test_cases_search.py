"""Search across boards: by client, file number, status, worker and deadline, grouped by
board, only the boards the person may see; saved filters per person."""

from datetime import date

import pytest
from case_office import fill_board
from sqlalchemy import select

from opsdesk.errors import NotFound, ValidationError
from opsdesk.services.cases.search import CLOSED, OPEN, CaseQuery, file_number_parts
from opsdesk.storage.models import AuditEntry


@pytest.fixture
def ids(world):
    """The benefits board of fill_board (today Monday 16.03.2026) and a social work case of
    Jan Kowalski."""
    ids = fill_board(world)
    ids["social"] = world.open_case("celina", "kowalski", "praca_socjalna", date(2026, 3, 12))
    return ids


def found(services, **query):
    return {
        board.team_name: [h.id for h in board.hits]
        for board in services.case_search.search(CaseQuery(**query))
    }


def test_a_client_is_found_on_every_board_the_manager_sees(world, ids):
    manager = world.as_("manager")
    boards = manager.case_search.search(CaseQuery(text="kowal"))
    assert [(b.team_name, b.total) for b in boards] == [
        ("Zespół świadczeń", 3),
        ("Zespół pracy socjalnej i usług", 1),
    ]
    assert boards[0].hits[0].id == ids["urgent"]  # the earliest deadline first
    assert boards[0].hits[0].client_name == "Kowalski Jan"
    assert found(manager, text="jan kowalski") == found(manager, text="Kowalski J")
    assert found(manager, text="80051412375") == found(manager, text="kowalski")
    assert found(manager, text="nikt taki") == {}


def test_a_worker_searches_only_their_own_board(world, ids):
    assert found(world.as_("celina"), text="kowalski") == {
        "Zespół pracy socjalnej i usług": [ids["social"]]
    }
    assert list(found(world.as_("anna"), text="kowalski")) == ["Zespół świadczeń"]


def test_by_file_number_whole_or_by_its_sequence(world, ids):
    manager = world.as_("manager")
    assert file_number_parts("OPS.12.2026") == (12, 2026)
    assert file_number_parts("12/2026") == (12, 2026)
    assert file_number_parts("12") == (12, None)
    assert file_number_parts("2026") == (None, None)
    number = manager.cases.get(ids["fresh"]).summary.file_number  # OPS.2.2026
    for typed in (number, number.lower(), "2", "2/2026", "2.2026"):
        assert found(manager, file_number=typed) == {"Zespół świadczeń": [ids["fresh"]]}, typed
    assert found(manager, file_number="2/2025") == {}


def test_by_status_worker_and_deadline(world, ids):
    manager = world.as_("manager")
    assert found(manager, status=CLOSED) == {"Zespół świadczeń": [ids["closed"]]}
    assert found(manager, status="interview", team_id=world.teams["benefits"]) == {
        "Zespół świadczeń": [ids["interview"]]
    }
    bartosz = found(manager, worker_id=world.staff["bartosz"], status=OPEN)
    assert set(bartosz["Zespół świadczeń"]) == {ids["fresh"], ids["decided"]}
    assert found(world.as_("bartosz"), mine=True) == bartosz
    assert found(manager, due_period="overdue") == {"Zespół świadczeń": [ids["urgent"]]}
    # this week: Monday 16.03 to Sunday 22.03 — the interview due 19.03
    assert found(manager, due_period="this_week") == {"Zespół świadczeń": [ids["interview"]]}
    assert found(manager, due_from=date(2026, 3, 1), due_to=date(2026, 3, 19)) == {
        "Zespół świadczeń": [ids["urgent"], ids["interview"]]
    }
    assert found(manager, deadline="interview", due_to=date(2026, 3, 19)) == found(
        manager, due_to=date(2026, 3, 19)
    )
    with pytest.raises(ValidationError) as error:
        manager.case_search.search(CaseQuery(due_from=date(2026, 3, 20), due_to=date(2026, 3, 1)))
    assert "due_to" in error.value.errors


def test_the_cases_shown_are_audited(world, ids):
    world.as_("anna").case_search.search(CaseQuery(text="kowalski"))
    world.db.behind.flush()  # the list entries are written behind the read
    with world.db.reading() as session:
        detail = session.scalar(
            select(AuditEntry.detail).where(
                AuditEntry.action == "list", AuditEntry.actor_login == "anna"
            )
        )
    assert detail.startswith('case search: {"text": "kowalski"}') and detail.endswith("(3)")


def test_saved_filters_are_each_persons_own(world, ids):
    anna, bartosz = world.as_("anna"), world.as_("bartosz")
    assert [f.name for f in anna.case_search.ready_filters()] == [
        "Moje przeterminowane",
        "Moje terminy w tym tygodniu",
        "Decyzje w tym tygodniu",
    ]
    query = CaseQuery(mine=True, status=OPEN, due_to=date(2026, 4, 30))
    saved = anna.case_search.save_filter("  moje  do końca kwietnia ", query)
    assert saved.name == "moje do końca kwietnia"
    assert [(f.name, f.query) for f in anna.case_search.saved_filters()] == [
        ("moje do końca kwietnia", query)
    ]
    anna.case_search.save_filter("moje do końca kwietnia", CaseQuery(mine=True))
    assert [f.query for f in anna.case_search.saved_filters()] == [CaseQuery(mine=True)]
    assert bartosz.case_search.saved_filters() == []
    with pytest.raises(NotFound):
        bartosz.case_search.delete_filter(saved.id)
    with pytest.raises(ValidationError) as error:
        anna.case_search.save_filter("pusty", CaseQuery())
    assert "name" in error.value.errors
    anna.case_search.delete_filter(saved.id)
    assert anna.case_search.saved_filters() == []


def test_a_saved_period_is_relative_to_the_day_it_is_run(world, ids):
    anna = world.as_("anna")
    anna.case_search.save_filter("przeterminowane", CaseQuery(due_period="overdue"))
    [saved] = anna.case_search.saved_filters()
    assert found(anna, **vars(saved.query)) == {"Zespół świadczeń": [ids["urgent"]]}
    world.clock.moment = world.clock.moment.replace(day=25)
    assert set(found(anna, **vars(saved.query))["Zespół świadczeń"]) == {
        ids["urgent"],
        ids["interview"],
    }


def test_the_text_of_notes_is_found_where_the_notes_may_be_read(world, ids):
    """Issue 17: "text of notes" — every word in one note, without regard to case or Polish
    letters; the notes of another team's case are never searched; audited like the rest."""
    world.as_("anna").case_notes.add(ids["interview"], "Klient dostarczy ZAŚWIADCZENIE z ZUS.")
    world.as_("anna").case_notes.add(ids["fresh"], "Zaświadczenie o dochodach w aktach.")
    world.as_("celina").case_notes.add(ids["social"], "Rozmowa o zaświadczeniu z ZUS; 50% rabatu")
    manager = world.as_("manager")
    assert found(manager, notes="zaswiadczenie zus") == {"Zespół świadczeń": [ids["interview"]]}
    assert found(manager, notes="Zaświadczeni") == {
        "Zespół świadczeń": [ids["interview"], ids["fresh"]],
        "Zespół pracy socjalnej i usług": [ids["social"]],
    }
    assert found(manager, notes="zus dochodach") == {}  # the words of one note
    assert found(manager, notes="50%") == {"Zespół pracy socjalnej i usług": [ids["social"]]}
    assert found(manager, notes="5_%") == {}  # no wildcards
    # combined with the other fields, e.g. the client
    assert found(manager, notes="zaświadczenie", text="wąsik") == {
        "Zespół świadczeń": [ids["fresh"]]
    }
    # a worker searches the notes of their own team's cases only
    assert found(world.as_("celina"), notes="zaświadczeni") == {
        "Zespół pracy socjalnej i usług": [ids["social"]]
    }
    assert list(found(world.as_("anna"), notes="zaświadczeniu")) == []
    with pytest.raises(ValidationError) as error:
        manager.case_search.search(CaseQuery(notes="słowo " * 13))
    assert "notes" in error.value.errors
    world.db.behind.flush()  # the list entries are written behind the read
    with world.db.reading() as session:
        detail = session.scalar(
            select(AuditEntry.detail)
            .where(AuditEntry.action == "list", AuditEntry.actor_login == "celina")
            .order_by(AuditEntry.id.desc())
        )
    assert detail.startswith('case search: {"notes": "zaświadczeni"}') and detail.endswith("(1)")
    saved = manager.case_search.save_filter("ZUS", CaseQuery(notes="zus"))
    assert manager.case_search.saved_filters() == [saved] and saved.query.notes == "zus"
