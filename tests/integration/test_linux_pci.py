# SPDX-License-Identifier: GPL-2.0-only
"""Linux drives a PCI device through the SMMU (dts/linux-pci.dts,
dts/linux-pci.qemu): the partition owns the PCIe host bridge with a
virtio-blk-pci disk on it (build/guests/pcidisk.img). Linux probes it with
virtio_pci/virtio_blk (loaded by /init), its interrupts are INTx (no msi-map in
its tree: the ITS is Bulkhead's), and it reads the whole disk by DMA into its
own memory, guest-physical addresses translated by the SMMU: the md5sum must be
the host's, and there must be no DMA fault.
"""

import hashlib
import os
import time

import pytest

from conftest import BUILD, TIMEOUT_SCALE, expect_hypervisor, starting

LINUX_BOOT_TIMEOUT = 120.0


@pytest.mark.layout("linux-pci")
def test_linux_reads_virtio_blk_pci(console):
    con = console
    con.fail_patterns.append(r"DMA fault")
    t0 = time.monotonic()
    with open(os.path.join(BUILD, "guests", "pcidisk.img"), "rb") as f:
        want = hashlib.md5(f.read()).hexdigest()
    expect_hypervisor(con)
    con.expect_lines([r"^\[bulkhead\] partition 'linux': DMA confined to its memory ",
                      starting("linux")], timeout=30)
    # Table verification (docs/reliability.md): the SMMU's tables as built, before the start:
    # every stream of the bridge's iommu-map translates for linux, every other one aborts.
    smmu_ok = r"^\[bulkhead\] partition 'linux': SMMU verified: 65536 stream\(s\) translate"
    assert 0 <= con.index_of(smmu_ok) < con.index_of(starting("linux"))
    assert con.seen(r"^\[bulkhead\] SMMU verified: 65536 stream ID\(s\), every one not owned")
    con.expect_lines([r"^\[linux\] .*virtio_blk virtio\d+: \[vda\] 2048 512-byte logical blocks",
                      r"^\[linux\] linux: kernel=\S+$"], timeout=LINUX_BOOT_TIMEOUT)
    # The shell's prompt has no line end: wait for it on the raw console.
    con.child.expect_exact("linux# ", timeout=30 * TIMEOUT_SCALE)
    booted = time.monotonic() - t0
    # One short command at a time: the emulated PL011 buffers a few dozen characters.
    con.child.send("md5sum /dev/vda\r")
    md5 = con.expect_line(r"^\[linux\] (?P<md5>[0-9a-f]{32})  /dev/vda$", 30).group("md5")
    assert md5 == want, "Linux read %s from the PCI disk, the image is %s" % (md5, want)
    con.child.send("grep virtio /proc/interrupts\r")
    irq = con.expect_line(r"^\[linux\] +\d+: +(?P<c0>\d+) +(?P<c1>\d+) +GICv3 +(?P<intid>\d+) "
                          r"+Level +virtio\d+", 30)
    # INTx: a level-triggered SPI of the bridge's interrupt-map (SPIs 3-6), that fired.
    assert 35 <= int(irq.group("intid")) <= 38, irq.group(0)
    assert int(irq.group("c0")) + int(irq.group("c1")) > 0, irq.group(0)
    print("linux-pci: prompt after %.1f s, test %.1f s" % (booted, time.monotonic() - t0))
