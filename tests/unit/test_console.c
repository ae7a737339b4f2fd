// SPDX-License-Identifier: GPL-2.0-only
/*
 * core/console.c: line assembly, the per-source rings and the drain policy,
 * against a fake PL011 transmit side (the console_hw_* seam): a FIFO with a
 * given number of free entries, the TXIM bit, and the interrupt's route.
 *
 * - A pass writes no more than the FIFO takes (and CONSOLE_TX_BURST), never
 *   waits; the transmit interrupt continues until nothing is left.
 * - Lines are whole and tagged, sources take turns by line, a line being
 *   written out is never cut by another source's.
 * - The focused partition's partial line shows at once; another source's line
 *   ends it and the rest comes back behind a fresh tag.
 * - A full ring drops the line and the count is reported.
 * - A writer or the interrupt that finds the drain busy (another core) returns
 *   at once, and the holder picks up what they left.
 * - Boot and panic write everything with polling writes.
 */
#include <core/console.h>
#include <lib/log.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#define OUT_MAX 65536

static struct {
	char out[OUT_MAX];
	size_t nout;
	int room; /* free FIFO entries; < 0: never full (QEMU) */
	bool txim;
	int route;	     /* last console_hw_route() argument */
	int routes;	     /* console_hw_route() calls */
	uint32_t polls;	     /* tx_full() answered "full" */
	bool slow;	     /* a character goes out on the line every 4 polls */
	void (*on_tx)(void); /* runs inside the drain (as another core would) */
	uint32_t cur_src;    /* the partition whose vCPU "this core" runs */
} hw;

static struct console_line line0, line1;

bool console_hw_tx_full(void)
{
	if (hw.room == 0) {
		hw.polls++;
		if (hw.slow && hw.polls % 4 == 0)
			hw.room = 1; /* time passes: one character went out on the line */
		return true;
	}
	return false;
}

void console_hw_tx(char c)
{
	void (*f)(void) = hw.on_tx;

	assert_true(hw.nout < OUT_MAX - 1);
	hw.out[hw.nout++] = c;
	if (hw.room > 0)
		hw.room--;
	if (f) {
		hw.on_tx = NULL;
		f();
	}
}

void console_hw_tx_irq(bool on)
{
	hw.txim = on;
}

uint32_t console_hw_current_src(void)
{
	return hw.cur_src;
}

void console_hw_route(int part)
{
	hw.route = part;
	hw.routes++;
}

static int setup(void **state)
{
	(void)state;
	memset(&hw, 0, sizeof(hw));
	hw.route = -2;
	hw.cur_src = CONSOLE_SRC_HYP;
	memset(&line0, 0, sizeof(line0));
	memset(&line1, 0, sizeof(line1));
	console_test_reset();
	console_source_init(0, "p0");
	console_source_init(1, "p1");
	console_start_async();
	return 0;
}

static void put(uint32_t src, const char *s, bool interactive)
{
	console_put(src, src ? &line1 : &line0, s, strlen(s), interactive);
}

/* The TX interrupt fires while TXIM is set and the FIFO has room: until nothing is left. */
static uint32_t run_tx_irqs(int room_per_irq)
{
	uint32_t n = 0;

	while (hw.txim) {
		hw.room = room_per_irq;
		console_tx_irq();
		assert_true(++n < 100000);
	}
	return n;
}

static const char *out(void)
{
	hw.out[hw.nout] = 0;
	return hw.out;
}

static void test_partial_line_of_unfocused_partition_waits(void **state)
{
	(void)state;
	hw.room = -1;
	put(0, "no newline yet", false);
	assert_int_equal(hw.nout, 0);
	assert_false(console_backlog());
	put(0, " -- done\r\n", false);
	assert_string_equal(out(), "[p0] no newline yet -- done\r\n");
	assert_false(hw.txim);
}

