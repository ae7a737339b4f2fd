// SPDX-License-Identifier: GPL-2.0-only
/*
 * vGIC injection: list registers, the overflow queue, SGIs between vCPUs.
 * Runs on the vCPU's own core except where noted; compiled for the host too.
 */
#include <gic/gic_regs.h>
#include <gic/vgic.h>

#include <string.h>

#define LR_STATE(lr) ((lr)&ICH_LR_STATE_MASK)
#define LR_PRIO(lr)  ((uint8_t)((lr) >> ICH_LR_PRIO_SHIFT))
#define LR_INTID(lr) ((uint32_t)((lr)&ICH_LR_VINTID_MASK))

void vgic_dist_init(struct vgic_dist *d, const char *name, uint32_t nr_lines)
{
	memset(d, 0, sizeof(*d));
	d->name = name;
	d->nr_lines = nr_lines > GIC_MAX_INTID ? GIC_MAX_INTID : nr_lines;
	memset(d->priority, 0, sizeof(d->priority));
}

void vgic_cpu_init(struct vgic_cpu *vc, struct vgic_dist *d, uint32_t id, uint32_t cpu,
		   uint32_t nr_lrs)
{
	memset(vc, 0, sizeof(*vc));
	vc->dist = d;
	vc->id = id;
	vc->cpu = cpu;
	vc->nr_lrs = nr_lrs > VGIC_MAX_LRS ? VGIC_MAX_LRS : nr_lrs;
	vc->ppi_edge = 0;
	vc->waker = GICR_WAKER_PROCESSOR_SLEEP | GICR_WAKER_CHILDREN_ASLEEP;
	if (id < VGIC_MAX_VCPUS) {
		d->vcpus[id] = vc;
		if (id + 1 > d->ncpus)
			d->ncpus = id + 1;
	}
}

static void set_bit32(uint32_t *map, uint32_t n)
{
	map[n / 32] |= 1U << (n % 32);
}

static bool test_bit32(const uint32_t *map, uint32_t n)
{
	return (map[n / 32] >> (n % 32)) & 1;
}

void vgic_own_hw_spi(struct vgic_dist *d, uint32_t intid)
{
	if (intid >= GIC_SPI_BASE && intid < d->nr_lines)
		set_bit32(d->hw_owned, intid);
}

void vgic_own_virtual_spi(struct vgic_dist *d, uint32_t intid, bool edge)
{
	if (intid < GIC_SPI_BASE || intid >= d->nr_lines)
		return;
	set_bit32(d->virt_owned, intid);
	d->virt_words |= 1U << (intid / 32);
	if (edge)
		set_bit32(d->virt_edge, intid);
}

bool vgic_owns(const struct vgic_dist *d, uint32_t intid)
{
	if (intid < GIC_SPI_BASE || intid >= d->nr_lines)
		return false;
	return test_bit32(d->hw_owned, intid) || test_bit32(d->virt_owned, intid);
}

static const char *const denial_names[VGIC_DENY_KINDS] = {
	[VGIC_DENY_ENABLE] = "enable",	   [VGIC_DENY_PEND] = "pend",
	[VGIC_DENY_ACTIVATE] = "activate", [VGIC_DENY_ROUTE] = "route",
	[VGIC_DENY_CONFIG] = "configure",  [VGIC_DENY_SGI] = "SGI to a core outside the partition",
};

void vgic_deny(struct vgic_dist *d, uint32_t intid, enum vgic_denial kind)
{
	uint32_t bit = 1U << kind;

	__atomic_fetch_add(&d->denied, 1, __ATOMIC_RELAXED);
	if (!log_first(&d->denied_kinds, bit))
		return;
	/* Linux routes every SPI at init, its own or not: a normal guest action. */
	vgic_hw_report(kind == VGIC_DENY_ROUTE ? LOG_DEBUG : LOG_WARNING,
		       "partition '%s': %s of INTID %u denied: not its interrupt (reported once, "
		       "counted)",
		       d->name, denial_names[kind], intid);
}

static uint8_t irq_priority(const struct vgic_cpu *vc, uint32_t intid)
{
	return intid < GIC_SPI_BASE ? vc->priority[intid] : vc->dist->priority[intid];
}

