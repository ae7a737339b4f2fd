# SPDX-License-Identifier: GPL-2.0-only
"""Where Bulkhead's instructions go: an exact instruction profile of its boot
and of its trap paths (IRQ injection, IPI, emulated MMIO, HVC), from one short
run of the benchmark guest (dts/bench-smoke.dts) under QEMU with

    -icount shift=0,sleep=off -singlestep -d exec,nochain -dfilter <Bulkhead's text> -D <fifo>

One translation block per instruction (-singlestep) and no chaining, so every
instruction Bulkhead executes is one `Trace <cpu>: ... [<cs_base>/<pc>/...]`
line; the guest's and U-Boot's are filtered out. Under icount the cores run in
turn on one thread, so the log is in execution order. The log goes through a
named pipe and is counted as it comes (a boot is ~10^7 lines).

Episodes: an exception from the guest starts at Bulkhead's vector
(VBAR_EL2 + 0x400 synchronous, + 0x480 IRQ; from an AArch32 EL1 + 0x600 and
+ 0x680: dts/bench32-smoke.dts) and ends at its ERET. Each is
classified by the functions it ran. Everything before core 0's first ERET is
the boot (all cores: under icount, virtual time is every core's instructions).
"""

import bisect
import os
import re
import subprocess
import threading
import time

TICK_INSNS = 16

CLASSES = [
    # (name, description, functions that identify it: any of them)
    ("irq-hw", "physical IRQ of a partition's device (here the EL1 virtual timer): inject",
     None),
    ("irq-kick", "kick SGI: deliver a virtual SGI another core queued (IPI receive)",
     ("kicked", "vgic_flush_pending")),
    ("irq-maint", "maintenance interrupt", ("vgic_maintenance",)),
    ("sync-sgi1r", "trapped ICC_SGI1R_EL1 write (IPI send)", ("vgic_sgi1r_write",)),
    ("sync-gicd", "emulated GICD access (data abort)", ("vgic_dist_access", "gicd_access")),
    ("sync-mmio", "other emulated MMIO (data abort)", ("mmio_handle",)),
    ("sync-hvc", "HVC (SMCCC)", ("hvc_handle",)),
    ("sync-sysreg", "other trapped system register (set/way cache maintenance, ...)",
     ("virq_sysreg",)),
]


class Symbols:
    def __init__(self, elf):
        out = subprocess.run(["aarch64-linux-gnu-nm", "-n", elf], check=True,
                             capture_output=True, text=True).stdout
        syms = []
        for line in out.splitlines():
            f = line.split()
            if len(f) == 3 and f[1] in "tTwW" and not f[2].startswith("$"):
                syms.append((int(f[0], 16), f[2]))
        syms.sort()
        self.addrs = [a for a, _ in syms]
        self.names = [n for _, n in syms]
        self.text_start = self.addrs[0]
        self.insns = {}
        dis = subprocess.run(["aarch64-linux-gnu-objdump", "-d", "--no-show-raw-insn", elf],
                             check=True, capture_output=True, text=True).stdout
        for line in dis.splitlines():
            m = re.match(r"^\s*([0-9a-f]+):\s+(.*)$", line)
            if m:
                self.insns[int(m.group(1), 16)] = re.sub(r"\s+", " ", m.group(2)).strip()
        self.text_end = max(self.insns) + 4
        self.erets = {a for a, t in self.insns.items() if t.startswith("eret")}
        self.vbar = self.addrs[self.names.index("el2_vectors")]

    def name(self, addr):
        i = bisect.bisect_right(self.addrs, addr) - 1
        return self.names[i] if i >= 0 else "?"

    def where(self, addr):
        i = bisect.bisect_right(self.addrs, addr) - 1
        return "%s+0x%x" % (self.names[i], addr - self.addrs[i]) if i >= 0 else hex(addr)


LIBRARY = {"memchr", "memcmp", "memcpy", "memmove", "memset", "strlen", "strnlen", "strchr",
           "strrchr", "strcmp", "strncmp", "strtoul", "digit_value"}


def is_library(name):
    """libfdt and lib/string.c: their instructions count for the Bulkhead function
    that called them in the boot breakdown "with library calls"."""
    return name.startswith(("fdt_", "_fdt", "__aarch64_")) or name in LIBRARY


def vector_function(sym, addr):
    off = addr - sym.vbar
    if 0 <= off < 0x800 and sym.name(addr) == "el2_vectors":
        return {0x400: "vectors.S: sync vector (save_frame)",
                0x480: "vectors.S: irq vector (caller-saved frame)",
                0x600: "vectors.S: sync vector, AArch32 (save_frame)",
                0x680: "vectors.S: irq vector, AArch32 (caller-saved frame)"}.get(off & ~0x7f,
                                                                         "vectors.S")
    return None


