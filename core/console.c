// SPDX-License-Identifier: GPL-2.0-only
/*
 * Console output: per-source rings and the drain (core/console.h). No
 * hardware access here: the PL011 and the interrupt route are behind the
 * console_hw_* seam, so this file is also built for the host and unit-tested
 * (tests/unit/test_console.c).
 *
 * Concurrency:
 * - A ring has one consumer (the drain) and the producers of its source: a
 *   partition's vCPUs, or any core for Bulkhead's own lines. Producers
 *   serialize on the ring's lock (only its own source's writers contend); the
 *   consumer never takes it: head and tail are published with release/acquire.
 * - The drain state (open line, round-robin cursor, pending tag) and the
 *   interrupt's route are owned by the holder of drain_lock, which is only
 *   ever *tried* (spin_trylock) outside polling mode: a core that finds it
 *   taken sets @pending and goes on; the holder, after releasing it, arms the
 *   transmit interrupt if @pending is set (kick(), finish()). Nobody spins
 *   behind another core's drain, and no lock is taken after drain_lock (the
 *   PL011's IMSC is updated lock-free, core/console_hw.c).
 */
#include <arch/arm64/spinlock.h>
#include <core/console.h>
#include <lib/bits.h>
#include <lib/format.h>
#include <lib/log.h>

#include <string.h>

#define RING_MASK (CONSOLE_RING_SIZE - 1U)
/* Starts a Bulkhead line in a partition's ring (console_write_line); never from a guest. */
#define HYP_MARK '\x01'

_Static_assert((CONSOLE_RING_SIZE & RING_MASK) == 0, "CONSOLE_RING_SIZE: a power of two");
_Static_assert(CONSOLE_RING_SIZE > CONSOLE_LINE_MAX, "a ring holds a whole line");

struct console_ring {
	spinlock_t lock;	   /* producers of this source */
	uint32_t head;		   /* next byte producers write (under lock; release) */
	uint32_t tail;		   /* next byte the drain reads (drain_lock holder; release) */
	uint32_t dropped;	   /* characters dropped since the last report (atomic) */
	char tag[LAYOUT_NAME_MAX]; /* partitions' (console_source_init); Bulkhead's is implied */
	char buf[CONSOLE_RING_SIZE];
	/*
	 * The line of this source already written out (drain_lock holder): when
	 * another source's line cuts a partial one (the focused partition's
	 * characters are shown as they come), the rest is written after the whole
	 * line again under a fresh tag, so a reader (or a test) always finds the
	 * line whole, on one physical line.
	 */
	uint32_t out_len;
	bool cut; /* its partial line was ended by another source's */
	char out[CONSOLE_LINE_MAX];
};

/* The rings (zero-initialized, in .bss): partitions by layout index, then Bulkhead's. */
static struct console_ring rings[CONSOLE_SOURCES];

/* "[" + tag + "] " and a cut line written again, or "\r\n". */
#define PEND_MAX (LAYOUT_NAME_MAX + 4 + CONSOLE_LINE_MAX)

static struct {
	spinlock_t drain_lock;
	bool pending; /* a core found drain_lock taken after its append (atomic, seq_cst) */
	/* Owned by the holder of drain_lock: */
	int cur;       /* source whose physical line is open, -1 if none */
	bool hyp_line; /* that line is Bulkhead's, from a partition's ring (HYP_MARK) */
	uint32_t next; /* round-robin: the source to look at first for the next line */
	char pend[PEND_MAX];
	uint32_t pend_len, pend_pos;
	/* Polling mode (boot, panic, nobody left to take the interrupt); atomic. */
	bool sync;
	struct console_ring *ring; /* rings[] above */
} con = {
	.cur = -1,
	.sync = true,
	.ring = rings,
};

void console_source_init(uint32_t src, const char *tag)
{
	struct console_ring *r;

	if (src >= CONSOLE_SRC_HYP)
		return;
	r = &con.ring[src];
	memcpy(r->tag, tag, strnlen(tag, sizeof(r->tag) - 1)); /* zero-filled: NUL-terminated */
}

static uint32_t ring_used(const struct console_ring *r)
{
	return __atomic_load_n(&r->head, __ATOMIC_ACQUIRE) - r->tail;
}

static bool ring_empty(const struct console_ring *r)
{
	return ring_used(r) == 0;
}

/*
 * Producer side, ring lock held: append @mark (unless 0), @n bytes of @s and
 * @nl (0 or 1) newline, all or nothing, published at once.
 */