static uint64_t make_lr(uint32_t intid, uint8_t prio, bool hw)
{
	uint64_t lr = ICH_LR_PENDING | ICH_LR_GROUP1 | (uint64_t)prio << ICH_LR_PRIO_SHIFT | intid;

	if (hw)
		lr |= ICH_LR_HW | (uint64_t)intid << ICH_LR_PINTID_SHIFT;
	else if (intid >= GIC_SPI_BASE)
		lr |= ICH_LR_EOI; /* level of a virtual SPI is re-checked at EOI */
	return lr;
}

static bool queued(const struct vgic_cpu *vc, uint32_t intid)
{
	for (uint32_t k = 0; k < vc->nqueued; k++)
		if (vc->queue[k].intid == intid)
			return true;
	return false;
}

/*
 * Insert in priority order; equal priorities keep arrival order. An interrupt
 * evicted from a list register (@evicted) arrived before every queued one of
 * its priority, so it goes ahead of them.
 */
static bool queue_push(struct vgic_cpu *vc, uint32_t intid, uint8_t prio, bool hw, bool evicted)
{
	uint32_t i = vc->nqueued;

	if (queued(vc, intid))
		return true; /* already waiting */
	if (vc->nqueued == VGIC_QUEUE_MAX)
		return false;
	while (i > 0 && (vc->queue[i - 1].priority > prio ||
			 (evicted && vc->queue[i - 1].priority == prio))) {
		vc->queue[i] = vc->queue[i - 1];
		i--;
	}
	vc->queue[i] = (struct vgic_queued){(uint16_t)intid, prio, hw};
	vc->nqueued++;
	vc->overflowed++;
	return true;
}

static struct vgic_queued queue_pop(struct vgic_cpu *vc)
{
	struct vgic_queued q = vc->queue[0];

	vc->nqueued--;
	memmove(&vc->queue[0], &vc->queue[1], vc->nqueued * sizeof(vc->queue[0]));
	return q;
}

/* The list register holding @intid, or -1. */
static int find_lr(const struct vgic_cpu *vc, uint32_t intid, uint32_t empty)
{
	for (uint32_t n = 0; n < vc->nr_lrs; n++) {
		if (empty & (1U << n))
			continue;
		if (LR_INTID(vgic_hw_read_lr(n)) == intid)
			return (int)n;
	}
	return -1;
}

/* The pending-only list register with the worst priority, or -1. */
static int worst_pending_lr(const struct vgic_cpu *vc, uint8_t *prio)
{
	int worst = -1;

	for (uint32_t n = 0; n < vc->nr_lrs; n++) {
		uint64_t lr = vgic_hw_read_lr(n);

		if (LR_STATE(lr) != ICH_LR_PENDING)
			continue;
		if (worst < 0 || LR_PRIO(lr) > *prio) {
			worst = (int)n;
			*prio = LR_PRIO(lr);
		}
	}
	return worst;
}

static void update_underflow(struct vgic_cpu *vc)
{
	bool npie = false;

	/*
	 * While interrupts wait, ask for a maintenance interrupt as soon as no
	 * list register is pending (NPIE) -- the guest has taken them all -- and
	 * also when at most one is valid (UIE), which covers list registers that
	 * all hold active interrupts.
	 *
	 * NPIE is a level: with every list register active (nested handlers) it
	 * would stay asserted with no LR to refill, and the maintenance interrupt
	 * would fire again at once, for ever (the guest never runs to deactivate
	 * one). Then rely on UIE, which fires once the guest has unwound.
	 */
	if (vc->nqueued) {
		npie = (vgic_hw_empty_lrs() & ((1U << vc->nr_lrs) - 1)) != 0;
		for (uint32_t n = 0; n < vc->nr_lrs && !npie; n++)
			npie = (vgic_hw_read_lr(n) & ICH_LR_PENDING) != 0;
	}
	vgic_hw_set_underflow_irq(npie, vc->nqueued != 0);
}

