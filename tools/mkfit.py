#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""One artefact to flash: a FIT image (U-Boot's Flattened Image Tree) of a
layout, rendered from its load plan, and a boot script that loads it.

  mkfit.py PLAN.json --dtb system.dtb --bulkhead bulkhead.bin --search DIR ... -o OUTDIR

writes into OUTDIR:
  system-filled.dtb  the system DTB with every module's size already in its reg
                     (what boot.scr's `fdt set` fix-ups do at boot), padded by
                     the plan's resize slack
  bulkhead.its       the FIT source: Bulkhead (type kernel, os linux, arch arm64,
                     load = entry = its /chosen/bulkhead base), the filled DTB
                     (load = the plan's DTB address) and every module (type
                     firmware, listed in `loadables`, load = its module@ address),
                     each with a sha256 hash that bootm checks
  bulkhead.itb       `mkimage -f bulkhead.its bulkhead.itb`
  boot.scr, boot.cmd U-Boot script: load bulkhead.itb from ${devtype}
                     ${devnum}:${distro_bootpart} (the distro-boot variables, as
                     for the plain boot.scr), or from SPI NOR at ${bh_sf_offset}
                     when that is set, and `bootm` it
  disk.img           MBR + ext4 with boot.scr, boot.cmd and bulkhead.itb (--disk)

Why type kernel and not kernel_noload: U-Boot 2023.01 runs booti_setup() on a
kernel_noload arm64 image and forces it to the base of RAM + text_offset
(Bulkhead's header says 0), 0x40000000, not where Bulkhead is linked; with type
kernel, bootm copies it to `load` and jumps to `entry` the way booti does
(x0 = the DTB, at EL2). `fdt_high` = all ones keeps the DTB where the FIT put
it (the plan's address, inside Bulkhead's window), as boot.scr does.

Where the FIT itself is loaded: the highest 2 MiB-aligned address below the
room U-Boot keeps at the top of RAM (the plan's uboot-top) where it fits,
above every file the plan loads. Bulkhead copies the modules into partition
RAM only after U-Boot is gone, so the FIT may lie over partition RAM.

Python 3 standard library; mkimage (u-boot-tools), fdtput and dtc
(device-tree-compiler).
"""

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MIB2 = 2 * 1024 * 1024


def _mkbootscr():
    spec = importlib.util.spec_from_file_location("mkbootscr",
                                                  os.path.join(TOP, "tools", "mkbootscr.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


mk = _mkbootscr()
BootMediaError = mk.BootMediaError


def cells(value, n):
    """@value as @n 32-bit cells, most significant first."""
    return [(value >> (32 * (n - 1 - i))) & 0xFFFFFFFF for i in range(n)]


def filled_dtb(plan, dtb, out):
    """@dtb with the plan's fix-ups done on the host: the resize slack, then each
    module's reg with its file's real size."""
    resize = sum(f["bytes"] for f in plan.fixups if f["op"] == "resize")
    shutil.copyfile(dtb, out)
    sizes = {m.node: m.file_size for m in plan.modules}
    for f in plan.fixups:
        if f["op"] == "resize":
            continue
        if f["op"] != "set-size" or f["node"] not in sizes:
            raise BootMediaError("%s: fix-up %r not understood" % (plan.path, f))
        reg = cells(f["address"], f["address-cells"]) + cells(sizes[f["node"]], f["size-cells"])
        mk.run(["fdtput", "-t", "x", out, f["node"], f["property"]] + ["%x" % c for c in reg])
    # Last: fdtput packs the tree. The slack is room for U-Boot's own fix-ups in place.
    mk.run(["dtc", "-q", "-I", "dtb", "-O", "dtb", "-p", str(resize), "-o", out, out])
    if os.path.getsize(out) > plan.dtb.room:
        raise BootMediaError("the filled DTB (%d bytes) does not fit in the %d bytes at 0x%x"
                             % (os.path.getsize(out), plan.dtb.room, plan.dtb.addr))


def fit_image(name, desc, path, typ, load, entry=None, os_name=None):
    lines = [
        "\t\t%s {" % name,
        "\t\t\tdescription = \"%s\";" % desc,
        "\t\t\tdata = /incbin/(\"%s\");" % os.path.abspath(path),
        "\t\t\ttype = \"%s\";" % typ,
        "\t\t\tarch = \"arm64\";",
    ]
    if os_name:
        lines.append("\t\t\tos = \"%s\";" % os_name)
    lines += ["\t\t\tcompression = \"none\";", "\t\t\tload = <0x%x>;" % load]
    if entry is not None:
        lines.append("\t\t\tentry = <0x%x>;" % entry)
    lines += ["\t\t\thash-1 {", "\t\t\t\talgo = \"sha256\";", "\t\t\t};", "\t\t};"]
    return lines


def make_its(plan, name, bulkhead, dtb):
    """The FIT source (one configuration); addresses must fit one cell."""
    for x in plan.loads:
        if x.addr >> 32:
            raise BootMediaError("%s at 0x%x: above 4 GiB, not supported by mkfit" %
                                 (x.file, x.addr))
    out = ["/dts-v1/;", "", "/ {",
           "\tdescription = \"Bulkhead, layout %s\";" % name,
           "\t#address-cells = <1>;", "", "\timages {"]
    out += fit_image("bulkhead", "Bulkhead hypervisor (arm64 Image header)", bulkhead,
                     "kernel", plan.hyp.addr, plan.booti["kernel"], "linux")
    out += fit_image("fdt", "system device tree, module sizes filled in", dtb, "flat_dt",
                     plan.dtb.addr)
    loadables = []
    for i, m in enumerate(plan.modules):
        loadables.append("module-%d" % i)
        out += fit_image(loadables[-1], "%s for %s" % (m.file, m.node), m.local,
                         "firmware", m.addr)
    out += ["\t};", "", "\tconfigurations {", "\t\tdefault = \"conf-1\";", "\t\tconf-1 {",
            "\t\t\tdescription = \"Bulkhead with layout %s\";" % name,
            "\t\t\tkernel = \"bulkhead\";", "\t\t\tfdt = \"fdt\";"]
    if loadables:
        out.append("\t\t\tloadables = %s;" % ", ".join('"%s"' % x for x in loadables))
    out += ["\t\t};", "\t};", "};", ""]
    return "\n".join(out)


def fit_addr(plan, ram, size):
    """Highest 2 MiB-aligned address for @size bytes below U-Boot's room at the
    top of RAM and above every load of the plan."""
    top = ram["base"] + ram["size"] - plan.uboot_top
    addr = (top - size) // MIB2 * MIB2
    floor = max(x.addr + (x.file_size or 0) for x in plan.loads)
    floor = max(floor, plan.script_addr + plan.script_room)
    if addr < floor:
        raise BootMediaError("the FIT (%d bytes) does not fit between 0x%x and 0x%x"
                             % (size, floor, top))
    return addr


def make_script(name, addr, size):
    """Loads the FIT from SPI NOR when ${bh_sf_offset} is set (where bulkhead.itb
    was written in the flash), otherwise from the distro-boot block device."""
    return "\n".join([
        "# Bulkhead FIT boot script, layout '%s'. Generated by tools/mkfit.py: do not edit." % name,
        "# Loads bulkhead.itb (0x%x bytes: Bulkhead, the system DTB with the module sizes" % size,
        "# filled in, every module, each with a sha256) at 0x%x and boots it with bootm," % addr,
        "# which puts each image at its load address. From ${devtype} ${devnum}:",
        "# ${distro_bootpart} under ${prefix} (SD, eMMC, USB, virtio), or from SPI NOR",
        "# when bh_sf_offset is set: setenv bh_sf_offset <offset of bulkhead.itb in the flash>.",
        "",
        "if test -z \"${prefix}\"; then setenv prefix /; fi",
        "setenv fdt_high 0xffffffffffffffff",
        "setenv bh_fit_loaded",
        "if test -n \"${bh_sf_offset}\"; then",
        "\techo \"bulkhead: FIT layout %s from SPI NOR at ${bh_sf_offset}\"" % name,
        "\tif sf probe; then",
        "\t\tif sf read 0x%x ${bh_sf_offset} 0x%x; then setenv bh_fit_loaded 1; fi" % (addr, size),
        "\tfi",
        "else",
        "\techo \"bulkhead: FIT layout %s from ${devtype} ${devnum}:${distro_bootpart}\"" % name,
        "\tif load ${devtype} ${devnum}:${distro_bootpart} 0x%x ${prefix}bulkhead.itb; then"
        % addr,
        "\t\tsetenv bh_fit_loaded 1",
        "\tfi",
        "fi",
        "if test -n \"${bh_fit_loaded}\"; then",
        "\techo \"bulkhead: bootm 0x%x\"" % addr,
        "\tbootm 0x%x" % addr,
        "fi",
        "echo \"bulkhead: error: FIT boot stopped\"",
        "",
    ])


def build(args):
    plan = mk.Plan(args.plan)
    with open(args.plan) as f:
        raw = mk.json.load(f)
    plan.uboot_top = raw["uboot-top"]
    name = args.name or os.path.basename(os.path.dirname(os.path.abspath(args.plan)))
    plan.resolve(args.search)
    os.makedirs(args.output, exist_ok=True)
    out = lambda n: os.path.join(args.output, n)  # noqa: E731
    filled_dtb(plan, args.dtb, out("system-filled.dtb"))
    plan.hyp.file_size = os.path.getsize(args.bulkhead)
    plan.dtb.file_size = os.path.getsize(out("system-filled.dtb"))
    with open(out("bulkhead.its"), "w") as f:
        f.write(make_its(plan, name, args.bulkhead, out("system-filled.dtb")))
    mk.run(["mkimage", "-f", out("bulkhead.its"), out("bulkhead.itb")])
    size = os.path.getsize(out("bulkhead.itb"))
    addr = fit_addr(plan, raw["ram"][0], size)
    mk.write_script(make_script(name, addr, size), out("boot.scr"), name)
    if args.disk:
        files = {"boot.scr": out("boot.scr"), "boot.cmd": out("boot.cmd"),
                 "bulkhead.itb": out("bulkhead.itb")}
        mk.make_disk(files, out("disk.img"), "BULKHEAD")
    if args.env:
        mk.write_env(mk.make_env("virtio", mk.SEARCH_DEVNUMS, "1", plan.script_addr), out("env.img"))
    print("mkfit: %s: 0x%x bytes, loaded at 0x%x" % (out("bulkhead.itb"), size, addr))


def main(argv):
    ap = argparse.ArgumentParser(prog="mkfit.py", description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="\n\n".join(__doc__.split("\n\n")[1:]))
    ap.add_argument("plan", help="the layout's load plan (bulkhead-check --plan)")
    ap.add_argument("--dtb", required=True, help="the system DTB the plan was made from")
    ap.add_argument("--bulkhead", required=True, help="bulkhead.bin")
    ap.add_argument("--search", action="append", default=[], metavar="DIR",
                    help="where bulkhead,file files are looked up (in order)")
    ap.add_argument("--name", help="layout name (default: the plan's directory name)")
    ap.add_argument("--disk", action="store_true", help="also write disk.img")
    ap.add_argument("--env", action="store_true", help="also write the QEMU env.img")
    ap.add_argument("-o", "--output", required=True, help="output directory")
    args = ap.parse_args(argv)
    if not shutil.which("mkimage"):
        print("mkfit: error: mkimage not found (make setup installs u-boot-tools)",
              file=sys.stderr)
        return 1
    try:
        build(args)
    except (BootMediaError, OSError, KeyError) as e:
        print("mkfit: error: %s" % e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
