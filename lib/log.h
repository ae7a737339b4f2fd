/* SPDX-License-Identifier: GPL-2.0-only */
/* Bulkhead's own messages ("[bulkhead] ..." lines) and the one panic path. */
#ifndef LIB_LOG_H
#define LIB_LOG_H

#include <lib/trace.h>

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print the reason, stop every core Bulkhead started, never return. */
void __attribute__((noreturn, format(printf, 1, 2))) panic(const char *fmt, ...);

#endif
