/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The console multiplexer. QEMU virt (and most boards) have one UART for
 * everybody: Bulkhead and every partition. docs/design.md, "Console".
 *
 * Output: every source (each partition, and Bulkhead itself) has a ring of
 * CONFIG_CONSOLE_RING_SIZE bytes. A writer assembles its line (per vCPU) and
 * appends it whole to its own source's ring, then tries (never waits) to
 * drain: a drain pass writes only as many characters as the PL011's transmit
 * FIFO takes without waiting (at most CONSOLE_TX_BURST), and the UART's
 * transmit interrupt, routed to the core of the partition whose line goes
 * out, continues it. On the terminal every line is whole, prefixed with its
 * source's tag ("[bulkhead] ", "[linux] "); sources take turns line by line.
 * The partition with the input focus (interactive) has its partial lines
 * shown at once, so prompts and echoed keys appear: it then owns the
 * physical line until its newline, and any other source's line first ends it
 * ("\r\n") and the rest comes back behind a fresh tag.
 *
 * A line that does not fit in its ring is dropped and counted; the count is
 * reported later as a Bulkhead line. No writer ever waits for another
 * partition's characters.
 *
 * Boot (until the UART interrupt is set up), panic, and a system where no
 * partition runs any more write synchronously with polling writes.
 */
#ifndef CORE_CONSOLE_H
#define CORE_CONSOLE_H

#include <partitions/layout.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CONSOLE_LINE_MAX 256 /* a layout error names node, property and ranges: keep it whole */
/* Sources: partitions 0..LAYOUT_MAX_PARTITIONS-1 by layout index, then Bulkhead. */
#define CONSOLE_SRC_HYP LAYOUT_MAX_PARTITIONS
#define CONSOLE_SOURCES (LAYOUT_MAX_PARTITIONS + 1)
/* Characters one drain pass writes at most (a PL011 FIFO, 16 or 32 deep, stops it sooner). */
#define CONSOLE_TX_BURST  32
#define CONSOLE_RING_SIZE CONFIG_CONSOLE_RING_SIZE

/* A line being assembled for one writer (a vCPU). Owner: that vCPU. */
struct console_line {
	uint32_t len;
	char buf[CONSOLE_LINE_MAX];
};

/* The physical UART at @uart_base (early console, then the layout's). */
void console_init(uint64_t uart_base);

/* Name source @src (a partition's layout index) "[@tag] "; boot, before it writes. */
void console_source_init(uint32_t src, const char *tag);

/*
 * Write @len bytes from source @src, assembled in @line: complete lines go to
 * the source's ring; with @interactive (the partition that has the console
 * input) a partial line goes too, so that it shows at once.
 */
void console_put(uint32_t src, struct console_line *line, const char *s, size_t len,
		 bool interactive);

/* Write one whole line of Bulkhead's own (no newline needed). */
void console_write_line(const char *s, size_t len);

/*
 * The UART's interrupt is set up: from now on output is drained by writers'
 * bounded passes and the transmit interrupt, not by polling.
 */
void console_start_async(void);

/* Nobody may take the UART's interrupt any more: write everything out now and from now on. */
void console_go_sync(void);

/* Panic: write @s as Bulkhead's line and everything buffered, with polling writes. */
void console_panic_flush(const char *s, size_t len);

/* The UART's transmit interrupt fired: continue the drain. */
void console_tx_irq(void);

/* The interrupt's routing changed (focus moved, a partition went down): re-route now. */
void console_reroute(void);

/* Whether any source has characters not yet written (tests, diagnostics). */
bool console_backlog(void);

#if !defined(__BULKHEAD__)
void console_test_reset(void); /* host unit tests */
#endif

/*
 * Hardware seam (core/console_hw.c, core/console_input.c on the image;
 * tests/unit/test_console.c fakes them): the PL011's transmit side and the
 * route of its interrupt.
 */
bool console_hw_tx_full(void);
void console_hw_tx(char c);
/* UARTIMSC.TXIM (PL011 TRM 3.3.12): the transmit interrupt while output waits. */
void console_hw_tx_irq(bool on);
/* Route the UART's interrupt to the core of partition @part (or its home if < 0 or down). */
void console_hw_route(int part);
/* The source (partition index) whose vCPU this core runs, or CONSOLE_SRC_HYP. */
uint32_t console_hw_current_src(void);
/* Image only (core/console_hw.c): UARTIMSC bits, lock-free (any core); the transmit interrupt's status. */
void console_hw_imsc(uint32_t set, uint32_t clear);
bool console_hw_tx_pending(void);

/* Console input (core/console_input.c). */
void console_input_init(const struct layout *l);
uint32_t console_irq(void);
/* The UART's interrupt (RX and TX): EL2's handler for INTID console_irq(). */
void console_uart_irq(void);
struct partition;
bool console_has_focus(const struct partition *p);
/* A partition stopped or failed: move the input and the interrupt away from it. */
void console_partition_down(const struct partition *p);
void console_rx_irq(void);
/* The focused partition read input: take more from the UART if it was held back. */
void console_rx_resume(void);

#endif
