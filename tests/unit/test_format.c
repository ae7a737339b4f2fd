// SPDX-License-Identifier: GPL-2.0-only
/*
 * lib/format.c: fmt_snprintf()/fmt_vsnprintf(), the only formatted output of
 * the image. Each conversion, flag and length modifier it documents, checked
 * against what C's snprintf gives, plus truncation and the returned length.
 */
#include <lib/format.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

/* Formats with both fmt_snprintf and libc snprintf and compares text and length. */
#define SAME(...)                                                                                  \
	do {                                                                                       \
		char a_[128], b_[128];                                                             \
		int na_ = fmt_snprintf(a_, sizeof(a_), __VA_ARGS__);                               \
		int nb_ = snprintf(b_, sizeof(b_), __VA_ARGS__);                                   \
		assert_string_equal(a_, b_);                                                       \
		assert_int_equal(na_, nb_);                                                        \
	} while (0)

/* Not format-checked by the compiler: for the malformed formats below. */
static int wrap(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

static void test_integers(void **state)
{
	SAME("%d", 0);
	SAME("%d %i", -42, 42);
	SAME("%d", -2147483647 - 1);
	SAME("%u", 4294967295u);
	SAME("%x %X", 0xbeefu, 0xbeefu);
	SAME("%ld", -1234567890123L);
	SAME("%lu", 18446744073709551615UL);
	SAME("%llx", 0xfedcba9876543210ULL);
	SAME("%lld", -9223372036854775807LL - 1);
	SAME("%zu", (size_t)123456789);
	SAME("%zx", (size_t)0xabc);
}

static void test_width_and_flags(void **state)
{
	SAME("[%5d]", 42);
	SAME("[%-5d]", 42);
	SAME("[%05d]", 42);
	SAME("[%05d]", -42);
	SAME("[%5d]", -42);
	SAME("[%08x]", 0x1234u);
	SAME("[%016llx]", 0x40200000ULL);
	SAME("[%2d]", 12345); /* width smaller than the number */
	SAME("[%8s]", "abc");
	SAME("[%-8s]", "abc");
	SAME("[%3c]", 'x');
	SAME("[%-3c]", 'x');
}

static void test_strings_chars_percent(void **state)
{
	SAME("%s", "hello");
	SAME("%s/%s", "", "x");
	SAME("%c%c%c", 'a', 'b', 'c');
	SAME("no conversion at all");
	SAME("%s: %s: %s", "/chosen/bulkhead/p0", "memory", "range 0x0-0xfff");
}

/* "%%" is a literal '%'. */
static void test_percent_literal(void **state)
{
	SAME("100%%");
	SAME("%d%% of %s", 50, "RAM");
}

static void test_null_string_and_pointer(void **state)
{
	char buf[64];

	wrap(buf, sizeof(buf), "%s", (const char *)NULL);
	assert_string_equal(buf, "(null)");
	fmt_snprintf(buf, sizeof(buf), "%p", (void *)(uintptr_t)0x40200000);
	assert_string_equal(buf, "0x40200000");
	fmt_snprintf(buf, sizeof(buf), "%p", (void *)0);
	assert_string_equal(buf, "0x0");
}

static void test_truncation(void **state)
{
	char buf[8];

	memset(buf, 'z', sizeof(buf));
	assert_int_equal(fmt_snprintf(buf, sizeof(buf), "%s", "0123456789"), 10);
	assert_string_equal(buf, "0123456"); /* always NUL-terminated */
	assert_int_equal(fmt_snprintf(buf, 1, "abc"), 3);
	assert_string_equal(buf, "");
	memset(buf, 'z', sizeof(buf));
	assert_int_equal(fmt_snprintf(buf, 0, "abc%d", 12), 5); /* size 0: nothing written */
	assert_int_equal(buf[0], 'z');
	assert_int_equal(fmt_snprintf(NULL, 0, "%llx", 0x123ULL), 3);
}

static void test_unknown_conversion(void **state)
{
	char buf[16];

	wrap(buf, sizeof(buf), "a%qb");
	assert_string_equal(buf, "a%qb"); /* printed as it is */
	wrap(buf, sizeof(buf), "end%");
	assert_string_equal(buf, "end%");
}

static void test_vsnprintf(void **state)
{
	char buf[32];

	assert_int_equal(wrap(buf, sizeof(buf), "%s=%u", "cpus", 4u), 6);
	assert_string_equal(buf, "cpus=4");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_width_and_flags),
		cmocka_unit_test(test_strings_chars_percent),
		cmocka_unit_test(test_percent_literal),
		cmocka_unit_test(test_null_string_and_pointer),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_unknown_conversion),
		cmocka_unit_test(test_vsnprintf),
	};

	return cmocka_run_group_tests_name("format", tests, NULL, NULL);
}
