// SPDX-License-Identifier: GPL-2.0-only
/*
 * Partition life cycle at run time: requests, stop, restart, fault policy.
 *
 * Every change of a partition's state is one compare-and-swap on its state
 * word through the table of core/lc_fsm.h. A vCPU that wants its partition
 * to stop or restart (its own SYSTEM_OFF / SYSTEM_RESET, a fault, its
 * watchdog) sends the event from vcpu_return_path(); of several vCPUs that
 * do so at once exactly one wins the transition and does the work, the
 * others (and any vCPU whose request comes later) find the partition down
 * and park. Nobody waits on a lock: the loser of a race parks at once, with
 * its kick already taken.
 *
 * The winner of STOP (or FAIL): reports, takes every sibling down (their
 * vCPU state becomes STOPPED, they get a PARK request and a kick),
 * quiesces the partition's interrupts and devices, makes its DMA streams
 * abort, and parks for good.
 *
 * The winner of RESTART: checks the fault policy's budget (over it: FAIL),
 * takes the siblings down, waits (at most RESTART_PARK_WAIT_MS of counter
 * time) until each has parked (one that does not: FAIL, and FAILED is
 * final), quiesces, aborts DMA, scrubs, reloads from the pristine images,
 * attaches DMA again, sends RELOADED (-> STARTING) and bumps the partition's
 * generation: the parked siblings wake and run their vCPU again (waiting for
 * CPU_ON), the boot vCPU enters the guest. Other partitions are never
 * touched: they share no core, memory or interrupt with this one.
 */
#include <arch/arm64/asm.h>
#include <arch/arm64/cpu.h>
#include <arch/arm64/mem_scrub.h>
#include <arch/arm64/sysreg.h>
#include <core/console.h>
#include <core/hyp_irq.h>
#include <core/lc_fsm.h>
#include <core/partition.h>
#include <core/request.h>
#include <core/vdev.h>
#include <core/virq.h>
#include <gic/gicv3.h>
#include <gic/vgic_ppi.h>
#include <lib/compiler.h>
#include <lib/log.h>
#include <smmu/smmu.h>

#include <stddef.h>
#include <string.h>

/* How long the restart's winner waits for a sibling to park (Kconfig, docs/reliability.md). */
#define RESTART_PARK_WAIT_MS CONFIG_RESTART_PARK_WAIT_MS

void partition_report_state(struct partition *p, const char *why)
{
	enum partition_state s = (enum partition_state)__atomic_load_n(&p->state, __ATOMIC_ACQUIRE);

	if (why)
		log_info("partition '%s' %s (%s)", p->lp->name, lc_part_name(s), why);
	else
		log_info("partition '%s' %s", p->lp->name, lc_part_name(s));
	if (lc_part_final(s))
		console_partition_down(p);
}

void vcpu_make_request(struct vcpu *v, uint32_t req, const char *why)
{
	if (why)
		v->why = why;
	__atomic_fetch_or(&v->requests, req, __ATOMIC_RELEASE);
	if (v != this_vcpu()) {
		/* A core waiting at EL2 sees the SEV; one in its guest takes the SGI. */
		gic_send_sgi(v->cpu, GIC_SGI_KICK);
		sev();
	}
}

/* Every sibling's vCPU to STOPPED, with a PARK request (the winner only). */
static void take_down_siblings(struct partition *p, struct vcpu *self)
{
	for (uint32_t i = 0; i < p->lp->ncpus; i++) {
		struct vcpu *v = &p->vcpus[i];

		(void)vcpu_take_down(&v->state);
		if (v != self)
			vcpu_make_request(v, VCPU_REQ_PARK, NULL);
	}
	sev();
}

