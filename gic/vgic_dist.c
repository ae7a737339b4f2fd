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
#define W8  (1U << 0)
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
		if (hw_spi(c->d, n)
			    ? gicd_get_enable(n)
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
			__atomic_fetch_or(&d->virt_enabled[n / 32], 1U << (n % 32),
					  __ATOMIC_ACQ_REL);
			if ((d->virt_level[n / 32] >> (n % 32)) & 1)
				vgic_hw_kick(
					d->vcpus[d->route[n] < d->ncpus ? d->route[n] : 0]->cpu);
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
		if (hw_spi(c->d, n)
			    ? gicd_get_pending(n)
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

/*
 * A hardware SPI's trigger is the physical GICD_ICFGR's, which Bulkhead
 * writes for the guest: only while the interrupt is disabled, as changing it
 * while enabled is UNPREDICTABLE (IHI 0069 12.9.9). While enabled the write
 * is ignored (the guest reads the trigger unchanged); gicd_set_edge() checks
 * it again under its lock, against an enable from another vCPU meanwhile.
 */
static void cfg_write(struct vgic_ctx *c, uint32_t first, uint32_t count, uint64_t v)
{
	for (uint32_t i = 0, n = first; i < count; i++, n++) {
		bool edge = (v >> (2 * i + 1)) & 1;

		if (hw_spi(c->d, n)) {
			if (edge != gicd_get_edge(n) && !gicd_get_enable(n))
				gicd_set_edge(n, edge);
		} else if (!virt_spi(c->d, n) && edge)
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

/*
 * The register map. SGI/PPI banked registers (INTID 0-31) live in the
 * redistributor. Indexed, not searched: find_reg() goes from the offset to
 * the row through reg_block[] (one entry per 128-byte block of 0x0000-0x7fff:
 * every register array starts and ends on such a block) and, for the two
 * blocks that hold single registers, through reg_word[] (one per 32-bit word).
 */
enum {
	R_NONE, /* 0: no register */
	R_CTLR,
	R_TYPER,
	R_IIDR,
	R_TYPER2,
	R_STATUSR,
	R_SETSPI,
	R_IGROUPR,
	R_ISENABLER,
	R_ICENABLER,
	R_ISPENDR,
	R_ICPENDR,
	R_ISACTIVER,
	R_ICACTIVER,
	R_IPRIORITYR,
	R_ITARGETSR,
	R_ICFGR,
	R_IGRPMODR,
	R_NSACR,
	R_SGIR,
	R_CPENDSGIR,
	R_IROUTER,
	R_ID,
	R_WORDS, /* in reg_block[]: look the word up in reg_word[] */
};

static const struct vgic_reg dist_regs[R_WORDS] = {
	[R_CTLR] = {GICD_CTLR, 4, 0, W32, ctlr_read, ctlr_write},
	[R_TYPER] = {GICD_TYPER, 4, 0, W32, typer_read, wi},
	[R_IIDR] = {GICD_IIDR, 4, 0, W32, iidr_read, wi},
	[R_TYPER2] = {GICD_TYPER2, 4, 0, W32, raz, wi},
	[R_STATUSR] = {GICD_STATUSR, 4, 0, W32, raz, wi},
	[R_SETSPI] = {GICD_SETSPI_NSR, 0x20, 0, W32, raz, wi},
	[R_IGROUPR] = {GICD_IGROUPR, 0x80, 1, W32, group_read, wi},
	[R_ISENABLER] = {GICD_ISENABLER, 0x80, 1, W32, enable_read, isenable_write},
	[R_ICENABLER] = {GICD_ICENABLER, 0x80, 1, W32, enable_read, icenable_write},
	[R_ISPENDR] = {GICD_ISPENDR, 0x80, 1, W32, pending_read, ispend_write},
	[R_ICPENDR] = {GICD_ICPENDR, 0x80, 1, W32, pending_read, icpend_write},
	[R_ISACTIVER] = {GICD_ISACTIVER, 0x80, 1, W32, active_read, isactive_write},
	[R_ICACTIVER] = {GICD_ICACTIVER, 0x80, 1, W32, active_read, icactive_write},
	[R_IPRIORITYR] = {GICD_IPRIORITYR, 0x400, 8, W8 | W32, prio_read, prio_write},
	[R_ITARGETSR] = {GICD_ITARGETSR, 0x400, 8, W8 | W32, raz, wi},
	[R_ICFGR] = {GICD_ICFGR, 0x100, 2, W32, cfg_read, cfg_write},
	[R_IGRPMODR] = {GICD_IGRPMODR, 0x80, 1, W32, raz, wi},
	[R_NSACR] = {GICD_NSACR, 0x100, 2, W32, raz, wi},
	[R_SGIR] = {GICD_SGIR, 4, 0, W32, raz, wi},
	[R_CPENDSGIR] = {GICD_CPENDSGIR, 0x20, 0, W8 | W32, raz, wi},
	[R_IROUTER] = {GICD_IROUTER, 0x2000, 64, W64, route_read, route_write},
	[R_ID] = {0xffd0, 0x30, 0, W32, raz, wi}, /* identification registers */
};

#define REG_BLOCK(off) ((off) >> 7)
#define B2(b, r)       [(b)] = (r), [(b) + 1] = (r)
#define B8(b, r)       B2(b, r), B2((b) + 2, r), B2((b) + 4, r), B2((b) + 6, r)
#define B64(b, r)                                                                                  \
	B8(b, r), B8((b) + 8, r), B8((b) + 16, r), B8((b) + 24, r), B8((b) + 32, r),               \
		B8((b) + 40, r), B8((b) + 48, r), B8((b) + 56, r)

static const uint8_t reg_block[REG_BLOCK(0x8000)] = {
	[REG_BLOCK(GICD_CTLR)] = R_WORDS,
	[REG_BLOCK(GICD_IGROUPR)] = R_IGROUPR,
	[REG_BLOCK(GICD_ISENABLER)] = R_ISENABLER,
	[REG_BLOCK(GICD_ICENABLER)] = R_ICENABLER,
	[REG_BLOCK(GICD_ISPENDR)] = R_ISPENDR,
	[REG_BLOCK(GICD_ICPENDR)] = R_ICPENDR,
	[REG_BLOCK(GICD_ISACTIVER)] = R_ISACTIVER,
	[REG_BLOCK(GICD_ICACTIVER)] = R_ICACTIVER,
	B8(REG_BLOCK(GICD_IPRIORITYR), R_IPRIORITYR),
	B8(REG_BLOCK(GICD_ITARGETSR), R_ITARGETSR),
	B2(REG_BLOCK(GICD_ICFGR), R_ICFGR),
	[REG_BLOCK(GICD_IGRPMODR)] = R_IGRPMODR,
	B2(REG_BLOCK(GICD_NSACR), R_NSACR),
	[REG_BLOCK(GICD_SGIR)] = R_WORDS,
	B64(REG_BLOCK(GICD_IROUTER), R_IROUTER),
};

/* Words of the two R_WORDS blocks: [0, 32) for 0x0000-0x007f, [32, 64) for 0x0f00-0x0f7f. */
#define REG_WORD(off) ((((off) >> 2) & 0x1f) | (((off) >> 6) & 0x20))
#define W8X(w, r)                                                                                  \
	[(w)] = (r), [(w) + 1] = (r), [(w) + 2] = (r), [(w) + 3] = (r), [(w) + 4] = (r),           \
	[(w) + 5] = (r), [(w) + 6] = (r), [(w) + 7] = (r)

static const uint8_t reg_word[64] = {
	[REG_WORD(GICD_CTLR)] = R_CTLR,	      [REG_WORD(GICD_TYPER)] = R_TYPER,
	[REG_WORD(GICD_IIDR)] = R_IIDR,	      [REG_WORD(GICD_TYPER2)] = R_TYPER2,
	[REG_WORD(GICD_STATUSR)] = R_STATUSR, W8X(REG_WORD(GICD_SETSPI_NSR), R_SETSPI),
	[REG_WORD(GICD_SGIR)] = R_SGIR,	      W8X(REG_WORD(GICD_CPENDSGIR), R_CPENDSGIR),
};

static const struct vgic_reg *find_reg(uint64_t offset)
{
	uint32_t k;

	if (offset >= 0xffd0 && offset < 0x10000)
		return &dist_regs[R_ID];
	if (offset >= 0x8000)
		return NULL;
	k = reg_block[REG_BLOCK(offset)];
	if (k == R_WORDS)
		k = reg_word[REG_WORD(offset)];
	return k == R_NONE ? NULL : &dist_regs[k];
}

static bool width_ok(const struct vgic_reg *r, uint32_t size, uint64_t offset)
{
	uint32_t w = size == 1 ? W8 : size == 4 ? W32 : size == 8 ? W64 : 0;

	/* 64-bit registers may also be accessed as two 32-bit halves. */
	if (r->bpi == 64 && size == 4)
		w = W64;
	return (r->widths & w) && (offset & (size - 1)) == 0;
}

static int __attribute__((noinline))
dist_access_table(struct vgic_dist *d, struct vgic_cpu *self, uint64_t offset, uint32_t size,
		  bool write, uint64_t *value);

/*
 * The plain registers of 0x0000-0x007f (CTLR, TYPER, IIDR, TYPER2, STATUSR,
 * SETSPI_NSR: 32-bit only, no per-interrupt field) straight from reg_word[]:
 * what find_reg() and width_ok() would decide for them, in a few
 * instructions (a guest's driver reads TYPER and CTLR often). The rest goes
 * through the table.
 */
int vgic_dist_access(struct vgic_dist *d, struct vgic_cpu *self, uint64_t offset, uint32_t size,
		     bool write, uint64_t *value)
{
	if ((offset < 0x80U) && (size == 4U) && ((offset & 3U) == 0U)) {
		uint32_t k = reg_word[offset >> 2U];
		const struct vgic_reg *r = &dist_regs[k];
		struct vgic_ctx c = {d, self};

		if (k == R_NONE)
			return -EINVAL;
		if (!write)
			*value = (uint32_t)r->read(&c, (uint32_t)offset - r->offset, 0);
		else
			r->write(&c, (uint32_t)offset - r->offset, 0, *value);
		return 0;
	}
	return dist_access_table(d, self, offset, size, write, value);
}

static int dist_access_table(struct vgic_dist *d, struct vgic_cpu *self, uint64_t offset,
			     uint32_t size, bool write, uint64_t *value)
{
	const struct vgic_reg *r = find_reg(offset);
	struct vgic_ctx c = {d, self};
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
		*value = (r->read(&c, first, count) >> shift) &
			 (size == 8 ? ~0ULL : (1ULL << (8 * size)) - 1);
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
