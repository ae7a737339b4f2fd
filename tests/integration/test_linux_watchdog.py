# SPDX-License-Identifier: GPL-2.0-only
"""Linux arms the emulated SBSA watchdog (busybox `watchdog`, Linux's sbsa_gwdt),
then crashes on purpose; Bulkhead sees the watchdog expire and restarts Linux
(dts/demo.dts: fault-policy "restart"), while the RTOS keeps running."""
import pytest

PROMPT = r"linux# "


@pytest.mark.layout("demo")
def test_hung_linux_is_restarted_by_its_watchdog(console):
    con = console
    con.expect_line(r"^\[linux\] linux: init ready$", timeout=120)
    con.child.expect(PROMPT, timeout=60)
    # Refresh every second, time out after 3 s (sbsa_gwdt: WS0 then WS1 = reset).
    con.child.send("watchdog -t 1 -T 3 /dev/watchdog && echo wd-armed\n")
    con.expect_line(r"^\[linux\] wd-armed$", timeout=60)
    con.child.send("echo c > /proc/sysrq-trigger\n")
    con.expect_line(r"^\[bulkhead\] partition 'linux' fault: watchdog expired", timeout=90)
    con.expect_line(r"^\[bulkhead\] partition 'linux' restarting \(watchdog\)$", timeout=10)
    con.expect_line(r"^\[linux\] linux: init ready$", timeout=120)
    # The RTOS went on reporting through all of it.
    before = len(con.seen(r"^\[rtos\] rtos: total misses="))
    con.expect_line(r"^\[rtos\] rtos: total misses=", timeout=30)
    assert len(con.seen(r"^\[rtos\] rtos: total misses=")) > before
    assert not con.seen(r"^\[bulkhead\] partition 'rtos' (stopped|restarting|failed)")
