# SPDX-License-Identifier: GPL-2.0-only
"""The demo with Debian's PREEMPT_RT kernel in the Linux partition
(dts/demo-rt.dts, build/linux/Image-rt), under -icount like test_demo.py: it
boots to its shell on its two cores, and the RTOS beside it keeps its
deadlines meanwhile."""

from conftest import expect_hypervisor, starting
from test_demo import DEMO_FAIL, LinuxShell, assert_rtos_clean, wait_reports


def test_preempt_rt_linux_boots_beside_the_rtos(boot):
    con = boot("demo-rt", icount=True, fail_patterns=DEMO_FAIL)
    expect_hypervisor(con)
    marker = r"^\[linux\] linux: kernel=(?P<release>\S+)$"
    config = r"^\[rtos\] rtos: config .*time_scale=(?P<scale>\d+) "
    found = con.expect_lines([starting("linux"), starting("rtos"), config,
                              r"^\[linux\] linux: cpus=2 mem_kb=\d+$", marker], timeout=180)
    assert found[marker].group("release").endswith("-rt-arm64"), found[marker].group(0)
    sh = LinuxShell(con)
    sh.ready()
    version = sh.run("uname -v")
    assert "PREEMPT_RT" in version[0], version
    assert sh.run("cat /sys/kernel/realtime") == ["1"]
    assert sh.run("cat /sys/devices/system/cpu/online") == ["0-1"]

    reports = wait_reports(con, 2, 0, timeout=60)
    scale = int(found[config].group("scale"))
    assert_rtos_clean(reports, "while PREEMPT_RT Linux booted", scale / 2)
    print("RTOS beside PREEMPT_RT Linux:", reports[-1].summary())
