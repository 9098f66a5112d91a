"""The "Regions" tab: each region (rejon) with its pair of workers and its streets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from opsdesk.i18n import N_, _
from opsdesk.services.office.records import RegionRecord
from opsdesk.services.office.regions import format_areas
from opsdesk.ui.admin.record_view import RecordsTab
from opsdesk.ui.admin.region_dialog import RegionDialog
from opsdesk.ui.table_models import Column

if TYPE_CHECKING:
    from opsdesk.services.registry import Services


def areas_text(record: RegionRecord) -> str:
    if not record.areas:
        return _("no streets yet")
    places = []
    for area in record.areas:
        place = area.locality if not area.street else area.street
        if place not in places:
            places.append(place)
    shown = ", ".join(places[:4])
    if len(places) > 4:
        shown += " \u2026"
    return _("{places} (lines: {n})").format(places=shown, n=len(record.areas))


COLUMNS: tuple[Column[RegionRecord], ...] = (
    Column(N_("Region"), lambda r: r.name),
    Column(N_("Benefits worker"), lambda r: r.benefits_worker_name or "\u2014"),
    Column(N_("Social worker"), lambda r: r.social_worker_name or "\u2014"),
    Column(
        N_("Streets and localities"),
        areas_text,
        sort_key=lambda r: len(r.areas),
        tooltip=lambda r: format_areas(r.areas),
    ),
)


class RegionsTab(RecordsTab):
    def __init__(self, services: Services, parent=None):
        super().__init__(
            services,
            COLUMNS,
            "regionsTab",
            _("Regions"),
            _(
                "The desk sends a client to the workers of the region their address belongs "
                "to. Enter opens the chosen region."
            ),
            parent,
        )
        self.new_button = self.add_button(
            _("&New region\u2026"), self.add, "newRegion", needs_record=False
        )
        self.edit_button = self.add_button(_("&Edit\u2026"), self.open_current, "editRegion")
        self.reload()

    def load(self) -> list[RegionRecord]:
        return self.services.regions.list()

    def _open_region_dialog(self, record: RegionRecord | None) -> None:
        """The region's dialog, once the workers it offers were read."""
        services, staff = self.services, self.services.staff
        self.open_after_reading(
            lambda: staff.list(include_inactive=False),
            lambda people: RegionDialog(services, people, record, self),
        )

    def add(self) -> None:
        self._open_region_dialog(None)

    def open_record(self, record: RegionRecord) -> None:
        self._open_region_dialog(record)


def build_regions_tab(services: Services, parent=None) -> RegionsTab:
    return RegionsTab(services, parent)
