/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The bare-metal guest runtime: what start.S sets up and what guest programs
 * (hello.c, attacker.c) call.
 *
 * A guest is entered at EL1h with the MMU off and x0 = the guest-physical
 * address of its device tree; start.S clears .bss, installs the vectors and a
 * stack and calls guest_main(). Output goes through Bulkhead's console
 * hypercall (docs/conventions.md), which tags each line with the partition
 * name. Without a hypervisor (entered at EL2, or no EL2 at all), the runtime
 * notices that the hypercall is not there and writes to the PL011 at
 * 0x09000000 instead, so the guests also run on plain QEMU.
 */
#ifndef GUESTS_BAREMETAL_RT_RT_H
#define GUESTS_BAREMETAL_RT_RT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bulkhead's hypercalls (docs/conventions.md). */
#define BH_HVC_INFO	     0xc6000000UL
#define BH_HVC_CONSOLE_WRITE 0xc6000001UL
#define BH_HVC_CONSOLE_MAX   48 /* bytes per CONSOLE_WRITE */

#define SMCCC_NOT_SUPPORTED ((uint64_t)-1)

/* Saved by start.S on every exception: x0..x30, ELR_EL1, SPSR_EL1, pad. */
struct rt_frame {
	uint64_t x[31];
	uint64_t elr;
	uint64_t spsr;
	uint64_t pad;
};

struct rt_smccc_res {
	uint64_t a0, a1, a2, a3;
};

/* What BH_HVC_INFO returned; hypervisor == false when there is none. */
struct rt_info {
	bool hypervisor;
	uint32_t partition;
	uint32_t vcpu;
	uint32_t nvcpus;
};

/* Implemented by each guest program. */
void guest_main(const void *fdt);

/* Called by start.S. */
void rt_start(uint64_t dtb);
void rt_exception(struct rt_frame *f, uint64_t vector);

/* SMCCC call through HVC #0; x4..x17 may be clobbered (SMCCC 1.0). */
struct rt_smccc_res rt_hvc(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
			   uint64_t a5, uint64_t a6, uint64_t a7);

/* Console: whole lines are best (Bulkhead tags each line). */
void rt_write(const char *s, size_t len);
void rt_puts(const char *s);
int rt_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
bool rt_console_is_uart(void);

/* Partition and vCPU, from BH_HVC_INFO (MPIDR Aff0 without a hypervisor). */
struct rt_info rt_get_info(void);

/* The device tree from x0 (NULL if it is not a valid one). */
const void *rt_fdt(void);
/* /chosen/bootargs, or "" when absent. */
const char *rt_bootargs(void);
/* First /memory range (root #address-cells/#size-cells); false if none. */
bool rt_memory(uint64_t *base, uint64_t *size);

/*
 * Command line parameters "key=value" separated by spaces. rt_arg copies the
 * value of @key into @buf (NUL-terminated, truncated to @size) and returns
 * true when @key is present; rt_arg_u64 parses the value with strtoul base 0.
 */
bool rt_arg(const char *args, const char *key, char *buf, size_t size);
bool rt_arg_u64(const char *args, const char *key, uint64_t *value);

/* Generic timer: virtual counter and its frequency (62.5 MHz on QEMU virt). */
uint64_t rt_counter(void);
uint64_t rt_counter_freq(void);
void rt_wait_until(uint64_t count);

/* Current exception level (1 under Bulkhead). */
unsigned int rt_current_el(void);

/* Masks interrupts and waits forever. */
__attribute__((noreturn)) void rt_halt(void);

/* For libfdt.a, which is built with the stack protector. */
extern uintptr_t __stack_chk_guard;
__attribute__((noreturn)) void __stack_chk_fail(void);

#endif
