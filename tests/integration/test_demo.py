# SPDX-License-Identifier: GPL-2.0-only
"""The demo: Debian's Linux (cores 0-1, 512 MiB) and the RTOS (core 2) side by
side, each with Bulkhead's emulated PL011 and SBSA watchdog.

One QEMU run of dts/demo-test.dts under -icount (virtual time follows the
instruction count: QEMU's round robin over the vCPUs, not the host, decides
when the RTOS's vCPU runs; docs/rtos.md, "Timing on QEMU") carries the tests
below in file order, so Linux boots three times in one run:

  test_linux_in_its_partition     the shell answers: 2 CPUs, 512 MiB, only its
                                  devices in its device tree, its timer and
                                  UART interrupts counting
  test_rtos_through_linux_load    Linux runs CPU and memory loads on both
                                  cores; the RTOS keeps every deadline
  test_reboot_restarts_linux_alone   `reboot` (PSCI SYSTEM_RESET) restarts
                                  Linux only, and it comes back
  test_linux_touching_rtos_memory `devmem 0x80000000` (the RTOS's physical
                                  memory): stage-2 fault, Linux restarted
  test_rtos_never_missed          every RTOS report of the whole run: zero
                                  misses, zero queue errors, uptime growing

test_make_run_console_focus boots dts/demo.dts as `make run` does (no
-icount) and moves the console input between the partitions.

The RTOS prints a report every second of its timer (docs/rtos.md): counts are
cumulative, so one report with misses=0 covers everything before it.

Typing: every line typed here fits in the emulated PL011's receive ring
(core/vuart.h, VUART_RX_RING: 63 characters) and the next one is sent only
once the previous one's output is back, so the tests do not lean on the
console's input flow control (core/console_input.c).
"""

import os
import re
import time

import pytest

from conftest import (BUILD, DEFAULT_FAIL, LOG_DIR, TIMEOUT_SCALE, QemuError, expect_hypervisor,
                      qemu_run, starting)

LAYOUT = "demo-test"
RTOS_PHYS = 0x80000000     # the RTOS's memory in dts/demo-test.dts
LINUX_MEM_KB = 512 * 1024  # the Linux partition's memory

MAX_LINE = 58  # characters typed at once, newline excluded

# A console line that ends the run at once: the RTOS or a partition failing.
DEMO_FAIL = DEFAULT_FAIL + [
    r"^\[rtos\] rtos: (panic|unexpected interrupt)",
    r"^\[bulkhead\] partition 'rtos' (fault|stopped|restarting|failed)",
    r"^\[bulkhead\] partition 'linux' failed",
    r"^\[linux\] .*Kernel panic",
]

STATS = re.compile(r"^\[rtos\] rtos: stats task=(?P<name>\S+) prio=(?P<prio>\d+) "
                   r"period_us=(?P<period_us>\d+) act=(?P<act>\d+) miss=(?P<miss>\d+) "
                   r"wcrt_ticks=(?P<wcrt>\d+) jitter_ticks=(?P<jitter>\d+)$")
QUEUE = re.compile(r"^\[rtos\] rtos: queue sent=(?P<sent>\d+) recv=(?P<recv>\d+) "
                   r"errors=(?P<errors>\d+)$")
TICK = re.compile(r"^\[rtos\] rtos: tick count=(?P<count>\d+) latency_max_ticks=(?P<lat_max>\d+) "
                  r"latency_avg_ticks=(?P<lat_avg>\d+) late=(?P<late>\d+)$")
TOTAL = re.compile(r"^\[rtos\] rtos: total misses=(?P<misses>\d+) uptime_ms=(?P<uptime>\d+)$")
TICK_HZ = 62500000  # QEMU virt's counter


def _ints(m):
    return {k: int(v) for k, v in m.groupdict().items() if v.isdigit()}


class Report:
    """One RTOS report burst: stats lines, queue, tick, total (docs/rtos.md)."""

    def __init__(self, index, tasks, queue, tick, total):
        self.index = index  # of the total line in Qemu.lines
        self.tasks = tasks  # name -> {prio, period_us, act, miss, wcrt, jitter}
        self.queue = queue
        self.tick = tick
        self.misses = total["misses"]
        self.uptime_ms = total["uptime"]

    def summary(self):
        """Worst figures so far, in milliseconds of the RTOS's timer."""
        ms = 1000.0 / TICK_HZ
        parts = ["uptime %d ms, misses %d" % (self.uptime_ms, self.misses),
                 "tick latency max %.2f ms, late %d" % (self.tick["lat_max"] * ms,
                                                        self.tick["late"])]
        for name, t in self.tasks.items():
            parts.append("%s: act %d miss %d wcrt %.2f ms (deadline %.0f ms) jitter %.2f ms" %
                         (name, t["act"], t["miss"], t["wcrt"] * ms, t["period_us"] / 1000.0,
                          t["jitter"] * ms))
        return "; ".join(parts)


