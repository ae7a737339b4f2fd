# SPDX-License-Identifier: GPL-2.0-only
"""Restart hygiene and fault reports (dts/hygiene.dts, guests/baremetal/hygiene.c;
docs/reliability.md, "Restart hygiene").

- PMU: a guest that sets PMCCFILTR_EL0.NSH / PMEVTYPER0_EL0.NSH (count at EL2,
  not at EL1/EL0) counts nothing across 200 HVCs; the same counters with an EL1
  filter do count (the probe itself works).
- Stage-1 walk faults: a walk whose level-2 table is at an unmapped IPA, or at
  an emulated device, is reported as a page-table walk at that IPA (HPFAR's
  page), with the VA of the access, not as a stage-2 access at the VA's bits.
- EL1 reset: every EL1 register the guest dirtied before PSCI SYSTEM_RESET
  reads, on the next boot, what it read on the first one.
- Permission faults: executing from its own device (stage-2 execute-never)
  is reported at the right IPA although HPFAR_EL2 may be UNKNOWN for it.
- First-boot scrub: words QEMU's loader put in the partition's RAM before
  anything ran (dts/hygiene.qemu) read as zero at its first boot.

Each test runs with QEMU's cortex-a57 (PMUv3, no pointer authentication: the
PMU is trapped and emulated) and with `-cpu max` (QEMU 7.2: PMUv3p5, HPMD and HCCD stop
the counters at EL2 without a trap; pointer authentication keys reset).
"""

import re

import pytest

from conftest import expect_hypervisor

CPUS = [pytest.param((), id="cortex-a57"), pytest.param(("-cpu", "max"), id="max")]

ENTRY = re.compile(r"^\[reset\] el1 entry (?P<reg>\S+) 0x(?P<val>[0-9a-f]+)$")
WROTE = re.compile(r"^\[reset\] el1 wrote (?P<reg>\S+) 0x(?P<val>[0-9a-f]+) "
                   r"readback 0x(?P<back>[0-9a-f]+)$")

# Registers whose reset value is architecturally fixed or chosen as zero by
# Bulkhead (docs/reliability.md): the second boot must read exactly this.
ZERO_AT_RESET = [
    "cpacr_el1", "ttbr0_el1", "ttbr1_el1", "tcr_el1", "mair_el1", "tpidr_el1", "tpidr_el0",
    "tpidrro_el0", "contextidr_el1", "esr_el1", "far_el1", "par_el1", "elr_el1", "spsr_el1",
    "sp_el0", "csselr_el1", "cntkctl_el1", "cntv_cval_el0", "cntp_cval_el0", "cntv_ctl_el0",
    "cntp_ctl_el0", "mdscr_el1", "dbgbvr0_el1", "dbgbcr0_el1", "dbgbvr1_el1", "dbgwvr0_el1",
    "dbgwcr0_el1", "pmcntenset_el0", "pmintenset_el1", "pmovsset_el0", "pmuserenr_el0",
    "pmccfiltr_el0", "pmevtyper0_el0", "pmccntr_el0", "pmselr_el0", "fpcr", "fpsr", "d0", "d31",
]


def boot_hygiene(boot, cpu):
    con = boot("hygiene", extra=list(cpu))
    expect_hypervisor(con)
    return con


@pytest.mark.parametrize("cpu", CPUS)
def test_pmu_counts_nothing_at_el2(boot, cpu):
    con = boot_hygiene(boot, cpu)
    found = con.expect_lines([
        r"^\[pmu\] pmu: el2 filter 0x(?P<f>[0-9a-f]+) \(read back 0x(?P<b>[0-9a-f]+)\) "
        r"cycles (?P<c>\d+) events (?P<e>\d+) over (?P<n>\d+) hvcs$",
        r"^\[pmu\] pmu: el1 cycles (?P<c>\d+) events (?P<e>\d+) over (?P<n>\d+) hvcs$",
    ], timeout=30)
    el2, el1 = list(found.values())
    assert int(el2.group("n")) == 200
    # The probe works: counted at EL1, the same counters do count.
    assert int(el1.group("c")) > 0 and int(el1.group("e")) > 0, el1.group(0)
    # Nothing of Bulkhead's 200 HVC paths is counted.
    assert int(el2.group("c")) == 0, "cycles counted at EL2: " + el2.group(0)
    assert int(el2.group("e")) == 0, "CPU_CYCLES events counted at EL2: " + el2.group(0)
    # No fault during the probe (its execdev step faults afterwards, on purpose).
    done = con.index_of(r"^\[pmu\] pmu: el1 cycles")
    assert not [ln for ln in con.lines[:done] if re.search(r"partition 'pmu' (fault|stopped)", ln)]


@pytest.mark.parametrize("cpu", CPUS[:1])
def test_permission_fault_reports_the_ipa(boot, cpu):
    """Executing from its own device (stage-2 execute-never) is a stage-2
    permission fault, for which HPFAR_EL2 may be UNKNOWN: the IPA reported is
    found through the guest's stage-1 tables."""
    con = boot_hygiene(boot, cpu)
    m = con.expect_line(r"^\[bulkhead\] partition 'pmu' fault: stage-2 (?P<acc>\w+) at IPA "
                        r"0x(?P<ipa>[0-9a-f]+) \(pc 0x(?P<pc>[0-9a-f]+), core 0\)$", timeout=30)
    assert (m.group("acc"), m.group("ipa"), m.group("pc")) == ("exec", "9010010", "9010010")
    assert con.index_of(r"^\[pmu\] execdev: branching to 0x9010010$") >= 0


