"""Letter templates: the scanner, its places, rendering, and that nothing in a template runs or
leaks (property tests with Hypothesis)."""

import string
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opsdesk.domain.letter_defaults import SHIPPED
from opsdesk.domain.letter_templates import (
    MissingValues,
    Placeholder,
    TemplateError,
    Text,
    missing_required,
    parse,
    place_of,
    problems,
    render,
)
from opsdesk.domain.letters import (
    COMMON_FIELDS,
    KINDS,
    SUMMONS,
    appeal_period,
    kind_of,
    summons_period,
)

KNOWN = frozenset({"klient.imie_nazwisko", "sprawa.znak", "termin", "braki"})


# --- scanning ---------------------------------------------------------------------------------


def test_placeholders_and_text_in_order():
    template = parse("Znak: {sprawa.znak}, termin {termin}.", KNOWN)
    assert template.parts == (
        Text("Znak: "),
        Placeholder("sprawa.znak", False, 6),
        Text(", termin "),
        Placeholder("termin", False, 28),
        Text("."),
    )
    assert template.names == ("sprawa.znak", "termin")


def test_doubled_braces_are_braces():
    template = parse("{{sprawa.znak}} to {sprawa.znak}; }} {{", KNOWN)
    assert render(template, {"sprawa.znak": "OPS.1.2026"}) == "{sprawa.znak} to OPS.1.2026; } {"


def test_optional_placeholder_prints_nothing_when_empty():
    template = parse("A{termin?}B", KNOWN)
    assert template.required_names == ()
    assert render(template, {}) == "AB"
    assert render(template, {"termin": "  "}) == "AB"
    assert render(template, {"termin": "X"}) == "AXB"


def test_unknown_placeholder_is_refused_with_its_place_and_a_suggestion():
    text = "Szanowny Panie,\nsprawa {sprawa.znak} z dnia {sprawa.znk}."
    with pytest.raises(TemplateError) as caught:
        parse(text, KNOWN)
    error = caught.value
    assert (error.place.line, error.place.column) == (2, 29)
    assert error.place.offset == text.index("{sprawa.znk}")
    assert error.place.length == len("{sprawa.znk}")
    assert "{sprawa.znk}" in str(error) and "{sprawa.znak}" in str(error)
    assert "wiersz 2, kolumna 29" in str(error)


def test_unclosed_brace_is_refused_at_the_brace():
    with pytest.raises(TemplateError) as caught:
        parse("Termin: {termin\nnastępny wiersz", KNOWN)
    assert (caught.value.place.line, caught.value.place.column) == (1, 9)
    assert "nie jest zamknięty" in str(caught.value)


def test_closing_brace_alone_is_refused():
    with pytest.raises(TemplateError) as caught:
        parse("ab\n  cd } ef", KNOWN)
    assert (caught.value.place.line, caught.value.place.column) == (2, 6)


def test_every_problem_is_listed_in_order():
    found = problems("{x} {sprawa.znak} { } {termin", KNOWN)
    assert [p.place.column for p in found] == [1, 19, 23]


@pytest.mark.parametrize(
    "text",
    [
        "{}",
        "{ termin }",
        "{Termin}",
        "{0}",
        "{termin!r}",
        "{termin:>10}",
        "{klient.__class__}",
        "{__import__}",
        "{klient[0]}",
        "{klient.imię}",
        "{klient..imie}",
        "{.klient}",
        "{klient.}",
        "{" + "a" * 61 + "}",
    ],
)
def test_anything_but_a_plain_name_is_no_placeholder(text):
    with pytest.raises(TemplateError):
        parse(text)  # refused even when any name would be known


def test_a_template_must_use_its_kinds_required_fields():
    template = parse("Proszę o dokumenty: {braki?}", KNOWN)
    assert missing_required(template, ("braki",)) == ("braki",)
    assert missing_required(parse("{braki}", KNOWN), ("braki",)) == ()


def test_place_of_counts_lines_and_columns_from_one():
    assert place_of("abc", 0) == place_of("abc", 0, 1)
    assert (place_of("ab\ncd", 3).line, place_of("ab\ncd", 3).column) == (2, 1)
    assert (place_of("ab\ncd", 2).line, place_of("ab\ncd", 2).column) == (1, 3)


# --- rendering --------------------------------------------------------------------------------