def rtos_reports(con, since=0):
    """The complete report bursts read so far (from line @since)."""
    reports, tasks, queue, tick = [], {}, None, None
    for i in range(since, len(con.lines)):
        line = con.lines[i]
        m = STATS.search(line)
        if m:
            tasks[m.group("name")] = _ints(m)
            continue
        m = QUEUE.search(line) or TICK.search(line)
        if m:
            if m.re is QUEUE:
                queue = _ints(m)
            else:
                tick = _ints(m)
            continue
        m = TOTAL.search(line)
        if m:
            if tasks and queue and tick:  # a burst cut by @since is skipped
                reports.append(Report(i, tasks, queue, tick, _ints(m)))
            tasks, queue, tick = {}, None, None
    return reports


def wait_reports(con, count, since, timeout):
    """Reads until @count reports after line @since are complete; returns them."""
    deadline = time.monotonic() + timeout * TIMEOUT_SCALE
    while True:
        got = rtos_reports(con, since)
        if len(got) >= count:
            return got
        left = deadline - time.monotonic()
        if left <= 0:
            raise QemuError("wanted %d RTOS reports, got %d within %.0f s"
                            % (count, len(got), timeout))
        con.expect_line(TOTAL.pattern, left / TIMEOUT_SCALE)


def assert_rtos_clean(reports, what, max_latency_ms=None):
    """Every report: no deadline missed, no message lost, no tick late, the
    tick interrupt's worst latency below @max_latency_ms, and time moves on."""
    assert reports, "no RTOS report %s" % what
    for r in reports:
        bad = {n: t["miss"] for n, t in r.tasks.items() if t["miss"]}
        assert r.misses == 0 and not bad, \
            "RTOS missed deadlines %s: %s (%s)" % (what, bad, r.summary())
        assert r.queue["errors"] == 0 and r.queue["recv"] <= r.queue["sent"], \
            "RTOS queue errors %s: %s" % (what, r.queue)
        # A tick handled a whole tick period late: the RTOS's core did not run
        # (or its timer interrupt was not delivered) for that long.
        assert r.tick["late"] == 0, "RTOS ticks late %s: %s" % (what, r.summary())
        if max_latency_ms is not None:
            assert r.tick["lat_max"] < max_latency_ms * TICK_HZ / 1000, \
                "RTOS tick interrupt latency above %d ms %s: %s" % (max_latency_ms, what,
                                                                   r.summary())
    ups = [r.uptime_ms for r in reports]
    assert ups == sorted(ups) and len(set(ups)) == len(ups), "RTOS uptime %s: %s" % (what, ups)


def assert_progress(before, after, what):
    """Every periodic task released jobs between two reports."""
    assert after.uptime_ms > before.uptime_ms, what
    for name, t in after.tasks.items():
        assert t["act"] > before.tasks[name]["act"], \
            "RTOS task %s made no progress %s: %s -> %s" % (name, what, before.tasks[name], t)


def max_latency(con):
    """The bound on the RTOS's tick interrupt latency under -icount: half a
    (scaled) tick. QEMU's round robin alone delays it by up to about 11 ms
    (docs/rtos.md, "Timing on QEMU")."""
    return con.time_scale / 2