WALK = (r"^\[bulkhead\] partition '%s' fault: stage-1 page-table walk at IPA 0x(?P<ipa>[0-9a-f]+) "
        r"\(translation fault; for (?P<what>an instruction fetch|a data access) at VA "
        r"0x(?P<va>[0-9a-f]+), pc 0x(?P<pc>[0-9a-f]+), core (?P<core>\d+)\)$")


@pytest.mark.parametrize("cpu", CPUS[:1])
def test_walk_fault_names_the_walk_and_its_ipa(boot, cpu):
    con = boot_hygiene(boot, cpu)
    found = con.expect_lines([WALK % "walk", WALK % "walkemu",
                              r"^\[bulkhead\] partition 'walk' stopped \(stage-1 walk fault\)$",
                              r"^\[bulkhead\] partition 'walkemu' stopped \(stage-1 walk fault\)$"],
                             timeout=30)
    walk, emu = found[WALK % "walk"], found[WALK % "walkemu"]
    # An instruction fetch at VA 0x8000fc4 whose level-2 table is at unmapped IPA 0x48000000.
    assert (walk.group("what"), int(walk.group("ipa"), 16), int(walk.group("va"), 16),
            int(walk.group("pc"), 16), walk.group("core")) == \
        ("an instruction fetch", 0x48000000, 0x8000fc4, 0x8000fc4, "1")
    # A load from VA 0x123456 whose level-2 table is the emulated UART (IPA 0x9000000):
    # not emulated as an MMIO access, reported as the walk it is.
    assert (emu.group("what"), int(emu.group("ipa"), 16), int(emu.group("va"), 16),
            emu.group("core")) == ("a data access", 0x9000000, 0x123456, "2")
    assert not con.seen(r"^\[walk(emu)?\] walk: the access returned")
    assert not con.seen(r"partition 'walk(emu)?' fault: stage-2 ")


def reset_boots(con):
    """{reg: value} at entry of the first and second boot, {reg: (wrote, readback)}."""
    con.expect_line(r"^\[bulkhead\] partition 'reset' failed \(restart limit reached\)$",
                    timeout=60)
    restart = con.index_of(r"^\[bulkhead\] partition 'reset' restarting \(PSCI SYSTEM_RESET\)$")
    assert restart > 0
    first, second, wrote = {}, {}, {}
    for i, line in enumerate(con.lines):
        m = ENTRY.search(line)
        if m:
            (first if i < restart else second)[m.group("reg")] = int(m.group("val"), 16)
        m = WROTE.search(line)
        if m and i < restart:
            wrote[m.group("reg")] = (int(m.group("val"), 16), int(m.group("back"), 16))
    return first, second, wrote


@pytest.mark.parametrize("cpu", CPUS)
def test_el1_registers_reset_on_restart(boot, cpu):
    con = boot_hygiene(boot, cpu)
    first, second, wrote = reset_boots(con)
    assert set(first) == set(second) and len(first) >= 44, (sorted(first), sorted(second))
    # The writes took (else this test could not fail): all but the RAZ/WI registers.
    took = [r for r, (_, back) in wrote.items() if back != first[r]]
    assert len(took) >= 38, "only %s changed" % took
    for reg in ("tpidr_el1", "ttbr0_el1", "dbgbvr0_el1", "pmcr_el0", "fpcr", "d0",
                "cpacr_el1", "oslock", "apiakeylo_el1"):
        assert reg in took or reg not in wrote, reg
    kept = {r: (hex(first[r]), hex(second[r])) for r in first if second[r] != first[r]}
    assert not kept, "EL1 registers not reset (first boot, second boot): %s" % kept
    nonzero = {r: hex(second[r]) for r in ZERO_AT_RESET if second[r] != 0}
    assert not nonzero, nonzero
    assert second["oslock"] & 2, "the OS lock is set at reset"
    if cpu:  # -cpu max: FEAT_PAuth and FEAT_SME, their keys and TPIDR2_EL0 are reset too
        assert second["apiakeylo_el1"] == 0 and second["apgakeyhi_el1"] == 0
        assert "apiakeylo_el1" in took
        assert second["tpidr2_el0"] == 0 and "tpidr2_el0" in took


@pytest.mark.parametrize("cpu", CPUS[:1])
def test_first_boot_scrub(boot, cpu):
    con = boot_hygiene(boot, cpu)
    m = con.expect_line(r"^\[reset\] scrub: (?P<words>.*)$", timeout=30)
    words = dict(w.split("=") for w in m.group("words").split())
    assert set(words) == {"0x40800000", "0x40a00000", "0x40c00008"}
    assert all(int(v, 16) == 0 for v in words.values()), \
        "left in the partition's RAM before its first start: %s" % words
