// SPDX-License-Identifier: GPL-2.0-only
/*
 * changuest: one endpoint of shared-memory channels (docs/design.md
 * "Channels"), on the guest library. It finds its channels in its device
 * tree (compatible "bulkhead,channel"), waits for its peer in the header
 * Bulkhead keeps, then plays its role (bootargs "role="):
 *
 *   ping   count=<n>: n round trips on the channel labelled "chan": write a
 *          sequence number in its word of the payload, ring, wait for the
 *          doorbell interrupt and the peer's echo. Then reads the word pong
 *          wrote in "log" (read-only to it), then (ro_write=1) writes to
 *          it: that write must fault (stage-2 permission fault, fault policy).
 *          hdr_write=1: after the round trips, a store pair to the header
 *          (read-only to both endpoints) instead: it must fault as well.
 *   pong   echoes every sequence number it finds on each doorbell, writes a
 *          word in "log", forever.
 *   flood  rings its peer as fast as it can, forever.
 *   victim ticks on its virtual timer (tick_ms=) while its peer floods it,
 *          counts its doorbell interrupts, and reports after ticks=<n>.
 *   restart on its first run writes RESTART_WORD and asks PSCI SYSTEM_RESET;
 *          after the restart (its own generation 2) finds the word kept.
 *   watch  sees its peer's state word go down and come back with the next
 *          generation, and a doorbell for it.
 *   tx     count=<n>: n 32-byte messages through a chanring (guests/lib/chanring.h) in
 *          the payload, ringing only on empty -> non-empty, waiting for a
 *          doorbell when full; reports ticks per message once rx has all.
 *   rx     count=<n>: receives them, checks their order and contents.
 *
 * The payload's words (each written by one side only, so no atomics: the
 * guests run with their MMU off, where memory is Device-nGnRnE and
 * exclusives are not guaranteed):
 *   +0x00  PING_SEQ  written by ping     +0x40  PONG_SEQ  written by pong
 *   "log" channel: +0x00 LOG_WORD written by pong (LOG_MAGIC)
 *
 * Report lines (guest_report.py): "chan: PASS <check>", "chan: done ...";
 * and "chan: round trip <ticks> ticks over <n>" for the benchmark.
 */
#include <guests/lib/chan.h>
#include <guests/lib/gic.h>
#include <guests/lib/mmio.h>
#include <guests/lib/report.h>
#include <guests/lib/rt.h>
#include <lib/format.h>
#include <partitions/channel.h>

#include <string.h>

#define PING_SEQ      0x00
#define PONG_SEQ      0x40
#define LOG_WORD      0x00
#define LOG_MAGIC     0x10c0ffeeU
#define RESTART_WORD  0x80
#define RESTART_MAGIC 0x5e5e1234U

/* The channels "chan" and "log" (guests/lib/chan.h), found at start-up. */
static struct chan main_chan, log_chan;
static bool have_log;
static volatile uint32_t doorbells; /* doorbell interrupts taken (on_irq only) */
static volatile uint32_t ticks;	    /* virtual timer interrupts (on_irq only) */
static uint32_t vtimer, tick_period;

static struct rt_frame *on_irq(struct rt_frame *f)
{
	uint32_t intid = gic_ack();

	if (intid == vtimer) {
		ticks++;
		rt_vtimer_arm(tick_period);
	} else if (intid < GIC_INTID_SPURIOUS) {
		doorbells++;
	}
	if (intid < GIC_INTID_SPURIOUS)
		gic_eoi(intid);
	return f;
}

static volatile const struct channel_header *header(const struct chan *c)
{
	return chan_header(c);
}

static struct chan *channel(const char *label)
{
	if (strcmp(label, "log") == 0)
		return have_log ? &log_chan : NULL;
	return &main_chan;
}

static uint64_t payload(const struct chan *c, uint64_t off)
{
	return c->base + CHANNEL_HEADER_SIZE + off;
}

/*
 * Sleep until an interrupt, unless @word already differs from @old. With IRQs
 * masked around the check, a doorbell between the check and the WFI is not
 * lost: WFI wakes on a pending interrupt even when it is masked (Arm ARM
 * D1.16.2), and unmasking then takes it.
 */
