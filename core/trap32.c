// SPDX-License-Identifier: GPL-2.0-only
/*
 * Traps only an AArch32 EL1 produces (docs/design.md "AArch32 partitions"):
 * HVC32/SMC32 (SMCCC, PSCI), MCR/MRC/MCRR/MRRC to CP15 and CP14, VMRS of ID
 * registers. The decoding is arch/arm64/aarch32.c (host-tested); data aborts
 * and SErrors from AArch32 go the AArch64 way (core/trap.c: same ISS).
 *
 * Conditional instructions (Arm ARM D1.11.2 "Traps on conditional AArch32
 * instructions"): an instruction whose condition fails may still trap; it is
 * then skipped as if it had executed as a NOP.
 *
 * State: none of its own but the report-once words below (atomic bits, one
 * per partition); the frame is the calling core's.
 */
#include <arch/arm64/aarch32.h>
#include <arch/arm64/cpu.h>
#include <arch/arm64/sysreg.h>
#include <arch/arm64/trap.h>
#include <core/hvc.h>
#include <core/partition.h>
#include <core/trap32.h>
#include <lib/log.h>
#include <lib/smccc.h>

/* SCTLR set/way maintenance (MCR p15, 0, Rt, c7, c6/c10/c14, 2): HCR_EL2.TSW. */
#define CP15_DCISW  A32_CP15(0, 7, 6, 2)
#define CP15_DCCSW  A32_CP15(0, 7, 10, 2)
#define CP15_DCCISW A32_CP15(0, 7, 14, 2)
/* GICv3 SGI generation (MCRR p15, opc1, Rt, Rt2, c12): trapped by HCR_EL2.IMO/FMO. */
#define CP15_SGI1R  A32_CP15(0, 0, 12, 0)
#define CP15_ASGI1R A32_CP15(1, 0, 12, 0)
#define CP15_SGI0R  A32_CP15(2, 0, 12, 0)

static uint32_t undef_reported; /* bit n: partition n reported (atomic) */

/*
 * Inject an Undefined Instruction exception into the AArch32 EL1: SPSR_und
 * and LR_und (x22, aarch32.h) get the state and return address, the guest
 * continues at its undefined-instruction vector.
 */
static void inject_undef(struct trap_frame *f)
{
	struct a32_exc_entry e;

	a32_undef_entry((uint32_t)f->spsr, (uint32_t)f->elr, read_sysreg(sctlr_el1),
			read_sysreg(vbar_el1), &e);
	write_sysreg(spsr_und, f->spsr & 0xffffffffULL);
	f->x[a32_reg_index(A32_MODE_UND, 14)] = e.lr;
	f->spsr = e.cpsr;
	f->elr = e.pc;
}

/* Something EL2 does not emulate: say so once per partition, undefined for the guest. */
static void undefined(struct trap_frame *f, uint64_t esr, const char *what)
{
	struct vcpu *v = this_vcpu();

	log_once_bit(&undef_reported, 1U << v->part->lp->id, LOG_WARNING,
		     "partition '%s': %s (ESR 0x%llx, pc 0x%llx) is undefined for the guest "
		     "(reported once)",
		     v->part->lp->name, what, (unsigned long long)esr, (unsigned long long)f->elr);
	inject_undef(f);
}

static uint64_t reg32(const struct trap_frame *f, uint32_t x)
{
	return f->x[x] & 0xffffffffULL;
}

