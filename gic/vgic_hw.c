// SPDX-License-Identifier: GPL-2.0-only
/* The vGIC's hardware hooks on the real GICv3 virtual CPU interface. */
#include <arch/arm64/sysreg.h>
#include <gic/gic_regs.h>
#include <gic/gic_sysreg.h>
#include <gic/gicv3.h>
#include <gic/vgic.h>
#include <lib/format.h>
#include <lib/log.h>

#include <stdarg.h>

#define LR_READ_CASE(n, reg)                                                                       \
	case n:                                                                                    \
		return read_sysreg(reg);
#define LR_WRITE_CASE(n, reg)                                                                      \
	case n:                                                                                    \
		write_sysreg(reg, v);                                                              \
		return;

uint64_t vgic_hw_read_lr(uint32_t n)
{
	switch (n) {
		ICH_LR_CASES(LR_READ_CASE)
	default:
		return 0;
	}
}

void vgic_hw_write_lr(uint32_t n, uint64_t v)
{
	if (n == 0U) { /* the injection's hot path (vgic.c): no jump through the switch */
		write_sysreg(S3_4_C12_C12_0, v); /* ICH_LR0_EL2 */
		return;
	}
	switch (n) {
		ICH_LR_CASES(LR_WRITE_CASE)
	default:
		return;
	}
}

uint32_t vgic_hw_empty_lrs(void)
{
	return (uint32_t)read_sysreg(ICH_ELRSR_EL2);
}

uint32_t vgic_hw_eoi_lrs(void)
{
	return (uint32_t)read_sysreg(ICH_EISR_EL2);
}

void vgic_hw_set_underflow_irq(bool npie, bool uie)
{
	uint64_t hcr = read_sysreg(ICH_HCR_EL2) & ~(ICH_HCR_NPIE | ICH_HCR_UIE);

	if (npie)
		hcr |= ICH_HCR_NPIE;
	if (uie)
		hcr |= ICH_HCR_UIE;
	write_sysreg(ICH_HCR_EL2, hcr);
}

void vgic_hw_kick(uint32_t cpu)
{
	gic_send_sgi(cpu, GIC_SGI_KICK);
}

void vgic_hw_report(enum log_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vmsg(level, fmt, ap);
	va_end(ap);
}