static void wait_change(uint64_t word, uint32_t old)
{
	irq_disable();
	if (mmio_read32(word) == old)
		__asm__ volatile("wfi");
	irq_enable();
}

static void ring(const struct chan *c)
{
	chan_ring(c);
}

/* Wait for the peer's state word to say UP (Bulkhead writes it when the peer loads). */
static bool peer_up(const struct chan *c, uint64_t ms)
{
	uint64_t end = rt_counter() + rt_ms_to_ticks(ms);

	while (!(header(c)->state[c->self ^ 1U] & CHANNEL_STATE_UP))
		if ((int64_t)(rt_counter() - end) > 0)
			return false;
	return true;
}

static void ping(const struct chan *c, const char *args)
{
	uint64_t count = 1000, t0, t1;
	uint32_t seq, lost = 0;
	struct chan *log = channel("log");

	if (!rt_arg_u64(args, "count", &count) || count == 0)
		count = 1000;
	mmio_write32(payload(c, PING_SEQ), 0);
	t0 = rt_counter();
	for (seq = 1; seq <= count; seq++) {
		uint64_t end = rt_counter() + rt_ms_to_ticks(2000);

		mmio_write32(payload(c, PING_SEQ), seq);
		ring(c);
		while (mmio_read32(payload(c, PONG_SEQ)) != seq) {
			wait_change(payload(c, PONG_SEQ), seq - 1);
			if ((int64_t)(rt_counter() - end) > 0) {
				lost++;
				break;
			}
		}
		if (lost)
			break;
	}
	t1 = rt_counter();
	if (rt_arg_u64(args, "hdr_write", &count) && count) {
		/* A store pair (no syndrome: ISV = 0) to the read-only header must fault too. */
		rt_test_done();
		rt_printf("chan: writing a pair to the header at 0x%lx\n", c->base + 0x40);
		__asm__ volatile("stp xzr, xzr, [%0]" : : "r"(c->base + 0x40) : "memory");
		rt_printf("chan: FAIL the write to the header did not fault\n");
		return;
	}
	rt_test("ping-pong", lost == 0 && seq == count + 1, "stopped at %u of %lu", seq,
		(uint64_t)count);
	rt_printf("chan: round trip %lu ticks over %lu\n", (t1 - t0) / count, (uint64_t)count);
	/* At most one per echo, and one for pong's load (its state word changed). */
	rt_test("doorbells", doorbells >= 1 && doorbells <= count + 1, "%u doorbell interrupts",
		doorbells);
	if (!log)
		return;
	rt_test("log-read-only", log->read_only, "not read-only in the guest tree");
	rt_test("log-read",
		rt_wait_eq32((volatile uint32_t *)(uintptr_t)payload(log, LOG_WORD), LOG_MAGIC,
			     2000),
		"log word 0x%x", mmio_read32(payload(log, LOG_WORD)));
	if (rt_arg_u64(args, "ro_write", &count) && count) {
		rt_test_done();
		rt_printf("chan: writing to the read-only channel at 0x%lx\n", payload(log, 0x100));
		mmio_write32(payload(log, 0x100), 1); /* must fault: the partition stops */
		rt_printf("chan: FAIL the write to a read-only channel did not fault\n");
	}
}

static void pong(const struct chan *c)
{
	struct chan *log = channel("log");

	if (log && !log->read_only)
		mmio_write32(payload(log, LOG_WORD), LOG_MAGIC);
	for (;;) {
		uint32_t seq = mmio_read32(payload(c, PING_SEQ));

		if (seq != mmio_read32(payload(c, PONG_SEQ))) {
			mmio_write32(payload(c, PONG_SEQ), seq);
			ring(c);
		}
		wait_change(payload(c, PING_SEQ), seq);
	}
}

static void flood(const struct chan *c)
{
	rt_printf("chan: flooding\n");
	for (;;)
		mmio_write32(c->doorbell + CHANNEL_REG_RING, 1);
}

