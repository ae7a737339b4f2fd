# SPDX-License-Identifier: GPL-2.0-only
"""Linux and the RTOS on a channel (dts/linux-channel.dts, docs/running.md
"Channels from Linux"), one QEMU run without -icount (Linux boots beside the
RTOS; no deadline is judged here, only correctness):

  Linux's endpoint has interface = "pci": Debian's kernel finds the function
  1234:bc01 on the emulated host bridge (pci-host-generic, probe-only: the
  BARs where Bulkhead put them), the stock uio_pci_generic takes it, and
  bhchan (the initramfs's tool) reads the RTOS's statistics, sends a command
  the RTOS obeys, measures round trips, and finds the channel again after
  Linux restarts while the RTOS keeps publishing. A root shell poking the
  emulated ECAM window (absent functions, BAR writes, 64-bit reads) changes
  nothing and crashes nothing.

Lines of the two partitions may come in either order (docs/conventions.md):
each check looks at one partition's lines, or at numbers one side's own
counters fix (the report number n)."""

import os
import re
import time

import pytest

from conftest import (BUILD, DEFAULT_FAIL, LOG_DIR, TIMEOUT_SCALE, expect_hypervisor, qemu_run,
                      starting)
from test_demo import LinuxShell

LAYOUT = "linux-channel"
FAIL = DEFAULT_FAIL + [
    r"^\[rtos\] rtos: (panic|unexpected interrupt)",
    r"^\[rtos\] \w+: panic: ",
    r"^\[bulkhead\] partition 'rtos' (fault|stopped|restarting|failed)",
    r"^\[bulkhead\] partition 'linux' (fault|failed)",
    r"^\[linux\] .*Kernel panic",
    r"PANIC",
]
MSG = re.compile(r"^bhchan: msg stats n=(?P<n>\d+) uptime_ms=(?P<up>\d+) misses=\d+ "
                 r"dropped=(?P<dropped>\d+)(?P<tasks>( \w+=\d+/\d+/\d+)+)$")
TASK = re.compile(r" (?P<name>\w+)=(?P<period>\d+)/(?P<act>\d+)/(?P<miss>\d+)")
FUNCTION = r"^\[linux\] .*pci 0100:00:00\.0: \[1234:bc01\] type 00 class 0xff0000$"


def await_line(con, regex, since, timeout):
    """The first line from index @since matching @regex, read already or
    coming within @timeout seconds (scaled)."""
    deadline = time.monotonic() + timeout * con.timeout_scale
    while not con.seen(regex, since=since):
        left = (deadline - time.monotonic()) / con.timeout_scale
        if left <= 0:
            raise AssertionError("no line matching %r" % regex)
        con.expect_line(r"", left)
    return con.seen(regex, since=since)[0]


def stats(lines):
    """[(n, {task: (period_us, activations)})] of the bhchan statistics lines."""
    got = []
    for line in lines:
        m = MSG.match(line)
        if m:
            got.append((int(m.group("n")),
                        {t.group("name"): (int(t.group("period")), int(t.group("act")))
                         for t in TASK.finditer(m.group("tasks"))}))
    return got


STATE = re.compile(r"^bhchan: self up=(?P<up>\d) generation=(?P<gen>\d+) "
                   r"peer up=(?P<peer_up>\d) generation=(?P<peer_gen>\d+) doorbells=\d+$")


def states(sh):
    """bhchan info's state words: (self up, generation, peer up, peer generation)."""
    for line in sh.run("bhchan info"):
        m = STATE.match(line)
        if m:
            return tuple(int(m.group(k)) for k in ("up", "gen", "peer_up", "peer_gen"))
    raise AssertionError("no state line in bhchan info")


