"""The letters a case needs: their kinds, the fields a template may use, the clocks they move.

Kinds of letter (``KINDS``), each printed from a case:

- ``summons``: summons to complete a deficient application (art. 64 § 2 KPA); the case waits
  7 days (art. 35 § 5);
- ``delay_notice``: the decision will be late, with the new date and the reason (art. 36 KPA);
  the new date is the decision's deadline;
- ``interview_notice``: the date of the environmental interview;
- ``handoff_notice``: the case was handed to another team;
- ``delivery_record``: the decision's delivery record; the appeal period (art. 129 § 2) runs;
- ``general``: any other letter about the case, its content typed when printing.

A template of a kind may use the common fields (``COMMON_FIELDS``: the office, the client,
the case, the letter's date, the person printing) and the kind's own (``LetterKind.fields``);
it must use the kind's ``required`` fields (e.g. a summons must say what is missing).

The clocks (docs/law.md):

- **Summons** (art. 64 § 2 KPA): the party completes the application within 7 days from the
  summons' delivery; a period ending on a Saturday, Sunday or holiday ends on the next day
  that is none of these (art. 57 § 4). Those days do not count towards the decision's
  deadline (art. 35 § 5: periods the law gives for an act are not counted), so the case
  waits: ``summons_period`` gives the first and the last day the decision's clock stands.
- **Delivery of the decision**: the party may appeal within 14 days (art. 129 § 2), counted
  like any period in days; the decision is final the day after (``appeal_period``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from opsdesk.domain.deadlines import due_date
from opsdesk.i18n import N_, _

SUMMONS = "summons"
DELAY_NOTICE = "delay_notice"
INTERVIEW_NOTICE = "interview_notice"
HANDOFF_NOTICE = "handoff_notice"
DELIVERY_RECORD = "delivery_record"
GENERAL = "general"

COMPLETION_RULE = "completion"  # deadlines.RULES: 7 days, art. 64 § 2 KPA
APPEAL_RULE = "appeal"


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str  # untranslated (N_); show with _()
    sample: str  # shown in a template's preview (never real data)


def _fields(*specs: tuple[str, str, str]) -> dict[str, FieldSpec]:
    return {name: FieldSpec(name, label, sample) for name, label, sample in specs}


COMMON_FIELDS = _fields(
    ("data", N_("the letter's date"), "30.11.2026"),
    ("osrodek.nazwa", N_("the office's name"), "Ośrodek Pomocy Społecznej w Gryfinie"),
    ("osrodek.adres", N_("the office's address"), "ul. Łużycka 50, 74-100 Gryfino"),
    ("osrodek.miejscowosc", N_("the office's town"), "Gryfino"),
    ("osrodek.telefon", N_("the office's phone"), "91 416 20 11"),
    ("klient.imie_nazwisko", N_("the client's first and last name"), "Jan Kowalski"),
    ("klient.imie", N_("the client's first name"), "Jan"),
    ("klient.nazwisko", N_("the client's last name"), "Kowalski"),
    ("klient.adres", N_("the client's address"), "ul. Łużycka 5/3, 74-100 Gryfino"),
    ("klient.pesel", N_("the client's PESEL"), "80051412375"),
    ("sprawa.znak", N_("the case's file number"), "OPS.12.2026"),
    ("sprawa.rodzaj", N_("the kind of help"), "zasiłek okresowy"),
    ("sprawa.data_wniosku", N_("the application's date"), "16.11.2026"),
    ("sprawa.zespol", N_("the case's team"), "Zespół świadczeń"),
    ("sprawa.pracownik", N_("the case's worker"), "Anna Łęcka"),
    ("pracownik.imie_nazwisko", N_("the person printing the letter"), "Anna Łęcka"),
    ("pracownik.pokoj", N_("the room of the person printing"), "pokój 12"),
)


@dataclass(frozen=True)
class LetterKind:
    code: str
    label: str  # untranslated (N_)
    legal_basis: str  # untranslated (N_), "" when none
    fields: dict[str, FieldSpec]
    required: tuple[str, ...]  # fields every template of the kind must use
    needs_pending_decision: bool = False  # only while a decision is still to be issued
    addressed: bool = True  # the client's name and address on the letter
    signatures: tuple[str, ...] = ("z upoważnienia kierownika ośrodka",)  # printed, Polish

    @property
    def known(self) -> frozenset[str]:
        """Every placeholder a template of this kind may use."""
        return frozenset(COMMON_FIELDS) | frozenset(self.fields)

    def field(self, name: str) -> FieldSpec | None:
        return self.fields.get(name) or COMMON_FIELDS.get(name)

    def field_label(self, name: str) -> str:
        spec = self.field(name)
        return _(spec.label) if spec else name

    def samples(self) -> dict[str, str]:
        """Made-up values of every field, for a template's preview."""
        return {name: spec.sample for name, spec in (COMMON_FIELDS | self.fields).items()}


