// SPDX-License-Identifier: GPL-2.0-only
/*
 * Exceptions of the hostile guest (see hx.h). Linked instead of
 * guests/baremetal/rt/exception.c: start.S calls rt_exception() for every
 * exception taken at EL1.
 */
#include <guests/baremetal/rt/rt.h>
#include <guests/hostile/hw.h>
#include <guests/hostile/hx.h>

#define ESR_EC(esr) (((esr) >> 26) & 0x3f)
#define VEC_SYNC    4 /* current EL with SP_ELx */
#define VEC_IRQ	    5
#define SPSR_IL	    (1UL << 20)
#define MDSCR_MDE   (1UL << 15)
#define MDSCR_KDE   (1UL << 13)

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

static void irq(void)
{
	for (int n = 0; n < 64; n++) {
		uint32_t intid = gic_ack();

		if (intid >= 1020)
			return;
		irq_count++;
		if (irq_hook)
			irq_hook(intid);
		gic_eoi(intid);
	}
}

static void __attribute__((noreturn))
unexpected(struct rt_frame *f, uint64_t vector, uint64_t esr, uint64_t far)
{
	rt_printf("exception: vector %lu at EL1: ESR 0x%lx (EC 0x%lx), FAR 0x%lx, ELR 0x%lx, "
		  "SPSR 0x%lx\n",
		  vector, esr, ESR_EC(esr), far, f->elr, f->spsr);
	rt_puts("halted\n");
	rt_halt();
}

void rt_exception(struct rt_frame *f, uint64_t vector)
{
	uint64_t esr = read_sysreg(esr_el1), far = read_sysreg(far_el1);

	if (vector == VEC_IRQ) {
		irq();
		return;
	}
	if (vector != VEC_SYNC || !expecting)
		unexpected(f, vector, esr, far);
	sync_count++;
	last_esr = esr;
	last_far = far;
	switch (ESR_EC(esr)) {
	case HX_EC_ILLEGAL:
		/* After an illegal exception return: clear PSTATE.IL, run the instruction. */
		f->spsr &= ~SPSR_IL;
		return;
	case HX_EC_WATCH:
	case HX_EC_BREAK:
		/* A debug event at EL1: turn debug off and retry the instruction. */
		write_sysreg(mdscr_el1, read_sysreg(mdscr_el1) & ~(MDSCR_MDE | MDSCR_KDE));
		isb();
		return;
	default:
		f->elr += 4;
		return;
	}
}
