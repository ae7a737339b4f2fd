# SPDX-License-Identifier: GPL-2.0-only
"""Shared-memory channels (dts/channel.dts, guests/channel/changuest.c): two
bare-metal partitions ping-pong a sequence number through a channel's
payload and its doorbells, a fixed count of round trips; the reader of a
read-only channel reads what the other wrote, then its write faults (stage-2
permission fault, fault policy "stop") while its peer keeps running."""

import re

import pytest

from conftest import expect_hypervisor, starting, ticks
from guest_report import expect_report


def done(partition):
    return r"^\[%s\] chan: done passed=\d+ failed=0$" % partition


def check_report(con, partition, checks):
    """The report of @partition, whose done line was already awaited (with
    others, in any order: lines of two partitions may come either way)."""
    head = r"^\[%s\] chan: " % partition
    assert not con.seen(head + "FAIL "), con.seen(head + "FAIL ")
    passed = {re.search(head + r"PASS (\S+)$", line).group(1)
              for line in con.seen(head + r"PASS \S+$")}
    missing = [c for c in checks if c not in passed]
    assert not missing, "%s: checks that did not pass: %s" % (partition, missing)

COUNT = 1000
CHECKS = ["device-tree", "gic", "channel", "header", "peer-up", "ping-pong", "doorbells",
          "log-read-only", "log-read"]
WRITE = r"^\[ping\] chan: writing to the read-only channel at 0x(?P<ipa>[0-9a-f]+)$"
FAULT = (r"^\[bulkhead\] partition 'ping' fault: stage-2 write "
         r"at IPA 0x(?P<ipa>[0-9a-f]+)")
STOPPED = r"^\[bulkhead\] partition 'ping' stopped\b"
CHANNEL = (r"^\[bulkhead\] channel 0 'chan' \(/chosen/bulkhead/channel-chan\): "
           r"0x[0-9a-f]+-0x[0-9a-f]+ \(64 KiB, placed by Bulkhead\)$")


@pytest.mark.layout("channel")
def test_ping_pong_then_read_only_write_faults(console):
    expect_hypervisor(console)
    console.expect_lines([starting("ping"), starting("pong")], timeout=30)
    assert console.seen(CHANNEL), "the boot table prints the channel"
    expect_report(console, "ping", "chan", CHECKS, timeout=120)
    rt = console.seen(r"^\[ping\] chan: round trip \d+ ticks over %d$" % COUNT)
    assert rt, "no round-trip line"
    found = console.expect_lines([WRITE, FAULT, STOPPED], timeout=30)
    # The faulting address is the one the guest wrote: the read-only payload.
    assert int(found[FAULT].group("ipa"), 16) == int(found[WRITE].group("ipa"), 16)
    assert console.index_of(FAULT) < console.index_of(STOPPED)
    assert not console.seen(r"^\[ping\] chan: FAIL")
    # pong is untouched: it never reported a failure and is still running.
    assert not console.seen(r"^\[pong\] chan: FAIL")
    assert not console.seen(r"^\[bulkhead\] partition 'pong' (fault|stopped)")


@pytest.mark.layout("channel-flood")
def test_flooding_endpoint_starves_nobody(console):
    """'flood' rings 'victim' without pause: the victim's doorbells coalesce
    (never more interrupts than rings), it still reaches its 50 timer ticks,
    and 'bystander', a third partition with no channel, keeps ticking."""
    expect_hypervisor(console)
    console.expect_lines([starting("flood"), starting("victim"), starting("bystander"),
                          r"^\[flood\] chan: flooding$"], timeout=30)
    expect_report(console, "victim", "chan",
                  ["device-tree", "gic", "channel", "header", "peer-up", "flooded"], timeout=120)
    m = re.search(r"(\d+) rings coalesced into (\d+) interrupts",
                  console.seen(r"^\[victim\] chan: \d+ rings coalesced")[0])
    assert 0 < int(m.group(2)) <= int(m.group(1))
    got = ticks(console, ["bystander"], count=10, timeout=60)["bystander"]
    assert got == list(range(got[0], got[0] + len(got))), "bystander ticked %s" % got
    assert not console.seen(r"^\[bulkhead\] partition '\w+' (fault|stopped)")


@pytest.mark.layout("channel-restart")
def test_channel_survives_an_endpoint_restart(console):
    """'restarter' leaves a word in the payload and restarts (PSCI
    SYSTEM_RESET): 'watcher' sees its state word come back with generation 2
    and gets a doorbell; the restarted endpoint finds its word kept."""
    expect_hypervisor(console)
    console.expect_lines([starting("watcher"), starting("restarter"),
                          r"^\[restarter\] chan: restarting \(generation 1\)$",
                          r"^\[bulkhead\] partition 'restarter' restarting",
                          done("watcher"), done("restarter")], timeout=120)
    check_report(console, "watcher", ["device-tree", "gic", "channel", "header", "peer-up",
                                      "peer-restarted", "restart-doorbell"])
    check_report(console, "restarter", ["restarted", "region-kept"])


@pytest.mark.layout("channel-ring")
def test_message_ring_delivers_everything_in_order(console):
    """'tx' sends 20000 32-byte messages through a single-producer
    single-consumer ring in the payload (guests/lib/chanring.c), ringing
    only when the ring turns non-empty or non-full; 'rx' checks each byte."""
    expect_hypervisor(console)
    console.expect_lines([starting("tx"), starting("rx")], timeout=30)
    console.expect_lines([done("rx"), done("tx")], timeout=120)
    checks = ["device-tree", "gic", "channel", "header", "peer-up", "ring"]
    check_report(console, "rx", checks + ["received"])
    check_report(console, "tx", checks + ["sent"])
    m = re.search(r"ring 20000 messages of 32 bytes, \d+ ticks per 100 messages, "
                  r"(\d+) times full, (\d+) doorbells",
                  console.seen(r"^\[tx\] chan: ring ")[0])
    # Doorbells only on transitions: far fewer than one per message.
    assert int(m.group(2)) < 20000


@pytest.mark.layout("channel-smp")
def test_bare_metal_reference_runs_under_bulkhead(console):
    """The bare-metal reference of the round trip (guests/channel/smpping.c:
    two cores, shared memory + SGI) passes under Bulkhead too."""
    expect_hypervisor(console)
    console.expect_lines([starting("smp"), done("smp")], timeout=120)
    check_report(console, "smp", ["device-tree", "gic", "cpu-on", "ping-pong"])
    assert console.seen(r"^\[smp\] chan: smp round trip \d+ ticks over 1000$")


@pytest.mark.layout("channel-hdr")
def test_store_pair_to_header_faults(console):
    """A write the syndrome cannot describe (STP, ISV = 0) to the read-only
    header is a stage-2 fault at its address: never dropped as a flash bank's."""
    expect_hypervisor(console)
    console.expect_lines([starting("ping"), starting("pong")], timeout=30)
    write = r"^\[ping\] chan: writing a pair to the header at 0x(?P<ipa>[0-9a-f]+)$"
    fault = r"^\[bulkhead\] partition 'ping' fault: stage-2 write at IPA 0x(?P<ipa>[0-9a-f]+)"
    found = console.expect_lines([write, fault, STOPPED], timeout=120)
    assert int(found[fault].group("ipa"), 16) == int(found[write].group("ipa"), 16)
    assert not console.seen(r"^\[ping\] chan: FAIL")
    assert not console.seen(r"^\[bulkhead\] partition 'pong' (fault|stopped)")
