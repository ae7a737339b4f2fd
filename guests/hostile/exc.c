// SPDX-License-Identifier: GPL-2.0-only
/*
 * Exceptions of the hostile guest (see hx.h): the guest library's IRQ and
 * synchronous-exception hooks. Anything else gets the library's report.
 */
#include <guests/hostile/hw.h>
#include <guests/hostile/hx.h>
#include <guests/lib/gic.h>
#include <guests/lib/rt.h>

#define SPSR_IL	  (1UL << 20)
#define MDSCR_MDE (1UL << 15)
#define MDSCR_KDE (1UL << 13)

static volatile bool expecting;
static volatile uint32_t sync_count;
static volatile uint64_t last_esr, last_far;
static void (*volatile irq_hook)(uint32_t intid);
static volatile uint64_t irq_count;

void hx_expect(void)
{
	sync_count = 0;
	last_esr = 0;
	expecting = true;
	__asm__ volatile("" ::: "memory");
}

void hx_done(void)
{
	__asm__ volatile("" ::: "memory");
	expecting = false;
}

uint32_t hx_sync_count(void)
{
	return sync_count;
}

uint64_t hx_last_esr(void)
{
	return last_esr;
}

uint64_t hx_last_far(void)
{
	return last_far;
}

void hx_set_irq_hook(void (*hook)(uint32_t intid))
{
	irq_hook = hook;
}

uint64_t hx_irq_count(void)
{
	return irq_count;
}

/* IRQ hook: every pending interrupt acknowledged, handed to the hook, ended. */
static struct rt_frame *irq(struct rt_frame *f)
{
	for (int n = 0; n < 64; n++) {
		uint32_t intid = gic_ack();

		if (intid >= GIC_INTID_SPURIOUS)
			break;
		irq_count++;
		if (irq_hook)
			irq_hook(intid);
		gic_eoi(intid);
	}
	return f;
}

/* Sync hook: an exception provoked on purpose is recorded and skipped; NULL otherwise. */
static struct rt_frame *sync(struct rt_frame *f)
{
	uint64_t esr = sysreg_read(esr_el1);

	if (!expecting)
		return NULL;
	sync_count++;
	last_esr = esr;
	last_far = sysreg_read(far_el1);
	switch (ESR_EC(esr)) {
	case HX_EC_ILLEGAL:
		/* After an illegal exception return: clear PSTATE.IL, run the instruction. */
		f->spsr &= ~SPSR_IL;
		break;
	case HX_EC_WATCH:
	case HX_EC_BREAK:
		/* A debug event at EL1: turn debug off and retry the instruction. */
		sysreg_write(mdscr_el1, sysreg_read(mdscr_el1) & ~(MDSCR_MDE | MDSCR_KDE));
		isb();
		break;
	default:
		f->elr += 4;
		break;
	}
	return f;
}

void hx_init(void)
{
	rt_set_irq_hook(irq);
	rt_set_sync_hook(sync);
}
