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
- Bulkhead and the echo peer go on: no fault, the peer answered every ring."""

from conftest import expect_hypervisor, starting
from guest_report import expect_report

CHECKS = ["ecam-bars", "ecam-absent-all-ones", "ecam-odd-reads-all-ones", "ecam-identity",
          "ecam-writes-move-nothing", "doorbell-round-trip", "intx-masked-no-interrupt",
          "intx-unmask-one-interrupt", "intx-acked-no-interrupt", "intx-after-storm",
          "intx-deasserted-not-delivered", "cpu-on", "intx-deasserted-other-vcpu"]


def test_vpci_hostile(boot):
    con = boot("vpci-hostile")
    con.fail_patterns.append(r"^\[bulkhead\] partition '\w+' (fault|stopped|restarting|failed)")
    expect_hypervisor(con)
    con.expect_lines([starting("attack"), starting("echo"),
                      r"^\[echo\] pcihostile: echo ready$"], 60)
    expect_report(con, "attack", "pcihostile", CHECKS, timeout=300)
