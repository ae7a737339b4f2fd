# SPDX-License-Identifier: GPL-2.0-only
"""Stage-2 isolation (dts/isolation.dts, dts/isolation-write.dts): an attacker
partition touches the victim's physical memory (0x50000000) at the same
guest-physical address, outside its own RAM. Bulkhead must report the stage-2
fault, stop the attacker, and leave the victim running."""

import re

import pytest

from conftest import expect_hypervisor, starting, ticks

VICTIM_PHYS = 0x50000000
FAULT = (r"^\[bulkhead\] partition 'attacker' fault: stage-2 (?P<mode>read|write) "
         r"at IPA 0x(?P<ipa>[0-9a-fA-F]+)")
STOPPED = r"^\[bulkhead\] partition 'attacker' stopped\b"
# Table verification (docs/reliability.md): every partition's built stage 2 is
# walked and checked against the layout before any partition starts.
VERIFIED = (r"^\[bulkhead\] partition '%s': stage-2 verified: \d+ block\(s\)/page\(s\), "
            r"(?P<pages>\d+) page\(s\) of 4 KiB")
TABLES_OK = r"^\[bulkhead\] tables verified in \d+ us"


@pytest.mark.parametrize("layout,mode", [("isolation", "read"), ("isolation-write", "write")],
                         ids=["read", "write"])
def test_attacker_faults_and_victim_keeps_running(boot, layout, mode):
    con = boot(layout)  # any line with ESCAPED fails the test at once
    expect_hypervisor(con)
    attack = r"^\[attacker\] attack: %s 0x%x$" % (mode, VICTIM_PHYS)
    found = con.expect_lines([starting("victim"), starting("attacker"), attack, FAULT, STOPPED],
                             timeout=30)
    m = found[FAULT]
    assert m.group("mode") == mode
    for name in ("victim", "attacker"):
        v = con.seen(VERIFIED % name)
        assert len(v) == 1, "no table verification line for %s" % name
        assert int(re.search(VERIFIED % name, v[0]).group("pages")) == 0x4000, v[0]  # 64 MiB
        assert 0 <= con.index_of(VERIFIED % name) < con.index_of(TABLES_OK) < \
            con.index_of(starting(name))
    assert int(m.group("ipa"), 16) == VICTIM_PHYS
    # Bulkhead's own lines keep their order; the attacker's line and Bulkhead's
    # about it are of two sources, which the console may interleave either way.
    assert con.index_of(FAULT) < con.index_of(STOPPED)

    # The victim keeps its pace after the attacker is gone.
    before = [int(line.split()[-1]) for line in con.seen(r"^\[victim\] tick \d+$")]
    got = ticks(con, ["victim"], count=5, timeout=30)["victim"]
    assert got == list(range(got[0], got[0] + len(got))), "victim ticked %s" % got
    assert not before or got[0] == before[-1] + 1

    # The attack was the attacker's last line: nothing after it, in its own order.
    mine = con.seen(r"^\[attacker\] ")
    assert re.search(attack, mine[-1]), "the stopped attacker still prints: %s" % mine
    assert not con.seen(r"ESCAPED")
    assert con.seen(r"^\[victim\] hello from victim on vcpu 0$")
