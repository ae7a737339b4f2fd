#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Boot the Linux guest on bare QEMU (no hypervisor) and talk to its shell.

    /usr/bin/python3 guests/linux/boot_check.py [--kernel build/linux/Image]
        [--initrd build/linux/initramfs.cpio.gz] [--append "..."] [--timeout 60]

Waits for the /init markers and the prompt, runs a few commands, checks the
answers, powers the guest off and prints the wall time to each step.
Exit status 0 when everything was seen.
"""
import argparse
import re
import sys
import time

import pexpect

PROMPT = "linux# "


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kernel", default="build/linux/Image")
    ap.add_argument("--initrd", default="build/linux/initramfs.cpio.gz")
    ap.add_argument("--append", default="", help="added to the kernel command line")
    ap.add_argument("--smp", default="2")
    ap.add_argument("--mem", default="512M")
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--log", help="write the console output to this file")
    args = ap.parse_args()

    cmdline = ("console=ttyAMA0 rdinit=/init " + args.append).strip()
    qemu = [
        "-M", "virt,gic-version=3,virtualization=on", "-cpu", "cortex-a57",
        "-smp", args.smp, "-m", args.mem, "-nographic", "-net", "none",
        "-kernel", args.kernel, "-initrd", args.initrd, "-append", cmdline,
    ]
    # timeout(1) bounds QEMU even if this script dies.
    t0 = time.monotonic()
    child = pexpect.spawn("timeout", [str(int(args.timeout) + 5), "qemu-system-aarch64"] + qemu,
                          encoding="utf-8", codec_errors="replace", timeout=args.timeout)
    if args.log:
        child.logfile_read = open(args.log, "w", encoding="utf-8")
    ok = False
    try:
        def stamp(what):
            print(f"{time.monotonic() - t0:6.2f} s  {what}")

        # (with "quiet" the kernel prints nothing before /init)
        if child.expect([r"Linux version (\S+) ", r"linux: init ready\r*\n"]) == 0:
            stamp(f"kernel {child.match.group(1)}")
            child.expect(r"linux: init ready\r*\n")
        stamp("linux: init ready")
        child.expect(r"linux: cpus=(\d+) mem_kb=(\d+)\r*\n")
        cpus, mem_kb = int(child.match.group(1)), int(child.match.group(2))
        stamp(f"linux: cpus={cpus} mem_kb={mem_kb}")
        child.expect(r"linux: kernel=(\S+)\r*\n")
        stamp(f"linux: kernel={child.match.group(1)}")
        child.expect_exact(PROMPT)
        stamp("prompt")

        def run(cmd, expect):
            child.sendline(cmd)
            child.expect(expect)
            m = child.match
            child.expect_exact(PROMPT)
            return m

        run("echo answer=$((6 * 7))", r"answer=42")
        m = run("nproc; grep -c ^processor /proc/cpuinfo", r"(\d+)\r*\n(\d+)\r*\n")
        assert int(m.group(2)) == cpus, "cpus marker does not match /proc/cpuinfo"
        run("echo abc | md5sum", r"0bee89b07a248e27c83fc3d5951213c1")
        run("tty; echo job control: $-", r"/dev/ttyAMA0\r*\njob control: \S*m")
        run("sleep 1 & jobs", r"\[1\]\+? +Running")
        child.sendline("sleep 30")
        time.sleep(0.5)
        child.sendcontrol("c")  # the console is the controlling tty: ^C stops it
        child.expect_exact(PROMPT, timeout=5)
        run("cat /proc/cmdline", re.escape(cmdline))
        m = run("echo modules=$(lsmod | tail -n +2 | cut -d' ' -f1)", r"\nmodules=(.*)\r*\n")
        stamp(f"modules loaded: {m.group(1).strip() or '(none)'}")
        stamp("commands answered")
        child.sendline("poweroff")
        child.expect(pexpect.EOF)
        stamp("QEMU exited after poweroff")
        ok = True
    except (pexpect.TIMEOUT, pexpect.EOF, AssertionError) as e:
        print(f"FAILED: {type(e).__name__}: {e}".splitlines()[0])
        print("---- last output ----")
        print((child.before or "")[-2000:])
    finally:
        if child.isalive():
            child.terminate(force=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