/* Move the best waiting interrupts into the empty list registers @empty; returns those left. */
/* A level virtual SPI whose input is low: not to be delivered (withdraw_lowered()). */
static bool level_low(const struct vgic_dist *d, uint32_t intid)
{
	uint32_t w = intid / 32U;
	uint32_t bit = 1U << (intid % 32U);

	return vgic_owns(d, intid) && test_bit32(d->virt_owned, intid) &&
	       ((d->virt_edge[w] & bit) == 0U) &&
	       ((__atomic_load_n(&d->virt_level[w], __ATOMIC_ACQUIRE) & bit) == 0U);
}

static uint32_t refill(struct vgic_cpu *vc, uint32_t empty)
{
	while (empty && vc->nqueued) {
		struct vgic_queued q = queue_pop(vc);

		if ((q.hw == 0U) && level_low(vc->dist, q.intid))
			continue; /* its line dropped while it waited */
		vgic_hw_write_lr((uint32_t)__builtin_ctz(empty),
				 make_lr(q.intid, q.priority, q.hw != 0));
		empty &= empty - 1;
	}
	return empty;
}

/* Software interrupts already in an LR just become pending again. */
static bool repend_in_lr(struct vgic_cpu *vc, uint32_t intid, uint32_t empty)
{
	int n = find_lr(vc, intid, empty);
	uint64_t lr;

	if (n < 0)
		return false;
	lr = vgic_hw_read_lr((uint32_t)n);
	if (!(lr & ICH_LR_HW))
		vgic_hw_write_lr((uint32_t)n, lr | ICH_LR_PENDING);
	return true;
}

static void __attribute__((noinline))
inject_slow(struct vgic_cpu *vc, uint32_t intid, bool hw, uint32_t empty);

/*
 * The hot path: nothing waiting and every LR free, so the interrupt cannot be
 * in one already: LR 0 takes it. (A free LR alone is not enough: a hardware
 * interrupt normally stays active until the guest deactivates it through the
 * LR, but a guest write of GICD_ICACTIVER deactivates the physical interrupt
 * while an LR still holds it, and it can fire again; a second LR with the
 * same vINTID is UNPREDICTABLE. Found by tests/fuzz/fuzz_vgic.) It holds for
 * software interrupts too (an SGI, a virtual SPI): none is in an LR either.
 * Kept apart from inject_slow() so that it saves no registers.
 */
void vgic_inject(struct vgic_cpu *vc, uint32_t intid, bool hw)
{
	uint32_t all = (1U << vc->nr_lrs) - 1;
	uint32_t empty = vgic_hw_empty_lrs() & all;

	vc->injected++;
	if (__builtin_expect((vc->nqueued == 0U) && (empty == all), 1L) != 0L) {
		vgic_hw_write_lr(0, make_lr(intid, irq_priority(vc, intid), hw));
		return;
	}
	inject_slow(vc, intid, hw, empty);
}

static void inject_slow(struct vgic_cpu *vc, uint32_t intid, bool hw, uint32_t free_lrs)
{
	uint32_t empty = free_lrs;
	uint8_t prio = irq_priority(vc, intid), worst_prio = 0;
	bool waiting = vc->nqueued != 0;
	int victim;

	if (waiting) {
		/*
		 * LRs the guest freed before the maintenance interrupt came: what
		 * waits goes first (it is older, and may be better), and an
		 * interrupt already waiting is not put in an LR a second time.
		 */
		empty = refill(vc, empty);
		if (queued(vc, intid))
			goto out;
	}
	if (repend_in_lr(vc, intid, empty))
		goto out;
	if (empty) {
		vgic_hw_write_lr((uint32_t)__builtin_ctz(empty), make_lr(intid, prio, hw));
		goto out;
	}
	victim = worst_pending_lr(vc, &worst_prio);
	if (victim >= 0 && worst_prio > prio) {
		uint64_t old = vgic_hw_read_lr((uint32_t)victim);

		queue_push(vc, LR_INTID(old), LR_PRIO(old), (old & ICH_LR_HW) != 0, true);
		vgic_hw_write_lr((uint32_t)victim, make_lr(intid, prio, hw));
	} else {
		queue_push(vc, intid, prio, hw, false);
	}
out:
	if (waiting || vc->nqueued)
		update_underflow(vc);
}

/*
 * Inject the enabled virtual SPIs routed to this vCPU that are pending: level
 * ones while their level is high (re-checked when their EOI is signalled, LR
 * EOI bit), edge ones once per rising edge (virt_level latches the edge and
 * is consumed here).
 */
