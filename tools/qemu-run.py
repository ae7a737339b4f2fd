#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Boot a Bulkhead layout in QEMU (virt, GICv3, EL2, SMMUv3) through U-Boot.

  qemu-run.py --layout demo                        interactive: Ctrl-A X quits
  qemu-run.py --layout two-hello --timeout 60 \\
      --expect '^\\[p0\\] tick 5' --expect '^\\[p1\\] tick 5'
                                                   scripted: exit 0 once every
                                                   --expect regex matched a line

The boot media come from `make`: $(O)/boot/<layout>/{disk.img,env.img}.
With --layout, the extra QEMU arguments in dts/<layout>.qemu (if present) are
added, then those after `--`. U-Boot
(-bios) reads its environment from pflash bank 1 (env.img), whose bootcmd
sources boot.scr from the virtio-mmio disk (disk.img); boot.scr loads Bulkhead,
the system DTB and the modules and runs booti. Both drives are opened with
snapshot=on: a run never changes the images, and runs do not share state.

The Qemu class is also the integration tests' console (tests/integration).
"""

import argparse
import os
import re
import shlex
import subprocess
import sys
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QEMU = "qemu-system-aarch64"
UBOOT = "/usr/lib/u-boot/qemu_arm64/u-boot.bin"
MACHINE = "virt,gic-version=3,virtualization=on,iommu=smmuv3"
CPU = "cortex-a57"


class QemuError(AssertionError):
    """A console expectation failed (timeout, QEMU exited, a fail pattern)."""


def build_dir():
    return os.environ.get("O") or os.environ.get("BULKHEAD_BUILD") or os.path.join(TOP, "build")


def boot_dir(layout, build=None):
    return os.path.join(build or build_dir(), "boot", layout)


def layout_qemu_args(layout, build=None):
    """Extra QEMU arguments a layout needs (a device on the PCIe bus, a disk):
    dts/<layout>.qemu beside dts/<layout>.dts, if there is one. Shell-like
    words (shlex), `#` starts a comment; {build} is the build directory,
    {top} the source tree. Returns a list (empty without the file)."""
    path = os.path.join(TOP, "dts", layout + ".qemu")
    if not os.path.isfile(path):
        return []
    with open(path, encoding="utf-8") as f:
        words = shlex.split(f.read(), comments=True)
    subst = {"build": os.path.abspath(build or build_dir()), "top": TOP}
    return [w.format(**subst) for w in words]


def qemu_command(boot, smp=4, memory="2G", icount=False, extra=()):
    """The QEMU command line that boots the media in directory @boot."""
    disk = os.path.join(boot, "disk.img")
    env = os.path.join(boot, "env.img")
    for f in (disk, env):
        if not os.path.isfile(f):
            raise FileNotFoundError("%s is missing: build it with `make` (boot media)" % f)
    cmd = [
        QEMU,
        "-M", MACHINE,
        "-cpu", CPU,
        "-smp", str(smp),
        "-m", memory,
        "-nographic",
        "-bios", UBOOT,
        "-drive", "if=pflash,unit=1,format=raw,snapshot=on,file=" + env,
        "-drive", "if=none,id=bootdisk,format=raw,snapshot=on,file=" + disk,
        # virtio-mmio (the first -device lands on the highest transport,
        # virtio_mmio@a003e00): PCIe is left to the partitions.
        "-device", "virtio-blk-device,drive=bootdisk",
        # No NIC: without this QEMU adds virtio-net-pci and wants efi-virtio.rom.
        "-net", "none",
    ]
    if icount:
        # Virtual time follows the instruction count (1 insn = 1 ns): for
        # benchmarks, not for tests that wait on wall-clock timeouts.
        cmd += ["-icount", "shift=0,sleep=off"]
    return cmd + list(extra)


class Qemu:
    """QEMU on a pty (pexpect), read line by line.

    Every console byte goes to @log. expect_line() waits for the next line
    matching a regex (lines are consumed: a line read while waiting for another
    regex is not matched again, but stays in .lines, without line endings, for
    seen() and index_of()). Lines matching any regex in .fail_patterns make
    the wait that reads them fail.
    """

    def __init__(self, cmd, log=None, timeout_scale=1.0):
        import pexpect  # Debian's python3-pexpect; only needed here

        self._pexpect = pexpect
        self.cmd = cmd
        self.lines = []
        self.fail_patterns = []
        self.timeout_scale = timeout_scale
        self.started = time.monotonic()
        self._log = open(log, "w", encoding="utf-8", errors="replace") if log else None
        if self._log:
            self._log.write("# %s\n" % " ".join(shlex.quote(c) for c in cmd))
            self._log.flush()
        self.child = pexpect.spawn(cmd[0], cmd[1:], encoding="utf-8", codec_errors="replace",
                                   echo=False, timeout=None, dimensions=(50, 250))
        self.child.logfile_read = self._log
        self.pid = self.child.pid

    # -- reading
    def _read_line(self, timeout):
        pexpect = self._pexpect
        idx = self.child.expect_exact(["\n", pexpect.TIMEOUT, pexpect.EOF],
                                      timeout=max(timeout, 0))
        if idx == 1:
            return None
        if idx == 2:
            raise QemuError("QEMU exited (status %s) while waiting%s" %
                            (self.child.exitstatus, self._tail()))
        line = self.child.before.replace("\r", "")
        self.lines.append(line)
        for pat in self.fail_patterns:
            if re.search(pat, line):
                raise QemuError("console line %r matches fail pattern %r%s" %
                                (line, pat, self._tail()))
        return line

    def _tail(self, n=25):
        if not self.lines:
            return "\n(no console output)"
        return "\n--- last console lines:\n" + "\n".join(self.lines[-n:])

    def expect_line(self, regex, timeout=30.0):
        """Waits (at most @timeout seconds, scaled) for a line matching @regex
        (re.search); returns the match. Raises QemuError on timeout."""
        rx = re.compile(regex)
        timeout *= self.timeout_scale
        deadline = time.monotonic() + timeout
        while True:
            line = self._read_line(deadline - time.monotonic())
            if line is None:
                raise QemuError("no console line matching %r within %.0f s%s" %
                                (regex, timeout, self._tail()))
            m = rx.search(line)
            if m:
                return m

    def expect_lines(self, regexes, timeout=30.0):
        """Waits until every regex matched a line, in any order; returns
        {regex: match}."""
        todo = {r: re.compile(r) for r in regexes}
        found = {}
        timeout *= self.timeout_scale
        deadline = time.monotonic() + timeout
        while todo:
            line = self._read_line(deadline - time.monotonic())
            if line is None:
                raise QemuError("no console lines matching %r within %.0f s%s" %
                                (sorted(todo), timeout, self._tail()))
            for r, rx in list(todo.items()):
                m = rx.search(line)
                if m:
                    found[r] = m
                    del todo[r]
        return found

    def expect_no_line(self, regex, within=1.0):
        """Reads for @within seconds (scaled); fails if a line matches @regex
        (already seen lines count too)."""
        rx = re.compile(regex)
        for line in self.lines:
            if rx.search(line):
                raise QemuError("unexpected console line %r%s" % (line, self._tail()))
        deadline = time.monotonic() + within * self.timeout_scale
        while True:
            try:
                line = self._read_line(deadline - time.monotonic())
            except QemuError:
                return  # QEMU gone: nothing more can appear
            if line is None:
                return
            if rx.search(line):
                raise QemuError("unexpected console line %r%s" % (line, self._tail()))

    def seen(self, regex, since=0):
        """Lines read so far (from index @since) that match @regex."""
        rx = re.compile(regex)
        return [line for line in self.lines[since:] if rx.search(line)]

    def index_of(self, regex, since=0):
        """Index in .lines of the first line (from @since) matching @regex, or -1.
        Partitions run in parallel, so their lines interleave in any order:
        wait with expect_lines() for a set, then check the order with this."""
        rx = re.compile(regex)
        for i in range(since, len(self.lines)):
            if rx.search(self.lines[i]):
                return i
        return -1

    def elapsed(self):
        return time.monotonic() - self.started

    # -- ending
    def close(self):
        """Kills QEMU (this pid only) and closes the log. Idempotent."""
        if self.child is not None:
            if self.child.isalive():
                self.child.terminate(force=True)
            self.child.close(force=True)
            self.child = None
        if self._log:
            self._log.close()
            self._log = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog="\n\n".join(__doc__.split("\n\n")[1:]),
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--layout", help="layout name: $(O)/boot/<layout>/")
    where.add_argument("--boot-dir", help="a directory with disk.img and env.img")
    ap.add_argument("--build-dir", help="build directory (default: $O, or build/)")
    ap.add_argument("--icount", action="store_true",
                    help="-icount shift=0,sleep=off: deterministic virtual time")
    ap.add_argument("--smp", type=int, default=4)
    ap.add_argument("--memory", default="2G")
    ap.add_argument("--timeout", type=float, help="seconds; scripted mode gives up after it")
    ap.add_argument("--expect", action="append", default=[], metavar="REGEX",
                    help="scripted mode: wait for a console line matching REGEX")
    ap.add_argument("--fail", action="append", default=[], metavar="REGEX",
                    help="scripted mode: fail at once on a line matching REGEX")
    ap.add_argument("--log", help="scripted mode: write the console to this file")
    ap.add_argument("--print-cmd", action="store_true", help="print the command and exit")
    ap.add_argument("qemu_args", nargs="*", help="extra QEMU arguments (after --)")
    args = ap.parse_args(argv)

    boot = args.boot_dir or boot_dir(args.layout, args.build_dir)
    extra = layout_qemu_args(args.layout, args.build_dir) if args.layout else []
    try:
        cmd = qemu_command(boot, args.smp, args.memory, args.icount, extra + args.qemu_args)
    except FileNotFoundError as e:
        print("qemu-run: %s" % e, file=sys.stderr)
        return 2
    if args.print_cmd:
        print(" ".join(shlex.quote(c) for c in cmd))
        return 0

    if not args.expect:
        # Interactive: QEMU owns the terminal. -nographic multiplexes the
        # serial console and the monitor on stdio: Ctrl-A X quits, Ctrl-A C
        # switches to the monitor and back, Ctrl-A H lists the keys.
        print("qemu-run: booting %s -- quit with Ctrl-A then X" % boot, file=sys.stderr)
        sys.stderr.flush()
        if args.timeout:
            return subprocess.call(["timeout", "--foreground", str(args.timeout)] + cmd)
        os.execvp(cmd[0], cmd)

    q = Qemu(cmd, log=args.log)
    q.child.logfile_read = _Tee(sys.stdout, q.child.logfile_read)
    q.fail_patterns = args.fail
    try:
        q.expect_lines(args.expect, args.timeout or 60.0)
        print("\nqemu-run: all %d expectation(s) met after %.1f s" %
              (len(args.expect), q.elapsed()), file=sys.stderr)
        return 0
    except QemuError as e:
        print("\nqemu-run: FAILED: %s" % str(e).split("\n")[0], file=sys.stderr)
        return 1
    finally:
        q.close()


class _Tee:
    def __init__(self, *outs):
        self.outs = [o for o in outs if o is not None]

    def write(self, s):
        for o in self.outs:
            o.write(s)

    def flush(self):
        for o in self.outs:
            o.flush()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