def test_missing_values_refuse_the_letter_naming_every_field():
    template = parse("{klient.imie_nazwisko}: {braki} {braki} {termin}", KNOWN)
    with pytest.raises(MissingValues) as caught:
        render(
            template,
            {"klient.imie_nazwisko": "Jan", "termin": " "},
            label=lambda name: {"braki": "braki wniosku", "termin": "termin"}[name],
        )
    assert caught.value.names == ("braki", "termin")
    assert "braki wniosku ({braki})" in str(caught.value)
    assert "termin ({termin})" in str(caught.value)


def test_values_must_be_plain_text():
    template = parse("{termin}", KNOWN)
    with pytest.raises(TypeError):
        render(template, {"termin": date(2026, 12, 7)})


# --- nothing runs, nothing leaks --------------------------------------------------------------

names = st.sampled_from(sorted(KNOWN))
any_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80)
tricky = st.one_of(
    any_text,
    st.sampled_from(
        [
            "{sprawa.znak}",
            "{{termin}}",
            "{0.__class__.__mro__}",
            "%(termin)s",
            "${termin}",
            "{{",
            "}",
            "\x00",
            "{klient.imie_nazwisko!r}",
        ]
    ),
)
literal = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="{}"),
    max_size=30,
)


@st.composite
def templates(draw):
    """A sound template and what it renders to, built piece by piece."""
    pieces = draw(st.lists(st.one_of(literal, names.map(lambda n: ("field", n))), max_size=8))
    values = draw(st.fixed_dictionaries({n: tricky.filter(str.strip) for n in sorted(KNOWN)}))
    source, expected = [], []
    for piece in pieces:
        if isinstance(piece, tuple):
            source.append("{" + piece[1] + "}")
            expected.append(values[piece[1]])
        else:
            source.append(piece)
            expected.append(piece)
    return "".join(source), values, "".join(expected)


@settings(max_examples=300)
@given(templates())
def test_rendering_puts_each_value_in_verbatim_and_nothing_else(case):
    source, values, expected = case
    assert render(parse(source, KNOWN), values) == expected


class Spy(str):
    """A str that records any attempt to format, convert or inspect it."""

    touched: list[str] = []

    def __format__(self, spec):
        Spy.touched.append("format")
        return "FORMATTED"

    def __str__(self):
        Spy.touched.append("str")
        return "STRINGIFIED"

    def __getattribute__(self, name):
        if name not in ("__class__", "strip"):
            Spy.touched.append(name)
        return super().__getattribute__(name)


@settings(max_examples=100)
@given(templates())
def test_a_value_that_is_not_a_plain_str_is_refused_untouched(case):
    source, values, _expected = case
    template = parse(source, KNOWN)
    if not template.names:
        return
    Spy.touched = []
    sneaky = dict(values)
    sneaky[template.names[0]] = Spy("x")
    with pytest.raises(TypeError):
        render(template, sneaky)
    assert Spy.touched == []


@settings(max_examples=300)
@given(any_text, st.dictionaries(names, tricky))
def test_scanning_any_text_either_parses_or_says_where(text, values):
    try:
        template = parse(text, KNOWN)
    except TemplateError as error:
        assert 0 <= error.place.offset <= len(text)
        assert error.place.line == text.count("\n", 0, error.place.offset) + 1
        assert str(error)
        return
    try:
        rendered = render(template, values)
    except MissingValues as missing:
        assert set(missing.names) <= set(template.required_names)
        assert not set(missing.names) & {n for n, v in values.items() if v.strip()}
        return
    # what is printed is the template's literal text and the values of the fields it uses
    literal_text = "".join(p.text for p in template.parts if isinstance(p, Text))
    used = "".join(values.get(n, "") for n in template.names)
    assert len(rendered) <= len(literal_text) + len(used) * len(template.parts)
    if not template.names:
        assert rendered == text.replace("{{", "{").replace("}}", "}")


@settings(max_examples=200)
@given(st.dictionaries(names, tricky), st.text(alphabet=string.ascii_letters, min_size=8))
def test_values_of_unused_fields_never_appear(values, secret):
    template = parse("Znak: {sprawa.znak}", KNOWN)
    values = dict(values, **{"sprawa.znak": "OPS.1.2026", "klient.imie_nazwisko": secret})
    assert render(template, values) == "Znak: OPS.1.2026"


# --- the shipped letters -----------------------------------------------------------------------


def test_every_kind_has_a_shipped_template_using_its_required_fields():
    assert set(SHIPPED) == set(KINDS)
    for code, shipped in SHIPPED.items():
        kind = kind_of(code)
        title, body = parse(shipped.title, kind.known), parse(shipped.body, kind.known)
        assert missing_required(body, kind.required) == (), code
        text = render(body, kind.samples())
        assert "{" not in text and "}" not in text
        assert render(title, kind.samples()).strip()


