// SPDX-License-Identifier: GPL-2.0-only
/*
 * trace_error_at() for host builds (bulkhead-check, unit tests): the image has
 * its own in core/. Prints where an error was raised when BULKHEAD_TRACE is set.
 */
#include <lib/trace.h>
#include <stdio.h>
#include <stdlib.h>

int trace_error_at(int err, const char *file, int line)
{
	if (getenv("BULKHEAD_TRACE"))
		fprintf(stderr, "trace: %s:%d: error %d\n", file, line, err);
	return err;
}
