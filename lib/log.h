/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bulkhead's own messages ("[bulkhead] ..." lines) and the one panic path.
 *
 * Levels: a message is printed when its level is at or above the threshold
 * CONFIG_LOG_LEVEL (Kconfig "Console messages": 0 error, 1 warning, 2 info,
 * 3 debug; default 2, so debug lines are compiled in but not printed).
 *   error    Bulkhead or a partition cannot go on as configured (a partition
 *            fault, a device that cannot be set up).
 *   warning  something is wrong but contained (a refused access, a lost
 *            message, an unexpected interrupt).
 *   info     the life of the system (boot, partition state changes).
 *   debug    normal guest actions worth seeing only when looking for a
 *            problem (e.g. a route of an interrupt the partition does not own:
 *            Linux routes every SPI at init).
 * The level filters; it adds no prefix, so the console markers tests and
 * users match stay as they are (docs/conventions.md).
 *
 * Report once: a guest can repeat an action forever, so a report it can
 * trigger is printed once (and counted by its caller) through log_once():
 *     static uint32_t reported;
 *     log_once(&reported, LOG_WARNING, "unexpected physical interrupt %u", intid);
 * log_once_bit() shares one word among up to 32 reports (one bit each).
 *
 * Panic policy (the only one): panic() is for a state Bulkhead cannot
 * continue from -- a boot that cannot build what validation accepted, or an
 * exception taken at EL2 itself. It prints its reason and every buffered
 * console line with polling writes (the interrupt-driven console may never
 * run again), then halts the calling core (hyp_halt_all; at boot that is
 * the only core, so nothing starts; later the other cores and their
 * partitions go on: they share no state with the faulting path). A guest's
 * fault is never a panic: it is reported and the partition's fault policy applies
 * (stop or restart); the other partitions go on.
 */
#ifndef LIB_LOG_H
#define LIB_LOG_H

#include <lib/compiler.h>
#include <lib/trace.h>

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

enum log_level {
	LOG_ERROR = 0,
	LOG_WARNING = 1,
	LOG_INFO = 2,
	LOG_DEBUG = 3,
};

#ifndef CONFIG_LOG_LEVEL
#define CONFIG_LOG_LEVEL LOG_INFO
#endif

static inline bool log_enabled(enum log_level level)
{
	return (int)level <= CONFIG_LOG_LEVEL;
}

/* Print one line at @level (no newline needed; longer lines are cut). */
void log_msg(enum log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void log_vmsg(enum log_level level, const char *fmt, va_list ap);

#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)
#define log_warn(...)  log_msg(LOG_WARNING, __VA_ARGS__)
#define log_info(...)  log_msg(LOG_INFO, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)

/*
 * Claim report @bit of @flags: true for the first caller only (any core,
 * lock-free). The report-once primitive: log_once() below, and callers whose
 * report goes through a seam of their own (gic/ vgic_hw_report).
 */
static inline bool log_first(uint32_t *flags, uint32_t bit)
{
	return !(__atomic_fetch_or(flags, bit, __ATOMIC_RELAXED) & bit);
}

/* Print at @level the first time only; later calls print nothing. */
#define log_once_bit(flags, bit, level, ...)                                                       \
	do {                                                                                       \
		if (log_first((flags), (bit)))                                                     \
			log_msg((level), __VA_ARGS__);                                             \
	} while (0)
#define log_once(flag, level, ...) log_once_bit((flag), 1U, (level), __VA_ARGS__)

/*
 * Print the reason and every buffered console line (polling writes), then halt
 * the calling core, never return (the one panic policy, docs/design.md "Errors
 * and the panic path": at boot nothing starts; later only the calling core
 * stops, the other partitions go on).
 */
void __attribute__((noreturn, format(printf, 1, 2))) panic(const char *fmt, ...);

#endif
