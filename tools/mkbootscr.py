#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Boot media for Bulkhead, generated from the system device tree.

The system DTB is the single source of truth: /chosen/bulkhead reg says where
Bulkhead is loaded, and each "bulkhead,module" node under it says which file
goes where (reg) -- its size is set at boot, by the script, to the loaded
file's size. From it this tool makes:

  mkbootscr.py [script] SYSTEM.dtb -o boot.scr   U-Boot script (and boot.cmd, its text)
  mkbootscr.py env -o env.img                    QEMU pflash environment (bank 1)
  mkbootscr.py disk SYSTEM.dtb -o disk.img ...   ext4 disk (MBR) with every file
  mkbootscr.py files SYSTEM.dtb --search DIR     the files a layout needs, resolved

The script loads with `load ${devtype} ${devnum}:${distro_bootpart}` and
`${prefix}`, so the same boot.scr works from a board's SD card through U-Boot's
distro boot (which sets those variables when it finds boot.scr) and from the
QEMU disk (env.img sets them). See docs/running.md.

Python 3 standard library only; needs mkimage and mkenvimage (u-boot-tools)
and mke2fs (e2fsprogs).
"""

import argparse
import os
import shutil
import struct
import subprocess
import sys
import tempfile

FDT_MAGIC = 0xD00DFEED
FDT_BEGIN_NODE, FDT_END_NODE, FDT_PROP, FDT_NOP, FDT_END = 1, 2, 3, 4, 9

COMPAT_HYP = "bulkhead,hypervisor"
COMPAT_MODULE = "bulkhead,module"
COMPAT_PARTITION = "bulkhead,partition"
ROOT_PATH = "/chosen/bulkhead"

DEFAULT_HYP_ADDR = 0x40200000       # used with --lenient when reg is unusable
DEFAULT_DTB_ADDR = 0x41F00000       # below the modules, above Bulkhead's region
DTB_ROOM = 0x100000                 # room kept for the DTB (U-Boot pads it in place)
DTB_RESIZE_EXTRA = 0x10000          # `fdt resize` slack for the size fix-ups
DEFAULT_SCRIPT_ADDR = 0x40100000    # where bootcmd loads boot.scr (env.img)
UBOOT_RESERVED = 0x4000000          # top of RAM kept for U-Boot (relocated code, heap, DTB)
ENV_SIZE = 0x40000                  # CONFIG_ENV_SIZE of U-Boot's qemu_arm64
FLASH_SIZE = 64 * 1024 * 1024       # one QEMU virt pflash bank


class BootMediaError(Exception):
    pass


# ---------------------------------------------------------------- device tree

class Node:
    def __init__(self, name, parent=None):
        self.name = name
        self.parent = parent
        self.props = {}
        self.children = []

    def path(self):
        if self.parent is None:
            return "/"
        parent = self.parent.path()
        return (parent if parent != "/" else "") + "/" + self.name

    def child(self, name):
        """libfdt's rule: "name" matches "name" or "name@unit" (if unique)."""
        for c in self.children:
            if c.name == name:
                return c
        if "@" not in name:
            found = [c for c in self.children if c.name.split("@")[0] == name]
            if len(found) == 1:
                return found[0]
        return None

    def strings(self, prop):
        v = self.props.get(prop)
        if v is None:
            return []
        return [s.decode("utf-8", "replace") for s in v.rstrip(b"\0").split(b"\0")]

    def string(self, prop):
        v = self.props.get(prop)
        if v is None or not v.endswith(b"\0") or b"\0" in v[:-1]:
            return None
        return v[:-1].decode("utf-8", "replace")

    def u32(self, prop):
        v = self.props.get(prop)
        if v is None or len(v) != 4:
            return None
        return struct.unpack(">I", v)[0]

    def compatible(self, compat):
        return compat in self.strings("compatible")


