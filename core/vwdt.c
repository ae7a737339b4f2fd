// SPDX-License-Identifier: GPL-2.0-only
/*
 * An emulated SBSA Generic Watchdog (Arm DEN0029 "Server Base System
 * Architecture", section "Generic Watchdog"), one per partition, so Linux's
 * sbsa_gwdt driver (and busybox `watchdog`) and a bare-metal RTOS can arm it.
 * The registers are core/vwdt_model.c's; this is the glue: its lock, its
 * timer, its interrupt and its place among the emulated devices (core/vdev.h).
 *
 * Deadlines are kept by the EL2 physical timer (CNTHP, PPI 26) of the core of
 * one running vCPU of the partition, the keeper (the boot vCPU at every
 * load). A guest that hangs with its interrupts masked still traps there
 * (HCR_EL2.IMO routes physical interrupts to EL2), so the watchdog fires;
 * there is no periodic tick while the watchdog is idle. A vCPU on another
 * core that changes the registers raises VCPU_REQ_KICK on the keeper, whose
 * core then re-programs its timer (vwdt_kick). The keeper powering off
 * (PSCI CPU_OFF: its core then waits with interrupts masked, its timer
 * cleared) hands the deadline to another running vCPU (vwdt_vcpu_off), or the
 * watchdog would die with it. The second expiry (WS1) raises VCPU_REQ_FAULT
 * on the keeper: the life cycle applies the fault policy on the way back to
 * the guest, never from here.
 */
#include <arch/arm64/cpu.h>
#include <arch/arm64/sysreg.h>
#include <core/hyp_irq.h>
#include <core/mmio.h>
#include <core/partition.h>
#include <core/request.h>
#include <core/vdev.h>
#include <core/vwdt.h>
#include <gic/vgic.h>
#include <lib/log.h>

#define CNTHP_CTL_ENABLE 1ULL

static uint64_t now(void)
{
	return read_sysreg(cntpct_el0);
}

static struct vcpu *keeper(const struct vwdt *w)
{
	return &w->part->vcpus[__atomic_load_n(&w->keeper, __ATOMIC_ACQUIRE)];
}

/* Program this core's EL2 timer from the registers (the keeper's core only). */
static void program_timer(struct vwdt *w)
{
	uint64_t when;
	bool armed;

	spin_lock(&w->lock);
	armed = vwdt_model_deadline(&w->regs, &when);
	spin_unlock(&w->lock);
	if (!armed) {
		write_sysreg(cnthp_ctl_el2, 0);
		return;
	}
	write_sysreg(cnthp_cval_el2, when);
	write_sysreg(cnthp_ctl_el2, CNTHP_CTL_ENABLE);
	isb();
}

/* Carry out the model's effects (no lock held: vGIC and requests take their own). */
static void apply(struct vcpu *v, struct vwdt *w, uint32_t effects)
{
	struct vcpu *k = keeper(w);

	if (effects & VWDT_IRQ_LOWER)
		vgic_set_level(&w->part->vgic, VWDT_SPI_INTID, false);
	if (effects & VWDT_IRQ_RAISE)
		vgic_set_level(&w->part->vgic, VWDT_SPI_INTID, true);
	if (effects & VWDT_RESET) {
		write_sysreg(cnthp_ctl_el2, 0);
		log_info("partition '%s' fault: watchdog expired (no refresh for 2 x %u ticks)",
			 w->part->lp->name, w->regs.wor);
		vcpu_make_request(v, VCPU_REQ_FAULT, "watchdog"); /* the keeper: it runs */
		return;
	}
	if (effects & VWDT_REARM) {
		if (v == k)
			program_timer(w);
		else
			vcpu_make_request(k, VCPU_REQ_KICK, NULL);
	}
}

static int vwdt_access(struct vcpu *v, struct mmio_access *a, void *dev)
{
	struct vwdt *w = dev;
	uint32_t effects;
	int err;

	spin_lock(&w->lock);
	err = vwdt_model_access(&w->regs, a->offset, a->size, a->write, &a->value, now(), &effects);
	spin_unlock(&w->lock);
	if (!err)
		apply(v, w, effects);
	return err;
}