static void recheck_slow(struct vgic_cpu *vc);

/*
 * The common case (an IPI's kick, no virtual SPI pending and enabled) in a
 * leaf that saves nothing: only a word with a pending, enabled virtual SPI
 * needs the walk that injects.
 */
static void recheck_virtual_levels(struct vgic_cpu *vc)
{
	const struct vgic_dist *d = vc->dist;

	for (uint32_t words = d->virt_words; words != 0U; words &= words - 1U) {
		uint32_t w = (uint32_t)__builtin_ctz(words);

		if ((d->virt_level[w] & d->virt_enabled[w]) != 0U) {
			recheck_slow(vc);
			return;
		}
	}
}

static void __attribute__((noinline)) recheck_slow(struct vgic_cpu *vc)
{
	struct vgic_dist *d = vc->dist;

	/* Only the few words that hold virtual SPIs (IPIs come through here). */
	for (uint32_t words = d->virt_words; words; words &= words - 1) {
		uint32_t w = (uint32_t)__builtin_ctz(words);
		uint32_t bits = d->virt_level[w] & d->virt_enabled[w];

		while (bits) {
			uint32_t intid = w * 32 + (uint32_t)__builtin_ctz(bits);
			uint32_t bit = 1U << (intid % 32);

			bits &= bits - 1;
			if (d->route[intid] != vc->id)
				continue;
			if ((d->virt_edge[w] & bit) &&
			    !(__atomic_fetch_and(&d->virt_level[w], ~bit, __ATOMIC_ACQ_REL) & bit))
				continue;
			vgic_inject(vc, intid, false);
		}
	}
}

void vgic_maintenance(struct vgic_cpu *vc)
{
	uint32_t eoi = vgic_hw_eoi_lrs(), empty;

	/* An LR whose EOI was signalled stays in ICH_EISR_EL2 until rewritten. */
	for (; eoi; eoi &= eoi - 1)
		vgic_hw_write_lr((uint32_t)__builtin_ctz(eoi), 0);
	empty = vgic_hw_empty_lrs() & ((1U << vc->nr_lrs) - 1);
	refill(vc, empty);
	update_underflow(vc);
	recheck_virtual_levels(vc);
}

/* Drain SGIs other cores marked pending for this vCPU (kick handler). */
/*
 * Level virtual SPIs whose line dropped while they were pending in a list
 * register, not yet taken: the pending state goes (an active one stays until
 * the guest's EOI), as a GIC's does when a level input is deasserted before
 * the interrupt is acknowledged (IHI 0069 4.1.2). Without this, an INTx
 * acknowledged while the vCPU had interrupts masked still interrupted it
 * (attack4 review). One waiting in the overflow queue is dropped by refill().
 */
static void withdraw_lowered(struct vgic_cpu *vc)
{
	const struct vgic_dist *d = vc->dist;

	for (uint32_t n = 0; n < vc->nr_lrs; n++) {
		uint64_t lr = vgic_hw_read_lr(n);

		if (((lr & ICH_LR_PENDING) == 0ULL) || ((lr & ICH_LR_HW) != 0ULL) ||
		    !level_low(d, LR_INTID(lr)))
			continue;
		vgic_hw_write_lr(n,
				 (LR_STATE(lr) == ICH_LR_PENDING) ? 0ULL : (lr & ~ICH_LR_PENDING));
	}
}

void vgic_flush_pending(struct vgic_cpu *vc)
{
	uint32_t pending = __atomic_exchange_n(&vc->sgi_pending, 0, __ATOMIC_ACQ_REL);
	uint32_t enabled = __atomic_load_n(&vc->enabled, __ATOMIC_ACQUIRE);

	/*
	 * sw_pending is written here and cleared by any vCPU's GICR_ICPENDR0
	 * write (vgic_redist.c): both atomic, so neither loses the other's bits.
	 */
	if (__atomic_load_n(&vc->sw_pending, __ATOMIC_RELAXED) != 0U) /* rare: skip the RMW */
		pending |= __atomic_exchange_n(&vc->sw_pending, 0, __ATOMIC_ACQ_REL);
	if ((pending & ~enabled) != 0U)
		__atomic_fetch_or(&vc->sw_pending, pending & ~enabled, __ATOMIC_ACQ_REL);
	pending &= enabled;
	while (pending) {
		uint32_t sgi = (uint32_t)__builtin_ctz(pending);

		pending &= pending - 1;
		vgic_inject(vc, sgi, false);
	}
	if ((__atomic_load_n(&vc->lowered, __ATOMIC_RELAXED) != 0U) && /* rare: skip the RMW */
	    (__atomic_exchange_n(&vc->lowered, 0U, __ATOMIC_ACQ_REL) != 0U))
		withdraw_lowered(vc);
	recheck_virtual_levels(vc);
}

