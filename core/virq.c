// SPDX-License-Identifier: GPL-2.0-only
/*
 * Interrupt virtualization glue: the vGIC's frames as an emulated device
 * (core/vdev.h), and the physical IRQ path (trap_guest_irq), which is the
 * hot path for interrupt latency: acknowledge, drop priority, write a list
 * register, return. It names no device: EL2's own interrupts go through the
 * table of core/hyp_irq.h. Nothing here allocates or prints, except to
 * report something unexpected once.
 */
#include <arch/arm64/cpu.h>
#include <arch/arm64/sysreg.h>
#include <arch/arm64/trap.h>
#include <core/hyp_irq.h>
#include <core/partition.h>
#include <core/vdev.h>
#include <core/virq.h>
#include <gic/gic_regs.h>
#include <gic/gic_sysreg.h>
#include <gic/gicv3.h>
#include <gic/vgic.h>
#include <gic/vgic_ppi.h>
#include <lib/log.h>

/* ---- the vGIC's frames, an emulated device like the others (core/vdev.h) ---- */

static int gicd_access(struct vcpu *v, struct mmio_access *a, void *dev)
{
	return vgic_dist_access(dev, &v->vgic, a->offset, a->size, a->write, &a->value);
}

static int gicr_access(struct vcpu *v, struct mmio_access *a, void *dev)
{
	struct partition *p = dev;
	uint64_t idx = a->offset / LAYOUT_VIRT_GICR_STRIDE;

	(void)v; /* the frame, not the trapping vCPU, names the redistributor */
	if (idx >= p->lp->ncpus)
		return -1;
	return vgic_redist_access(&p->vcpus[idx].vgic, a->offset % LAYOUT_VIRT_GICR_STRIDE, a->size,
				  a->write, &a->value);
}

static const struct vdev_ops vgicd_ops;
static const struct vdev_ops vgicr_ops;

static int vgic_attach(struct partition *p)
{
	int err = vdev_add_region(p, LAYOUT_VIRT_GICD_IPA, LAYOUT_VIRT_GICD_SIZE, &vgicd_ops,
				  &p->vgic);

	return err ? err
		   : vdev_add_region(p, LAYOUT_VIRT_GICR_IPA,
				     LAYOUT_VIRT_GICR_STRIDE * p->lp->ncpus, &vgicr_ops, p);
}

/* The partition's vGIC at power-on, its hardware SPIs routed to its boot core. */
static void vgic_reset(struct partition *p)
{
	const struct layout_partition *lp = p->lp;

	vgic_dist_init(&p->vgic, lp->name, p->nr_lines);
	for (uint32_t i = 0; i < lp->ncpus; i++)
		vgic_cpu_init(&p->vcpus[i].vgic, &p->vgic, i, lp->cpus[i], p->nr_lrs);
	for (uint32_t d = 0; d < lp->ndevices; d++) {
		for (uint32_t k = 0; k < lp->devices[d].nirqs; k++) {
			uint32_t intid = lp->devices[d].irqs[k];

			vgic_own_hw_spi(&p->vgic, intid);
			gicd_set_route(intid, lp->cpus[0]);
			gicd_set_edge(intid, (lp->devices[d].irq_flags[k] & 3) != 0);
		}
	}
}

/* Maintenance interrupt (PPI 25): list-register underflow / EOI (IHI 0069 9.4.3). */
static void maintenance_irq(uint32_t intid, void *arg)
{
	(void)intid;
	(void)arg;
	vgic_maintenance(&this_vcpu()->vgic);
}

static int vgic_boot(void)
{
	return hyp_irq_reserve(GIC_PPI_MAINT, maintenance_irq, NULL, "vgic");
}

static const struct vdev_ops vgicd_ops = {
	.name = "vgic-distributor",
	.boot = vgic_boot,
	.attach = vgic_attach,
	.reset = vgic_reset,
	.access = gicd_access,
};
static const struct vdev_ops vgicr_ops = {
	.name = "vgic-redistributors",
	.access = gicr_access,
};
VDEV_REGISTER(vgicd_ops, 0);

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

/*
 * A physical interrupt taken while a guest ran: the partition's own goes to
 * its vGIC (priority drop only: the guest's deactivation reaches the
 * hardware); EL2's own goes to the handler its owner reserved
 * (core/hyp_irq.h). Life-cycle effects come later, from the requests
 * (vcpu_return_path).
 */
void trap_guest_irq(struct trap_frame *f)
{
	struct vcpu *v = this_vcpu();
	uint32_t intid = gic_ack();

	(void)f;
	if (intid >= GIC_MAX_INTID)
		return;
	if (partition_hw_irq(v, intid)) {
		gic_priority_drop(intid);
		vgic_inject(&v->vgic, intid, true);
		return;
	}
	gic_priority_drop(intid);
	gic_deactivate(intid);
	if (!hyp_irq_dispatch(intid))
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
	case SYSREG_ID(1, 0, 7, 6, 2):	/* DC ISW: never discard: clean too */
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
