// SPDX-License-Identifier: GPL-2.0-only
/*
 * Interrupt virtualization glue: a partition's vGIC set-up, its emulated MMIO
 * regions, and the physical IRQ path (trap_guest_irq), which is the hot path
 * for interrupt latency: acknowledge, drop priority, write a list register,
 * return. Nothing here allocates or prints, except to report a fault once.
 */
#include <arch/arm64/cpu.h>
#include <arch/arm64/sysreg.h>
#include <arch/arm64/trap.h>
#include <core/console.h>
#include <lib/log.h>
#include <core/partition.h>
#include <core/virq.h>
#include <gic/gic_regs.h>
#include <gic/gic_sysreg.h>
#include <gic/gicv3.h>
#include <gic/vgic.h>
#include <gic/vgic_ppi.h>
#include <smmu/smmu.h>

static int gicd_access(struct vcpu *v, struct mmio_access *a, void *dev)
{
	return vgic_dist_access(dev, &v->vgic, a->offset, a->size, a->write, &a->value);
}

static int gicr_access(struct vcpu *v, struct mmio_access *a, void *dev)
{
	struct partition *p = dev;
	uint64_t idx = a->offset / LAYOUT_VIRT_GICR_STRIDE;

	if (idx >= p->lp->ncpus)
		return -1;
	return vgic_redist_access(&p->vcpus[idx].vgic, a->offset % LAYOUT_VIRT_GICR_STRIDE,
				  a->size, a->write, &a->value);
}

static void add_region(struct partition *p, uint64_t base, uint64_t size,
		       int (*access)(struct vcpu *, struct mmio_access *, void *), void *dev)
{
	p->regions[p->nregions++] = (struct mmio_region){ base, size, access, dev };
}

void virq_partition_init(struct partition *p, uint32_t nr_lines, uint32_t nr_lrs)
{
	const struct layout_partition *lp = p->lp;

	vgic_dist_init(&p->vgic, lp->name, nr_lines);
	for (uint32_t i = 0; i < lp->ncpus; i++)
		vgic_cpu_init(&p->vcpus[i].vgic, &p->vgic, i, lp->cpus[i], nr_lrs);
	for (uint32_t d = 0; d < lp->ndevices; d++) {
		for (uint32_t k = 0; k < lp->devices[d].nirqs; k++) {
			uint32_t intid = lp->devices[d].irqs[k];

			vgic_own_hw_spi(&p->vgic, intid);
			gicd_set_route(intid, lp->cpus[0]);
			gicd_set_edge(intid, (lp->devices[d].irq_flags[k] & 3) != 0);
		}
	}
	p->nregions = 0;
	add_region(p, LAYOUT_VIRT_GICD_IPA, LAYOUT_VIRT_GICD_SIZE, gicd_access, &p->vgic);
	add_region(p, LAYOUT_VIRT_GICR_IPA, LAYOUT_VIRT_GICR_STRIDE * lp->ncpus, gicr_access, p);
	vwdt_init(&p->vwdt, p);
	vgic_own_virtual_spi(&p->vgic, VWDT_SPI_INTID, false);
	add_region(p, VWDT_REFRESH_IPA, VWDT_SIZE, vwdt_access, &p->vwdt);
	if (lp->virtual_uart) {
		vuart_init(&p->vuart, p);
		vgic_own_virtual_spi(&p->vgic, VUART_SPI_INTID, false);
		add_region(p, LAYOUT_VIRT_UART_IPA, VUART_SIZE, vuart_access, &p->vuart);
	}
}

/* Per-core virtual CPU interface state for a fresh vCPU. */
void virq_vcpu_reset(void)
{
	for (uint32_t n = 0; n < gic_num_lrs(); n++)
		vgic_hw_write_lr(n, 0);
	write_sysreg(ICH_AP1R0_EL2, 0);
	write_sysreg(ICH_VMCR_EL2, 0);
	write_sysreg(ICH_HCR_EL2, 1); /* En */
	isb();
}

/*
 * The calling vCPU powers off (PSCI CPU_OFF). The hardware interrupts it holds,
 * in list registers (HW bit) or in its overflow queue, were acknowledged and
 * priority-dropped at EL2 and stay active in the GIC until the guest's
 * deactivation, which will never come now: a per-core PPI (the timer) or an
 * SPI left active is never signalled again. Deactivate them and empty the list
 * registers and the queue.
 */
