# SPDX-License-Identifier: GPL-2.0-only
"""The example test guest of docs/conventions.md (guests/baremetal/example.c,
dts/example.dts): the guest library's GIC, PSCI, timer and report protocol
under Bulkhead."""

import pytest

from conftest import expect_hypervisor, starting
from guest_report import expect_report

CHECKS = ["device-tree", "gic", "psci-version", "vtimer-irq"]


@pytest.mark.layout("example")
def test_example_guest_passes(console):
    expect_hypervisor(console)
    console.expect_line(starting("example"), timeout=30)
    expect_report(console, "example", "example", CHECKS, timeout=60)
