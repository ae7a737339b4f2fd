/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The benchmark guest: per-core state shared with the assembly, and the GIC
 * helpers (gic.c). See docs/performance.md for what is measured and how.
 */
#ifndef GUESTS_BENCH_BENCH_H
#define GUESTS_BENCH_BENCH_H

#define BENCH_MAX_CPUS	 2
#define BENCH_STACK_SIZE 16384
#define PERCPU_STACK_TOP 0 /* offsetof(struct percpu, stack_top) */
#define PERCPU_STAMP	 8 /* offsetof(struct percpu, stamp) */

#ifndef __ASSEMBLY__
#include <guests/rtos/platform.h>

#include <stdint.h>

struct percpu {
	uint64_t stack_top;	 /* secondary cores: their stack */
	volatile uint64_t stamp; /* CNTVCT at the last IRQ entry (vectors.S) */
	uint64_t mpidr;		 /* affinity as in MPIDR_EL1 (Aff3 at [39:32]) */
	uint64_t rd;		 /* this core's redistributor (RD_base) */
	uint32_t index;
	volatile uint32_t online;
	volatile uint32_t flag; /* set by the handler: timer fired / pong came */
	uint32_t pad;
};

_Static_assert(__builtin_offsetof(struct percpu, stack_top) == PERCPU_STACK_TOP, "asm");
_Static_assert(__builtin_offsetof(struct percpu, stamp) == PERCPU_STAMP, "asm");

/* MAIR, TCR, TTBR0, SCTLR of core 0, for the secondaries (head.S). */
struct mmu_shared {
	uint64_t mair, tcr, ttbr0, sctlr;
};

extern struct percpu percpu[BENCH_MAX_CPUS];
extern struct mmu_shared mmu_shared;

void bench_main(const void *fdt, uint64_t boot_el, uint64_t entry_pct, uint64_t entry_vct);
void secondary_main(struct percpu *pc);
void secondary_entry(void);
void bench_irq(struct percpu *pc);
void bench_exception(uint64_t kind, uint64_t esr, uint64_t elr, uint64_t far);

/* gic.c: distributor (once), then each core's redistributor and CPU interface. */
void gic_dist_init(uint64_t gicd);
uint64_t gic_find_rd(const struct platform *p, uint64_t mpidr);
void gic_cpu_init(uint64_t rd);
/* Enable an SGI or PPI (level-sensitive for PPIs) on this core's redistributor. */
void gic_enable_private(uint64_t rd, uint32_t intid);
uint32_t gic_ack(void);
void gic_eoi(uint32_t intid);
/* Send SGI @sgi to the core with affinity @mpidr (ICC_SGI1R_EL1). */
void gic_send_sgi(uint64_t mpidr, uint32_t sgi);
#endif

#endif
