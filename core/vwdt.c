// SPDX-License-Identifier: GPL-2.0-only
/*
 * An emulated SBSA Generic Watchdog (Arm DEN0029 "Server Base System
 * Architecture", section "Generic Watchdog"), one per partition, so Linux's
 * sbsa_gwdt driver (and busybox `watchdog`) and a bare-metal RTOS can arm it.
 *
 * Two frames: refresh (WRR) and control (WCS, WOR, WCV). Armed, the watchdog
 * waits for the counter to reach WCV. The first expiry sets WS0 (the guest's
 * interrupt) and reloads WCV = now + WOR; the second sets WS1, the reset
 * signal: Bulkhead then applies the partition's fault policy (restart or
 * stop). A write of WRR, WOR or WCS is an explicit refresh: WS0 = WS1 = 0,
 * WCV = now + WOR.
 *
 * Deadlines are kept by the EL2 physical timer (CNTHP, PPI 26) of the core of
 * the partition's boot vCPU. A guest that hangs with its interrupts masked
 * still traps there (HCR_EL2.IMO routes physical interrupts to EL2), so the
 * watchdog fires; there is no periodic tick while the watchdog is idle.
 */
#include <arch/arm64/cpu.h>
#include <arch/arm64/sysreg.h>
#include <lib/log.h>
#include <core/mmio.h>
#include <core/partition.h>
#include <core/vwdt.h>
#include <gic/gicv3.h>
#include <gic/vgic.h>

#include <errno.h>

#define WDT_WRR 0x000
#define WDT_WCS 0x000
#define WDT_WOR 0x008
#define WDT_WCV 0x010
#define WDT_IIDR 0xfcc
#define WCS_EN (1U << 0)
#define WCS_WS0 (1U << 1)
#define WCS_WS1 (1U << 2)
#define WDT_IIDR_V0 0x0000043b /* architecture version 0, implementer Arm */

#define CNTHP_CTL_ENABLE 1ULL

static uint64_t now(void)
{
	return read_sysreg(cntpct_el0);
}

/* Arm the EL2 timer of the boot vCPU's core (on that core). */
static void arm_timer(struct vwdt *w)
{
	if (!(w->wcs & WCS_EN)) {
		write_sysreg(cnthp_ctl_el2, 0);
		return;
	}
	write_sysreg(cnthp_cval_el2, w->wcv);
	write_sysreg(cnthp_ctl_el2, CNTHP_CTL_ENABLE);
	isb();
}

/* After a change from any core: the boot vCPU's core re-arms its timer. */
static void rearm(struct vcpu *v, struct vwdt *w)
{
	if (v->id == 0)
		arm_timer(w);
	else
		gic_send_sgi(w->part->vcpus[0].cpu, GIC_SGI_KICK);
}

static void refresh(struct vwdt *w)
{
	w->wcs &= ~(WCS_WS0 | WCS_WS1);
	w->wcv = now() + w->wor;
	vgic_set_level(&w->part->vgic, VWDT_SPI_INTID, false);
}

void vwdt_init(struct vwdt *w, struct partition *p)
{
	w->part = p;
	w->wcs = 0;
	w->wor = 0;
	w->wcv = 0;
}

static int control_access(struct vcpu *v, struct vwdt *w, struct mmio_access *a)
{
	uint64_t off = a->offset - VWDT_FRAME;

	if (!a->write) {
		a->value = off == WDT_WCS ? w->wcs
			   : off == WDT_WOR ? w->wor
			   : off == WDT_WCV ? w->wcv
			   : off == WDT_WCV + 4 ? w->wcv >> 32
			   : off == WDT_IIDR ? WDT_IIDR_V0
					     : 0;
		if (a->size == 4)
			a->value &= 0xffffffffULL;
		return 0;
	}
	if (off == WDT_WCS)
		w->wcs = (w->wcs & ~WCS_EN) | ((uint32_t)a->value & WCS_EN);
	else if (off == WDT_WOR)
		w->wor = (uint32_t)a->value;
	else if (off == WDT_WCV && a->size == 8)
		w->wcv = a->value;
	else
		return 0;
	if (off != WDT_WCV)
		refresh(w);
	rearm(v, w);
	return 0;
}

int vwdt_access(struct vcpu *v, struct mmio_access *a, void *dev)
{
	struct vwdt *w = dev;

	if ((a->size != 4 && a->size != 8) || (a->offset & (a->size - 1)))
		return -EINVAL;
	if (a->offset >= VWDT_FRAME)
		return control_access(v, w, a);
	if (a->write && a->offset == WDT_WRR) {
		refresh(w);
		rearm(v, w);
	} else if (!a->write) {
		a->value = a->offset == WDT_IIDR ? WDT_IIDR_V0 : 0;
	}
	return 0;
}

/* The EL2 timer fired on the boot vCPU's core, or a kick asked for a re-arm. */
void vwdt_tick(struct vcpu *v)
{
	struct vwdt *w = &v->part->vwdt;

	if (v->id != 0 || !(w->wcs & WCS_EN)) {
		write_sysreg(cnthp_ctl_el2, 0);
		return;
	}
	if (now() < w->wcv) {
		arm_timer(w);
		return;
	}
	if (!(w->wcs & WCS_WS0)) {
		w->wcs |= WCS_WS0;
		w->wcv = now() + w->wor;
		vgic_set_level(&v->part->vgic, VWDT_SPI_INTID, true);
		arm_timer(w);
		return;
	}
	w->wcs |= WCS_WS1;
	write_sysreg(cnthp_ctl_el2, 0);
	log_info("partition '%s' fault: watchdog expired (no refresh for 2 x %u ticks)",
		 v->part->lp->name, w->wor);
	partition_fault_current("watchdog");
}

/* The guest device tree (partitions/guest_dt.c) describes these same frames. */
_Static_assert(VWDT_REFRESH_IPA == LAYOUT_VIRT_WDT_REFRESH_IPA, "watchdog refresh frame");
_Static_assert(VWDT_FRAME == LAYOUT_VIRT_WDT_FRAME, "watchdog control frame offset");
_Static_assert(VWDT_SIZE == LAYOUT_VIRT_WDT_SIZE, "watchdog window");
_Static_assert(VWDT_SPI_INTID == 32 + LAYOUT_VIRT_WDT_SPI, "watchdog interrupt");
