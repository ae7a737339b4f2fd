# SPDX-License-Identifier: GPL-2.0-only
"""The test-report protocol of the test guests (guests/lib/report.h):

    [<partition>] <prefix>: PASS <check>
    [<partition>] <prefix>: FAIL <check>: <what was seen>
    [<partition>] <prefix>: done passed=<n> failed=<m>

expect_report() waits for the done line and returns the checks that passed;
it fails the test with every FAIL line, and when a check in @checks did not
pass or the counts disagree with the lines.
"""

import re


def expect_report(con, partition, prefix, checks=(), timeout=60.0):
    head = r"^\[%s\] %s: " % (re.escape(partition), re.escape(prefix))
    done = con.expect_line(head + r"done passed=(?P<passed>\d+) failed=(?P<failed>\d+)$",
                           timeout)
    failed = con.seen(head + r"FAIL ")
    assert not failed, "%s checks failed:\n%s" % (prefix, "\n".join(failed))
    passed = [re.search(head + r"PASS (\S+)$", line).group(1)
              for line in con.seen(head + r"PASS \S+$")]
    missing = [c for c in checks if c not in passed]
    assert not missing, "%s checks that did not pass: %s" % (prefix, missing)
    assert int(done.group("passed")) == len(passed) and int(done.group("failed")) == 0, \
        "%s: the done line disagrees with the PASS lines: %s" % (prefix, done.group(0))
    return passed
