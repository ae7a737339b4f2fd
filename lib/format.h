/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Formatted output for the image and the host alike: %d %i %u %x %X %p %s %c %%
 * with flags '-' '0', a width, and the length modifiers l, ll, z.
 */
#ifndef LIB_FORMAT_H
#define LIB_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

/* Like vsnprintf(): returns the length the output would have; always NUL-terminates. */
int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
