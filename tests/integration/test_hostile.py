# SPDX-License-Identifier: GPL-2.0-only
"""Fault containment (dts/hostile.dts, guests/hostile/): a hostile partition
attacks everything it can reach -- other partitions' memory, Bulkhead's and the
GIC's and SMMU's frames, unassigned MMIO, hypercalls and SMCs with random
function IDs, PSCI on foreign cores, EL2 system registers, the vGIC's
interrupts it does not own, SGIs to foreign cores, odd MMIO forms the
hypervisor cannot emulate, interrupt storms, a console flood -- while an RTOS
and a sentinel (a guest that checks a pattern in its RAM) run beside it.

Every class of attempt must be refused or contained and logged: each faulting
attempt ends in Bulkhead's stage-2 fault report for the right IPA and a
restart of the hostile partition only; Bulkhead keeps running (it answers the
console); the victims keep reporting, the sentinel's memory never changes, the
RTOS misses no deadline. The figures go to build/tests/logs/hostile-figures.txt.
See docs/reliability.md."""

import os
import re
import time

from conftest import DEFAULT_FAIL, LOG_DIR, expect_hypervisor, starting

BENIGN_CLASSES = ["hvc-fuzz", "smc-fuzz", "psci", "sysreg", "vgic-dist", "vgic-redist", "sgi",
                  "mmio-odd", "storm", "console-flood", "restart-scrub"]
FAULTING_CLASSES = ["foreign-memory", "gic-smmu-frames", "unassigned-mmio", "unemulatable-mmio"]

STEP = re.compile(r"^\[hostile\] hostile: step (?P<step>\d+) (?P<cls>[a-z0-9-]+)"
                  r"(?:: (?P<what>.*) (?P<kind>\S+) 0x(?P<addr>[0-9a-f]+))?$")
RESULT = re.compile(r"^\[hostile\] hostile: step (?P<step>\d+) result=(?P<result>\S+)")
# A stage-2 fault, or an access to an emulated device that cannot be emulated.
FAULT = re.compile(r"^\[bulkhead\] partition 'hostile' fault: (?:stage-2 )?(?P<acc>read|write|exec) "
                   r"at IPA 0x(?P<ipa>[0-9a-f]+) (?:cannot be emulated )?"
                   r"\((?:ISS 0x[0-9a-f]+, )?pc 0x[0-9a-f]+, core (?P<core>\d+)\)$")
ANY_FAULT = re.compile(r"^\[bulkhead\] partition 'hostile' fault: ")
# Step watchdog-keeper: the watchdog armed, vCPU 0 off, vCPU 1 hung -- it still expires.
WATCHDOG = re.compile(r"^\[bulkhead\] partition 'hostile' fault: watchdog expired ")
VCPUS = re.compile(r"^\[hostile\] hostile: boot step=\d+ attempts=\d+ vcpus=(?P<n>\d+) ")
CLASS_LINE = re.compile(r"^\[hostile\] hostile: (?P<cls>[a-z0-9-]+) attempts=(?P<n>\d+) "
                        r"escaped=(?P<e>\d+)$")
DONE = r"^\[hostile\] hostile: done attempts=(?P<n>\d+) escaped=(?P<e>\d+)$"
RESTARTING = r"^\[bulkhead\] partition 'hostile' restarting \((?P<why>[^)]*)\)$"
BOOT = re.compile(r"^\[hostile\] hostile: boot step=(?P<step>\d+) attempts=\d+ vcpus=\d+ "
                  r"t_ms=(?P<t>\d+)$")
HOSTILE_UP = r"^\[bulkhead\] partition 'hostile' starting on core 0\b"
RTOS_TOTAL = re.compile(r"^\[rtos\] rtos: total misses=(?P<miss>\d+) uptime_ms=(?P<up>\d+)$")
RTOS_TICK = re.compile(r"^\[rtos\] rtos: tick count=(?P<n>\d+) latency_max_ticks=(?P<max>\d+) "
                       r"latency_avg_ticks=(?P<avg>\d+) late=(?P<late>\d+)$")
