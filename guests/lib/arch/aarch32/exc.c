// SPDX-License-Identifier: GPL-2.0-only
/*
 * The AArch32 half of exc.h: the default report (the fault status and
 * address registers of the vector taken) and HVC without EL2.
 */
#include <guests/lib/exc.h>
#include <guests/lib/psci.h>
#include <guests/lib/rt.h>

#define INSN_A32_HVC_0 0xe1400070U /* hvc #0 */

static const char *const a32_names[8] = {
	"reset", "undefined", "svc", "prefetch abort", "data abort", "(unused)", "irq", "fiq",
};

void rt_exc_syndrome(const struct rt_frame *f, uint64_t *fsr, uint64_t *far)
{
	*fsr = 0;
	*far = 0;
	if (f->vector == A32_VEC_DABT) {
		*fsr = sysreg_read(dfsr);
		*far = sysreg_read(dfar);
	} else if (f->vector == A32_VEC_PABT) {
		*fsr = sysreg_read(ifsr);
		*far = sysreg_read(ifar);
	}
}

void rt_exc_report(const struct rt_frame *f, uint64_t vector)
{
	const char *name = rt_name ? rt_name : "";
	const char *sep = rt_name ? ": " : "";
	uint64_t fsr, far;

	(void)vector;
	rt_exc_syndrome(f, &fsr, &far);
	rt_printf("%s%sexception: %s at PL1: FSR 0x%llx, FAR 0x%llx, ELR 0x%x, SPSR 0x%x\n", name,
		  sep, a32_names[f->vector & 7], (unsigned long long)fsr, (unsigned long long)far,
		  f->elr, f->spsr);
	rt_printf("%s%sexception: r0 0x%x r1 0x%x r2 0x%x r3 0x%x lr 0x%x sp 0x%x\n", name, sep,
		  f->x[0], f->x[1], f->x[2], f->x[3], f->x[FRAME_LR], (uint32_t)(uintptr_t)(f + 1));
}

/* No EL2: "hvc #0" is UNDEFINED (LR_und is past it). Answer NOT_SUPPORTED and go on. */
struct rt_frame *rt_exc_hvc_undefined(struct rt_frame *f)
{
	if (f->vector != A32_VEC_UNDEF ||
	    *(const volatile uint32_t *)(uintptr_t)(f->elr - 4U) != INSN_A32_HVC_0)
		return NULL;
	f->x[0] = (uint32_t)SMCCC_NOT_SUPPORTED;
	return f;
}

bool rt_frame_is_svc(const struct rt_frame *f)
{
	return f->vector == A32_VEC_SVC;
}
