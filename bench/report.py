# SPDX-License-Identifier: GPL-2.0-only
"""Results of bench/run.py as Markdown (build/bench/results.md) and the latency
histograms as SVG (build/bench/latency.svg), written by hand: no plotting
library."""

TICK_INSNS = 16
TICKS_PER_MS = 62500.0

SYSTEM_NAMES = {"bare": "bare metal", "bulkhead": "Bulkhead",
                "bulkhead-a32": "Bulkhead, AArch32 guest", "xen-vwfi": "Xen vwfi=native",
                "xen": "Xen default", "xen-slop0": "Xen timer_slop=0"}
HYP = ("bulkhead", "bulkhead-a32", "xen-vwfi", "xen", "xen-slop0")

FIGURES = [
    ("irq_wfi", "timer IRQ latency, core in WFI"),
    ("irq_busy", "timer IRQ latency, core spinning"),
    ("ipi", "IPI latency (SGI1R write to receiver's vector)"),
    ("gicd_typer", "GICD_TYPER read (emulated; per access)"),
    ("hvc_null", "null hypercall HVC SMCCC_VERSION (per call)"),
    ("compute", "compute+memory workload"),
]

# Targets for Bulkhead (issue #6): (figure, what is compared, limit)
TARGETS = [
    ("irq_wfi", "added", 8.0, "interrupt latency added (mean, WFI) <= 8 ticks"),
    ("irq_busy", "added", 8.0, "interrupt latency added (mean, spinning) <= 8 ticks"),
    ("gicd_typer", "value", 8.0, "trapped GICD_TYPER read <= 8 ticks"),
    ("hvc_null", "value", 8.0, "null hypercall <= 8 ticks"),
    ("compute", "slowdown", 0.001, "compute workload within 0.001 % of bare metal"),
]


def _fmt(v, digits=3):
    if v is None:
        return "n/a"
    if isinstance(v, float) and not v.is_integer():
        return "%.*f" % (digits, v)
    return "{:,}".format(int(v))


def _sys_order(res):
    return [s for s in ("bare",) + HYP if s in res.get("systems", {})]


def figure_cell(res, sysname, fig):
    s = res["systems"][sysname]
    r = s["figures"].get(fig)
    if r is None:
        why = s["na"].get(fig)
        return "n/a" + (" (%s)" % why if why else "")
    cell = "%s [%s-%s]" % (_fmt(r["mean"]), _fmt(r["min"]), _fmt(r["max"]))
    bare = res["systems"].get("bare", {}).get("figures", {}).get(fig)
    if sysname != "bare" and bare:
        added = r["mean"] - bare["mean"]
        cell += "<br>%+.3f t = %+.0f insn" % (added, added * TICK_INSNS)
        if bare["mean"]:
            cell += ", x%.2f" % (r["mean"] / bare["mean"])
            if fig == "compute":
                cell += " (%+.5f %%)" % (100.0 * added / bare["mean"])
    return cell


def comparison(res):
    """Rows for the JSON and the table: each figure beside bare metal's and Xen's."""
    rows = []
    bare = res["systems"].get("bare", {}).get("figures", {})
    for fig, label in FIGURES:
        row = {"figure": fig, "label": label, "unit": "ticks"}
        for s in _sys_order(res):
            r = res["systems"][s]["figures"].get(fig)
            row[s] = None if r is None else dict(r)
            if r is not None and s != "bare" and fig in bare:
                added = r["mean"] - bare[fig]["mean"]
                row[s]["added_ticks"] = round(added, 3)
                row[s]["added_insns"] = round(added * TICK_INSNS, 1)
                row[s]["ratio"] = round(r["mean"] / bare[fig]["mean"], 4) \
                    if bare[fig]["mean"] else None
        rows.append(row)
    return rows


def _ms(t):
    return None if t is None else t / TICKS_PER_MS