/* Ticks on its timer under a doorbell flood; rings received vs interrupts taken. */
static void victim(const struct chan *c, const struct dt_platform *p, const char *args)
{
	uint64_t want = 50, ms = 10, t0;
	uint32_t rings;

	if (!rt_arg_u64(args, "ticks", &want) || !want)
		want = 50;
	if (!rt_arg_u64(args, "tick_ms", &ms) || !ms)
		ms = 10;
	vtimer = p->vtimer_intid;
	tick_period = (uint32_t)rt_ms_to_ticks(ms);
	gic_enable_private(gic_this_rd(), vtimer, 0x80);
	t0 = rt_counter();
	rt_vtimer_arm(tick_period);
	while (ticks < want)
		__asm__ volatile("wfi");
	rt_vtimer_stop();
	rings = mmio_read32(c->doorbell + CHANNEL_REG_RINGS);
	/* Wall-clock pace is QEMU's to keep (no -icount): reported, not checked. */
	rt_printf("chan: %lu ticks of %u took %lu counter ticks\n", (uint64_t)want, tick_period,
		  rt_counter() - t0);
	rt_test("flooded", doorbells > 0 && doorbells <= rings, "%u rings, %u doorbell interrupts",
		rings, doorbells);
	rt_printf("chan: %u rings coalesced into %u interrupts\n", rings, doorbells);
}

static uint32_t gen(uint32_t state)
{
	return state >> CHANNEL_STATE_GEN_SHIFT;
}

/* First run: leave a word, restart. Second run: the word is still there. */
static void restart(const struct chan *c)
{
	uint32_t mine = header(c)->state[c->self];

	if (gen(mine) == 1) {
		mmio_write32(payload(c, RESTART_WORD), RESTART_MAGIC);
		rt_printf("chan: restarting (generation %u)\n", gen(mine));
		psci_system_reset();
		panic("SYSTEM_RESET returned");
	}
	rt_test("restarted", gen(mine) == 2 && (mine & CHANNEL_STATE_UP), "state 0x%x", mine);
	rt_test("region-kept", mmio_read32(payload(c, RESTART_WORD)) == RESTART_MAGIC, "word 0x%x",
		mmio_read32(payload(c, RESTART_WORD)));
}

/* The peer's state word: UP generation 1, then (down), then UP generation 2, with doorbells. */
static void watch(const struct chan *c)
{
	volatile const uint32_t *peer = &header(c)->state[c->self ^ 1U];
	const uint32_t up2 = (2U << CHANNEL_STATE_GEN_SHIFT) | CHANNEL_STATE_UP;
	uint32_t s0 = *peer, d0 = doorbells, s;
	uint64_t end = rt_counter() + rt_ms_to_ticks(10000);

	while ((s = *peer) != up2 && (int64_t)(rt_counter() - end) < 0)
		cpu_relax();
	rt_test("peer-restarted", s == up2, "peer state 0x%x", s);
	/*
	 * Bulkhead rings at each change of the peer's state word. Rings while this
	 * vCPU had the doorbell disabled (before its set-up) coalesce into one
	 * pending edge, so: if the peer restarted after this was watching, a
	 * doorbell must follow (delivered a little after the state is written);
	 * if it restarted before, the pending one is all there is.
	 */
	if (gen(s0) < 2U) {
		while (doorbells == d0 && (int64_t)(rt_counter() - end) < 0)
			cpu_relax();
		rt_test("restart-doorbell", doorbells > d0, "%u doorbells, %u before the restart",
			doorbells, d0);
	} else {
		rt_test("restart-doorbell", doorbells >= 1U,
			"%u doorbells (restarted before set-up)", doorbells);
	}
}

#define MSG_LEN 32U

static uint64_t arg_count(const char *args)
{
	uint64_t count = 0;

	if (!rt_arg_u64(args, "count", &count) || (count == 0U))
		count = 10000;
	return count;
}

/* The message ring in the channel's payload (guests/lib/chanring.c); reported as "ring". */
static bool ring_open(const struct chan *c, struct chanring *r)
{
	return rt_test(
		"ring",
		chanring_init(r, payload(c, 0), c->size - CHANNEL_HEADER_SIZE, CHANRING_SLOT) == 0,
		"payload too small");
}