@pytest.fixture(scope="module")
def linux():
    """The layout without -icount, until the module's last test; yields the
    console (Linux's shell ready, the function probed) with .shell."""
    cmd = qemu_run.qemu_command(qemu_run.boot_dir(LAYOUT, BUILD))
    os.makedirs(LOG_DIR, exist_ok=True)
    con = qemu_run.Qemu(cmd, log=os.path.join(LOG_DIR, "test_linux_channel.log"),
                        timeout_scale=TIMEOUT_SCALE)
    con.fail_patterns = list(FAIL)
    con.shell = LinuxShell(con)
    con.n_last = 0  # the last report number Linux read
    try:
        expect_hypervisor(con)
        con.expect_lines([starting("linux"), starting("rtos"),
                          r"^\[bulkhead\]   endpoint 1: 'linux' rw at ipa 0x50000000, doorbell "
                          r"page 0x50010000, SPI 112 \(INTID 144\), PCI device 0 of the emulated "
                          r"host bridge \(ECAM ipa 0xb100000",
                          r"^\[rtos\] rtos: channel stats endpoint 0 intid 144, 119 slots each "
                          r"way"], timeout=60)
        # Probe-only: Linux keeps the BARs Bulkhead fixed (the endpoint's window).
        con.expect_lines([FUNCTION,
                          r"^\[linux\] .*pci 0100:00:00\.0: BAR 0 \[mem 0x50010000-0x50010fff\]$",
                          r"^\[linux\] .*pci 0100:00:00\.0: BAR 2 \[mem 0x50000000-0x5000ffff "
                          r"64bit pref\]$"], timeout=120)
        con.shell.ready(timeout=120)
        yield con
    finally:
        con.close()


def test_linux_reads_rtos_statistics(linux):
    """bhchan binds uio_pci_generic and reads three reports in order; INTA
    (SPI 144, level) counted them; `wait` returns on the next doorbell."""
    con, sh = linux, linux.shell
    got = stats(sh.run("bhchan recv --wait --count 3", timeout=60))
    assert len(got) == 3, got
    ns = [g[0] for g in got]
    assert ns == sorted(set(ns)), ns
    assert set(got[0][1]) == {"sensor", "control", "producer", "consumer", "report", "link"}
    assert "0100:00:00.0" in " ".join(sh.run("ls /sys/bus/pci/drivers/uio_pci_generic"))
    irq = [line for line in sh.run("cat /proc/interrupts") if "uio_pci_generic" in line]
    assert irq and re.search(r"GICv3 +144 +Level +uio_pci_generic", irq[0]), irq
    assert int(irq[0].split()[1]) >= 1, irq
    con.n_last = ns[-1]
    # -c LABEL: the channel node's label in Linux's device tree, matched by subsystem ID.
    assert any(line.startswith("bhchan: channel 0 0100:00:00.0 size=0x10000 endpoint=1")
               for line in sh.run("bhchan -c stats info")), "bhchan -c stats"
    assert sh.run("bhchan -c nope info", check=False) == [
        "bhchan: no channel labelled 'nope' in the device tree"]
    # Drained, `wait` sleeps until the RTOS's next report rings (or one already waits).
    sh.run("bhchan recv", check=False)
    assert sh.run("bhchan wait", timeout=60)[-1] in ("bhchan: doorbell",
                                                    "bhchan: message waiting")
    got = stats(sh.run("bhchan recv", timeout=60))
    assert got and got[0][0] > con.n_last, got
    con.n_last = got[-1][0]


def test_linux_command_changes_rtos_period(linux):
    """"period control 10" (x time_scale 50: 500 ms): the RTOS applies it
    and acknowledges; its next statistics carry the new period."""
    con, sh = linux, linux.shell
    since = len(con.lines)
    assert sh.run("bhchan send period control 10") == ["bhchan: sent period control 10"]
    await_line(con, r"^\[rtos\] rtos: command applied: task control period 10 ms "
               r"\(500000 us\)$", since, 60)
    lines = []
    for _ in range(10):
        lines += sh.run("bhchan recv --wait --count 1", timeout=60)
        after = [g for g in stats(lines) if g[1]["control"][0] == 500000]
        if "bhchan: msg ack period control 10" in lines and len(after) >= 2:
            break
    assert "bhchan: msg ack period control 10" in lines, lines
    got = stats(lines)
    after = [g for g in got if g[1]["control"][0] == 500000]
    assert len(after) >= 2, lines
    # The period changed once: nothing after the first new-period report has the old one.
    first = got.index(after[0])
    assert all(g[1]["control"][0] == 500000 for g in got[first:]), got
    con.n_last = got[-1][0]


