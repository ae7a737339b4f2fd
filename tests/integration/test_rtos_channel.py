# SPDX-License-Identifier: GPL-2.0-only
"""The RTOS on a channel (dts/rtos-channel.dts, docs/rtos.md "Channels"),
one QEMU run under -icount: the RTOS publishes its task statistics on the
channel "stats" at each report (guests/rtos/link.c over guests/lib/chan.c);
'peer' (guests/channel/statspeer.c) prints each message, sends
"period control 10" after the third, and restarts itself (PSCI
SYSTEM_RESET) after the sixth, while the RTOS keeps publishing.

Lines of the two partitions may come in either order (docs/conventions.md):
each test looks at one partition's lines, or at lines whose order one
partition's own counters fix (the report number n, the uptime).

Every test runs twice: with the AArch64 RTOS, and with the RTOS built for
AArch32 in an AArch32 partition (dts/rtos32-channel.dts), the peer AArch64."""

import os
import re

import pytest

from conftest import (BUILD, DEFAULT_FAIL, LOG_DIR, TIMEOUT_SCALE, expect_hypervisor, qemu_run,
                      starting)

LAYOUTS = ["rtos-channel", "rtos32-channel"]
AFTER_RESTART = 4  # statistics the peer prints in its second run
FAIL = DEFAULT_FAIL + [
    r"^\[(rtos|peer)\] \w+: panic: ",
    r"^\[bulkhead\] partition '(rtos|peer)' (fault|stopped)",
    r"^\[rtos\] rtos: channel stats: no room",
    r"^\[peer\] peer: got nak ",
]
GOT = re.compile(r"^\[peer\] peer: got stats n=(?P<n>\d+) uptime_ms=(?P<up>\d+) "
                 r"misses=(?P<misses>\d+) dropped=(?P<dropped>\d+)(?P<tasks>( \w+=\d+/\d+/\d+)+)$")
TASK = re.compile(r" (?P<name>\w+)=(?P<period>\d+)/(?P<act>\d+)/(?P<miss>\d+)")
APPLIED = (r"^\[rtos\] rtos: command applied: task control period 10 ms "
           r"\((?P<us>\d+) us\)$")
RESTARTING = r"^\[peer\] peer: restarting$"


def stats(line):
    """(n, uptime_ms, total misses, {task: (period_us, activations, misses)})."""
    m = GOT.match(line)
    assert m, line
    tasks = {t.group("name"): tuple(int(t.group(k)) for k in ("period", "act", "miss"))
             for t in TASK.finditer(m.group("tasks"))}
    return int(m.group("n")), int(m.group("up")), int(m.group("misses")), tasks


@pytest.fixture(scope="module", params=LAYOUTS)
def run(request):
    """The layout under -icount until the peer's second run has printed
    AFTER_RESTART statistics; yields the console (all lines read)."""
    layout = request.param
    cmd = qemu_run.qemu_command(qemu_run.boot_dir(layout, BUILD), icount=True)
    os.makedirs(LOG_DIR, exist_ok=True)
    con = qemu_run.Qemu(cmd, log=os.path.join(LOG_DIR, "test_%s-icount.log" % layout),
                        timeout_scale=TIMEOUT_SCALE)
    con.fail_patterns = list(FAIL)
    try:
        expect_hypervisor(con)
        con.expect_lines([starting("rtos"), starting("peer"),
                          r"^\[rtos\] rtos: channel stats endpoint 0 intid \d+, "
                          r"\d+ slots each way",
                          r"^\[peer\] peer: generation 1, "], timeout=60)
        con.expect_lines([RESTARTING, r"^\[bulkhead\] partition 'peer' restarting",
                          r"^\[peer\] peer: generation 2, "], timeout=120)
        restart = con.index_of(r"^\[peer\] peer: generation 2, ")
        while len(con.seen(GOT.pattern, since=restart)) < AFTER_RESTART:
            con.expect_line(GOT.pattern, timeout=60)
        con.restart_index = restart
        yield con
    finally:
        con.close()


def test_peer_receives_statistics_with_growing_uptime(run):
    """Every message the peer printed, in its order: report numbers and
    uptimes grow (the RTOS's own counters), none dropped."""
    got = [stats(line) for line in run.seen(GOT.pattern)]
    assert len(got) >= 6 + AFTER_RESTART, "only %d statistics" % len(got)
    ns = [g[0] for g in got]
    ups = [g[1] for g in got]
    assert ns == sorted(set(ns)), "report numbers %s" % ns
    assert all(b > a for a, b in zip(ups, ups[1:])), "uptimes %s" % ups
    # One report per second of timer time (rtos.report_ms=1000).
    for (n0, u0, _, _), (n1, u1, _, _) in zip(got, got[1:]):
        assert abs((u1 - u0) - 1000 * (n1 - n0)) <= 100, (n0, u0, n1, u1)
    # Every task of the RTOS, the channel's own task "link" included.
    assert set(got[0][3]) == {"sensor", "control", "producer", "consumer", "report", "link"}


def test_command_changes_the_task_period(run):
    """"period control 10" (x time_scale 50: 500 ms): the RTOS prints it,
    acknowledges it, and its own statistics show the new period and half
    the activations per report."""
    applied = run.seen(APPLIED)
    assert len(applied) == 1, applied
    assert re.match(APPLIED, applied[0]).group("us") == "500000"
    assert run.seen(r"^\[peer\] peer: got ack period control 10$")
    got = [stats(line) for line in run.seen(GOT.pattern)]
    before = [g for g in got if g[3]["control"][0] == 250000]
    after = [g for g in got if g[3]["control"][0] == 500000]
    assert len(before) >= 3 and len(after) >= 4, [g[3]["control"] for g in got]
    # The period changes once: every message before the change has the old one.
    assert max(g[0] for g in before) < min(g[0] for g in after)

    def rate(msgs):
        """Activations of 'control' per report between consecutive messages."""
        return [(b[3]["control"][1] - a[3]["control"][1]) / (b[0] - a[0])
                for a, b in zip(msgs, msgs[1:])]
    # 1000 ms reports: 4 activations of a 250 ms period, 2 of a 500 ms one.
    assert all(abs(r - 4) <= 1 for r in rate(before)), rate(before)
    assert all(abs(r - 2) <= 1 for r in rate(after[1:])), rate(after)


def test_messages_resume_after_the_peer_restarts(run):
    """The peer restarts (generation 2); the RTOS sees it in the state word
    and keeps publishing: the peer's second run gets reports newer than the
    first run's, with a growing uptime."""
    first = [stats(line) for line in run.seen(GOT.pattern)[:6]]
    second = [stats(line) for line in run.seen(GOT.pattern, since=run.restart_index)]
    assert len(second) >= AFTER_RESTART
    assert second[0][0] > first[-1][0] and second[0][1] > first[-1][1]
    assert run.seen(r"^\[rtos\] rtos: channel stats peer up generation 2$")
    # Reports sent while the peer was down waited in the ring, or were dropped and counted.
    assert second[-1][3]["report"][1] >= second[-1][0] - 1


def test_no_deadline_misses_under_icount(run):
    """Under -icount the RTOS misses no deadline, with the channel traffic,
    the command and the peer's restart (its statistics and its own lines)."""
    got = [stats(line) for line in run.seen(GOT.pattern)]
    assert all(g[2] == 0 for g in got), [g[2] for g in got]
    assert all(t[2] == 0 for g in got for t in g[3].values())
    totals = run.seen(r"^\[rtos\] rtos: total misses=\d+ ")
    assert totals and all(" misses=0 " in t for t in totals), totals