/* Wait, RESTART_PARK_WAIT_MS of counter time at most, until every sibling parked. */
static bool siblings_parked(struct partition *p, struct vcpu *self)
{
	uint64_t bound = read_sysreg(cntfrq_el0) / 1000 * RESTART_PARK_WAIT_MS;
	uint64_t start = read_sysreg(cntpct_el0);

	for (uint32_t i = 0; i < p->lp->ncpus; i++) {
		struct vcpu *v = &p->vcpus[i];

		while (v != self && !__atomic_load_n(&v->parked, __ATOMIC_SEQ_CST)) {
			if (read_sysreg(cntpct_el0) - start > bound)
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
	vdev_quiesce_all(p);
}

/*
 * Nothing of the previous life may leak into the next one: every RAM range is
 * zeroed with DC ZVA and cleaned to PoC (arch/arm64/mem_scrub.c, the same
 * code as the first-boot scrub), 2 MiB at a time with a YIELD hint in between
 * so that an emulator running all cores on one thread (QEMU TCG, -icount)
 * gives the other partitions' cores their turn during a long scrub.
 */
static void scrub_memory(struct partition *p)
{
	for (uint32_t i = 0; i < p->lp->nmem; i++)
		mem_scrub(p->lp->mem[i].phys, p->lp->mem[i].size);
}

/* The partition's DMA streams abort: 0, or the SMMU's error (reported). */
static int __must_check abort_streams(struct partition *p)
{
	int err = smmu_abort_partition(p->lp);

	if (err)
		log_info("partition '%s': its DMA streams could not be stopped (%d)", p->lp->name,
			 err);
	return err;
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

		if (q != p && lc_part_up((enum partition_state)q->state)) {
			smmu_route_irqs(q->lp->cpus[0]);
			log_info("SMMU interrupts moved to core %u (partition '%s')",
				 q->lp->cpus[0], q->lp->name);
			return;
		}
	}
}

/* Its DMA streams translated into its memory again (after a reload). */
static int __must_check attach_streams(struct partition *p)
{
	uint64_t vtcr = s2_vtcr(MMFR0_PARANGE(read_sysreg(id_aa64mmfr0_el1)));

	return smmu_attach_partition(p->lp, &p->s2, vtcr);
}

/* The fault policy's budget: restart_limit restarts per restart_window_ms (winner only). */
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

/* The partition is down for good: the winner of STOP or FAIL finishes here. */
static void __attribute__((noreturn))
finish_down(struct partition *p, struct vcpu *self, const char *why)
{
	partition_report_state(p, why);
	take_down_siblings(p, self);
	quiesce_interrupts(p);
	if (abort_streams(p)) /* reported: the partition is down either way */
		log_info("partition '%s': its devices may still do DMA", p->lp->name);
	move_smmu_irqs(p);
	vcpu_park(self);
}

/* Fail a restart in progress (RESTARTING -> FAILED, final). */
static void __attribute__((noreturn))
fail_restart(struct partition *p, struct vcpu *self, const char *why)
{
	if (!lc_part_event(&p->state, LC_FAIL, NULL))
		vcpu_park(self); /* cannot happen: only the winner moves RESTARTING */
	finish_down(p, self, why);
}

/* The winner of RESTART: reload the partition and run its vCPU again. */
static void __attribute__((noreturn))
do_restart(struct partition *p, struct vcpu *self, const char *why)
{
	if (!restart_allowed(p))
		fail_restart(p, self, "restart limit reached");
	partition_report_state(p, why);
	take_down_siblings(p, self);
	if (!siblings_parked(p, self))
		fail_restart(p, self, "a core did not stop");
	quiesce_interrupts(p);
	/* No DMA of the old life may land in the new one: abort before the scrub. */
	if (abort_streams(p))
		fail_restart(p, self, "its DMA could not be stopped");
	scrub_memory(p);
	if (partition_load(p))
		fail_restart(p, self, "reload failed");
	if (attach_streams(p))
		fail_restart(p, self, "its DMA streams could not be attached");
	p->restarts++;
	if (!lc_part_event(&p->state, LC_RELOADED, NULL))
		fail_restart(p, self, "state changed during the reload");
	partition_report_state(p, NULL);
	__atomic_fetch_add(&p->generation, 1, __ATOMIC_RELEASE);
	sev();
	vcpu_run(self);
}

void lc_partition_event(struct vcpu *self, enum lc_event ev, const char *why)
{
	struct partition *p = self->part;

	if (!lc_part_event(&p->state, ev, NULL))
		vcpu_park(self); /* somebody else won: the partition is going down */
	if (ev == LC_RESTART)
		do_restart(p, self, why);
	finish_down(p, self, why);
}

/* PSCI CPU_OFF, on the way back to the guest. */
static void __attribute__((noreturn)) cpu_off(struct vcpu *v)
{
	virq_vcpu_off(v);
	if (vcpu_off(&v->state)) {
		vdev_vcpu_off_all(v); /* e.g. the watchdog's deadline moves to a running vCPU */
		vcpu_run(v); /* waits for the next CPU_ON, then enters at its entry point */
	}
	vcpu_park(v); /* taken down meanwhile */
}

static void __attribute__((noreturn)) handle_life_cycle(struct vcpu *v, uint32_t r)
{
	const char *why = v->why ? v->why : "request";

	if (r & VCPU_REQ_STOP)
		lc_partition_event(v, LC_STOP, why);
	if (r & VCPU_REQ_RESTART)
		lc_partition_event(v, LC_RESTART, why);
	if (r & VCPU_REQ_FAULT) {
		__atomic_fetch_add(&v->part->faults, 1, __ATOMIC_RELAXED); /* Ctrl-] s */
		lc_partition_event(
			v, v->part->lp->fault_policy == LAYOUT_FAULT_RESTART ? LC_RESTART : LC_STOP,
			why);
	}
	if (r & VCPU_REQ_PARK)
		vcpu_park(v);
	cpu_off(v);
}

#define LIFE_CYCLE_REQS                                                                            \
	(VCPU_REQ_FAULT | VCPU_REQ_STOP | VCPU_REQ_RESTART | VCPU_REQ_PARK | VCPU_REQ_OFF)

_Static_assert(offsetof(struct cpu, vcpu) == CPU_VCPU, "arch/arm64/asm.h CPU_VCPU");
_Static_assert(offsetof(struct vcpu, requests) == VCPU_REQUESTS, "arch/arm64/asm.h VCPU_REQUESTS");
_Static_assert(offsetof(struct cpu, stack_top) == CPU_STACK_TOP, "arch/arm64/asm.h");
_Static_assert(offsetof(struct cpu, emergency_top) == CPU_EMERGENCY_TOP, "arch/arm64/asm.h");

/*
 * The one place where requests are acted on (core/request.h); the vectors
 * call it only when the requests word is not 0 (their test is the fast
 * path: none is repeated here).
 */
void vcpu_return_path(void)
{
	struct vcpu *v = this_vcpu();
	uint32_t r = __atomic_exchange_n(&v->requests, 0, __ATOMIC_ACQUIRE);

	if (r & VCPU_REQ_KICK)
		vdev_kick_all(v);
	if (r & LIFE_CYCLE_REQS)
		handle_life_cycle(v, r);
	/* A partition that is not up never gets its guest back. */
	if (unlikely(!lc_part_up((enum partition_state)v->part->state)))
		vcpu_park(v);
}

/* The kick SGI: pending virtual interrupts; requests are seen on the way out. */
static void kick_irq(uint32_t intid, void *arg)
{
	(void)intid;
	(void)arg;
	vgic_flush_pending(&this_vcpu()->vgic);
}

int lifecycle_boot(void)
{
	return hyp_irq_reserve(GIC_SGI_KICK, kick_irq, NULL, "kick");
}
