"""Domain tests read messages as a Polish user sees them."""

from __future__ import annotations

import pytest

from opsdesk import i18n


@pytest.fixture(autouse=True)
def polish():
    previous = i18n.current_language()
    i18n.set_language("pl")
    yield
    i18n.set_language(previous)
