/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Console on a PL011 (or SBSA UART): polled transmit, no interrupts. Under a
 * hypervisor every register access may trap, so callers keep output short.
 */
#ifndef GUESTS_RTOS_CONSOLE_H
#define GUESTS_RTOS_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

void console_init(uint64_t base, bool sbsa);
void console_write(const char *s, size_t n);

/* printf-style (lib/format.h conversions), one line of at most 191 characters. */
void con_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print "rtos: panic: ...", power off through PSCI if possible, else halt. */
_Noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