static bool ring_append_locked(struct console_ring *r, char mark, const char *s, uint32_t n,
			       uint32_t nl)
{
	uint32_t head = r->head, m = mark ? 1 : 0;
	uint32_t room = CONSOLE_RING_SIZE - (head - __atomic_load_n(&r->tail, __ATOMIC_ACQUIRE));

	if (m + n + nl > room)
		return false;
	if (m)
		r->buf[head & RING_MASK] = mark;
	for (uint32_t i = 0; i < n; i++)
		r->buf[(head + m + i) & RING_MASK] = s[i];
	if (nl)
		r->buf[(head + m + n) & RING_MASK] = '\n';
	__atomic_store_n(&r->head, head + m + n + nl, __ATOMIC_RELEASE);
	return true;
}

static void ring_append(struct console_ring *r, char mark, const char *s, uint32_t n, uint32_t nl)
{
	spin_lock(&r->lock);
	if (!ring_append_locked(r, mark, s, n, nl)) /* full: dropped, counted, reported later */
		__atomic_fetch_add(&r->dropped, (mark ? 1 : 0) + n + nl, __ATOMIC_RELAXED);
	spin_unlock(&r->lock);
}

/* ---------------------------------------------------------------- the drain */

static bool emit(char c, bool poll)
{
	if (console_hw_tx_full()) {
		if (!poll)
			return false;
		while (console_hw_tx_full())
			;
	}
	console_hw_tx(c);
	return true;
}

static void pend_tag(const char *tag)
{
	uint32_t n = 0;

	con.pend[n++] = '[';
	while (*tag && n < PEND_MAX - 2)
		con.pend[n++] = *tag++;
	con.pend[n++] = ']';
	con.pend[n++] = ' ';
	con.pend_len = n;
	con.pend_pos = 0;
}

/* After the tag: the part of @r's line a cut ended, written again. */
static void pend_cut_line(struct console_ring *r)
{
	if (!r->cut)
		return;
	for (uint32_t k = 0U; (k < r->out_len) && (con.pend_len < sizeof(con.pend)); k++) {
		con.pend[con.pend_len] = r->out[k];
		con.pend_len++;
	}
	r->cut = false;
}

static void pend_eol(void)
{
	con.pend[0] = '\r';
	con.pend[1] = '\n';
	con.pend_len = 2;
	con.pend_pos = 0;
}

/*
 * A source lost characters: say so in Bulkhead's ring. Tried only: if another
 * core is appending a Bulkhead line, the count waits for the next pass.
 */
static void report_drops(struct console_ring *r)
{
	struct console_ring *hyp = &con.ring[CONSOLE_SRC_HYP];
	uint32_t n = __atomic_exchange_n(&r->dropped, 0, __ATOMIC_RELAXED);
	char line[CONSOLE_LINE_MAX];
	int len;

	if (!n)
		return;
	if (!log_enabled(LOG_WARNING))
		return;
	if (!spin_trylock(&hyp->lock)) {
		__atomic_fetch_add(&r->dropped, n, __ATOMIC_RELAXED);
		return;
	}
	if (r == hyp)
		len = fmt_snprintf(line, sizeof(line),
				   "%u console characters of Bulkhead's dropped", n);
	else
		len = fmt_snprintf(line, sizeof(line),
				   "partition '%s': %u console characters dropped", r->tag, n);
	/* Bulkhead's ring is full too: the next pass tries again. */
	if (!ring_append_locked(hyp, 0, line, (uint32_t)MIN(len, (int)sizeof(line) - 1), 1))
		__atomic_fetch_add(&r->dropped, n, __ATOMIC_RELAXED);
	spin_unlock(&hyp->lock);
}

/* The next source (round-robin from con.next) with characters waiting, or -1. */
static int next_source(int except)
{
	for (uint32_t k = 0; k < CONSOLE_SOURCES; k++) {
		uint32_t i = (con.next + k) % CONSOLE_SOURCES;

		if ((int)i != except && !ring_empty(&con.ring[i]))
			return (int)i;
	}
	return -1;
}

static int pick(void)
{
	int s;

	for (uint32_t i = 0; i < CONSOLE_SOURCES; i++)
		if (__atomic_load_n(&con.ring[i].dropped, __ATOMIC_RELAXED))
			report_drops(&con.ring[i]);
	s = next_source(-1);
	if (s >= 0)
		con.next = ((uint32_t)s + 1) % CONSOLE_SOURCES;
	return s;
}

