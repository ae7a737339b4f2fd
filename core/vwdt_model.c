// SPDX-License-Identifier: GPL-2.0-only
/* The watchdog's register model (core/vwdt_model.h); shared with the host. */
#include <core/vwdt_model.h>

#include <errno.h>

void vwdt_model_reset(struct vwdt_regs *r)
{
	r->wcs = 0;
	r->wor = 0;
	r->wcv = 0;
}

static uint32_t refresh(struct vwdt_regs *r, uint64_t now)
{
	r->wcs &= ~(WCS_WS0 | WCS_WS1);
	r->wcv = now + r->wor;
	return VWDT_IRQ_LOWER | VWDT_REARM;
}

static uint64_t control_read(const struct vwdt_regs *r, uint64_t off)
{
	switch (off) {
	case WDT_WCS:
		return r->wcs;
	case WDT_WOR:
		return r->wor;
	case WDT_WCV:
		return r->wcv;
	case WDT_WCV + 4:
		return r->wcv >> 32;
	case WDT_IIDR:
		return WDT_IIDR_V0;
	default:
		return 0;
	}
}

static uint32_t control_write(struct vwdt_regs *r, uint64_t off, uint32_t size, uint64_t v,
			      uint64_t now)
{
	if (off == WDT_WCS)
		r->wcs = (r->wcs & ~WCS_EN) | ((uint32_t)v & WCS_EN);
	else if (off == WDT_WOR)
		r->wor = (uint32_t)v;
	else if (off == WDT_WCV && size == 8)
		return (r->wcv = v), VWDT_REARM;
	else
		return 0;
	return refresh(r, now);
}

int vwdt_model_access(struct vwdt_regs *r, uint64_t offset, uint32_t size, bool write,
		      uint64_t *value, uint64_t now, uint32_t *effects)
{
	*effects = 0;
	if ((size != 4 && size != 8) || (offset & (size - 1)))
		return -EINVAL;
	if (offset >= VWDT_FRAME) {
		if (write) {
			*effects = control_write(r, offset - VWDT_FRAME, size, *value, now);
		} else {
			*value = control_read(r, offset - VWDT_FRAME);
			if (size == 4)
				*value &= 0xffffffffULL;
		}
		return 0;
	}
	if (write && offset == WDT_WRR)
		*effects = refresh(r, now);
	else if (!write)
		*value = offset == WDT_IIDR ? WDT_IIDR_V0 : 0;
	return 0;
}

uint32_t vwdt_model_expire(struct vwdt_regs *r, uint64_t now)
{
	if (!(r->wcs & WCS_EN))
		return VWDT_REARM; /* disarmed: the glue turns the timer off */
	if (now < r->wcv)
		return VWDT_REARM;
	if (!(r->wcs & WCS_WS0)) {
		r->wcs |= WCS_WS0;
		r->wcv = now + r->wor;
		return VWDT_IRQ_RAISE | VWDT_REARM;
	}
	if (r->wcs & WCS_WS1)
		return 0; /* already signalled: once only */
	r->wcs |= WCS_WS1;
	return VWDT_RESET;
}

bool vwdt_model_deadline(const struct vwdt_regs *r, uint64_t *when)
{
	*when = r->wcv;
	return (r->wcs & WCS_EN) && !(r->wcs & WCS_WS1);
}
