# SPDX-License-Identifier: GPL-2.0-only
"""env.img's bootcmd searches the virtio disks for boot.scr instead of
trusting one number: an extra empty virtio-mmio disk that U-Boot numbers
before the boot disk (QEMU puts each later -device on a lower transport, and
U-Boot numbers them from the lowest) must not stop the boot."""

from conftest import BOOT_TIMEOUT, expect_hypervisor, starting


def test_boot_scr_found_behind_an_empty_disk(boot, tmp_path):
    empty = tmp_path / "empty.img"
    with open(empty, "wb") as f:
        f.truncate(8 * 1024 * 1024)       # no partition table, no file system
    con = boot("two-hello", extra=[
        "-drive", "if=none,id=emptydisk,format=raw,file=%s" % empty,
        "-device", "virtio-blk-device,drive=emptydisk"])
    m = con.expect_line(r"^bulkhead: env\.img: boot\.scr from virtio (\d+):1$", BOOT_TIMEOUT)
    # The empty disk took number 0: the boot disk was found by searching.
    assert m.group(1) == "1"
    con.expect_line(r"^bulkhead: layout two-hello from virtio 1:1$", 10)
    expect_hypervisor(con)
    con.expect_lines([starting("p0"), starting("p1")], 20)
    con.expect_lines([r"^\[p0\] tick 1$", r"^\[p1\] tick 1$"], 20)
