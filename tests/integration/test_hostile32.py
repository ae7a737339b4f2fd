# SPDX-License-Identifier: GPL-2.0-only
"""The AArch32 hostile pass (guests/hostile32/hostile32.c, dts/hostile32.dts):
an AArch32 partition (cores 0-1) attacks from AArch32 state while a second
AArch32 partition (core 2) watches for SGIs.

- CP15 PMU and CP14 debug accesses Bulkhead does not serve come back as one
  Undefined Instruction each, and the partition goes on;
- PSCI CPU_ON of foreign cores and AFFINITY_INFO of them: INVALID_PARAMETERS;
  CPU_ON with entries outside its memory: INVALID_ADDRESS; its second vCPU
  stays off; through HVC32 and SMC32;
- SMC64 function IDs from AArch32: NOT_SUPPORTED;
- ICC_SGI1R through MCRR aimed at cores outside the partition reaches neither
  its own vCPU nor the watcher (which prints ESCAPED for any SGI); one to
  itself is taken, also when its registers are FIQ mode's r8/r9 or SVC mode's
  LR (the trapping mode's bank, not the User one);
- last, a read of the watcher's memory: a stage-2 fault, the partition stopped
  (its fault policy), the watcher ticking on.
"""

from conftest import expect_hypervisor, starting
from guest_report import expect_report

CHECKS = ["undef-pmcr-read", "undef-pmccntr-read", "undef-pmcr-write", "undef-pmccntr64-mrrc",
          "undef-dbgdrar-read", "undef-dbgdsar-read", "psci-cpu-on-foreign",
          "psci-affinity-info-foreign", "psci-cpu-on-bad-entry", "psci-sibling-still-off",
          "smc64-id-refused", "bh-info32", "bh-info32-runtime", "bh-console32-empty",
          "bh-console32-too-long", "bh-stack32-foreign-vcpu", "bh-stack32", "sgi-foreign-target", "sgi-to-itself", "sgi-banked-fiq-r8",
          "sgi-banked-svc-lr", "dccisw-banked-svc-lr", "undef-sgi1r-mrrc",
          "sgi-asgi1r-sgi0r-ignored"]


def test_hostile32(boot):
    con = boot("hostile32")  # DEFAULT_FAIL: any ESCAPED line, any unexpected exception
    expect_hypervisor(con)
    con.expect_lines([starting("hostile32"), starting("watch32"),
                      r"^\[watch32\] watch32: watching SGIs 0-15$"], 60)
    passed = expect_report(con, "hostile32", "hostile32", CHECKS, timeout=120)
    assert passed.count("undef-pmcr-read") == 1
    assert con.seen(r"^\[bulkhead\] partition 'hostile32': CP15 access .* is undefined for the "
                    r"guest \(reported once\)$")
    m = con.expect_line(r"^\[bulkhead\] partition 'hostile32' fault: stage-2 read at IPA "
                        r"0x(?P<ipa>[0-9a-f]+) \(pc 0x[0-9a-f]+, core 0\)$", 60)
    assert int(m.group("ipa"), 16) == 0x54000000
    con.expect_line(r"^\[bulkhead\] partition 'hostile32' stopped", 30)
    # The watcher goes on: two ticks after the stop, no SGI ever (ESCAPED fails the test).
    m = con.expect_line(r"^\[watch32\] watch32: tick (?P<n>\d+)$", 30)
    con.expect_line(r"^\[watch32\] watch32: tick %d$" % (int(m.group("n")) + 1), 30)
    assert not con.seen(r"ESCAPED")
