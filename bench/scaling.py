# SPDX-License-Identifier: GPL-2.0-only
"""Boot scaling (`make bench`, docs/performance.md "Boot scaling"): how
Bulkhead's own boot grows with the number of partitions, with the size of the
board's device tree and with the partitions' RAM.

Each case is a generated layout on the board's tree (boards/qemu_virt) plus
GEN_NODES device nodes of a generated SoC bus (each with compatible, reg and a
phandle, none given to a partition), placed after the board's nodes or before
them; partition 0 runs the benchmark guest on cpu0 and stamps its first
instruction; partitions 1..n-1 run example.bin (a few checks, then WFI forever: it costs no
virtual time once idle) on cpus 1..n-1 with PART_RAM each.
The boot is the stub's stamp to the guest's (bench/run.py), in instructions
(icount). Cases:

  parts-N         N = 1, 2, 4, 8 partitions, GEN_NODES nodes at the end
  nodes-0         1 partition, no generated node
  nodes-start     1 partition, GEN_NODES nodes before the board's
  ram-2x          1 partition with twice the benchmark partition's RAM
"""

import os

GEN_NODES = 500
PART_RAM = 0x400000          # 4 MiB for each example.bin partition
BENCH_RAM = 0x4000000        # 64 MiB for the benchmark partition
PARTS = (1, 2, 4, 8)
SMP = 8


def gen_nodes(n):
    """A SoC bus with @n devices at 0x0e000000 + 4 KiB each (no partition has them)."""
    out = ["\tgen_soc: soc-gen@e000000 {", '\t\tcompatible = "simple-bus";',
           "\t\t#address-cells = <1>;", "\t\t#size-cells = <1>;",
           "\t\tranges = <0x0 0x0 0x0e000000 0x01000000>;"]
    for i in range(n - 1):
        out.append('\t\tgen%d: dev@%x { compatible = "bench,gen-device"; reg = <0x%x 0x1000>; '
                   'bench,peer = <&gen%d>; };' % (i, i * 0x1000, i * 0x1000, max(i - 1, 0)))
    out.append("\t};")
    return "\n".join(out)


def cpus(n):
    """cpu4..cpu7 for layouts with more than the board's four cores."""
    out = []
    for c in range(4, n):
        out.append('\t\tcpu%d: cpu@%d { device_type = "cpu"; compatible = "arm,cortex-a57"; '
                   'reg = <%d>; enable-method = "psci"; };' % (c, c, c))
    return "\n".join(out)


def layout(nparts, nodes, where="end", bench_ram=BENCH_RAM):
    parts = ['\t\t\tbench { compatible = "bulkhead,partition"; cpus = <&cpu0>; '
             'memory = <0x0 0x50000000 0x0 0x%x>; kernel = <&bench_img>; '
             'bootargs = "bench.samples=1"; };' % bench_ram]
    for k in range(1, nparts):
        parts.append('\t\t\tp%d { compatible = "bulkhead,partition"; cpus = <&cpu%d>; '
                     'memory = <0x0 0x%x 0x0 0x%x>; kernel = <&idle_img>; };'
                     % (k, k, 0x60000000 + k * PART_RAM, PART_RAM))
    gen = gen_nodes(nodes) if nodes else ""
    extra_cpus = cpus(nparts) if nparts > 4 else ""
    return "\n".join([
        "/dts-v1/;",
        # dtc keeps the order in which nodes first appear: before the board's include
        # they come first in the tree.
        "/ {\n%s\n};" % gen if where == "start" else "",
        '#include "qemu-virt.dtsi"',
        "/ {",
        "\tcpus {", extra_cpus, "\t};",
        "\tchosen {",
        "\t\t#address-cells = <2>; #size-cells = <2>;",
        '\t\tstdout-path = "/pl011@9000000";',
        "\t\tbulkhead {",
        '\t\t\tcompatible = "bulkhead,hypervisor";',
        "\t\t\t#address-cells = <2>; #size-cells = <2>;",
        "\t\t\treg = <0x0 0x40200000 0x0 0x01000000>;",
        '\t\t\tbench_img: module@42000000 { compatible = "bulkhead,module"; '
        'reg = <0x0 0x42000000 0x0 0x0>; bulkhead,file = "bench.bin"; };',
        '\t\t\tidle_img: module@43000000 { compatible = "bulkhead,module"; '
        'reg = <0x0 0x43000000 0x0 0x0>; bulkhead,file = "example.bin"; };',
    ] + parts + ["\t\t};", "\t};", gen if where == "end" else "", "};", ""])