SENTINEL_START = re.compile(r"^\[sentinel\] sentinel: \S+ watching \S+ sum=(?P<sum>0x[0-9a-f]+)$")
SENTINEL_TICK = re.compile(r"^\[sentinel\] sentinel: tick (?P<n>\d+) sum=(?P<sum>0x[0-9a-f]+) "
                           r"(?P<ok>\S+)$")
DENIALS = ["enable", "pend", "activate", "configure", "SGI to a core outside the partition"]
# Routing an interrupt it does not own is a normal guest action (Linux routes every
# SPI at init): reported at debug level, not printed by default (lib/log.h).
DEBUG_DENIALS = ["route"]

# Lines that end the test at once, on top of the harness's (ESCAPED, guest exceptions).
FAIL = DEFAULT_FAIL + [
    r"PANIC",                                               # Bulkhead's panic path
    r"CORRUPTED",                                           # the sentinel saw a change
    r"^\[rtos\] rtos: panic",
    r"^\[bulkhead\] partition '(rtos|sentinel)' (fault|stopped|restarting|failed)",
    r"^\[bulkhead\] partition 'hostile' failed",           # a restart that did not happen
    r"^\[hostile\] hostile: error:",
]


def _steps(lines):
    """The hostile partition's own lines, in its order: [(step line match, [its
    lines up to the next step])]. Bulkhead's lines about a step are another
    source, which the console may show before or after the step's: they are
    matched to the steps by their own order (test below), not by position."""
    out = []
    for line in lines:
        if not line.startswith("[hostile] "):
            continue
        m = STEP.search(line)
        if m:
            out.append((m, []))
        elif out:
            out[-1][1].append(line)
    return out


def _outcome(m, after):
    """A step with an address either comes back as allowed for its kind (its
    result line) or faults, and the partition restarts (its next line is a
    boot line). Returns the result word or "fault"."""
    step, cls, kind, addr = m.group("step"), m.group("cls"), m.group("kind"), m.group("addr")
    results = [RESULT.search(line) for line in after if RESULT.search(line)]
    booted = any(BOOT.search(line) for line in after)
    assert len(results) + booted == 1, \
        "step %s (%s %s 0x%s): expected one result or a restart, got %s" % (
            step, cls, kind, addr, after)
    if not results:
        return "fault"
    r = results[0].group("result")
    # Odd forms may be emulated; cache maintenance changes no data (and QEMU
    # does not translate it); Device-memory alignment faults stay at EL1.
    assert r in ("returned", "el1-exception"), "step %s: result %s" % (step, r)
    assert cls == "unemulatable-mmio" or kind == "dc-civac" or r == "el1-exception", \
        "step %s (%s %s 0x%s) came back: %s" % (step, cls, kind, addr, r)
    return r


def _check_fault(m, line):
    """Bulkhead's fault line for faulting step @m: at its address, for its kind
    of access, on core 0."""
    step, kind, addr = m.group("step"), m.group("kind"), m.group("addr")
    f = FAULT.search(line)
    assert f is not None, "step %s: unparsed fault line %r" % (step, line)
    ipa, want = int(f.group("ipa"), 16), int(addr, 16)
    if kind == "str-preindex":
        want += 4                                   # [x, #4]! accesses x + 4
    assert ipa == want, "step %s: fault at IPA 0x%x, attempt at 0x%x" % (step, ipa, want)
    acc = {"exec": "exec"}.get(kind, "write" if kind.startswith(("write", "st")) else "read")
    if kind not in ("dc-civac",):
        assert f.group("acc") == acc, "step %s: %s fault for a %s" % (step, f.group("acc"), kind)
    assert f.group("core") == "0"


