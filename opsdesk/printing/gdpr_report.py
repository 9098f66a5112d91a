"""A client's data report for an access request (art. 15 GDPR / RODO): everything the office
stores about the person, and who accessed it, with the date and who produced the report.

Built from ``opsdesk.services.reports.records.GdprReport``; uses ReportLab (import only when
a document is made, e.g. through ``opsdesk.printing.documents``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from opsdesk.i18n import N_, _
from opsdesk.printing.formatting import format_date, format_datetime, format_time
from opsdesk.printing.header import DocumentInfo
from opsdesk.printing.layout import build_a4_pdf
from opsdesk.printing.office import office_header
from opsdesk.printing.signatures import signature_lines, signed_ending
from opsdesk.printing.styles import para
from opsdesk.printing.tables import data_table, facts_table
from opsdesk.services.reports.records import GDPR_SECTIONS, GdprCase, GdprReport

SEX_LABELS = {"F": N_("female"), "M": N_("male")}


def _sex(value: str | None) -> str:
    return _(SEX_LABELS[value]) if value in SEX_LABELS else "—"


def _dash(text: str | None) -> str:
    return text if text else "—"


def _hours(start: dt.time, minutes: int) -> str:
    """ "12:00–13:30"."""
    end = dt.datetime.combine(dt.date.min, start) + dt.timedelta(minutes=minutes)
    return f"{format_time(start)}–{format_time(end.time())}"


def _heading(text: str) -> Flowable:
    return para(text, "heading")


def _table_or_none(
    title: str, header: Sequence[str], rows: list[list], weights, align=None
) -> list[Flowable]:
    """A section heading with its table, or "none" under the heading."""
    if not rows:
        return [KeepTogether([_heading(title), para(_("None."), "muted")])]
    return [_heading(title), data_table(header, rows, weights=weights, align=align)]


def _intro(report: GdprReport) -> list[Flowable]:
    text = _(
        "This report lists the personal data of {person} that {office} stores, and who "
        "accessed them, as of {when}. It was prepared at the request of the person the data "
        "concern (art. 15 of the General Data Protection Regulation) by {author}."
    ).format(
        person=report.display_name,
        office=report.office.name,
        when=format_datetime(report.generated_at),
        author=report.prepared_by,
    )
    return [para(text, "body"), Spacer(1, 2 * mm)]


def _information(report: GdprReport) -> list[Flowable]:
    """Art. 15(1)(a)-(h) and 15(2): the office's texts, each under its heading."""
    information = report.information
    if information is None:
        return []
    content: list[Flowable] = [
        _heading(_("Information on the processing (art. 15(1) and (2) GDPR)"))
    ]
    for field, label in GDPR_SECTIONS:
        if field == "copy":
            continue
        content.append(
            KeepTogether(
                [
                    para(_(label), "value"),
                    para(getattr(information, field), "body"),
                    Spacer(1, 1.5 * mm),
                ]
            )
        )
    return content


def _copy(report: GdprReport) -> list[Flowable]:
    """Art. 15(3): this report is the copy of the data."""
    if report.information is None:
        return []
    return [
        KeepTogether(
            [
                _heading(_("Copy of the data (art. 15(3) GDPR)")),
                para(report.information.copy, "body"),
            ]
        )
    ]


def _identity(report: GdprReport) -> list[Flowable]:
    person = report.identity
    facts = [
        (_("First name"), person.first_name),
        (_("Last name"), person.last_name),
        (_("PESEL"), _dash(person.pesel)),
        (_("Identity document"), _dash(person.document_number)),
        (_("Date of birth"), _dash(format_date(person.birth_date))),
        (_("Sex"), _sex(person.sex)),
        (_("Address"), _dash(person.address)),
        (_("Phone"), _dash(person.phone)),
        (_("E-mail"), _dash(person.email)),
        (_("Region"), _dash(person.region_name)),
        (_("Client code (used instead of the name on hour sheets)"), person.code),
        (
            _("Registered / last changed"),
            f"{format_datetime(person.created_at)} / {format_datetime(person.updated_at)}",
        ),
    ]
    content = [_heading(_("Identity and contact data")), facts_table(facts)]
    if person.household:
        rows = [[name, _dash(relation)] for name, relation in person.household]
        title = _("Household (the person's relation: {relation})").format(
            relation=_dash(person.household_relation)
        )
        content += [_heading(title), data_table([_("Member"), _("Relation")], rows, weights=(2, 1))]
    return content


