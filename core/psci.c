// SPDX-License-Identifier: GPL-2.0-only
/*
 * PSCI 1.0 (ARM DEN0022D) for guests, over HVC or SMC. A partition's CPUs are
 * its vCPUs, numbered 0..n-1 in the virtual MPIDR's Aff0: a guest can name no
 * other core, so CPU_ON or AFFINITY_INFO of a core outside the partition is
 * INVALID_PARAMETERS. SYSTEM_OFF stops the calling partition only.
 */
#include <arch/arm64/cpu.h>
#include <core/hvc.h>
#include <core/partition.h>
#include <core/request.h>
#include <core/virq.h>
#include <lib/log.h>
#include <lib/smccc.h>

/* Function IDs and return codes: lib/smccc.h (shared with the guests). */
#define PSCI_64BIT SMCCC_64BIT
/* PSCI return codes are signed 32-bit values, returned in x0 sign-extended. */
#define PSCI_RET(code) ((uint64_t)(int64_t)(code))
/* DEN0022D 5.2.2 (not in lib/smccc.h: no guest needs it). */
#define PSCI_INVALID_ADDRESS (-9)

/*
 * Argument @n of function @fid. A 32-bit function takes W1-W3, from AArch64
 * too (DEN0022D 5.2.1, SMCCC 2.6): the upper halves of x1-x3 are not part of
 * the argument, whatever the caller left there. (The registers themselves
 * are left as they are: SMCCC has the callee preserve them.)
 */
static uint64_t psci_arg(const struct trap_frame *f, uint32_t fid, uint32_t n)
{
	return ((fid & PSCI_64BIT) != 0U) ? f->x[n] : (f->x[n] & 0xffffffffULL);
}

/* The vCPU a guest names by MPIDR, or NULL if it is not one of its own. */
static struct vcpu *target_vcpu(struct partition *p, uint64_t mpidr)
{
	uint64_t aff = mpidr & MPIDR_AFF_MASK;

	if (aff >= p->lp->ncpus)
		return NULL;
	return &p->vcpus[aff];
}

/*
 * Can the partition execute at @entry? Its RAM and the module pages of its
 * flash banks are its only executable stage-2 mappings (arch/arm64/
 * s2_layout.c); bit 0 is the T32 bit of an AArch32 entry (DEN0022D 6.4.3).
 * An entry anywhere else would only fault at the first fetch, and take the
 * whole partition down for a bad argument: DEN0022D 5.6 lets CPU_ON refuse an
 * address "known not to be available to the caller" with INVALID_ADDRESS.
 */
static bool entry_executable(const struct layout_partition *lp, uint64_t entry)
{
	uint64_t pc = entry & ~1ULL;
	bool ok = false;

	for (uint32_t i = 0; i < lp->nmem; i++) {
		ok = ok || ((pc >= lp->mem[i].ipa) && ((pc - lp->mem[i].ipa) < lp->mem[i].size));
	}
	for (uint32_t k = 0; k < lp->nflash; k++) {
		ok = ok || ((pc >= lp->flash[k].img.load_ipa) &&
			    ((pc - lp->flash[k].img.load_ipa) < lp->flash[k].mapped));
	}
	return ok;
}

static uint64_t cpu_on(struct vcpu *self, uint64_t mpidr, uint64_t entry, uint64_t ctx)
{
	struct vcpu *t = target_vcpu(self->part, mpidr);

	if (!t) {
		static uint32_t reported; /* bit n: partition n reported */

		/* Reported once per partition (counted): a loop must not flood the console. */
		__atomic_fetch_add(&self->part->psci_refused, 1, __ATOMIC_RELAXED);
		log_once_bit(&reported, 1U << self->part->lp->id, LOG_WARNING,
			     "partition '%s': PSCI CPU_ON of MPIDR 0x%llx refused (not its core; "
			     "reported once, counted)",
			     self->part->lp->name, (unsigned long long)mpidr);
		return PSCI_RET(PSCI_INVALID_PARAMETERS);
	}
	/* Claim (CAS OFF -> CLAIMED), write the entry, publish (CAS -> ON_PENDING). */
	switch (vcpu_claim(&t->state)) {
	case VCPU_OFF:
		break;
	case VCPU_RUNNING:
		return PSCI_RET(PSCI_ALREADY_ON);
	case VCPU_ON_PENDING:
	case VCPU_CLAIMED: /* another CPU_ON of the same core is under way */
		return PSCI_RET(PSCI_ON_PENDING);
	default: /* STOPPED: the partition is going down */
		return PSCI_RET(PSCI_INVALID_PARAMETERS);
	}
	t->entry = entry;
	t->context = ctx;
	t->boot_entry = false; /* an AArch32 vCPU gets r0 = ctx (core/partition.c) */
	if (!vcpu_publish_on(&t->state))
		return PSCI_RET(PSCI_INVALID_PARAMETERS); /* a take-down won: the stop stays */
	sev();
	return PSCI_RET(PSCI_SUCCESS);
}

