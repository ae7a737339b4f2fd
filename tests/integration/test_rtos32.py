# SPDX-License-Identifier: GPL-2.0-only
"""The RTOS built for AArch32 (rtos32.bin: guests/rtos on the guest library's
AArch32 layer, docs/rtos.md "AArch32") in an AArch32 partition.

test_aarch32_rtos_beside_linux    dts/rtos32.dts under -icount, as test_demo.py
    runs the AArch64 RTOS: 64-bit Linux (cores 0-1) boots to its shell and
    runs CPU and memory loads while the AArch32 RTOS (core 2) reports; every
    report: zero misses, zero queue errors, no late tick, the tick latency
    below half a (scaled) tick.
test_aarch32_rtos_watchdog_restart    dts/rtos32-restart.dts: the RTOS arms
    Bulkhead's emulated SBSA watchdog, hangs with interrupts masked after
    two reports; the watchdog restarts it (fault policy "restart") and it
    comes back and reports again; the console input goes to it and the
    escape answers meanwhile.
"""

from conftest import DEFAULT_FAIL, expect_hypervisor, starting
from test_demo import DEMO_FAIL, LinuxShell, assert_progress, assert_rtos_clean, rtos_reports, \
    wait_reports

AARCH32 = r"^\[bulkhead\]   execution state: AArch32 \(execution-state\)$"


def test_aarch32_rtos_beside_linux(boot):
    con = boot("rtos32", icount=True, fail_patterns=DEMO_FAIL)
    expect_hypervisor(con)
    config = r"^\[rtos\] rtos: config .*time_scale=(?P<scale>\d+) "
    found = con.expect_lines([AARCH32, starting("linux"), starting("rtos"), config,
                              r"^\[linux\] linux: cpus=2 mem_kb=\d+$"], timeout=180)
    assert found[starting("rtos")].group("core") == "2"
    scale = int(found[config].group("scale"))
    assert scale > 1
    assert con.seen(r"^\[rtos\] rtos: started, tick %d us, 5 tasks," % (1000 * scale))
    sh = LinuxShell(con)
    sh.ready()
    assert sh.run("uname -m") == ["aarch64"]
    assert sh.run("cat /sys/devices/system/cpu/online") == ["0-1"]
    assert_rtos_clean(rtos_reports(con), "while Linux booted", scale / 2)

    # Linux's two cores busy (two CPU loops and a memory loop), as test_demo.py.
    sh.type_line("echo 'while :;do md5sum /bin/sh;done'>/1")
    sh.type_line("echo -n 'while :;do dd if=/dev/zero of=/x'>/2")
    sh.type_line("echo ' bs=1M count=64;done'>>/2")
    for script in ("/1", "/1", "/2"):
        sh.run("sh %s >/dev/null 2>&1 &" % script)
    window = wait_reports(con, 5, len(con.lines), timeout=120)
    reports = rtos_reports(con)
    assert_rtos_clean(reports, "beside 64-bit Linux under load", scale / 2)
    assert_progress(window[0], window[-1], "under Linux's load")
    assert len(reports) >= 8
    print("AArch32 RTOS, whole run:", reports[-1].summary())


def test_aarch32_rtos_watchdog_restart(boot):
    con = boot("rtos32-restart", fail_patterns=DEFAULT_FAIL + [r"^\[rtos\] rtos: panic"])
    expect_hypervisor(con)
    con.expect_lines([AARCH32, r"^\[bulkhead\] console input -> 'rtos'",
                      r"^\[rtos\] rtos: watchdog armed, 1000 ms$"], timeout=60)
    # Console input: the escape lists the partition with the input.
    con.child.send("\x1d?")
    con.expect_line(r"^\[bulkhead\]\s+0: rtos\s+<- input$", 30)
    con.expect_line(r"^\[rtos\] rtos: hanging after 2 reports \(interrupts masked\)$", 60)
    before = rtos_reports(con)
    assert len(before) == 2, "reports before the hang: %d" % len(before)
    down = len(con.lines)
    m = con.expect_line(r"^\[bulkhead\] partition 'rtos' restarting \((?P<why>[^)]*)\)", 60)
    assert m.group("why") == "watchdog"
    assert con.seen(r"^\[bulkhead\] partition 'rtos' fault: watchdog expired", since=down)
    con.expect_line(starting("rtos"), 30)
    # Back: booted again as AArch32 (the boot line), armed its watchdog, reports.
    con.expect_lines([r"^\[rtos\] rtos: boot el=1 ", r"^\[rtos\] rtos: watchdog armed"], 60)
    after = wait_reports(con, 1, down, timeout=60)
    assert after[0].uptime_ms < before[-1].uptime_ms, "its uptime did not start again"
    print("AArch32 RTOS after the watchdog restart:", after[-1].summary())
