# SPDX-License-Identifier: GPL-2.0-only
"""Invalid layouts are rejected at boot, before any partition starts.

Samples: the files listed in tests/invalid-dt/boot-sample.txt (the invalid-DT
corpus; each has `// expect: error: <text>` as its first line), or, without
that list, tests/integration/invalid/*.dts. tests/build.mk builds their boot
media into build/boot/invalid/<stem>/ (the same rule as here)."""

import glob
import os
import re

import pytest

from conftest import TOP, expect_hypervisor

SAMPLE_LIST = os.path.join(TOP, "tests", "invalid-dt", "boot-sample.txt")
FALLBACK = os.path.join(TOP, "tests", "integration", "invalid")


def samples():
    if os.path.exists(SAMPLE_LIST):
        with open(SAMPLE_LIST) as f:
            names = [line.split("#")[0].strip() for line in f]
        stems = [os.path.splitext(os.path.basename(n))[0] for n in names if n]
        paths = [os.path.join(TOP, "tests", "invalid-dt", s + ".dts") for s in stems]
    else:
        paths = sorted(glob.glob(os.path.join(FALLBACK, "*.dts")))
    out = []
    for path in paths:
        with open(path) as f:
            first = f.readline()
        m = re.match(r"^//\s*expect:\s*(?:error:\s*)?(.*?)\s*$", first)
        stem = os.path.splitext(os.path.basename(path))[0]
        out.append(pytest.param(stem, m.group(1) if m else None, id=stem))
    return out


@pytest.mark.parametrize("stem,expected", samples())
def test_invalid_layout_rejected(boot, stem, expected):
    assert expected, "tests/invalid-dt/%s.dts: first line must be // expect: error: <text>" % stem
    con = boot("invalid/" + stem)
    # A partition starting is a failure, whenever it shows up.
    con.fail_patterns.append(r"^\[bulkhead\] partition '[^']*' starting")
    expect_hypervisor(con)
    con.expect_line(r"^\[bulkhead\] error: %s\s*$" % re.escape(expected), timeout=30)
    m = con.expect_line(r"^\[bulkhead\] layout rejected: (\d+) error\(s\), no partition started",
                        timeout=30)
    assert int(m.group(1)) >= 1
    errors = con.seen(r"^\[bulkhead\] error: ")
    assert len(errors) == int(m.group(1)), "error count %s, error lines %s" % (m.group(1), errors)
    # Nothing may start after the rejection either (a short bounded look).
    con.expect_no_line(r"partition '[^']*' starting", within=1.0)