def test_round_trips(linux):
    """rtt: "ping <i>", each answered by the RTOS's "nak ping <i>: unknown
    command", 200 times (host time under TCG: docs/performance.md)."""
    sh = linux.shell
    out = sh.run("bhchan rtt 200", timeout=120)
    m = re.match(r"^bhchan: rtt n=200 min_us=(?P<min>\d+) median_us=(?P<med>\d+) "
                 r"mean_us=(?P<mean>\d+) max_us=(?P<max>\d+) other=\d+$", out[-1])
    assert m, out
    assert int(m.group("min")) <= int(m.group("med")) <= int(m.group("max"))
    print("linux-channel rtt (TCG, host time): %s" % out[-1])


def test_hostile_ecam_accesses(linux):
    """Root pokes the ECAM window: function 0 answers, every other device and
    function reads all-ones, BAR writes do not move the BARs, a 64-bit read
    (undefined for config space) reads all-ones; the channel still works."""
    con, sh = linux, linux.shell

    def rd(addr, width=32):
        return int(sh.run("devmem 0x%x %d" % (addr, width))[-1], 16)

    ecam = 0x0b100000
    assert rd(ecam) == 0xbc011234
    assert rd(ecam + (1 << 15)) == 0xffffffff        # device 1: absent
    assert rd(ecam + (31 << 15) + 0xffc) == 0xffffffff
    assert rd(ecam + (1 << 12)) == 0xffffffff        # function 1: absent
    assert rd(ecam + 0xff000, 8) == 0xff
    assert rd(ecam, 64) == 0xffffffffffffffff
    assert rd(ecam + 0x3d, 8) == 1                   # Interrupt Pin: INTA
    for bar, want in ((0x10, 0x50010000), (0x18, 0x5000000c), (0x1c, 0)):
        sh.run("devmem 0x%x 32 0x12345000" % (ecam + bar))
        assert rd(ecam + bar) == want, hex(bar)
    sh.run("devmem 0x%x 32 0xffffffff" % (ecam + 0x18))
    assert rd(ecam + 0x18) == 0xffff000c             # sizing: 64 KiB, 64-bit prefetchable
    sh.run("devmem 0x%x 32 0x50000000" % (ecam + 0x18))
    assert rd(ecam + 0x18) == 0x5000000c
    sh.run("devmem 0x%x 32 0xffffffff" % (ecam + 0x08))  # class, revision: read-only
    assert rd(ecam + 0x08) == 0xff000001
    got = stats(sh.run("bhchan recv --wait --count 1", timeout=60))
    assert got and got[0][0] > con.n_last, got
    con.n_last = got[-1][0]


def test_linux_restart_resumes_messages(linux):
    """reboot: Bulkhead restarts Linux alone; the RTOS sees generation 2 in
    the header and keeps publishing; the new Linux binds the function again
    and reads reports newer than any the first run read (what waited for the
    previous run is dropped by its first bhchan)."""
    con, sh = linux, linux.shell
    assert states(sh) == (1, 1, 1, 1)
    since = len(con.lines)
    sh.send("reboot")
    line = await_line(con, r"^\[bulkhead\] partition 'linux' restarting ", since, 120)
    assert "(PSCI SYSTEM_RESET)" in line, line
    await_line(con, r"^\[rtos\] rtos: channel stats peer down generation 1$", since, 120)
    await_line(con, r"^\[rtos\] rtos: channel stats peer up generation 2$", since, 180)
    await_line(con, FUNCTION, since, 180)
    sh.ready(timeout=180)
    assert states(sh) == (1, 2, 1, 1)  # this endpoint's second run; the RTOS's first
    got = stats(sh.run("bhchan recv --wait --count 2", timeout=60))
    assert len(got) == 2 and got[0][0] > con.n_last, got
    assert got[1][0] > got[0][0]
    assert not con.seen(r"^\[bulkhead\] .*'rtos'", since=since)
    assert not con.seen(r"^\[rtos\] rtos: (boot|started)", since=since)