def _boot_cell(t, base=None):
    if t is None:
        return "n/a"
    cell = "%.3f ms (%s insn)" % (_ms(t), "{:,}".format(int(t * TICK_INSNS)))
    if base is not None and base:
        cell += "<br>x%.3f of bare" % (float(t) / base)
    return cell


def boot_rows(res):
    order = _sys_order(res)
    rows = []

    def get(s, key):
        b = res["systems"].get(s, {}).get("boot", {})
        return b.get(key)

    rows.append(("QEMU start -> stub (U-Boot, same bootcmd everywhere)",
                 {s: get(s, "stub_entry") for s in order}, False))
    rows.append(("hypervisor's own boot: its first instruction -> guest's first instruction",
                 {s: (get(s, "hyp_boot") if s != "bare" else None) for s in order}, False))
    rows.append(("QEMU start -> guest's first instruction",
                 {s: get(s, "guest_entry") for s in order}, True))
    rows.append(("QEMU start -> guest's first console line",
                 {s: get(s, "first_line") for s in order}, True))
    rows.append(("guest's first instruction -> its first console line",
                 {s: get(s, "entry_to_first_line") for s in order}, True))
    lin = res.get("linux", {})

    def lget(s, key):
        return lin.get(s, {}).get("boot", {}).get(key)

    if lin:
        lorder = [s for s in ("bare",) + HYP if s in lin]
        rows.append(("Linux: hypervisor entry -> /bench-init (user space starts)",
                     {s: lget(s, "hyp_entry_to_init") for s in lorder}, True))
        rows.append(("Linux: hypervisor entry -> shell prompt",
                     {s: lget(s, "hyp_entry_to_shell") for s in lorder}, True))
        rows.append(("Linux: QEMU start -> shell prompt",
                     {s: lget(s, "shell") for s in lorder}, True))
    return rows


def targets(res):
    out = []
    bh = res["systems"].get("bulkhead")
    bare = res["systems"].get("bare")
    if not bh or not bare:
        return out
    for fig, how, limit, label in TARGETS:
        r, b = bh["figures"].get(fig), bare["figures"].get(fig)
        if r is None or b is None:
            continue
        if how == "added":
            v = r["mean"] - b["mean"]
        elif how == "value":
            v = r["mean"]
        else:
            v = 100.0 * (r["mean"] - b["mean"]) / b["mean"]
        out.append({"target": label, "value": round(v, 5), "limit": limit, "met": v <= limit})
    hb = bh["boot"].get("hyp_boot")
    if hb is not None:
        out.append({"target": "Bulkhead's own boot before the guest's first instruction < 1 ms",
                    "value": round(_ms(hb), 4), "limit": 1.0, "met": _ms(hb) < 1.0})
    lin = res.get("linux", {})
    lb = lin.get("bulkhead", {}).get("boot", {}).get("hyp_entry_to_shell")
    lr = lin.get("bare", {}).get("boot", {}).get("hyp_entry_to_shell")
    if lb and lr:
        pct = 100.0 * (lb - lr) / lr
        out.append({"target": "Linux to its shell within 10 % of bare metal (from the "
                              "hypervisor's entry; bare: the kernel's)",
                    "value": round(pct, 3), "limit": 10.0, "met": pct <= 10.0})
    return out


# Issue 13's table: (key, label, target text, limit, unit)
ISSUE_TARGETS = [
    ("irq_added", "timer IRQ added to bare metal (WFI, mean)", "<= 3 ticks", 3.0, "ticks"),
    ("gicd_typer", "trapped GICD_TYPER read (per access)", "<= 5 ticks", 5.0, "ticks"),
    ("ipi", "IPI, send to receiver's vector", "<= 12 ticks", 12.0, "ticks"),
    ("boot", "own boot, entry to the guest's first instruction (dts/bench.dts)", "<= 0.3 M",
     300000, "instructions"),
    ("per_partition", "boot growth per partition (500-node board, 1 -> 8 partitions)",
     "<= 50 k", 50000, "instructions"),
    ("per_node_end", "boot growth per DT node, nodes after the board's", "<= 2 k", 2000,
     "instructions"),
    ("per_node_start", "boot growth per DT node, nodes before the board's", "<= 2 k", 2000,
     "instructions"),
    ("scrub_per_byte", "partition scrub (restart and first boot), per byte of RAM",
     "<= 0.13", 0.13, "instructions"),
    ("linux_pct", "Linux, entry to shell, over bare metal", "<= +2 %", 2.0, "%"),
]


