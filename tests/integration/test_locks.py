# SPDX-License-Identifier: GPL-2.0-only
"""Shared physical GIC words (dts/gic-shared-word.dts, guests/lifecycle/lcguest.c
mode=icfgr): two partitions on two cores flip the trigger of their own
hardware SPI, INTIDs 34 and 39, whose bits share one GICD_ICFGR word, and
read it back every time. Bulkhead's read-modify-write of the physical word
runs under gicd_lock (gic/gicv3.c): no read-back may differ. Without the lock
lost updates showed in every run tried (1 to 11 in 2 x 100,000 flips)."""

from conftest import DEFAULT_FAIL, expect_hypervisor

DONE = r"^\[(?P<p>[ab])\] lcguest: (?P=p) icfgr done iters=(?P<n>\d+) lost=(?P<lost>\d+)$"

def test_shared_icfgr_word_loses_no_update(boot):
    con = boot("gic-shared-word", fail_patterns=DEFAULT_FAIL + [
        r"PANIC", r"^\[\w+\] lcguest: \w+ error:", r"^\[bulkhead\] partition '\w+' fault",
        r"denied"])
    expect_hypervisor(con)
    got = {}
    for _ in range(2):
        m = con.expect_line(DONE, 120)
        got[m.group("p")] = (int(m.group("n")), int(m.group("lost")))
    assert set(got) == {"a", "b"}
    for p, (n, lost) in got.items():
        assert n == 300000
        assert lost == 0, "partition %s: %d of %d read-backs of its GICD_ICFGR bit differed" % (
            p, lost, n)
