# SPDX-License-Identifier: GPL-2.0-only
"""The load plan (bulkhead-check --plan, tools/plan.c) on variants of
dts/two-hello.dts: what it lists for a valid layout, and each of its own rules
(the system DTB's window, U-Boot's top of RAM, file names on the boot media).
Host only, no QEMU: dtc and bulkhead-check."""

import json
import os
import re
import subprocess

import pytest

from conftest import BUILD

CHECK = os.path.join(BUILD, "tools", "bulkhead-check")


def source():
    """two-hello's compiled tree, back as DTS text."""
    return subprocess.run(["dtc", "-q", "-I", "dtb", "-O", "dts",
                           os.path.join(BUILD, "dts", "two-hello.dtb")],
                          check=True, capture_output=True, text=True).stdout


def plan_of(tmp_path, dts):
    """(exit status, plan, stdout) of bulkhead-check --plan on @dts."""
    src, dtb, out = (str(tmp_path / n) for n in ("t.dts", "t.dtb", "plan.json"))
    with open(src, "w") as f:
        f.write(dts)
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", dtb, src], check=True)
    r = subprocess.run([CHECK, "--quiet", "--plan", out, dtb], capture_output=True, text=True,
                       errors="replace")
    with open(out, encoding="ascii") as f:  # any byte of the tree escaped
        return r.returncode, json.load(f), r.stdout


def first_module(dts):
    """(start, end) of the first module node's text, and its reg's address."""
    m = re.search(r"module@([0-9a-f]+) \{.*?\n\t*\};", dts, re.S)
    assert m, "no module node in two-hello"
    return m.start(), m.end(), int(m.group(1), 16)


def move_module(dts, addr):
    """The first module at @addr instead of its own address."""
    start, end, old = first_module(dts)
    node, n = re.subn(r"reg = <0x00 0x%x 0x00 0x00>" % old, "reg = <0x00 0x%x 0x00 0x00>" % addr,
                      dts[start:end], count=1)
    assert n == 1, dts[start:end]
    return dts[:start] + node + dts[end:]


def rename_file(dts, name):
    """The first module's bulkhead,file is @name."""
    start, end, _ = first_module(dts)
    node, n = re.subn(r'bulkhead,file = "[^"]*";', lambda _: 'bulkhead,file = "%s";' % name,
                      dts[start:end], count=1)
    assert n == 1, dts[start:end]
    return dts[:start] + node + dts[end:]


def test_valid_layout(tmp_path):
    rc, plan, out = plan_of(tmp_path, source())
    assert rc == 0 and plan["valid"] and plan["errors"] == [], out
    loads = [(x["what"], x["file"], x["addr"]) for x in plan["loads"]]
    assert loads[:2] == [("hypervisor", "bulkhead.bin", 0x40200000),
                         ("system-dtb", "system.dtb", 0x41f00000)]
    modules = [x for x in plan["loads"] if x["what"] == "module"]
    assert modules and all(x["node"].startswith("/chosen/bulkhead/module@") for x in modules)
    assert plan["loads"][0]["room"] == 0x1000000          # /chosen/bulkhead reg size
    # Each module may grow up to the next region, here the next module or partition RAM.
    for x in modules:
        assert 0 < x["room"] <= 0xffffffff
    sizes = [f for f in plan["fixups"] if f["op"] == "set-size"]
    assert [f["node"] for f in sizes] == [x["node"] for x in modules]
    assert all(f["property"] == "reg" and f["size-of"] for f in sizes)
    assert plan["booti"] == {"kernel": 0x40200000, "fdt": 0x41f00000}


@pytest.mark.parametrize("addr,error", [
    (0x41f80000, r"system\.dtb 0x41f00000-0x41ffffff overlaps module "
                 r"/chosen/bulkhead/module@[0-9a-f]+"),
    (0xbe000000, r"module /chosen/bulkhead/module@[0-9a-f]+ 0xbe000000-0xbe000000 is in the "
                 r"top 0x4000000 bytes of RAM, where U-Boot runs"),
    (0x40108000, r"boot\.scr \(scriptaddr\) 0x40100000-0x4010ffff overlaps module"),
], ids=["dtb-window", "uboot-top", "script-window"])
def test_plan_rules(tmp_path, addr, error):
    rc, plan, out = plan_of(tmp_path, move_module(source(), addr))
    assert rc == 1 and not plan["valid"]
    assert any(re.search(error, e) for e in plan["errors"]), plan["errors"]
    assert re.search(r"^error: " + error, out, re.M), out
    # Still a plan: the module is listed where the tree puts it.
    assert addr in [x["addr"] for x in plan["loads"]]


@pytest.mark.parametrize("name,error", [
    ("../hello.bin", "must be relative, without .."),
    ("/boot/hello.bin", "must be relative, without .."),
    ("boot.scr", "is a file of the boot media itself"),
    ('he\\"llo.bin', "character 0x22 at offset 2"),
    ("hello.bin; reset", "character 0x3b at offset 9"),
    ("hel\\nlo.bin", "character 0x0a at offset 3"),
    ("h\\xffllo.bin", "character 0xff at offset 1"),
], ids=["parent", "absolute", "boot-scr", "quote", "command", "newline", "not-ascii"])
def test_file_names(tmp_path, name, error):
    rc, plan, _ = plan_of(tmp_path, rename_file(source(), name))
    assert rc == 1
    assert any(error in e for e in plan["errors"]), plan["errors"]


def test_invalid_layout_still_has_a_plan(tmp_path):
    """The layout's own errors are listed; the loads are there for --lenient media."""
    dts = source().replace("reg = <0x00 0x40200000 0x00 0x1000000>",
                           "reg = <0x00 0x40200000 0x00 0x3000000>", 1)  # over the modules
    rc, plan, out = plan_of(tmp_path, dts)
    assert rc == 1 and not plan["valid"]
    assert any("overlaps Bulkhead's own memory" in e for e in plan["errors"]), plan["errors"]
    assert [x["file"] for x in plan["loads"]][:2] == ["bulkhead.bin", "system.dtb"]


def test_hostile_node_name(tmp_path):
    """A module node whose name (in a binary tree; dtc takes no such name) holds a
    quote, '<', '&', ';', a newline and a byte outside UTF-8: the plan is JSON, says
    the name cannot go into boot.scr's `fdt set`, and the --svg map is well-formed XML."""
    import xml.dom.minidom
    with open(os.path.join(BUILD, "dts", "two-hello.dtb"), "rb") as f:
        blob = f.read()
    at = blob.index(b"module@")
    name = blob[at:blob.index(b"\0", at)]
    bad = (b'm"<&;\nreset\xff@' + b"0" * 64)[:len(name)]
    dtb, out, svg = (str(tmp_path / n) for n in ("t.dtb", "plan.json", "map.svg"))
    with open(dtb, "wb") as f:
        f.write(blob.replace(name, bad, 1))
    r = subprocess.run([CHECK, "--quiet", "--plan", out, "--svg", svg, dtb], capture_output=True)
    with open(out, encoding="ascii") as f:
        plan = json.load(f)
    assert r.returncode == 1 and not plan["valid"]
    assert any("node path character 0x22 at offset 18" in e for e in plan["errors"]), plan
    xml.dom.minidom.parse(svg)