def build(run, name, text):
    """DTS -> DTB -> load plan, as dts/build.mk does for dts/*.dts."""
    d = os.path.join(run.OUT, "scaling", name)
    os.makedirs(d, exist_ok=True)
    src, pre, dtb = (os.path.join(d, f) for f in ("system.dts", "system.pre", "system.dtb"))
    with open(src, "w") as f:
        f.write(text)
    top = run.TOP
    run.run(["gcc", "-E", "-nostdinc", "-undef", "-x", "assembler-with-cpp",
             "-D__DTS__", "-I", os.path.join(top, "boards", "qemu_virt"),
             "-I", os.path.join(top, "dts"), src, "-o", pre])
    run.run(["dtc", "-q", "-Wno-unit_address_vs_reg", "-I", "dts", "-O", "dtb", "-o", dtb, pre])
    plan = os.path.join(d, "plan.json")
    run.run([run.build_file("tools", "bulkhead-check"), "--quiet", "--plan", plan, dtb])
    return dtb, plan


def count_nodes(run, dtb):
    return sum(1 for line in run.dts_of(dtb).splitlines() if line.rstrip().endswith("{"))


def boot_insns(run, name, text, timeout):
    dtb, plan = build(run, name, text)
    media = run.media_bulkhead("scaling-" + name, None, dtb_in=dtb, plan_path=plan)
    lines, wall = run.run_qemu(media, "scaling-" + name, r"bench: boot entry_pct=\d+", timeout)
    p = run.parse_console(lines)
    hyp = run.stub_jump(p)["hyp_entry"]
    return {"boot": (p["boot"]["entry_pct"] - hyp) * run.TICK_INSNS,
            "nodes": count_nodes(run, dtb), "wall_s": round(wall, 1)}


def measure(run, timeout=300.0):
    """Every case; returns {"cases": {...}, "figures": {...}} (instructions)."""
    old_smp, run.SMP = run.SMP, SMP
    cases = {}
    try:
        for n in PARTS:
            cases["parts-%d" % n] = boot_insns(run, "parts-%d" % n, layout(n, GEN_NODES),
                                               timeout)
        cases["nodes-0"] = boot_insns(run, "nodes-0", layout(1, 0), timeout)
        cases["nodes-start"] = boot_insns(run, "nodes-start", layout(1, GEN_NODES, "start"),
                                          timeout)
        cases["ram-2x"] = boot_insns(run, "ram-2x", layout(1, 0, bench_ram=2 * BENCH_RAM),
                                     timeout)
    finally:
        run.SMP = old_smp
    b = {k: v["boot"] for k, v in cases.items()}
    gen = cases["parts-1"]["nodes"] - cases["nodes-0"]["nodes"]
    fig = {
        "boot_1_part": b["parts-1"],
        "per_partition": (b["parts-8"] - b["parts-1"]) / 7.0,
        "per_partition_scrub": PART_RAM * (b["ram-2x"] - b["nodes-0"]) / float(BENCH_RAM),
        "per_node_end": (b["parts-1"] - b["nodes-0"]) / float(gen),
        "per_node_start": (b["nodes-start"] - b["nodes-0"]) / float(gen),
        "scrub_per_byte": (b["ram-2x"] - b["nodes-0"]) / float(BENCH_RAM),
        "boot_no_gen_nodes": b["nodes-0"],
    }
    fig["per_partition_without_scrub"] = fig["per_partition"] - fig["per_partition_scrub"]
    return {"cases": cases, "figures": fig, "generated_nodes": gen,
            "part_ram": PART_RAM, "bench_ram": BENCH_RAM}
