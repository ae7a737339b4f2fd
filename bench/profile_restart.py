#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""The cost of one partition restart at EL2, instruction by instruction
(docs/performance.md, issue 13's restart figure):

    O=build bench/profile_restart.py [restarts]

Boots dts/lifecycle-storm.dts with only its 'storm' partition (4 MiB,
lcguest mode=storm: PSCI SYSTEM_RESET at every boot) under the tracer of
bench/profile_irq.py (-icount, -singlestep, -d exec,nochain), and prints the
instructions of each restart episode (the winner's trap to its ERET into the
fresh guest: the one episode that runs mem_scrub) by function. The fixed part
is the total minus mem_scrub. About 30 s.
"""

import os
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import profile_irq  # noqa: E402
import run  # noqa: E402
import scaling  # noqa: E402


def storm_only():
    with open(os.path.join(run.TOP, "dts", "lifecycle-storm.dts")) as f:
        dts = f.read()
    a, b = dts.index("\t\t\tsentinel {"), dts.index("\t\t};\n\t};\n};")
    dts = dts[:a] + dts[b:]
    a = dts.index("\t\t\tsentinel_img:")
    return dts[:a] + dts[dts.index("\t\t\t};\n", a) + 5:]


def main(argv):
    restarts = int(argv[0]) if argv else 3
    run.STUB_ADDR = run.stub_addr()
    sym = profile_irq.Symbols(run.build_file("bulkhead.elf"))
    dtb, plan = scaling.build(run, "storm-only", storm_only())
    media = run.media_bulkhead("restart-profile", None, dtb_in=dtb, plan_path=plan)
    fifo = os.path.join(run.OUT, "profile", "exec-restart.fifo")
    os.makedirs(os.path.dirname(fifo), exist_ok=True)
    if os.path.exists(fifo):
        os.unlink(fifo)
    os.mkfifo(fifo)
    agg = profile_irq.Aggregator(sym)
    episodes = []
    close = agg._close

    def close_episode(cpu):
        ep = agg.episode.get(cpu)
        if ep and any(sym.name(pc) == "mem_scrub" for pc in ep[1]):
            episodes.append(dict(ep[1]))
        close(cpu)

    agg._close = close_episode

    def reader():
        with open(fifo, "r", errors="replace", buffering=1 << 20) as f:
            for line in f:
                agg.feed(line)

    t = threading.Thread(target=reader, daemon=True)
    t.start()
    extra = ["-singlestep", "-d", "exec,nochain",
             "-dfilter", "0x%x..0x%x" % (sym.text_start, sym.text_end - 1), "-D", fifo]
    q = run.qemu_run.Qemu(media.command(extra, True),
                          log=os.path.join(run.LOGS, "restart-profile.log"))
    try:
        for _ in range(restarts):
            q.expect_line(r"partition 'storm' restarting", 600)
        q.expect_line(r"lcguest: storm boot", 600)
    finally:
        q.close()
    t.join(60)
    os.unlink(fifo)
    if not episodes:
        print("no restart episode traced", file=sys.stderr)
        return 1
    last = episodes[-1]
    total = sum(last.values())
    funcs = profile_irq._functions(sym, last)
    scrub = sum(k for f, k in funcs if f == "mem_scrub")
    print("restart of a 4 MiB partition: %s instructions at EL2 (%d episodes: %s); "
          "mem_scrub %s, fixed part %s" % (
              "{:,}".format(total), len(episodes),
              ", ".join("{:,}".format(sum(e.values())) for e in episodes),
              "{:,}".format(int(scrub)), "{:,}".format(int(total - scrub))))
    for f, k in funcs[:20]:
        print("  %9d %5.1f %%  %s" % (k, 100.0 * k / total, f))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