def issue_figures(res):
    """Every figure of issue 13's table that this run measured: key -> value."""
    out = {}
    bh, bare = res["systems"].get("bulkhead"), res["systems"].get("bare")
    if bh and bare:
        f, b = bh["figures"], bare["figures"]
        out["irq_added"] = f["irq_wfi"]["mean"] - b["irq_wfi"]["mean"]
        out["gicd_typer"] = f["gicd_typer"]["mean"]
        if "ipi" in f:
            out["ipi"] = f["ipi"]["mean"]
    if bh and bh["boot"].get("hyp_boot") is not None:
        out["boot"] = bh["boot"]["hyp_boot"] * 16
    sc = res.get("scaling", {}).get("figures", {})
    for k in ("per_partition", "per_node_end", "per_node_start", "scrub_per_byte"):
        if k in sc:
            out[k] = sc[k]
    lin = res.get("linux", {})
    lb = lin.get("bulkhead", {}).get("boot", {}).get("hyp_entry_to_shell")
    lr = lin.get("bare", {}).get("boot", {}).get("hyp_entry_to_shell")
    if lb and lr:
        out["linux_pct"] = 100.0 * (lb - lr) / lr
    return out


def issue_table(res):
    """Issue 13's table: every figure measured, with its target (markdown)."""
    v = issue_figures(res)
    rows = ["| figure | measured | target | met |", "| --- | --- | --- | --- |"]
    for key, label, target, limit, unit in ISSUE_TARGETS:
        if key not in v:
            rows.append("| %s | not measured in this run | %s | - |" % (label, target))
            continue
        x = v[key]
        cell = ("%s %s" % (_fmt(round(x, 3)), unit) if unit != "instructions"
                else "%s instructions" % "{:,}".format(round(x, 3) if x < 10 else int(round(x))))
        rows.append("| %s | %s | %s | %s |" % (label, cell, target,
                                               "yes" if x <= limit else "**no**"))
    sc = res.get("scaling")
    if sc:
        rows += ["", "Boot-scaling cases (instructions from Bulkhead's entry to partition 0's "
                 "first instruction; bench/scaling.py): " + ", ".join(
                     "%s %s (%d nodes)" % (k, "{:,}".format(c["boot"]), c["nodes"])
                     for k, c in sc["cases"].items()) + "."]
    return "\n".join(rows)


