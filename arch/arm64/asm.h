/* SPDX-License-Identifier: GPL-2.0-only */
/* Helpers for assembly sources. */
#ifndef ARCH_ARM64_ASM_H
#define ARCH_ARM64_ASM_H

#include <arch/arm64/sysreg.h>

/* struct trap_frame layout (arch/arm64/trap.h): x0..x30, elr, spsr, pad. */
#define FRAME_ELR (31 * 8)
#define FRAME_SPSR (32 * 8)
#define FRAME_SIZE (34 * 8)

#endif