def parse_fdt(data):
    if len(data) < 40:
        raise BootMediaError("not a device tree blob (too short)")
    (magic, totalsize, off_struct, off_strings, _off_rsv, version, _last, _cpu,
     size_strings, size_struct) = struct.unpack(">10I", data[:40])
    if magic != FDT_MAGIC:
        raise BootMediaError("not a device tree blob (bad magic)")
    if version < 17 or totalsize > len(data):
        raise BootMediaError("unsupported or truncated device tree blob")
    strings = data[off_strings:off_strings + size_strings]
    pos, end = off_struct, off_struct + size_struct
    root, node = None, None

    def align4(x):
        return (x + 3) & ~3

    while pos < end:
        (tag,) = struct.unpack_from(">I", data, pos)
        pos += 4
        if tag == FDT_BEGIN_NODE:
            nul = data.index(b"\0", pos)
            name = data[pos:nul].decode("utf-8", "replace")
            pos = align4(nul + 1)
            new = Node(name, node)
            if node is None:
                root = new
            else:
                node.children.append(new)
            node = new
        elif tag == FDT_END_NODE:
            if node is None:
                raise BootMediaError("device tree blob: unbalanced END_NODE")
            node = node.parent
        elif tag == FDT_PROP:
            length, nameoff = struct.unpack_from(">II", data, pos)
            pos += 8
            pname = strings[nameoff:strings.index(b"\0", nameoff)].decode()
            node.props[pname] = bytes(data[pos:pos + length])
            pos = align4(pos + length)
        elif tag == FDT_NOP:
            continue
        elif tag == FDT_END:
            break
        else:
            raise BootMediaError("device tree blob: bad tag %d" % tag)
    if root is None:
        raise BootMediaError("device tree blob: no root node")
    return root


def lookup(root, path):
    node = root
    for comp in [c for c in path.split("/") if c]:
        node = node.child(comp)
        if node is None:
            return None
    return node


def cells_value(raw, ncells):
    v = 0
    for i in range(ncells):
        v = (v << 32) | struct.unpack_from(">I", raw, 4 * i)[0]
    return v


# ---------------------------------------------------------------- the layout

class Module:
    def __init__(self, node, addr, size, file):
        self.node = node
        self.path = node.path()
        self.addr = addr
        self.size = size            # from the DTB (0 until boot.scr sets it)
        self.file = file            # bulkhead,file
        self.local = None           # resolved host path
        self.file_size = None


