/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The console multiplexer. QEMU virt (and most boards) have one UART for
 * everybody: Bulkhead and every partition. Output is collected a line at a time
 * per source and written out whole, under one lock, prefixed with the source's
 * tag ("[bulkhead] ", "[linux] "), so lines never interleave.
 */
#ifndef CORE_CONSOLE_H
#define CORE_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CONSOLE_LINE_MAX 160

/* A line being assembled for one source (a vCPU, or Bulkhead itself). */
struct console_line {
	uint32_t len;
	uint32_t shown; /* bytes already written out (interactive partial line) */
	char buf[CONSOLE_LINE_MAX];
};

void console_init(uint64_t uart_base);

/*
 * Write @len bytes from @tag's source, flushing complete lines. With
 * @interactive (the partition that has the console input) a partial line is
 * shown at once too, so prompts and echoed keys appear: it then owns the
 * physical line until its newline, and any other source's line first ends it
 * ("\r\n") and the rest comes back behind a fresh tag. A physical line never
 * holds two sources.
 */
void console_put(const char *tag, struct console_line *line, const char *s, size_t len,
		 bool interactive);

/* Write one whole line for @tag (no newline needed). */
void console_write_line(const char *tag, const char *s, size_t len);

/* Console input (core/console_input.c). */
struct layout;
void console_input_init(const struct layout *l);
uint32_t console_irq(void);
struct partition;
bool console_has_focus(const struct partition *p);
/* A partition stopped or failed: move the input away from it if it had it. */
void console_partition_down(const struct partition *p);
void console_rx_irq(void);
/* The focused partition read input: take more from the UART if it was held back. */
void console_rx_resume(void);

#endif
