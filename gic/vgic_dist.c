// SPDX-License-Identifier: GPL-2.0-only
/*
 * The emulated GICv3 distributor (IHI 0069 12.9) as a declarative table.
 *
 * The guest sees a GIC with a single security state (GICD_CTLR.DS == 1),
 * affinity routing always on (ARE RAO/WI), every interrupt in Group 1, and
 * the same number of interrupt lines as the hardware, so device interrupts
 * keep their INTIDs. Per-interrupt registers only ever touch the interrupts
 * the partition owns: bits of other interrupts read as zero and writes to
 * them are ignored, counted and reported once per kind (vgic_deny).
 */
#include <gic/gic_regs.h>
#include <gic/vgic.h>
#include <lib/bits.h>

#include <errno.h>
#include <stddef.h>

/* Access widths a register accepts. */
#define W8 (1U << 0)
#define W32 (1U << 2)
#define W64 (1U << 3)

struct vgic_ctx {
	struct vgic_dist *d;
	struct vgic_cpu *self;
};

/*
 * One row per register or register array. For arrays, @bpi is the number of
 * bits each interrupt occupies and the handler gets the first INTID the
 * access covers and the number of interrupts; for plain registers @bpi is 0
 * and the handler gets the offset in the register.
 */
struct vgic_reg {
	uint32_t offset;
	uint32_t len;
	uint8_t bpi;
	uint8_t widths;
	uint64_t (*read)(struct vgic_ctx *c, uint32_t first, uint32_t count);
	void (*write)(struct vgic_ctx *c, uint32_t first, uint32_t count, uint64_t v);
};

static bool hw_spi(const struct vgic_dist *d, uint32_t intid)
{
	return (d->hw_owned[intid / 32] >> (intid % 32)) & 1;
}

static bool virt_spi(const struct vgic_dist *d, uint32_t intid)
{
	return (d->virt_owned[intid / 32] >> (intid % 32)) & 1;
}

static uint64_t raz(struct vgic_ctx *c, uint32_t first, uint32_t count)
{
	(void)c, (void)first, (void)count;
	return 0;
}

static void wi(struct vgic_ctx *c, uint32_t first, uint32_t count, uint64_t v)
{
	(void)c, (void)first, (void)count, (void)v;
}

static uint64_t ctlr_read(struct vgic_ctx *c, uint32_t first, uint32_t count)
{
	(void)first, (void)count;
	return c->d->ctlr | GICD_CTLR_ARE | GICD_CTLR_DS;
}

static void ctlr_write(struct vgic_ctx *c, uint32_t first, uint32_t count, uint64_t v)
{
	(void)first, (void)count;
	c->d->ctlr = (uint32_t)v & (GICD_CTLR_ENABLE_G0 | GICD_CTLR_ENABLE_G1);
}

/*
 * TYPER: ITLinesNumber, IDbits = 10 bits, No1N (no 1-of-N routing), no LPIs.
 * nr_lines is clamped to 1020 (INTIDs 1020..1023 are special), so round up:
 * a GIC with 1024 lines still shows ITLinesNumber 31.
 */
static uint64_t typer_read(struct vgic_ctx *c, uint32_t first, uint32_t count)
{
	(void)first, (void)count;
	return ((c->d->nr_lines + 31) / 32 - 1) | (9U << 19) | (1U << 25);
}

static uint64_t iidr_read(struct vgic_ctx *c, uint32_t first, uint32_t count)
{
	(void)c, (void)first, (void)count;
	return 0x0000043b; /* implementer: Arm (JEP106 0x43b) */
}

static uint64_t pidr2_read(struct vgic_ctx *c, uint32_t first, uint32_t count)
{
	(void)c, (void)first, (void)count;
	return GIC_PIDR2_V3;
}

/* IGROUPR: every owned interrupt is Group 1; others read as zero. */
static uint64_t group_read(struct vgic_ctx *c, uint32_t first, uint32_t count)
{
	uint64_t v = 0;

	for (uint32_t i = 0; i < count; i++)
		if (vgic_owns(c->d, first + i))
			v |= 1ULL << i;
	return v;
}

static uint64_t enable_read(struct vgic_ctx *c, uint32_t first, uint32_t count)
{
	uint64_t v = 0;

	for (uint32_t i = 0, n = first; i < count; i++, n++) {
		if (hw_spi(c->d, n) ? gicd_get_enable(n)
				    : virt_spi(c->d, n) && ((c->d->virt_enabled[n / 32] >> (n % 32)) & 1))
			v |= 1ULL << i;
	}
	return v;
}

static void enable_one(struct vgic_ctx *c, uint32_t n, bool on)
{
	struct vgic_dist *d = c->d;

	if (hw_spi(d, n)) {
		gicd_set_enable(n, on);
	} else if (virt_spi(d, n)) {
		if (on) {
			__atomic_fetch_or(&d->virt_enabled[n / 32], 1U << (n % 32), __ATOMIC_ACQ_REL);
			if ((d->virt_level[n / 32] >> (n % 32)) & 1)
				vgic_hw_kick(d->vcpus[d->route[n] < d->ncpus ? d->route[n] : 0]->cpu);
		} else {
			__atomic_fetch_and(&d->virt_enabled[n / 32], ~(1U << (n % 32)),
					   __ATOMIC_ACQ_REL);
		}
	} else if (on) {
		vgic_deny(d, n, VGIC_DENY_ENABLE);
	}
}

