# SPDX-License-Identifier: GPL-2.0-only
"""What a guest that owns the GICv3 CPU interface can do to EL2 (issue 14).

tests/probes/gic_direct.c runs alone on QEMU's GICv3 (one security state), at
EL2, configured as "direct" interrupt delivery would be: HCR_EL2.IMO = 0 (the
guest uses the physical ICC_* Group 1 registers), HCR_EL2.FMO = 1 (Group 0 is
EL2's, as FIQ), the EL2 timer in Group 0 at priority 0x00. EL1 then plays a
hostile guest. These are the facts docs/design.md "Direct interrupt delivery"
rests on, and why partitions/irq_delivery.c refuses "direct": if one of them
stops holding (another QEMU, another GIC model), this test says so.
"""
import os

import pytest

from conftest import BUILD, LOG_DIR, TIMEOUT_SCALE, qemu_run

PROBE = os.path.join(BUILD, "tests", "probes", "gic_direct.elf")
V_AP1R, V_PMR, V_TALL1, V_GRP1, V_EOI, V_SPLIT, V_LAT, V_REVOKE = \
    0x1, 0x2, 0x4, 0x8, 0x10, 0x20, 0x40, 0x80

FIQ = [r"^probe: FIQ at EL2, INTID 0x1a$"]
CASES = {
    # The EL2 timer's FIQ reaches EL2 although EL1 runs with PSTATE.F set.
    "baseline": (0, FIQ),
    # ICC_PMR_EL1 from EL1 is ICV_PMR_EL1 once FMO = 1: it masks nothing physical.
    "pmr-is-virtual": (V_PMR, FIQ),
    # Group 1 enable and binary point are the guest's own; Group 0 still preempts.
    "group1-controls": (V_GRP1, FIQ),
    # THE HOLE: ICC_AP1R0_EL1 = 1 claims an active priority 0x00; no Group 0
    # interrupt can preempt it, and EL2 never runs again on that core.
    "ap1r-blocks-group0": (
        V_AP1R,
        [r"^probe: no FIQ at EL2 in 4 timer periods; physical ICC_RPR_EL1 0x0, "
        r"ICC_AP1R0_EL1 0x1, timer ISTATUS 0x1$"]),
    # ICH_HCR_EL2.TALL1 traps the physical ICC_AP1R0_EL1 access too (IMO = 0),
    # but it traps every Group 1 access, acknowledge and EOI included.
    "tall1-traps-physical": (
        V_TALL1 | V_AP1R, [r"^probe: EL1 system-register access trapped to EL2, ISS 0x303012$"]),
    # EOImode 0: an EOI naming another owner's active SPI deactivates it.
    "eoi-deactivates-foreign": (
        V_EOI, [r"^probe: EL1 acknowledged INTID 0x1 and wrote ICC_EOIR1_EL1 with 0x28: "
                r"that SPI is now inactive$"]),
    # EOImode 1 (split): the guest's EOI only drops its own priority.
    "split-eoi-contains-it": (
        V_EOI | V_SPLIT, [r"^probe: EL1 acknowledged INTID 0x1 and wrote ICC_EOIR1_EL1 with "
                          r"0x28: that SPI is now still active$"]),
    # What "direct" would buy: the guest's own timer PPI (Group 1) taken at EL1
    # and acknowledged on the physical interface, EL2 never entered. Under
    # icount the line gives the latency in counter ticks (docs/design.md: 0,
    # as bare metal; "trap" adds 6); the test checks the path, not the number.
    "timer-at-el1": (
        V_LAT, [r"^probe: EL1 took INTID 0x1b straight from the GIC, 0x[0-9a-f]+ ticks after "
                r"its deadline$"]),
    # The way back that does not need the guest's CPU interface: with Group 0
    # blocked and the guest in an endless branch, a second core revokes its
    # stage 2 (broadcast TLBI by VMID); the next fetch faults to EL2, which
    # clears ICC_AP1R0_EL1 and finds its Group 0 interrupt waiting.
    "revoke-takes-core-back": (
        V_AP1R | V_REVOKE, [
            r"^probe: EL1 blocked Group 0, now spins with no memory access$",
            r"^probe: core 1 revokes core 0's stage 2$",
            r"^probe: core 0 taken back by a stage-2 fault \(instruction abort, ISS 0x5\)$",
            r"^probe: after ICC_AP1R0_EL1 = 0, ICC_IAR0_EL1 gives INTID 0x1a$"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_gic_direct_probe(case):
    variant, expect = CASES[case]
    # icount makes the latency line a count of instructions; V_REVOKE's endless
    # branch would never yield its turn in icount's round robin, so not there.
    icount = ["-icount", "shift=0,sleep=off"] if variant & V_LAT else []
    if not os.path.isfile(PROBE):
        pytest.fail("%s is missing (make integration-media builds it)" % PROBE)
    cmd = [qemu_run.QEMU, "-M", "virt,gic-version=3,virtualization=on", "-cpu", qemu_run.CPU,
           "-smp", "2" if variant & V_REVOKE else "1", "-m", "256M", "-nographic",
           "-net", "none", "-kernel", PROBE] + icount + [
           "-device", "loader,addr=0x48000000,data=%d,data-len=4" % variant]
    os.makedirs(LOG_DIR, exist_ok=True)
    q = qemu_run.Qemu(cmd, log=os.path.join(LOG_DIR, "gic_direct_probe-%s.log" % case),
                      timeout_scale=TIMEOUT_SCALE)
    q.fail_patterns = [r"^probe: unexpected exception"]
    try:
        q.expect_line(r"^probe: variant 0x%x$" % variant, timeout=20)
        for line in expect:
            q.expect_line(line, timeout=20)
        q.expect_line(r"^probe: done$", timeout=10)
    finally:
        q.close()