def test_every_field_has_a_polish_label():
    for kind in KINDS.values():
        for name in kind.known:
            assert kind.field_label(name) != kind.field(name).label or name in COMMON_FIELDS, name
    assert kind_of(SUMMONS).field_label("klient.pesel") == "PESEL klienta"


# --- the clocks --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("delivered", "first", "last"),
    [
        # Mon 30.11.2026 + 7 days = Mon 07.12.2026, a working day
        (date(2026, 11, 30), date(2026, 12, 1), date(2026, 12, 7)),
        # Tue 01.12.2026 + 7 = Tue 08.12.2026
        (date(2026, 12, 1), date(2026, 12, 2), date(2026, 12, 8)),
        # Thu 03.12.2026 + 7 = Thu 10.12.2026
        (date(2026, 12, 3), date(2026, 12, 4), date(2026, 12, 10)),
        # Sat 28.11.2026 (delivered by post on a Saturday) + 7 = Sat 05.12.2026 -> Mon 07.12
        (date(2026, 11, 28), date(2026, 11, 29), date(2026, 12, 7)),
        # Fri 27.11.2026 + 7 = Fri 04.12.2026
        (date(2026, 11, 27), date(2026, 11, 28), date(2026, 12, 4)),
        # Thu 17.12.2026 + 7 = Thu 24.12.2026, Christmas Eve (a holiday since 2025), 25, 26
        # holidays, 27 Sunday -> Mon 28.12.2026
        (date(2026, 12, 17), date(2026, 12, 18), date(2026, 12, 28)),
        # Wed 04.11.2026 + 7 = Wed 11.11.2026, Independence Day -> Thu 12.11.2026
        (date(2026, 11, 4), date(2026, 11, 5), date(2026, 11, 12)),
        # Fri 25.12.2026 + 7 = Fri 01.01.2027, New Year -> Mon 04.01.2027
        (date(2026, 12, 25), date(2026, 12, 26), date(2027, 1, 4)),
    ],
)
def test_summons_period_art_64_and_57(delivered, first, last):
    period = summons_period(delivered)
    assert (period.first_day, period.last_day) == (first, last)


def test_appeal_period_ends_14_days_after_delivery_or_the_next_working_day():
    # Mon 30.11.2026 + 14 = Mon 14.12.2026; final from Tue 15.12
    assert appeal_period(date(2026, 11, 30)).last_day == date(2026, 12, 14)
    assert appeal_period(date(2026, 11, 30)).final_from == date(2026, 12, 15)
    # Thu 10.12.2026 + 14 = Thu 24.12.2026 (holiday), 25, 26, 27 -> Mon 28.12.2026
    assert appeal_period(date(2026, 12, 10)).last_day == date(2026, 12, 28)


def test_a_summons_moves_the_decision_and_the_case_waits_for_the_party():
    from opsdesk.domain.case_rules import CaseFacts, case_deadlines, next_deadline

    applied = date(2026, 11, 16)  # decision due Wed 16.12.2026
    period = summons_period(date(2026, 11, 28))  # delivered on a Saturday: 29.11 - 07.12
    facts = CaseFacts(
        application_date=applied,
        needs_decision=True,
        interview_date=date(2026, 11, 20),
        suspensions=((period.first_day, period.last_day),),
        awaiting_completion=period.last_day,
    )
    today = date(2026, 11, 30)
    found = {d.rule: d for d in case_deadlines(facts, today)}
    # 9 days (29.11-07.12) do not count: 16.12 + 9 = Fri 25.12 (holiday), 26.12 holiday,
    # 27.12 Sunday -> Mon 28.12.2026
    assert found["decision"].due == date(2026, 12, 28)
    assert not found["decision"].stopped  # a period with a known end stops nothing
    assert found["completion"].due == date(2026, 12, 7)
    assert next_deadline(facts, today).rule == "completion"
    settled = CaseFacts(**{**facts.__dict__, "awaiting_completion": None})
    assert next_deadline(settled, today).rule == "decision"


def test_resuming_today_leaves_the_decision_clock_running():
    from opsdesk.domain.case_rules import CaseFacts, next_deadline, open_suspension

    today = date(2026, 11, 30)
    facts = CaseFacts(
        application_date=date(2026, 11, 2),
        needs_decision=True,
        interview_date=date(2026, 11, 5),
        suspensions=((date(2026, 11, 20), today),),
    )
    assert open_suspension(facts, today) is None
    assert next_deadline(facts, today).rule == "decision"