class Aggregator:
    """Counts the trace lines of one run (called from the FIFO reader thread)."""

    def __init__(self, sym):
        self.sym = sym
        self.boot_done = False
        self.boot = {}              # pc -> count (all cores, before core 0's first ERET)
        self.boot_cpu = {}          # cpu -> instructions in the boot window
        self.episode = {}           # cpu -> [kind, {pc: count}]
        self.classes = {}           # class -> {"n": episodes, "pcs": {pc: count}}
        self.boot_owner = {}        # Bulkhead function -> instructions, library calls included
        self.owner = {}             # cpu -> the last non-library function
        self.duplicates = 0
        self.lines = 0
        self.unparsed = 0
        self.after_boot_other = 0

    def feed(self, line):
        if not line.startswith("Trace "):
            return
        self.lines += 1
        try:
            cpu = int(line[6:line.index(":", 6)])
            pc = int(line[line.index("[") + 1:].split("/")[1], 16)
        except (ValueError, IndexError):
            self.unparsed += 1
            return
        sym = self.sym
        off = pc - sym.vbar
        if off in (0x400, 0x480, 0x600, 0x680) and self.boot_done:
            ep = self.episode.get(cpu)
            if ep is not None and ep[1] == {pc: 1}:
                # The icount budget ran out on the vector's first instruction
                # (the timer deadline that raised the IRQ): QEMU logged it,
                # left without executing it, and runs it again now.
                self.duplicates += 1
                return
            self._close(cpu)
            self.episode[cpu] = ["irq" if off in (0x480, 0x680) else "sync", {}]
        if not self.boot_done:
            self.boot[pc] = self.boot.get(pc, 0) + 1
            self.boot_cpu[cpu] = self.boot_cpu.get(cpu, 0) + 1
            name = sym.name(pc)
            if is_library(name):
                owner = self.owner.get(cpu, name)
            else:
                owner = self.owner[cpu] = name
            self.boot_owner[owner] = self.boot_owner.get(owner, 0) + 1
            if cpu == 0 and pc in sym.erets:
                self.boot_done = True
            return
        ep = self.episode.get(cpu)
        if ep is None:
            self.after_boot_other += 1
            return
        ep[1][pc] = ep[1].get(pc, 0) + 1
        if pc in sym.erets:
            self._close(cpu)

    def _close(self, cpu):
        ep = self.episode.pop(cpu, None)
        if not ep:
            return
        kind, pcs = ep
        funcs = {self.sym.name(pc) for pc in pcs}
        cls = None
        for name, _, ident in CLASSES:
            if ident and funcs & set(ident) and name.startswith(kind):
                cls = name
                break
        if cls is None:
            cls = "irq-hw" if kind == "irq" and "vgic_inject" in funcs else kind + "-other"
        c = self.classes.setdefault(cls, {"n": 0, "pcs": {}})
        c["n"] += 1
        for pc, k in pcs.items():
            c["pcs"][pc] = c["pcs"].get(pc, 0) + k


def _functions(sym, pcs, per=1.0):
    funcs = {}
    for pc, k in pcs.items():
        f = vector_function(sym, pc) or sym.name(pc)
        funcs[f] = funcs.get(f, 0) + k
    return sorted(((f, k / per) for f, k in funcs.items()), key=lambda x: -x[1])


def summarize(agg):
    sym = agg.sym
    out = {"trace_lines": agg.lines, "unparsed": agg.unparsed, "classes": {}, "boot": {}}
    total_boot = sum(agg.boot.values())
    out["boot"] = {"instructions": total_boot, "ticks": total_boot / TICK_INSNS,
                   "per_cpu": {str(c): n for c, n in sorted(agg.boot_cpu.items())},
                   "functions": [(f, int(k)) for f, k in _functions(sym, agg.boot)[:25]],
                   "callers": sorted(agg.boot_owner.items(), key=lambda x: -x[1])[:25]}
    out["duplicates_dropped"] = agg.duplicates
    descr = {name: d for name, d, _ in CLASSES}
    for cls, c in sorted(agg.classes.items(), key=lambda x: -x[1]["n"]):
        n = c["n"]
        total = sum(c["pcs"].values())
        entry = {"description": descr.get(cls, cls), "episodes": n,
                 "instructions_per_episode": round(total / float(n), 2),
                 "ticks_per_episode": round(total / float(n) / TICK_INSNS, 3),
                 "functions": [(f, round(k, 2)) for f, k in _functions(sym, c["pcs"], n)]}
        if cls in ("irq-hw", "sync-gicd", "sync-hvc", "irq-kick", "sync-sgi1r"):
            entry["listing"] = [
                ("0x%x" % pc, sym.where(pc), sym.insns.get(pc, "?"), round(k / float(n), 3))
                for pc, k in sorted(c["pcs"].items())]
        out["classes"][cls] = entry
    return out


