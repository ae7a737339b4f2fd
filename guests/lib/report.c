// SPDX-License-Identifier: GPL-2.0-only
/* The test-report protocol: see report.h. */
#include <guests/lib/console.h>
#include <guests/lib/report.h>
#include <lib/format.h>

/* Owned by the reporting core. */
static const char *test_prefix = "test";
static uint32_t passed, failed;

void rt_test_begin(const char *prefix)
{
	test_prefix = prefix;
	passed = 0;
	failed = 0;
}

bool rt_test(const char *name, bool ok, const char *fmt, ...)
{
	char detail[128];
	va_list ap;

	if (ok) {
		passed++;
		rt_printf("%s: PASS %s\n", test_prefix, name);
		return true;
	}
	failed++;
	va_start(ap, fmt);
	fmt_vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	rt_printf("%s: FAIL %s: %s\n", test_prefix, name, detail);
	return false;
}

uint32_t rt_test_done(void)
{
	rt_printf("%s: done passed=%u failed=%u\n", test_prefix, passed, failed);
	return failed;
}
