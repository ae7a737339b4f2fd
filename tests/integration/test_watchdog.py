# SPDX-License-Identifier: GPL-2.0-only
"""The emulated SBSA watchdog as a fault (dts/watchdog.dts, guests/hostile/wdtest.c).

Two partitions arm their watchdog, refresh it a few times, see WS0 set after a
missed refresh, then hang with every interrupt masked. Bulkhead must report
"partition '<name>' fault: watchdog expired" after the second expiry (WS1)
and apply each partition's fault policy: 'wd' ("restart", at most 2 restarts)
boots three times and is then marked failed; 'wdstop' (default policy) is
stopped. A third partition, 'ticker', keeps ticking throughout."""

import re

from conftest import expect_hypervisor, starting, ticks

EXPIRED = r"^\[bulkhead\] partition '%s' fault: watchdog expired\b"


def _armed(name):
    return r"^\[%s\] wdtest: %s armed wor_ms=\d+ iidr=0x43b$" % (name, name)


HANGING = r"^\[%s\] wdtest: hanging with interrupts masked$"


def _in_order(lines, regexes, what):
    """Each of @regexes matches a line of @lines after the previous one's."""
    pos = -1
    for rx in regexes:
        nxt = _index(lines, rx, pos + 1)
        assert nxt > pos, "%s: no %r after line %d of %s" % (what, rx, pos, lines)
        pos = nxt


def _index(lines, regex, since=0):
    rx = re.compile(regex)
    for i in range(since, len(lines)):
        if rx.search(lines[i]):
            return i
    return -1


def test_watchdog_expiry_applies_the_fault_policy(boot):
    con = boot("watchdog")
    expect_hypervisor(con)
    failed = r"^\[bulkhead\] partition 'wd' failed \(restart limit reached\)$"
    stopped = r"^\[bulkhead\] partition 'wdstop' stopped \(watchdog\)$"
    con.expect_lines([failed, stopped], 60)
    lines = list(con.lines)

    # Each source's lines keep their order; Bulkhead's lines about a partition
    # and the partition's own are two sources, which the console may
    # interleave either way: each sequence is checked within its source.
    def source(tag, about=None):
        rx = re.compile(r"^\[bulkhead\] partition '%s'" % about if about else r"^\[%s\] " % tag)
        return [x for x in lines if rx.search(x)]

    # 'wd': Bulkhead starts it three times, each life expires; restarted after
    # the first two expiries, failed after the third.
    hyp_wd = source("bulkhead", "wd")
    assert len([x for x in hyp_wd if re.search(starting("wd"), x)]) == 3, hyp_wd
    seq = []
    for n in range(3):
        seq += [starting("wd"), EXPIRED % "wd",
                r"^\[bulkhead\] partition 'wd' restarting \(watchdog\)$" if n < 2 else failed]
    _in_order(hyp_wd, seq, "Bulkhead's lines about 'wd'")
    # ... and in each life the guest armed, refreshed, saw WS0, hung: nothing after.
    wd = source("wd")
    life = [_armed("wd"), r"^\[wd\] wdtest: refresh 3 wcs=0x1$",
            r"^\[wd\] wdtest: ws0 after \d+ ms wcs=0x3$", HANGING % "wd"]
    _in_order(wd, life * 3, "'wd''s own lines")
    assert len([x for x in wd if re.search(_armed("wd"), x)]) == 3, wd
    assert re.search(HANGING % "wd", wd[-1]), "'wd' printed after its last hang: %s" % wd

    # 'wdstop' (policy "stop"): armed, WS0, hung, one expiry, stopped.
    _in_order(source("bulkhead", "wdstop"), [starting("wdstop"), EXPIRED % "wdstop", stopped],
              "Bulkhead's lines about 'wdstop'")
    _in_order(source("wdstop"),
              [_armed("wdstop"), r"^\[wdstop\] wdtest: ws0 after \d+ ms wcs=0x3$",
               HANGING % "wdstop"], "'wdstop''s own lines")

    # The ticker never noticed: five more ticks in sequence after 'wd' failed.
    got = ticks(con, ["ticker"], count=5, timeout=30)["ticker"]
    assert got == list(range(got[0], got[0] + len(got)))
    before = [int(x.split()[-1]) for x in con.seen(r"^\[ticker\] tick \d+$")]
    assert before == list(range(1, len(before) + 1)), "ticker skipped: %s" % before

    # Nothing more from the failed partition; nothing happened to the ticker.
    assert con.seen(r"^\[wd\] ") == wd, "'wd' printed after it failed"
    assert not con.seen(r"^\[bulkhead\] partition 'ticker' (fault|stopped|restarting|failed)")
    assert len(con.seen(EXPIRED % "wd")) == 3 and len(con.seen(EXPIRED % "wdstop")) == 1
