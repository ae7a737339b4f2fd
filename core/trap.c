// SPDX-License-Identifier: GPL-2.0-only
/*
 * Traps from guests: dispatch on the exception class (ESR_EL2.EC, Arm ARM
 * D17.2.37) to the one owner of each kind. No allocation, no device-tree
 * access and no printing on these paths, except to report a guest fault.
 */
#include <arch/arm64/aarch32.h>
#include <arch/arm64/abort.h>
#include <arch/arm64/cpu.h>
#include <arch/arm64/el1_state.h>
#include <arch/arm64/sysreg.h>
#include <arch/arm64/trap.h>
#include <core/hvc.h>
#include <core/mmio.h>
#include <core/partition.h>
#include <core/request.h>
#include <core/trap32.h>
#include <core/virq.h>
#include <lib/log.h>

#include <errno.h>

/*
 * Decode the abort being taken (abort.h). The IPA of a stage-2 permission
 * fault, for which HPFAR_EL2 may be UNKNOWN, is found through the guest's
 * stage-1 tables, as the access itself went (AT S1E1R).
 */
static void decode_abort(uint64_t esr, struct abort_info *a)
{
	abort_decode(esr, read_sysreg(far_el2), read_sysreg(hpfar_el2), a);
	if (!a->ipa_valid && a->kind == ABORT_PERMISSION && !a->walk && a->va_valid)
		a->ipa_valid = el1_va_to_ipa(a->va, &a->ipa);
}

/*
 * A guest abort Bulkhead does not serve: report it, and ask for the fault
 * policy (VCPU_REQ_FAULT, acted on by vcpu_return_path: the guest never
 * resumes). The line names what faulted (abort.h): a stage-1 page-table walk
 * whose descriptor read hit an unmapped or emulated IPA (ISS.S1PTW; the IPA
 * is HPFAR's page, the VA is the access that needed the walk), a stage-2
 * fault at an IPA, or another abort (external, alignment...) with its status
 * code. FAR is printed only when valid (ISS.FnV clear).
 */
static void guest_abort(const struct trap_frame *f, const struct abort_info *a)
{
	struct vcpu *v = this_cpu()->vcpu;
	const char *name = v->part->lp->name;
	const char *nofar = a->va_valid ? "" : " (FAR not valid)";
	unsigned long long pc = f->elr, ipa = a->ipa, va = a->va;

	if (a->walk)
		log_info("partition '%s' fault: stage-1 page-table walk at IPA 0x%llx (%s fault; "
			 "for %s at VA 0x%llx%s, pc 0x%llx, core %u)",
			 name, ipa, abort_kind_name(a),
			 a->exec ? "an instruction fetch" : "a data access", va, nofar, pc, v->cpu);
	else if (a->kind != ABORT_EXTERNAL && a->kind != ABORT_OTHER && a->ipa_valid)
		log_info("partition '%s' fault: stage-2 %s at IPA 0x%llx (pc 0x%llx, core %u)",
			 name, abort_access_name(a), ipa, pc, v->cpu);
	else
		log_info("partition '%s' fault: %s on %s at VA 0x%llx%s (FSC 0x%x, pc 0x%llx, "
			 "core %u)",
			 name, abort_kind_name(a), abort_access_name(a), va, nofar, a->fsc, pc,
			 v->cpu);
	vcpu_make_request(v, VCPU_REQ_FAULT, a->walk ? "stage-1 walk fault" : "stage-2 fault");
}

/* An abort not decoded yet (instruction abort, or a data abort's fast case). */
static void guest_abort_esr(const struct trap_frame *f, uint64_t esr)
{
	struct abort_info a;

	decode_abort(esr, &a);
	guest_abort(f, &a);
}

static void guest_unhandled(struct trap_frame *f, uint64_t esr)
{
	struct vcpu *v = this_cpu()->vcpu;

	log_info("partition '%s' fault: unhandled trap EC 0x%llx ISS 0x%llx (pc 0x%llx, core %u)",
		 v->part->lp->name, (unsigned long long)ESR_EC(esr),
		 (unsigned long long)ESR_ISS(esr), (unsigned long long)f->elr, v->cpu);
	vcpu_make_request(v, VCPU_REQ_FAULT, "unhandled trap");
}

/* An access to an emulated device that cannot be emulated: report, apply the policy. */
static void guest_bad_mmio(struct trap_frame *f, uint64_t esr, uint64_t ipa)
{
	struct vcpu *v = this_cpu()->vcpu;

	log_info(
		"partition '%s' fault: %s at IPA 0x%llx cannot be emulated (ISS 0x%llx, pc 0x%llx, "
		"core %u)",
		v->part->lp->name, (ESR_ISS(esr) & DABT_WNR) ? "write" : "read",
		(unsigned long long)ipa, (unsigned long long)ESR_ISS(esr),
		(unsigned long long)f->elr, v->cpu);
	vcpu_make_request(v, VCPU_REQ_FAULT, "unemulatable access");
}

