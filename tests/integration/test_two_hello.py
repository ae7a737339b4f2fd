# SPDX-License-Identifier: GPL-2.0-only
"""Two hello partitions (dts/two-hello.dts) boot side by side and keep ticking."""

import pytest

from conftest import expect_hypervisor, expect_started, ticks


@pytest.mark.layout("two-hello")
def test_both_partitions_say_hello_and_tick(console):
    expect_hypervisor(console)
    cores = expect_started(console, ["p0", "p1"])
    assert cores == {"p0": 0, "p1": 1}, "each partition on the core its cpus names"

    console.expect_lines([r"^\[p0\] hello from p0 on vcpu 0$",
                          r"^\[p1\] hello from p1 on vcpu 0$"], timeout=30)

    got = ticks(console, ["p0", "p1"], count=5, timeout=30)
    for name, seq in got.items():
        # Ticks come in order, none lost or repeated: 1, 2, 3, ...
        assert seq == list(range(1, len(seq) + 1)), "%s ticked %s" % (name, seq)
    # Neither partition starves the other: both keep going together.
    got = ticks(console, ["p0", "p1"], count=5, timeout=30)
    assert all(len(v) >= 5 for v in got.values())
