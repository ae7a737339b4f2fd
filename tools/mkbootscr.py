#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Boot media for Bulkhead, rendered from the layout's load plan.

`bulkhead-check --plan plan.json system.dtb` decides everything: where
Bulkhead, the system DTB and each module go, how much room each file has, and
the fix-ups U-Boot applies to the DTB (each module's size, set by boot.scr to
the loaded file's size). This tool only renders that plan:

  mkbootscr.py [script] PLAN.json -o boot.scr    U-Boot script (and boot.cmd, its text)
  mkbootscr.py env --plan PLAN.json -o env.img   QEMU pflash environment (bank 1)
  mkbootscr.py disk PLAN.json --dtb system.dtb -o disk.img ...   ext4 disk (MBR)
  mkbootscr.py files PLAN.json --search DIR      the files a layout needs, resolved

A plan with errors (an invalid layout) is refused, unless --lenient: the
invalid-layout boot tests need media so that Bulkhead itself rejects the
layout at boot.

The script loads with `load ${devtype} ${devnum}:${distro_bootpart}` and
`${prefix}`, so the same boot.scr works from a board's SD card through U-Boot's
distro boot (which sets those variables when it finds boot.scr) and from the
QEMU disk (env.img sets them). See docs/running.md.

Python 3 standard library only; needs mkimage and mkenvimage (u-boot-tools)
and mke2fs (e2fsprogs).
"""

import argparse
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile

PLAN_FORMAT = "bulkhead-load-plan-1"
ENV_SIZE = 0x40000                  # CONFIG_ENV_SIZE of U-Boot's qemu_arm64
FLASH_SIZE = 64 * 1024 * 1024       # one QEMU virt pflash bank


class BootMediaError(Exception):
    pass


# ---------------------------------------------------------------- the plan

class Load:
    """One file U-Boot loads: plan["loads"][i]."""

    def __init__(self, d):
        self.what = d["what"]       # "hypervisor", "system-dtb" or "module"
        self.file = d["file"]       # its name on the boot media
        self.addr = d["addr"]
        self.room = d["room"]       # the most bytes it may have
        self.node = d.get("node")   # its node in the system DTB, if any
        self.local = None           # resolved host path (--search)
        self.file_size = None


class Plan:
    """A load plan, as bulkhead-check wrote it (tools/plan.h)."""

    def __init__(self, path, lenient=False):
        self.path = path
        try:
            with open(path) as f:
                d = json.load(f)
        except ValueError as e:
            raise BootMediaError("%s: not a load plan: %s" % (path, e))
        if d.get("format") != PLAN_FORMAT:
            raise BootMediaError("%s: not a %s file" % (path, PLAN_FORMAT))
        self.source = d["source"]
        self.errors = d["errors"]
        if self.errors and not lenient:
            raise BootMediaError("%s: the layout is invalid (bulkhead-check %s):\n  %s"
                                 % (path, self.source, "\n  ".join(self.errors)))
        self.warnings = ["layout error (Bulkhead must reject it at boot): " + e
                         for e in self.errors]
        self.warnings += ["%s: no bulkhead,file: not loaded by boot.scr" % n
                          for n in d.get("not-loaded", [])]
        self.loads = [Load(x) for x in d["loads"]]
        self.hyp = self.loads[0]
        self.dtb = self.loads[1]
        assert self.hyp.what == "hypervisor" and self.dtb.what == "system-dtb"
        self.modules = [x for x in self.loads if x.what == "module"]
        self.fixups = d["fixups"]
        self.booti = d["booti"]
        self.script_addr = d["script"]["addr"]
        self.script_room = d["script"]["room"]

    def resolve(self, search):
        """Finds each module's file in the search directories; checks its room."""
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
        for m in self.modules:
            if m.file_size > m.room:
                msg = ("%s (%s, 0x%x bytes) does not fit in the 0x%x bytes the plan gives it at "
                       "0x%x" % (m.file, m.node, m.file_size, m.room, m.addr))
                if self.errors:
                    self.warnings.append(msg)
                else:
                    raise BootMediaError(msg)


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


def fixup_lines(plan, fix):
    """U-Boot commands of one DTB fix-up of the plan."""
    if fix["op"] == "resize":
        return ["fdt addr 0x%x" % plan.dtb.addr, "fdt resize 0x%x" % fix["bytes"]]
    if fix["op"] == "set-size":
        # The size cell(s): what was loaded, so Bulkhead knows the image's extent.
        return ["fdt set %s %s <%s %s>" % (
            fix["node"], fix["property"], addr_cells_text(fix["address-cells"], fix["address"]),
            size_cells_text(fix["size-cells"], "0x${filesize}"))]
    raise BootMediaError("%s: unknown fix-up %r" % (plan.path, fix["op"]))


def make_script(plan, name):
    hyp, dtb = plan.hyp, plan.dtb
    out = [
        "# Bulkhead boot script, layout '%s'." % name,
        "# Generated by tools/mkbootscr.py from the load plan of %s: do not edit."
        % os.path.basename(plan.source),
        "#",
        "# Loads everything from ${devtype} ${devnum}:${distro_bootpart} under ${prefix}:",
        "# U-Boot's distro boot sets these when it finds this boot.scr on a board's SD",
        "# card or disk; Bulkhead's QEMU env.img sets them for the virtio disk.",
    ]
    for x in plan.loads:
        out.append("#   %-13s 0x%x  %s" % (x.file, x.addr, x.node or ""))
    out += [
        "",
        "setenv bh_err",
        "if test -z \"${prefix}\"; then setenv prefix /; fi",
        "echo \"bulkhead: layout %s from ${devtype} ${devnum}:${distro_bootpart}\"" % name,
        "# Use the device tree where it is loaded (no relocation): Bulkhead gets x0 = 0x%x."
        % dtb.addr,
        "setenv fdt_high 0xffffffffffffffff",
        "",
    ]
    out += load_step(hyp.addr, hyp.file, "the hypervisor", hyp.room)
    out += load_step(dtb.addr, dtb.file, "the system device tree", dtb.room)
    resize = [f for f in plan.fixups if f["op"] == "resize"]
    for f in resize:
        out += guarded(fixup_lines(plan, f))
    out.append("")
    sizes = {f["node"]: f for f in plan.fixups if f["op"] == "set-size"}
    for m in plan.modules:
        out += load_step(m.addr, m.file, m.node, m.room)
        if m.node in sizes:
            out += guarded(fixup_lines(plan, sizes.pop(m.node)))
        out.append("")
    if sizes:
        raise BootMediaError("%s: size fix-up of %s, which is not loaded"
                             % (plan.path, ", ".join(sorted(sizes))))
    kernel, fdt = plan.booti["kernel"], plan.booti["fdt"]
    out += guarded([
        "echo \"bulkhead: booti 0x%x - 0x%x\"" % (kernel, fdt),
        "booti 0x%x - 0x%x" % (kernel, fdt),
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

# Disks the env's bootcmd tries, in order. U-Boot numbers virtio disks by
# transport (the lowest virtio-mmio address first), and QEMU puts each new
# -device on a lower transport: a disk added after the boot disk becomes
# `virtio 0` and pushes the boot disk to `virtio 1`. So no number is fixed:
# the first disk with ${prefix}boot.scr on partition ${distro_bootpart} wins.
SEARCH_DEVNUMS = "0 1 2 3 4 5 6 7"


def make_env(devtype, devnums, part, scriptaddr):
    """The QEMU pflash environment: boot.scr from the first of @devnums (a
    space-separated list) that has it; ${devnum} is then that disk's number,
    which boot.scr loads everything else from."""
    return [
        "bootdelay=0",
        "devtype=%s" % devtype,
        "distro_bootpart=%s" % part,
        "prefix=/",
        "scriptaddr=0x%x" % scriptaddr,
        "bootcmd=setenv devnum; for i in %s; do if test -z \"${devnum}\"; then "
        "if load ${devtype} ${i}:${distro_bootpart} ${scriptaddr} ${prefix}boot.scr; then "
        "setenv devnum ${i}; echo \"bulkhead: env.img: boot.scr from ${devtype} ${devnum}:"
        "${distro_bootpart}\"; source ${scriptaddr}; fi; fi; done; "
        "echo \"bulkhead: error: boot.scr did not boot (${devtype} disks %s searched)\""
        % (devnums, devnums),
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
        p.add_argument("plan", help="the layout's load plan (bulkhead-check --plan)")
        p.add_argument("--search", action="append", default=[], metavar="DIR",
                       help="where bulkhead,file files are looked up (in order)")
        p.add_argument("--lenient", action="store_true",
                       help="accept a plan with errors, warning (invalid-layout tests: "
                       "the hypervisor must reject the layout, not this tool)")
        p.add_argument("--name", help="layout name (default: the plan's directory name)")

    p = sub.add_parser("script", help="write boot.scr (and boot.cmd)")
    common(p)
    p.add_argument("-o", "--output", default="boot.scr")

    p = sub.add_parser("env", help="write the QEMU pflash environment image")
    p.add_argument("-o", "--output", default="env.img")
    p.add_argument("--plan", required=True, help="the load plan (its scriptaddr)")
    p.add_argument("--devtype", default="virtio")
    p.add_argument("--devnum", default=SEARCH_DEVNUMS,
                   help="disk numbers to search for boot.scr, in order (default: %(default)s)")
    p.add_argument("--part", default="1", help="partition (0: disk without partition table)")

    p = sub.add_parser("disk", help="write the disk image")
    common(p)
    p.add_argument("-o", "--output", default="disk.img")
    p.add_argument("--dtb", required=True, help="the system DTB the plan was made from")
    p.add_argument("--bulkhead", required=True, help="the hypervisor image (bulkhead.bin)")
    p.add_argument("--script", required=True, help="boot.scr (boot.cmd beside it is added)")
    p.add_argument("--no-mbr", action="store_true", help="file system on the whole disk")
    p.add_argument("--deps", metavar="FILE", help="write a make dependency file")

    p = sub.add_parser("files", help="print the files a layout loads")
    common(p)

    args = ap.parse_args(argv)
    try:
        return run_command(args)
    except (BootMediaError, OSError, KeyError) as e:
        print("mkbootscr: error: %s" % e, file=sys.stderr)
        return 1


def run_command(args):
    if args.cmd == "env":
        plan = Plan(args.plan, lenient=True)    # only its scriptaddr is used
        write_env(make_env(args.devtype, args.devnum, args.part, plan.script_addr), args.output)
        return 0

    plan = Plan(args.plan, args.lenient)
    name = args.name or os.path.basename(os.path.dirname(os.path.abspath(args.plan)))
    if args.search or args.cmd in ("disk", "files"):
        plan.resolve(args.search)
    for w in plan.warnings:
        print("mkbootscr: warning: %s" % w, file=sys.stderr)

    if args.cmd == "script":
        write_script(make_script(plan, name), args.output, name)
    elif args.cmd == "files":
        for m in plan.modules:
            print("0x%x %s %s" % (m.addr, m.file, m.local))
    elif args.cmd == "disk":
        files = {"bulkhead.bin": args.bulkhead, "system.dtb": args.dtb,
                 "boot.scr": args.script}
        cmd = os.path.splitext(args.script)[0] + ".cmd"
        if os.path.exists(cmd):
            files["boot.cmd"] = cmd
        for m in plan.modules:
            files[m.file] = m.local
        if os.path.getsize(args.bulkhead) > plan.hyp.room:
            raise BootMediaError("%s (0x%x bytes) does not fit in Bulkhead's 0x%x bytes"
                                 % (args.bulkhead, os.path.getsize(args.bulkhead),
                                    plan.hyp.room))
        make_disk(files, args.output, "bulkhead", not args.no_mbr)
        if args.deps:
            with open(args.deps, "w") as f:
                f.write("%s: %s\n" % (args.output, " ".join(sorted(set(files.values())))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