/*
 * Only a stage-2 translation fault of the access itself can be an emulated
 * register (emulated regions are unmapped); a fault of the stage-1 walk
 * (S1PTW) never is: the walk's descriptor read is not an MMIO access.
 * One exception (fw, issue 17): a write to a read-only flash bank is a
 * permission fault that its region (core/vdev_flash.c) handles; elsewhere
 * no region lies over a mapped page, so mmio_handle() says -EFAULT.
 *
 * The fast case, tested on the ISS alone (no abort_info): a data abort with a
 * valid syndrome (ISV), FAR valid (FnV clear), not from the stage-1 walk
 * (S1PTW clear) and a stage-2 translation fault (DFSC 0b0001LL, any level):
 * HPFAR_EL2 holds the IPA's page and FAR its offset in it (Arm ARM D17.2.37,
 * D17.2.55). Every emulated register access is one.
 */
#define DABT_FAST_MASK	(DABT_ISV | DABT_FNV | DABT_S1PTW | ULL(0x3c))
#define DABT_FAST_MATCH (DABT_ISV | ULL(0x04))

/* An emulated access done: step past it. */
static inline void mmio_step(struct trap_frame *f, uint64_t esr)
{
	/* 4 bytes, or from AArch32 2 for a 16-bit T32 load/store (ESR.IL), IT advanced. */
	if (__builtin_expect((f->spsr & PSR_AARCH32) == 0, 1))
		f->elr += 4;
	else
		trap_skip_insn(&f->elr, &f->spsr, esr);
}

/*
 * mmio_handle() said @err: report why the access cannot be served. @a: the
 * abort already decoded (slow case), or NULL (fast case: what the report
 * needs is read again from HPFAR_EL2/FAR_EL2, unchanged since the trap).
 */
static void __attribute__((noinline))
mmio_failed(struct trap_frame *f, uint64_t esr, int err, const struct abort_info *a)
{
	uint64_t ipa;

	if (err == -EFAULT) {
		if (a != NULL)
			guest_abort(f, a); /* decoded once: no second AT walk */
		else
			guest_abort_esr(f, esr);
		return;
	}
	ipa = (a != NULL) ? a->ipa : HPFAR_TO_IPA(read_sysreg(hpfar_el2), read_sysreg(far_el2));
	guest_bad_mmio(f, esr, ipa);
}

/* The fast path's device error (from vectors.S): report it; the partition faults, never resumes. */
void trap_mmio_failed(struct trap_frame *f, uint64_t esr, int err)
{
	f->elr = read_sysreg(elr_el2); /* the report's pc (a fault: the guest never resumes) */
	mmio_failed(f, esr, err, NULL);
}

/* Any other data abort: decoded once, for the region lookup and the report. */
static void __attribute__((noinline)) data_abort_slow(struct trap_frame *f, uint64_t esr)
{
	struct abort_info a;
	int err;

	/* A write to a read-only page (a flash bank): IPA through AT S1E1R. */
	decode_abort(esr, &a);
	if (a.walk || a.ipa_page || !a.ipa_valid ||
	    !(a.kind == ABORT_TRANSLATION || (a.kind == ABORT_PERMISSION && a.write))) {
		guest_abort(f, &a);
		return;
	}
	err = mmio_handle(this_cpu()->vcpu, f, esr, a.ipa);
	if (err == 0)
		mmio_step(f, esr);
	else
		mmio_failed(f, esr, err, &a);
}

static void data_abort(struct trap_frame *f, uint64_t esr)
{
	int err;

	if ((ESR_ISS(esr) & DABT_FAST_MASK) != DABT_FAST_MATCH) {
		data_abort_slow(f, esr);
		return;
	}
	err = mmio_handle(this_cpu()->vcpu, f, esr,
			  HPFAR_TO_IPA(read_sysreg(hpfar_el2), read_sysreg(far_el2)));
	if (__builtin_expect(err, 0) == 0)
		mmio_step(f, esr);
	else
		mmio_failed(f, esr, err, NULL);
}

/*
 * Register @n (ISS.SRT or Rt; 31 is XZR) is in the fast path's frame: x0-x18,
 * x30 (vectors.S, guest_sync_vector).
 */
static inline bool fast_frame_has(uint64_t n)
{
	return (n <= 18U) || (n >= 30U);
}

/* The fast data abort (DABT_FAST_MASK above) and its class, in one test of ESR_EL2. */
#define FAST_DABT_MASK	((ULL(0x3f) << ESR_EC_SHIFT) | DABT_FAST_MASK)
#define FAST_DABT_MATCH (((uint64_t)EC_DABT_LOW << ESR_EC_SHIFT) | DABT_FAST_MATCH)

