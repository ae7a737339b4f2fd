// SPDX-License-Identifier: GPL-2.0-only
/*
 * Entry and system calls of bhchan (sys.h). The kernel enters _start with
 * sp at argc, then argv[] (AArch64 ELF ABI, the process's initial stack).
 */
#include <guests/linux/bhchan/sys.h>

#include <lib/format.h>
#include <stdarg.h>
#include <string.h>

__asm__(".text\n"
	".global _start\n"
	"_start:\n"
	"	mov x29, #0\n"
	"	ldr x0, [sp]\n"	  /* argc */
	"	add x1, sp, #8\n" /* argv */
	"	bl bhchan_start\n");

void bhchan_start(long argc, char **argv);

void bhchan_start(long argc, char **argv)
{
	long rc = bhchan_main((int)argc, argv);

	(void)sys_call(SYS_EXIT_GROUP, rc, 0, 0, 0, 0, 0);
	for (;;) {
	}
}

long sys_call(long n, long a, long b, long c, long d, long e, long f)
{
	register long x8 __asm__("x8") = n;
	register long x0 __asm__("x0") = a;
	register long x1 __asm__("x1") = b;
	register long x2 __asm__("x2") = c;
	register long x3 __asm__("x3") = d;
	register long x4 __asm__("x4") = e;
	register long x5 __asm__("x5") = f;

	__asm__ volatile("svc #0"
			 : "+r"(x0)
			 : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5)
			 : "memory");
	return x0;
}

uint64_t sys_map(long fd, uint64_t len)
{
	long a = sys_call(SYS_MMAP, 0, (long)len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

	return ((a < 0) && (a > -4096)) ? 0U : (uint64_t)a;
}

uint64_t sys_now_ns(void)
{
	struct {
		long sec, nsec;
	} ts = {0, 0};

	(void)sys_call(SYS_CLOCK_GETTIME, CLOCK_MONO, (long)&ts, 0, 0, 0, 0);
	return ((uint64_t)ts.sec * 1000000000ULL) + (uint64_t)ts.nsec;
}

static void vput(long fd, const char *fmt, va_list ap)
{
	char buf[512];
	int n = fmt_vsnprintf(buf, sizeof(buf), fmt, ap);

	if (n > (int)sizeof(buf) - 1)
		n = (int)sizeof(buf) - 1;
	if (n > 0)
		(void)sys_write(fd, buf, (size_t)n);
}

void out(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vput(1, fmt, ap);
	va_end(ap);
}

void err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vput(2, fmt, ap);
	va_end(ap);
}

long read_file(const char *path, char *buf, size_t size)
{
	long fd = sys_open(path, O_RDONLY);
	long n;

	if (fd < 0)
		return fd;
	n = sys_read(fd, buf, size - 1U);
	(void)sys_close(fd);
	buf[(n > 0) ? n : 0] = '\0';
	return n;
}

long write_file(const char *path, const char *s)
{
	long fd = sys_open(path, O_WRONLY);
	long n;

	if (fd < 0)
		return fd;
	n = sys_write(fd, s, strlen(s));
	(void)sys_close(fd);
	return (n < 0) ? n : 0;
}
