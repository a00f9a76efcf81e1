"""The golden-file regenerate flag is off (modelled on docling's tests/test_data_gen_flag.py).

With ``SAMVERKAN_REGEN_GOLDEN`` set, ``tests/test_golden_records.py`` writes what the parsers give
instead of comparing it, so a run with the flag on proves nothing; this test fails it, in CI and
anywhere else, so the flag cannot be left on unnoticed.
"""

from __future__ import annotations

from test_golden_records import REGEN_ENV, REGENERATE


def test_regenerate_flag_is_off():
    assert not REGENERATE, f"{REGEN_ENV} is set: golden records were rewritten, not checked"
