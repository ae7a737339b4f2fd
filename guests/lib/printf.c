// SPDX-License-Identifier: GPL-2.0-only
/*
 * rt_printf(): the variadic front of rt_vprintf(), shared by the AArch64
 * guest library and the AArch32 test guests (each has its own console and
 * rt_vprintf).
 */
#include <guests/lib/console.h>

#include <stdarg.h>

int rt_printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = rt_vprintf(fmt, ap);
	va_end(ap);
	return n;
}
