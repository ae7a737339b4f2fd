// SPDX-License-Identifier: GPL-2.0-only
/* The AArch64 half of exc.h: the default report (ESR_EL1, FAR_EL1) and HVC without EL2. */
#include <guests/lib/exc.h>
#include <guests/lib/psci.h>
#include <guests/lib/rt.h>

#define INSN_HVC_0 0xd4000002U /* hvc #0 */

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

void rt_exc_report(const struct rt_frame *f, uint64_t vector)
{
	uint64_t esr = sysreg_read(esr_el1), far = sysreg_read(far_el1);
	const char *name = rt_name ? rt_name : "";
	const char *sep = rt_name ? ": " : "";

	rt_printf("%s%sexception: %s at EL1: ESR 0x%lx (EC 0x%lx %s), FAR 0x%lx, ELR 0x%lx, "
		  "SPSR 0x%lx\n",
		  name, sep, vector_names[vector & 15], esr, ESR_EC(esr), ec_name(ESR_EC(esr)), far,
		  f->elr, f->spsr);
	rt_printf("%s%sexception: x0 0x%lx x1 0x%lx x2 0x%lx x3 0x%lx lr 0x%lx sp 0x%lx\n", name,
		  sep, f->x[0], f->x[1], f->x[2], f->x[3], f->x[30], (uint64_t)(uintptr_t)(f + 1));
}

/* No EL2: "hvc #0" is UNDEFINED. Answer NOT_SUPPORTED and go on. */
struct rt_frame *rt_exc_hvc_undefined(struct rt_frame *f)
{
	if (ESR_EC(sysreg_read(esr_el1)) != ESR_EC_UNKNOWN ||
	    *(const volatile uint32_t *)(uintptr_t)f->elr != INSN_HVC_0)
		return NULL;
	f->x[0] = SMCCC_NOT_SUPPORTED;
	f->elr += 4;
	return f;
}

bool rt_frame_is_svc(const struct rt_frame *f)
{
	(void)f;
	return ESR_EC(sysreg_read(esr_el1)) == ESR_EC_SVC64;
}

void rt_exc_syndrome(const struct rt_frame *f, uint64_t *syndrome, uint64_t *address)
{
	(void)f;
	*syndrome = sysreg_read(esr_el1);
	*address = sysreg_read(far_el1);
}
