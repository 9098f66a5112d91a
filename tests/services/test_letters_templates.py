"""The office's letter templates: shipped, checked on saving with the place of each problem,
saved in versions, restored, withdrawn; who may edit them; bad input."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from opsdesk.domain.letter_defaults import SHIPPED
from opsdesk.domain.roles import Action
from opsdesk.errors import NotFound, PermissionDenied, ValidationError
from opsdesk.services.letters.records import TemplateInput
from opsdesk.services.letters.templates import TemplateRefused
from opsdesk.storage.models import AuditEntry


@pytest.fixture
def manager(world):
    return world.as_("manager")


def summons_template(services):
    return next(t for t in services.letter_templates.templates() if t.kind == "summons")


def test_the_shipped_templates_are_there_as_version_1(manager):
    templates = manager.letter_templates.templates()
    assert [t.kind for t in templates] == [
        "summons",
        "delay_notice",
        "interview_notice",
        "handoff_notice",
        "delivery_record",
        "general",
    ]
    for template in templates:
        assert template.shipped and template.active and template.version == 1
        assert template.current.body == SHIPPED[template.kind].body
        assert template.current.created_by == ""
    assert templates[0].kind_label == "Wezwanie do uzupełnienia braków wniosku"


def test_kinds_list_their_fields_in_polish(manager):
    kinds = {k.code: k for k in manager.letter_templates.kinds()}
    summons = kinds["summons"]
    assert summons.legal_basis == "art. 64 § 2 KPA"
    fields = {f.name: f for f in summons.fields}
    assert fields["braki"].required and fields["braki"].label == "braki wniosku"
    assert fields["klient.imie_nazwisko"].label == "imię i nazwisko klienta"
    assert summons.inputs == ("missing", "counted_from")


def test_an_unknown_placeholder_is_refused_next_to_the_field_with_its_place(manager):
    template = summons_template(manager)
    body = "Wzywam do uzupełnienia:\n{braki}\nw terminie do {temin}."
    with pytest.raises(TemplateRefused) as error:
        manager.letter_templates.save(template.id, TemplateInput(template.name, "WEZWANIE", body))
    assert error.value.errors == {
        "body": "Nieznane pole {temin}; czy chodziło o {termin}? (wiersz 3, kolumna 15)"
    }
    place = error.value.places["body"]
    assert (place.offset, place.length) == (body.index("{temin}"), len("{temin}"))
    assert manager.letter_templates.get(template.id).version == 1  # nothing saved


def test_unbalanced_braces_in_the_title_are_refused(manager):
    template = summons_template(manager)
    with pytest.raises(TemplateRefused) as error:
        manager.letter_templates.save(
            template.id, TemplateInput(template.name, "WEZWANIE {sprawa.znak", "{braki}")
        )
    assert set(error.value.errors) == {"title"}
    assert "wiersz 1, kolumna 10" in error.value.errors["title"]


def test_a_field_the_kind_needs_must_be_in_the_text(manager):
    template = summons_template(manager)
    with pytest.raises(TemplateRefused) as error:
        manager.letter_templates.save(
            template.id, TemplateInput(template.name, "WEZWANIE", "Proszę uzupełnić wniosek.")
        )
    assert error.value.errors == {
        "body": "Pismo tego rodzaju musi zawierać: braki wniosku ({braki}); dodaj to pole do "
        "treści."
    }


def test_saving_adds_a_version_and_restoring_brings_the_shipped_text_back(world, manager):
    template = summons_template(manager)
    same = manager.letter_templates.save(
        template.id, TemplateInput(template.name, template.current.title, template.current.body)
    )
    assert same.version == 1  # nothing changed, no new version
    edited = manager.letter_templates.save(
        template.id, TemplateInput("Wezwanie (art. 64)", "WEZWANIE", "Braki: {braki}")
    )
    assert (edited.version, edited.name, edited.current.created_by) == (
        2,
        "Wezwanie (art. 64)",
        "Jolanta Świątek",
    )
    restored = manager.letter_templates.restore_shipped(template.id)
    assert restored.version == 3 and restored.current.body == SHIPPED["summons"].body
    versions = manager.letter_templates.versions(template.id)
    assert [v.version for v in versions] == [3, 2, 1]
    assert versions[1].body == "Braki: {braki}"
    with world.db.reading() as session:
        details = session.scalars(
            select(AuditEntry.detail).where(AuditEntry.entity == "letter_template")
        ).all()
    assert details == ["name, version 2", "version 3"]


def test_a_new_template_and_withdrawing_one(manager):
    created = manager.letter_templates.create(
        TemplateInput("Wezwanie – krótkie", "WEZWANIE", "Proszę dostarczyć: {braki}", "summons")
    )
    assert (created.version, created.shipped, created.kind) == (1, False, "summons")
    with pytest.raises(ValidationError) as error:
        manager.letter_templates.create(
            TemplateInput("wezwanie – KRÓTKIE", "W", "{braki}", "summons")
        )
    assert error.value.errors == {"name": "Inny szablon ma już tę nazwę."}
    with pytest.raises(ValidationError) as error:
        manager.letter_templates.restore_shipped(created.id)
    assert set(error.value.errors) == {"template"}
    withdrawn = manager.letter_templates.set_active(created.id, False)
    assert not withdrawn.active


def test_preview_uses_made_up_data_and_the_office_letterhead(world):
    admin = world.as_("admin")  # sees no client data: the preview is made up
    template = summons_template(admin)
    document = admin.letter_templates.preview(
        "summons", TemplateInput(template.name, template.current.title, template.current.body)
    )
    assert document.office_name == "Ośrodek Pomocy Społecznej w Gryfinie"
    assert document.addressee == ("Jan Kowalski", "ul. Łużycka 5/3", "74-100 Gryfino")
    assert "zaświadczenie o dochodach z ZUS" in document.body
    assert document.footer.endswith("wzór") and document.letter_id is None
    with pytest.raises(TemplateRefused):
        admin.letter_templates.preview("summons", TemplateInput("x", "T", "{nic}"))


def test_who_may_edit_templates(make_person):
    from safety.matrix import assert_roles

    assert_roles(make_person, lambda s: s.letter_templates.templates(), Action.LETTER_TEMPLATES)
    assert_roles(
        make_person,
        lambda s: s.letter_templates.save(999_999, TemplateInput("a", "b", "c")),
        Action.LETTER_TEMPLATES,
    )


def test_unknown_template(manager):
    with pytest.raises(NotFound):
        manager.letter_templates.get(999_999)
    with pytest.raises(PermissionDenied):
        manager.as_actor(None).letter_templates.get(1)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.text(max_size=200),
    title=st.text(max_size=400),
    body=st.text(max_size=500),
)
def test_bad_input_is_refused_next_to_a_field_and_nothing_else_happens(manager, name, title, body):
    template = summons_template(manager)
    try:
        manager.letter_templates.save(template.id, TemplateInput(name, title, body))
    except ValidationError as error:
        assert error.errors and set(error.errors) <= {"name", "title", "body"}
