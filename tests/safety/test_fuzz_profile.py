"""The property tests' examples are chosen the same way on every run (tests/conftest.py)."""

import os

from hypothesis import settings
from safety.fuzzing import FUZZ, FUZZ_FEW


def test_property_tests_draw_the_same_examples_on_every_run():
    if os.environ.get("OPSDESK_FUZZ_EXPLORE"):
        assert not settings.default.derandomize  # an exploring session: new ones each run
        return
    assert settings.default.derandomize and FUZZ.derandomize and FUZZ_FEW.derandomize
    assert settings.default.database is None  # nothing remembered from an earlier run