static void send_sgi(struct vgic_cpu *self, struct vgic_cpu *target, uint32_t sgi)
{
	__atomic_fetch_or(&target->sgi_pending, 1U << sgi, __ATOMIC_ACQ_REL);
	if (target == self)
		vgic_flush_pending(self);
	else
		vgic_hw_kick(target->cpu);
}

/*
 * ICC_SGI1R_EL1 (IHI 0069 12.2.23): INTID [27:24], IRM [40] (all but self),
 * Aff3 [55:48], RS [47:44], Aff2 [39:32], Aff1 [23:16], TargetList [15:0]
 * (Aff0 bits, 16 * RS + n).
 * A partition's vCPUs are Aff0 0..n-1 with the upper affinities zero, so a
 * target with non-zero Aff1..Aff3 names no vCPU of it and is ignored.
 */
void vgic_sgi1r_write(struct vgic_cpu *self, uint64_t value)
{
	struct vgic_dist *d = self->dist;
	uint32_t sgi = (uint32_t)(value >> 24) & 0xf;
	uint32_t targets = (uint32_t)value & 0xffff;
	bool all = (value >> 40) & 1;
	/* RS [47:44] != 0: the list names Aff0 16 * RS + n, beyond any partition's vCPUs. */
	bool upper = ((value >> 16) & 0xff) || ((value >> 32) & 0xff) || ((value >> 48) & 0xff) ||
		     ((value >> 44) & 0xf);

	uint32_t n = d->ncpus < VGIC_MAX_VCPUS ? d->ncpus : VGIC_MAX_VCPUS;
	uint32_t present = (n >= 32U) ? ~0U : ((1U << n) - 1U);
	/* The vCPUs hit, as a mask walked bit by bit (no loop over every vCPU). */
	uint32_t hit = all ? present : (upper ? 0U : (targets & present));

	while (hit != 0U) {
		uint32_t id = (uint32_t)__builtin_ctz(hit);

		hit &= hit - 1U;
		if ((d->vcpus[id] != NULL) && !(all && (id == self->id))) /* IRM: all but self */
			send_sgi(self, d->vcpus[id], sgi);
	}
	if (!all && ((!upper && (targets >> d->ncpus)) || (upper && targets)))
		vgic_deny(d, sgi, VGIC_DENY_SGI);
}

void vgic_set_level(struct vgic_dist *d, uint32_t intid, bool level)
{
	uint32_t bit = 1U << (intid % 32);
	uint32_t was;
	struct vgic_cpu *target;

	if (!test_bit32(d->virt_owned, intid))
		return;
	if (level)
		was = __atomic_fetch_or(&d->virt_level[intid / 32], bit, __ATOMIC_ACQ_REL);
	else
		was = __atomic_fetch_and(&d->virt_level[intid / 32], ~bit, __ATOMIC_ACQ_REL);
	target = d->vcpus[d->route[intid] < d->ncpus ? d->route[intid] : 0];
	if (!level) {
		/* A level line dropped: its target withdraws it if not yet taken (withdraw_lowered). */
		if (((was & bit) != 0U) && ((d->virt_edge[intid / 32U] & bit) == 0U) &&
		    (target != NULL)) {
			__atomic_store_n(&target->lowered, 1U, __ATOMIC_RELEASE);
			vgic_hw_kick(target->cpu);
		}
		return;
	}
	if ((was & bit) || !(d->virt_enabled[intid / 32] & bit))
		return;
	if (target)
		vgic_hw_kick(target->cpu);
}