def markdown(res):
    order = _sys_order(res)
    m = res["machine"]
    out = ["# Bulkhead benchmark results", "",
           "Generated by `make bench` (bench/run.py); the method is in docs/performance.md.",
           "", "%s; `-M %s -cpu %s -smp %d -m %s -icount %s`: 1 instruction = 1 ns of virtual "
           "time, 1 tick of the 62.5 MHz counter = %d instructions. U-Boot %s. "
           % (m["qemu_version"], m["qemu"], m["cpu"], m["smp"], m["memory"], m["icount"],
              m["tick_insns"], m["uboot"])]
    if res.get("direct"):
        out[-1] += "Run with --direct: U-Boot's booti started each system itself (no stub), " \
            "so there are no hypervisor-entry figures. "
    if res.get("xen", {}).get("version"):
        out[-1] += "Xen: Debian `%s` %s." % (res["xen"]["package"], res["xen"]["version"])
    out += ["", "## Guest figures", "",
            "Ticks: mean [min-max] over the samples (n in the JSON); under each hypervisor, "
            "what it adds to bare metal in ticks and instructions, and the ratio where bare "
            "metal is not 0.", ""]
    out.append("| figure | " + " | ".join(SYSTEM_NAMES[s] for s in order) + " |")
    out.append("| --- |" + " --- |" * len(order))
    for fig, label in FIGURES:
        out.append("| %s | %s |" % (label, " | ".join(figure_cell(res, s, fig) for s in order)))
    n = {s: res["systems"][s]["figures"].get("irq_wfi", {}).get("n") for s in order}
    out += ["", "Samples: %s." % ", ".join("%s %s" % (SYSTEM_NAMES[s], n[s]) for s in order)]
    chk = {s: res["systems"][s]["info"].get("compute", {}).get("checksum") for s in order}
    if len(set(chk.values())) == 1:
        out[-1] += " The workload's checksum is the same everywhere (%s)." % list(chk.values())[0]
    else:
        out[-1] += " Workload checksums differ: %s!" % chk

    out += ["", "## Boot time (virtual time)", "",
            "| | " + " | ".join(SYSTEM_NAMES[s] for s in order) + " |",
            "| --- |" + " --- |" * len(order)]
    for label, vals, ratio in boot_rows(res):
        base = vals.get("bare") if ratio else None
        out.append("| %s | %s |" % (label, " | ".join(
            _boot_cell(vals.get(s), base if s != "bare" else None) if s in vals else "n/a"
            for s in order)))
    for s in order:
        lb = res.get("linux", {}).get(s, {}).get("boot", {})
        if "cntvoff_estimate" in lb:
            out += ["", "Linux under %s: CNTVCT + estimated CNTVOFF (%s)."
                    % (SYSTEM_NAMES[s], lb["cntvoff_estimate"])]

    t = targets(res)
    if t:
        out += ["", "## Bulkhead's targets", "", "| target | value | limit | met |",
                "| --- | --- | --- | --- |"]
        for x in t:
            out.append("| %s | %s | %s | %s |" % (x["target"], x["value"], x["limit"],
                                                  "yes" if x["met"] else "**no**"))

    out += ["", "## Issue 13's figures", "", issue_table(res)]

    sz = res.get("sizes")
    if sz:
        b, x = sz["bulkhead"], sz["xen"]
        out += ["", "## Size", "", "| | Bulkhead | Xen 4.17 |", "| --- | --- | --- |",
                "| image | text %s, data %s, bss %s bytes (`aarch64-linux-gnu-size "
                "build/bulkhead.elf`); bulkhead.bin %s bytes | %s bytes (Debian's "
                "`/boot/xen-4.17-arm64`) |" % (_fmt(b["text"]), _fmt(b["data"]), _fmt(b["bss"]),
                                               _fmt(b["bin_bytes"]), _fmt(x["image_bytes"])),
                "| source lines | %s (C, headers, assembly: %d files, git ls-files) | ~81k "
                "(public figure, not measured) |" % (_fmt(b["source_lines"]), b["source_files"])]

    prof = res.get("profile")
    if prof:
        out += ["", "## Where Bulkhead's instructions go", "", "```", prof_text(prof), "```"]

    out += ["", "## How each system ran", ""]
    for s in order:
        md = res["systems"][s]["media"]
        out.append("- %s: %s" % (SYSTEM_NAMES[s], "; ".join("%s: `%s`" % kv for kv in md.items())
                                 or "-"))
    out += ["", "QEMU command (Bulkhead's run; the others differ in the loaded files and env):",
            "", "```", " ".join(res["systems"].get("bulkhead", res["systems"][order[0]])["qemu"]),
            "```", "", "## Wall time", "",
            ", ".join("%s %.1f s" % (k, v) for k, v in res["wall_s"].items()), ""]
    return "\n".join(out)


def prof_text(prof):
    import profile_irq
    return profile_irq.text(prof)


# ---------------------------------------------------------------- SVG

COLORS = {"bare": "#4d4d4d", "bulkhead": "#1f77b4", "bulkhead-a32": "#17becf", "xen-vwfi": "#ff7f0e", "xen": "#d62728",
          "xen-slop0": "#9467bd"}