class Layout:
    """What the boot media need from /chosen/bulkhead."""

    def __init__(self, dtb_path, lenient=False):
        self.dtb_path = dtb_path
        self.warnings = []
        with open(dtb_path, "rb") as f:
            self.dtb = f.read()
        self.root = parse_fdt(self.dtb)
        self.lenient = lenient
        node = lookup(self.root, ROOT_PATH)
        if node is None:
            self._problem("%s: missing: no partition layout in %s" % (ROOT_PATH, dtb_path))
            node = Node("bulkhead")
        self.node = node
        self.acells = node.u32("#address-cells")
        self.scells = node.u32("#size-cells")
        if self.acells not in (1, 2) or self.scells not in (1, 2):
            self._problem("%s: #address-cells/#size-cells must be 1 or 2" % ROOT_PATH)
            self.acells, self.scells = 2, 2
        self.hyp_addr, self.hyp_size = self._reg(node, ROOT_PATH)
        if self.hyp_addr is None:
            self.hyp_addr, self.hyp_size = DEFAULT_HYP_ADDR, 0
        self.modules = []
        for child in node.children:
            if not child.compatible(COMPAT_MODULE):
                continue
            path = child.path()
            addr, size = self._reg(child, path)
            file = child.string("bulkhead,file")
            if addr is None:
                continue
            if not file:
                # Optional in the binding: something else puts the image there.
                self.warnings.append("%s: no bulkhead,file: not loaded by boot.scr" % path)
                continue
            if file.startswith("/") or ".." in file.split("/"):
                self._problem("%s: bulkhead,file: \"%s\" must be relative" % (path, file))
                continue
            self.modules.append(Module(child, addr, size, file))
        self.partitions = [c for c in node.children if c.compatible(COMPAT_PARTITION)]

    def _problem(self, msg):
        if not self.lenient:
            raise BootMediaError(msg)
        self.warnings.append(msg)

    def _reg(self, node, path):
        raw = node.props.get("reg")
        n = self.acells + self.scells
        if raw is None or len(raw) != 4 * n:
            self._problem("%s: reg: must be one (address, size) pair of %d cells" % (path, n))
            return None, None
        return cells_value(raw, self.acells), cells_value(raw[4 * self.acells:], self.scells)

    def partition_memory(self):
        """(name, base, size) of every partition memory range."""
        out = []
        for p in self.partitions:
            raw = p.props.get("memory", b"")
            n = 4 * (self.acells + self.scells)
            for i in range(0, len(raw) - n + 1, n):
                out.append((p.name, cells_value(raw[i:], self.acells),
                            cells_value(raw[i + 4 * self.acells:], self.scells)))
        return out

    def resolve(self, search):
        """Finds each module's file in the search directories."""
        missing = []
        for m in self.modules:
            for d in search:
                cand = os.path.join(d, m.file)
                if os.path.isfile(cand):
                    m.local = cand
                    m.file_size = os.path.getsize(cand)
                    break
            else:
                missing.append(m)
        if missing:
            raise BootMediaError(
                "file(s) not found in %s: %s" % (", ".join(search) or "(no --search)",
                                                 ", ".join(sorted({m.file for m in missing}))))

    def regions(self, dtb_addr):
        """Everything that must not overlap: (what, base, size)."""
        regs = [("Bulkhead (/chosen/bulkhead reg)", self.hyp_addr, self.hyp_size),
                ("system.dtb", dtb_addr, DTB_ROOM)]
        for m in self.modules:
            size = m.file_size if m.file_size is not None else max(m.size, 1)
            regs.append(("%s (%s)" % (m.file, m.path), m.addr, size))
        for name, base, size in self.partition_memory():
            regs.append(("memory of partition '%s'" % name, base, size))
        return regs

    def ram(self):
        """(base, size) of every /memory range, in the root's cells."""
        ac = self.root.u32("#address-cells") or 2
        sc = self.root.u32("#size-cells") or 1
        out = []
        for node in self.root.children:
            if node.string("device_type") != "memory":
                continue
            raw = node.props.get("reg", b"")
            n = 4 * (ac + sc)
            for i in range(0, len(raw) - n + 1, n):
                out.append((cells_value(raw[i:], ac), cells_value(raw[i + 4 * ac:], sc)))
        return out

    def check_loads_in_ram(self, dtb_addr):
        """What U-Boot loads must be in RAM and below U-Boot itself, which
        relocates to the top of RAM (about 36 MiB of it on QEMU virt)."""
        ram = self.ram()
        if not ram:
            return
        top = max(b + s for b, s in ram)
        loads = [r for r in self.regions(dtb_addr) if not r[0].startswith("memory of")]
        for what, base, size in loads:
            if not any(b <= base and base + size <= b + s for b, s in ram):
                self._problem("%s 0x%x-0x%x is not in RAM" % (what, base, base + size - 1))
            elif base + size > top - UBOOT_RESERVED:
                self._problem("%s 0x%x-0x%x is in the top 0x%x bytes of RAM, where U-Boot "
                              "runs" % (what, base, base + size - 1, UBOOT_RESERVED))

    def check_overlaps(self, dtb_addr, scriptaddr=None):
        regs = self.regions(dtb_addr)
        if scriptaddr is not None:
            regs.append(("boot.scr (scriptaddr)", scriptaddr, 0x10000))
        problems = []
        for i, (a, ab, asz) in enumerate(regs):
            for b, bb, bsz in regs[i + 1:]:
                if asz and bsz and ab < bb + bsz and bb < ab + asz:
                    problems.append("%s 0x%x-0x%x overlaps %s 0x%x-0x%x" %
                                    (a, ab, ab + asz - 1, b, bb, bb + bsz - 1))
        for p in problems:
            self._problem(p)

    def room(self, module, dtb_addr):
        """Bytes from a module's address to the next region above it."""
        starts = [b for what, b, s in self.regions(dtb_addr) if b > module.addr]
        return min(min(starts) - module.addr if starts else 0xFFFFFFFF, 0xFFFFFFFF)


# ---------------------------------------------------------------- boot.scr

LOAD = "load ${devtype} ${devnum}:${distro_bootpart}"

# U-Boot 2023.01's hush does not leave a script on an `exit` inside if/fi, so
# every step runs only while ${bh_err} is empty and a failure sets it.
FAIL = "setenv bh_err 1"


