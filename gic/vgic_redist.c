// SPDX-License-Identifier: GPL-2.0-only
/*
 * The emulated redistributor of one vCPU (IHI 0069 12.10, 12.11): the RD_base
 * frame (identification, wake-up) and the SGI_base frame (SGI/PPI enable,
 * pending, priority, configuration).
 *
 * SGIs and PPIs are virtual state, except the PPIs of per-core devices the
 * partition has whole (the EL1 timers and the PMU): their enable and pending
 * bits go to the physical redistributor of the vCPU's core, and they are
 * injected with the HW bit. Bulkhead's own SGI and the maintenance PPI are
 * never visible.
 */
#include <gic/gic_regs.h>
#include <gic/vgic.h>
#include <gic/vgic_ppi.h>
#include <lib/bits.h>

#include <errno.h>

static uint64_t typer(const struct vgic_cpu *vc)
{
	struct vgic_dist *d = vc->dist;
	uint64_t v = (uint64_t)vc->id << 32 | (uint64_t)vc->id << 8;

	if (vc->id + 1 == d->ncpus)
		v |= GICR_TYPER_LAST;
	return v;
}

static uint32_t waker_write(struct vgic_cpu *vc, uint32_t v)
{
	/* ChildrenAsleep follows ProcessorSleep at once: there is nothing to quiesce. */
	vc->waker = (v & GICR_WAKER_PROCESSOR_SLEEP)
			    ? GICR_WAKER_PROCESSOR_SLEEP | GICR_WAKER_CHILDREN_ASLEEP
			    : 0;
	return vc->waker;
}

static int rd_read(struct vgic_cpu *vc, uint64_t off, uint32_t size, uint64_t *v)
{
	switch (off & ~4ULL) {
	case GICR_TYPER:
		*v = typer(vc);
		if (size == 4)
			*v = off & 4 ? *v >> 32 : *v & 0xffffffff;
		return 0;
	default:
		break;
	}
	switch (off) {
	case GICR_IIDR:
		*v = 0x43b;
		return 0;
	case GICR_WAKER:
		*v = vc->waker;
		return 0;
	case GICR_PIDR2:
		*v = GIC_PIDR2_V3;
		return 0;
	default:
		*v = 0; /* CTLR, STATUSR, PROPBASER, PENDBASER, IDs: no LPIs */
		return 0;
	}
}

static void enable_bits(struct vgic_cpu *vc, uint32_t bits, bool on)
{
	uint32_t hw = bits & VGIC_PASSTHROUGH_PPIS;

	bits &= ~VGIC_HIDDEN_PPIS;
	if (on) {
		__atomic_fetch_or(&vc->enabled, bits, __ATOMIC_ACQ_REL);
		/* SGIs that arrived while disabled are delivered by the vCPU's core. */
		if ((vc->sgi_pending | __atomic_load_n(&vc->sw_pending, __ATOMIC_ACQUIRE)) & bits)
			vgic_hw_kick(vc->cpu);
	} else {
		__atomic_fetch_and(&vc->enabled, ~bits, __ATOMIC_ACQ_REL);
	}
	for (; hw; hw &= hw - 1)
		gicr_set_enable(vc->cpu, (uint32_t)__builtin_ctz(hw), on);
}

static void pend_bits(struct vgic_cpu *vc, uint32_t bits, bool on)
{
	uint32_t hw = bits & VGIC_PASSTHROUGH_PPIS;
	uint32_t sw = bits & ~VGIC_PASSTHROUGH_PPIS & ~VGIC_HIDDEN_PPIS;

	for (; hw; hw &= hw - 1)
		gicr_set_pending(vc->cpu, (uint32_t)__builtin_ctz(hw), on);
	if (on && sw) {
		__atomic_fetch_or(&vc->sgi_pending, sw, __ATOMIC_ACQ_REL);
		vgic_hw_kick(vc->cpu);
	} else if (!on) {
		__atomic_fetch_and(&vc->sgi_pending, ~sw, __ATOMIC_ACQ_REL);
		__atomic_fetch_and(&vc->sw_pending, ~sw, __ATOMIC_ACQ_REL);
	}
}