static void isenable_write(struct vgic_ctx *c, uint32_t first, uint32_t count, uint64_t v)
{
	for (uint32_t i = 0; i < count; i++)
		if ((v >> i) & 1)
			enable_one(c, first + i, true);
}

static void icenable_write(struct vgic_ctx *c, uint32_t first, uint32_t count, uint64_t v)
{
	for (uint32_t i = 0; i < count; i++)
		if ((v >> i) & 1)
			enable_one(c, first + i, false);
}

static uint64_t pending_read(struct vgic_ctx *c, uint32_t first, uint32_t count)
{
	uint64_t v = 0;

	for (uint32_t i = 0, n = first; i < count; i++, n++) {
		if (hw_spi(c->d, n) ? gicd_get_pending(n)
				    : virt_spi(c->d, n) && ((c->d->virt_level[n / 32] >> (n % 32)) & 1))
			v |= 1ULL << i;
	}
	return v;
}

static void pend_one(struct vgic_ctx *c, uint32_t n, bool on)
{
	if (hw_spi(c->d, n))
		gicd_set_pending(n, on);
	else if (virt_spi(c->d, n))
		vgic_set_level(c->d, n, on);
	else if (on)
		vgic_deny(c->d, n, VGIC_DENY_PEND);
}

static void ispend_write(struct vgic_ctx *c, uint32_t first, uint32_t count, uint64_t v)
{
	for (uint32_t i = 0; i < count; i++)
		if ((v >> i) & 1)
			pend_one(c, first + i, true);
}

static void icpend_write(struct vgic_ctx *c, uint32_t first, uint32_t count, uint64_t v)
{
	for (uint32_t i = 0; i < count; i++)
		if ((v >> i) & 1)
			pend_one(c, first + i, false);
}

static uint64_t active_read(struct vgic_ctx *c, uint32_t first, uint32_t count)
{
	uint64_t v = 0;

	for (uint32_t i = 0; i < count; i++)
		if (hw_spi(c->d, first + i) && gicd_get_active(first + i))
			v |= 1ULL << i;
	return v;
}

static void active_write(struct vgic_ctx *c, uint32_t first, uint32_t count, uint64_t v, bool on)
{
	for (uint32_t i = 0, n = first; i < count; i++, n++) {
		if (!((v >> i) & 1))
			continue;
		if (hw_spi(c->d, n))
			gicd_set_active(n, on);
		else if (on && !virt_spi(c->d, n))
			vgic_deny(c->d, n, VGIC_DENY_ACTIVATE);
	}
}

static void isactive_write(struct vgic_ctx *c, uint32_t first, uint32_t count, uint64_t v)
{
	active_write(c, first, count, v, true);
}

static void icactive_write(struct vgic_ctx *c, uint32_t first, uint32_t count, uint64_t v)
{
	active_write(c, first, count, v, false);
}

/* Priorities are virtual: they order injection. 5 bits implemented. */
static uint64_t prio_read(struct vgic_ctx *c, uint32_t first, uint32_t count)
{
	uint64_t v = 0;

	for (uint32_t i = 0; i < count; i++)
		if (vgic_owns(c->d, first + i))
			v |= (uint64_t)c->d->priority[first + i] << (8 * i);
	return v;
}

static void prio_write(struct vgic_ctx *c, uint32_t first, uint32_t count, uint64_t v)
{
	for (uint32_t i = 0; i < count; i++)
		if (vgic_owns(c->d, first + i))
			c->d->priority[first + i] = (uint8_t)(v >> (8 * i)) & 0xf8;
}

static uint64_t cfg_read(struct vgic_ctx *c, uint32_t first, uint32_t count)
{
	uint64_t v = 0;

	for (uint32_t i = 0, n = first; i < count; i++, n++) {
		bool edge = hw_spi(c->d, n) ? gicd_get_edge(n)
					    : virt_spi(c->d, n) &&
						      ((c->d->virt_edge[n / 32] >> (n % 32)) & 1);

		v |= (uint64_t)edge << (2 * i + 1);
	}
	return v;
}

static void cfg_write(struct vgic_ctx *c, uint32_t first, uint32_t count, uint64_t v)
{
	for (uint32_t i = 0, n = first; i < count; i++, n++) {
		bool edge = (v >> (2 * i + 1)) & 1;

		if (hw_spi(c->d, n))
			gicd_set_edge(n, edge);
		else if (!virt_spi(c->d, n) && edge)
			vgic_deny(c->d, n, VGIC_DENY_CONFIG);
	}
}

/* IROUTER: the guest names a vCPU by its Aff0; Bulkhead routes to its core. */
static uint64_t route_read(struct vgic_ctx *c, uint32_t first, uint32_t count)
{
	(void)count;
	return vgic_owns(c->d, first) ? c->d->route[first] : 0;
}