def profile(run, layout="bench-smoke", expect=r"\bbench: done\b", name="profile"):
    """@run: bench/run.py's module (media and QEMU helpers). Boots dts/@layout.dts
    under Bulkhead and traces it until a console line matches @expect."""
    sym = Symbols(run.build_file("bulkhead.elf"))
    media = run.media_bulkhead(name, layout)
    pdir = os.path.join(run.OUT, "profile")
    os.makedirs(pdir, exist_ok=True)
    fifo = os.path.join(pdir, "exec.fifo")
    if os.path.exists(fifo):
        os.unlink(fifo)
    os.mkfifo(fifo)
    agg = Aggregator(sym)
    state = {"error": None}

    def reader():
        try:
            with open(fifo, "r", errors="replace", buffering=1 << 20) as f:
                for line in f:
                    agg.feed(line)
        except Exception as e:  # reported by the caller
            state["error"] = e

    t = threading.Thread(target=reader, daemon=True)
    t.start()
    extra = ["-singlestep", "-d", "exec,nochain",
             "-dfilter", "0x%x..0x%x" % (sym.text_start, sym.text_end - 1), "-D", fifo]
    try:
        lines, wall = run.run_qemu(media, name, expect, 3600, extra=extra)
    finally:
        # QEMU is gone: the writer end is closed, the reader sees EOF.
        t.join(60)
        os.unlink(fifo)
    if state["error"]:
        raise run.BenchError("profile: reading the trace: %s" % state["error"])
    for cpu in list(agg.episode):
        agg._close(cpu)
    out = summarize(agg)
    out["wall_s"] = round(wall, 1)
    out["command_extra"] = " ".join(extra[:-1]) + " <fifo>"
    p = run.parse_console(lines)
    out["bench_figures"] = p["bench"]
    out["layout"] = "dts/%s.dts" % layout
    out["episodes_total"] = {cls: c["episodes"] for cls, c in out["classes"].items()}
    out["el2_instructions_after_boot"] = sum(
        c["episodes"] * c["instructions_per_episode"] for c in out["classes"].values())
    return out


LISTED = ("irq-hw", "sync-gicd")


def text(prof, listing=LISTED):
    """The profile as text for the report."""
    o = []
    b = prof["boot"]
    o.append("Boot (hypervisor entry -> first ERET to the guest on core 0), all cores: "
             "%s instructions (%.3f ms); per core: %s" % (
                 "{:,}".format(b["instructions"]), b["instructions"] / 1e6,
                 ", ".join("core %s %s" % (c, "{:,}".format(n))
                           for c, n in b["per_cpu"].items())))
    o.append(" by function:")
    for f, k in b["functions"][:12]:
        o.append("  %10s  %5.1f %%  %s" % ("{:,}".format(k), 100.0 * k / b["instructions"], f))
    o.append(" by Bulkhead function, its libfdt and lib/string.c calls included:")
    for f, k in b.get("callers", [])[:12]:
        o.append("  %10s  %5.1f %%  %s" % ("{:,}".format(k), 100.0 * k / b["instructions"], f))
    if "el2_instructions_after_boot" in prof:
        o.append("")
        o.append("After the boot, at EL2: %s instructions in %s exceptions from the guest"
                 % ("{:,}".format(int(prof["el2_instructions_after_boot"])),
                    "{:,}".format(sum(prof["episodes_total"].values()))))
    for cls, c in prof["classes"].items():
        o.append("")
        o.append("%s: %s -- %d episodes, %.1f instructions (%.2f ticks) each at EL2"
                 % (cls, c["description"], c["episodes"], c["instructions_per_episode"],
                    c["ticks_per_episode"]))
        for f, k in c["functions"]:
            o.append("  %7.1f  %s" % (k, f))
        if listing and cls in listing and c.get("listing"):
            o.append("  instruction-level (executions per episode):")
            for addr, where, insn, k in c["listing"]:
                o.append("    %s %-34s %5.2f  %s" % (addr, where, k, insn))
    return "\n".join(o)