static uint64_t affinity_info(struct vcpu *self, uint64_t mpidr, uint64_t level)
{
	struct vcpu *t = target_vcpu(self->part, mpidr);

	uint32_t s;

	if (!t || level != 0)
		return PSCI_RET(PSCI_INVALID_PARAMETERS);
	s = __atomic_load_n(&t->state, __ATOMIC_ACQUIRE);
	if (s == VCPU_RUNNING)
		return 0;
	return s == VCPU_ON_PENDING || s == VCPU_CLAIMED ? 2 : 1;
}

/*
 * The function a function ID names: 0 (none) for the SMC64 ID of a function
 * that has only an SMC32 form (DEN0022D 5.1.1: of those Bulkhead implements,
 * only CPU_SUSPEND, CPU_ON and AFFINITY_INFO have one), so that e.g.
 * 0xc4000008 is not SYSTEM_OFF but an unknown function: NOT_SUPPORTED.
 */
static uint32_t psci_function(uint32_t fid)
{
	uint32_t fn = fid & ~PSCI_64BIT;
	bool has64 = (fn == PSCI_CPU_SUSPEND) || (fn == PSCI_CPU_ON) || (fn == PSCI_AFFINITY_INFO);

	return (((fid & PSCI_64BIT) == 0U) || has64) ? fn : 0U;
}

static uint64_t features(uint32_t fid)
{
	switch (psci_function(fid)) {
	case PSCI_VERSION:
	case PSCI_CPU_SUSPEND:
	case PSCI_CPU_OFF:
	case PSCI_CPU_ON:
	case PSCI_AFFINITY_INFO:
	case PSCI_MIGRATE_INFO_TYPE:
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
	case PSCI_FEATURES:
		return PSCI_RET(PSCI_SUCCESS);
	default:
		return PSCI_RET(PSCI_NOT_SUPPORTED);
	}
}

void psci_handle(struct trap_frame *f, uint32_t fid)
{
	struct vcpu *v = this_vcpu();
	uint64_t ret;

	switch (psci_function(fid)) {
	case PSCI_VERSION:
		ret = 0x10000; /* 1.0 */
		break;
	case PSCI_CPU_SUSPEND:
		/*
		 * Every power state is treated as standby, and the core returns at
		 * once, as after a wake-up event (DEN0022D 5.4.2 allows it): a
		 * virtual interrupt may already be pending in a list register, which
		 * a WFI at EL2 would not see.
		 */
		ret = PSCI_RET(PSCI_SUCCESS);
		break;
	case PSCI_CPU_OFF:
		/* Powered off on the way back (core/lifecycle.c): the guest never sees x0. */
		vcpu_make_request(v, VCPU_REQ_OFF, NULL);
		return;
	case PSCI_CPU_ON:
		ret = entry_executable(v->part->lp, psci_arg(f, fid, 2))
			      ? cpu_on(v, psci_arg(f, fid, 1), psci_arg(f, fid, 2),
				       psci_arg(f, fid, 3))
			      : PSCI_RET(PSCI_INVALID_ADDRESS);
		break;
	case PSCI_AFFINITY_INFO:
		ret = affinity_info(v, psci_arg(f, fid, 1), psci_arg(f, fid, 2));
		break;
	case PSCI_MIGRATE_INFO_TYPE:
		ret = 2; /* no Trusted OS to migrate */
		break;
	case PSCI_SYSTEM_OFF:
		vcpu_make_request(v, VCPU_REQ_STOP, "PSCI SYSTEM_OFF");
		return;
	case PSCI_SYSTEM_RESET:
		vcpu_make_request(v, VCPU_REQ_RESTART, "PSCI SYSTEM_RESET");
		return;
	case PSCI_FEATURES:
		ret = features((uint32_t)psci_arg(f, fid, 1));
		break;
	default:
		ret = PSCI_RET(PSCI_NOT_SUPPORTED);
	}
	f->x[0] = ret;
}
