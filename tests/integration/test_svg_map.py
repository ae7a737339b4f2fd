# SPDX-License-Identifier: GPL-2.0-only
"""bulkhead-check --svg (tools/svg.c): every layout in dts/ renders to a
well-formed SVG that names every partition, every device it was given and
every module, with every owned range drawn in its owner's colour. Host only,
no QEMU: the names are read from the DTB itself (dtc), not from the tool."""

import glob
import os
import re
import subprocess
import xml.etree.ElementTree as ET

import pytest

from conftest import BUILD, TOP

CHECK = os.path.join(BUILD, "tools", "bulkhead-check")
SVG_NS = "{http://www.w3.org/2000/svg}"
LAYOUTS = sorted(os.path.basename(p)[:-4] for p in glob.glob(os.path.join(TOP, "dts", "*.dts")))


def nodes(dtb):
    """{path: {property: raw value text}} of the decompiled @dtb."""
    src = subprocess.run(["dtc", "-q", "-I", "dtb", "-O", "dts", dtb], check=True,
                         capture_output=True, text=True).stdout
    out, stack = {}, []
    for line in src.splitlines():
        line = line.strip()
        m = re.match(r"^(?:[\w-]+: )?([\w,@.+-]+|/) \{$", line)
        if m:
            stack.append(m.group(1))
            path = "/" + "/".join(stack[1:])
            out[path] = {}
        elif line == "};":
            stack.pop()
        elif "=" in line and stack:
            key, _, val = line.rstrip(";").partition(" = ")
            out["/" + "/".join(stack[1:])][key] = val
    return out


def expected(dtb):
    """(partition names, device paths, module paths) that the DTB declares."""
    tree = nodes(dtb)
    by_phandle = {int(p["phandle"].strip("<>"), 0): path
                  for path, p in tree.items() if "phandle" in p}
    parts, devices = [], []
    for path, props in tree.items():
        if props.get("compatible") == '"bulkhead,partition"':
            parts.append(path.rsplit("/", 1)[1])
            for ph in re.findall(r"0x[0-9a-f]+", props.get("devices", "")):
                devices.append(by_phandle[int(ph, 16)])
    modules = [p for p, props in tree.items() if props.get("compatible") == '"bulkhead,module"']
    return parts, devices, modules


@pytest.mark.parametrize("layout", LAYOUTS)
def test_svg_names_everything(layout, tmp_path):
    dtb = os.path.join(BUILD, "dts", layout + ".dtb")
    svg = str(tmp_path / (layout + ".svg"))
    r = subprocess.run([CHECK, "--quiet", "--svg", svg, dtb], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    root = ET.parse(svg).getroot()            # well-formed, or this raises
    assert root.tag == SVG_NS + "svg"
    assert int(root.get("width")) <= 1400     # no horizontal scrolling at 1400 px
    texts = [t.text or "" for t in root.iter(SVG_NS + "text")]
    words = "\n".join(texts)
    parts, devices, modules = expected(dtb)
    assert parts, "no partition in " + layout
    for name in parts:
        assert name in texts, "partition %s has no panel title" % name
        assert re.search(r"^%s: " % re.escape(name), words, re.M), \
            "no range of partition %s drawn" % name
    for path in devices + modules:
        assert path in words, "%s not named in the picture" % path
    # One colour per partition: each partition's ranges share one fill, no two alike.
    fills = {}
    owned = [e for e in root.iter(SVG_NS + "rect") if e.get("class") == "own"]
    assert owned
    labels = [t.text for t in root.iter(SVG_NS + "text") if "onfill" in (t.get("class") or "")]
    assert len(labels) == len(owned)
    for rect, label in zip(owned, labels):
        who = label.split(":", 1)[0] if not label.startswith("module") else "bulkhead"
        fills.setdefault(who, set()).add(rect.get("fill"))
    assert all(len(f) == 1 for f in fills.values()), fills
    assert len({next(iter(f)) for f in fills.values()}) == len(fills), fills


def test_svg_rows_grow_with_size(tmp_path):
    """Segmented, log-ish scale: a 4 KiB page is readable (at least one text line)
    and a GiB range is taller than a page, but not by 2^18."""
    svg = str(tmp_path / "demo.svg")
    subprocess.run([CHECK, "--quiet", "--svg", svg, os.path.join(BUILD, "dts", "demo.dtb")],
                   check=True, capture_output=True)
    root = ET.parse(svg).getroot()
    ram = [float(e.get("height")) for e in root.iter(SVG_NS + "rect") if e.get("class") == "ram"]
    owned = [float(e.get("height")) for e in root.iter(SVG_NS + "rect") if e.get("class") == "own"]
    assert min(owned) >= 16
    assert max(ram) > 2 * min(owned) and max(ram) < 60 * min(owned)
    # Every row is labelled with its first address.
    addrs = [t.text for t in root.iter(SVG_NS + "text") if t.get("class") == "addr"]
    assert "0x40000000" in addrs and "0x9000000" in addrs


def test_svg_invalid_layout_draws_nothing(tmp_path):
    """A rejected layout (p1's memory over p0's) gets its errors, not a picture."""
    src = subprocess.run(["dtc", "-q", "-I", "dtb", "-O", "dts",
                          os.path.join(BUILD, "dts", "two-hello.dtb")],
                         check=True, capture_output=True, text=True).stdout
    bad = src.replace("memory = <0x00 0x54000000", "memory = <0x00 0x52000000")
    assert bad != src
    (tmp_path / "bad.dts").write_text(bad)
    dtb, svg = tmp_path / "bad.dtb", tmp_path / "bad.svg"
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", str(dtb),
                    str(tmp_path / "bad.dts")], check=True)
    r = subprocess.run([CHECK, "--svg", str(svg), str(dtb)], capture_output=True, text=True)
    assert r.returncode == 1 and "error:" in r.stdout and not svg.exists()
