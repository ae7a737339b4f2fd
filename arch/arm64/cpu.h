/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-core state. TPIDR_EL2 holds the running core's struct cpu; its first
 * field is the top of the core's EL2 stack (guest_enter in vectors.S reads it).
 */
#ifndef ARCH_ARM64_CPU_H
#define ARCH_ARM64_CPU_H

#include <arch/arm64/sysreg.h>
#include <stdint.h>

struct vcpu;

struct cpu {
	uint64_t stack_top; /* must stay first: see guest_enter */
	uint32_t index;     /* index in layout.cpus */
	uint64_t mpidr;     /* affinity fields */
	struct vcpu *vcpu;  /* the vCPU this core runs, NULL if none */
};

extern struct cpu cpus[CONFIG_MAX_CPUS];
extern uint8_t cpu_stacks[CONFIG_MAX_CPUS + 1][CONFIG_STACK_SIZE];

static inline struct cpu *this_cpu(void)
{
	return (struct cpu *)read_sysreg(tpidr_el2);
}

/* Core-local EL2 set-up for @c: TPIDR_EL2, stack top. */
void cpu_init_local(struct cpu *c);

/* Firmware PSCI (SMC conduit; Bulkhead runs at EL2, so never HVC). */
int64_t psci_fw_cpu_on(uint64_t mpidr, uint64_t entry, uint64_t context);
uint64_t psci_fw_version(void);

/* Clean [addr, addr+size) to the point of coherency (for guests entered with caches off). */
void dcache_clean_range(uint64_t addr, uint64_t size);

/* EL2 stage-1: identity map used by every core. */
int mmu_map(uint64_t base, uint64_t size, int device);
void mmu_enable(void);

#endif
