# SPDX-License-Identifier: GPL-2.0-only
"""make debug (tools/debug.py): QEMU's gdb server and gdb-multiarch, driven in
batch mode. gdb stops at Bulkhead's guest_enter (bulkhead.elf's symbols), then
at the first guest instruction (a hardware breakpoint at p0's entry IPA, with
hello.elf's symbols added at that address), reads the registers the boot
protocol sets, detaches, and the partitions run on."""

import os
import re
import shutil
import subprocess

import pytest

from conftest import BUILD, TIMEOUT_SCALE, expect_hypervisor, load_tool

GDB = "gdb-multiarch"


def dtb_ipa(layout, name):
    out = subprocess.run([os.path.join(BUILD, "tools", "bulkhead-check"),
                          os.path.join(BUILD, "dts", layout + ".dtb")],
                         check=True, capture_output=True, text=True).stdout
    part = out.split("'%s'" % name, 1)[1]
    return int(re.search(r"dtb ipa (0x[0-9a-f]+)", part).group(1), 16)


@pytest.mark.skipif(shutil.which(GDB) is None, reason="gdb-multiarch not installed (make setup)")
def test_gdb_breaks_at_guest_entry_then_guest_runs(boot):
    dbg = load_tool("debug", "tools", "debug.py")
    os.environ.setdefault("O", BUILD)
    port = dbg.free_port(1234 + os.getpid() % 1000)
    script = dbg.write_gdbinit("two-hello", port)
    entry = dict((n, e) for n, e, _ in dbg.partitions("two-hello"))["p0"]
    con = boot("two-hello", extra=["-gdb", "tcp:127.0.0.1:%d" % port, "-S"])
    cmds = [
        "break guest_enter", "continue",
        'echo GDB-AT-HYP\\n', "info symbol $pc", "delete",
        "hbreak *0x%x" % entry, "continue",
        'printf "GDB-GUEST pc=%#lx x0=%#lx cpsr=%#lx\\n", $pc, $x0, $cpsr',
        "info symbol $pc", "delete", "detach",
    ]
    args = [GDB, "-q", "-batch", "-nx", "-x", script]
    for c in cmds:
        args += ["-ex", c]
    r = subprocess.run(args, capture_output=True, text=True, timeout=120 * TIMEOUT_SCALE)
    out = r.stdout + r.stderr
    with open(os.path.join(BUILD, "tests", "logs", "test_debug-gdb.log"), "w") as f:
        f.write(out)
    assert "guest_enter in section .text" in out, out     # bulkhead.elf's symbols
    m = re.search(r"GDB-GUEST pc=(0x[0-9a-f]+) x0=(0x[0-9a-f]+) cpsr=(0x[0-9a-f]+)", out)
    assert m, out
    pc, x0, cpsr = (int(g, 16) for g in m.groups())
    assert pc == entry
    assert cpsr & 0xf == 0x5                   # EL1h: the guest, not Bulkhead (EL2h = 9)
    # x0 = the guest DTB (arm64 boot protocol); p0 or p1, whichever core got there first.
    assert x0 in (dtb_ipa("two-hello", "p0"), dtb_ipa("two-hello", "p1"))
    assert re.search(r"\w+ in section \.text of .*hello\.elf", out), out  # guest symbols
    expect_hypervisor(con)
    con.expect_lines([r"^\[p0\] tick 1$", r"^\[p1\] tick 1$"], 30)