static void test_writer_writes_only_what_the_fifo_takes(void **state)
{
	(void)state;
	hw.room = 5;
	put(1, "hello world\n", false);
	assert_int_equal(hw.nout, 5); /* "[p1] " */
	assert_true(console_backlog());
	assert_true(hw.txim);		     /* the interrupt continues ... */
	assert_int_equal(hw.route, 1);	     /* ... on p1's core: its own characters */
	assert_int_equal(run_tx_irqs(3), 5); /* 13 characters, 3 at a time */
	assert_string_equal(out(), "[p1] hello world\r\n");
	assert_false(console_backlog());
	assert_int_equal(hw.route, -1); /* nothing waits: back to the home core */
}

static void test_pass_bounded_by_burst(void **state)
{
	char s[CONSOLE_LINE_MAX];

	(void)state;
	hw.room = -1; /* QEMU: the FIFO never fills */
	memset(s, 'x', 100);
	s[100] = '\n';
	s[101] = 0;
	put(0, s, false);
	assert_int_equal(hw.nout, CONSOLE_TX_BURST);
	run_tx_irqs(-1);
	assert_int_equal(hw.nout, 5 + 100 + 2);
}

static void test_full_fifo_writer_returns_at_once(void **state)
{
	(void)state;
	hw.room = 0;
	put(0, "x\n", false);
	assert_int_equal(hw.nout, 0);
	assert_int_equal(hw.polls, 1); /* looked once, did not wait */
	assert_true(hw.txim);
}

/* Lines are whole: p1's line waits while p0's is being written out. */
static void test_lines_never_interleave_mid_line(void **state)
{
	(void)state;
	hw.room = 8;
	put(0, "first line of p0\n", false);
	hw.room = 4;
	put(1, "p1 line\n", false);
	put(0, "second", false);
	put(1, "p1 again\n", false);
	put(0, " line of p0\n", false);
	run_tx_irqs(2);
	assert_string_equal(out(), "[p0] first line of p0\r\n"
				   "[p1] p1 line\r\n"
				   "[p0] second line of p0\r\n"
				   "[p1] p1 again\r\n");
}

static void test_sources_take_turns_by_line(void **state)
{
	(void)state;
	hw.room = 0;
	put(0, "a1\na2\na3\n", false);
	put(1, "b1\n", false);
	console_write_line("h1", 2);
	run_tx_irqs(1);
	assert_string_equal(out(), "[p0] a1\r\n[p1] b1\r\n[bulkhead] h1\r\n[p0] a2\r\n[p0] a3\r\n");
}

static void test_focused_partial_line_shown_at_once(void **state)
{
	(void)state;
	hw.room = -1;
	put(0, "login: ", true);
	assert_string_equal(out(), "[p0] login: ");
	put(0, "r", true);
	assert_string_equal(out(), "[p0] login: r");
	put(1, "boot message\n", false);
	put(0, "oot\n", true);
	run_tx_irqs(-1);
	/* The cut line comes back whole under a fresh tag: a reader finds it on one line. */
	assert_string_equal(out(), "[p0] login: r\r\n[p1] boot message\r\n[p0] login: root\r\n");
}

static void test_line_longer_than_max_is_split(void **state)
{
	char s[CONSOLE_LINE_MAX + 11];

	(void)state;
	hw.room = -1;
	memset(s, 'y', sizeof(s) - 1);
	s[sizeof(s) - 1] = 0;
	put(0, s, false);
	put(0, "\n", false);
	run_tx_irqs(-1);
	assert_int_equal(hw.nout, 5 + CONSOLE_LINE_MAX + 2 + 5 + 10 + 2);
}

