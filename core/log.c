// SPDX-License-Identifier: GPL-2.0-only
#include <core/console.h>
#include <lib/log.h>
#include <core/partition.h>
#include <lib/format.h>

#include <stdarg.h>

static void log_vline(const char *fmt, va_list ap)
{
	char buf[CONSOLE_LINE_MAX];
	int n = fmt_vsnprintf(buf, sizeof(buf), fmt, ap);

	if (n > (int)sizeof(buf) - 1)
		n = (int)sizeof(buf) - 1;
	console_write_line("bulkhead", buf, (size_t)n);
}

void log_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vline(fmt, ap);
	va_end(ap);
}

int trace_error_at(int err, const char *file, int line)
{
	log_info("trace: error %d at %s:%d", err, file, line);
	return err;
}

void panic(const char *fmt, ...)
{
	va_list ap;
	char buf[CONSOLE_LINE_MAX];

	va_start(ap, fmt);
	fmt_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	log_info("PANIC: %s", buf);
	log_info("system halted");
	hyp_halt_all();
}
