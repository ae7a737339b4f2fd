# SPDX-License-Identifier: GPL-2.0-only
"""A bare-metal PCI endpoint attacks its emulated host bridge (dts/vpci-hostile.dts,
guests/channel/pcihostile.c; attack4 review of core/vpci.c, docs/reliability.md):

- ECAM reads of every absent device and function, 8-byte and unaligned reads
  (also across a dword): all-ones; every byte and half-word of function 0
  answers; all-ones, a pattern and zero written over the whole header at
  every width, 8-byte and unaligned writes, BAR writes to absent devices:
  identity, BAR0, BAR2 unchanged, the region's header still at BAR2, the
  doorbell round trip still works;
- INTA (a level SPI) follows "pending && !INTx Disable": none while masked,
  one on unmask, none once acknowledged, still one after 300 rounds of ring,
  unmask, mask, ACK, and none when the line went high and low again while
  the CPU had interrupts masked, also when the partition's other vCPU
  acknowledged;
- restarts: three runs each find the function at power-on state (Command,
  Interrupt Line, a BAR being sized: reset), dirty it and restart while the
  echo floods them with rings; the fourth run's checks all pass;
- Bulkhead and the echo peer go on: no fault, the peer answered every ring."""

import re

from conftest import expect_hypervisor, starting
from guest_report import expect_report

RESTARTS = 3
CHECKS = ["restart-power-on-state", "ecam-bars", "ecam-absent-all-ones", "ecam-odd-reads-all-ones", "ecam-identity",
          "ecam-writes-move-nothing", "doorbell-round-trip", "intx-masked-no-interrupt",
          "intx-unmask-one-interrupt", "intx-acked-no-interrupt", "intx-after-storm",
          "intx-deasserted-not-delivered", "cpu-on", "intx-deasserted-other-vcpu"]


def test_vpci_hostile(boot):
    con = boot("vpci-hostile")
    con.fail_patterns += [r"^\[bulkhead\] partition '\w+' (fault|stopped|failed)",
                          r"^\[bulkhead\] partition 'echo' restarting",
                          r"^\[attack\] pcihostile: generation \d+ power-on state WRONG"]
    expect_hypervisor(con)
    con.expect_lines([starting("attack"), starting("echo")], 60)
    # The two partitions' lines interleave in any order (docs/conventions.md): each
    # partition's own lines are in order, so after the attacker's report its earlier
    # lines are there; the echo's may still come.
    expect_report(con, "attack", "pcihostile", CHECKS, timeout=300)
    for g in range(1, RESTARTS + 1):
        assert con.seen(r"^\[attack\] pcihostile: generation %d power-on state ok$" % g), g
    assert len(con.seen(r"^\[bulkhead\] partition 'attack' restarting \(PSCI SYSTEM_RESET\)$")) \
        == RESTARTS
    flood = r"^\[echo\] pcihostile: echo flood over \((?P<n>\d+) rings\)$"
    for line in (r"^\[echo\] pcihostile: echo ready$", flood):
        if not con.seen(line):
            con.expect_line(line, 60)
    assert int(re.match(flood, con.seen(flood)[0]).group("n")) > 0
