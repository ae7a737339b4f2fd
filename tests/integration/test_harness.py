# SPDX-License-Identifier: GPL-2.0-only
"""The console harness itself (tools/qemu-run.py's Qemu class, conftest
helpers), driven by a shell script standing in for QEMU: fast, no QEMU."""

import os
import time

import pytest

from conftest import QemuError, qemu_run, ticks


def fake(tmp_path, script):
    """A stand-in for QEMU that prints @script's output on the pty."""
    return qemu_run.Qemu(["sh", "-c", script], log=str(tmp_path / "console.log"))


def test_lines_interleave_in_any_order(tmp_path):
    with fake(tmp_path, r"printf 'U-Boot\r\n[p1] tick 1\r\n[p0] hello\r\n[p0] tick 1\r\n"
                        r"[p1] tick 2\r\n[p0] tick 2\r\n'; sleep 20") as con:
        start = len(con.lines)
        found = con.expect_lines([r"^\[p0\] hello$", r"^U-Boot$"], timeout=10)
        assert set(found) == {r"^\[p0\] hello$", r"^U-Boot$"}
        assert con.index_of(r"^U-Boot$") < con.index_of(r"^\[p0\] hello$")
        # [p1] tick 1 was read (consumed) while waiting; since= counts it.
        got = ticks(con, ["p0", "p1"], count=2, timeout=10, since=start)
        assert got == {"p0": [1, 2], "p1": [1, 2]}
    with open(tmp_path / "console.log") as f:
        assert "[p0] hello" in f.read()


def test_timeout_is_bounded(tmp_path):
    with fake(tmp_path, "sleep 30") as con:
        t0 = time.monotonic()
        with pytest.raises(QemuError, match="no console line matching"):
            con.expect_line("never", timeout=0.5)
        assert time.monotonic() - t0 < 5


def test_fail_pattern_fails_at_once(tmp_path):
    with fake(tmp_path, r"printf 'attack: read\r\nESCAPED: read 0x50000000 = 0x0\r\n'; "
                        "sleep 30") as con:
        con.fail_patterns = ["ESCAPED"]
        with pytest.raises(QemuError, match="fail pattern"):
            con.expect_line("stopped", timeout=20)


def test_exit_is_reported(tmp_path):
    with fake(tmp_path, r"printf 'bye\r\n'") as con:
        con.expect_line("^bye$", timeout=10)
        with pytest.raises(QemuError, match="exited"):
            con.expect_line("more", timeout=10)


def test_no_line_checks_past_and_window(tmp_path):
    with fake(tmp_path, r"printf 'a\r\n'; sleep 0.3; printf 'late starting\r\n'; "
                        "sleep 30") as con:
        con.expect_line("^a$", timeout=10)
        con.expect_no_line("^a-not-there$", within=0.1)
        with pytest.raises(QemuError, match="unexpected"):
            con.expect_no_line("starting", within=5)


def test_close_kills_the_process(tmp_path):
    con = fake(tmp_path, "sleep 60")
    pid = con.pid
    con.close()
    con.close()  # idempotent
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