def _visits(report: GdprReport) -> list[Flowable]:
    rows = [
        [
            f"{n}.",
            format_datetime(v.arrived_at),
            v.channel_label,
            _dash(v.purpose_name),
            " — ".join(p for p in (v.team_name, v.worker_name) if p) or "—",
            _dash(v.outcome_label or v.state_label),
            _dash(v.note),
        ]
        for n, v in enumerate(report.visits, start=1)
    ]
    header = [
        _("No."),
        _("Date and time"),
        _("Channel"),
        _("Matter"),
        _("Referred to"),
        _("Outcome"),
        _("Note"),
    ]
    return _table_or_none(
        _("Contacts with the centre"),
        header,
        rows,
        weights=(0.45, 1.2, 0.9, 1.5, 1.7, 1.2, 2.0),
        align=("RIGHT",) + ("LEFT",) * 6,
    )


def _case(case: GdprCase) -> list[Flowable]:
    flags = [
        label
        for flag, label in (
            (case.urgent, _("urgent")),
            (case.complex, _("particularly complicated")),
        )
        if flag
    ]
    facts = [
        (_("Team"), case.team_name),
        (_("Worker"), _dash(case.worker_name)),
        (_("Status"), case.status_name + (f" ({', '.join(flags)})" if flags else "")),
        (_("Application of"), format_date(case.application_date)),
        (_("Environmental interview"), _dash(format_date(case.interview_date))),
        (_("Decision"), _dash(format_date(case.decision_date))),
        (
            _("Opened / closed"),
            f"{format_datetime(case.created_at)} / {_dash(format_datetime(case.closed_at))}",
        ),
        (_("Outcome"), _dash(case.outcome)),
    ]
    if case.notice_new_date:
        facts.append((_("New date given (art. 36 KPA)"), format_date(case.notice_new_date)))
    title = _("Case {number}: {kind}").format(number=case.file_number, kind=case.kind_name)
    content: list[Flowable] = [KeepTogether([_heading(title), facts_table(facts)])]
    if case.summary:
        content += [
            Spacer(1, 2 * mm),
            para(_("Description: {text}").format(text=case.summary), "small"),
        ]
    if case.suspensions:
        rows = [
            [format_date(start), _dash(format_date(end)), _dash(reason)]
            for start, end, reason in case.suspensions
        ]
        content += [
            Spacer(1, 2 * mm),
            data_table([_("Suspended from"), _("Until"), _("Reason")], rows, weights=(1, 1, 3)),
        ]
    if case.events:
        rows = [
            [
                format_datetime(e.at),
                _dash(e.actor_name),
                e.label,
                _dash(e.from_value),
                _dash(e.to_value),
                _dash(e.reason),
            ]
            for e in case.events
        ]
        content += [
            Spacer(1, 2 * mm),
            data_table(
                [_("When"), _("Who"), _("Change"), _("From"), _("To"), _("Why")],
                rows,
                weights=(1.15, 1.3, 1.5, 1.2, 1.2, 1.6),
            ),
        ]
    if case.letters:
        rows = [[format_datetime(at), title] for at, title in case.letters]
        content += [
            Spacer(1, 2 * mm),
            data_table([_("Letter of"), _("Letter")], rows, weights=(1.1, 6.3)),
        ]
    if case.notes:
        rows = [[format_datetime(n.at), _dash(n.author_name), n.text] for n in case.notes]
        content += [
            Spacer(1, 2 * mm),
            data_table([_("Note of"), _("Author"), _("Text")], rows, weights=(1.1, 1.3, 5)),
        ]
    return content


