/* SPDX-License-Identifier: GPL-2.0-only */
/* Bulkhead's own messages ("[bulkhead] ..." lines) and the one panic path. */
#ifndef LIB_LOG_H
#define LIB_LOG_H

#include <lib/trace.h>

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Print the reason and halt the calling core, never return (the one panic
 * policy, docs/design.md "Errors and the panic path": at boot nothing starts;
 * later only the calling core stops, the other partitions go on).
 */
void __attribute__((noreturn, format(printf, 1, 2))) panic(const char *fmt, ...);

#endif
