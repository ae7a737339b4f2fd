#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Debug a Bulkhead layout in QEMU with gdb (make debug LAYOUT=<name>).

  debug.py qemu --layout two-hello [--port N]   QEMU halted at reset with its gdb
                                                server on 127.0.0.1:N (default: a
                                                free port from 1234 up); writes
                                                $(O)/debug/<layout>.gdb
  debug.py gdb --layout two-hello [--port N]    gdb-multiarch with that script
  debug.py gdbinit --layout two-hello --port N  only write (and print) the script

The script loads bulkhead.elf's symbols (Bulkhead runs at its link address,
EL2 stage 1 is an identity map) and, for each partition whose module has an
ELF beside it (build/guests/hello.bin -> hello.elf), an `add-symbol-file`
that puts the ELF's entry at the partition's entry IPA, the address
bulkhead-check prints for the layout ("entry ipa ..."). A guest runs at EL1
with its MMU off at first, so its addresses are IPAs, and QEMU's gdb
breakpoints (hbreak or break: both are checked by the emulator, memory is not
patched) stop at them on whichever core runs that partition. See
docs/debugging.md.
"""

import argparse
import os
import re
import socket
import struct
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GDB = "gdb-multiarch"


def build_dir():
    return os.environ.get("O", "build")


def path(*parts):
    b = build_dir()
    return os.path.join(b if os.path.isabs(b) else os.path.join(TOP, b), *parts)


def free_port(start=1234, tries=200):
    """The first port from @start that 127.0.0.1 can listen on."""
    for port in range(start, start + tries):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue
    raise SystemExit("debug: no free TCP port from %d" % start)


def partitions(layout):
    """[(name, entry IPA, kernel file)] from bulkhead-check's table of the layout."""
    out = subprocess.run([path("tools", "bulkhead-check"), path("dts", layout + ".dtb")],
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit("debug: bulkhead-check rejects %s:\n%s" % (layout, out.stdout))
    parts, cur = [], None
    for line in out.stdout.splitlines():
        m = re.match(r"^partition \d+ '([^']+)'", line)
        if m:
            cur = [m.group(1), None, None]
            parts.append(cur)
        m = re.search(r'kernel \S+ "([^"]+)"', line)
        if m and cur:
            cur[2] = m.group(1)
        m = re.search(r"entry ipa (0x[0-9a-f]+)", line)
        if m and cur:
            cur[1] = int(m.group(1), 16)
    return [tuple(p) for p in parts]


def elf_entry(elf):
    """e_entry of a 64-bit little-endian ELF."""
    with open(elf, "rb") as f:
        head = f.read(32)
    if head[:4] != b"\x7fELF" or head[4] != 2:
        raise SystemExit("debug: %s is not a 64-bit ELF" % elf)
    return struct.unpack_from("<Q", head, 24)[0]


def guest_elf(kernel):
    """The ELF with a module's symbols: <name>.elf beside <name>.bin, if built."""
    if not kernel:
        return None
    stem = os.path.splitext(kernel)[0]
    for d in (path("guests"), path()):
        elf = os.path.join(d, stem + ".elf")
        if os.path.isfile(elf):
            return elf
    return None


def gdbinit(layout, port):
    lines = [
        "# gdb script for layout %s: tools/debug.py (make debug). docs/debugging.md" % layout,
        "set pagination off",
        "set confirm off",
        "file %s" % path("bulkhead.elf"),
        "target remote 127.0.0.1:%d" % port,
    ]
    seen = set()
    for name, entry, kernel in partitions(layout):
        elf = guest_elf(kernel)
        lines.append("# partition %s: entry IPA 0x%x, kernel %s" % (name, entry or 0, kernel))
        if elf and elf not in seen and entry is not None:
            seen.add(elf)
            lines.append("add-symbol-file %s -o 0x%x" % (elf, entry - elf_entry(elf)))
    return "\n".join(lines) + "\n"


def write_gdbinit(layout, port):
    out = path("debug", layout + ".gdb")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w") as f:
        f.write(gdbinit(layout, port))
    return out


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog="\n\n".join(__doc__.split("\n\n")[1:]),
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cmd", choices=("qemu", "gdb", "gdbinit"))
    ap.add_argument("--layout", required=True)
    ap.add_argument("--port", type=int, help="gdb server port (default: free from 1234)")
    args = ap.parse_args(argv)

    if args.cmd == "gdb":
        script = path("debug", args.layout + ".gdb")
        if args.port or not os.path.isfile(script):
            script = write_gdbinit(args.layout, args.port or 1234)
        os.execvp(GDB, [GDB, "-q", "-x", script])
    port = args.port or free_port()
    script = write_gdbinit(args.layout, port)
    if args.cmd == "gdbinit":
        sys.stdout.write(open(script).read())
        return 0
    print("debug: QEMU halted at reset, gdb server on 127.0.0.1:%d.\n"
          "debug: in another terminal: make debug-gdb LAYOUT=%s   (or %s -x %s)\n"
          "debug: Ctrl-A then C switches to the QEMU monitor; Ctrl-A then X quits."
          % (port, args.layout, GDB, script), file=sys.stderr)
    qemu_run = os.path.join(TOP, "tools", "qemu-run.py")
    os.execv(sys.executable, [sys.executable, qemu_run, "--layout", args.layout, "--",
                              "-gdb", "tcp:127.0.0.1:%d" % port, "-S"])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
