/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef CORE_VIRQ_H
#define CORE_VIRQ_H

#include <arch/arm64/trap.h>

#include <stdbool.h>
#include <stdint.h>

struct partition;
struct vcpu;

/* On the vCPU's core, before first entry: clean virtual CPU interface state. */
void virq_vcpu_reset(void);

/* The calling vCPU goes off (PSCI CPU_OFF): end the hardware interrupts it holds. */
void virq_vcpu_off(struct vcpu *v);

/* A trapped MSR/MRS the vGIC owns (ICC_SGI1R_EL1, set/way cache ops). */
bool virq_sysreg(struct trap_frame *f, uint64_t iss);

void virq_unexpected(uint32_t intid);

#endif
