# SPDX-License-Identifier: GPL-2.0-only
"""A partition flooding the console does not delay another partition's traps
(dts/conflood.dts, guests/baremetal/conflood.c, docs/design.md "Console").

Under -icount (virtual time = instructions executed, one counter tick = 16
instructions) the victim times its trapped accesses -- emulated GICD_TYPER
reads, null hypercalls, and console characters written through its emulated
PL011 -- first while its neighbour spins, then while the neighbour floods the
console. Its worst case with the flood must stay within a small bound of its
worst case without: no trap of the victim waits for the neighbour's
characters (no shared lock held while the UART is written, no busy-wait on
the UART), and the UART's transmit interrupt drains the flooder's lines on
the flooder's core, not the victim's. The figures go to
build/tests/logs/console-flood-figures.txt."""

import os
import re

from conftest import DEFAULT_FAIL, LOG_DIR, expect_hypervisor, starting

FIGURES = re.compile(r"^\[victim\] conflood: (?P<phase>quiet|flood) bursts=(?P<bursts>\d+) "
                     r"gicd_max=(?P<gicd_max>\d+) gicd_sum=(?P<gicd_sum>\d+) "
                     r"hvc_max=(?P<hvc_max>\d+) hvc_sum=(?P<hvc_sum>\d+) "
                     r"uart_max=(?P<uart_max>\d+) uart_sum=(?P<uart_sum>\d+) "
                     r"uart_n=(?P<uart_n>\d+)$")
FLOOD_LINE = re.compile(r"^\[flood\] conflood: flood (?P<n>\d+) \.+$")
VICTIM_LINE = re.compile(r"^\[victim\] conflood: victim line (?P<n>\d+)$")

# Ticks (16 instructions each) the worst case may grow by under the flood. The
# victim's newline hands its line to the console and drains one pass of at
# most CONSOLE_TX_BURST = 32 characters, which under the flood may be the rest
# of the flooder's line before its own; its own line then comes out through
# the transmit interrupt on its own core (taken before its next instruction,
# so inside the sample). At most one pass of the neighbour's characters and
# one interrupt more: measured +62 to +82 ticks over four runs. A trap that
# waits for the flooder (one console lock, as before) costs a whole time slice
# of the flooder's core: millions of ticks (measured on the previous design:
# 10,961,560 with the flood, 35 without).
BOUND_TICKS = 160

FAIL = DEFAULT_FAIL + [r"PANIC", r"conflood: error", r"partition '(victim|flood)' (fault|stopped)"]


def test_flood_does_not_delay_neighbour_traps(boot):
    con = boot("conflood", icount=True, fail_patterns=FAIL)
    expect_hypervisor(con)
    con.expect_lines([starting("victim"), starting("flood")], 30)
    con.expect_line(r"^\[victim\] conflood: done$", 240)
    lines = list(con.lines)

    figs = {}
    for line in lines:
        m = FIGURES.search(line)
        if m:
            figs[m.group("phase")] = {k: int(v) for k, v in m.groupdict().items() if k != "phase"}
    assert set(figs) == {"quiet", "flood"}, figs
    quiet, flood = figs["quiet"], figs["flood"]
    assert quiet["bursts"] >= 100 and flood["bursts"] == 200, figs

    # The neighbour did flood while the victim measured, and its lines came out whole.
    flood_lines = [FLOOD_LINE.search(line) for line in lines if FLOOD_LINE.search(line)]
    assert len(flood_lines) >= 100, "the flooder printed only %d lines" % len(flood_lines)
    # The victim's own lines, written a character at a time, are whole and in order.
    victim = [int(m.group("n")) for m in (VICTIM_LINE.search(line) for line in lines) if m]
    assert victim == list(range(quiet["bursts"])) + list(range(flood["bursts"])), victim
    # Nothing else on a line: every line is one tagged source's.
    for line in lines[lines.index(next(x for x in lines if FLOOD_LINE.search(x))):]:
        assert line.count("conflood:") <= 1, "two sources on one line: %r" % line

    os.makedirs(LOG_DIR, exist_ok=True)
    with open(os.path.join(LOG_DIR, "console-flood-figures.txt"), "w") as f:
        for phase in ("quiet", "flood"):
            p = figs[phase]
            f.write("%s: gicd max %d mean %.2f, hvc max %d mean %.2f, uart char max %d mean "
                    "%.2f (ticks)\n" % (
                        phase, p["gicd_max"], p["gicd_sum"] / (8.0 * p["bursts"]),
                        p["hvc_max"], p["hvc_sum"] / (8.0 * p["bursts"]), p["uart_max"],
                        p["uart_sum"] / float(p["uart_n"])))
        f.write("flooder lines %d\n" % len(flood_lines))

    for kind in ("gicd_max", "hvc_max", "uart_max"):
        assert flood[kind] <= quiet[kind] + BOUND_TICKS, \
            "%s: %d ticks with the flood, %d without" % (kind, flood[kind], quiet[kind])