/* The EL2 timer fired on this core (PPI 26). */
static void timer_irq(uint32_t intid, void *arg)
{
	struct vcpu *v = this_vcpu();
	struct vwdt *w = &v->part->vwdt;
	uint32_t effects;

	(void)intid;
	(void)arg;
	if (v != keeper(w)) { /* only the keeper's core keeps the deadline */
		write_sysreg(cnthp_ctl_el2, 0);
		return;
	}
	spin_lock(&w->lock);
	effects = vwdt_model_expire(&w->regs, now());
	spin_unlock(&w->lock);
	apply(v, w, effects);
}

/* VCPU_REQ_KICK on a vCPU: the keeper's core re-programs its timer. */
static void vwdt_kick(struct vcpu *v)
{
	if (v == keeper(&v->part->vwdt))
		program_timer(&v->part->vwdt);
}

/* Running, or powering on (CPU_ON under way: the kick waits for it in the GIC). */
static bool running(const struct vcpu *v)
{
	uint32_t s = __atomic_load_n(&v->state, __ATOMIC_SEQ_CST);

	return (s == VCPU_RUNNING) || (s == VCPU_ON_PENDING) || (s == VCPU_CLAIMED);
}

/*
 * vCPU @v powered off (its state is OFF already). If it kept the deadline,
 * hand it to a running vCPU, which re-programs its own timer on the kick. A
 * vCPU chosen while it was powering off too is passed over on the recheck
 * (seq-cst: of two vCPUs going off at once, one sees the other OFF); none
 * running: nothing of the partition runs, nothing can hang unseen.
 */
static void vwdt_vcpu_off(struct vcpu *v)
{
	struct partition *p = v->part;
	uint32_t n = p->lp->ncpus;
	uint32_t cur = __atomic_load_n(&p->vwdt.keeper, __ATOMIC_SEQ_CST);

	/* Until a running vCPU keeps it, or none runs: n rounds at most. */
	for (uint32_t round = 0; (round < n) && !running(&p->vcpus[cur]); round++) {
		uint32_t k = n;
		bool moved;

		for (uint32_t i = 1; (i < n) && (k == n); i++) {
			if (running(&p->vcpus[(cur + i) % n])) {
				k = (cur + i) % n;
			}
		}
		if (k == n) {
			break; /* none runs */
		}
		/* On failure @cur is the keeper another vCPU chose meanwhile: checked again. */
		moved = __atomic_compare_exchange_n(&p->vwdt.keeper, &cur, k, false,
						    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
		if (moved) {
			vcpu_make_request(&p->vcpus[k], VCPU_REQ_KICK, NULL);
			cur = k;
		}
	}
}

static const struct vdev_ops vwdt_ops;

static int vwdt_attach(struct partition *p)
{
	p->vwdt.part = p;
	return vdev_add_region(p, VWDT_REFRESH_IPA, VWDT_SIZE, &vwdt_ops, &p->vwdt);
}

static void vwdt_reset(struct partition *p)
{
	spin_lock(&p->vwdt.lock);
	vwdt_model_reset(&p->vwdt.regs);
	spin_unlock(&p->vwdt.lock);
	__atomic_store_n(&p->vwdt.keeper, 0U, __ATOMIC_SEQ_CST); /* the boot vCPU */
	vgic_own_virtual_spi(&p->vgic, VWDT_SPI_INTID, false);
}

static int vwdt_boot(void)
{
	return hyp_irq_reserve(VWDT_PPI_EL2_TIMER, timer_irq, NULL, "watchdog");
}

static const struct vdev_ops vwdt_ops = {
	.name = "watchdog",
	.boot = vwdt_boot,
	.attach = vwdt_attach,
	.reset = vwdt_reset,
	.quiesce = vwdt_reset, /* disarmed: an expiry in flight finds EN clear */
	.access = vwdt_access,
	.kick = vwdt_kick,
	.powered_off = vwdt_vcpu_off,
};
VDEV_REGISTER(vwdt_ops, 1);

/* The guest device tree (partitions/guest_dt.c) describes these same frames. */
_Static_assert(VWDT_REFRESH_IPA == LAYOUT_VIRT_WDT_REFRESH_IPA, "watchdog refresh frame");
_Static_assert(VWDT_FRAME == LAYOUT_VIRT_WDT_FRAME, "watchdog control frame offset");
_Static_assert(VWDT_SIZE == LAYOUT_VIRT_WDT_SIZE, "watchdog window");
_Static_assert(VWDT_SPI_INTID == 32 + LAYOUT_VIRT_WDT_SPI, "watchdog interrupt");
