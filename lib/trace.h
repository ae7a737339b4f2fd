/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Errors are negative errno values. trace_error(-EINVAL) returns its argument
 * and, in debug builds (CONFIG_DEBUG), logs where it was raised:
 *     return trace_error(-EINVAL);
 * trace_error_at() is provided by the image (core/log.c) and by the host
 * harness (tools/host_trace.c), so shared sources can use it either way.
 */
#ifndef LIB_TRACE_H
#define LIB_TRACE_H

int trace_error_at(int err, const char *file, int line);

#if defined(CONFIG_DEBUG)
#define trace_error(err) trace_error_at((err), __FILE__, __LINE__)
#else
#define trace_error(err) (err)
#endif

#endif