/* MCR/MRC/MCRR/MRRC to CP15; true if served (the caller steps past it). */
static bool cp15_access(struct trap_frame *f, uint64_t esr)
{
	struct a32_cp_access a;
	uint32_t id;

	a32_cp_decode(esr, &a);
	/*
	 * Rt/Rt2 are the AArch64 view of the register (D17.2.37: x24 for
	 * r8_fiq, x18 for LR_svc), and QEMU 7.2 reports them so too -- unlike
	 * its data-abort SRT, which CONFIG_A32_ISS_AARCH32_REGNUM maps
	 * (core/mmio.c). Mapping them through the mode made every CP15 access
	 * with a banked register undefined (found by test_hostile32's
	 * sgi-banked-* checks). x31 names no AArch32 register.
	 */
	if ((a.rt > 30U) || (a.rt2 > 30U))
		return false;
	id = a32_cp_id(&a);
	if (a.is64) {
		if (a.read)
			return false; /* the SGI registers are write-only */
		if (id == CP15_SGI1R)
			vgic_sgi1r_write(&this_vcpu()->vgic,
					 (reg32(f, a.rt2) << 32) | reg32(f, a.rt));
		/* ASGI1R, SGI0R: no Group 0 / Secure SGIs in a partition: ignored. */
		return (id == CP15_SGI1R) || (id == CP15_ASGI1R) || (id == CP15_SGI0R);
	}
	switch (id) {
	case CP15_DCISW: /* never discard: clean too (as for AArch64, core/virq.c) */
	case CP15_DCCSW:
	case CP15_DCCISW:
		if (a.read)
			return false;
		__asm__ volatile("dc cisw, %0" : : "r"(reg32(f, a.rt)) : "memory");
		return true;
	default:
		return false;
	}
}

/*
 * SMCCC from AArch32 (SMCCC 1.1, 2.6): r0-r7 are x0-x7 (aarch32.h), and their
 * upper halves are UNKNOWN. An SMC64 function ID from AArch32 is not
 * supported. Results are 32-bit.
 */
static void smccc32(struct trap_frame *f)
{
	/*
	 * Written out, not looped: a load of the low word and a store per
	 * register (the loops cost 71 instructions per HVC32, this 29: bench
	 * a32_hvc_null, docs/performance.md "AArch32 guest").
	 */
	f->x[0] = (uint32_t)f->x[0];
	f->x[1] = (uint32_t)f->x[1];
	f->x[2] = (uint32_t)f->x[2];
	f->x[3] = (uint32_t)f->x[3];
	f->x[4] = (uint32_t)f->x[4];
	f->x[5] = (uint32_t)f->x[5];
	f->x[6] = (uint32_t)f->x[6];
	f->x[7] = (uint32_t)f->x[7];
	if ((f->x[0] & SMCCC_64BIT) != 0U)
		f->x[0] = SMCCC_NOT_SUPPORTED;
	else
		hvc_handle(f);
	f->x[0] = (uint32_t)f->x[0];
	f->x[1] = (uint32_t)f->x[1];
	f->x[2] = (uint32_t)f->x[2];
	f->x[3] = (uint32_t)f->x[3];
}

bool trap32_handle(struct trap_frame *f, uint64_t esr)
{
	uint32_t ec = (uint32_t)ESR_EC(esr);

	if (ec == EC_HVC32) { /* unconditional; ELR is already past it */
		smccc32(f);
		return true;
	}
	if (!a32_cond_passed(esr, f->spsr)) {
		trap_skip_insn(&f->elr, &f->spsr, esr); /* failed its condition: a NOP */
		return true;
	}
	switch (ec) {
	case EC_SMC32: /* HCR_EL2.TSC: ELR is the SMC itself (D1.10.5) */
		trap_skip_insn(&f->elr, &f->spsr, esr);
		smccc32(f);
		return true;
	case EC_CP15_32:
	case EC_CP15_64:
		if (cp15_access(f, esr))
			trap_skip_insn(&f->elr, &f->spsr, esr);
		else
			undefined(f, esr, "CP15 access");
		return true;
	case EC_CP14_MR: /* debug registers: MDCR_EL2.TDA/TDRA (arch/arm64/el1_policy.c) */
	case EC_CP14_LS:
	case EC_CP14_64:
		undefined(f, esr, "CP14 access");
		return true;
	case EC_CP10_ID:
		undefined(f, esr, "VMRS of an ID register");
		return true;
	default:
		return false;
	}
}

void trap32_vcpu_reset(bool aarch32)
{
	if (!aarch32)
		return;
	/* AArch32-only EL1 state kept in EL2 registers (D1.20.2), as after reset. */
	write_sysreg(dacr32_el2, 0);
	write_sysreg(ifsr32_el2, 0);
	write_sysreg(fpexc32_el2, 0);
}

bool trap32_cores_support(void)
{
	return a32_el1_supported(read_sysreg(id_aa64pfr0_el1));
}
