#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""MISRA C:2012 gate: cppcheck's misra addon over the hypervisor's own sources.

  misra.py [--update] [--show RULE] [--baseline FILE] [--deviations FILE] [--build DIR]

Runs cppcheck --addon=misra on every .c file under arch core gic smmu
partitions lib boards (headers are checked through them), counts the findings
per rule, and compares with the committed baseline (tools/misra/baseline.txt):
the step fails if the total or any rule's count grew. Rules in the deviation
list (tools/misra/deviations.txt, each with its reason) are counted and shown
but not gated. --update rewrites the baseline (make misra-baseline): do it on
purpose, when counts fell or a change is accepted, and commit it. --show 15.1
lists where rule 15.1 is broken (file:line).

Python 3 standard library only; needs cppcheck (Debian's package has the
addon). The counts depend on cppcheck's version: the baseline records it and a
different one is reported.
"""

import argparse
import collections
import os
import re
import subprocess
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DIRS = ["arch", "core", "gic", "smmu", "partitions", "lib", "boards"]
HERE = os.path.join(TOP, "tools", "misra")
RULE = re.compile(r"^misra-c2012-(\d+\.\d+)$")


def sources():
    out = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"]
                         + DIRS, cwd=TOP, check=True, capture_output=True, text=True).stdout
    return sorted(f for f in out.split() if f.endswith(".c") and os.path.exists(
        os.path.join(TOP, f)))


def cppcheck_version():
    out = subprocess.run(["cppcheck", "--version"], capture_output=True, text=True).stdout
    return out.strip().replace("Cppcheck ", "")


def run_cppcheck(files, build):
    """({rule: count}, [(file, line, rule)]); only findings in the hypervisor's
    own files count."""
    autoconf = os.path.join(build, "include", "generated", "autoconf.h")
    cmd = ["cppcheck", "--addon=misra", "--quiet", "--std=c11", "-j2",
           "--template={file}\t{line}\t{id}", "-D__BULKHEAD__", "-D__aarch64__",
           "-I.", "-Ilib/libc/include", "--suppress=missingIncludeSystem"]
    if os.path.exists(autoconf):
        cmd.append("--include=" + autoconf)
    with tempfile.TemporaryDirectory() as tmp:
        cmd += ["--cppcheck-build-dir=" + tmp] + files
        res = subprocess.run(cmd, cwd=TOP, capture_output=True, text=True)
    if res.returncode != 0:
        sys.stderr.write(res.stderr)
        raise SystemExit("misra: cppcheck failed (exit %d)" % res.returncode)
    counts, where = collections.Counter(), []
    for line in res.stderr.splitlines():
        parts = line.split("\t")
        if len(parts) != 3:
            continue
        path, lineno, ident = parts
        m = RULE.match(ident)
        if m and os.path.normpath(path).split(os.sep)[0] in DIRS:
            counts[m.group(1)] += 1
            where.append((os.path.normpath(path), int(lineno), m.group(1)))
    return counts, sorted(set(where))


def rule_key(rule):
    return tuple(int(x) for x in rule.split("."))


def read_deviations(path):
    devs = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            rule, _, reason = line.partition(" ")
            if not reason.strip():
                raise SystemExit("misra: %s: rule %s has no reason" % (path, rule))
            devs[rule] = reason.strip()
    return devs


def read_baseline(path):
    counts, version = {}, None
    if not os.path.exists(path):
        return None, None
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line.startswith("# cppcheck "):
                version = line[len("# cppcheck "):]
            if not line or line.startswith("#"):
                continue
            rule, n = line.split()
            counts[rule] = int(n)
    return counts, version


def write_baseline(path, counts, version, devs):
    gated = {r: n for r, n in counts.items() if r not in devs}
    with open(path, "w") as f:
        f.write("# MISRA C:2012 findings per rule that may only fall (tools/misra/misra.py).\n")
        f.write("# Rewritten by `make misra-baseline`; deviated rules "
                "(deviations.txt) are not listed.\n")
        f.write("# cppcheck %s\n" % version)
        f.write("# total %d\n" % sum(gated.values()))
        for rule in sorted(gated, key=rule_key):
            f.write("%s %d\n" % (rule, gated[rule]))


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--update", action="store_true", help="rewrite the baseline")
    ap.add_argument("--show", metavar="RULE", help="list where RULE (e.g. 15.1) is broken")
    ap.add_argument("--baseline", default=os.path.join(HERE, "baseline.txt"))
    ap.add_argument("--deviations", default=os.path.join(HERE, "deviations.txt"))
    ap.add_argument("--build", default=os.environ.get("O", "build"),
                    help="build directory (its autoconf.h is used)")
    args = ap.parse_args(argv)

    devs = read_deviations(args.deviations)
    version = cppcheck_version()
    files = sources()
    counts, where = run_cppcheck(files, os.path.join(TOP, args.build))
    if args.show:
        for path, lineno, rule in where:
            if rule == args.show:
                print("%s:%d: misra-c2012-%s" % (path, lineno, rule))
        return 0
    gated = {r: n for r, n in counts.items() if r not in devs}
    deviated = {r: counts.get(r, 0) for r in devs}
    print("misra: %d files, cppcheck %s: %d findings, %d in deviated rules (%s), "
          "%d gated" % (len(files), version, sum(counts.values()), sum(deviated.values()),
                        " ".join("%s:%d" % (r, n) for r, n in
                                 sorted(deviated.items(), key=lambda x: rule_key(x[0]))),
                        sum(gated.values())))
    if args.update:
        write_baseline(args.baseline, counts, version, devs)
        print("misra: baseline written to %s" % os.path.relpath(args.baseline, TOP))
        return 0

    base, base_version = read_baseline(args.baseline)
    if base is None:
        print("misra: no baseline (%s): make misra-baseline" % args.baseline)
        return 1
    if base_version and base_version != version:
        print("misra: note: baseline made with cppcheck %s, this is %s" % (base_version,
                                                                            version))
    worse = [(r, base.get(r, 0), n) for r, n in gated.items() if n > base.get(r, 0)]
    better = [(r, n, gated.get(r, 0)) for r, n in base.items() if gated.get(r, 0) < n]
    for r, was, now in sorted(worse, key=lambda x: rule_key(x[0])):
        print("misra: rule %s: %d findings, baseline %d" % (r, now, was))
    total, base_total = sum(gated.values()), sum(base.values())
    if worse or total > base_total:
        print("misra: FAILED: %d gated findings (baseline %d); fix the new ones, or "
              "deviate the rule with a reason (tools/misra/deviations.txt)" % (total,
                                                                            base_total))
        print("misra: where: tools/misra/misra.py --show <rule>")
        return 1
    if better:
        print("misra: %d rule(s) fell below the baseline (%d -> %d): make misra-baseline "
              "to lock it in" % (len(better), base_total, total))
    print("misra: OK, %d gated findings (baseline %d)" % (total, base_total))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
