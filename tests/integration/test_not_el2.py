# SPDX-License-Identifier: GPL-2.0-only
"""Bulkhead refuses to run when not entered at EL2 (no virtualization)."""
import pytest


@pytest.mark.layout("not-el2")
def test_refuses_to_run_below_el2(console):
    console.expect_line(r"^Bulkhead: not entered at EL2; refusing to run", timeout=60)
    # Nothing may start: no Bulkhead banner, no partition, no guest output.
    console.expect_no_line(r"^\[(bulkhead|p0|p1)\] ", within=3)
