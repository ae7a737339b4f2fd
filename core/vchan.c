// SPDX-License-Identifier: GPL-2.0-only
/*
 * Channel doorbells and the channel header (partitions/channel.h,
 * docs/design.md "Channels"): an emulated device (core/vdev.h) that the core
 * never names.
 *
 * Doorbell: an emulated register page right after the region (ipa + size),
 * left unmapped in stage 2, so an access is a stage-2 translation fault that
 * core/mmio.c hands here. A write to CHANNEL_REG_RING raises the peer's
 * doorbell SPI, an edge-triggered virtual SPI (vgic_set_level latches one
 * rising edge): rings while one is latched and not yet injected coalesce into
 * one interrupt, so a flooding peer costs the receiver one interrupt per
 * time it takes one, never more. A register page (not an HVC) so that the
 * same page is BAR0 of an endpoint with interface = "pci" (core/vpci.c,
 * bound by Linux's uio_pci_generic): there a ring sets the function's
 * "interrupt pending" (INTA, a level SPI, while INTx is not disabled) and a
 * write to CHANNEL_REG_ACK clears it.
 *
 * Header: Bulkhead writes the first page of the region (read-only to the
 * endpoints). At the first load the whole region is zeroed and the header
 * written; at every load (boot and restart) of an endpoint its state word
 * gets UP and the next generation, when it goes down UP is cleared; each
 * change rings the peer (if it has a doorbell and runs). A restarted
 * endpoint's vGIC was reset before this device's reset (vGIC priority 0):
 * no doorbell rung for its previous run is still pending.
 */
#include <arch/arm64/spinlock.h>
#include <core/lc_fsm.h>
#include <core/mmio.h>
#include <core/partition.h>
#include <core/vdev.h>
#include <core/vpci.h>
#include <gic/vgic.h>
#include <lib/log.h>
#include <partitions/channel.h>

#include <errno.h>
#include <string.h>

/* One endpoint's doorbell page (the region's dev pointer). */
struct vchan_ep {
	uint32_t chan;
	uint32_t ep;
};

/*
 * Runtime state of one channel. Owner: this file; guarded by lock (the
 * header's state words are written only under it; rings counts atomically).
 */
struct vchan {
	spinlock_t lock;
	bool initialised; /* region zeroed and header written (first load) */
	uint32_t generation[LAYOUT_MAX_ENDPOINTS];
	uint32_t rings[LAYOUT_MAX_ENDPOINTS]; /* rings received (atomic) */
};

static struct vchan chans[LAYOUT_MAX_CHANNELS];

static const struct vdev_ops vchan_ops;

static volatile struct channel_header *header(const struct layout_channel *c)
{
	return (volatile struct channel_header *)(uintptr_t)c->phys;
}

/* Ring endpoint @k of channel @ci: its doorbell SPI, if it has one and its partition runs. */
static void ring(uint32_t ci, uint32_t k)
{
	const struct layout_endpoint *e = &hyp_layout.channels[ci].ep[k];
	struct partition *peer = &partitions[e->partition];

	(void)__atomic_fetch_add(&chans[ci].rings[k], 1U, __ATOMIC_RELAXED);
	if (!e->doorbell || !lc_part_up((enum partition_state)peer->state))
		return;
	if (e->pci)
		vpci_ring(ci, k); /* "interrupt pending": INTA while not masked (core/vpci.c) */
	else
		vgic_set_level(&peer->vgic, CHANNEL_GIC_SPI_BASE + e->spi, true);
}