def _esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def svg(res):
    """One panel per (system, latency figure). The x axis is logarithmic in ticks
    (log(1 + t), shared by every panel) so that 0, 6 and 2,500 ticks all show."""
    import math
    order = _sys_order(res)
    figs = [("irq_wfi", "timer IRQ, core in WFI"), ("irq_busy", "timer IRQ, core spinning"),
            ("ipi", "IPI, sender to receiver")]
    pw, ph, ml, mt, gap_x, gap_y = 300, 90, 50, 62, 40, 42
    width = ml + len(figs) * (pw + gap_x)
    height = mt + len(order) * (ph + gap_y) + 10
    xmax = 8
    for s in order:
        for fig, _ in figs:
            h = res["systems"][s]["hist"].get(fig, {})
            if h:
                xmax = max(xmax, max(int(b) for b in h) + 1)
    lmax = math.log10(1 + xmax)

    def xpos(x0, v):
        return x0 + pw * math.log10(1 + v) / lmax

    o = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
         'font-family="sans-serif" font-size="11">' % (width, height),
         '<rect width="100%" height="100%" fill="white"/>',
         '<text x="%d" y="18" font-size="14">Interrupt latency histograms, one bar per tick '
         '(x: ticks of the 62.5 MHz counter, log scale; 1 tick = 16 instructions)</text>' % ml,
         '<text x="%d" y="34" fill="#555">QEMU virt, -icount shift=0,sleep=off; %s</text>'
         % (ml, _esc(", ".join("%s %s" % (SYSTEM_NAMES[s], "n=%s" % res["systems"][s][
             "figures"].get("irq_wfi", {}).get("n")) for s in order)))]
    marks = [v for v in (0, 1, 3, 10, 30, 100, 300, 1000, 3000, 10000, 30000) if v <= xmax]
    for c, (fig, title) in enumerate(figs):
        x0 = ml + c * (pw + gap_x)
        o.append('<text x="%d" y="%d" font-size="12" font-weight="bold">%s</text>'
                 % (x0, mt - 12, _esc(title)))
        for r, s in enumerate(order):
            y0 = mt + r * (ph + gap_y) + 10
            h = res["systems"][s]["hist"].get(fig, {})
            o.append('<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="#bbb"/>'
                     % (x0, y0, pw, ph))
            label = SYSTEM_NAMES[s]
            stat = res["systems"][s]["figures"].get(fig)
            if stat:
                label += ": mean %.2f, min %s, max %s" % (stat["mean"], _fmt(stat["min"]),
                                                          _fmt(stat["max"]))
            o.append('<text x="%d" y="%d">%s</text>' % (x0 + 2, y0 - 4, _esc(label)))
            for v in marks:
                xp = xpos(x0, v)
                o.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#bbb"/>'
                         % (xp, y0 + ph, xp, y0 + ph + 4))
                o.append('<text x="%.1f" y="%d" text-anchor="middle" fill="#777" '
                         'font-size="9">%s</text>' % (xp, y0 + ph + 13, _fmt(v)))
            if not h:
                why = res["systems"][s]["na"].get(fig, "")
                o.append('<text x="%d" y="%d" fill="#999">n/a %s</text>'
                         % (x0 + 10, y0 + ph // 2, _esc(why)))
                continue
            top = max(h.values())
            o.append('<text x="%d" y="%d" text-anchor="end" fill="#777" font-size="9">%d</text>'
                     % (x0 - 3, y0 + 9, top))
            for b, cnt in sorted((int(b), c) for b, c in h.items()):
                bh = max(1.0, (ph - 4) * cnt / float(top))
                xa, xb = xpos(x0, b), xpos(x0, b + 1)
                o.append('<rect x="%.2f" y="%.2f" width="%.2f" height="%.2f" fill="%s"/>'
                         % (xa, y0 + ph - bh, max(xb - xa, 1.5), bh, COLORS[s]))
    o.append("</svg>")
    return "\n".join(o) + "\n"