def _cases(report: GdprReport) -> list[Flowable]:
    if not report.cases:
        return [KeepTogether([_heading(_("Cases")), para(_("None."), "muted")])]
    content: list[Flowable] = []
    for case in report.cases:
        content += _case(case)
    return content


def _sessions(report: GdprReport) -> list[Flowable]:
    rows = [
        [
            format_date(s.day),
            _hours(s.start, s.minutes),
            s.form_label,
            s.provider_name,
            s.contract_number,
            s.state_label,
            _("kept by the psychologist") if s.has_private_note else "—",
        ]
        for s in report.sessions
    ]
    header = [
        _("Date"),
        _("Time"),
        _("Form"),
        _("Conducted by"),
        _("Contract"),
        _("State"),
        _("Private note"),
    ]
    content = _table_or_none(
        _("Consultations and sessions"), header, rows, weights=(1, 1.15, 1.5, 1.5, 1.1, 0.9, 1.3)
    )
    if any(s.has_private_note for s in report.sessions):
        content.append(Spacer(1, 1.5 * mm))
        content.append(
            para(
                _(
                    "The psychologist's private notes are kept by the psychologist alone; their "
                    "content is made available by the psychologist."
                ),
                "muted",
            )
        )
    return content


def _bookings(report: GdprReport) -> list[Flowable]:
    rows = [
        [
            format_date(b.starts_at),
            f"{format_time(b.starts_at.time())}–{format_time(b.ends_at.time())}",
            b.room,
            _dash(b.worker_name),
            _("cancelled") if b.cancelled else _("booked"),
            _dash(b.note),
        ]
        for b in report.room_bookings
    ]
    header = [_("Date"), _("Hours"), _("Room"), _("Worker"), _("State"), _("Note")]
    return _table_or_none(_("Room bookings"), header, rows, weights=(1, 1, 1.4, 1.5, 1.15, 1.8))


def _access(report: GdprReport) -> list[Flowable]:
    rows = [
        [f"{n}.", format_datetime(a.at), a.who, a.action_label, a.subject]
        for n, a in enumerate(report.access, start=1)
    ]
    return _table_or_none(
        _("Who accessed the data (audit log)"),
        [_("No."), _("Date and time"), _("Person"), _("Activity"), _("Concerning")],
        rows,
        weights=(0.45, 1.2, 2.0, 1.3, 2.2),
        align=("RIGHT",) + ("LEFT",) * 4,
    )


def gdpr_story(report: GdprReport) -> list[Flowable]:
    signatures = signature_lines([_("prepared by")], [report.prepared_by])
    return [
        *_intro(report),
        *_information(report),
        *_identity(report),
        *_visits(report),
        *_cases(report),
        *_sessions(report),
        *_bookings(report),
        *_signed_access(report, signatures),
    ]


def _signed_access(report: GdprReport, signatures: list[Flowable]) -> list[Flowable]:
    """The last section and the art. 15(3) statement, with the signature kept beside the
    section's last rows."""
    access = _access(report)
    copy = _copy(report)
    if len(access) == 2:
        heading, table = access
        return signed_ending(signatures, before=[heading], table=table, after=copy)
    return signed_ending(signatures, before=access, after=copy)


def build_gdpr_report(
    report: GdprReport, *, progress: Callable[[float], None] | None = None
) -> bytes:
    info = DocumentInfo(
        title=_("Personal data report"),
        subtitle=report.display_name,
        generated_by=report.prepared_by,
        generated_at=report.generated_at,
    )
    return build_a4_pdf(office_header(report.office), info, gdpr_story(report), progress=progress)