static void test_full_ring_drops_with_count(void **state)
{
	char s[64];
	uint32_t kept = 0, dropped = 0, lines = 0;
	char want[128];

	(void)state;
	hw.room = 0; /* nothing goes out: the ring fills */
	memset(s, 'z', 62);
	s[62] = '\n';
	s[63] = 0;
	for (int i = 0; i < 200; i++) {
		put(0, s, false);
		if (kept + 63 <= CONSOLE_RING_SIZE)
			kept += 63;
		else
			dropped += 63;
	}
	assert_true(dropped > 0);
	run_tx_irqs(16);
	for (size_t i = 0; i < hw.nout; i++)
		lines += hw.out[i] == '\n';
	snprintf(want, sizeof(want), "[bulkhead] partition 'p0': %u console characters dropped\r\n",
		 dropped);
	assert_non_null(strstr(out(), want));
	assert_int_equal(lines, kept / 63 + 1);
	/* The writer never waited: it only ever looked at the FIFO through its passes. */
}

/* Another core writes while this one drains: it does not wait, the holder takes its line. */
static void other_core_writes(void)
{
	put(1, "from another core\n", false);
}

static void test_writer_does_not_wait_for_busy_drain(void **state)
{
	(void)state;
	hw.room = 3;
	hw.on_tx = other_core_writes;
	put(0, "x\n", false);
	assert_true(hw.txim); /* the holder saw p1's line and armed the interrupt */
	run_tx_irqs(4);
	assert_string_equal(out(), "[p0] x\r\n[p1] from another core\r\n");
}

/* The TX interrupt on another core finds the drain busy: masks itself, the holder re-arms. */
static void irq_on_other_core(void)
{
	console_tx_irq();
	assert_false(hw.txim);
}

static void test_busy_interrupt_masks_and_holder_rearms(void **state)
{
	(void)state;
	hw.room = 0;
	put(0, "0123456789\n", false);
	assert_true(hw.txim);
	hw.room = 2;
	hw.on_tx = irq_on_other_core;
	console_tx_irq();
	assert_true(hw.txim);
	run_tx_irqs(4);
	assert_string_equal(out(), "[p0] 0123456789\r\n");
}

static void test_boot_is_synchronous(void **state)
{
	(void)state;
	hw.slow = true;
	console_test_reset();
	hw.room = 0; /* a slow UART: polling waits for room */
	console_write_line("Bulkhead booting", 16);
	assert_string_equal(out(), "[bulkhead] Bulkhead booting\r\n");
	assert_false(hw.txim);
	assert_true(hw.polls > 0);
}

static void test_panic_flushes_everything(void **state)
{
	(void)state;
	hw.slow = true;
	hw.room = 0;
	put(0, "pending line\n", false);
	put(1, "prompt> ", true);
	console_panic_flush("PANIC: test", 11);
	assert_string_equal(out(),
			    "[p0] pending line\r\n[p1] prompt> \r\n[bulkhead] PANIC: test\r\n");
	assert_false(console_backlog());
}

static void test_no_running_partition_goes_synchronous(void **state)
{
	(void)state;
	hw.slow = true;
	hw.room = 0;
	put(0, "last words\n", false);
	console_go_sync();
	assert_false(hw.txim);
	assert_string_equal(out(), "[p0] last words\r\n");
	console_write_line("stopped", 7);
	assert_string_equal(out(), "[p0] last words\r\n[bulkhead] stopped\r\n");
}

/* A fault report logged on p0's core comes after what p0 printed before, backlog or not. */
static void test_bulkhead_line_keeps_partition_order(void **state)
{
	(void)state;
	hw.room = 0;
	put(0, "step 57\n", false);
	put(1, "other\n", false);
	hw.cur_src = 0;
	console_write_line("partition 'p0' fault", 20);
	hw.cur_src = CONSOLE_SRC_HYP;
	console_write_line("unrelated", 9);
	run_tx_irqs(1);
	assert_string_equal(out(), "[p0] step 57\r\n[p1] other\r\n[bulkhead] unrelated\r\n"
				   "[bulkhead] partition 'p0' fault\r\n");
}

/* A guest cannot make its line look like Bulkhead's. */
static void test_guest_cannot_forge_bulkhead_tag(void **state)
{
	(void)state;
	hw.room = -1;
	put(0, "\001fake\n", false);
	put(0, "typed \x01", true);
	assert_string_equal(out(), "[p0] fake\r\n[p0] typed ");
}

