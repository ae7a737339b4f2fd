/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-core state. TPIDR_EL2 holds the running core's struct cpu; its first
 * two fields are read by assembly (vectors.S): the top of the core's EL2
 * stack and the top of its emergency stack.
 *
 * EL2 stacks (arch/arm64/stack.c): one slot per core, and one for boot, each
 * an unmapped guard page followed by the stack (CONFIG_STACK_SIZE). An
 * overflow faults in the guard page; the EL2 synchronous vector sees SP
 * below the stack and switches to the core's emergency stack to report it.
 */
#ifndef ARCH_ARM64_CPU_H
#define ARCH_ARM64_CPU_H

#include <arch/arm64/sysreg.h>
#include <lib/compiler.h>

#include <stdint.h>

struct vcpu;

/* Owner: boot.c fills cpus[] before the secondaries start; each core then reads its own. */
struct cpu {
	uint64_t stack_top;	/* must stay first: see vectors.S, head.S */
	uint64_t emergency_top; /* must stay second: see vectors.S */
	uint32_t index;		/* index in layout.cpus */
	uint64_t mpidr;		/* affinity fields */
	struct vcpu *vcpu;	/* the vCPU this core runs, NULL if none */
};

extern struct cpu cpus[CONFIG_MAX_CPUS];

static inline struct cpu *this_cpu(void)
{
	return (struct cpu *)read_sysreg(tpidr_el2);
}

/* Core-local EL2 set-up for @c: TPIDR_EL2, stack tops. */
void cpu_init_local(struct cpu *c);

/*
 * Reset SP to the top of this core's stack and call @fn(@arg) there:
 * whatever the caller had on its stack is gone. For paths that never return
 * (run a vCPU, park) so that they can follow each other without recursing.
 */
void __attribute__((noreturn)) cpu_call_on_fresh_stack(void (*fn)(void *), void *arg);

/* Park the calling core at EL2 forever (interrupts masked, WFI). */
void __attribute__((noreturn)) cpu_halt(void);

/* The panic path (lib/log.h panic()): halt the calling core; see arch/arm64/cpu.c. */
void __attribute__((noreturn)) hyp_halt_all(void);

/* EL2 stacks: paint them (boot core, before the others start); bytes used at most. */
void stacks_paint(void);
/* After mmu_enable: every guard page unmapped, every stack mapped (else panic). */
void stacks_check_guards(void);
uint64_t stack_high_water(uint32_t cpu);
uint64_t stack_size(void);

/* Firmware PSCI (SMC conduit; Bulkhead runs at EL2, so never HVC). */
int64_t psci_fw_cpu_on(uint64_t mpidr, uint64_t entry, uint64_t context);
uint64_t psci_fw_version(void);

/* Clean [addr, addr+size) to the point of coherency (for guests entered with caches off). */
void dcache_clean_range(uint64_t addr, uint64_t size);
/* Clean and invalidate [addr, addr+size) to the point of coherency. */
void dcache_clean_inval_range(uint64_t addr, uint64_t size);

/* EL2 stage-1: identity map used by every core. */
int __must_check mmu_map(uint64_t base, uint64_t size, int device);
/* Bulkhead's own image, without the stacks' guard pages. */
int __must_check mmu_map_image(void);
void mmu_enable(void);

#endif