def size_cells_text(scells, value):
    if scells == 1:
        return value
    return "0x0 " + value


def addr_cells_text(acells, addr):
    if acells == 1:
        return "0x%x" % addr
    return "0x%x 0x%x" % (addr >> 32, addr & 0xFFFFFFFF)


def guarded(lines):
    return ["if test -z \"${bh_err}\"; then"] + ["\t" + l for l in lines] + ["fi"]


def load_step(addr, name, what, room):
    """Size check first (`size` reads the directory only), then the load."""
    load = [
        "if %s 0x%x ${prefix}%s; then" % (LOAD, addr, name),
        "\techo \"bulkhead: loaded %s at 0x%x (0x${filesize} bytes)\"" % (name, addr),
        "else",
        "\techo \"bulkhead: error: cannot load ${prefix}%s\"" % name,
        "\t" + FAIL,
        "fi",
    ]
    checked = [
        "if itest 0x${filesize} -gt 0x%x; then" % room,
        "\techo \"bulkhead: error: %s (0x${filesize} bytes) is larger than the 0x%x "
        "bytes free at 0x%x\"" % (name, room, addr),
        "\t" + FAIL,
        "else",
    ] + ["\t" + l for l in load] + ["fi"]
    return guarded([
        "if size ${devtype} ${devnum}:${distro_bootpart} ${prefix}%s; then" % name,
    ] + ["\t" + l for l in checked] + [
        "else",
        "\techo \"bulkhead: error: no ${prefix}%s (%s) on ${devtype} ${devnum}:"
        "${distro_bootpart}\"" % (name, what),
        "\t" + FAIL,
        "fi",
    ])


def make_script(layout, dtb_addr, name):
    out = [
        "# Bulkhead boot script, layout '%s'." % name,
        "# Generated by tools/mkbootscr.py from %s: do not edit."
        % os.path.basename(layout.dtb_path),
        "#",
        "# Loads everything from ${devtype} ${devnum}:${distro_bootpart} under ${prefix}:",
        "# U-Boot's distro boot sets these when it finds this boot.scr on a board's SD",
        "# card or disk; Bulkhead's QEMU env.img sets them for the virtio disk.",
        "#   bulkhead.bin  0x%x  /chosen/bulkhead reg" % layout.hyp_addr,
        "#   system.dtb    0x%x" % dtb_addr,
    ]
    for m in layout.modules:
        out.append("#   %-13s 0x%x  %s" % (m.file, m.addr, m.path))
    out += [
        "",
        "setenv bh_err",
        "if test -z \"${prefix}\"; then setenv prefix /; fi",
        "echo \"bulkhead: layout %s from ${devtype} ${devnum}:${distro_bootpart}\"" % name,
        "# Use the device tree where it is loaded (no relocation): Bulkhead gets x0 = 0x%x."
        % dtb_addr,
        "setenv fdt_high 0xffffffffffffffff",
        "",
    ]
    hyp_room = layout.hyp_size if layout.hyp_size else 0x1000000
    out += load_step(layout.hyp_addr, "bulkhead.bin", "the hypervisor", hyp_room)
    out += load_step(dtb_addr, "system.dtb", "the system device tree",
                     DTB_ROOM - 0x4000 - DTB_RESIZE_EXTRA)
    out += guarded(["fdt addr 0x%x" % dtb_addr, "fdt resize 0x%x" % DTB_RESIZE_EXTRA])
    out.append("")
    for m in layout.modules:
        out += load_step(m.addr, m.file, m.path, layout.room(m, dtb_addr))
        # The size cell(s): what was loaded, so Bulkhead knows the image's extent.
        out += guarded(["fdt set %s reg <%s %s>" % (
            m.path, addr_cells_text(layout.acells, m.addr),
            size_cells_text(layout.scells, "0x${filesize}"))])
        out.append("")
    out += guarded([
        "echo \"bulkhead: booti 0x%x - 0x%x\"" % (layout.hyp_addr, dtb_addr),
        "booti 0x%x - 0x%x" % (layout.hyp_addr, dtb_addr),
    ])
    out += ["echo \"bulkhead: error: boot stopped\"", ""]
    return "\n".join(out)


