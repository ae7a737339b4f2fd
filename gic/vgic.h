/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The virtual GICv3 a partition sees (Arm IHI 0069 chapter 11, "Virtual
 * interrupt handling and prioritization").
 *
 * - Distributor: emulated (stage-2 leaves it unmapped, accesses trap and go
 *   through the register table in vgic_dist.c). A partition's SPIs are either
 *   hardware SPIs of the devices it owns (enable/pending/active/trigger live in
 *   the physical distributor, which Bulkhead programs for it) or virtual SPIs of
 *   emulated devices (their state lives here).
 * - Redistributors: emulated, one per vCPU (vgic_redist.c): SGIs and PPIs are
 *   virtual state, except the timer and PMU PPIs, which are passed through.
 * - CPU interface: the guest uses the ICV_* registers directly; SGI generation
 *   (ICC_SGI1R_EL1) traps and is checked (vgic_sgi.c).
 *
 * Injection goes through the list registers. Hardware interrupts are injected
 * with the HW bit and their physical INTID, so the guest's deactivation
 * deactivates the physical interrupt. When more interrupts are pending than
 * there are list registers, the extra ones wait in a per-vCPU overflow queue
 * ordered by priority; the lowest-priority pending list register is evicted
 * when a higher-priority interrupt arrives, and the queue refills the list
 * registers from the maintenance interrupt (ICH_HCR_EL2.NPIE / UIE).
 */
#ifndef GIC_VGIC_H
#define GIC_VGIC_H

#include <stdbool.h>
#include <stdint.h>

#include <gic/gicv3.h>
#include <lib/log.h>

#define VGIC_MAX_LRS   16
#define VGIC_QUEUE_MAX 64
#define VGIC_WORDS     (GIC_MAX_INTID / 32 + 1)
#define VGIC_MAX_VCPUS 16

struct vgic_dist;

/* An interrupt waiting for a list register. */
struct vgic_queued {
	uint16_t intid;
	uint8_t priority;
	uint8_t hw;
};

struct vgic_cpu {
	struct vgic_dist *dist;
	uint32_t id;  /* vCPU index = virtual MPIDR Aff0 */
	uint32_t cpu; /* physical core */
	uint32_t nr_lrs;

	uint32_t enabled;  /* SGI/PPI enable bits (virtual) */
	uint32_t ppi_edge; /* ICFGR1: PPIs configured edge */
	uint32_t waker;
	uint8_t priority[32];	       /* SGI/PPI priorities */
	volatile uint32_t sgi_pending; /* set by any core (atomic), drained here */
	uint32_t sw_pending; /* SGIs/PPIs pending, not yet injectable (atomic: any core clears) */
	uint32_t
		lowered; /* a level virtual SPI's line dropped (atomic: any core sets, drained here) */

	uint32_t nqueued;
	struct vgic_queued queue[VGIC_QUEUE_MAX]; /* sorted: best priority first */

	uint64_t injected; /* statistics */
	uint64_t overflowed;
};

/* Per-SPI attributes of the partition. */
struct vgic_dist {
	const char *name;  /* partition name, for reports */
	uint32_t nr_lines; /* SPIs + 32, as GICD_TYPER says */
	uint32_t ctlr;
	uint32_t ncpus;
	struct vgic_cpu *vcpus[VGIC_MAX_VCPUS];

	uint32_t hw_owned[VGIC_WORDS];	 /* SPIs of devices the partition owns */
	uint32_t virt_owned[VGIC_WORDS]; /* SPIs of emulated devices */
	uint32_t virt_words;		 /* bit w: virt_owned[w] is not empty */
	uint32_t virt_enabled[VGIC_WORDS];
	uint32_t virt_level[VGIC_WORDS]; /* input level of virtual SPIs */
	uint32_t virt_edge[VGIC_WORDS];
	uint8_t priority[GIC_MAX_INTID];
	uint8_t route[GIC_MAX_INTID]; /* target vCPU of each SPI */

	uint32_t denied;       /* accesses to interrupts it does not own */
	uint32_t denied_kinds; /* kinds already reported (one line each) */
	volatile uint32_t lock;
};

/*
 * Set-up at boot: @dist gets the partition's SPIs (hardware ones from its
 * devices, virtual ones from its emulated devices) and its vCPUs.
 */
void vgic_dist_init(struct vgic_dist *d, const char *name, uint32_t nr_lines);
void vgic_cpu_init(struct vgic_cpu *vc, struct vgic_dist *d, uint32_t id, uint32_t cpu,
		   uint32_t nr_lrs);
void vgic_own_hw_spi(struct vgic_dist *d, uint32_t intid);
void vgic_own_virtual_spi(struct vgic_dist *d, uint32_t intid, bool edge);
bool vgic_owns(const struct vgic_dist *d, uint32_t intid);

/* Register emulation: @offset within the frame; 0 or -errno (then the guest faults). */
int vgic_dist_access(struct vgic_dist *d, struct vgic_cpu *self, uint64_t offset, uint32_t size,
		     bool write, uint64_t *value);
int vgic_redist_access(struct vgic_cpu *vc, uint64_t offset, uint32_t size, bool write,
		       uint64_t *value);

/* Injection (on the vCPU's own core). */
void vgic_inject(struct vgic_cpu *vc, uint32_t intid, bool hw);
void vgic_maintenance(struct vgic_cpu *vc);
void vgic_flush_pending(struct vgic_cpu *vc);

/* A guest write of ICC_SGI1R_EL1 (trapped): SGIs to vCPUs of its own partition. */
void vgic_sgi1r_write(struct vgic_cpu *self, uint64_t value);

/* A virtual SPI's input changed (emulated device, any core). */
void vgic_set_level(struct vgic_dist *d, uint32_t intid, bool level);

/*
 * Record an access to an interrupt the partition does not own. It reads as
 * zero / is ignored; it is counted, and each kind is reported once.
 */
enum vgic_denial {
	VGIC_DENY_ENABLE,
	VGIC_DENY_PEND,
	VGIC_DENY_ACTIVATE,
	VGIC_DENY_ROUTE,
	VGIC_DENY_CONFIG,
	VGIC_DENY_SGI,
	VGIC_DENY_KINDS,
};
void vgic_deny(struct vgic_dist *d, uint32_t intid, enum vgic_denial kind);

/*
 * Hardware hooks, implemented by gic/vgic_hw.c in the image and by the host
 * unit tests: list registers, the empty-LR bitmap, ICH_HCR_EL2 maintenance
 * enables, kicking another core, and reporting.
 */
uint64_t vgic_hw_read_lr(uint32_t n);
void vgic_hw_write_lr(uint32_t n, uint64_t v);
uint32_t vgic_hw_empty_lrs(void);
uint32_t vgic_hw_eoi_lrs(void);
void vgic_hw_set_underflow_irq(bool npie, bool uie);
void vgic_hw_kick(uint32_t cpu);
/* A report line at a lib/log.h level (the host fakes record it). */
void vgic_hw_report(enum log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
