/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Partitions and their vCPUs at run time. Everything here is allocated
 * statically from the layout at boot; nothing is created afterwards.
 *
 * vCPU state machine (one physical core each, for life):
 *
 *   OFF --(guest PSCI CPU_ON from a sibling)--> ON_PENDING --(core wakes)--> RUNNING
 *   RUNNING --(PSCI CPU_OFF)--> OFF
 *   any --(partition stopped: fault, SYSTEM_OFF)--> STOPPED   (core parked at EL2)
 *
 * The partition's boot vCPU starts RUNNING; the others start OFF and are
 * parked at EL2 in a WFE loop until CPU_ON names them.
 */
#ifndef CORE_PARTITION_H
#define CORE_PARTITION_H

#include <arch/arm64/stage2.h>
#include <core/console.h>
#include <core/mmio.h>
#include <arch/arm64/spinlock.h>
#include <core/vuart.h>
#include <core/vwdt.h>
#include <gic/vgic.h>
#include <partitions/layout.h>

#include <stdint.h>

enum vcpu_state {
	VCPU_OFF,
	VCPU_ON_PENDING,
	VCPU_RUNNING,
	VCPU_STOPPED,
};

/*
 * Partition states, reported on the console at every change:
 *
 *   STARTING --(boot vCPU entered)--> RUNNING
 *   RUNNING --(SYSTEM_OFF, or a fault with policy "stop")--> STOPPED
 *   RUNNING --(SYSTEM_RESET, or a fault with policy "restart")--> RESTARTING --> STARTING
 *   RESTARTING --(restart budget of the fault policy used up)--> FAILED
 */
enum partition_state {
	PART_STARTING,
	PART_RUNNING,
	PART_STOPPED,
	PART_RESTARTING,
	PART_FAILED,
};

struct partition;

struct vcpu {
	struct partition *part;
	uint32_t id;              /* index in the partition = virtual MPIDR Aff0 */
	uint32_t cpu;             /* physical core (index in layout.cpus) */
	volatile uint32_t state;  /* enum vcpu_state */
	volatile uint32_t parked; /* parked at EL2 while its partition is down */
	uint64_t entry;           /* CPU_ON entry point and context */
	uint64_t context;
	struct console_line out;  /* console output being assembled */
	struct vgic_cpu vgic;
};

#define PARTITION_MAX_REGIONS 6

struct partition {
	const struct layout_partition *lp;
	struct s2_table s2;
	volatile uint32_t state; /* enum partition_state */
	struct vcpu vcpus[LAYOUT_MAX_CPUS];
	volatile uint32_t generation; /* bumped at every restart */
	uint32_t nr_lines, nr_lrs;
	uint32_t restarts;            /* restarts since boot */
	uint32_t psci_refused;        /* CPU_ON of cores it does not have */
	uint32_t window_restarts;     /* restarts in the current policy window */
	uint64_t window_start;        /* counter value when that window began */
	spinlock_t lock;              /* serializes life-cycle changes */
	struct vgic_dist vgic;
	struct vuart vuart;
	struct vwdt vwdt;
	uint32_t nregions;
	struct mmio_region regions[PARTITION_MAX_REGIONS]; /* emulated devices */
};

extern struct layout hyp_layout;
extern struct partition partitions[LAYOUT_MAX_PARTITIONS];

/* Build the partition's stage-2 map, copy its images, write its guest DTB. */
int partition_prepare(struct partition *p, const struct layout_partition *lp, uint32_t nr_lines,
		      uint32_t nr_lrs);

/* Reset a prepared partition to its power-on state (used at boot and restart). */
int partition_load(struct partition *p);

/* Run vCPU @v on this core: set up EL2 for it and enter (or wait for CPU_ON). */
void __attribute__((noreturn)) vcpu_run(struct vcpu *v);

/* Park @v's core at EL2 until its partition restarts, then run @v again. */
void __attribute__((noreturn)) vcpu_park(struct vcpu *v);

/* Record and report a state change. */
void partition_set_state(struct partition *p, enum partition_state s, const char *why);

/* Stop the calling vCPU's partition (SYSTEM_OFF, or a fault under policy "stop"). */
void __attribute__((noreturn)) partition_stop_current(const char *why);

/* Restart the calling vCPU's partition from its pristine images (SYSTEM_RESET). */
void __attribute__((noreturn)) partition_restart_current(const char *why);

/* An unhandled guest fault (already reported): apply the partition's fault policy. */
void __attribute__((noreturn)) partition_fault_current(const char *why);

/* The calling vCPU's partition is going down (a sibling stopped it): park. */
void __attribute__((noreturn)) partition_stop_sibling(void);

/* Park the calling core at EL2 forever (interrupts masked). */
void __attribute__((noreturn)) cpu_park(void);

/* The panic path: park every core Bulkhead runs. */
void __attribute__((noreturn)) hyp_halt_all(void);

#endif
