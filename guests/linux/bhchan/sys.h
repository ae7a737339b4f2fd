/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The few Linux system calls bhchan needs (AArch64: number in x8, arguments
 * in x0..x5, `svc #0`, result in x0, -errno on failure), so that the tool is
 * a static freestanding binary built with the project's own flags, string
 * functions and formatter (lib/), with no C library to install.
 */
#ifndef GUESTS_LINUX_BHCHAN_SYS_H
#define GUESTS_LINUX_BHCHAN_SYS_H

#include <stddef.h>
#include <stdint.h>

#define SYS_OPENAT	  56
#define SYS_CLOSE	  57
#define SYS_GETDENTS64	  61
#define SYS_READ	  63
#define SYS_WRITE	  64
#define SYS_PWRITE64	  68
#define SYS_EXIT_GROUP	  94
#define SYS_CLOCK_GETTIME 113
#define SYS_MUNMAP	  215
#define SYS_MMAP	  222

#define AT_FDCWD    (-100)
#define O_RDONLY    0
#define O_WRONLY    1
#define O_RDWR	    2
#define O_CREAT	    0100
#define O_TRUNC	    01000
#define O_DIRECTORY 040000 /* arm64 (arch/arm64/include/uapi/asm/fcntl.h) */
#define O_CLOEXEC   02000000
#define PROT_READ   1
#define PROT_WRITE  2
#define MAP_SHARED  1
#define CLOCK_MONO  1
#define SYS_EEXIST  17
#define SYS_ENOENT  2

long sys_call(long n, long a, long b, long c, long d, long e, long f);

static inline long sys_open(const char *path, long flags)
{
	return sys_call(SYS_OPENAT, AT_FDCWD, (long)path, flags | O_CLOEXEC, 0644, 0, 0);
}

static inline long sys_read(long fd, void *buf, size_t n)
{
	return sys_call(SYS_READ, fd, (long)buf, (long)n, 0, 0, 0);
}

static inline long sys_write(long fd, const void *buf, size_t n)
{
	return sys_call(SYS_WRITE, fd, (long)buf, (long)n, 0, 0, 0);
}

static inline long sys_close(long fd)
{
	return sys_call(SYS_CLOSE, fd, 0, 0, 0, 0, 0);
}

/* A shared read-write mapping of @len bytes of @fd: its address, or 0. */
uint64_t sys_map(long fd, uint64_t len);

/* CLOCK_MONOTONIC in nanoseconds. */
uint64_t sys_now_ns(void);

/* Prints to stdout / stderr (lib/format.c's formats). */
void out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Reads a small file into @buf (NUL-terminated): its length, or a negative errno. */
long read_file(const char *path, char *buf, size_t size);

/* Writes @s to a sysfs file: 0 or a negative errno. */
long write_file(const char *path, const char *s);

/* The program (bhchan.c): argc, argv as the kernel passed them. */
int bhchan_main(int argc, char **argv);

#endif
