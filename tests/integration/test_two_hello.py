# SPDX-License-Identifier: GPL-2.0-only
"""Two hello partitions (dts/two-hello.dts) boot side by side and keep ticking."""

import pytest

from conftest import expect_hypervisor, starting, ticks


@pytest.mark.layout("two-hello")
def test_both_partitions_say_hello_and_tick(console):
    expect_hypervisor(console)
    start = len(console.lines)
    hello = {n: r"^\[%s\] hello from %s on vcpu 0$" % (n, n) for n in ("p0", "p1")}
    found = console.expect_lines([starting("p0"), starting("p1")] + list(hello.values()),
                                 timeout=30)
    cores = {n: int(found[starting(n)].group("core")) for n in ("p0", "p1")}
    assert cores == {"p0": 0, "p1": 1}, "each partition on the core its cpus names"
    # (Bulkhead's starting line and the partition's hello are of two sources: the
    # console may show them either way round. Orders are checked within a source.)

    got = ticks(console, ["p0", "p1"], count=5, timeout=30, since=start)
    for name, seq in got.items():
        # Ticks come in order, none lost or repeated: 1, 2, 3, ...
        assert seq == list(range(1, len(seq) + 1)), "%s ticked %s" % (name, seq)
        assert console.index_of(hello[name]) < console.index_of(r"^\[%s\] tick 1$" % name)
    # Neither partition starves the other: both keep going together.
    more = ticks(console, ["p0", "p1"], count=5, timeout=30)
    for name, seq in more.items():
        assert seq[0] == got[name][-1] + 1 and seq == list(range(seq[0], seq[0] + len(seq)))


@pytest.mark.layout("two-hello")
def test_status_key_answers_is_it_alive(console):
    """Ctrl-] s prints each partition's state, uptime, restarts and faults."""
    expect_hypervisor(console)
    ticks(console, ["p0", "p1"], count=2, timeout=30)
    console.child.send("\x1ds")
    line = r"^\[bulkhead\]\s+%d: %s running, up (?P<up>\d+\.\d{3}) s, restarts 0, faults 0, " \
           r"refused CPU_ON 0$"
    found = console.expect_lines([line % (0, "p0"), line % (1, "p1")], timeout=30)
    for m in found.values():
        assert float(m.group("up")) > 0.0, m.group(0)
