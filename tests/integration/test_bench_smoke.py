# SPDX-License-Identifier: GPL-2.0-only
"""Smoke test of the benchmark guest (guests/bench, docs/performance.md): one
run on bare QEMU, one under Bulkhead (dts/bench-smoke.dts) and one of the
guest built for AArch32 in an AArch32 partition (dts/bench32-smoke.dts), with
few samples and without icount. The output must be complete, well formed and
plausible; no timing is asserted (`make bench` measures, this only checks
that it can).

The regression guard (bench/guard.py) is the exception, and counts
instructions, not time: under icount the hot paths' instruction counts are
deterministic, and none may grow more than 10 % over bench/baseline.json
(`make bench-baseline` rewrites it on purpose)."""

import os
import sys

import pytest

from conftest import BUILD, TIMEOUT_SCALE, TOP, expect_hypervisor, load_tool, qemu_run

SMOKE_ARGS = "bench.samples=20 bench.batches=8 bench.work=1 bench.runs=1"
DONE = r"\bbench: done$"
FAIL = [r"bench: (exception|error)", r"\bpanic\b", r"PANIC", r"ESCAPED"]
SMCCC_1_1 = "0x10001"          # SMCCC_VERSION's answer: Bulkhead's, and the bare EL2 stub's


# bench/run.py, for its console parser and checks (the same `make bench` uses).
bench = load_tool("bench_run", "bench", "run.py")
sys.path.insert(0, os.path.join(TOP, "bench"))
import guard  # noqa: E402  (bench/guard.py)


def _check(lines, el, samples=20, batches=8):
    p = bench.parse_console(lines)
    bench.check_bench(p, "smoke")   # every figure there, min <= mean <= max, histograms add up
    assert p["hello"]["el"] == el
    assert p["env"]["cpus"] >= 2
    for fig in ("irq_wfi", "irq_busy", "ipi"):
        r = p["bench"][fig]
        assert r["n"] == samples, (fig, r)
        assert r["min"] >= 0
    for fig in ("gicd_typer", "hvc_null"):
        assert p["bench"][fig]["n"] == batches
        assert p["bench"][fig]["min"] > 0
    assert p["info"]["hvc_null"]["version"] == SMCCC_1_1
    assert p["bench"]["compute"]["n"] == 1 and p["bench"]["compute"]["min"] > 0
    assert p["boot"]["entry_pct"] <= p["boot"]["first_line_pct"]
    assert not p["warnings"], p["warnings"]
    return p


@pytest.fixture
def bare(request):
    """The benchmark guest alone on QEMU (-kernel; it enters at EL2 and drops to EL1)."""
    started = []

    def _run():
        image = os.path.join(BUILD, "guests", "bench.bin")
        if not os.path.isfile(image):
            pytest.fail("%s is missing (make all builds it)" % image)
        cmd = ["qemu-system-aarch64", "-M", "virt,gic-version=3,virtualization=on",
               "-cpu", qemu_run.CPU, "-smp", "2", "-m", "256M", "-nographic", "-net", "none",
               "-kernel", image, "-append", SMOKE_ARGS]
        log = os.path.join(BUILD, "tests", "logs", "test_bench_smoke_bare.log")
        os.makedirs(os.path.dirname(log), exist_ok=True)
        q = qemu_run.Qemu(cmd, log=log, timeout_scale=TIMEOUT_SCALE)
        q.fail_patterns = FAIL
        started.append(q)
        return q

    yield _run
    for q in started:
        q.close()


def test_bench_guest_bare(bare):
    con = bare()
    con.expect_line(DONE, 60)
    p = _check(con.lines, el=2)
    assert p["env"]["psci"] == "smc"


def test_bench_guest_under_bulkhead(boot):
    con = boot("bench-smoke", fail_patterns=FAIL)
    expect_hypervisor(con)
    con.expect_line(r"^\[bench\] bench: done$", 60)
    p = _check(con.lines, el=1)
    assert p["env"]["psci"] == "hvc"
    assert p["env"]["gicd"] == 0x8000000 and p["env"]["uart"] == 0x9000000


def test_bench_guest_aarch32_under_bulkhead(boot):
    con = boot("bench32-smoke", fail_patterns=FAIL)
    expect_hypervisor(con)
    con.expect_line(r"^\[bulkhead\]   execution state: AArch32 \(execution-state\)$", 30)
    con.expect_line(r"^\[bench\] bench: done$", 60)
    p = _check(con.lines, el=1)
    assert p["env"]["psci"] == "hvc" and p["env"]["cpus"] == 2
    assert p["env"]["gicd"] == 0x8000000 and p["env"]["uart"] == 0x9000000


def test_same_workload_result(boot, bare):
    """The compute workload is deterministic: the same checksum natively, in a
    partition, and built for AArch32 in an AArch32 partition."""
    native = bare()
    native.expect_line(DONE, 60)
    sums = [bench.parse_console(native.lines)["info"]["compute"]["checksum"]]
    for layout in ("bench-smoke", "bench32-smoke"):
        con = boot(layout, fail_patterns=FAIL)
        expect_hypervisor(con)
        con.expect_line(r"^\[bench\] bench: done$", 60)
        sums.append(bench.parse_console(con.lines)["info"]["compute"]["checksum"])
    assert sums[0] == sums[1] == sums[2], sums


def test_guard_compare_fails_on_growth():
    """The guard can fail: 11 % more than the baseline fails, 9 % passes, a missing figure fails."""
    base = {"tolerance": 0.10, "instructions": {"boot": 1000, "irq_wfi": 100.0}}
    assert guard.compare({"boot": 1090, "irq_wfi": 100.0}, base)[1] == []
    assert guard.compare({"boot": 1110, "irq_wfi": 90.0}, base)[1] == ["boot"]
    assert guard.compare({"boot": 1000}, base)[1] == ["irq_wfi"]


def test_hot_paths_against_baseline():
    """Instruction counts (icount) of the boot and the trap paths against bench/baseline.json."""
    baseline = guard.load()
    figures = guard.measure(bench, timeout=120.0 * TIMEOUT_SCALE)
    lines, over = guard.compare(figures, baseline)
    print("\n".join(lines))
    assert not over, ("grew more than %d %% over bench/baseline.json (make bench-baseline "
                      "if intended):\n%s" % (100 * baseline["tolerance"], "\n".join(lines)))
