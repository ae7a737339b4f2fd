/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The guest library (guests/lib/): start-up, exceptions, console, device
 * tree, timer, GIC, PSCI, MMU and the test-report protocol for Bulkhead's
 * test and demo guests, in the manner of Jailhouse's inmates/lib.
 * docs/conventions.md ("The guest library") shows how a guest uses it.
 *
 * head.S enters a guest at EL1h (dropping from EL2 when booted there) with
 * the MMU off, .bss cleared, the vectors installed and a 16 KiB stack, and
 * calls guest_main(fdt). Returning from it halts the core.
 *
 * Every guest is single-threaded per core. State the library keeps is
 * written during start-up by the boot core (before any other core runs) or,
 * where a comment says so, by one core only.
 */
#ifndef GUESTS_LIB_RT_H
#define GUESTS_LIB_RT_H

#define RT_MAX_CPUS	 4  /* secondary stacks, by MPIDR Aff0 */
#define RT_STACK_SHIFT	 14 /* 16 KiB per core */
#define RT_STACK_SIZE	 (1 << RT_STACK_SHIFT)
#define RT_FALLBACK_UART 0x09000000 /* QEMU virt's PL011, when the device tree names none */

#ifndef __ASSEMBLY__
#include <guests/lib/console.h>
#include <guests/lib/exc.h>
#include <guests/lib/sysreg.h>
#include <guests/lib/timer.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Implemented by each guest: the boot core's program. */
void guest_main(const void *fdt);

/*
 * Optional (weak, default: halt): what a core started with
 * rt_cpu_on(mpidr, rt_secondary_entry, x0) runs, with that x0 and whatever x1
 * held (a guest may jump to rt_secondary_entry from its own entry stub after
 * setting x1).
 */
void guest_secondary(uint64_t x0, uint64_t x1);
void rt_secondary_entry(void);

/* How the guest was started (head.S). */
struct rt_boot {
	const void *fdt;    /* x0, NULL when it is not a valid device tree */
	unsigned int el;    /* exception level at entry: 2 on bare QEMU/U-Boot */
	uint64_t entry_pct; /* CNTPCT_EL0 at the first instruction */
	uint64_t entry_vct; /* CNTVCT_EL0 right after it */
};

const struct rt_boot *rt_boot(void);

/* Called by head.S. */
void rt_start(uint64_t dtb, uint64_t el, uint64_t pct, uint64_t vct);
void rt_secondary_start(uint64_t x0, uint64_t x1);

/* What BH_HVC_INFO returned; hypervisor == false when there is none. */
struct rt_info {
	bool hypervisor;
	uint32_t partition;
	uint32_t vcpu;
	uint32_t nvcpus;
};

/* Partition and vCPU, from BH_HVC_INFO (MPIDR Aff0 without a hypervisor). */
struct rt_info rt_get_info(void);

/* Current exception level (1 under Bulkhead). */
unsigned int rt_current_el(void);

/* Masks interrupts and waits forever. */
__attribute__((noreturn)) void rt_halt(void);

/*
 * Prints "<rt_name>: panic: <message>" (rt_name set: see console.h), powers
 * off through PSCI where there is PSCI, else halts.
 */
__attribute__((noreturn, format(printf, 1, 2))) void panic(const char *fmt, ...);

/* For libfdt.a, which is built with the stack protector. */
extern uintptr_t __stack_chk_guard;
__attribute__((noreturn)) void __stack_chk_fail(void);

#endif /* __ASSEMBLY__ */
#endif
