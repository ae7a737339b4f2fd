# SPDX-License-Identifier: GPL-2.0-only
"""QEMU integration tests: fixtures.

A test boots a layout (dts/<name>.dts, built by `make` into build/boot/<name>/)
in QEMU through U-Boot, and reads the console line by line:

    @pytest.mark.layout("two-hello")
    def test_something(console):
        console.expect_line(r"^\\[p0\\] tick 3$", timeout=10)

    def test_other(boot):                      # several layouts, or parametrized
        con = boot("isolation")

`console` / `boot(...)` give a tools/qemu-run.py Qemu object:
    expect_line(regex, timeout)        next line matching regex (re.search), or fail
    expect_lines([regex, ...], timeout) all of them, in any order
    expect_no_line(regex, within)      fail if such a line was or is seen within the time
    seen(regex), index_of(regex)       lines read so far that match; index of the first
    lines, fail_patterns               every line read; regexes that fail the test at once

Lines are consumed as they are read, and partitions print in parallel: wait
for a set of lines from different sources with expect_lines() (any order).
Check an order (with index_of(), or by successive expect_line() calls) only
between lines of one source, i.e. one tag: "[bulkhead]", "[<partition>]". The
console may show two sources' lines either way round, even lines one core
printed in a row (a guest's access and Bulkhead's fault line about it), and
lines from different cores have no order at all (the SMMU's fault reports
come from its interrupt, on another core). Across sources, check sets and
counts: e.g. match Bulkhead's fault lines, in their order, to the guest's
steps, in theirs (test_hostile.py).

Every wait is bounded and waits on console lines (no sleeps). QEMU is killed at
teardown, whatever happened. The whole console goes to
build/tests/logs/<test>.log. Timeouts are multiplied by $BULKHEAD_TIMEOUT_SCALE
(default 1) for slow machines.
"""

import importlib.util
import os
import re
import time

import pytest

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def load_tool(name, *path):
    """The tree's Python file TOP/@path (tools/qemu-run.py, ...) as module @name."""
    spec = importlib.util.spec_from_file_location(name, os.path.join(TOP, *path))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


qemu_run = load_tool("qemu_run", "tools", "qemu-run.py")
QemuError = qemu_run.QemuError

BUILD = os.path.join(TOP, qemu_run.build_dir()) if not os.path.isabs(qemu_run.build_dir()) \
    else qemu_run.build_dir()
LOG_DIR = os.path.join(BUILD, "tests", "logs")
TIMEOUT_SCALE = float(os.environ.get("BULKHEAD_TIMEOUT_SCALE", "1"))

# U-Boot reaches booti in well under a second of wall time on an idle machine
# (see docs/running.md); this leaves room for a loaded CI machine.
BOOT_TIMEOUT = 60.0

# Console markers (docs/conventions.md) shared by the tests.
HYP_BANNER = r"^\[bulkhead\] Bulkhead \S+ on \S+, entered at EL2 on core \d+"
STARTING = r"^\[bulkhead\] partition '(?P<name>[^']*)' starting on core (?P<core>\d+)"

# Lines that end a test at once (instead of a timeout later):
DEFAULT_FAIL = [
    r"^bulkhead: error: ",           # boot.scr could not load something (U-Boot stage)
    r"ESCAPED",                      # a guest got past isolation
    r"^\[[^\]]+\] exception: ",      # a test guest took an exception it did not expect
]


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "layout(name): the layout (dts/<name>.dts) the `console` fixture boots")


def _log_name(node_name, n):
    name = re.sub(r"[^A-Za-z0-9_.=-]+", "_", node_name).strip("_")
    return name + ("" if n == 1 else "-%d" % n) + ".log"


@pytest.fixture
def boot(request):
    """boot(layout, icount=False, extra=()) -> a running Qemu with the layout's
    media, dts/<layout>.qemu's arguments and @extra."""
    started = []

    def _boot(layout, icount=False, fail_patterns=None, extra=()):
        boot_dir = qemu_run.boot_dir(layout, BUILD)
        # dts/<layout>.qemu: the QEMU arguments the layout needs (docs/running.md).
        extra = qemu_run.layout_qemu_args(layout, BUILD) + list(extra)
        try:
            cmd = qemu_run.qemu_command(boot_dir, icount=icount, extra=extra)
        except FileNotFoundError as e:
            pytest.fail("%s (make integration-media builds the boot media)" % e)
        os.makedirs(LOG_DIR, exist_ok=True)
        log = os.path.join(LOG_DIR, _log_name(request.node.name, len(started) + 1))
        q = qemu_run.Qemu(cmd, log=log, timeout_scale=TIMEOUT_SCALE)
        started.append(q)
        q.layout = layout
        q.log_path = log
        q.fail_patterns = list(DEFAULT_FAIL if fail_patterns is None else fail_patterns)
        return q

    yield _boot
    for q in started:
        q.close()


@pytest.fixture
def console(request, boot):
    """The console of the layout named by @pytest.mark.layout(name)."""
    marker = request.node.get_closest_marker("layout")
    if marker is None or not marker.args:
        pytest.fail("the console fixture needs @pytest.mark.layout(\"<name>\")")
    return boot(marker.args[0])


def expect_hypervisor(con):
    """Waits for U-Boot's booti and Bulkhead's banner; returns the banner match."""
    con.expect_line(r"^Starting kernel \.\.\.", BOOT_TIMEOUT)
    return con.expect_line(HYP_BANNER, 20.0)


def starting(name):
    """Regex of Bulkhead's `partition '<name>' starting on core <n>` line."""
    return r"^\[bulkhead\] partition '%s' starting on core (?P<core>\d+)" % re.escape(name)


def ticks(con, names, count, timeout=30.0, since=None):
    """Collects `[<name>] tick <n>` lines until each name has @count of them (at
    most @timeout seconds in all); returns {name: [n, ...]} in the order seen.
    With @since (an index in con.lines), lines already read from there count."""
    got = {n: [] for n in names}
    rx = re.compile(r"^\[(%s)\] tick (\d+)$" % "|".join(re.escape(n) for n in names))
    if since is not None:
        for line in con.lines[since:]:
            m = rx.search(line)
            if m:
                got[m.group(1)].append(int(m.group(2)))
    deadline = time.monotonic() + timeout * TIMEOUT_SCALE
    while any(len(v) < count for v in got.values()):
        left = deadline - time.monotonic()
        if left <= 0:
            raise QemuError("wanted %d ticks from each of %s within %.0f s, got %s"
                            % (count, names, timeout, got))
        m = con.expect_line(rx.pattern, left / TIMEOUT_SCALE)
        got[m.group(1)].append(int(m.group(2)))
    return got
