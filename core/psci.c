// SPDX-License-Identifier: GPL-2.0-only
/*
 * PSCI 1.0 (ARM DEN0022D) for guests, over HVC or SMC. A partition's CPUs are
 * its vCPUs, numbered 0..n-1 in the virtual MPIDR's Aff0: a guest can name no
 * other core, so CPU_ON or AFFINITY_INFO of a core outside the partition is
 * INVALID_PARAMETERS. SYSTEM_OFF stops the calling partition only.
 */
#include <arch/arm64/cpu.h>
#include <core/hvc.h>
#include <lib/log.h>
#include <core/partition.h>
#include <core/virq.h>

#define PSCI_VERSION 0x84000000U
#define PSCI_CPU_SUSPEND 0x84000001U
#define PSCI_CPU_OFF 0x84000002U
#define PSCI_CPU_ON 0x84000003U
#define PSCI_AFFINITY_INFO 0x84000004U
#define PSCI_MIGRATE_INFO_TYPE 0x84000006U
#define PSCI_SYSTEM_OFF 0x84000008U
#define PSCI_SYSTEM_RESET 0x84000009U
#define PSCI_FEATURES 0x8400000aU
#define PSCI_64BIT 0x40000000U

#define PSCI_SUCCESS 0
#define PSCI_NOT_SUPPORTED ((uint64_t)-1)
#define PSCI_INVALID_PARAMETERS ((uint64_t)-2)
#define PSCI_ALREADY_ON ((uint64_t)-4)
#define PSCI_ON_PENDING ((uint64_t)-5)

/* The vCPU a guest names by MPIDR, or NULL if it is not one of its own. */
static struct vcpu *target_vcpu(struct partition *p, uint64_t mpidr)
{
	uint64_t aff = mpidr & MPIDR_AFF_MASK;

	if (aff >= p->lp->ncpus)
		return NULL;
	return &p->vcpus[aff];
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
		return PSCI_INVALID_PARAMETERS;
	}
	if (t->state == VCPU_RUNNING)
		return PSCI_ALREADY_ON;
	if (t->state == VCPU_ON_PENDING)
		return PSCI_ON_PENDING;
	if (t->state != VCPU_OFF)
		return PSCI_INVALID_PARAMETERS;
	t->entry = entry;
	t->context = ctx;
	dsb_ish();
	t->state = VCPU_ON_PENDING;
	dsb_ish();
	sev();
	return PSCI_SUCCESS;
}

static uint64_t affinity_info(struct vcpu *self, uint64_t mpidr, uint64_t level)
{
	struct vcpu *t = target_vcpu(self->part, mpidr);

	if (!t || level != 0)
		return PSCI_INVALID_PARAMETERS;
	if (t->state == VCPU_RUNNING)
		return 0;
	return t->state == VCPU_ON_PENDING ? 2 : 1;
}

static uint64_t features(uint32_t fid)
{
	switch (fid & ~PSCI_64BIT) {
	case PSCI_VERSION:
	case PSCI_CPU_SUSPEND:
	case PSCI_CPU_OFF:
	case PSCI_CPU_ON:
	case PSCI_AFFINITY_INFO:
	case PSCI_MIGRATE_INFO_TYPE:
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
	case PSCI_FEATURES:
		return PSCI_SUCCESS;
	default:
		return PSCI_NOT_SUPPORTED;
	}
}

static void __attribute__((noreturn)) cpu_off(struct vcpu *v)
{
	virq_vcpu_off(v);
	v->state = VCPU_OFF;
	dsb_ish();
	vcpu_run(v); /* waits for the next CPU_ON, then enters at its entry point */
}

void psci_handle(struct trap_frame *f, uint32_t fid)
{
	struct vcpu *v = this_cpu()->vcpu;
	uint64_t ret;

	switch (fid & ~PSCI_64BIT) {
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
		ret = PSCI_SUCCESS;
		break;
	case PSCI_CPU_OFF:
		cpu_off(v);
	case PSCI_CPU_ON:
		ret = cpu_on(v, f->x[1], f->x[2], f->x[3]);
		break;
	case PSCI_AFFINITY_INFO:
		ret = affinity_info(v, f->x[1], f->x[2]);
		break;
	case PSCI_MIGRATE_INFO_TYPE:
		ret = 2; /* no Trusted OS to migrate */
		break;
	case PSCI_SYSTEM_OFF:
		partition_stop_current("PSCI SYSTEM_OFF");
	case PSCI_SYSTEM_RESET:
		partition_restart_current("PSCI SYSTEM_RESET");
	case PSCI_FEATURES:
		ret = features((uint32_t)f->x[1]);
		break;
	default:
		ret = PSCI_NOT_SUPPORTED;
	}
	f->x[0] = ret;
}