static uint32_t visible(void)
{
	return ~(uint32_t)VGIC_HIDDEN_PPIS;
}

static int sgi_read(struct vgic_cpu *vc, uint64_t off, uint32_t size, uint64_t *v)
{
	if (off >= GICR_IPRIORITYR && off < GICR_IPRIORITYR + 32) {
		uint32_t n = (uint32_t)(off - GICR_IPRIORITYR);

		*v = 0;
		for (uint32_t i = 0; i < size; i++) {
			/* Bulkhead's PPIs: RAZ/WI */
			if (((visible() >> ((n + i) & 31U)) & 1U) != 0U) {
				*v |= (uint64_t)vc->priority[n + i] << (8 * i);
			}
		}
		return 0;
	}
	if (size != 4)
		return -EINVAL;
	switch (off) {
	case GICR_IGROUPR0:
		*v = visible();
		return 0;
	case GICR_ISENABLER0:
	case GICR_ICENABLER0:
		*v = vc->enabled & visible();
		return 0;
	case GICR_ISPENDR0:
	case GICR_ICPENDR0:
		*v = (vc->sgi_pending | __atomic_load_n(&vc->sw_pending, __ATOMIC_ACQUIRE)) &
		     visible();
		return 0;
	case GICR_ICFGR0:
		*v = 0xaaaaaaaa; /* SGIs are edge-triggered */
		return 0;
	case GICR_ICFGR1:
		*v = vc->ppi_edge;
		return 0;
	default:
		*v = 0; /* ISACTIVER0/ICACTIVER0, IGRPMODR0, NSACR */
		return 0;
	}
}

static int sgi_write(struct vgic_cpu *vc, uint64_t off, uint32_t size, uint64_t v)
{
	if (off >= GICR_IPRIORITYR && off < GICR_IPRIORITYR + 32) {
		uint32_t n = (uint32_t)(off - GICR_IPRIORITYR);

		for (uint32_t i = 0; i < size; i++) {
			if (((visible() >> ((n + i) & 31U)) & 1U) != 0U) {
				vc->priority[n + i] = (uint8_t)(v >> (8 * i)) & 0xf8;
			}
		}
		return 0;
	}
	if (size != 4)
		return -EINVAL;
	switch (off) {
	case GICR_ISENABLER0:
		enable_bits(vc, (uint32_t)v, true);
		return 0;
	case GICR_ICENABLER0:
		enable_bits(vc, (uint32_t)v, false);
		return 0;
	case GICR_ISPENDR0:
		pend_bits(vc, (uint32_t)v, true);
		return 0;
	case GICR_ICPENDR0:
		pend_bits(vc, (uint32_t)v, false);
		return 0;
	case GICR_ICFGR1:
		vc->ppi_edge = (uint32_t)v & 0xaaaaaaaa;
		return 0;
	default:
		return 0; /* IGROUPR0 (RAO/WI), active, IGRPMODR0, NSACR */
	}
}

int vgic_redist_access(struct vgic_cpu *vc, uint64_t offset, uint32_t size, bool write,
		       uint64_t *value)
{
	if (size != 1 && size != 4 && size != 8)
		return -EINVAL;
	if (offset & (size - 1))
		return -EINVAL;
	if (offset < GICR_SGI_BASE) {
		if (write) {
			if (offset == GICR_WAKER)
				waker_write(vc, (uint32_t)*value);
			return 0;
		}
		rd_read(vc, offset, size, value);
		/* A narrower read (byte of GICR_TYPER) returns only its bytes. */
		if (size < 8)
			*value &= (1ULL << (8 * size)) - 1;
		return 0;
	}
	if (offset >= GICR_STRIDE)
		return -EINVAL;
	return write ? sgi_write(vc, offset, size, *value) : sgi_read(vc, offset, size, value);
}
