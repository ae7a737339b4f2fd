// SPDX-License-Identifier: GPL-2.0-only
/*
 * Partition life cycle at run time: stop, restart, fault policy.
 *
 * A partition goes down from one of its own cores (the one that faulted or
 * called PSCI SYSTEM_OFF / SYSTEM_RESET). That core takes the partition's
 * lock, changes the state, and kicks every sibling that runs a guest with
 * Bulkhead's SGI; a kicked sibling sees the state and parks at EL2
 * (vcpu_park). For a restart, the initiator waits until every sibling is
 * parked, quiesces the partition's interrupts, makes its DMA streams abort
 * (docs/smmu.md), scrubs its memory, reloads it from the pristine images,
 * attaches its DMA streams again, and bumps the partition's generation: the
 * parked siblings wake and wait for CPU_ON, and the boot vCPU enters the
 * guest again. A stopped or failed partition's streams abort.
 * Other partitions are never touched: they share no core, memory or
 * interrupt with this one.
 */
#include <arch/arm64/cpu.h>
#include <arch/arm64/sysreg.h>
#include <core/console.h>
#include <lib/log.h>
#include <core/partition.h>
#include <arch/arm64/spinlock.h>
#include <gic/gicv3.h>
#include <gic/vgic_ppi.h>
#include <smmu/smmu.h>

#include <string.h>

static const char *const state_names[] = {
	[PART_STARTING] = "starting", [PART_RUNNING] = "running",
	[PART_STOPPED] = "stopped",   [PART_RESTARTING] = "restarting",
	[PART_FAILED] = "failed",
};

void partition_set_state(struct partition *p, enum partition_state s, const char *why)
{
	p->state = s;
	dsb_ish();
	if (why)
		log_info("partition '%s' %s (%s)", p->lp->name, state_names[s], why);
	else
		log_info("partition '%s' %s", p->lp->name, state_names[s]);
	if (s == PART_STOPPED || s == PART_FAILED)
		console_partition_down(p);
}

static void lock_partition(struct partition *p)
{
	spin_lock(&p->lock);
}

static void unlock_partition(struct partition *p)
{
	spin_unlock(&p->lock);
}

/* Kick every sibling that runs the guest; wake those waiting for CPU_ON. */
static void take_down_siblings(struct partition *p, struct vcpu *self)
{
	for (uint32_t i = 0; i < p->lp->ncpus; i++) {
		struct vcpu *v = &p->vcpus[i];
		uint32_t was = __atomic_exchange_n(&v->state, VCPU_STOPPED, __ATOMIC_ACQ_REL);

		if (v != self && was == VCPU_RUNNING)
			gic_send_sgi(v->cpu, GIC_SGI_KICK);
	}
	sev();
}

/* Wait (bounded by the counter) until every sibling parked. */
static bool siblings_parked(struct partition *p, struct vcpu *self)
{
	uint64_t freq = read_sysreg(cntfrq_el0), start = read_sysreg(cntpct_el0);

	for (uint32_t i = 0; i < p->lp->ncpus; i++) {
		struct vcpu *v = &p->vcpus[i];

		while (v != self && !__atomic_load_n(&v->parked, __ATOMIC_ACQUIRE)) {
			if (read_sysreg(cntpct_el0) - start > freq)
				return false;
			yield_hint(); /* let QEMU run the sibling (and the others) */
		}
	}
	return true;
}

/* No interrupt of the partition may stay enabled, pending or active. */
static void quiesce_interrupts(struct partition *p)
{
	const struct layout_partition *lp = p->lp;

	for (uint32_t d = 0; d < lp->ndevices; d++) {
		for (uint32_t k = 0; k < lp->devices[d].nirqs; k++) {
			uint32_t intid = lp->devices[d].irqs[k];

			gicd_set_enable(intid, false);
			gicd_set_pending(intid, false);
			gicd_set_active(intid, false);
		}
	}
	for (uint32_t i = 0; i < lp->ncpus; i++) {
		for (uint32_t ppi = VGIC_PASSTHROUGH_PPIS; ppi; ppi &= ppi - 1) {
			uint32_t intid = (uint32_t)__builtin_ctz(ppi);

			gicr_set_enable(lp->cpus[i], intid, false);
			gicr_set_pending(lp->cpus[i], intid, false);
			gicr_set_active(lp->cpus[i], intid, false);
		}
	}
}

/*
 * Nothing of the previous life may leak into the next one. Scrubbing hundreds
 * of MiB takes a while: it goes 2 MiB at a time with a YIELD hint in between,
 * which costs nothing on real cores and lets an emulator that runs all cores
 * on one thread (QEMU TCG with -icount) give the other partitions' cores
 * their turn instead of stalling them for the whole scrub.
 */
#define SCRUB_CHUNK 0x200000ULL

static void scrub_memory(struct partition *p)
{
	for (uint32_t i = 0; i < p->lp->nmem; i++) {
		const struct layout_mem *m = &p->lp->mem[i];

		for (uint64_t off = 0; off < m->size; off += SCRUB_CHUNK) {
			uint64_t n = MIN(SCRUB_CHUNK, m->size - off);

			memset((void *)(uintptr_t)(m->phys + off), 0, n);
			dcache_clean_range(m->phys + off, n);
			yield_hint();
		}
	}
}

