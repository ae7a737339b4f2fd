// SPDX-License-Identifier: GPL-2.0-only
/*
 * The emulated PCI host bridge of a partition with channel endpoints of
 * interface = "pci" (partitions/channel.h; docs/design.md "Channels", "Linux
 * side"): an emulated device (core/vdev.h) on the ECAM window of one bus at
 * CHANNEL_PCI_ECAM_IPA, left unmapped in stage 2 so that every access traps
 * here. Device n, function 0, is the partition's n-th PCI endpoint (its
 * pci_dev); the configuration space is the host-tested model of
 * core/vpci_model.h. BAR0 is the channel's doorbell page (core/vchan.c, which
 * calls vpci_ring()/vpci_ack()), BAR2 the region (stage-2 mapped, fixed).
 *
 * INTx: INTA is the endpoint's doorbell SPI, a level-triggered virtual SPI
 * (vgic_own_virtual_spi(edge = false) in vchan.c) whose input is
 * vpci_intx(): "interrupt pending" (set by a ring, cleared by an ACK write)
 * and not INTx Disable. Every change of either is made under the function's
 * lock and followed by vgic_set_level() of the new input under the same lock,
 * so the line follows the model in the order of the changes: a ring while
 * the guest has INTx masked (pci_check_and_mask_intx) is seen when it
 * unmasks (uio_pci_generic's irqcontrol), none is lost.
 *
 * A hostile guest reaches only its own functions: the window decodes bus 0
 * of its own partition; an absent function reads all-ones, an access the PCI
 * spec does not define (8 bytes, unaligned) reads all-ones and is dropped.
 */
#include <arch/arm64/spinlock.h>
#include <core/lc_fsm.h>
#include <core/mmio.h>
#include <core/partition.h>
#include <core/vdev.h>
#include <core/vpci.h>
#include <core/vpci_model.h>
#include <gic/vgic.h>
#include <partitions/channel.h>

#include <errno.h>

/*
 * One PCI endpoint. Owner: this file; the model is guarded by lock (the
 * config space from the partition's own vCPUs, rings and ACKs from the
 * peer's and its own cores); p and intid are written at attach only.
 */
struct vpci_dev {
	spinlock_t lock;
	struct vpci_fn fn;
	struct partition *p;
	uint32_t intid;
};

static struct vpci_dev devs[LAYOUT_MAX_CHANNELS][LAYOUT_MAX_ENDPOINTS];
/* Per partition: its bus (device number -> function), written at attach, read-only after. */
static struct vpci_dev *buses[LAYOUT_MAX_PARTITIONS][CHANNEL_PCI_MAX_DEVS];

static int vpci_attach(struct partition *p);
static void vpci_reset(struct partition *p);
static int vpci_access(struct vcpu *v, struct mmio_access *a, void *dev);

static const struct vdev_ops vpci_ops = {
	.name = "pci-host",
	.attach = vpci_attach,
	.reset = vpci_reset,
	.access = vpci_access,
};
VDEV_REGISTER(vpci_ops, 3);

/* The line follows the model (lock held). */
static void update_intx(struct vpci_dev *d)
{
	vgic_set_level(&d->p->vgic, d->intid, vpci_intx(&d->fn));
}

void vpci_ring(uint32_t ci, uint32_t k)
{
	struct vpci_dev *d = &devs[ci][k];

	if (d->p == NULL)
		return;
	spin_lock(&d->lock);
	/*
	 * Up, checked under the lock: a restart takes the partition down
	 * (restarting) before its reset clears pending under this lock, so a ring
	 * made while it was down is dropped and one that came before is cleared;
	 * a ring once it is starting again is the new run's.
	 */
	if (lc_part_up((enum partition_state)d->p->state)) {
		d->fn.pending = true;
		update_intx(d);
	}
	spin_unlock(&d->lock);
}

void vpci_ack(uint32_t ci, uint32_t k)
{
	struct vpci_dev *d = &devs[ci][k];

	if (d->p == NULL)
		return;
	spin_lock(&d->lock);
	d->fn.pending = false;
	update_intx(d);
	spin_unlock(&d->lock);
}

static int vpci_access(struct vcpu *v, struct mmio_access *a, void *dev)
{
	struct vpci_dev **bus = dev;
	uint32_t devno = 0;
	uint32_t reg = 0;
	int err = vpci_ecam_decode(a->offset, a->size, &devno, &reg);
	struct vpci_dev *d = (err == 0) ? bus[devno] : NULL;

	(void)v;
	if (d == NULL) { /* absent, or not a config access the spec defines */
		if (!a->write)
			a->value = (a->size == 8U) ? ~0ULL : vpci_all_ones(a->size);
		return 0;
	}
	spin_lock(&d->lock);
	if (a->write) {
		vpci_cfg_write(&d->fn, reg, a->size, (uint32_t)a->value);
		update_intx(d); /* INTx Disable may have changed */
	} else {
		a->value = vpci_cfg_read(&d->fn, reg, a->size);
	}
	spin_unlock(&d->lock);
	return 0;
}

static int vpci_attach(struct partition *p)
{
	const uint32_t id = p->lp->id;

	if (!p->lp->vpci)
		return 0;
	for (uint32_t i = 0; i < hyp_layout.nchannels; i++) {
		const struct layout_channel *c = &hyp_layout.channels[i];
		uint32_t k = 0;
		const struct layout_endpoint *e = channel_endpoint(c, id, &k);
		struct vpci_dev *d = &devs[i][k];

		if ((e == NULL) || !e->pci || (e->pci_dev >= CHANNEL_PCI_MAX_DEVS))
			continue;
		d->p = p;
		d->intid = CHANNEL_GIC_SPI_BASE + e->spi;
		d->fn = (struct vpci_fn){.bar0 = (uint32_t)(e->ipa + c->size),
					 .bar2 = e->ipa,
					 .bar2_size = c->size,
					 .subsystem = (uint16_t)c->id};
		buses[id][e->pci_dev] = d;
	}
	return vdev_add_region(p, CHANNEL_PCI_ECAM_IPA, CHANNEL_PCI_ECAM_SIZE, &vpci_ops,
			       buses[id]);
}

/* Every load: power-on config space, nothing pending, INTA low (after vchan owned the SPI). */
static void vpci_reset(struct partition *p)
{
	for (uint32_t n = 0; p->lp->vpci && (n < CHANNEL_PCI_MAX_DEVS); n++) {
		struct vpci_dev *d = buses[p->lp->id][n];

		if (d == NULL)
			continue;
		spin_lock(&d->lock);
		vpci_model_reset(&d->fn);
		update_intx(d);
		spin_unlock(&d->lock);
	}
}