static void route_write(struct vgic_ctx *c, uint32_t first, uint32_t count, uint64_t v)
{
	struct vgic_dist *d = c->d;
	uint64_t target = v & 0xff00ffffffULL;

	(void)count;
	if (!vgic_owns(d, first)) {
		vgic_deny(d, first, VGIC_DENY_ROUTE);
		return;
	}
	if (target >= d->ncpus || (v & GICD_IROUTER_IRM))
		target = 0; /* a core it does not have, or 1-of-N: its first vCPU */
	d->route[first] = (uint8_t)target;
	if (hw_spi(d, first) && d->vcpus[target])
		gicd_set_route(first, d->vcpus[target]->cpu);
}

/* Sorted by offset. SGI/PPI banked registers (INTID 0-31) live in the redistributor. */
static const struct vgic_reg dist_regs[] = {
	{ GICD_CTLR, 4, 0, W32, ctlr_read, ctlr_write },
	{ GICD_TYPER, 4, 0, W32, typer_read, wi },
	{ GICD_IIDR, 4, 0, W32, iidr_read, wi },
	{ GICD_TYPER2, 4, 0, W32, raz, wi },
	{ GICD_STATUSR, 4, 0, W32, raz, wi },
	{ GICD_SETSPI_NSR, 0x20, 0, W32, raz, wi },
	{ GICD_IGROUPR, 0x80, 1, W32, group_read, wi },
	{ GICD_ISENABLER, 0x80, 1, W32, enable_read, isenable_write },
	{ GICD_ICENABLER, 0x80, 1, W32, enable_read, icenable_write },
	{ GICD_ISPENDR, 0x80, 1, W32, pending_read, ispend_write },
	{ GICD_ICPENDR, 0x80, 1, W32, pending_read, icpend_write },
	{ GICD_ISACTIVER, 0x80, 1, W32, active_read, isactive_write },
	{ GICD_ICACTIVER, 0x80, 1, W32, active_read, icactive_write },
	{ GICD_IPRIORITYR, 0x400, 8, W8 | W32, prio_read, prio_write },
	{ GICD_ITARGETSR, 0x400, 8, W8 | W32, raz, wi },
	{ GICD_ICFGR, 0x100, 2, W32, cfg_read, cfg_write },
	{ GICD_IGRPMODR, 0x80, 1, W32, raz, wi },
	{ GICD_NSACR, 0x100, 2, W32, raz, wi },
	{ GICD_SGIR, 4, 0, W32, raz, wi },
	{ GICD_CPENDSGIR, 0x20, 0, W8 | W32, raz, wi },
	{ GICD_IROUTER, 0x2000, 64, W64, route_read, route_write },
	{ 0xffd0, 0x30, 0, W32, raz, wi }, /* identification registers */
};

static const struct vgic_reg *find_reg(uint64_t offset)
{
	for (uint32_t i = 0; i < ARRAY_SIZE(dist_regs); i++) {
		const struct vgic_reg *r = &dist_regs[i];

		if (offset >= r->offset && offset < (uint64_t)r->offset + r->len)
			return r;
	}
	return NULL;
}

static bool width_ok(const struct vgic_reg *r, uint32_t size, uint64_t offset)
{
	uint32_t w = size == 1 ? W8 : size == 4 ? W32 : size == 8 ? W64 : 0;

	/* 64-bit registers may also be accessed as two 32-bit halves. */
	if (r->bpi == 64 && size == 4)
		w = W64;
	return (r->widths & w) && (offset & (size - 1)) == 0;
}

int vgic_dist_access(struct vgic_dist *d, struct vgic_cpu *self, uint64_t offset, uint32_t size,
		     bool write, uint64_t *value)
{
	const struct vgic_reg *r = find_reg(offset);
	struct vgic_ctx c = { d, self };
	uint32_t first, count, shift = 0;

	if (offset == GICD_PIDR2) {
		*value = write ? *value : pidr2_read(&c, 0, 0);
		return 0;
	}
	if (!r || !width_ok(r, size, offset))
		return -EINVAL;
	if (r->bpi) {
		first = (uint32_t)((offset - r->offset) * 8 / r->bpi);
		count = r->bpi == 64 ? 1 : size * 8 / r->bpi;
		if (r->bpi == 64)
			shift = (uint32_t)(offset & 4) * 8;
		if (first < GIC_SPI_BASE || first >= d->nr_lines) {
			*value = write ? *value : 0; /* SGIs/PPIs: in the redistributor */
			return 0;
		}
	} else {
		first = (uint32_t)(offset - r->offset);
		count = 0;
	}
	if (!write) {
		*value = (r->read(&c, first, count) >> shift) & (size == 8 ? ~0ULL : (1ULL << (8 * size)) - 1);
		return 0;
	}
	if (shift || (r->bpi == 64 && size == 4)) {
		uint64_t old = r->read(&c, first, count);
		uint64_t mask = 0xffffffffULL << shift;

		*value = (old & ~mask) | ((*value << shift) & mask);
	}
	r->write(&c, first, count, *value);
	return 0;
}
