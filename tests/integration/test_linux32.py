# SPDX-License-Identifier: GPL-2.0-only
"""32-bit Debian Linux (armhf linux-image-armmp-lpae, a zImage: AArch32 from
its header) in an AArch32 partition (dts/linux32.dts, docs/design.md "AArch32
partitions"): it boots with the 32-bit boot protocol, brings up its second
core with PSCI, reaches its busybox shell, runs 32-bit user space and sees
only its own devices."""

import re

import pytest

from conftest import expect_hypervisor, starting

P = r"^\[linux32\] "


@pytest.mark.layout("linux32")
def test_linux32_reaches_its_shell(console):
    expect_hypervisor(console)
    console.expect_line(starting("linux32"), timeout=30)
    console.expect_line(P + r"\[ *[0-9.]+\] CPU: ARMv7 Processor", timeout=60)
    console.expect_line(P + r"\[ *[0-9.]+\] smp: Brought up 1 node, 2 CPUs$", timeout=120)
    console.expect_line(P + r"linux: init ready$", timeout=180)
    console.expect_line(P + r"linux: cpus=2 ", timeout=30)
    console.child.send("uname -m; echo dt: $(ls /proc/device-tree)\n")
    console.expect_line(P + r"armv7l$", timeout=60)
    dt = console.expect_line(P + r"dt: (?P<nodes>.*)$", timeout=60).group("nodes").split()
    # Its emulated UART, GIC and watchdog, PSCI, the timer; nothing else of the board.
    assert "pl011@9000000" in dt and "intc@8000000" in dt and "psci" in dt, dt
    assert not [n for n in dt if re.match(r"(virtio_mmio|pcie|flash|fw-cfg|gpio)", n)], dt


@pytest.mark.layout("mixed32")
def test_linux32_beside_linux64_and_rtos(console):
    """dts/mixed32.dts: 32-bit Linux, 64-bit Linux and the RTOS, one core each:
    both Linux reach their shells with their one CPU and the RTOS keeps
    running and reporting. Its deadline misses are printed, not asserted: three
    busy vCPUs on CI's two host cores (QEMU TCG) stall the RTOS's core whatever
    the hypervisor does (docs/rtos.md "Timing on QEMU"); the deadline tests
    with one Linux run under -icount in test_demo.py."""
    expect_hypervisor(console)
    console.expect_lines([r"^\[linux32\] linux: cpus=1 ", r"^\[linux\] linux: cpus=1 "],
                         timeout=300)
    console.child.send("uname -m\n")  # the console input goes to the first partition
    console.expect_line(r"^\[linux32\] armv7l$", timeout=60)
    report = console.expect_line(r"^\[rtos\] rtos: total misses=(?P<misses>\d+) ", timeout=60)
    print("RTOS beside two Linux (no -icount):", report.group(0))
