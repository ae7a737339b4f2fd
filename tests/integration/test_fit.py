# SPDX-License-Identifier: GPL-2.0-only
"""One artefact to flash (tools/mkfit.py): two-hello as a FIT image that U-Boot
boots with bootm from a boot script on the virtio disk. The FIT holds
Bulkhead (type kernel, load = entry = its base), the system DTB with the
module sizes already filled in, and each module at its load address, each
with a sha256 that bootm checks: a flipped byte stops the boot."""

import os
import re
import subprocess
import sys

from conftest import (BOOT_TIMEOUT, BUILD, HYP_BANNER, LOG_DIR, TIMEOUT_SCALE, TOP, load_tool,
                      qemu_run)

LAYOUT = "two-hello"
SEARCH = [os.path.join(BUILD, "guests"), BUILD, os.path.join(BUILD, "linux")]


def make_fit(out):
    boot = os.path.join(BUILD, "boot", LAYOUT)
    cmd = [sys.executable, os.path.join(TOP, "tools", "mkfit.py"),
           os.path.join(boot, "plan.json"), "--dtb", os.path.join(boot, "system.dtb"),
           "--bulkhead", os.path.join(BUILD, "bulkhead.bin"), "--name", LAYOUT,
           "--disk", "--env", "-o", str(out)]
    for d in SEARCH:
        cmd += ["--search", d]
    subprocess.run(cmd, check=True, capture_output=True, text=True)


def boot_fit(out, log_name):
    os.makedirs(LOG_DIR, exist_ok=True)
    cmd = qemu_run.qemu_command(str(out), extra=qemu_run.layout_qemu_args(LAYOUT, BUILD))
    q = qemu_run.Qemu(cmd, log=os.path.join(LOG_DIR, log_name), timeout_scale=TIMEOUT_SCALE)
    q.fail_patterns = [r"ESCAPED", r"^\[[^\]]+\] exception: "]
    return q


def test_fit_contents(tmp_path):
    make_fit(tmp_path)
    hello = os.path.getsize(os.path.join(BUILD, "guests", "hello.bin"))
    reg = subprocess.run(["fdtget", "-t", "x", str(tmp_path / "system-filled.dtb"),
                          "/chosen/bulkhead/module@42000000", "reg"],
                         check=True, capture_output=True, text=True).stdout.split()
    assert [int(x, 16) for x in reg] == [0, 0x42000000, 0, hello]
    listing = subprocess.run(["mkimage", "-l", str(tmp_path / "bulkhead.itb")], check=True,
                             capture_output=True, text=True).stdout
    assert listing.count("Hash algo:    sha256") == 3
    assert re.search(r"Type:\s+Kernel Image.*?OS:\s+Linux.*?Load Address: 0x40200000\s+"
                     r"Entry Point:  0x40200000", listing, re.S)
    assert re.search(r"Type:\s+Flat Device Tree.*?Load Address: 0x41f00000", listing, re.S)
    assert re.search(r"Type:\s+Firmware.*?Load Address: 0x42000000", listing, re.S)
    assert "Loadables:    module-0" in listing


def test_fit_boots_two_hello(tmp_path):
    make_fit(tmp_path)
    hello = os.path.getsize(os.path.join(BUILD, "guests", "hello.bin"))
    with boot_fit(tmp_path, "test_fit_boots_two_hello.log") as con:
        con.expect_line(r"^bulkhead: FIT layout two-hello from virtio 0:1$", BOOT_TIMEOUT)
        for _ in range(3):      # Bulkhead, the DTB, the module: each hash checked
            con.expect_line(r"Verifying Hash Integrity \.\.\. sha256\+ OK", 10)
        con.expect_line(r"Loading loadables from 0x[0-9a-f]+ to 0x42000000", 10)
        con.expect_line(r"^Starting kernel \.\.\.", 10)
        con.expect_line(HYP_BANNER, 20)
        # The size came in the FIT's DTB: nothing ran `fdt set` at boot.
        con.expect_line(r"module@42000000 \"hello\.bin\" at 0x42000000, 0x%x bytes" % hello, 10)
        con.expect_lines([r"^\[p0\] tick 2$", r"^\[p1\] tick 2$"], 30)


def test_fit_with_a_corrupt_module_does_not_boot(tmp_path):
    make_fit(tmp_path)
    itb = tmp_path / "bulkhead.itb"
    data = bytearray(itb.read_bytes())
    hello = open(os.path.join(BUILD, "guests", "hello.bin"), "rb").read()
    at = data.find(hello[:4096])
    assert at > 0
    data[at + 100] ^= 0xff
    itb.write_bytes(bytes(data))
    mk = load_tool("mkbootscr", "tools", "mkbootscr.py")
    mk.make_disk({"boot.scr": str(tmp_path / "boot.scr"), "bulkhead.itb": str(itb)},
                 str(tmp_path / "disk.img"), "BULKHEAD")
    with boot_fit(tmp_path, "test_fit_with_a_corrupt_module.log") as con:
        con.expect_line(r"^bulkhead: bootm 0x", BOOT_TIMEOUT)
        con.expect_line(r"sha256 error", 10)
        con.expect_line(r"^bulkhead: error: FIT boot stopped$", 10)
        assert not con.seen(r"^Starting kernel")
