# SPDX-License-Identifier: GPL-2.0-only
"""DMA isolation through the SMMUv3 (dts/dma-test.dts, dts/dma-test.qemu): the
'dmatest' partition owns the PCIe host bridge with QEMU's edu device on it and
makes the device DMA (guests/dmatest/dmatest.c):

- into its own RAM, by guest-physical address: the data must arrive (the SMMU
  translates guest-physical to physical like the CPUs' stage 2);
- into the victim's physical memory (0x54100000) and into Bulkhead's
  (0x40200000, where its load plan puts it), given as guest-physical
  addresses it does not own, writing and then reading: every transfer must be blocked and reported by Bulkhead, the
  victim's page must keep its checksum (the victim prints it with every tick),
  Bulkhead's image must be unchanged (read through QEMU's monitor and compared
  with build/bulkhead.bin), and what the device read must be neither;
- then it asks for a restart: its streams are aborted and attached again, and
  the next life sees the same; the second restart is over its restart-limit
  and leaves it FAILED.
"""

import json
import os
import re
import struct
import time

import pytest

from conftest import BUILD, QemuError, TIMEOUT_SCALE, expect_hypervisor, starting

VICTIM = 0x54100000
STREAM = 0x8  # edu at 00:01.0: requester ID = stream ID
SUM = r"sum 0x(?P<sum>[0-9a-f]{8})$"


def fault(addr, access):
    return (r"^\[bulkhead\] partition 'dmatest' DMA fault: F_\w+ stream 0x%x address 0x%x %s$"
            % (STREAM, addr, access))


def bulkhead_addr():
    """Where Bulkhead is loaded: the layout's load plan (bulkhead-check --plan)."""
    with open(os.path.join(BUILD, "boot", "dma-test", "plan.json")) as f:
        return json.load(f)["booti"]["kernel"]


def faults(hyp):
    """The four foreign transfers of one life, each reported once by Bulkhead."""
    return [fault(a, acc) for acc in ("write", "read") for a in (VICTIM, hyp)]


