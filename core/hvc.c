// SPDX-License-Identifier: GPL-2.0-only
/*
 * SMCCC dispatch. The owning entity number (function ID bits [29:24]) picks
 * the service: 0 Arm architecture calls, 4 standard secure services (PSCI),
 * 6 vendor-specific hypervisor services (Bulkhead's own). Everything else
 * returns NOT_SUPPORTED, as SMCCC requires for unknown function IDs.
 */
#include <arch/arm64/cpu.h>
#include <core/console.h>
#include <core/hvc.h>
#include <core/partition.h>

#define SMCCC_OWNER(fid) (((fid) >> 24) & 0x3f)
#define OWNER_ARCH	 0
#define OWNER_STANDARD	 4
#define OWNER_VENDOR_HYP 6

/*
 * @per bytes per argument register: 8 for the SMC64 call (x2..x7), 4 for the
 * SMC32 one (w2..w7: the upper halves are ignored, as SMCCC says).
 */
static void bh_console_write(struct trap_frame *f, struct vcpu *v, uint32_t per)
{
	char buf[BH_HVC_CONSOLE_MAX];
	uint64_t len = (per == 8U) ? f->x[1] : (uint32_t)f->x[1];

	if (len == 0 || len > 6U * per) {
		f->x[0] = SMCCC_INVALID_PARAMETERS;
		return;
	}
	for (uint32_t i = 0; i < len; i++)
		buf[i] = (char)(f->x[2 + i / per] >> (8 * (i % per)));
	console_put(v->part->lp->id, &v->out, buf, len, console_has_focus(v->part));
	f->x[0] = 0;
}

/*
 * The EL2 stack high-water mark of the core that runs the calling
 * partition's vCPU x1 (its own cores only): x1 = bytes used at most since
 * boot, x2 = the stack's size (docs/conventions.md).
 */
static void stack_usage(struct trap_frame *f, struct vcpu *v, bool smc32)
{
	uint64_t i = smc32 ? (uint32_t)f->x[1] : f->x[1];

	if (i >= v->part->lp->ncpus) {
		f->x[0] = SMCCC_INVALID_PARAMETERS;
		return;
	}
	f->x[0] = 0;
	f->x[2] = stack_size();
	f->x[1] = stack_high_water(v->part->vcpus[i].cpu);
}

static void vendor_call(struct trap_frame *f, uint32_t fid, struct vcpu *v)
{
	switch (fid) {
	case BH_HVC_INFO:
	case BH_HVC32_INFO:
		f->x[0] = 0;
		f->x[1] = v->part->lp->id;
		f->x[2] = v->id;
		f->x[3] = v->part->lp->ncpus;
		return;
	case BH_HVC_CONSOLE_WRITE:
		bh_console_write(f, v, 8);
		return;
	case BH_HVC32_CONSOLE_WRITE:
		bh_console_write(f, v, 4);
		return;
	case BH_HVC_STACK_USAGE:
	case BH_HVC32_STACK_USAGE:
		stack_usage(f, v, fid == BH_HVC32_STACK_USAGE);
		return;
	default:
		f->x[0] = SMCCC_NOT_SUPPORTED;
	}
}

/*
 * SMCCC 1.1 (DEN0028 7.2, 7.3): VERSION, and ARCH_FEATURES, which 1.1 makes
 * mandatory: 0 for the two functions implemented, NOT_SUPPORTED for any
 * other (no firmware workaround is needed or offered under Bulkhead).
 */
static void arch_call(struct trap_frame *f, uint32_t fid)
{
	uint32_t q = (uint32_t)f->x[1];
	bool known = (q == SMCCC_VERSION) || (q == SMCCC_ARCH_FEATURES);

	if (fid == SMCCC_VERSION) {
		f->x[0] = 0x10001;
	} else if ((fid == SMCCC_ARCH_FEATURES) && known) {
		f->x[0] = 0;
	} else {
		f->x[0] = SMCCC_NOT_SUPPORTED;
	}
}

void hvc_handle(struct trap_frame *f)
{
	uint32_t fid = (uint32_t)f->x[0];
	struct vcpu *v = this_cpu()->vcpu;

	switch (SMCCC_OWNER(fid)) {
	case OWNER_ARCH:
		arch_call(f, fid);
		break;
	case OWNER_STANDARD:
		psci_handle(f, fid);
		break;
	case OWNER_VENDOR_HYP:
		vendor_call(f, fid, v);
		break;
	default:
		f->x[0] = SMCCC_NOT_SUPPORTED;
	}
}