void virq_vcpu_off(struct vcpu *v)
{
	struct vgic_cpu *vc = &v->vgic;

	for (uint32_t n = 0; n < gic_num_lrs(); n++) {
		uint64_t lr = vgic_hw_read_lr(n);

		if ((lr & ICH_LR_HW) && (lr & ICH_LR_STATE_MASK))
			gic_deactivate((uint32_t)(lr >> ICH_LR_PINTID_SHIFT) & 0x1fff);
		vgic_hw_write_lr(n, 0);
	}
	for (uint32_t k = 0; k < vc->nqueued; k++)
		if (vc->queue[k].hw)
			gic_deactivate(vc->queue[k].intid);
	vc->nqueued = 0;
	vgic_hw_set_underflow_irq(false, false);
}

static bool partition_hw_irq(const struct vcpu *v, uint32_t intid)
{
	if (intid < GIC_SPI_BASE)
		return (VGIC_PASSTHROUGH_PPIS >> intid) & 1;
	return (v->part->vgic.hw_owned[intid / 32] >> (intid % 32)) & 1;
}

static void kicked(struct vcpu *v)
{
	if (v->state == VCPU_STOPPED)
		partition_stop_sibling();
	if (v->id == 0 && v->part->vwdt.wcs)
		vwdt_tick(v); /* a sibling changed the watchdog: re-arm its timer */
	vgic_flush_pending(&v->vgic);
}

void trap_guest_irq(struct trap_frame *f)
{
	struct vcpu *v = this_cpu()->vcpu;
	uint32_t intid = gic_ack();

	(void)f;
	if (intid >= GIC_MAX_INTID)
		return;
	if (partition_hw_irq(v, intid)) {
		/* Priority drop only: the guest's deactivation reaches the hardware. */
		gic_priority_drop(intid);
		vgic_inject(&v->vgic, intid, true);
		return;
	}
	gic_priority_drop(intid);
	gic_deactivate(intid);
	if (intid == GIC_SGI_KICK)
		kicked(v);
	else if (intid == GIC_PPI_MAINT)
		vgic_maintenance(&v->vgic);
	else if (intid == VWDT_PPI_EL2_TIMER)
		vwdt_tick(v);
	else if (intid == console_irq())
		console_uart_irq(); /* the console UART: receive and transmit */
	else if (smmu_owns_irq(intid))
		smmu_handle_irq(intid); /* DMA fault events, SMMU global errors */
	else
		virq_unexpected(intid);
}

void virq_unexpected(uint32_t intid)
{
	static uint32_t reported;

	log_once(&reported, LOG_WARNING, "unexpected physical interrupt %u (reported once)", intid);
}

/*
 * A trapped system-register access (EC 0x18; ISS: Op0 [21:20], Op2 [19:17],
 * Op1 [16:14], CRn [13:10], Rt [9:5], CRm [4:1], read [0]). Returns false if
 * it is not one Bulkhead emulates.
 */
#define SYSREG_ID(op0, op1, crn, crm, op2)                                                         \
	(((op0) << 20) | ((op2) << 17) | ((op1) << 14) | ((crn) << 10) | ((crm) << 1))
#define SYSREG_MASK 0x3ffc1eU

bool virq_sysreg(struct trap_frame *f, uint64_t iss)
{
	uint32_t id = (uint32_t)iss & SYSREG_MASK;
	uint32_t rt = (uint32_t)(iss >> 5) & 0x1f;
	bool read = iss & 1;
	uint64_t val = rt == 31 ? 0 : f->x[rt];

	switch (id) {
	case SYSREG_ID(3, 0, 12, 11, 5): /* ICC_SGI1R_EL1 */
		if (!read)
			vgic_sgi1r_write(&this_cpu()->vcpu->vgic, val);
		break;
	case SYSREG_ID(3, 0, 12, 11, 6): /* ICC_ASGI1R_EL1 */
	case SYSREG_ID(3, 0, 12, 11, 7): /* ICC_SGI0R_EL1: no Group 0 in a partition */
		break;
	case SYSREG_ID(1, 0, 7, 6, 2):  /* DC ISW: never discard: clean too */
	case SYSREG_ID(1, 0, 7, 10, 2): /* DC CSW */
	case SYSREG_ID(1, 0, 7, 14, 2): /* DC CISW */
		__asm__ volatile("dc cisw, %0" : : "r"(val) : "memory");
		break;
	default:
		return false;
	}
	if (read && rt != 31)
		f->x[rt] = 0;
	return true;
}
