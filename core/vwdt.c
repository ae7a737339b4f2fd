// SPDX-License-Identifier: GPL-2.0-only
/*
 * An emulated SBSA Generic Watchdog (Arm DEN0029 "Server Base System
 * Architecture", section "Generic Watchdog"), one per partition, so Linux's
 * sbsa_gwdt driver (and busybox `watchdog`) and a bare-metal RTOS can arm it.
 * The registers are core/vwdt_model.c's; this is the glue: its lock, its
 * timer, its interrupt and its place among the emulated devices (core/vdev.h).
 *
 * Deadlines are kept by the EL2 physical timer (CNTHP, PPI 26) of the core of
 * the partition's boot vCPU. A guest that hangs with its interrupts masked
 * still traps there (HCR_EL2.IMO routes physical interrupts to EL2), so the
 * watchdog fires; there is no periodic tick while the watchdog is idle. A
 * vCPU on another core that changes the registers raises VCPU_REQ_KICK on the
 * boot vCPU, whose core then re-programs its timer (vwdt_kick). The second
 * expiry (WS1) raises VCPU_REQ_FAULT: the life cycle applies the fault
 * policy on the way back to the guest, never from here.
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

/* Program this core's EL2 timer from the registers (boot vCPU's core only). */
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
	struct vcpu *boot = &w->part->vcpus[0];

	if (effects & VWDT_IRQ_LOWER)
		vgic_set_level(&w->part->vgic, VWDT_SPI_INTID, false);
	if (effects & VWDT_IRQ_RAISE)
		vgic_set_level(&w->part->vgic, VWDT_SPI_INTID, true);
	if (effects & VWDT_RESET) {
		write_sysreg(cnthp_ctl_el2, 0);
		log_info("partition '%s' fault: watchdog expired (no refresh for 2 x %u ticks)",
			 w->part->lp->name, w->regs.wor);
		vcpu_make_request(boot, VCPU_REQ_FAULT, "watchdog");
		return;
	}
	if (effects & VWDT_REARM) {
		if (v == boot)
			program_timer(w);
		else
			vcpu_make_request(boot, VCPU_REQ_KICK, NULL);
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
	if (v->id != 0) { /* only the boot vCPU's core keeps the deadline */
		write_sysreg(cnthp_ctl_el2, 0);
		return;
	}
	spin_lock(&w->lock);
	effects = vwdt_model_expire(&w->regs, now());
	spin_unlock(&w->lock);
	apply(v, w, effects);
}

/* VCPU_REQ_KICK on a vCPU: the boot vCPU's core re-programs its timer. */
static void vwdt_kick(struct vcpu *v)
{
	if (v->id == 0)
		program_timer(&v->part->vwdt);
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
};
VDEV_REGISTER(vwdt_ops, 1);

/* The guest device tree (partitions/guest_dt.c) describes these same frames. */
_Static_assert(VWDT_REFRESH_IPA == LAYOUT_VIRT_WDT_REFRESH_IPA, "watchdog refresh frame");
_Static_assert(VWDT_FRAME == LAYOUT_VIRT_WDT_FRAME, "watchdog control frame offset");
_Static_assert(VWDT_SIZE == LAYOUT_VIRT_WDT_SIZE, "watchdog window");
_Static_assert(VWDT_SPI_INTID == 32 + LAYOUT_VIRT_WDT_SPI, "watchdog interrupt");
