// SPDX-License-Identifier: GPL-2.0-only
/* Bulkhead's own console lines and the panic path (policy: lib/log.h). */
#include <core/console.h>
#include <core/partition.h>
#include <lib/format.h>
#include <lib/log.h>

#include <stdarg.h>

void log_vmsg(enum log_level level, const char *fmt, va_list ap)
{
	char buf[CONSOLE_LINE_MAX];
	int n;

	if (!log_enabled(level))
		return;
	n = fmt_vsnprintf(buf, sizeof(buf), fmt, ap);
	if (n > (int)sizeof(buf) - 1)
		n = (int)sizeof(buf) - 1;
	console_write_line(buf, n < 0 ? 0 : (size_t)n);
}

void log_msg(enum log_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vmsg(level, fmt, ap);
	va_end(ap);
}

int trace_error_at(int err, const char *file, int line)
{
	log_info("trace: error %d at %s:%d", err, file, line);
	return err;
}

void panic(const char *fmt, ...)
{
	static const char halted[] = "system halted";
	va_list ap;
	char buf[CONSOLE_LINE_MAX];
	int n;

	va_start(ap, fmt);
	n = fmt_snprintf(buf, sizeof(buf), "PANIC: ");
	n += fmt_vsnprintf(buf + n, sizeof(buf) - (size_t)n, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 1)
		n = (int)sizeof(buf) - 1;
	console_panic_flush(buf, (size_t)n);
	console_panic_flush(halted, sizeof(halted) - 1);
	hyp_halt_all();
}
