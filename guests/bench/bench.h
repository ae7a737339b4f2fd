/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The benchmark guest's per-core state. See docs/performance.md for what is
 * measured and how.
 */
#ifndef GUESTS_BENCH_BENCH_H
#define GUESTS_BENCH_BENCH_H

#include <stdint.h>

#define BENCH_MAX_CPUS 2

/* One per core, at TPIDR_EL1 while it runs; written by that core, except where said. */
struct percpu {
	volatile uint64_t stamp; /* CNTVCT at the last IRQ entry (the vector's frame->stamp) */
	uint64_t mpidr;		 /* affinity as in MPIDR_EL1 (Aff3 at [39:32]); by core 0 */
	uint64_t rd;		 /* this core's redistributor (RD_base) */
	uint32_t index;		 /* by core 0 */
	volatile uint32_t online;
	volatile uint32_t flag; /* set by the handler: timer fired / pong came */
	uint32_t pad;
};

extern struct percpu percpu[BENCH_MAX_CPUS];

#endif
