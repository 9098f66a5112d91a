"""Who saw one person's data, when and on which screen (issue 19, item 5): for the person
themselves (art. 15 GDPR) or an inspector.

Built from ``opsdesk.services.reports.records.WhoSawReport``; uses ReportLab (import only when
a document is made, e.g. through ``opsdesk.printing.documents``).
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from opsdesk.i18n import _
from opsdesk.printing.formatting import format_datetime
from opsdesk.printing.header import DocumentInfo
from opsdesk.printing.layout import build_a4_pdf
from opsdesk.printing.office import office_header
from opsdesk.printing.signatures import signature_lines
from opsdesk.printing.styles import para
from opsdesk.printing.tables import data_table
from opsdesk.services.reports.records import WhoSawReport


def who_saw_story(report: WhoSawReport) -> list[Flowable]:
    intro = _(
        "Everyone who opened, printed, exported or changed the data of {person} (client "
        "{code}), or had them shown in a list, as the audit log of {office} records it on "
        "{when}; newest first."
    ).format(
        person=report.client_name,
        code=report.client_code,
        office=report.office.name,
        when=format_datetime(report.generated_at),
    )
    content: list[Flowable] = [para(intro, "body"), Spacer(1, 2 * mm)]
    if report.truncated:
        content.append(
            para(_("Only the newest {n} entries are listed.").format(n=len(report.rows)), "muted")
        )
    rows = [
        [f"{n}.", format_datetime(r.at), r.who, r.action_label, r.screen, r.subject]
        for n, r in enumerate(report.rows, start=1)
    ]
    content.append(
        data_table(
            [_("No."), _("Date and time"), _("Person"), _("Activity"), _("Screen"), _("Data")],
            rows,
            weights=(0.45, 1.15, 1.8, 1.1, 1.8, 1.6),
            align=("RIGHT",) + ("LEFT",) * 5,
        )
    )
    content.append(KeepTogether(signature_lines([_("prepared by")], [report.prepared_by])))
    return content


def build_who_saw_report(
    report: WhoSawReport, *, progress: Callable[[float], None] | None = None
) -> bytes:
    info = DocumentInfo(
        title=_("Who saw the person's data"),
        subtitle=f"{report.client_name} ({report.client_code})",
        generated_by=report.prepared_by,
        generated_at=report.generated_at,
    )
    return build_a4_pdf(
        office_header(report.office), info, who_saw_story(report), progress=progress
    )
