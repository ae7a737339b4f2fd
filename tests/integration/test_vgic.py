# SPDX-License-Identifier: GPL-2.0-only
"""The virtual GICv3 and guest PSCI (dts/vgic-test.dts).

guests/vgictest runs in a 2-vCPU partition and checks, from inside, what a
guest OS relies on: GIC bring-up as Linux does it, SGIs between its vCPUs, to
itself and broadcast (IRM), priority order with more pending interrupts than
list registers, the EL1 virtual timer, that interrupts it does not own cannot
be touched, and PSCI (VERSION, FEATURES, CPU_ON/CPU_OFF/AFFINITY_INFO, the
refusals). It prints `vgictest: PASS <check>` or `vgictest: FAIL <check>: ...`
per check and `vgictest: done passed=N failed=M`. A hello partition on core 2
must keep ticking throughout; it owns virtio_mmio0 (INTID 48), the SPI
vgictest tries to take.
"""

import re

import pytest

from conftest import DEFAULT_FAIL, expect_hypervisor, starting, ticks

# Every check vgictest makes, in the order it prints them (guests/vgictest/vgictest.c).
CHECKS = [
    "gic-dist", "gic-redist-typer", "gic-redist-wake", "gic-cpuif", "gic-cpuif-idle",
    "psci-version", "psci-features", "smccc-unknown",
    "psci-affinity-off", "psci-cpu-on", "gic-vcpu1-init",
    "sgi-self", "sgi-cross-core", "sgi-broadcast", "sgi-outside-dropped",
    "prio-order", "prio-levels", "prio-equal",
    "timer-vcpu0", "timer-vcpu1",
    "spi-own-control", "spi-foreign-denied", "spi-unowned-denied",
    "psci-cpu-on-foreign", "psci-affinity-foreign", "psci-already-on", "psci-affinity-on",
    "psci-cpu-off", "psci-cpu-on-again", "sgi-after-reentry", "timer-after-cpu-off",
    "no-stray-interrupts",
]

PASS = r"^\[vgictest\] vgictest: PASS (?P<name>\S+)$"
FAIL = r"^\[vgictest\] vgictest: FAIL "
DONE = r"^\[vgictest\] vgictest: done passed=(?P<passed>\d+) failed=(?P<failed>\d+)$"

# Bulkhead's reports (gic/vgic.c vgic_deny, core/psci.c cpu_on): one line per
# kind of denied access, whatever the count; a line for a refused CPU_ON.
DENIED = (r"^\[bulkhead\] partition 'vgictest': %s of INTID %d denied: not its interrupt "
          r"\(reported once, counted\)$")
DENIALS = {
    "enable": 48, "pend": 48, "activate": 48, "configure": 48, "route": 48,
    "SGI to a core outside the partition": 3,
}
# vgictest tries MPIDRs 0x2 (vCPU 2, physical core 2: the hello partition's),
# 0x80000002, 0x100 and 0xff00000001, in that order; the first must be reported
# (the others may be, unless Bulkhead limits the reports).
REFUSED = (r"^\[bulkhead\] partition 'vgictest': PSCI CPU_ON of MPIDR 0x(?P<mpidr>[0-9a-f]+) "
           r"refused \(not its core; reported once, counted\)$")
REFUSED_MPIDRS = ["2", "80000002", "100", "ff00000001"]

# Anything of these ends the test at once. A FAIL line does not: every check
# runs (each is bounded in time) and the test then lists all that failed.
VGIC_FAIL = DEFAULT_FAIL + [
    r"^\[bulkhead\] partition '[^']*' fault",
    r"^\[bulkhead\] partition '[^']*' stopped",
    r"^\[bulkhead\] unexpected physical interrupt",
    r"^\[bulkhead\] PANIC",
]


def test_vgic_and_psci(boot):
    con = boot("vgic-test", fail_patterns=VGIC_FAIL)
    expect_hypervisor(con)
    start = len(con.lines)
    found = con.expect_lines([starting("vgictest"), starting("hello"),
                              r"^\[vgictest\] vgictest: start on vcpu 0 of 2$",
                              r"^\[hello\] hello from hello on vcpu 0$"], timeout=30)
    assert int(found[starting("vgictest")].group("core")) == 0
    assert int(found[starting("hello")].group("core")) == 2

    # About 1 s when all pass; a failing check may wait up to its bound (5 s).
    done = con.expect_line(DONE, timeout=120)
    failed = con.seen(FAIL)
    assert not failed, "vgictest checks failed:\n" + "\n".join(failed)
    passed = [re.search(PASS, line).group("name") for line in con.seen(PASS)]
    missing = [c for c in CHECKS if c not in passed]
    assert not missing, "checks that did not pass: %s" % missing
    assert passed == CHECKS, "checks passed in another order or twice: %s" % passed
    assert int(done.group("failed")) == 0
    assert int(done.group("passed")) == len(CHECKS)

    # Bulkhead reported each kind of denied access once, and the refused CPU_ONs.
    # Its lines are another source than vgictest's: they may come after the
    # done line, so wait for each (any order), then count.
    denied = [DENIED % (re.escape(kind), intid) for kind, intid in DENIALS.items()]
    waiting = [rx for rx in denied + [REFUSED] if not con.seen(rx)]
    if waiting:
        con.expect_lines(waiting, timeout=10)
    for rx in denied:
        assert len(con.seen(rx)) == 1, "want one line %r, got %s" % (rx, con.seen(rx))
    assert len(con.seen(r"^\[bulkhead\] partition 'vgictest': .* denied")) == len(DENIALS)
    refused = [re.search(REFUSED, line).group("mpidr") for line in con.seen(REFUSED)]
    assert refused and refused[0] == REFUSED_MPIDRS[0], "CPU_ON refusals reported: %s" % refused
    assert set(refused) <= set(REFUSED_MPIDRS), "CPU_ON refusals reported: %s" % refused
    assert not con.seen(r"^\[bulkhead\] partition 'hello': .*(denied|refused)")

    # The other partition was never disturbed: it ticked all along, in order,
    # and goes on ticking after vgictest is done.
    during = [int(line.split()[-1]) for line in con.seen(r"^\[hello\] tick \d+$", since=start)]
    assert during == list(range(1, len(during) + 1)), "hello ticked %s" % during
    more = ticks(con, ["hello"], count=5, timeout=30)["hello"]
    assert more == list(range(len(during) + 1, len(during) + 6)), \
        "hello after vgictest: %s (before: up to %s)" % (more, during[-1:] or None)
    assert not con.seen(r"^\[vgictest\] ", since=con.index_of(DONE) + 1), \
        "vgictest printed after its done line"