/*
 * The partition's DMA streams abort (no device of it may write anywhere any
 * more): false if the SMMU did not confirm it.
 */
static bool abort_streams(struct partition *p)
{
	int err = smmu_abort_partition(p->lp);

	if (err)
		log_info("partition '%s': its DMA streams could not be stopped (%d)", p->lp->name,
			 err);
	return !err;
}

/*
 * A partition that stops for good parks its cores with interrupts masked: if
 * the SMMU's interrupts go to one of them, move them to the boot core of a
 * partition that still runs, so that other partitions' DMA faults are still
 * reported.
 */
static void move_smmu_irqs(struct partition *p)
{
	uint32_t cpu = smmu_irq_cpu();
	bool ours = false;

	for (uint32_t i = 0; i < p->lp->ncpus; i++)
		ours |= p->lp->cpus[i] == cpu;
	if (!ours)
		return;
	for (uint32_t i = 0; i < hyp_layout.nparts; i++) {
		struct partition *q = &partitions[i];

		if (q != p && (q->state == PART_RUNNING || q->state == PART_STARTING)) {
			smmu_route_irqs(q->lp->cpus[0]);
			log_info("SMMU interrupts moved to core %u (partition '%s')", q->lp->cpus[0],
				 q->lp->name);
			return;
		}
	}
}

/* Its DMA streams translated into its memory again (after a reload). */
static int attach_streams(struct partition *p)
{
	uint64_t vtcr = s2_vtcr(MMFR0_PARANGE(read_sysreg(id_aa64mmfr0_el1)));

	return smmu_attach_partition(p->lp, &p->s2, vtcr);
}

void partition_stop_current(const char *why)
{
	struct vcpu *self = this_cpu()->vcpu;
	struct partition *p = self->part;

	lock_partition(p);
	if (p->state != PART_STOPPED && p->state != PART_FAILED)
		partition_set_state(p, PART_STOPPED, why);
	take_down_siblings(p, self);
	quiesce_interrupts(p);
	abort_streams(p);
	move_smmu_irqs(p);
	unlock_partition(p);
	vcpu_park(self);
}

void partition_stop_sibling(void)
{
	vcpu_park(this_cpu()->vcpu);
}

/* The fault policy's budget: restart_limit restarts per restart_window_ms. */
static bool restart_allowed(struct partition *p)
{
	const struct layout_partition *lp = p->lp;
	uint64_t now = read_sysreg(cntpct_el0);
	uint64_t window = read_sysreg(cntfrq_el0) / 1000 * lp->restart_window_ms;

	if (lp->restart_window_ms && now - p->window_start > window) {
		p->window_start = now;
		p->window_restarts = 0;
	}
	if (lp->restart_limit && p->window_restarts >= lp->restart_limit)
		return false;
	p->window_restarts++;
	return true;
}

void partition_restart_current(const char *why)
{
	struct vcpu *self = this_cpu()->vcpu;
	struct partition *p = self->part;

	lock_partition(p);
	if (!restart_allowed(p)) {
		partition_set_state(p, PART_FAILED, "restart limit reached");
		take_down_siblings(p, self);
		quiesce_interrupts(p);
		abort_streams(p);
		move_smmu_irqs(p);
		unlock_partition(p);
		vcpu_park(self);
	}
	partition_set_state(p, PART_RESTARTING, why);
	take_down_siblings(p, self);
	if (!siblings_parked(p, self)) {
		partition_set_state(p, PART_FAILED, "a core did not stop");
		abort_streams(p);
		move_smmu_irqs(p);
		unlock_partition(p);
		vcpu_park(self);
	}
	quiesce_interrupts(p);
	/* No DMA of the old life may land in the new one: abort before the scrub. */
	if (!abort_streams(p)) {
		partition_set_state(p, PART_FAILED, "its DMA could not be stopped");
		move_smmu_irqs(p);
		unlock_partition(p);
		vcpu_park(self);
	}
	scrub_memory(p);
	if (partition_load(p)) {
		partition_set_state(p, PART_FAILED, "reload failed");
		move_smmu_irqs(p);
		unlock_partition(p);
		vcpu_park(self);
	}
	if (attach_streams(p)) {
		partition_set_state(p, PART_FAILED, "its DMA streams could not be attached");
		move_smmu_irqs(p);
		unlock_partition(p);
		vcpu_park(self);
	}
	p->restarts++;
	partition_set_state(p, PART_STARTING, NULL);
	__atomic_fetch_add(&p->generation, 1, __ATOMIC_ACQ_REL);
	sev();
	unlock_partition(p);
	vcpu_run(self);
}

void partition_fault_current(const char *why)
{
	struct vcpu *self = this_cpu()->vcpu;

	if (self->part->lp->fault_policy == LAYOUT_FAULT_RESTART)
		partition_restart_current(why);
	partition_stop_current(why);
}
