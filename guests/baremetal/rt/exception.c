// SPDX-License-Identifier: GPL-2.0-only
/*
 * Exceptions taken by a test guest: one report on the console, then halt.
 * A test guest never expects an exception; under Bulkhead a stage-2 fault is
 * handled (and reported) by the hypervisor and never reaches the guest, so a
 * report from here means something is wrong. Tests can match it:
 *   exception: <kind> at EL1: ESR 0x... (EC 0x.. <class>), FAR 0x..., ELR 0x..., SPSR 0x...
 *
 * One exception is expected and handled: without EL2, HVC is undefined (EC 0).
 * The console hypercall then gets NOT_SUPPORTED and the runtime falls back to
 * the PL011 (console.c).
 */
#include <guests/baremetal/rt/rt.h>

#define ESR_EC(esr) (((esr) >> 26) & 0x3f)
#define EC_UNKNOWN  0x00
#define INSN_HVC_0  0xd4000002U /* hvc #0 */

static const char *const vector_names[16] = {
	"sync (SP_EL0)",
	"irq (SP_EL0)",
	"fiq (SP_EL0)",
	"serror (SP_EL0)",
	"sync",
	"irq",
	"fiq",
	"serror",
	"sync from EL0",
	"irq from EL0",
	"fiq from EL0",
	"serror from EL0",
	"sync from EL0/32",
	"irq from EL0/32",
	"fiq from EL0/32",
	"serror from EL0/32",
};

static const char *ec_name(uint64_t ec)
{
	switch (ec) {
	case 0x00:
		return "unknown/undefined";
	case 0x01:
		return "wfi/wfe";
	case 0x07:
		return "fp/simd access";
	case 0x0e:
		return "illegal execution state";
	case 0x15:
		return "svc";
	case 0x16:
		return "hvc";
	case 0x17:
		return "smc";
	case 0x18:
		return "system register";
	case 0x20:
	case 0x21:
		return "instruction abort";
	case 0x22:
		return "pc alignment";
	case 0x24:
	case 0x25:
		return "data abort";
	case 0x26:
		return "sp alignment";
	case 0x2f:
		return "serror";
	case 0x3c:
		return "brk";
	default:
		return "other";
	}
}

void rt_exception(struct rt_frame *f, uint64_t vector)
{
	uint64_t esr, far;

	__asm__ volatile("mrs %0, esr_el1" : "=r"(esr));
	__asm__ volatile("mrs %0, far_el1" : "=r"(far));

	/* No EL2: "hvc #0" is undefined. Answer NOT_SUPPORTED and go on. */
	if (vector == 4 && ESR_EC(esr) == EC_UNKNOWN &&
	    *(const volatile uint32_t *)(uintptr_t)f->elr == INSN_HVC_0) {
		f->x[0] = SMCCC_NOT_SUPPORTED;
		f->elr += 4;
		return;
	}
	rt_printf("exception: %s at EL1: ESR 0x%lx (EC 0x%lx %s), FAR 0x%lx, ELR 0x%lx, "
		  "SPSR 0x%lx\n",
		  vector_names[vector & 15], esr, ESR_EC(esr), ec_name(ESR_EC(esr)), far, f->elr,
		  f->spsr);
	rt_printf("exception: x0 0x%lx x1 0x%lx x2 0x%lx x3 0x%lx lr 0x%lx sp 0x%lx\n", f->x[0],
		  f->x[1], f->x[2], f->x[3], f->x[30], (uint64_t)(uintptr_t)(f + 1));
	rt_puts("halted\n");
	rt_halt();
}