KINDS: dict[str, LetterKind] = {
    kind.code: kind
    for kind in (
        LetterKind(
            SUMMONS,
            N_("Summons to complete the application"),
            N_("art. 64 \u00a7 2 KPA"),
            _fields(
                ("braki", N_("what the application lacks"), "zaświadczenie o dochodach z ZUS"),
                ("termin_dni", N_("the period in days"), "7"),
                ("termin", N_("the last day of the period"), "09.12.2026"),
            ),
            required=("braki",),
            needs_pending_decision=True,
        ),
        LetterKind(
            DELAY_NOTICE,
            N_("Notice of delay (art. 36 KPA)"),
            N_("art. 36 \u00a7 1 KPA"),
            _fields(
                ("nowy_termin", N_("the new date of the decision"), "15.01.2027"),
                ("przyczyna", N_("why the decision is late"), "oczekiwanie na opinię lekarza"),
                ("dotychczasowy_termin", N_("the deadline so far"), "16.12.2026"),
            ),
            required=("nowy_termin", "przyczyna"),
            needs_pending_decision=True,
        ),
        LetterKind(
            INTERVIEW_NOTICE,
            N_("Notice of the environmental interview"),
            N_("art. 107 u.p.s."),
            _fields(
                ("wywiad.data", N_("the interview's date"), "03.12.2026"),
                ("wywiad.dzien_tygodnia", N_("the interview's day of the week"), "czwartek"),
                ("wywiad.godzina", N_("the interview's hour"), "10:00"),
            ),
            required=("wywiad.data",),
        ),
        LetterKind(
            HANDOFF_NOTICE,
            N_("Notice of the hand-off to another team"),
            "",
            _fields(
                ("przekazanie.zespol", N_("the team the case went to"), "Zespół pracy socjalnej"),
                ("przekazanie.znak", N_("the file number there"), "OPS.13.2026"),
                ("przekazanie.pracownik", N_("the worker there"), "Celina Żak"),
                ("przekazanie.data", N_("the hand-off's date"), "27.11.2026"),
            ),
            required=("przekazanie.zespol",),
        ),
        LetterKind(
            DELIVERY_RECORD,
            N_("Record of the decision's delivery"),
            N_("art. 46 KPA"),
            _fields(
                ("decyzja.numer", N_("the decision's number"), "OPS.5011.12.2026"),
                ("decyzja.data", N_("the decision's date"), "27.11.2026"),
                ("doreczenie.data", N_("the delivery's date"), "30.11.2026"),
                ("doreczenie.sposob", N_("how it was delivered"), "osobiście w siedzibie ośrodka"),
                ("odwolanie.termin", N_("the last day to appeal"), "14.12.2026"),
            ),
            required=("decyzja.data", "doreczenie.data"),
            addressed=False,
            signatures=("doręczający (podpis)", "odbierający (data i podpis)"),
        ),
        LetterKind(
            GENERAL,
            N_("Other letter"),
            "",
            _fields(("tresc", N_("the letter's content"), "Proszę o kontakt z ośrodkiem.")),
            required=("tresc",),
        ),
    )
}


def kind_of(code: str) -> LetterKind:
    """The kind ``code``; ValueError for an unknown one."""
    try:
        return KINDS[code]
    except KeyError:
        raise ValueError(f"unknown letter kind {code!r}") from None


def kind_label(code: str) -> str:
    kind = KINDS.get(code)
    return _(kind.label) if kind else code


# --- what a letter prints besides the template (always Polish: the office writes in Polish) ---

WEEKDAYS_PL = ("poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela")
DEFAULT_DELIVERY_MANNER = "osobiście, w siedzibie ośrodka"


def place_and_date(town: str, day: date) -> str:
    """ "Gryfino, dnia 30.11.2026" (no town: "dnia 30.11.2026")."""
    when = f"dnia {day.day:02d}.{day.month:02d}.{day.year}"
    return f"{town}, {when}" if town.strip() else when


def letter_footer(file_number: str, template_name: str, version: int | None) -> str:
    """ "OPS.12.2026 · Wezwanie …, wersja 3"; a template's preview (no version): "… · wzór"."""
    if version is None:
        return f"{file_number} \u00b7 {template_name} \u00b7 wzór"
    return f"{file_number} \u00b7 {template_name}, wersja {version}"


# --- clocks ----------------------------------------------------------------------------------

SUMMONS_DAYS = 7  # art. 64 § 2 KPA


@dataclass(frozen=True)
class SummonsPeriod:
    counted_from: date  # the summons' delivery: the day itself is not counted (art. 57 § 1)
    first_day: date  # the first day the decision's clock stands
    last_day: date  # the period's last day, after art. 57 § 4


def summons_period(counted_from: date) -> SummonsPeriod:
    """The 7 days to complete an application summoned on ``counted_from`` (its delivery):
    from the next day to the 7th, or the next day that is no Saturday, Sunday or holiday."""
    return SummonsPeriod(
        counted_from, counted_from + timedelta(days=1), due_date(COMPLETION_RULE, counted_from)
    )


@dataclass(frozen=True)
class AppealPeriod:
    delivered_on: date
    last_day: date  # the last day to appeal (art. 129 § 2, art. 57 § 4)
    final_from: date  # the first day the decision is final without an appeal


def appeal_period(delivered_on: date) -> AppealPeriod:
    last = due_date(APPEAL_RULE, delivered_on)
    return AppealPeriod(delivered_on, last, last + timedelta(days=1))