class LinuxShell:
    """The Linux partition's shell on the console (it must have the input).

    Commands run through a shell function that brackets their output:
    `r <n> '<cmd>'` prints @@B<n>@@, each output line as {{line}}, then
    @@E<n>:<status>@@. Partitions' lines interleave on the console and a
    focused partition's partial line can be cut by another partition's line,
    so Linux's output is read as the concatenation of its [linux] fragments.
    """

    def __init__(self, con):
        self.con = con
        self.n = 0

    def text(self, since):
        return "".join(line[8:] for line in self.con.lines[since:] if line.startswith("[linux] "))

    def _wait(self, regex, since, timeout):
        rx = re.compile(regex, re.S)
        deadline = time.monotonic() + timeout * TIMEOUT_SCALE
        while True:
            m = rx.search(self.text(since))
            if m:
                return m
            left = deadline - time.monotonic()
            if left <= 0:
                raise QemuError("Linux did not answer %r within %.0f s\n--- Linux said:\n%s"
                                % (regex, timeout, self.text(since)[-1500:]))
            self.con.expect_line(r"^\[linux\] ", left / TIMEOUT_SCALE)

    def send(self, line):
        assert len(line) <= MAX_LINE, "typed line too long for the vUART: %r" % line
        self.con.child.send(line + "\n")

    def type_line(self, line, timeout=30.0):
        """Types a shell line and waits until it ran (its marker echoed)."""
        self.n += 1
        since = len(self.con.lines)
        self.send('%s;echo @@""D%d' % (line, self.n))  # the echo of the line has the quotes
        self._wait("@@D%d" % self.n, since, timeout)

    def ready(self, timeout=120.0):
        """Waits for a new shell, then defines the helpers."""
        self.con.expect_line(r"^\[linux\] Enter 'help' for a list of built-in commands", timeout)
        self.type_line(":")
        self.type_line("set -o pipefail")
        self.type_line("p(){ sed 's/.*/{{&}}/';}")
        self.type_line("q(){ echo @@E$1:$?@@;}")
        self.type_line('r(){ echo @@B$1@@;eval "$2" 2>&1|p;q $1;}')

    def run(self, cmd, timeout=30.0, check=True):
        """Runs @cmd (short, no single quote); returns its output lines."""
        assert "'" not in cmd
        self.n += 1
        n = self.n
        since = len(self.con.lines)
        self.send("r %d '%s'" % (n, cmd))
        m = self._wait(r"@@B%d@@(.*?)@@E%d:(\d+)@@" % (n, n), since, timeout)
        out = re.findall(r"\{\{(.*?)\}\}", m.group(1), re.S)
        if check:
            assert m.group(2) == "0", "`%s` failed (status %s): %s" % (cmd, m.group(2), out)
        return out


def interrupts(sh):
    """{name: total count over the CPUs} from /proc/interrupts."""
    counts = {}
    for line in sh.run("cat /proc/interrupts"):
        f = line.split()
        if len(f) >= 3 and f[0].endswith(":") and f[1].isdigit() and f[2].isdigit():
            counts[f[-1]] = int(f[1]) + int(f[2])
    return counts


def cpu_busy(stat_before, stat_after):
    """Busy fraction of cpu0 and cpu1 between two `grep ^cpu /proc/stat`."""
    def parse(lines):
        out = {}
        for line in lines:
            f = line.split()
            if re.match(r"cpu\d+$", f[0]):
                v = [int(x) for x in f[1:]]
                out[f[0]] = (sum(v) - v[3] - v[4], sum(v))  # all but idle, iowait
        return out
    a, b = parse(stat_before), parse(stat_after)
    return {c: (b[c][0] - a[c][0]) / max(1, b[c][1] - a[c][1]) for c in sorted(b)}


@pytest.fixture(scope="module")
def demo():
    """dts/demo-test.dts under -icount, until the module's last test."""
    cmd = qemu_run.qemu_command(qemu_run.boot_dir(LAYOUT, BUILD), icount=True)
    os.makedirs(LOG_DIR, exist_ok=True)
    con = qemu_run.Qemu(cmd, log=os.path.join(LOG_DIR, "test_demo-icount.log"),
                        timeout_scale=TIMEOUT_SCALE)
    con.fail_patterns = list(DEMO_FAIL)
    con.shell = LinuxShell(con)
    con.marks = {}
    yield con
    con.close()


