"""Appeals against a decision (odwołanie, KPA art. 127–140).

The party appeals within 14 days of the decision's delivery (art. 129 § 2), through the
authority that issued it; that authority forwards the appeal with the case files to the
appeals board (samorządowe kolegium odwoławcze, SKO) within 7 days of receiving it (art. 133)
— unless it grants the appeal itself in that time (art. 132). Days are counted as in art. 57
(``deadlines.due_date("appeal_forward", lodged_on)``).
"""

from __future__ import annotations

from datetime import date

from opsdesk.domain.deadlines import due_date
from opsdesk.i18n import N_

UPHELD = "upheld"
CHANGED = "changed"
SENT_BACK = "sent_back"
DISCONTINUED = "discontinued"
SELF_REVIEW = "self_review"
WITHDRAWN = "withdrawn"

OUTCOMES = {
    UPHELD: N_("Decision upheld by the appeals board (art. 138 \u00a7 1 pt 1)"),
    CHANGED: N_("Decision quashed and decided anew by the board (art. 138 \u00a7 1 pt 2)"),
    SENT_BACK: N_(
        "Decision quashed and the case sent back to be decided again (art. 138 \u00a7 2)"
    ),
    DISCONTINUED: N_("Appeal proceedings discontinued (art. 138 \u00a7 1 pt 3)"),
    SELF_REVIEW: N_("Appeal granted by the office itself (art. 132)"),
    WITHDRAWN: N_("Appeal withdrawn (art. 137)"),
}
# ended without going to the board: no forwarding is due any more
NOT_FORWARDED = frozenset({SELF_REVIEW, WITHDRAWN})


def forward_due(lodged_on: date) -> date:
    """The last day to forward the appeal to the appeals board (KPA art. 133)."""
    return due_date("appeal_forward", lodged_on)
