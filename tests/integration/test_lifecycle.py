# SPDX-License-Identifier: GPL-2.0-only
"""The partition life cycle under stress (guests/lifecycle/lcguest.c,
docs/reliability.md "Life cycle").

- Restart storm (dts/lifecycle-storm.dts): a partition of two vCPUs that
  never starts its second one restarts itself (SYSTEM_RESET) at every boot,
  500 times, beside a sentinel (checks a pattern in its RAM) and a victim
  trapping continuously. Bulkhead's EL2 stack high-water mark on both of the
  storm's cores (BH_HVC_STACK_USAGE) must not move over the storm: a park
  that recursed into the next run lost 336 bytes per restart. The sentinel's
  checksum and its ticks, and the victim's trap count, must go on.
- Racing requests (dts/lifecycle-race.dts): both vCPUs call SYSTEM_RESET at
  the same moment, at every boot; CPU_ON in a loop racing CPU_OFF and a
  restart. Each boot ends in exactly one restart; nothing fails or sticks.
- Watchdog expiry during a restart (dts/lifecycle-wdrace.dts): one restart
  per boot whoever wins, never stuck, never failed.
"""

import re

from conftest import DEFAULT_FAIL, LOG_DIR, expect_hypervisor, starting, ticks

BOOT = r"^\[(?P<name>\w+)\] lcguest: (?P=name) boot mode=\w+ stack0=(?P<s0>\d+) " \
       r"stack1=(?P<s1>\d+) size=(?P<size>\d+) t_us=(?P<t>\d+)$"
RESTARTING = r"^\[bulkhead\] partition '%s' restarting \((?P<why>[^)]*)\)$"
FAIL = DEFAULT_FAIL + [
    r"PANIC",
    r"CORRUPTED",
    r"^\[\w+\] lcguest: \w+ error:",
    r"^\[bulkhead\] partition '\w+' (failed|stopped)",
]

STORM_RESTARTS = 500
WARMUP = 5  # boots before the mark is read: every path of a restart has run once


def _boot_line(con, name, timeout):
    m = con.expect_line(BOOT.replace(r"(?P<name>\w+)", "(?P<name>%s)" % name), timeout)
    return int(m.group("s0")), int(m.group("s1")), int(m.group("t"))


def test_restart_storm_leaves_stacks_and_neighbours_alone(boot):
    con = boot("lifecycle-storm", fail_patterns=FAIL + [
        r"^\[bulkhead\] partition '(sentinel|victim)' (fault|restarting)",
        r"^\[sentinel\] sentinel: tick \d+ sum=0x[0-9a-f]+ BAD"])
    expect_hypervisor(con)
    sums = set()
    marks = []
    for n in range(STORM_RESTARTS + 1):
        marks.append(_boot_line(con, "storm", 30))
    first_t, last_t = marks[WARMUP][2], marks[-1][2]
    base = marks[WARMUP][:2]
    moved = [(i, m[:2]) for i, m in enumerate(marks) if i >= WARMUP and m[:2] != base]
    assert not moved, "EL2 stack high-water mark moved during the storm (boot, (core0, core1)): " \
        "%s, was %s at boot %d" % (moved[:5], base, WARMUP)
    restarts = con.seen(RESTARTING % "storm")
    assert len(restarts) >= STORM_RESTARTS
    assert all("PSCI SYSTEM_RESET" in r for r in restarts)

    # The sentinel ticked through the storm, always with the same checksum.
    tick_rx = re.compile(r"^\[sentinel\] sentinel: tick (\d+) sum=(0x[0-9a-f]+) ok$")
    ticks_seen = [tick_rx.search(x) for x in con.lines if tick_rx.search(x)]
    assert len(ticks_seen) >= 3, "sentinel ticks during the storm: %d" % len(ticks_seen)
    nums = [int(m.group(1)) for m in ticks_seen]
    assert nums == list(range(nums[0], nums[0] + len(nums))), "sentinel skipped: %s" % nums
    sums = {m.group(2) for m in ticks_seen}
    start = con.seen(r"^\[sentinel\] sentinel: sentinel watching \S+ sum=0x[0-9a-f]+$")
    assert len(start) == 1 and len(sums) == 1 and start[0].endswith(sums.pop())

    # The victim kept trapping; it reports its count and its slowest trap.
    traps = [re.search(r"trap n=(\d+) max_ticks=(\d+)$", x)
             for x in con.seen(r"^\[victim\] lcguest: victim trap ")]
    assert len(traps) >= 2
    counts = [int(m.group(1)) for m in traps]
    assert counts == sorted(counts) and counts[-1] > counts[0]
    secs = (last_t - first_t) / 1e6
    with open("%s/lifecycle-storm-figures.txt" % LOG_DIR, "w") as f:
        f.write("restarts=%d in %.1f s (guest counter) stack_mark_core0=%d stack_mark_core1=%d "
                "sentinel_ticks=%d victim_traps=%d victim_max_ticks=%s\n"
                % (len(restarts), secs, base[0], base[1], len(nums), counts[-1],
                   traps[-1].group(2)))


def _one_restart_per_boot(con, name, boots, timeout=30):
    """Waits for @boots boots of @name; checks that exactly one restart line
    separates two boots. Returns the reasons of the restarts."""
    boot_rx = BOOT.replace(r"(?P<name>\w+)", "(?P<name>%s)" % name)
    idx = []
    for _ in range(boots):
        con.expect_line(boot_rx, timeout)
        idx.append(len(con.lines) - 1)
    why = []
    rx = re.compile(RESTARTING % name)
    for a, b in zip(idx, idx[1:]):
        between = [rx.search(x) for x in con.lines[a:b] if rx.search(x)]
        assert len(between) == 1, "%s: %d restarts between two boots: %s" % (
            name, len(between), con.lines[a:b])
        why.append(between[0].group("why"))
    return why


def test_racing_resets_and_cpu_on_resolve_to_one_restart(boot):
    con = boot("lifecycle-race", fail_patterns=FAIL)
    expect_hypervisor(con)
    why = _one_restart_per_boot(con, "allreset", 40)
    assert set(why) == {"PSCI SYSTEM_RESET"}
    why = _one_restart_per_boot(con, "onstop", 20)
    assert set(why) == {"PSCI SYSTEM_RESET"}
    # vCPU 1 of 'onstop' went off and was started again by the racing CPU_ON.
    assert not con.seen(r"^\[bulkhead\] partition '\w+' (failed|stopped)")


def test_watchdog_expiry_during_restart(boot):
    con = boot("lifecycle-wdrace", fail_patterns=FAIL + [
        r"^\[bulkhead\] partition 'ticker' (fault|restarting)"])
    expect_hypervisor(con)
    why = _one_restart_per_boot(con, "wdrace", 25)
    assert set(why) <= {"PSCI SYSTEM_RESET", "watchdog"}, why
    with open("%s/lifecycle-wdrace-figures.txt" % LOG_DIR, "w") as f:
        f.write("restarts by SYSTEM_RESET=%d by watchdog=%d\n"
                % (why.count("PSCI SYSTEM_RESET"), why.count("watchdog")))
    got = ticks(con, ["ticker"], count=3, timeout=10)["ticker"]
    assert got == list(range(got[0], got[0] + len(got)))
