/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Partitions and their vCPUs at run time. Everything here is allocated
 * statically from the layout at boot; nothing is created afterwards.
 *
 * The life cycles (partition and vCPU) are the tables of core/lc_fsm.h. A
 * handler that needs one to move never does it itself: it raises a request
 * on a vCPU (core/request.h) and the vCPU acts on it on its way back to the
 * guest (vcpu_return_path, called by arch/arm64/vectors.S after every
 * handler).
 *
 * Ownership (docs/design.md, "Who owns what"):
 *   struct partition   written at boot by boot.c (partition_prepare) before
 *                      any secondary core runs; afterwards:
 *     state            the life-cycle word: changed only by CAS (lc_part_event)
 *     generation, restarts, window_*, the reload (vGIC, devices, images)
 *                      the winner of the transition to RESTARTING alone,
 *                      until it publishes STARTING and bumps generation
 *                      (release); everybody else only reads
 *     psci_refused     atomic counter
 *     vgic, vuart, vwdt their own locks (gic/vgic.h, core/vuart.h, core/vwdt.h)
 *     regions          written at boot only (vdev attach)
 *   struct vcpu        its own core; but
 *     state            CAS / exchange only (core/lc_fsm.h: CPU_ON from a sibling)
 *     requests         atomic OR by anybody, exchanged to 0 by its own core
 *     entry, context,  written by the CPU_ON caller between claim and publish
 *     boot_entry       (and by partition_load while the partition is down)
 *     parked           its own core (release), read by the restart winner
 */
#ifndef CORE_PARTITION_H
#define CORE_PARTITION_H

#include <arch/arm64/cpu.h>
#include <arch/arm64/spinlock.h>
#include <arch/arm64/stage2.h>
#include <core/console.h>
#include <core/lc_fsm.h>
#include <core/mmio.h>
#include <core/vuart.h>
#include <core/vwdt.h>
#include <gic/vgic.h>
#include <partitions/layout.h>

#include <stdint.h>

struct partition;

struct vcpu {
	struct partition *part;
	uint32_t id;		    /* index in the partition = virtual MPIDR Aff0 */
	uint32_t cpu;		    /* physical core (index in layout.cpus) */
	volatile uint32_t state;    /* enum vcpu_state (core/lc_fsm.h) */
	volatile uint32_t requests; /* VCPU_REQ_* (core/request.h) */
	volatile uint32_t parked;   /* parked at EL2 while its partition is down */
	const char *why;	    /* reason of its own FAULT/STOP/RESTART request */
	uint64_t entry;		    /* CPU_ON entry point and context */
	uint64_t context;
	bool boot_entry;	 /* entry/context are the image's and DTB (load), not a CPU_ON's */
	struct console_line out; /* console output being assembled */
	struct vgic_cpu vgic;
};

/*
 * vGIC 2, PL011, watchdog, the channels' PCI ECAM window (core/vpci.c), flash
 * banks 2 (core/vdev_flash.c), and one doorbell page per channel (core/vchan.c).
 */
#define PARTITION_MAX_REGIONS (7 + LAYOUT_MAX_FLASH + LAYOUT_MAX_CHANNELS)

struct partition {
	const struct layout_partition *lp;
	struct s2_table s2;
	volatile uint32_t state; /* enum partition_state: CAS only (lc_part_event) */
	struct vcpu vcpus[LAYOUT_MAX_CPUS];
	volatile uint32_t generation; /* bumped at every restart */
	uint32_t nr_lines, nr_lrs;
	uint32_t restarts;	  /* restarts since boot */
	uint32_t psci_refused;	  /* CPU_ON of cores it does not have */
	uint32_t window_restarts; /* restarts in the current policy window */
	uint64_t window_start;	  /* counter value when that window began */
	uint64_t started;	  /* counter value when its boot vCPU last entered (status) */
	uint32_t faults;	  /* faults its policy was applied to (atomic counter) */
	struct vgic_dist vgic;
	struct vuart vuart;
	struct vwdt vwdt;
	uint32_t nregions;
	struct mmio_region regions[PARTITION_MAX_REGIONS]; /* emulated devices */
};

/*
 * The validated layout: read-only for everyone but boot.c, which fills it
 * before any partition is prepared (owner: core/boot.c, no lock: written
 * on the boot core before the others start, never after).
 */
extern const struct layout *const hyp_layout_ro;
#define hyp_layout (*hyp_layout_ro)

/* Owner: boot.c prepares them; then see "Ownership" above. */
extern struct partition partitions[LAYOUT_MAX_PARTITIONS];

/* Build the partition's stage-2 map, copy its images, write its guest DTB. */
int __must_check partition_prepare(struct partition *p, const struct layout_partition *lp,
				   uint32_t nr_lines, uint32_t nr_lrs);

/* Reset a prepared partition to its power-on state (used at boot and restart). */
int __must_check partition_load(struct partition *p);

/*
 * Run vCPU @v on this core: the stack is reset to the top of the core's stack
 * first, so nothing of the caller's stack survives. Waits for CPU_ON if the
 * vCPU is off, parks if its partition goes down meanwhile.
 */
void __attribute__((noreturn)) vcpu_run(struct vcpu *v);

/* Park @v's core at EL2 (fresh stack) until its partition restarts, then run @v again. */
void __attribute__((noreturn)) vcpu_park(struct vcpu *v);

/* Report a state change the caller made (it won the transition). */
void partition_report_state(struct partition *p, const char *why);

/* Life-cycle requests, acted on in vcpu_return_path (core/lifecycle.c). */
void __attribute__((noreturn))
lc_partition_event(struct vcpu *self, enum lc_event ev, const char *why);

/* Boot: reserve the life cycle's EL2 interrupt (the kick SGI). */
int __must_check lifecycle_boot(void);

/* The calling core's vCPU (NULL on a core that runs none). */
static inline struct vcpu *this_vcpu(void)
{
	return this_cpu()->vcpu;
}

#endif
