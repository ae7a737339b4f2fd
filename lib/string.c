// SPDX-License-Identifier: GPL-2.0-only
/*
 * String and memory functions for the freestanding EL2 image. libfdt.a from
 * Debian needs exactly: memchr memcmp memcpy memmove memset strchr strlen
 * strnlen strrchr strtoul. Byte loops: the image is built with -mstrict-align
 * and these are not on a hot path.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)(uintptr_t)p;
	return NULL;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	/*
	 * Word copy when both are 8-byte aligned: guest images are megabytes
	 * (a Linux kernel and its initramfs at every load). 64 bytes per
	 * iteration with LDP/STP pairs: 12 instructions per 64 bytes, against
	 * 20 for the best the compiler makes of a C loop here (it emits single
	 * LDR/STR under -mstrict-align) and 40 for a word at a time.
	 */
	if ((((uintptr_t)d | (uintptr_t)s) & 7) == 0) {
#if defined(__aarch64__) /* the AArch32 test guests build this file too: C loop there */
		if (n >= 64) {
			uint64_t blocks = n / 64, a, b, c, e;

			__asm__ volatile("1:	ldp %[a], %[b], [%[s]]\n\t"
					 "ldp %[c], %[e], [%[s], #16]\n\t"
					 "stp %[a], %[b], [%[d]]\n\t"
					 "stp %[c], %[e], [%[d], #16]\n\t"
					 "ldp %[a], %[b], [%[s], #32]\n\t"
					 "ldp %[c], %[e], [%[s], #48]\n\t"
					 "add %[s], %[s], #64\n\t"
					 "stp %[a], %[b], [%[d], #32]\n\t"
					 "stp %[c], %[e], [%[d], #48]\n\t"
					 "add %[d], %[d], #64\n\t"
					 "subs %[n], %[n], #1\n\t"
					 "b.ne 1b"
					 : [a] "=&r"(a), [b] "=&r"(b), [c] "=&r"(c), [e] "=&r"(e),
					   [s] "+r"(s), [d] "+r"(d), [n] "+r"(blocks)
					 :
					 : "memory", "cc");
			n %= 64;
		}
#endif
		for (; n >= 8; n -= 8, d += 8, s += 8)
			*(uint64_t *)(void *)d = *(const uint64_t *)(const void *)s;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d == s || n == 0)
		return dst;
	if (d < s || d >= s + n)
		return memcpy(dst, src, n); /* forward: loads of a block precede its stores */
	/*
	 * Backward, a 32-bit word at a time when both are 4-byte aligned: libfdt
	 * opens room for every property and node it adds to a guest tree by
	 * moving the rest of the structure block up (offsets are 4-aligned).
	 */
	if ((((uintptr_t)d | (uintptr_t)s) & 3) == 0) {
		for (; n & 3; n--) /* the unaligned tail (e.g. the end of a strings block) */
			d[n - 1] = s[n - 1];
		for (; n; n -= 4)
			*(uint32_t *)(void *)(d + n - 4) =
				*(const uint32_t *)(const void *)(s + n - 4);
		return dst;
	}
	while (n--)
		d[n] = s[n];
	return dst;
}

void *memset(void *s, int c, size_t n)
{
	unsigned char *p = s;

	if (((uintptr_t)p & 7) == 0 && c == 0) {
		for (; n >= 32; n -= 32, p += 32) {
			uint64_t *w = (uint64_t *)(void *)p;

			w[0] = 0;
			w[1] = 0;
			w[2] = 0;
			w[3] = 0;
		}
		for (; n >= 8; n -= 8, p += 8)
			*(uint64_t *)(void *)p = 0;
	}
	while (n--)
		*p++ = (unsigned char)c;
	return s;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)(uintptr_t)s;
		if (!*s)
			return NULL;
	}
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)(uintptr_t)last;
	}
}

int strcmp(const char *a, const char *b)
{
	for (; *a && *a == *b; a++, b++)
		;
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n && *a && *a == *b; n--, a++, b++)
		;
	return n ? (unsigned char)*a - (unsigned char)*b : 0;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return (size_t)(p - s);
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

unsigned long strtoul(const char *s, char **end, int base)
{
	unsigned long v = 0;
	int d;

	while (*s == ' ' || *s == '\t')
		s++;
	if ((base == 0 || base == 16) && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
		base = 16;
	} else if (base == 0) {
		base = s[0] == '0' ? 8 : 10;
	}
	for (; (d = digit_value(*s)) < base; s++)
		v = v * (unsigned long)base + (unsigned long)d;
	if (end)
		*end = (char *)(uintptr_t)s;
	return v;
}