def test_linux_in_its_partition(demo):
    con, sh = demo, demo.shell
    expect_hypervisor(con)
    config = r"^\[rtos\] rtos: config .*time_scale=(?P<scale>\d+) "
    marker = r"^\[linux\] linux: cpus=(?P<cpus>\d+) mem_kb=(?P<kb>\d+)$"
    found = con.expect_lines([starting("linux"), starting("rtos"), config, marker], timeout=180)
    assert found[starting("linux")].group("core") == "0"
    assert found[starting("rtos")].group("core") == "2"
    assert found[marker].group("cpus") == "2"
    con.mem_kb = found[marker].group("kb")
    # The RTOS runs on a scaled time base (docs/rtos.md, "Timing on QEMU").
    con.time_scale = int(found[config].group("scale"))
    assert con.time_scale > 1
    sh.ready()
    con.marks["linux up"] = len(con.lines)

    # Its two cores, and only those.
    assert sh.run("cat /sys/devices/system/cpu/online") == ["0-1"]
    assert sh.run("nproc") == ["2"]
    assert sh.run("grep -c ^processor /proc/cpuinfo") == ["2"]
    cpus = sh.run("ls /proc/device-tree/cpus")
    assert sorted(c for c in cpus if c.startswith("cpu@")) == ["cpu@0", "cpu@1"], cpus

    # Its 512 MiB: MemTotal is what is left after the kernel's image and
    # reservations (about 476 MiB with Debian's kernel).
    mem = sh.run("grep MemTotal /proc/meminfo")
    kb = int(re.match(r"MemTotal:\s+(\d+) kB", mem[0]).group(1))
    assert 450 * 1024 < kb <= LINUX_MEM_KB, "MemTotal %d kB for a 512 MiB partition" % kb
    reg = " ".join(sh.run("od -An -tx1 /proc/device-tree/memory*/reg")).split()
    assert reg == "00 00 00 00 40 00 00 00 00 00 00 00 20 00 00 00".split(), reg

    # Only its devices: the GIC, the (emulated) PL011, the timer, PSCI, the
    # (emulated) watchdog, its memory. Nothing else of QEMU virt.
    nodes = sh.run("ls /proc/device-tree")
    for want in ("intc@8000000", "pl011@9000000", "timer", "psci", "memory@40000000"):
        assert want in nodes, "%s missing from Linux's device tree: %s" % (want, nodes)
    assert [n for n in nodes if n.startswith("watchdog@")], nodes
    foreign = [n for n in nodes if re.match(
        r"(virtio_mmio|pcie|smmu|flash|fw-cfg|pl061|pl031|gpio|platform-bus)", n)]
    assert not foreign, "Linux sees devices that are not its own: %s" % foreign

    # Its timer and UART interrupts count (typing the next command is input).
    first = interrupts(sh)
    second = interrupts(sh)
    assert second["arch_timer"] > first["arch_timer"], (first, second)
    assert "uart-pl011" in first, first
    assert second["uart-pl011"] > first["uart-pl011"], (first, second)

    reports = rtos_reports(con)
    assert_rtos_clean(reports, "while Linux booted", max_latency(con))
    print("RTOS after Linux's boot:", reports[-1].summary())


def test_rtos_through_linux_load(demo):
    con, sh = demo, demo.shell
    before = rtos_reports(con)
    assert_rtos_clean(before, "before the load", max_latency(con))
    # Two CPU loops and a memory loop (64 MiB written over and over).
    sh.type_line("echo 'while :;do md5sum /bin/sh;done'>/1")
    sh.type_line("echo -n 'while :;do dd if=/dev/zero of=/x'>/2")
    sh.type_line("echo ' bs=1M count=64;done'>>/2")
    stat0 = sh.run("grep ^cpu /proc/stat")
    for script in ("/1", "/1", "/2"):
        sh.run("sh %s >/dev/null 2>&1 &" % script)
    start = len(con.lines)
    con.marks["load"] = start
    window = wait_reports(con, 5, start, timeout=120)
    stat1 = sh.run("grep ^cpu /proc/stat")
    busy = cpu_busy(stat0, stat1)
    assert min(busy.values()) > 0.5, "Linux's cores were not loaded: %s" % busy
    assert_rtos_clean(rtos_reports(con), "under Linux's load", max_latency(con))
    assert_progress(window[0], window[-1], "under Linux's load")
    print("Linux busy:", busy)
    print("RTOS after the load:", window[-1].summary())


def restart_linux(con, sh, command, why):
    """Types @command; Linux must go down with reason @why and come back alone,
    while the RTOS keeps reporting. Returns (line index of the restart, reports
    around it)."""
    before = rtos_reports(con)[-1]
    since = len(con.lines)
    sh.send(command)
    m = con.expect_line(r"^\[bulkhead\] partition 'linux' restarting \((?P<why>[^)]*)\)", 120)
    assert m.group("why") == why
    down = len(con.lines) - 1
    con.expect_line(starting("linux"), 60)
    m = con.expect_line(r"^\[linux\] linux: cpus=2 mem_kb=(?P<kb>\d+)$", 180)
    assert m.group("kb") == con.mem_kb, "Linux came back with other memory: %s" % m.group(0)
    sh.ready()
    assert sh.run("cat /sys/devices/system/cpu/online") == ["0-1"]
    # The RTOS was not touched: no line of Bulkhead about it, it never started
    # again, and its reports went on through Linux's restart.
    rtos_lines = con.seen(r"^\[bulkhead\] .*'rtos'", since=since)
    assert not rtos_lines, rtos_lines
    assert not con.seen(r"^\[rtos\] rtos: (boot|started)", since=since)
    after = wait_reports(con, 2, down, timeout=60)
    assert_progress(before, after[-1], "across Linux's restart")
    assert_rtos_clean(rtos_reports(con), "across Linux's restart (%s)" % why, max_latency(con))
    print("RTOS after the restart (%s):" % why, after[-1].summary())
    return down