def run(cmd):
    try:
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    except FileNotFoundError:
        raise BootMediaError("%s not found (make setup installs it)" % cmd[0])
    except subprocess.CalledProcessError as e:
        raise BootMediaError("%s failed (exit %d)" % (" ".join(cmd), e.returncode))


def write_script(text, scr, name):
    cmd_path = os.path.splitext(scr)[0] + ".cmd"
    with open(cmd_path, "w") as f:
        f.write(text)
    run(["mkimage", "-A", "arm64", "-O", "linux", "-T", "script", "-C", "none",
         "-n", ("Bulkhead " + name)[:31], "-d", cmd_path, scr])


# ---------------------------------------------------------------- env.img

def make_env(devtype, devnum, part, scriptaddr):
    return [
        "bootdelay=0",
        "devtype=%s" % devtype,
        "devnum=%s" % devnum,
        "distro_bootpart=%s" % part,
        "prefix=/",
        "scriptaddr=0x%x" % scriptaddr,
        "bootcmd=echo \"bulkhead: env.img: boot.scr from ${devtype} ${devnum}:"
        "${distro_bootpart}\"; if load ${devtype} ${devnum}:${distro_bootpart} ${scriptaddr} "
        "${prefix}boot.scr; then source ${scriptaddr}; fi; "
        "echo \"bulkhead: error: boot.scr did not boot\"",
    ]


def write_env(lines, out):
    with tempfile.TemporaryDirectory() as tmp:
        txt = os.path.join(tmp, "env.txt")
        binf = os.path.join(tmp, "env.bin")
        with open(txt, "w") as f:
            f.write("\n".join(lines) + "\n")
        run(["mkenvimage", "-s", "0x%x" % ENV_SIZE, "-o", binf, txt])
        with open(binf, "rb") as f:
            env = f.read()
    tmp_out = out + ".tmp"
    with open(tmp_out, "wb") as f:
        f.write(env)
        f.truncate(FLASH_SIZE)      # sparse: QEMU wants the whole bank
    os.replace(tmp_out, out)


# ---------------------------------------------------------------- disk.img

MIB = 1024 * 1024
PART_START = MIB