def monitor_words(con, addr, count):
    """Reads @count (a multiple of 4) 32-bit words at physical @addr through
    QEMU's monitor (Ctrl-A C switches the console to it and back), which prints
    four words a line. Retried: a partition's line may land in the middle of
    the monitor's."""
    for _ in range(3):
        con.child.send("\x01c")
        con.child.send("xp /%dwx 0x%x\r" % (count, addr))
        words = []
        try:
            for line in range(count // 4):
                m = con.expect_line(r"%016x:((?: 0x[0-9a-f]{8}){4})\s*$" % (addr + 16 * line),
                                    5)
                words += [int(w, 16) for w in m.group(1).split()]
        except QemuError:
            words = None
        con.child.send("\x01c")
        if words is not None:
            return words
    raise QemuError("no answer from QEMU's monitor to xp 0x%x" % addr)


def expect_round(con, hyp, since=0):
    """One life of dmatest: the edu found, its own DMA working, the four
    foreign transfers issued and blocked, then `dma: done`, in the guest's own
    order, and the four faults reported. Returns the index of the done line.

    The fault reports come from the SMMU's event-queue interrupt, on another
    core: nothing orders them against the guest's lines (nor, around a
    restart, against the next life's), so only their presence is checked here
    and their number at the end (expect_fault_counts)."""
    edu = r"^\[dmatest\] pci: edu at 00:01\.0 \(stream 0x8\), bar0 0x1\w+, id 0x010000ed$"
    own = (r"^\[dmatest\] dma: own memory: ok \(ipa 0x6\w+ -> device -> ipa 0x6\w+, "
           r"2048 bytes\)$")
    issued = [r"^\[dmatest\] dma: write 0x%x \(.*\): issued$" % a for a in (VICTIM, hyp)]
    blocked = [r"^\[dmatest\] dma: read 0x%x \(.*\): blocked$" % a for a in (VICTIM, hyp)]
    done = r"^\[dmatest\] dma: done$"
    guest = [edu, own] + issued + blocked + [done]
    # Lines of this round may already have been read while waiting for others.
    pending = [r for r in guest + faults(hyp) if con.index_of(r, since) < 0]
    if pending:
        con.expect_lines(pending, timeout=60)
    # The guest's own lines come from one vCPU: their order is its program order.
    order = [con.index_of(r, since) for r in guest]
    assert -1 not in order and order == sorted(order), "guest lines out of order: %s" % order
    return order[-1]


def expect_fault_counts(con, hyp, lives):
    """Each foreign transfer is reported in each life: waits until every fault
    has been seen @lives times, then checks that no other DMA fault was
    reported. (A transfer makes many event records, which the SMMU driver
    reports as one line and a count; records of one transfer drained more
    than 100 ms apart, on a loaded machine, make a second line: so "at least",
    not "exactly".)"""
    def count(rx):
        return len(con.seen(rx))
    want = faults(hyp)
    while any(count(rx) < lives for rx in want):
        con.expect_line(r"DMA fault", 30)
    other = [x for x in con.seen(r"DMA fault") if not any(re.search(rx, x) for rx in want)]
    assert not other, "unexpected DMA fault reports: %s" % other


@pytest.mark.layout("dma-test")
def test_dma_confined_to_own_memory(console):
    con = console
    hyp = bulkhead_addr()
    t0 = time.monotonic()
    expect_hypervisor(con)
    confined = (r"^\[bulkhead\] partition 'dmatest': DMA confined to its memory "
                r"\(SMMU stage (1, \d+ table page\(s\)|2)\)$")
    page = r"^\[victim\] victim: page ipa 0x40100000 " + SUM
    found = con.expect_lines([confined, starting("dmatest"), starting("victim"), page],
                             timeout=60)
    done = expect_round(con, hyp)
    first_round = time.monotonic() - t0

    # SYSTEM_RESET: its streams abort, and are attached again for the next
    # life, which must see the same; the second reset is over its limit. The
    # next life's lines are found after the first life's done line (the same
    # source), not after Bulkhead's restart line (another one).
    restarting = r"^\[bulkhead\] partition 'dmatest' restarting \(PSCI SYSTEM_RESET\)$"
    expect_round(con, hyp, done + 1)
    con.expect_lines([r for r in (
        restarting, r"^\[bulkhead\] partition 'dmatest' failed \(restart limit reached\)$",
        # its core parks: the SMMU's interrupts go to the victim's
        r"^\[bulkhead\] SMMU interrupts moved to core 1 \(partition 'victim'\)$")
        if not con.seen(r)], timeout=30)
    assert len(con.seen(restarting)) == 1
    expect_fault_counts(con, hyp, 2)

    # Faults name only the attacker's stream, and only foreign addresses.
    for line in con.seen(r"DMA fault"):
        assert re.search(r"partition 'dmatest' DMA fault: F_\w+ stream 0x8 address "
                         r"0x(5410|4020)0\w\w\w (read|write)$", line), line

    # The victim's page: the same checksum before, during and five ticks after.
    first = found[page].group("sum")
    for _ in range(5):
        con.expect_line(r"^\[victim\] tick \d+ " + SUM, 10)
    sums = [re.search(SUM, line).group("sum") for line in con.seen(r"^\[victim\] tick ")]
    assert set(sums) == {first}, "the victim's page changed: %s" % sorted(set(sums))

    # Bulkhead's image is what U-Boot loaded: the first 64 bytes, read by QEMU.
    with open(os.path.join(BUILD, "bulkhead.bin"), "rb") as f:
        image = list(struct.unpack("<16I", f.read(64)))
    assert monitor_words(con, hyp, 16) == image
    print("dma-test: first round done %.1f s after QEMU started, test %.1f s"
          % (first_round, time.monotonic() - t0))
