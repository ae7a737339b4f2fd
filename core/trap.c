// SPDX-License-Identifier: GPL-2.0-only
/*
 * Traps from guests: dispatch on the exception class (ESR_EL2.EC, Arm ARM
 * D17.2.37) to the one owner of each kind. No allocation, no device-tree
 * access and no printing on these paths, except to report a guest fault.
 */
#include <arch/arm64/cpu.h>
#include <arch/arm64/sysreg.h>
#include <arch/arm64/trap.h>
#include <core/hvc.h>
#include <core/mmio.h>
#include <core/partition.h>
#include <core/request.h>
#include <core/virq.h>
#include <lib/log.h>

#include <errno.h>

static const char *abort_access(uint64_t ec, uint64_t iss)
{
	if (ec == EC_IABT_LOW)
		return "exec";
	return (iss & DABT_WNR) ? "write" : "read";
}

/*
 * A guest touched guest-physical memory it does not own: report, and ask for
 * the fault policy (VCPU_REQ_FAULT, acted on by vcpu_return_path: the guest
 * never resumes).
 */
static void guest_abort(struct trap_frame *f, uint64_t esr)
{
	struct vcpu *v = this_cpu()->vcpu;
	uint64_t ipa = HPFAR_TO_IPA(read_sysreg(hpfar_el2), read_sysreg(far_el2));
	uint64_t ec = ESR_EC(esr);

	log_info("partition '%s' fault: stage-2 %s at IPA 0x%llx (pc 0x%llx, core %u)",
		 v->part->lp->name, abort_access(ec, ESR_ISS(esr)), (unsigned long long)ipa,
		 (unsigned long long)f->elr, v->cpu);
	vcpu_make_request(v, VCPU_REQ_FAULT, "stage-2 fault");
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

static void data_abort(struct trap_frame *f, uint64_t esr)
{
	uint64_t ipa = HPFAR_TO_IPA(read_sysreg(hpfar_el2), read_sysreg(far_el2));
	int err = mmio_handle(this_cpu()->vcpu, f, esr, ipa);

	if (err == 0) {
		f->elr += 4;
		return;
	}
	if (err != -EFAULT)
		guest_bad_mmio(f, esr, ipa);
	else
		guest_abort(f, esr);
}

void trap_guest_sync(struct trap_frame *f)
{
	uint64_t esr = read_sysreg(esr_el2);

	switch (ESR_EC(esr)) {
	case EC_HVC64:
		hvc_handle(f);
		return;
	case EC_SMC64:
		/* With HCR_EL2.TSC the return address is the SMC itself (D1.10.5). */
		f->elr += 4;
		hvc_handle(f);
		return;
	case EC_DABT_LOW:
		data_abort(f, esr);
		return;
	case EC_SYS64:
		if (virq_sysreg(f, ESR_ISS(esr))) {
			f->elr += 4;
			return;
		}
		guest_unhandled(f, esr);
		return;
	case EC_IABT_LOW:
		guest_abort(f, esr);
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