def fs_size(files):
    total = sum((os.path.getsize(src) + 4095) // 4096 * 4096 for src in files.values())
    size = total + total // 4 + 4 * MIB
    return max(8 * MIB, (size + MIB - 1) // MIB * MIB)


def make_fs(files, out, label):
    """ext4 (no journal: U-Boot only reads it) holding @files {name: source}."""
    size = fs_size(files)
    with tempfile.TemporaryDirectory() as stage:
        for name, src in files.items():
            dst = os.path.join(stage, name)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copyfile(src, dst)
        if os.path.exists(out):
            os.unlink(out)
        run(["mke2fs", "-q", "-F", "-t", "ext4", "-O", "^has_journal", "-L", label,
             "-N", "128", "-E", "root_owner=0:0", "-d", stage, out, "%dk" % (size // 1024)])
    return size


def mbr(start, sectors):
    """One bootable Linux partition (type 0x83), LBA only (CHS set to the maximum)."""
    m = bytearray(512)
    struct.pack_into("<I", m, 440, 0x42484844)          # disk signature "DHHB"
    entry = struct.pack("<B3sB3sII", 0x80, b"\xfe\xff\xff", 0x83, b"\xfe\xff\xff",
                        start, sectors)
    m[446:462] = entry
    m[510:512] = b"\x55\xaa"
    return bytes(m)


def make_disk(files, out, label, partitioned=True):
    tmp_out = out + ".tmp"
    if not partitioned:
        make_fs(files, tmp_out, label)
        os.replace(tmp_out, out)
        return
    fs = out + ".fs.tmp"
    try:
        size = make_fs(files, fs, label)
        with open(tmp_out, "wb") as d, open(fs, "rb") as f:
            d.write(mbr(PART_START // 512, size // 512))
            d.seek(PART_START)
            shutil.copyfileobj(f, d, 4 * MIB)
            d.truncate(PART_START + size)
        os.replace(tmp_out, out)
    finally:
        for p in (fs, tmp_out):
            if os.path.exists(p):
                os.unlink(p)


# ---------------------------------------------------------------- command line

def parse_int(s):
    return int(s, 0)


def main(argv):
    commands = ("script", "env", "disk", "files")
    if argv and argv[0] not in commands and argv[0] not in ("-h", "--help"):
        argv = ["script"] + argv
    ap = argparse.ArgumentParser(
        prog="mkbootscr.py", description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n\n".join(__doc__.split("\n\n")[1:]))
    sub = ap.add_subparsers(dest="cmd", required=True)

    def common(p):
        p.add_argument("dtb", help="system device tree blob")
        p.add_argument("--search", action="append", default=[], metavar="DIR",
                       help="where bulkhead,file files are looked up (in order)")
        p.add_argument("--dtb-addr", type=parse_int, default=DEFAULT_DTB_ADDR,
                       help="where the script loads system.dtb (default 0x%x)"
                       % DEFAULT_DTB_ADDR)
        p.add_argument("--lenient", action="store_true",
                       help="warn instead of failing on layout problems (invalid-DT tests: "
                       "the hypervisor must reject the layout, not this tool)")
        p.add_argument("--name", help="layout name (default: the DTB's file name)")

    p = sub.add_parser("script", help="write boot.scr (and boot.cmd)")
    common(p)
    p.add_argument("-o", "--output", default="boot.scr")

    p = sub.add_parser("env", help="write the QEMU pflash environment image")
    p.add_argument("-o", "--output", default="env.img")
    p.add_argument("--devtype", default="virtio")
    p.add_argument("--devnum", default="0")
    p.add_argument("--part", default="1", help="partition (0: disk without partition table)")
    p.add_argument("--scriptaddr", type=parse_int, default=DEFAULT_SCRIPT_ADDR)
    p.add_argument("--check", metavar="DTB", help="check scriptaddr against this layout")

    p = sub.add_parser("disk", help="write the disk image")
    common(p)
    p.add_argument("-o", "--output", default="disk.img")
    p.add_argument("--bulkhead", required=True, help="the hypervisor image (bulkhead.bin)")
    p.add_argument("--script", required=True, help="boot.scr (boot.cmd beside it is added)")
    p.add_argument("--no-mbr", action="store_true", help="file system on the whole disk")
    p.add_argument("--deps", metavar="FILE", help="write a make dependency file")

    p = sub.add_parser("files", help="print the files a layout loads")
    common(p)

    args = ap.parse_args(argv)
    try:
        return run_command(args)
    except (BootMediaError, OSError) as e:
        print("mkbootscr: error: %s" % e, file=sys.stderr)
        return 1


def run_command(args):
    if args.cmd == "env":
        if args.check:
            layout = Layout(args.check)
            layout.check_overlaps(DEFAULT_DTB_ADDR, args.scriptaddr)
        write_env(make_env(args.devtype, args.devnum, args.part, args.scriptaddr), args.output)
        return 0

    layout = Layout(args.dtb, args.lenient)
    name = args.name or os.path.splitext(os.path.basename(args.dtb))[0]
    if args.search or args.cmd in ("disk", "files"):
        layout.resolve(args.search)
    layout.check_overlaps(args.dtb_addr)
    layout.check_loads_in_ram(args.dtb_addr)
    for w in layout.warnings:
        print("mkbootscr: warning: %s" % w, file=sys.stderr)

    if args.cmd == "script":
        write_script(make_script(layout, args.dtb_addr, name), args.output, name)
    elif args.cmd == "files":
        for m in layout.modules:
            print("0x%x %s %s" % (m.addr, m.file, m.local))
    elif args.cmd == "disk":
        files = {"bulkhead.bin": args.bulkhead, "system.dtb": args.dtb,
                 "boot.scr": args.script}
        cmd = os.path.splitext(args.script)[0] + ".cmd"
        if os.path.exists(cmd):
            files["boot.cmd"] = cmd
        for m in layout.modules:
            files[m.file] = m.local
        make_disk(files, args.output, "bulkhead", not args.no_mbr)
        if args.deps:
            with open(args.deps, "w") as f:
                f.write("%s: %s\n" % (args.output, " ".join(sorted(set(files.values())))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
