# SPDX-License-Identifier: GPL-2.0-only
"""The U-Boot half of every boot: boot.scr loads Bulkhead, the system DTB and
each module of the layout at the addresses the DTB gives, with the files' real
sizes, then runs booti. Independent of what Bulkhead does afterwards."""

import importlib.util
import os

import pytest

from conftest import BOOT_TIMEOUT, BUILD, TOP

LOADED = r"^bulkhead: loaded (?P<file>\S+) at 0x(?P<addr>[0-9a-f]+) \(0x(?P<size>[0-9a-f]+) bytes\)$"


def _mkbootscr():
    spec = importlib.util.spec_from_file_location(
        "mkbootscr", os.path.join(TOP, "tools", "mkbootscr.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("layout", ["two-hello", "isolation"])
def test_boot_scr_loads_every_file_then_booti(boot, layout):
    mk = _mkbootscr()
    boot_dir = os.path.join(BUILD, "boot", layout)
    lay = mk.Layout(os.path.join(boot_dir, "system.dtb"))
    lay.resolve([os.path.join(BUILD, "guests"), BUILD, os.path.join(BUILD, "linux")])
    want = {"bulkhead.bin": (lay.hyp_addr, os.path.getsize(os.path.join(BUILD, "bulkhead.bin"))),
            "system.dtb": (mk.DEFAULT_DTB_ADDR,
                           os.path.getsize(os.path.join(boot_dir, "system.dtb")))}
    for m in lay.modules:
        want[m.file] = (m.addr, m.file_size)

    con = boot(layout)
    loaded = []
    while True:
        m = con.expect_line(LOADED + r"|^bulkhead: booti 0x", timeout=BOOT_TIMEOUT)
        if m.group(0).startswith("bulkhead: booti"):
            break
        loaded.append((m.group("file"), int(m.group("addr"), 16), int(m.group("size"), 16)))
    con.expect_line(r"^Starting kernel \.\.\.", timeout=10)

    assert [f for f, _, _ in loaded[:2]] == ["bulkhead.bin", "system.dtb"]
    assert {f: (a, s) for f, a, s in loaded} == want
    assert len(loaded) == len(lay.modules) + 2
