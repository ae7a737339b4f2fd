// SPDX-License-Identifier: GPL-2.0-only
/* The table of EL2's own interrupts (core/hyp_irq.h). */
#include <core/hyp_irq.h>
#include <gic/gicv3.h>
#include <lib/trace.h>

#include <errno.h>
#include <stddef.h>

struct hyp_irq {
	hyp_irq_handler fn;
	void *arg;
	const char *owner;
};

/* Written at boot only (see the header). */
static struct hyp_irq table[GIC_MAX_INTID];

int hyp_irq_reserve(uint32_t intid, hyp_irq_handler fn, void *arg, const char *owner)
{
	if (intid >= GIC_MAX_INTID || !fn)
		return trace_error(-EINVAL);
	if (table[intid].fn)
		return trace_error(-EBUSY);
	table[intid] = (struct hyp_irq){fn, arg, owner};
	return 0;
}

bool hyp_irq_dispatch(uint32_t intid)
{
	const struct hyp_irq *h;

	if (intid >= GIC_MAX_INTID)
		return false;
	h = &table[intid];
	if (!h->fn)
		return false;
	h->fn(intid, h->arg);
	return true;
}
