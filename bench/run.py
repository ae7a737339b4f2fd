#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""`make bench`: Bulkhead against bare QEMU and Xen 4.17 dom0less.

Every measurement runs on the same QEMU machine (virt, GICv3, EL2, SMMUv3,
cortex-a57, 4 cores, 2 GiB, `-icount shift=0,sleep=off`: one instruction is
one nanosecond of virtual time, one tick of the 62.5 MHz counter sixteen
instructions), booted by U-Boot from a virtio disk, with the same guest
binaries:

  bare        U-Boot -> stub -> bench.bin (at EL2; it drops to EL1 itself)
  bulkhead    U-Boot -> stub -> bulkhead.bin (dts/bench.dts) -> bench.bin
  bulkhead-a32  the same with the guest built for AArch32 in an AArch32
              partition (dts/bench32.dts, bench32.bin)
  xen-vwfi    U-Boot -> stub -> Xen 4.17 (vwfi=native) -> domU bench.bin
  xen         U-Boot -> stub -> Xen 4.17 (default: WFI traps) -> domU bench.bin
  xen-slop0   the same with timer_slop=0 (Xen's timers without their 50 us slop)
  and Linux (Debian's Image + the bench initramfs) on bare QEMU, under
  Bulkhead (dts/bench-linux.dts) and under Xen.

The stub (guests/bench/stub) stamps the counter before it jumps to the system
under test, so Bulkhead's and Xen's own boot work is measured from their first
instruction. Results: build/bench/results.{json,md}, build/bench/latency.svg;
console logs in build/bench/logs/. docs/performance.md explains the method.

  bench/run.py                 everything (what `make bench` runs)
  bench/run.py --only bare,bulkhead [--no-linux] [--no-profile] [--samples N]
  bench/run.py --profile       only the instruction profile of Bulkhead's paths
"""

import argparse
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(TOP, "bench"))

import report  # noqa: E402  (bench/report.py)


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, os.path.join(TOP, path))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


qemu_run = _load("qemu_run", "tools/qemu-run.py")
mkbootscr = _load("mkbootscr", "tools/mkbootscr.py")

BUILD = os.path.abspath(qemu_run.build_dir())
OUT = os.path.join(BUILD, "bench")
LOGS = os.path.join(OUT, "logs")
MEDIA = os.path.join(OUT, "media")

SMP = 4
MEMORY = "2G"
TICK_INSNS = 16                     # 1 GHz of instructions / 62.5 MHz counter

XEN_PKG = "xen-hypervisor-4.17-arm64"
XEN_DIR = os.path.join(OUT, "xen")
# Xen's console on QEMU's PL011; one CPU (Xen 4.17 hangs at boot under icount
# with more); each console line prefixed with the raw physical counter.
XEN_BOOTARGS = "console=dtuart dtuart=/pl011@9000000 maxcpus=1 console_timestamps=raw"
# The Xen configurations measured: extra Xen command-line options.
XEN_VARIANTS = {"xen-vwfi": "vwfi=native", "xen": "", "xen-slop0": "timer_slop=0"}

# Load addresses (QEMU virt, RAM 0x40000000-0xbfffffff; U-Boot lives at the top)
# come from the load plans of dts/bench.dts and dts/bench-linux.dts
# (bulkhead-check --plan, built by `make`; tools/plan.h): Bulkhead's, the system
# DTB's and the modules'. Xen and its domU are loaded where Bulkhead and its
# partition's images are (load_addrs()). Only the bare runs' own are here:
# bench.bin on bare QEMU: QEMU keeps its own DTB (for U-Boot) at the RAM base,
# so the guest is loaded 2 MiB up, as QEMU's -kernel does, and moves itself to
# its link address (0x40000000) after its first-instruction stamp.
GUEST_ADDR = 0x40200000
LINUX_BARE_ADDR = 0x48000000        # Linux on bare QEMU (mem=256M covers it)

BENCH_BOOTARGS = "bench.samples=1000"
LINUX_BOOTARGS = "console=ttyAMA0 rdinit=/bench-init nokaslr linux.coldplug=0"

# QEMU virt nodes a bare Linux would probe that no partition and no domU has:
# removed from the bare Linux run's tree so that all three boot the same
# kernel on the same devices (console, GIC, timer, PSCI, RAM).
BARE_LINUX_DROP = ("platform-bus@", "fw-cfg@", "virtio_mmio@", "smmuv3@", "pcie@",
                   "pl031@", "flash@", "gpio-keys", "pl061@")


class BenchError(Exception):
    pass


def log(msg):
    print("bench: %s" % msg, flush=True)


def run(cmd, **kw):
    try:
        return subprocess.run(cmd, check=True, **kw)
    except subprocess.CalledProcessError as e:
        raise BenchError("%s failed (exit %d)" % (" ".join(cmd), e.returncode))


def build_file(*parts):
    path = os.path.join(BUILD, *parts)
    if not os.path.isfile(path):
        raise BenchError("%s is missing: run `make all` first" % path)
    return path


_plans = {}


def load_plan(layout):
    """The load plan of dts/<layout>.dts (build/boot/<layout>/plan.json)."""
    if layout not in _plans:
        _plans[layout] = mkbootscr.Plan(build_file("boot", layout, "plan.json"))
    return _plans[layout]


def module_addr(layout, suffix):
    """Where the layout's plan loads its module whose file name ends with @suffix."""
    found = [m.addr for m in load_plan(layout).modules if m.file.endswith(suffix)]
    if len(found) != 1:
        raise BenchError("dts/%s.dts: want one module *%s, found %d" % (layout, suffix,
                                                                        len(found)))
    return found[0]


def load_addrs():
    """{"hyp", "dtb", "mod", "initrd"}: Bulkhead (and Xen), the system DTB, the
    partition's (and domU's) kernel, the Linux initramfs, from the plans."""
    bench = load_plan("bench")
    return {"hyp": bench.hyp.addr, "dtb": bench.dtb.addr,
            "mod": module_addr("bench", "bench.bin"),
            "initrd": module_addr("bench-linux", ".cpio.gz")}


# ---------------------------------------------------------------- Xen

def fetch_xen():
    """Debian's Xen 4.17 arm64 hypervisor: apt-get download + dpkg-deb -x, into build/."""
    image = os.path.join(XEN_DIR, "root", "boot", "xen-4.17-arm64")
    if os.path.isfile(image):
        return image
    os.makedirs(XEN_DIR, exist_ok=True)
    debs = [f for f in os.listdir(XEN_DIR) if f.startswith(XEN_PKG + "_") and f.endswith(".deb")]
    if not debs:
        log("apt-get download %s:arm64 into %s" % (XEN_PKG, XEN_DIR))
        run(["apt-get", "download", "-q", "%s:arm64" % XEN_PKG], cwd=XEN_DIR,
            stdout=subprocess.DEVNULL)
        debs = [f for f in os.listdir(XEN_DIR)
                if f.startswith(XEN_PKG + "_") and f.endswith(".deb")]
        if not debs:
            raise BenchError("apt-get download %s:arm64 gave no package" % XEN_PKG)
    run(["dpkg-deb", "-x", os.path.join(XEN_DIR, sorted(debs)[-1]),
         os.path.join(XEN_DIR, "root")])
    if not os.path.isfile(image):
        raise BenchError("%s is not in %s" % (os.path.basename(image), debs))
    return image


def xen_version():
    debs = sorted(f for f in os.listdir(XEN_DIR) if f.endswith(".deb"))
    return debs[-1].split("_")[1] if debs else "?"


# ---------------------------------------------------------------- device trees

def qemu_base_cmd(boot_dir):
    return qemu_run.qemu_command(boot_dir, smp=SMP, memory=MEMORY, icount=True)


def dump_qemu_dtb():
    """The device tree QEMU gives U-Boot for this machine (-M ...,dumpdtb=)."""
    out = os.path.join(OUT, "dt", "qemu-virt.dtb")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    cmd = ["qemu-system-aarch64", "-M", qemu_run.MACHINE + ",dumpdtb=" + out,
           "-cpu", qemu_run.CPU, "-smp", str(SMP), "-m", MEMORY, "-nographic", "-net", "none"]
    run(["timeout", "60"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return out


def dts_of(dtb):
    return subprocess.run(["dtc", "-q", "-I", "dtb", "-O", "dts", dtb], check=True,
                          capture_output=True, text=True).stdout


def strip_root_nodes(dts, prefixes):
    """Removes the root's child nodes whose names start with one of @prefixes."""
    out, skip, depth = [], False, 0
    for line in dts.splitlines():
        if not skip and line.startswith("\t") and not line.startswith("\t\t") and \
                line.rstrip().endswith("{") and line.strip().startswith(tuple(prefixes)):
            skip, depth = True, 0
        if skip:
            depth += line.count("{") - line.count("}")
            if depth <= 0:
                skip = False
            continue
        out.append(line)
    return "\n".join(out) + "\n"


def dts_string(s):
    return '"%s"' % s.replace("\\", "\\\\").replace('"', '\\"')


def cells64(v):
    return "0x%x 0x%x" % (v >> 32, v & 0xFFFFFFFF)


def compile_dts(text, out):
    with open(out + ".dts", "w") as f:
        f.write(text)
    run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", out, out + ".dts"])
    return out


def chosen_overlay(props, nodes=""):
    return "\n/ {\n\tchosen {\n%s%s\t};\n};\n" % ("".join("\t\t%s;\n" % p for p in props), nodes)


def clean_qemu_dts(dts):
    """Deterministic runs: no random seeds in /chosen."""
    return re.sub(r"\n\t\t(rng-seed|kaslr-seed) = [^;]*;", "", dts)


# ---------------------------------------------------------------- boot media

STUB_ADDR = None   # bench-stub.elf's _head (BENCH_STUB_ADDR in guests/bench/build.mk)
DIRECT = False     # --direct: booti the system under test itself, no stub


def stub_addr():
    out = subprocess.run(["aarch64-linux-gnu-nm", build_file("guests", "bench-stub.elf")],
                         check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        f = line.split()
        if len(f) == 3 and f[2] == "_head":
            return int(f[0], 16)
    raise BenchError("no _head in bench-stub.elf")


class Media:
    """One run's media in MEDIA/<name>/: the images QEMU's generic loader puts
    in RAM before U-Boot starts (no disk: a virtio-blk load under icount takes
    as long as the host's I/O does, which would make the U-Boot phase vary from
    run to run), and env.img, whose bootcmd runs booti on the stub."""

    def __init__(self, name):
        self.name = name
        self.dir = os.path.join(MEDIA, name)
        os.makedirs(self.dir, exist_ok=True)
        self.loads = []             # (addr, host path)
        self.jump = None
        self.notes = {}

    def add(self, path, addr):
        self.loads.append((addr, path))
        return os.path.getsize(path)

    def write(self, dtb, jump):
        dtb_addr = load_addrs()["dtb"]
        self.add(dtb, dtb_addr)
        self.jump = jump
        if DIRECT:
            self.bootcmd = "booti 0x%x - 0x%x" % (jump, dtb_addr)
        else:
            self.add(build_file("guests", "bench-stub.bin"), STUB_ADDR)
            self.bootcmd = "booti 0x%x - 0x%x" % (STUB_ADDR, dtb_addr)
        self.notes["bootcmd"] = self.bootcmd
        mkbootscr.write_env(["bootdelay=0", "fdt_high=0xffffffffffffffff",
                             "bootcmd=%s; echo \"bench: error: booti returned\"" % self.bootcmd],
                            os.path.join(self.dir, "env.img"))
        ends = sorted((a, a + os.path.getsize(p), p) for a, p in self.loads)
        for (a0, e0, p0), (a1, _, p1) in zip(ends, ends[1:]):
            if e0 > a1:
                raise BenchError("%s: %s (0x%x-0x%x) overlaps %s at 0x%x"
                                 % (self.name, p0, a0, e0, p1, a1))
        return self

    def command(self, extra=(), icount=True):
        cmd = ["qemu-system-aarch64", "-M", qemu_run.MACHINE, "-cpu", qemu_run.CPU,
               "-smp", str(SMP), "-m", MEMORY, "-nographic", "-bios", qemu_run.UBOOT,
               "-drive", "if=pflash,unit=1,format=raw,snapshot=on,file="
               + os.path.join(self.dir, "env.img"),
               "-net", "none"]
        if icount:
            cmd += ["-icount", "shift=0,sleep=off"]
        for addr, path in self.loads:
            cmd += ["-device", "loader,file=%s,addr=0x%x,force-raw=on" % (path, addr)]
        return cmd + list(extra)


def media_bare(qemu_dts, name, kernel, bootargs, kernel_addr, initrd=None, drop=()):
    m = Media(name)
    m.add(kernel, kernel_addr)
    props = ["bootargs = %s" % dts_string(bootargs),
             "bench,stub-jump = <%s>" % cells64(kernel_addr)]
    if initrd:
        initrd_addr = load_addrs()["initrd"]
        size = m.add(initrd, initrd_addr)
        props += ["linux,initrd-start = <%s>" % cells64(initrd_addr),
                  "linux,initrd-end = <%s>" % cells64(initrd_addr + size)]
    dts = strip_root_nodes(qemu_dts, drop) if drop else qemu_dts
    dtb = compile_dts(dts + chosen_overlay(props), os.path.join(m.dir, "system.dtb"))
    m.notes["bootargs"] = bootargs
    return m.write(dtb, kernel_addr)


def media_bulkhead(name, layout, dtb_in=None, plan_path=None):
    """Bulkhead's own layout DTB (dts/<layout>.dts, or @dtb_in with its plan
    @plan_path), loaded as its load plan says, with the plan's size fix-ups
    applied here (boot.scr would `fdt set`)."""
    m = Media(name)
    plan = mkbootscr.Plan(plan_path) if plan_path else load_plan(layout)
    dtb_in = dtb_in or build_file("dts", layout + ".dtb")
    m.add(build_file("bulkhead.bin"), plan.hyp.addr)
    plan.resolve([os.path.join(BUILD, "guests"), BUILD, os.path.join(BUILD, "linux")])
    sizes = {}
    for mod in plan.modules:
        sizes[mod.node] = m.add(mod.local, mod.addr)
    dts = dts_of(dtb_in)
    for fix in plan.fixups:
        if fix["op"] != "set-size":
            continue        # resize: dtc makes a new tree here
        unit = fix["node"].split("/")[-1]
        dts, n = re.subn(r"(\b%s \{[^}]*?\b%s = <)[^>]*(>)" % (re.escape(unit),
                                                              re.escape(fix["property"])),
                         lambda mm: mm.group(1) + "%s %s" % (cells64(fix["address"]),
                                                             cells64(sizes[fix["node"]]))
                         + mm.group(2), dts, count=1, flags=re.S)
        if n != 1 or fix["address-cells"] != 2 or fix["size-cells"] != 2:
            raise BenchError("%s: cannot set the size of %s" % (dtb_in, fix["node"]))
    props = ["bench,stub-jump = <%s>" % cells64(plan.hyp.addr)]
    dtb = compile_dts(dts + chosen_overlay(props), os.path.join(m.dir, "system.dtb"))
    m.notes["layout"] = "dts/%s.dts" % layout if layout else dtb_in
    return m.write(dtb, plan.hyp.addr)


def media_xen(qemu_dts, name, xen, kernel, bootargs, mem_kib, xen_extra, initrd=None):
    m = Media(name)
    a = load_addrs()
    m.add(xen, a["hyp"])
    ksize = m.add(kernel, a["mod"])
    xen_args = (XEN_BOOTARGS + " " + xen_extra).strip()
    mods = ("\t\t\tmodule@%x {\n"
            "\t\t\t\tcompatible = \"multiboot,kernel\", \"multiboot,module\";\n"
            "\t\t\t\treg = <%s %s>;\n"
            "\t\t\t\tbootargs = %s;\n"
            "\t\t\t};\n") % (a["mod"], cells64(a["mod"]), cells64(ksize), dts_string(bootargs))
    if initrd:
        rsize = m.add(initrd, a["initrd"])
        mods += ("\t\t\tmodule@%x {\n"
                 "\t\t\t\tcompatible = \"multiboot,ramdisk\", \"multiboot,module\";\n"
                 "\t\t\t\treg = <%s %s>;\n"
                 "\t\t\t};\n") % (a["initrd"], cells64(a["initrd"]), cells64(rsize))
    domu = ("\t\tdomU1 {\n"
            "\t\t\tcompatible = \"xen,domain\";\n"
            "\t\t\t#address-cells = <2>;\n"
            "\t\t\t#size-cells = <2>;\n"
            "\t\t\tcpus = <1>;\n"
            "\t\t\tmemory = <0x0 0x%x>;\n"
            "\t\t\tvpl011;\n%s"
            "\t\t};\n") % (mem_kib, mods)
    props = ["xen,xen-bootargs = %s" % dts_string(xen_args),
             "bench,stub-jump = <%s>" % cells64(a["hyp"])]
    dtb = compile_dts(qemu_dts + chosen_overlay(props, domu), os.path.join(m.dir, "system.dtb"))
    m.notes["xen-bootargs"] = xen_args
    m.notes["domU"] = "cpus=1 memory=%d KiB vpl011, bootargs \"%s\"" % (mem_kib, bootargs)
    return m.write(dtb, a["hyp"])


# ---------------------------------------------------------------- runs and parsing

STUB_RX = re.compile(r"bench-stub: entry=(\d+) mark=(\d+) jump=0x([0-9a-f]+)")
BENCH_RX = re.compile(r"\bbench: (\w+)\s*(.*?)\s*$")
LINUX_RX = re.compile(r"\bbench-linux: (\w+) cntvct=(\d+)")
XEN_RX = re.compile(r"^\(XEN\) \[([0-9a-f]{16})\] (.*)$")
KV_RX = re.compile(r"(\w+)=(\S+)")
FAIL = [r"PANIC", r"\bpanic\b", r"bench: exception", r"bench: error", r"Kernel panic",
        r"Internal error", r"\(XEN\).*(Panic|FATAL)"]


def run_qemu(media, name, expect, timeout, extra=(), icount=True):
    """Boots @media, reads the console until a line matches @expect; returns
    (lines, wall seconds). QEMU is killed either way."""
    os.makedirs(LOGS, exist_ok=True)
    logpath = os.path.join(LOGS, name + ".log")
    cmd = media.command(extra, icount)
    t0 = time.monotonic()
    q = qemu_run.Qemu(cmd, log=logpath)
    q.fail_patterns = FAIL
    try:
        q.expect_line(expect, timeout)
    except qemu_run.QemuError as e:
        raise BenchError("%s: %s (log: %s)" % (name, str(e).split("\n")[0], logpath))
    finally:
        q.close()
    return q.lines, time.monotonic() - t0


def parse_number(v):
    try:
        return int(v, 0)
    except ValueError:
        return float(v)


def parse_console(lines):
    """Everything the stub, the benchmark guest, Linux and Xen printed."""
    out = {"stub": [], "bench": {}, "info": {}, "hist": {}, "na": {}, "linux": {},
           "xen_first": None, "xen_loading": None, "warnings": []}
    for line in lines:
        m = XEN_RX.search(line)
        if m:
            stamp = int(m.group(1), 16)
            if out["xen_first"] is None:
                out["xen_first"] = stamp
            if "LOADING DOMU" in m.group(2):
                out["xen_loading"] = stamp
        m = STUB_RX.search(line)
        if m:
            out["stub"].append((int(m.group(1)), int(m.group(2)), int(m.group(3), 16)))
            continue
        m = LINUX_RX.search(line)
        if m:
            out["linux"].setdefault(m.group(1), int(m.group(2)))
            continue
        m = BENCH_RX.search(line)
        if not m:
            continue
        kind, rest = m.group(1), m.group(2)
        kv = {k: v for k, v in KV_RX.findall(rest)}
        if kind in ("hello", "boot", "env", "options"):
            out[kind] = {k: parse_number(v) if k not in ("psci",) else v for k, v in kv.items()}
        elif kind == "result":
            out["bench"][kv["name"]] = {k: parse_number(kv[k]) for k in ("n", "min", "mean", "max")}
        elif kind == "info":
            out["info"][kv["name"]] = {k: v for k, v in kv.items() if k != "name"}
        elif kind == "hist":
            name = rest.split()[0].split("=", 1)[1]
            h = out["hist"].setdefault(name, {})
            for pair in rest.split()[1:]:
                b, c = pair.split(":")
                h[int(b)] = h.get(int(b), 0) + int(c)
        elif kind == "na":
            out["na"][kv["name"]] = kv.get("reason", "")
        elif kind == "warning":
            out["warnings"].append(rest)
    return out


def stub_jump(p):
    """When the stub jumped: t2 + (t2 - t1) (see guests/bench/stub/head.S)."""
    if DIRECT:
        return {"stub_entry": None, "hyp_entry": None, "jump_addr": None}
    if len(p["stub"]) < 2:
        raise BenchError("the stub's two stamp lines are missing")
    (_, t1, jump), (t0, t2, _) = p["stub"][-2], p["stub"][-1]
    return {"stub_entry": t0, "hyp_entry": t2 + (t2 - t1), "jump_addr": jump}


def check_bench(p, name):
    """Well-formed and complete (also what tests/integration/test_bench_smoke.py checks)."""
    missing = [k for k in ("hello", "boot", "env", "options") if k not in p]
    for fig in ("irq_wfi", "irq_busy", "gicd_typer", "hvc_null", "compute"):
        if fig not in p["bench"]:
            missing.append(fig)
    if "ipi" not in p["bench"] and "ipi" not in p["na"]:
        missing.append("ipi")
    if missing:
        raise BenchError("%s: missing from the output: %s" % (name, ", ".join(missing)))
    for fig, r in p["bench"].items():
        if not r["min"] <= r["mean"] <= r["max"]:
            raise BenchError("%s: %s: not min <= mean <= max: %s" % (name, fig, r))
        h = p["hist"].get(fig)
        if h is not None and sum(h.values()) != r["n"]:
            raise BenchError("%s: %s: histogram has %d samples, not %d"
                             % (name, fig, sum(h.values()), r["n"]))


def bench_system(media, name, timeout):
    lines, wall = run_qemu(media, name, r"\bbench: done\b", timeout)
    p = parse_console(lines)
    check_bench(p, name)
    boot = stub_jump(p)
    boot.update({"guest_entry": p["boot"]["entry_pct"],
                 "first_line": p["boot"]["first_line_pct"],
                 "guest_cntvoff": p["boot"]["cntvoff"],
                 "xen_first_line": p["xen_first"], "xen_loading_domu": p["xen_loading"]})
    boot["hyp_boot"] = None if DIRECT else boot["guest_entry"] - boot["hyp_entry"]
    boot["entry_to_first_line"] = boot["first_line"] - boot["guest_entry"]
    res = {"figures": p["bench"], "hist": {k: {str(b): c for b, c in sorted(v.items())}
                                          for k, v in p["hist"].items()},
           "info": p["info"], "na": p["na"], "env": p["env"], "options": p["options"],
           "boot": boot, "warnings": p["warnings"], "wall_s": round(wall, 1),
           "media": media.notes, "qemu": media.command()}
    return res


def linux_system(media, name, timeout):
    lines, wall = run_qemu(media, name, r"bench-linux: shell cntvct=\d+", timeout)
    p = parse_console(lines)
    if "init" not in p["linux"] or "shell" not in p["linux"]:
        raise BenchError("%s: the bench-linux stamps are missing" % name)
    return {"boot": stub_jump(p), "cntvct": p["linux"], "wall_s": round(wall, 1),
            "media": media.notes, "xen_loading_domu": p["xen_loading"],
            "qemu": media.command()}


def sizes():
    elf = build_file("bulkhead.elf")
    out = subprocess.run(["aarch64-linux-gnu-size", elf], check=True, capture_output=True,
                         text=True).stdout.splitlines()[-1].split()
    srcs = subprocess.run(["git", "ls-files", "arch", "core", "gic", "partitions", "lib",
                           "smmu", "boards"], cwd=TOP, check=True, capture_output=True,
                          text=True).stdout.split()
    srcs = [s for s in srcs if s.endswith((".c", ".h", ".S")) and os.path.isfile(
        os.path.join(TOP, s))]
    lines = sum(sum(1 for _ in open(os.path.join(TOP, s), errors="replace")) for s in srcs)
    xen = os.path.join(XEN_DIR, "root", "boot", "xen-4.17-arm64")
    return {"bulkhead": {"text": int(out[0]), "data": int(out[1]), "bss": int(out[2]),
                         "source_lines": lines, "source_files": len(srcs),
                         "bin_bytes": os.path.getsize(build_file("bulkhead.bin"))},
            "xen": {"image_bytes": os.path.getsize(xen) if os.path.isfile(xen) else None,
                    "source_lines_public": 81000}}


# ---------------------------------------------------------------- main

SYSTEMS = ("bare", "bulkhead", "bulkhead-a32", "xen-vwfi", "xen", "xen-slop0")
LINUX_SYSTEMS = ("bare", "bulkhead", "xen-vwfi", "xen")


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog="\n\n".join(__doc__.split("\n\n")[1:]),
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", default=",".join(SYSTEMS),
                    help="comma-separated systems (default: %(default)s)")
    ap.add_argument("--no-linux", action="store_true", help="skip the Linux boot runs")
    ap.add_argument("--no-profile", action="store_true", help="skip Bulkhead's profile run")
    ap.add_argument("--profile", action="store_true", help="only the profile run")
    ap.add_argument("--profile-linux", action="store_true",
                    help="only a profile of Bulkhead while Linux boots to its shell "
                    "(dts/bench-linux.dts; slow: a few minutes)")
    ap.add_argument("--direct", action="store_true",
                    help="booti each system itself, without the stub (no hypervisor-entry "
                    "figures): shows that the stub changes nothing else")
    ap.add_argument("--baseline", action="store_true",
                    help="only measure the hot paths (bench/guard.py) and rewrite "
                    "bench/baseline.json (make bench-baseline)")
    ap.add_argument("--no-scaling", action="store_true", help="skip the boot-scaling cases")
    ap.add_argument("--scaling", action="store_true",
                    help="only the boot-scaling cases (bench/scaling.py)")
    ap.add_argument("--samples", type=int, default=1000)
    ap.add_argument("--timeout", type=float, default=900.0, help="per run, wall seconds")
    args = ap.parse_args(argv)

    global STUB_ADDR, DIRECT
    STUB_ADDR = stub_addr()
    DIRECT = args.direct
    if DIRECT:
        args.no_profile = True
    os.makedirs(OUT, exist_ok=True)
    started = time.monotonic()
    only = [s for s in args.only.split(",") if s]
    for s in only:
        if s not in SYSTEMS:
            raise BenchError("unknown system %r (one of %s)" % (s, ", ".join(SYSTEMS)))
    results_path = os.path.join(OUT, "results-direct.json" if args.direct else "results.json")

    if args.scaling:
        import scaling
        sc = scaling.measure(sys.modules[__name__], args.timeout)
        with open(os.path.join(OUT, "scaling.json"), "w") as f:
            json.dump(sc, f, indent=1)
        print(json.dumps(sc, indent=1))
        return 0

    if args.baseline:
        import guard
        figures = guard.measure(sys.modules[__name__], args.timeout)
        try:
            lines, _ = guard.compare(figures, guard.load())
            print("\n".join(["previous baseline -> now:"] + lines))
        except (OSError, ValueError, KeyError):
            pass
        guard.write(figures)
        log("baseline: %s" % guard.BASELINE)
        return 0

    if args.profile or args.profile_linux:
        import profile_irq
        if args.profile_linux:
            prof = profile_irq.profile(sys.modules[__name__], "bench-linux",
                                       r"bench-linux: shell cntvct=\d+", "profile-linux")
            path = os.path.join(OUT, "profile-linux.json")
        else:
            prof = profile_irq.profile(sys.modules[__name__])
            path = os.path.join(OUT, "profile.json")
        with open(path, "w") as f:
            json.dump(prof, f, indent=1)
        print(profile_irq.text(prof, listing=() if args.profile_linux else profile_irq.LISTED))
        log("profile: %s (%.1f s)" % (path, prof["wall_s"]))
        return 0

    try:
        xen = fetch_xen() if any(s.startswith("xen") for s in only) else None
    except BenchError as e:
        raise BenchError("%s (--only bare,bulkhead runs without Xen)" % e)
    qemu_dts = clean_qemu_dts(dts_of(dump_qemu_dtb()))
    bench_args = "bench.samples=%d" % args.samples
    bench_bin = build_file("guests", "bench.bin")
    results = {"machine": {"qemu": qemu_run.MACHINE, "cpu": qemu_run.CPU, "smp": SMP,
                           "memory": MEMORY, "icount": "shift=0,sleep=off",
                           "tick_insns": TICK_INSNS, "uboot": qemu_run.UBOOT,
                           "qemu_version": subprocess.run(
                               ["qemu-system-aarch64", "--version"], capture_output=True,
                               text=True).stdout.splitlines()[0]},
               "xen": {"package": XEN_PKG, "version": xen_version() if xen else None,
                       "bootargs": XEN_BOOTARGS},
               "systems": {}, "linux": {}, "wall_s": {}}

    def media(s):
        if s == "bare":
            return media_bare(qemu_dts, "bare", bench_bin, bench_args, GUEST_ADDR)
        if s == "bulkhead":
            return media_bulkhead("bulkhead", "bench")
        if s == "bulkhead-a32":
            return media_bulkhead("bulkhead-a32", "bench32")
        return media_xen(qemu_dts, s, xen, bench_bin, bench_args, 64 * 1024, XEN_VARIANTS[s])

    if args.samples != 1000:
        log("note: bench.samples=%d (dts/bench.dts says 1000 for Bulkhead)" % args.samples)
    for s in only:
        log("%s: the benchmark guest ..." % s)
        r = bench_system(media(s), s, args.timeout)
        results["systems"][s] = r
        results["wall_s"][s] = r["wall_s"]
        log("%s: done in %.1f s" % (s, r["wall_s"]))

    if not args.no_linux:
        image = build_file("linux", "Image")
        initrd = build_file("guests", "bench-initramfs.cpio.gz")
        def lmedia(s):
            name = "linux-" + s
            if s == "bare":
                return media_bare(qemu_dts, name, image, LINUX_BOOTARGS + " maxcpus=1 mem=256M",
                                  LINUX_BARE_ADDR, initrd=initrd, drop=BARE_LINUX_DROP)
            if s == "bulkhead":
                return media_bulkhead(name, "bench-linux")
            return media_xen(qemu_dts, name, xen, image, LINUX_BOOTARGS, 256 * 1024,
                             XEN_VARIANTS[s], initrd=initrd)

        for s in [x for x in only if x in LINUX_SYSTEMS]:
            log("linux-%s: Linux to its shell ..." % s)
            r = linux_system(lmedia(s), "linux-" + s, args.timeout)
            if s.startswith("xen"):
                # The domU's CNTVOFF is the counter when Xen created it, shortly
                # before its "LOADING DOMU" line: that gap comes from the bench
                # run of the same Xen, where the guest read CNTVOFF itself.
                b = results["systems"].get(s, {}).get("boot")
                if b and b.get("xen_loading_domu") and r.get("xen_loading_domu"):
                    gap = b["xen_loading_domu"] - b["guest_cntvoff"]
                    rebase_linux(r, r["xen_loading_domu"] - gap,
                                 "its LOADING DOMU stamp %d minus %d, the gap from domain "
                                 "creation to that line in the bench run"
                                 % (r["xen_loading_domu"], gap))
                else:
                    r["boot"]["note"] = "no bench run of this Xen: CNTVOFF unknown"
            else:
                rebase_linux(r, 0, None)
            results["linux"][s] = r
            results["wall_s"]["linux-" + s] = r["wall_s"]
            log("linux-%s: done in %.1f s" % (s, r["wall_s"]))

    if not args.no_profile and "bulkhead" in only:
        import profile_irq
        log("bulkhead: instruction profile ...")
        t = time.monotonic()
        results["profile"] = profile_irq.profile(sys.modules[__name__])
        results["wall_s"]["profile"] = round(time.monotonic() - t, 1)

    if not args.no_scaling and "bulkhead" in only:
        import scaling
        log("bulkhead: boot scaling ...")
        t = time.monotonic()
        results["scaling"] = scaling.measure(sys.modules[__name__], args.timeout)
        results["wall_s"]["scaling"] = round(time.monotonic() - t, 1)

    results["sizes"] = sizes()
    results["comparison"] = report.comparison(results)
    results["targets"] = report.targets(results)
    results["direct"] = DIRECT
    results["wall_s"]["total"] = round(time.monotonic() - started, 1)
    with open(results_path, "w") as f:
        json.dump(results, f, indent=1, sort_keys=False)
    stem = "-direct" if args.direct else ""
    md = report.markdown(results)
    with open(os.path.join(OUT, "results%s.md" % stem), "w") as f:
        f.write(md)
    with open(os.path.join(OUT, "latency%s.svg" % stem), "w") as f:
        f.write(report.svg(results))
    print(md)
    if not args.direct:
        docs_update(results)
    log("results: %s, %s, %s" % (results_path, os.path.join(OUT, "results%s.md" % stem),
                                 os.path.join(OUT, "latency%s.svg" % stem)))
    return 0


DOCS = os.path.join(TOP, "docs", "performance.md")
DOCS_BEGIN = "<!-- bench: issue-13 table, generated by make bench (bench/report.py) -->"
DOCS_END = "<!-- bench: end -->"


def docs_update(results):
    """docs/performance.md's generated block: the issue-13 table of this run."""
    with open(DOCS) as f:
        text = f.read()
    if DOCS_BEGIN not in text or DOCS_END not in text:
        return
    head, rest = text.split(DOCS_BEGIN, 1)
    tail = rest.split(DOCS_END, 1)[1]
    with open(DOCS, "w") as f:
        f.write(head + DOCS_BEGIN + "\n" + report.issue_table(results) + "\n" + DOCS_END + tail)
    log("docs: %s (generated block rewritten)" % DOCS)


def rebase_linux(r, cntvoff, how):
    """Linux's CNTVCT stamps as physical counter values (CNTVOFF added)."""
    b = r["boot"]
    b["cntvoff"] = cntvoff
    if how:
        b["cntvoff_estimate"] = how
    b["init"] = r["cntvct"]["init"] + cntvoff
    b["shell"] = r["cntvct"]["shell"] + cntvoff
    if b["hyp_entry"] is not None:
        b["hyp_entry_to_shell"] = b["shell"] - b["hyp_entry"]
        b["hyp_entry_to_init"] = b["init"] - b["hyp_entry"]
    return r


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BenchError as e:
        print("bench: error: %s" % e, file=sys.stderr)
        sys.exit(1)