/*
 * An HVC or SMC from AArch64: SMCCC calls use immediate 0 (DEN0028 2.5: other
 * immediates are not SMCCC calls), so any other gets NOT_SUPPORTED and never
 * reaches a function (ISS[15:0] is the immediate, Arm ARM D17.2.37).
 */
static inline void smccc_call(struct trap_frame *f, uint64_t iss)
{
	if ((iss & 0xffffU) != 0U) {
		f->x[0] = SMCCC_NOT_SUPPORTED;
		return;
	}
	hvc_handle(f);
}

/*
 * The hot synchronous traps of an AArch64 guest, with only x0-x18 and x30 in
 * @f (vectors.S): an emulated MMIO access (the fast case above, its Rt in the
 * frame), an HVC (SMCCC: x0-x17, core/hvc.c), a trapped ICC_SGI1R_EL1 write.
 * ELR_EL2 is stepped in the register. Returns 0 when done (the requests are
 * checked on the way out, as for every trap), non-zero when nothing was done:
 * vectors.S then completes the frame and calls trap_guest_sync().
 */
int trap_guest_sync_fast(struct trap_frame *f, uint64_t esr)
{
	uint64_t iss = ESR_ISS(esr);
	uint64_t ec = ESR_EC(esr);

	if (__builtin_expect((esr & FAST_DABT_MASK) == FAST_DABT_MATCH, 1L) != 0L) {
		if (!fast_frame_has(DABT_SRT(iss)))
			return TRAP_FAST_SLOW;
		return mmio_handle_fast(this_cpu()->vcpu, f, esr,
					HPFAR_TO_IPA(read_sysreg(hpfar_el2), read_sysreg(far_el2)));
	}
	if (ec == (uint64_t)EC_HVC64) {
		smccc_call(f, iss);
		return TRAP_FAST_DONE;
	}
	if ((ec == (uint64_t)EC_SYS64) && fast_frame_has((iss >> 5) & 0x1fU) && virq_sysreg(f, iss))
		return TRAP_FAST_STEP;
	return TRAP_FAST_SLOW;
}

void trap_guest_sync(struct trap_frame *f)
{
	uint64_t esr = read_sysreg(esr_el2);

	/* The hot class first, before the switch's compare tree (bench: hvc_null). */
	if (__builtin_expect(ESR_EC(esr) == EC_HVC64, 1)) {
		smccc_call(f, ESR_ISS(esr));
		return;
	}
	switch (ESR_EC(esr)) {
	case EC_SMC64:
		/* With HCR_EL2.TSC the return address is the SMC itself (D1.10.5). */
		f->elr += 4;
		smccc_call(f, ESR_ISS(esr));
		return;
	case EC_DABT_LOW:
		data_abort(f, esr);
		return;
	case EC_SYS64:
		/* el1_sysreg_trap: PMU registers (MDCR_EL2.TPM) and MDRAR_EL1 (TDRA). */
		if (virq_sysreg(f, ESR_ISS(esr)) || el1_sysreg_trap(f, ESR_ISS(esr))) {
			f->elr += 4;
			return;
		}
		guest_unhandled(f, esr);
		return;
	case EC_IABT_LOW:
		guest_abort_esr(f, esr);
		return;
	case EC_CP15_32: /* AArch32 EL1 only (core/trap32.c) */
	case EC_CP15_64:
	case EC_CP14_MR:
	case EC_CP14_LS:
	case EC_CP14_64:
	case EC_CP10_ID:
	case EC_HVC32:
	case EC_SMC32:
		if (!trap32_handle(f, esr))
			guest_unhandled(f, esr);
		return;
	default:
		guest_unhandled(f, esr);
	}
}

void trap_guest_serror(struct trap_frame *f)
{
	struct vcpu *v = this_cpu()->vcpu;

	log_info("partition '%s' fault: SError (ESR 0x%llx, pc 0x%llx)", v->part->lp->name,
		 (unsigned long long)read_sysreg(esr_el2), (unsigned long long)f->elr);
	vcpu_make_request(v, VCPU_REQ_FAULT, "SError");
}

static const char *const hyp_vector_names[16] = {
	"sync/SP0",
	"irq/SP0",
	"fiq/SP0",
	"serror/SP0",
	"sync",
	"irq",
	"fiq",
	"serror",
	"",
	"",
	"",
	"",
	"sync/aarch32",
	"irq/aarch32",
	"fiq/aarch32",
	"serror/aarch32",
};

void trap_hyp_fault(struct trap_frame *f, uint64_t kind)
{
	panic("exception in Bulkhead: %s ESR 0x%llx FAR 0x%llx ELR 0x%llx",
	      hyp_vector_names[kind & 15], (unsigned long long)read_sysreg(esr_el2),
	      (unsigned long long)read_sysreg(far_el2), (unsigned long long)f->elr);
}
