// SPDX-License-Identifier: GPL-2.0-only
/*
 * The channel API of chan.h: the device-tree look-up, the two rings in the
 * payload, the doorbell and the peer's state word.
 */
#include <guests/lib/chan.h>
#include <guests/lib/dt.h>
#include <guests/lib/gic.h>
#include <guests/lib/mmio.h>
#include <guests/lib/mmu.h>
#include <guests/lib/sysreg.h>
#include <lib/format.h>
#include <libfdt.h>

#include <errno.h>
#include <string.h>

int chan_find(const void *fdt, const char *label, struct chan *c)
{
	int node = -1;

	while ((node = fdt_node_offset_by_compatible(fdt, node, LAYOUT_COMPAT_CHANNEL)) >= 0) {
		const char *l = fdt_getprop(fdt, node, "label", NULL);
		const fdt32_t *self = fdt_getprop(fdt, node, "bulkhead,endpoint", NULL);
		const fdt32_t *irq;
		struct dt_range r;
		int len = 0;

		if ((l == NULL) || (strcmp(l, label) != 0) || (dt_reg(fdt, node, 0, &r) != 0))
			continue;
		(void)memset(c, 0, sizeof(*c));
		(void)fmt_snprintf(c->label, sizeof(c->label), "%s", l);
		c->base = r.base;
		c->size = r.size;
		if (dt_reg(fdt, node, 1, &r) == 0)
			c->doorbell = r.base;
		/* interrupts = <0 spi 1>: an SPI, edge rising (guest_dt.c). */
		irq = fdt_getprop(fdt, node, "interrupts", &len);
		if ((irq != NULL) && (len == 12) && (fdt32_to_cpu(irq[0]) == 0U))
			c->intid = CHANNEL_GIC_SPI_BASE + fdt32_to_cpu(irq[1]);
		c->self = (self != NULL) ? (fdt32_to_cpu(*self) & 1U) : 0U;
		c->read_only = fdt_getprop(fdt, node, "read-only", NULL) != NULL;
		return 0;
	}
	return -ENOENT;
}

void chan_map(const struct chan *c)
{
	mmu_add_range(c->base, c->size, false);
	if (c->doorbell != 0U)
		mmu_add_range(c->doorbell, CHANNEL_DOORBELL_SIZE, true);
}

volatile const struct channel_header *chan_header(const struct chan *c)
{
	return (volatile const struct channel_header *)(uintptr_t)c->base;
}

uint32_t chan_self_state(const struct chan *c)
{
	return chan_header(c)->state[c->self];
}

uint32_t chan_peer_state(const struct chan *c)
{
	return chan_header(c)->state[c->self ^ 1U];
}

/* An SPI edge-triggered, Group 1, routed to the calling core, enabled (GICv3 12.9). */
void chan_enable_irq(const struct chan *c, uint64_t gicd, uint8_t prio)
{
	uint32_t n = c->intid;
	uint64_t bit = (uint64_t)(n / 32U) * 4U, cfg = (uint64_t)(n / 16U) * 4U;

	mmio_write32(gicd + GICD_IGROUPR + bit,
		     mmio_read32(gicd + GICD_IGROUPR + bit) | (1U << (n % 32U)));
	mmio_write32(gicd + GICD_ICFGR + cfg,
		     mmio_read32(gicd + GICD_ICFGR + cfg) | (2U << ((n % 16U) * 2U)));
	mmio_write8(gicd + GICD_IPRIORITYR + n, prio);
	mmio_write64(gicd + GICD_IROUTER + ((uint64_t)n * 8U),
		     sysreg_read(mpidr_el1) & 0xff00ffffffULL);
	mmio_write32(gicd + GICD_ISENABLER + bit, 1U << (n % 32U));
}

int chan_open(struct chan *c, uint64_t gicd, uint8_t prio)
{
	volatile const struct channel_header *h = chan_header(c);
	uint64_t half = (c->size - CHANNEL_HEADER_SIZE) / 2U;
	uint64_t lower = c->base + CHANNEL_HEADER_SIZE;

	if ((h->magic != CHANNEL_MAGIC) || (h->size != c->size) || (c->doorbell == 0U) ||
	    (c->intid == 0U) || c->read_only)
		return -EINVAL;
	half &= ~0x3fULL; /* the upper ring's counters on their own lines too */
	if ((chanring_init(c->self == 0U ? &c->tx : &c->rx, lower, half, CHAN_SLOT) != 0) ||
	    (chanring_init(c->self == 0U ? &c->rx : &c->tx, lower + half, half, CHAN_SLOT) != 0))
		return -EINVAL;
	(void)chanring_discard(&c->rx); /* meant for this endpoint's previous run */
	c->peer_state = chan_peer_state(c);
	chan_enable_irq(c, gicd, prio);
	return 0;
}

bool chan_peer_changed(struct chan *c)
{
	uint32_t s = chan_peer_state(c);

	if (s == c->peer_state)
		return false;
	c->peer_state = s;
	return true;
}

void chan_ring(const struct chan *c)
{
	dsb_sy(); /* the payload before the doorbell */
	mmio_write32(c->doorbell + CHANNEL_REG_RING, 1);
}

int chan_send(const struct chan *c, const void *msg, uint32_t len)
{
	bool kick = false;
	int ret;

	if (len > CHAN_MSG_MAX)
		return -EINVAL;
	ret = chanring_send(&c->tx, msg, len, &kick);
	if (ret != 0)
		return -CHAN_EAGAIN;
	if (kick)
		chan_ring(c);
	return 0;
}

int chan_send_str(const struct chan *c, const char *s)
{
	return chan_send(c, s, (uint32_t)strlen(s));
}

int chan_recv(const struct chan *c, void *buf, uint32_t max)
{
	bool kick = false;
	int len = chanring_recv(&c->rx, buf, max, &kick);

	if (len < 0)
		return -CHAN_EAGAIN;
	if (kick)
		chan_ring(c);
	return len;
}

bool chan_pending(const struct chan *c)
{
	return mmio_read32(chanring_head(&c->rx)) != mmio_read32(chanring_tail(&c->rx));
}

void chan_wait(const struct chan *c)
{
	irq_disable();
	if (!chan_pending(c) && (chan_peer_state(c) == c->peer_state))
		__asm__ volatile("wfi");
	irq_enable();
}
