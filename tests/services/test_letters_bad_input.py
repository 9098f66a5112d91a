"""Bad input to letters and their templates, for hypothesis: refused with a Polish message
per field and nothing saved, or printed and printed again exactly."""

from case_office import open_application
from hypothesis import given
from hypothesis import strategies as st
from safety.fuzzing import FUZZ_FEW, attempt, nasty_text, odd_dates, unknown_ids

from opsdesk.services.letters.records import LetterInputs, TemplateInput


def templates(anna, case_id):
    return {c.kind: c.template_id for c in anna.letters.choices(case_id)}


@FUZZ_FEW
@given(
    kind=st.sampled_from(["summons", "delay_notice", "interview_notice", "general"]),
    text=nasty_text(7000),
    day=st.one_of(st.none(), odd_dates()),
    hour=st.one_of(st.just("10:00"), nasty_text(10)),
)
def test_printing_with_any_text_and_date(world, kind, text, day, hour):
    anna, case_id = open_application(world)
    inputs = LetterInputs(
        counted_from=day,
        missing=text,
        new_date=day,
        reason=text,
        interview_on=day,
        interview_at=hour,
        content=text,
    )
    template_id = templates(anna, case_id)[kind]
    printed, error = attempt(
        world.db,
        lambda: anna.letters.print_letter(case_id, template_id, inputs),
        ignore=("audit_entry",),
    )
    if error is None:
        assert anna.letters.reprint(printed.letter.id) == printed.document
        if kind == "general":
            assert (
                printed.document.body.endswith(
                    "\n".join(line.rstrip() for line in text.strip().splitlines())
                )
                or "\r" in text
                or "\n\n\n" in text.replace(" ", "")
            )


@FUZZ_FEW
@given(case_id=unknown_ids(), template_id=unknown_ids(), letter_id=unknown_ids())
def test_unknown_ids_are_refused(world, case_id, template_id, letter_id):
    anna, own = open_application(world)
    for call in (
        lambda: anna.letters.print_letter(case_id, template_id, LetterInputs(content="A")),
        lambda: anna.letters.print_letter(own, template_id, LetterInputs(content="A")),
        lambda: anna.letters.reprint(letter_id),
        lambda: anna.letters.choices(case_id),
    ):
        _result, error = attempt(world.db, call, ignore=("audit_entry",))
        assert error is not None


@FUZZ_FEW
@given(name=nasty_text(300), title=nasty_text(400), body=nasty_text(3000))
def test_saving_a_template_with_any_text(world, name, title, body):
    manager = world.as_("manager")
    template = manager.letter_templates.templates()[-1]  # "general": needs {tresc}
    for text in (body, body + "{tresc}"):
        saved, error = attempt(
            world.db,
            lambda text=text: manager.letter_templates.save(
                template.id, TemplateInput(name, title, text)
            ),
        )
        if error is None:
            assert saved.name == name.strip()
            assert (saved.current.title, saved.current.body) == (title, text)