static int vchan_access(struct vcpu *v, struct mmio_access *a, void *dev)
{
	const struct vchan_ep *ep = dev;

	(void)v;
	if (a->size != 4U)
		return -EINVAL;
	switch (a->offset) {
	case CHANNEL_REG_RING:
		if (a->write)
			ring(ep->chan, ep->ep ^ 1U);
		else
			a->value = 0;
		return 0;
	case CHANNEL_REG_SELF:
		a->value = ep->ep;
		return a->write ? -EINVAL : 0;
	case CHANNEL_REG_RINGS:
		a->value = __atomic_load_n(&chans[ep->chan].rings[ep->ep], __ATOMIC_RELAXED);
		return a->write ? -EINVAL : 0;
	case CHANNEL_REG_ACK: /* BAR0 of a PCI endpoint: clear "interrupt pending" */
		if (!hyp_layout.channels[ep->chan].ep[ep->ep].pci)
			return -EINVAL;
		if (a->write)
			vpci_ack(ep->chan, ep->ep);
		a->value = 0;
		return 0;
	default:
		return -EINVAL;
	}
}

static int vchan_attach(struct partition *p)
{
	/* Written at attach (boot core, before any guest runs), read-only after. */
	static struct vchan_ep eps[LAYOUT_MAX_CHANNELS][LAYOUT_MAX_ENDPOINTS];

	for (uint32_t i = 0; i < hyp_layout.nchannels; i++) {
		const struct layout_channel *c = &hyp_layout.channels[i];
		uint32_t k;
		const struct layout_endpoint *e = channel_endpoint(c, p->lp->id, &k);
		int err;

		if ((e == NULL) || !e->doorbell)
			continue;
		eps[i][k] = (struct vchan_ep){.chan = i, .ep = k};
		err = vdev_add_region(p, e->ipa + c->size, CHANNEL_DOORBELL_SIZE, &vchan_ops,
				      &eps[i][k]);
		if (err != 0)
			return err;
	}
	return 0;
}

/* First load of either endpoint: zero the region, write the header (lock held). */
static void init_region(const struct layout_channel *c, struct vchan *s)
{
	volatile struct channel_header *h = header(c);

	(void)memset((void *)(uintptr_t)c->phys, 0, c->size);
	h->id = c->id;
	h->nendpoints = c->nendpoints;
	h->size = c->size;
	h->payload = CHANNEL_HEADER_SIZE;
	h->version = CHANNEL_VERSION;
	__atomic_store_n(&h->magic, CHANNEL_MAGIC, __ATOMIC_RELEASE);
	s->initialised = true;
}

/* Endpoint @k of channel @ci comes up (@up: a load) or goes down; the peer is rung. */
static void set_state(uint32_t ci, uint32_t k, bool up)
{
	const struct layout_channel *c = &hyp_layout.channels[ci];
	struct vchan *s = &chans[ci];
	uint32_t word;

	spin_lock(&s->lock);
	if (!s->initialised)
		init_region(c, s);
	if (up)
		s->generation[k]++;
	word = (s->generation[k] << CHANNEL_STATE_GEN_SHIFT) | (up ? CHANNEL_STATE_UP : 0U);
	__atomic_store_n(&header(c)->state[k], word, __ATOMIC_RELEASE);
	spin_unlock(&s->lock);
	ring(ci, k ^ 1U);
}

static void for_each_endpoint(struct partition *p, bool up)
{
	for (uint32_t i = 0; i < hyp_layout.nchannels; i++) {
		uint32_t k;
		const struct layout_endpoint *e =
			channel_endpoint(&hyp_layout.channels[i], p->lp->id, &k);

		if (e == NULL)
			continue;
		if (up && e->doorbell)
			vgic_own_virtual_spi(&p->vgic, CHANNEL_GIC_SPI_BASE + e->spi, !e->pci);
		set_state(i, k, up);
	}
}

static void vchan_reset(struct partition *p)
{
	for_each_endpoint(p, true);
}

static void vchan_quiesce(struct partition *p)
{
	for_each_endpoint(p, false);
}

static const struct vdev_ops vchan_ops = {
	.name = "channel",
	.attach = vchan_attach,
	.reset = vchan_reset,
	.quiesce = vchan_quiesce,
	.access = vchan_access,
};
VDEV_REGISTER(vchan_ops, 2);