def test_reboot_restarts_linux_alone(demo):
    con, sh = demo, demo.shell
    since = len(con.lines)
    down = restart_linux(con, sh, "reboot", "PSCI SYSTEM_RESET")
    # Linux's own line and Bulkhead's restart line are of two sources: either order.
    assert con.index_of(r"^\[linux\] .*reboot: Restarting system", since) >= 0
    con.marks["reboot"] = down


def test_linux_touching_rtos_memory(demo):
    con, sh = demo, demo.shell
    # Linux's guest-physical RAM is 0x40000000-0x5fffffff; the RTOS's RAM is
    # at 0x80000000 in physical memory. /dev/mem allows the address (it is not
    # Linux's RAM), the load reaches stage 2, which maps nothing there. On
    # core 1: the restart then starts on a core that is not Linux's boot core,
    # which Bulkhead must first take down (the harder path).
    since = len(con.lines)
    down = restart_linux(con, sh, "taskset 2 devmem 0x%x" % RTOS_PHYS, "stage-2 fault")
    fault = con.seen(r"^\[bulkhead\] partition 'linux' fault: stage-2 (read|write) at IPA", since)
    assert len(fault) == 1, fault
    m = re.search(r"stage-2 (?P<mode>\w+) at IPA 0x(?P<ipa>[0-9a-f]+) \(pc 0x[0-9a-f]+, "
                  r"core (?P<core>\d+)\)", fault[0])
    assert m and m.group("mode") == "read" and int(m.group("ipa"), 16) == RTOS_PHYS, fault
    assert m.group("core") == "1"
    assert con.index_of(r"^\[bulkhead\] partition 'linux' fault: ", since) < down
    assert not con.seen(r"^\[linux\] 0x[0-9A-Fa-f]+$", since)  # devmem printed nothing
    con.marks["fault"] = down


def test_rtos_never_missed(demo):
    con = demo
    reports = rtos_reports(con)
    assert_rtos_clean(reports, "in the whole run", max_latency(con))
    # It ran from before Linux's first line to the end, and its uptime covers
    # the three Linux boots.
    assert reports[0].index < con.marks.get("linux up", 0)
    assert len(reports) >= 10
    assert con.seen(r"^\[rtos\] rtos: started, tick %d us, 5 tasks," % (1000 * con.time_scale))
    print("RTOS, whole run:", reports[-1].summary())


# ---------------------------------------------------------------- make run


def test_make_run_console_focus(boot):
    """`make run` (tools/qemu-run.py --layout demo, no -icount): the console
    input goes to Linux first; Ctrl-] 1 gives it to the RTOS, whose emulated
    UART swallows it; Ctrl-] 0 gives it back to Linux."""
    printed = qemu_run.qemu_command(qemu_run.boot_dir("demo", BUILD))
    con = boot("demo")
    assert con.cmd == printed  # the very command `make run` execs
    con.fail_patterns += DEMO_FAIL[len(DEFAULT_FAIL):]
    sh = LinuxShell(con)
    expect_hypervisor(con)
    con.expect_line(r"^\[bulkhead\] console input -> 'linux' \(Ctrl-\] then 0-1 to switch", 30)
    con.expect_line(r"^\[linux\] linux: cpus=2 mem_kb=\d+$", 180)
    sh.ready()
    assert sh.run("echo ok") == ["ok"]

    token = "focus%d" % os.getpid()
    con.child.send("\x1d1")
    con.expect_line(r"^\[bulkhead\] console input -> 'rtos'", 30)
    since = len(con.lines)
    con.child.send("echo %s-rtos\n" % token)
    con.child.send("\x1d?")
    con.expect_lines([r"^\[bulkhead\]\s+0: linux$", r"^\[bulkhead\]\s+1: rtos\s+<- input$"], 30)
    con.child.send("\x1d0")
    con.expect_line(r"^\[bulkhead\] console input -> 'linux'", 30)
    assert sh.run("echo %s-linux" % token) == ["%s-linux" % token]
    assert token + "-rtos" not in sh.text(since), "Linux got input typed to the RTOS"
    assert token + "-linux" in sh.text(since)

    # The RTOS reports on (its timing here is the host's: no assertion on it).
    wait_reports(con, 2, 0, timeout=60)
    print("RTOS under `make run`:", rtos_reports(con)[-1].summary())
