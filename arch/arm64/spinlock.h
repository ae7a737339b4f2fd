/* SPDX-License-Identifier: GPL-2.0-only */
/* A test-and-set spinlock on the load-acquire/store-release exclusives (Arm ARM B2.9). */
#ifndef ARCH_ARM64_SPINLOCK_H
#define ARCH_ARM64_SPINLOCK_H

#include <stdint.h>

#include <stdbool.h>

typedef struct {
	volatile uint32_t locked;
} spinlock_t;

#if defined(__aarch64__)

/*
 * Try first, wait (WFE) only when the lock is taken: a waiter is woken by the
 * holder's release clearing its exclusive monitor. Not "SEVL; WFE" first:
 * emulators (QEMU TCG) implement WFE as "run another vCPU", and an
 * uncontended lock must not give up the core.
 */
static inline void spin_lock(spinlock_t *l)
{
	uint32_t tmp, one = 1;

	__asm__ volatile("1:	ldaxr	%w0, [%1]\n"
			 "	cbnz	%w0, 2f\n"
			 "	stxr	%w0, %w2, [%1]\n"
			 "	cbnz	%w0, 1b\n"
			 "	b	3f\n"
			 "2:	wfe\n"
			 "	b	1b\n"
			 "3:\n"
			 : "=&r"(tmp)
			 : "r"(&l->locked), "r"(one)
			 : "memory");
}

static inline void spin_unlock(spinlock_t *l)
{
	__asm__ volatile("stlr wzr, [%0]" : : "r"(&l->locked) : "memory");
}

#else /* host builds of shared sources (unit tests, tools): the same semantics */
static inline void spin_lock(spinlock_t *l)
{
	while (__atomic_exchange_n(&l->locked, 1U, __ATOMIC_ACQUIRE))
		;
}

static inline void spin_unlock(spinlock_t *l)
{
	__atomic_store_n(&l->locked, 0U, __ATOMIC_RELEASE);
}
#endif

/* Take the lock only if it is free: never waits (console drain: core/console.c). */
static inline bool spin_trylock(spinlock_t *l)
{
	return __atomic_load_n(&l->locked, __ATOMIC_RELAXED) == 0 &&
	       __atomic_exchange_n(&l->locked, 1U, __ATOMIC_ACQUIRE) == 0;
}

static inline bool spin_is_locked(const spinlock_t *l)
{
	return __atomic_load_n(&l->locked, __ATOMIC_ACQUIRE) != 0;
}

#endif