static void tx(const struct chan *c, const char *args)
{
	uint64_t count = arg_count(args), t0, t1;
	uint8_t msg[MSG_LEN];
	struct chanring r;
	uint32_t full = 0;

	if (!ring_open(c, &r))
		return;
	t0 = rt_counter();
	for (uint32_t n = 0; n < count;) {
		bool kick = false;

		for (uint32_t i = 0; i < MSG_LEN; i++)
			msg[i] = (uint8_t)(n + i);
		if (chanring_send(&r, msg, MSG_LEN, &kick) == 0) {
			n++;
			if (kick)
				ring(c);
			continue;
		}
		full++;
		wait_change(chanring_tail(&r), mmio_read32(chanring_tail(&r)));
	}
	/* Drained: the consumer has taken every message (it rings after the last). */
	while (mmio_read32(chanring_tail(&r)) != (uint32_t)count)
		wait_change(chanring_tail(&r), mmio_read32(chanring_tail(&r)));
	t1 = rt_counter();
	rt_test("sent", true, "%s", "-");
	rt_printf("chan: ring %lu messages of %u bytes, %lu ticks per 100 messages, %u times full, "
		  "%u doorbells\n",
		  count, MSG_LEN, (t1 - t0) * 100U / count, full, doorbells);
}

static void rx(const struct chan *c, const char *args)
{
	uint64_t count = arg_count(args);
	uint8_t msg[MSG_LEN];
	struct chanring r;
	uint32_t bad = 0;

	if (!ring_open(c, &r))
		return;
	for (uint32_t n = 0; n < count;) {
		bool kick = false;
		int len = chanring_recv(&r, msg, sizeof(msg), &kick);

		if (len < 0) {
			wait_change(chanring_head(&r), mmio_read32(chanring_head(&r)));
			continue;
		}
		if (kick)
			ring(c);
		for (uint32_t i = 0; i < MSG_LEN; i++)
			bad += ((len != (int)MSG_LEN) || (msg[i] != (uint8_t)(n + i))) ? 1U : 0U;
		n++;
	}
	ring(c); /* the producer may be waiting for the ring to drain */
	rt_test("received", bad == 0, "%u bad bytes", bad);
	rt_printf("chan: received %lu messages, %u doorbells\n", count, doorbells);
}

void guest_main(const void *fdt)
{
	const char *args = rt_bootargs();
	struct dt_platform p;
	char role[16] = "";
	struct chan *c;

	rt_test_begin("chan");
	rt_arg(args, "role", role, sizeof(role));
	if (!rt_test("device-tree", dt_platform(fdt, &p) == 0, "%s", p.error) ||
	    !rt_test("gic", gic_setup(&p, true, 0xff) != 0, "bring-up failed")) {
		rt_test_done();
		return;
	}
	c = &main_chan;
	have_log = chan_find(fdt, "log", &log_chan) == 0;
	if (!rt_test("channel", chan_find(fdt, "chan", c) == 0 && c->doorbell && c->intid,
		     "no channel \"chan\" with a doorbell") ||
	    !rt_test("header", header(c)->magic == CHANNEL_MAGIC && header(c)->size == c->size,
		     "magic 0x%x size 0x%lx", header(c)->magic, header(c)->size)) {
		rt_test_done();
		return;
	}
	rt_set_irq_hook(on_irq);
	chan_enable_irq(c, p.gicd.base, 0x80);
	irq_enable();
	if (strcmp(role, "flood") == 0)
		flood(c);
	rt_test("peer-up", peer_up(c, 5000), "peer state 0x%x", header(c)->state[c->self ^ 1U]);
	if (strcmp(role, "ping") == 0)
		ping(c, args);
	else if (strcmp(role, "pong") == 0)
		pong(c);
	else if (strcmp(role, "victim") == 0)
		victim(c, &p, args);
	else if (strcmp(role, "restart") == 0)
		restart(c);
	else if (strcmp(role, "watch") == 0)
		watch(c);
	else if (strcmp(role, "tx") == 0)
		tx(c, args);
	else if (strcmp(role, "rx") == 0)
		rx(c, args);
	rt_test_done();
}