/*
 * One drain pass, drain_lock held: at most @budget characters (0: no limit),
 * stopping when the FIFO is full unless @poll.
 */
static void drain_pass(uint32_t budget, bool poll)
{
	for (uint32_t n = 0; budget == 0 || n < budget;) {
		struct console_ring *r;
		char c;

		if (con.pend_pos < con.pend_len) {
			if (!emit(con.pend[con.pend_pos], poll))
				return;
			con.pend_pos++;
			n++;
			continue;
		}
		if (con.cur < 0) {
			con.cur = pick();
			if (con.cur < 0)
				return;
			r = &con.ring[con.cur];
			if (r->buf[r->tail & RING_MASK] == HYP_MARK) {
				__atomic_store_n(&r->tail, r->tail + 1, __ATOMIC_RELEASE);
				pend_tag("bulkhead");
				con.hyp_line = true;
			} else {
				pend_tag(con.cur == CONSOLE_SRC_HYP ? "bulkhead" : r->tag);
				pend_cut_line(r);
			}
			continue;
		}
		r = &con.ring[con.cur];
		if (ring_empty(r)) {
			/* A partial line is shown: end it if another source has output. */
			if (next_source(con.cur) < 0)
				return;
			r->cut = (r->out_len != 0U);
			pend_eol();
			con.cur = -1;
			continue;
		}
		c = r->buf[r->tail & RING_MASK];
		if (c == HYP_MARK) { /* a Bulkhead line after a partial one: end that first */
			r->cut = (r->out_len != 0U);
			pend_eol();
			con.cur = -1;
			continue;
		}
		if ((c != '\n') && !con.hyp_line && (r->out_len == sizeof(r->out))) {
			/*
			 * A line as long as CONSOLE_LINE_MAX with no newline (the focused
			 * partition's partial lines, appended as they come): end it here as
			 * console_put() ends a whole one, or a cut would redraw it short.
			 */
			r->out_len = 0U;
			r->cut = false;
			pend_eol();
			con.cur = -1;
			continue;
		}
		if (c == '\n') {
			if (con.hyp_line) {
				con.hyp_line = false; /* the partition's cut line stays cut */
			} else {
				r->out_len = 0U;
				r->cut = false;
			}
			pend_eol();
			con.cur = -1;
		} else if (!emit(c, poll)) {
			return;
		} else {
			if (!con.hyp_line && (r->out_len < sizeof(r->out))) {
				r->out[r->out_len] = c;
				r->out_len++;
			}
			n++;
		}
		__atomic_store_n(&r->tail, r->tail + 1, __ATOMIC_RELEASE);
	}
}

bool console_backlog(void)
{
	if (con.pend_pos < con.pend_len)
		return true;
	for (uint32_t i = 0; i < CONSOLE_SOURCES; i++)
		if (!ring_empty(&con.ring[i]) ||
		    __atomic_load_n(&con.ring[i].dropped, __ATOMIC_RELAXED))
			return true;
	return false;
}

/* The partition whose line goes out next (it takes the interrupt), -1 for Bulkhead's. */
static int owner(void)
{
	int s = con.cur;

	if (s < 0 || (con.pend_pos >= con.pend_len && ring_empty(&con.ring[s])))
		s = next_source(-1);
	return s == CONSOLE_SRC_HYP ? -1 : s;
}

/* drain_lock held: the transmit interrupt while output waits, routed to its owner's core. */
static void decide(void)
{
	bool more;

	if (__atomic_load_n(&con.sync, __ATOMIC_ACQUIRE))
		return;
	more = console_backlog();
	console_hw_route(more ? owner() : -1);
	console_hw_tx_irq(more);
}

/*
 * Release drain_lock after deciding. A core that failed to take it meanwhile
 * set @pending after its append (or after masking the interrupt): its output
 * may not have been seen by decide(), so arm the interrupt; the pass it
 * brings decides again. Spurious arming costs one interrupt, nothing more.
 */
static void finish(void)
{
	decide();
	spin_unlock(&con.drain_lock);
	__atomic_thread_fence(__ATOMIC_SEQ_CST); /* the release before pending's read */
	if (__atomic_load_n(&con.pending, __ATOMIC_SEQ_CST) &&
	    !__atomic_load_n(&con.sync, __ATOMIC_ACQUIRE))
		console_hw_tx_irq(true);
}

