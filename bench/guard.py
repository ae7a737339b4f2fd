# SPDX-License-Identifier: GPL-2.0-only
"""Regression guard of Bulkhead's hot paths (docs/performance.md, "Regression
guard"): instruction counts, never wall time.

Under `-icount shift=0,sleep=off` every figure the benchmark guest measures is
an instruction count (one tick of its counter is 16 instructions) and is the
same from run to run. One short run of the guest under Bulkhead
(dts/bench-smoke.dts, a few seconds) gives:

  boot        Bulkhead's first instruction -> the guest's first (the stub's stamps)
  irq_wfi     timer interrupt latency, core in WFI (what EL2 adds: the guest's own is < 1 tick)
  irq_busy    the same, core spinning
  ipi         SGI from one vCPU's SGI1R write to the other's vector
  gicd_typer  one trapped, emulated GICD_TYPER read
  hvc_null    one null hypercall

The same guest built for AArch32 in an AArch32 partition (dts/bench32-smoke.dts)
gives the AArch32 trap paths: a32_irq_wfi, a32_irq_busy, a32_ipi (ICC_SGI1R
through MCRR), a32_gicd_typer, a32_hvc_null (HVC32).

bench/baseline.json keeps them; tests/integration/test_bench_smoke.py fails
when one grows more than TOLERANCE over it. `make bench-baseline` rewrites the
baseline on purpose (after an intended change: commit it with the change).
"""

import json
import os

TOLERANCE = 0.10
LAYOUT = "bench-smoke"
LAYOUT32 = "bench32-smoke"
TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BASELINE = os.path.join(TOP, "bench", "baseline.json")
FIGURES = ("irq_wfi", "irq_busy", "ipi", "gicd_typer", "hvc_null")


def measure(run, timeout=300.0):
    """@run: bench/run.py's module. Returns {figure: instructions}."""
    run.STUB_ADDR = run.stub_addr()
    res = run.bench_system(run.media_bulkhead("guard", LAYOUT), "guard", timeout)
    out = {"boot": res["boot"]["hyp_boot"] * run.TICK_INSNS}
    for fig in FIGURES:
        out[fig] = round(res["figures"][fig]["mean"] * run.TICK_INSNS, 1)
    res = run.bench_system(run.media_bulkhead("guard32", LAYOUT32), "guard32", timeout)
    for fig in FIGURES:
        out["a32_" + fig] = round(res["figures"][fig]["mean"] * run.TICK_INSNS, 1)
    return out


def load(path=BASELINE):
    with open(path) as f:
        return json.load(f)


def write(figures, path=BASELINE):
    data = {"about": "Instruction counts of Bulkhead's hot paths under icount "
                     "(bench/guard.py); `make bench-baseline` rewrites this file.",
            "layout": "dts/%s.dts, dts/%s.dts (a32_*)" % (LAYOUT, LAYOUT32), "tolerance": TOLERANCE,
            "instructions": figures}
    with open(path, "w") as f:
        json.dump(data, f, indent=1, sort_keys=True)
        f.write("\n")


def compare(figures, baseline):
    """Lines "figure: baseline -> now (+x %)" and the list of figures over the tolerance."""
    tol = baseline.get("tolerance", TOLERANCE)
    lines, over = [], []
    for fig, base in sorted(baseline["instructions"].items()):
        now = figures.get(fig)
        if now is None:
            over.append(fig)
            lines.append("%s: missing" % fig)
            continue
        growth = (now - base) / float(base) if base else 0.0
        lines.append("%-10s %12s -> %12s instructions (%+.1f %%)" % (
            fig, "{:,}".format(base), "{:,}".format(now), 100.0 * growth))
        if now > base * (1.0 + tol):
            over.append(fig)
    return lines, over
