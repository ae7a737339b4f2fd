/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The console. Two ways out:
 * - Bulkhead's console hypercall BH_HVC_CONSOLE_WRITE (docs/conventions.md):
 *   Bulkhead tags each line with the partition name. The default under a
 *   hypervisor.
 * - A PL011 (or SBSA UART, its subset): Bulkhead's emulated one, Xen's, or a
 *   real one. Used when the hypercall is not there (entered at EL2, or it
 *   answers NOT_SUPPORTED), or always after rt_console_uart(). Its address
 *   is /chosen/stdout-path's UART, else QEMU virt's 0x09000000.
 * Output is polled, no interrupts. Write whole lines: Bulkhead tags each.
 */
#ifndef GUESTS_LIB_CONSOLE_H
#define GUESTS_LIB_CONSOLE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * lib/format.h's length modifier of a 64-bit integer: "l" where long is 64
 * bits (AArch64), "ll" where it is 32 (AArch32): "%" PRIu64, as <inttypes.h>
 * (which the freestanding build does not have) would say.
 */
#if __SIZEOF_LONG__ == 8
#define PRI64_ "l"
#else
#define PRI64_ "ll"
#endif
#define PRIu64 PRI64_ "u"
#define PRIx64 PRI64_ "x"
#define PRId64 PRI64_ "d"

/* Name in front of panic and exception reports ("<name>: panic: ..."); NULL: none. */
extern const char *rt_name;

/* Use the PL011 at @base from now on (enabling it if firmware left it off, unless @sbsa). */
void rt_console_uart(uint64_t base, bool sbsa);
bool rt_console_is_uart(void);

void rt_write(const char *s, size_t len);
void rt_puts(const char *s);
/* lib/format.h conversions; at most 191 characters per call (truncated with a newline). */
int rt_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int rt_vprintf(const char *fmt, va_list ap);

#endif
