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
    failed_at = len(con.lines)
    lines = list(con.lines)

    # 'wd': three boots, each armed, refreshed, WS0 seen, hung, then expired;
    # restarted after the first two expiries, failed after the third.
    boots = [i for i, x in enumerate(lines) if re.search(starting("wd"), x)]
    assert len(boots) == 3, "'wd' started %d times" % len(boots)
    for n, at in enumerate(boots):
        seq = [_armed("wd"), r"^\[wd\] wdtest: refresh 3 wcs=0x1$",
               r"^\[wd\] wdtest: ws0 after \d+ ms wcs=0x3$",
               r"^\[wd\] wdtest: hanging with interrupts masked$", EXPIRED % "wd",
               r"^\[bulkhead\] partition 'wd' restarting \(watchdog\)$" if n < 2 else failed]
        pos = at
        for rx in seq:
            nxt = _index(lines, rx, pos)
            assert nxt > pos, "boot %d of 'wd': no %r after line %d" % (n + 1, rx, pos)
            pos = nxt
        if n < 2:
            assert pos < boots[n + 1]

    # 'wdstop' (policy "stop"): armed, WS0, hung, one expiry, stopped.
    pos = _index(lines, starting("wdstop"))
    for rx in [_armed("wdstop"), r"^\[wdstop\] wdtest: ws0 after \d+ ms wcs=0x3$",
               r"^\[wdstop\] wdtest: hanging with interrupts masked$", EXPIRED % "wdstop",
               stopped]:
        nxt = _index(lines, rx, pos)
        assert nxt > pos, "'wdstop': no %r after line %d" % (rx, pos)
        pos = nxt

    # The ticker never noticed: five more ticks in sequence after 'wd' failed.
    got = ticks(con, ["ticker"], count=5, timeout=30)["ticker"]
    assert got == list(range(got[0], got[0] + len(got)))
    before = [int(x.split()[-1]) for x in con.seen(r"^\[ticker\] tick \d+$")]
    assert before == list(range(1, len(before) + 1)), "ticker skipped: %s" % before

    # Nothing more from the failed partition; nothing happened to the ticker.
    assert not con.seen(r"^\[wd\] ", since=failed_at)
    assert not con.seen(r"^\[bulkhead\] partition 'ticker' (fault|stopped|restarting|failed)")
    assert len(con.seen(EXPIRED % "wd")) == 3 and len(con.seen(EXPIRED % "wdstop")) == 1