/*
 * Drain what the FIFO takes now; @irq: called from the transmit interrupt.
 * Never waits for another core: if the drain is taken, say so in @pending and
 * try once more (the holder may have just released it and not seen @pending).
 * The transmit interrupt masks itself meanwhile, or it would fire again at
 * once for as long as the holder needs (a storm on this core).
 */
static void kick(bool irq)
{
	if (__atomic_load_n(&con.sync, __ATOMIC_ACQUIRE)) {
		spin_lock(&con.drain_lock);
		drain_pass(0, true);
		finish();
		return;
	}
	if (!spin_trylock(&con.drain_lock)) {
		if (irq)
			console_hw_tx_irq(false);
		__atomic_store_n(&con.pending, true, __ATOMIC_SEQ_CST);
		__atomic_thread_fence(__ATOMIC_SEQ_CST); /* pending before the lock's re-read */
		if (!spin_trylock(&con.drain_lock))
			return;
	}
	__atomic_store_n(&con.pending, false, __ATOMIC_SEQ_CST);
	drain_pass(CONSOLE_TX_BURST, false);
	finish();
}

void console_tx_irq(void)
{
	kick(true);
}

void console_reroute(void)
{
	kick(false);
}

void console_start_async(void)
{
	__atomic_store_n(&con.sync, false, __ATOMIC_RELEASE);
	kick(false);
}

void console_go_sync(void)
{
	__atomic_store_n(&con.sync, true, __ATOMIC_RELEASE);
	console_hw_tx_irq(false);
	kick(false);
}

/* ---------------------------------------------------------------- writers */

void console_put(uint32_t src, struct console_line *line, const char *s, size_t len,
		 bool interactive)
{
	struct console_ring *r;
	bool wrote = false;

	if (src >= CONSOLE_SRC_HYP)
		return;
	r = &con.ring[src];
	for (; len; len--, s++) {
		if (*s == '\r' || *s == HYP_MARK) /* a guest cannot forge Bulkhead's tag */
			continue;
		if (*s != '\n')
			line->buf[line->len++] = *s;
		if (*s == '\n' || line->len == CONSOLE_LINE_MAX) {
			ring_append(r, 0, line->buf, line->len, 1);
			line->len = 0;
			wrote = true;
		}
	}
	if (interactive && line->len) {
		ring_append(r, 0, line->buf, line->len, 0);
		line->len = 0;
		wrote = true;
	}
	if (wrote)
		kick(false);
}

/*
 * A line of Bulkhead's goes to the ring of the partition whose vCPU this core
 * runs, marked: a report of what that vCPU did (a fault, a restart) then comes
 * out after everything the partition printed before it, as it happened. Lines
 * from elsewhere (boot, a core with no partition) go to Bulkhead's own ring.
 */
void console_write_line(const char *s, size_t len)
{
	uint32_t n = (uint32_t)MIN(len, CONSOLE_LINE_MAX), src = CONSOLE_SRC_HYP;

	if (!__atomic_load_n(&con.sync, __ATOMIC_ACQUIRE))
		src = console_hw_current_src();
	if (src < CONSOLE_SRC_HYP)
		ring_append(&con.ring[src], HYP_MARK, s, n, 1);
	else
		ring_append(&con.ring[CONSOLE_SRC_HYP], 0, s, n, 1);
	kick(false);
}

/*
 * Panic: the drain's holder may be this core (a fault inside a pass) or a core
 * that will never run again, so the locks are not waited for: whatever the
 * holder left is written as it is, then everything else, polling the FIFO.
 */
void console_panic_flush(const char *s, size_t len)
{
	struct console_ring *hyp = &con.ring[CONSOLE_SRC_HYP];

	__atomic_store_n(&con.sync, true, __ATOMIC_RELEASE);
	(void)spin_trylock(&con.drain_lock);
	drain_pass(0, true); /* first what is buffered: the ring then has room */
	(void)spin_trylock(&hyp->lock);
	(void)ring_append_locked(hyp, 0, s, (uint32_t)MIN(len, CONSOLE_LINE_MAX), 1);
	spin_unlock(&hyp->lock);
	drain_pass(0, true);
	spin_unlock(&con.drain_lock);
}

#if !defined(__BULKHEAD__)
/* Host unit tests only: back to the boot state, with source names cleared. */
void console_test_reset(void)
{
	memset(rings, 0, sizeof(rings));
	memset(&con, 0, sizeof(con));
	con.cur = -1;
	con.sync = true;
	con.ring = rings;
}
#endif