def test_hostile_partition_is_contained(boot):
    started = time.monotonic()
    con = boot("hostile", fail_patterns=FAIL)
    expect_hypervisor(con)
    con.expect_lines([starting("hostile"), starting("sentinel"), starting("rtos")], 30)
    # The guest's last line and Bulkhead's about its SYSTEM_OFF: either order.
    stopped = r"^\[bulkhead\] partition 'hostile' stopped \(PSCI SYSTEM_OFF\)$"
    done = con.expect_lines([DONE, stopped], 240)[DONE]
    end_of_attack = len(con.lines)

    # The victims go on: two more RTOS reports and three sentinel ticks.
    n_rtos = n_sent = 0
    while n_rtos < 2 or n_sent < 3:
        m = con.expect_lines([r"^\[(rtos|sentinel)\] "], 30)
        line = list(m.values())[0].string
        n_rtos += bool(RTOS_TOTAL.search(line))
        n_sent += bool(SENTINEL_TICK.search(line))

    lines = list(con.lines)

    # Every class reported once, nothing escaped.
    classes = {}
    for line in lines:
        m = CLASS_LINE.search(line)
        if m and m.group("cls") != "done":
            assert m.group("cls") not in classes, "class %s reported twice" % m.group("cls")
            classes[m.group("cls")] = (int(m.group("n")), int(m.group("e")))
    for cls in BENIGN_CLASSES + FAULTING_CLASSES:
        assert cls in classes, "no summary for class %s" % cls
        n, e = classes[cls]
        assert n > 0 and e == 0, "class %s: attempts=%d escaped=%d" % (cls, n, e)
    assert int(done.group("e")) == 0
    attempts = int(done.group("n"))
    assert attempts >= sum(n for n, _ in classes.values())

    # Each faulting step faulted at its address (or came back as allowed); the
    # other steps caused no fault at all: Bulkhead's fault lines, in its own
    # order, are those of the faulting steps, in the partition's order.
    outcomes, faulted = {}, []
    for m, after in _steps(lines[:end_of_attack]):
        if m.group("kind"):
            outcomes[int(m.group("step"))] = (m.group("cls"), _outcome(m, after))
            if outcomes[int(m.group("step"))][1] == "fault":
                faulted.append(m)
    fault_lines = [line for line in lines[:end_of_attack]
                   if ANY_FAULT.search(line) and not WATCHDOG.search(line)]
    # The watchdog outlived the boot vCPU's CPU_OFF: one expiry (then a restart).
    vcpus = [int(m.group("n")) for m in map(VCPUS.search, lines) if m]
    expiries = [line for line in lines[:end_of_attack] if WATCHDOG.search(line)]
    assert len(expiries) == (1 if vcpus and vcpus[0] > 1 else 0), \
        "watchdog-keeper: %d watchdog expiries (vcpus %s)" % (len(expiries), vcpus[:1])
    assert len(fault_lines) == len(faulted), \
        "%d fault lines for %d faulting steps: %s" % (len(fault_lines), len(faulted), fault_lines)
    for m, line in zip(faulted, fault_lines):
        _check_fault(m, line)
    assert sum(1 for c, _ in outcomes.values() if c in FAULTING_CLASSES) == \
        sum(classes[c][0] for c in FAULTING_CLASSES)
    faults = sum(1 for _, r in outcomes.values() if r == "fault")

    # Restarts: one per fault, one for SYSTEM_RESET, one for the watchdog; each came back up.
    restarts = [re.search(RESTARTING, line).group("why") for line in lines
                if re.search(RESTARTING, line)]
    assert restarts.count("stage-2 fault") + restarts.count("unemulatable access") == faults
    assert restarts.count("PSCI SYSTEM_RESET") == 1
    assert restarts.count("watchdog") == len(expiries)
    assert len(restarts) == faults + 1 + len(expiries)
    assert sum(1 for line in lines if re.search(HOSTILE_UP, line)) == len(restarts) + 1

    # Bulkhead reported each kind of denied interrupt access (once each).
    for kind in DENIALS:
        hits = [line for line in lines if re.search(
            r"^\[bulkhead\] partition 'hostile': %s of INTID \d+ denied" % re.escape(kind), line)]
        assert len(hits) == 1, "denial '%s' reported %d times" % (kind, len(hits))
    for kind in DEBUG_DENIALS:
        assert not any(re.search(r"^\[bulkhead\] partition '[^']*': %s of INTID \d+ denied"
                                 % re.escape(kind), line) for line in lines), \
            "denial '%s' printed at the default log level" % kind
    refused = sum(1 for line in lines if re.search(
        r"^\[bulkhead\] partition 'hostile': PSCI CPU_ON of MPIDR 0x[0-9a-f]+ refused", line))
    assert refused >= 1

    # The sentinel's memory never changed; its ticks kept coming in order.
    sums = [SENTINEL_START.search(line).group("sum") for line in lines
            if SENTINEL_START.search(line)]
    assert len(sums) == 1
    ticks = [SENTINEL_TICK.search(line) for line in lines if SENTINEL_TICK.search(line)]
    assert all(t.group("ok") == "ok" and t.group("sum") == sums[0] for t in ticks)
    assert [int(t.group("n")) for t in ticks] == list(range(1, len(ticks) + 1))

    # The RTOS kept reporting, with no deadline miss (rtos.time_scale keeps
    # QEMU's host stalls inside its deadlines: docs/rtos.md).
    totals = [RTOS_TOTAL.search(line) for line in lines if RTOS_TOTAL.search(line)]
    tick_lines = [RTOS_TICK.search(line) for line in lines if RTOS_TICK.search(line)]
    ups = [int(t.group("up")) for t in totals]
    assert len(ups) >= 4 and ups == sorted(ups)
    misses = int(totals[-1].group("miss"))
    last = tick_lines[-1]

    # Restart cycle: from one boot's first line to the next one's, for the boots
    # that only made one faulting attempt (fault report, scrub, reload, boot).
    boots = [(int(b.group("step")), int(b.group("t"))) for b in
             (BOOT.search(line) for line in lines) if b]
    cycles = sorted(t2 - t1 for (s1, t1), (s2, t2) in zip(boots, boots[1:])
                    if s2 == s1 + 1 and outcomes.get(s1, ("", ""))[1] == "fault")
    assert cycles, "no restart cycle measured"

    os.makedirs(LOG_DIR, exist_ok=True)
    with open(os.path.join(LOG_DIR, "hostile-figures.txt"), "w") as f:
        f.write("attempts %d escaped %s\n" % (attempts, done.group("e")))
        for cls, (n, e) in classes.items():
            f.write("class %s attempts %d escaped %d\n" % (cls, n, e))
        f.write("faulting steps %d: faults %d, came back %s\n" % (
            len(outcomes), faults, sorted(r for _, r in outcomes.values() if r != "fault")))
        f.write("restarts %d, restart cycle (32 MiB) median %d ms, max %d ms\n" % (
            len(restarts), cycles[len(cycles) // 2], cycles[-1]))
        f.write("rtos reports %d misses %d latency_max_ticks %s latency_avg_ticks %s late %s\n"
                % (len(totals), misses, last.group("max"), last.group("avg"),
                   last.group("late")))
        f.write("sentinel ticks %d, memory unchanged\n" % len(ticks))
        f.write("wall time %.1f s\n" % (time.monotonic() - started))
    assert misses == 0, "the RTOS missed %d deadline(s): %s" % (misses, totals[-1].string)

    # Bulkhead still serves the console after the partition that had the input
    # stopped: Ctrl-] ? lists the partitions.
    con.child.send("\x1d?")
    try:
        con.expect_lines([r"^\[bulkhead\]   \d+: hostile", r"^\[bulkhead\]   \d+: rtos"], 20)
    except AssertionError as e:
        raise AssertionError("console input is dead once 'hostile' (which had the input) "
                             "stopped: its interrupt is still routed to a parked core "
                             "(docs/reliability.md)\n%s" % e) from None
