// SPDX-License-Identifier: GPL-2.0-only
/* Exceptions taken at EL1: the hooks and the default report (exc.h). */
#include <guests/lib/exc.h>
#include <guests/lib/rt.h>

/* Set by the boot core before it unmasks interrupts or starts other cores. */
static rt_exc_hook irq_hook, sync_hook;

void rt_set_irq_hook(rt_exc_hook hook)
{
	irq_hook = hook;
}

void rt_set_sync_hook(rt_exc_hook hook)
{
	sync_hook = hook;
}

struct rt_frame *rt_exception(struct rt_frame *f, uint64_t vector)
{
	struct rt_frame *next = NULL;

	if (vector == VEC_IRQ && irq_hook)
		next = irq_hook(f);
	else if (vector == VEC_SYNC && sync_hook)
		next = sync_hook(f);
	if (!next && vector == VEC_SYNC)
		next = rt_exc_hvc_undefined(f);
	if (next)
		return next;
	rt_exc_report(f, vector);
	rt_puts("halted\n");
	rt_halt();
}
