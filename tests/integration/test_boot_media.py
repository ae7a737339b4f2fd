# SPDX-License-Identifier: GPL-2.0-only
"""The U-Boot half of every boot: boot.scr loads Bulkhead, the system DTB and
each module of the layout at the addresses its load plan gives (bulkhead-check
--plan, from the DTB), with the files' real sizes, then runs booti. Independent
of what Bulkhead does afterwards."""

import os

import pytest

from conftest import BOOT_TIMEOUT, BUILD, load_tool

BOOTI = r"^bulkhead: booti 0x(?P<kernel>[0-9a-f]+) - 0x(?P<fdt>[0-9a-f]+)$"
LOADED = r"^bulkhead: loaded (?P<file>\S+) at 0x(?P<addr>[0-9a-f]+) \(0x(?P<size>[0-9a-f]+) bytes\)$"


@pytest.mark.parametrize("layout", ["two-hello", "isolation"])
def test_boot_scr_loads_every_file_then_booti(boot, layout):
    mk = load_tool("mkbootscr", "tools", "mkbootscr.py")
    boot_dir = os.path.join(BUILD, "boot", layout)
    # The layout's load plan (bulkhead-check --plan): what must be loaded where.
    plan = mk.Plan(os.path.join(boot_dir, "plan.json"))
    plan.resolve([os.path.join(BUILD, "guests"), BUILD, os.path.join(BUILD, "linux")])
    want = {"bulkhead.bin": (plan.hyp.addr, os.path.getsize(os.path.join(BUILD, "bulkhead.bin"))),
            "system.dtb": (plan.dtb.addr, os.path.getsize(os.path.join(boot_dir, "system.dtb")))}
    for m in plan.modules:
        want[m.file] = (m.addr, m.file_size)

    con = boot(layout)
    loaded = []
    while True:
        m = con.expect_line(LOADED + "|" + BOOTI, timeout=BOOT_TIMEOUT)
        if m.group("kernel"):
            booti = (int(m.group("kernel"), 16), int(m.group("fdt"), 16))
            break
        loaded.append((m.group("file"), int(m.group("addr"), 16), int(m.group("size"), 16)))
    con.expect_line(r"^Starting kernel \.\.\.", timeout=10)

    assert [f for f, _, _ in loaded[:2]] == ["bulkhead.bin", "system.dtb"]
    assert {f: (a, s) for f, a, s in loaded} == want
    assert len(loaded) == len(plan.modules) + 2
    assert booti == (plan.booti["kernel"], plan.booti["fdt"])
