# SPDX-License-Identifier: GPL-2.0-only
"""An AArch32 partition beside an AArch64 one (dts/aarch32.dts,
guests/a32/a32test.c; docs/design.md "AArch32 partitions"): the 32-bit boot
protocol, A32/T32 MMIO of every width, banked registers (SVC; FIQ, IRQ, ABT and UND
loads and stores), an IT block, HVC/SMC
with SMC32 PSCI and SMCCC IDs, PSCI CPU_ON into T32, trapped CP15/CP14
accesses (undefined ones injected, failed conditions skipped), ICC_SGI1R
through MCRR; then a read of foreign memory that Bulkhead reports."""

import re

import pytest

from conftest import expect_hypervisor, starting
from guest_report import expect_report

CHECKS = (["boot-regs", "boot-cpsr"]
          + ["%s-%s" % (f, c) for f in ("a32", "t16", "t32")
             for c in ("word", "byte", "signed-byte", "half", "signed-half")]
          + ["banked-lr-svc", "banked-sp-svc", "r8", "t32-it-block", "banked-modes-load",
             "banked-modes-store",
             "hvc-psci-version", "t32-hvc-psci-version", "smc32-psci-version",
             "smccc-version", "smc64-refused", "smc-cond-failed-skipped",
             "psci-cpu-on-foreign", "cpu-on-t32", "cp14-undef", "cp15-pmu-undef",
             "cp15-cond-failed-skipped", "cp15-dccisw", "sgi1r-cond-failed-skipped",
             "sgi1r-mcrr"])

FAULT = (r"^\[bulkhead\] partition 'a32' fault: stage-2 read at IPA 0x44100000 "
         r"\(pc 0x(?P<pc>[0-9a-f]+), core 0\)")


@pytest.mark.layout("aarch32")
def test_aarch32_trap_decoding(console):
    expect_hypervisor(console)
    console.expect_line(starting("a32"), timeout=30)
    expect_report(console, "a32", "a32", CHECKS, timeout=120)
    console.expect_line(r"^\[a32\] a32: reading foreign memory at 0x44100000$", timeout=30)
    fault = console.expect_line(FAULT, timeout=30)
    # The faulting load is a32_ldr (guests/a32/access.S), in the guest's image.
    assert 0x40000000 <= int(fault.group("pc"), 16) < 0x40010000
    console.expect_line(r"^\[bulkhead\] partition 'a32' stopped \(stage-2 fault\)", timeout=30)


@pytest.mark.layout("aarch32-restart")
def test_aarch32_restarts_under_its_fault_policy(console):
    """fault-policy "restart", restart-limit 1: the AArch32 partition is entered
    again as at boot (HCR_EL2.RW clear, r0/r1/r2, SVC) and passes every check
    again; its second fault exceeds the limit."""
    expect_hypervisor(console)
    expect_report(console, "a32", "a32", CHECKS, timeout=120)
    console.expect_line(FAULT, timeout=30)
    console.expect_line(r"^\[bulkhead\] partition 'a32' restarting \(stage-2 fault\)$",
                        timeout=30)
    console.expect_line(starting("a32"), timeout=60)
    again = len(console.lines)
    # The second life: every check passes again (the report counts only its own lines).
    console.expect_line(r"^\[a32\] a32: done passed=%d failed=0$" % len(CHECKS), timeout=120)
    assert not console.seen(r"^\[a32\] a32: FAIL ", since=again)
    assert len(console.seen(r"^\[a32\] a32: PASS ", since=again)) == len(CHECKS)
    console.expect_line(FAULT, timeout=30)
    console.expect_line(r"^\[bulkhead\] partition 'a32' failed", timeout=30)
