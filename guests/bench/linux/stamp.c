// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench-stamp: print the virtual counter from Linux user space (EL0 may read
 * CNTVCT_EL0: Linux sets CNTKCTL_EL1.EL0VCTEN), for the Linux boot-time
 * figures of docs/performance.md. Static, no C library:
 *
 *   bench-stamp <tag>   ->   bench-linux: <tag> cntvct=<n>
 */
#include <stdint.h>

int stamp_main(long argc, char **argv);

__asm__(".text\n"
	".global _start\n"
	"_start:\n"
	"	mov	x29, #0\n"
	"	mov	x30, #0\n"
	"	ldr	x0, [sp]\n"
	"	add	x1, sp, #8\n"
	"	bl	stamp_main\n"
	"	mov	x8, #94\n" /* exit_group */
	"	svc	#0\n");

static void write_all(const char *s, unsigned long n)
{
	register long x0 __asm__("x0") = 1;
	register const char *x1 __asm__("x1") = s;
	register unsigned long x2 __asm__("x2") = n;
	register long x8 __asm__("x8") = 64; /* write */

	__asm__ volatile("svc #0" : "+r"(x0) : "r"(x1), "r"(x2), "r"(x8) : "memory");
}

static char *append(char *p, const char *s)
{
	while (*s)
		*p++ = *s++;
	return p;
}

static char *append_u64(char *p, uint64_t v)
{
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		*p++ = tmp[--n];
	return p;
}

int stamp_main(long argc, char **argv)
{
	char line[160], *p = line;
	uint64_t vct;
	const char *tag = argc > 1 ? argv[1] : "stamp";

	__asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(vct) : : "memory");
	p = append(p, "bench-linux: ");
	for (int i = 0; tag[i] && i < 32; i++)
		*p++ = tag[i];
	p = append(p, " cntvct=");
	p = append_u64(p, vct);
	*p++ = '\n';
	write_all(line, (unsigned long)(p - line));
	return 0;
}
