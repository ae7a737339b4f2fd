/* SPDX-License-Identifier: GPL-2.0-only */
/* Helpers for assembly sources. */
#ifndef ARCH_ARM64_ASM_H
#define ARCH_ARM64_ASM_H

#include <arch/arm64/sysreg.h>

/* struct trap_frame layout (arch/arm64/trap.h): x0..x30, elr, spsr, pad. */
#define FRAME_ELR  (31 * 8)
#define FRAME_SPSR (32 * 8)
#define FRAME_SIZE (34 * 8)

/* EL2 stacks (arch/arm64/stack.c): a guard page, then the stack. */
#define STACK_GUARD_SIZE 0x1000
#define STACK_SLOT	 (STACK_GUARD_SIZE + CONFIG_STACK_SIZE)

/* struct cpu (arch/arm64/cpu.h) */
#define CPU_STACK_TOP	  0
#define CPU_EMERGENCY_TOP 8
#define CPU_VCPU	  32

/* struct vcpu (core/partition.h): its requests word (checked in core/lifecycle.c). */
#define VCPU_REQUESTS 20

#endif