/* A Bulkhead line after a partial line of the focused partition ends it first. */
static void test_bulkhead_line_after_partial(void **state)
{
	(void)state;
	hw.room = -1;
	put(0, "login: ", true);
	hw.cur_src = 0;
	console_write_line("partition 'p0' restarting", 25);
	run_tx_irqs(-1);
	assert_string_equal(out(), "[p0] login: \r\n[bulkhead] partition 'p0' restarting\r\n");
}

/* The report-once primitive of lib/log.h: each bit is claimed by its first caller only. */
static void test_log_first_claims_once(void **state)
{
	uint32_t flags = 0;

	(void)state;
	assert_true(log_first(&flags, 1U << 3));
	assert_false(log_first(&flags, 1U << 3));
	assert_true(log_first(&flags, 1U << 0));
	assert_false(log_first(&flags, 1U << 0));
	assert_int_equal(flags, 0x9);
	assert_true(log_enabled(LOG_ERROR));
	assert_int_equal(log_enabled(LOG_DEBUG), CONFIG_LOG_LEVEL >= LOG_DEBUG);
}

/*
 * The focused partition types a line longer than CONSOLE_LINE_MAX one key at a
 * time, and another source cuts it: every physical line stays within the
 * maximum and what is redrawn is the line's own last piece, nothing lost.
 */
static void test_long_partial_line_cut_is_redrawn_whole(void **state)
{
	char typed[CONSOLE_LINE_MAX + 41], want[3 * CONSOLE_LINE_MAX];
	const char *rest = typed + CONSOLE_LINE_MAX;

	(void)state;
	hw.room = -1;
	for (int i = 0; i < CONSOLE_LINE_MAX + 40; i++) {
		char k[2] = {(char)('a' + (i % 26)), 0};

		typed[i] = k[0];
		put(0, k, true);
	}
	typed[CONSOLE_LINE_MAX + 40] = 0;
	put(1, "msg\n", false);
	put(0, "\n", true);
	run_tx_irqs(-1);
	(void)snprintf(want, sizeof(want), "[p0] %.*s\r\n[p0] %s\r\n[p1] msg\r\n[p0] %s\r\n",
		       CONSOLE_LINE_MAX, typed, rest, rest);
	assert_string_equal(out(), want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_partial_line_of_unfocused_partition_waits, setup),
		cmocka_unit_test_setup(test_writer_writes_only_what_the_fifo_takes, setup),
		cmocka_unit_test_setup(test_pass_bounded_by_burst, setup),
		cmocka_unit_test_setup(test_full_fifo_writer_returns_at_once, setup),
		cmocka_unit_test_setup(test_lines_never_interleave_mid_line, setup),
		cmocka_unit_test_setup(test_sources_take_turns_by_line, setup),
		cmocka_unit_test_setup(test_focused_partial_line_shown_at_once, setup),
		cmocka_unit_test_setup(test_line_longer_than_max_is_split, setup),
		cmocka_unit_test_setup(test_full_ring_drops_with_count, setup),
		cmocka_unit_test_setup(test_writer_does_not_wait_for_busy_drain, setup),
		cmocka_unit_test_setup(test_busy_interrupt_masks_and_holder_rearms, setup),
		cmocka_unit_test_setup(test_boot_is_synchronous, setup),
		cmocka_unit_test_setup(test_panic_flushes_everything, setup),
		cmocka_unit_test_setup(test_no_running_partition_goes_synchronous, setup),
		cmocka_unit_test_setup(test_bulkhead_line_keeps_partition_order, setup),
		cmocka_unit_test_setup(test_guest_cannot_forge_bulkhead_tag, setup),
		cmocka_unit_test_setup(test_bulkhead_line_after_partial, setup),
		cmocka_unit_test_setup(test_long_partial_line_cut_is_redrawn_whole, setup),
		cmocka_unit_test(test_log_first_claims_once),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
