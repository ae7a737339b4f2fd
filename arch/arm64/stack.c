// SPDX-License-Identifier: GPL-2.0-only
/*
 * EL2 stacks: one slot per core plus one for the boot sequence, each a guard
 * page (left unmapped by mmu_map_image) below CONFIG_STACK_SIZE of stack, in
 * section .stacks (bulkhead.lds.S: between __stacks_start and __stacks_end).
 * The boot core paints every core's stack with a pattern before the others
 * start; the lowest word that lost the pattern gives the high-water mark
 * (BH_HVC_STACK_USAGE, docs/conventions.md).
 *
 * Owner: each core writes its own stack; stack_high_water() only reads
 * (a racy read of another core's stack is fine: the mark only grows).
 */
#include <arch/arm64/asm.h>
#include <arch/arm64/cpu.h>
#include <lib/log.h>

#include <stdbool.h>
#include <stddef.h>

_Static_assert(CONFIG_STACK_SIZE % STACK_GUARD_SIZE == 0, "stacks are whole pages");

struct stack_slot {
	uint8_t guard[STACK_GUARD_SIZE];
	uint64_t stack[CONFIG_STACK_SIZE / 8];
};

_Static_assert(sizeof(struct stack_slot) == STACK_SLOT, "asm.h STACK_SLOT");

/* [0, CONFIG_MAX_CPUS): the cores; [CONFIG_MAX_CPUS]: boot (head.S). */
struct stack_slot hyp_stacks[CONFIG_MAX_CPUS + 1]
	__attribute__((aligned(4096), section(".stacks")));

/* Small stacks for the overflow report (vectors.S), one per core and boot: each core its own. */
#define EMERGENCY_SIZE 4096
static uint8_t emergency_stacks[CONFIG_MAX_CPUS + 1][EMERGENCY_SIZE]
	__attribute__((aligned(16), section(".noinit")));

/*
 * TPIDR_EL2 of the boot core until it knows its index (head.S, then
 * cpu_init_local); constant (initialised data).
 */
struct cpu boot_cpu = {
	.stack_top = (uint64_t)(uintptr_t)&hyp_stacks[CONFIG_MAX_CPUS + 1],
	.emergency_top = (uint64_t)(uintptr_t)&emergency_stacks[CONFIG_MAX_CPUS + 1],
	.index = CONFIG_MAX_CPUS,
};

#define PAINT 0x57ac57ac57ac57acULL

void cpu_init_local(struct cpu *c)
{
	c->stack_top = (uint64_t)(uintptr_t)&hyp_stacks[c->index + 1];
	c->emergency_top = (uint64_t)(uintptr_t)&emergency_stacks[c->index + 1];
	write_sysreg(tpidr_el2, (uint64_t)(uintptr_t)c);
}

void stacks_paint(void)
{
	for (uint32_t c = 0; c < CONFIG_MAX_CPUS; c++)
		for (size_t i = 0; i < CONFIG_STACK_SIZE / 8; i++)
			hyp_stacks[c].stack[i] = PAINT;
	/*
	 * Secondaries start with their caches off and push their first frames
	 * straight to memory: no line of their stacks may stay in this core's
	 * cache (a later write-back, or a hit once their MMU is on, would bring
	 * the paint back over their frames). Clean and invalidate.
	 */
	dcache_clean_inval_range((uint64_t)(uintptr_t)hyp_stacks,
				 sizeof(hyp_stacks[0]) * CONFIG_MAX_CPUS);
}

/* Does the EL2 stage-1 map translate @va (AT S1E2R, Arm ARM C5.5; PAR_EL1.F = 0)? */
static bool el2_mapped(uint64_t va)
{
	uint64_t par;

	__asm__ volatile("at s1e2r, %0\n isb" : : "r"(va) : "memory");
	par = read_sysreg(par_el1);
	return !(par & 1);
}

void stacks_check_guards(void)
{
	for (uint32_t c = 0; c <= CONFIG_MAX_CPUS; c++) {
		uint64_t guard = (uint64_t)(uintptr_t)hyp_stacks[c].guard;

		if (el2_mapped(guard) || el2_mapped(guard + STACK_GUARD_SIZE - 8) ||
		    !el2_mapped((uint64_t)(uintptr_t)hyp_stacks[c].stack))
			panic("EL2 stack slot %u: guard page 0x%llx mapped, or stack not; nothing "
			      "started",
			      c, (unsigned long long)guard);
	}
}

uint64_t stack_high_water(uint32_t cpu)
{
	const volatile uint64_t *s;
	size_t i = 0;

	if (cpu >= CONFIG_MAX_CPUS)
		return 0;
	s = hyp_stacks[cpu].stack;
	while (i < CONFIG_STACK_SIZE / 8 && s[i] == PAINT)
		i++;
	return CONFIG_STACK_SIZE - 8 * i;
}

uint64_t stack_size(void)
{
	return CONFIG_STACK_SIZE;
}

/*
 * From vectors.S, on the emergency stack: an EL2 synchronous exception
 * taken with SP below the running stack (in its guard page, or beyond).
 */
void __attribute__((noreturn)) hyp_stack_overflow(uint64_t far, uint64_t sp);

void hyp_stack_overflow(uint64_t far, uint64_t sp)
{
	struct cpu *c = this_cpu();

	panic("EL2 stack overflow on core %u: SP 0x%llx, FAR 0x%llx, stack 0x%llx-0x%llx "
	      "(guard page below it)",
	      c->index, (unsigned long long)sp, (unsigned long long)far,
	      (unsigned long long)(c->stack_top - CONFIG_STACK_SIZE),
	      (unsigned long long)c->stack_top);
}
