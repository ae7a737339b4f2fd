/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * GICv3 CPU-interface and virtualization system registers by encoding
 * (Arm IHI 0069 12.2, 12.4), so any assembler accepts them.
 */
#ifndef GIC_GIC_SYSREG_H
#define GIC_GIC_SYSREG_H

#include <arch/arm64/sysreg.h>

#define ICC_PMR_EL1	S3_0_C4_C6_0
#define ICC_IAR1_EL1	S3_0_C12_C12_0
#define ICC_EOIR1_EL1	S3_0_C12_C12_1
#define ICC_BPR1_EL1	S3_0_C12_C12_3
#define ICC_CTLR_EL1	S3_0_C12_C12_4
#define ICC_SRE_EL1	S3_0_C12_C12_5
#define ICC_IGRPEN1_EL1 S3_0_C12_C12_7
#define ICC_DIR_EL1	S3_0_C12_C11_1
#define ICC_SGI1R_EL1	S3_0_C12_C11_5
#define ICC_SRE_EL2	S3_4_C12_C9_5

#define ICH_AP0R0_EL2 S3_4_C12_C8_0
#define ICH_AP1R0_EL2 S3_4_C12_C9_0
#define ICH_HCR_EL2   S3_4_C12_C11_0
#define ICH_VTR_EL2   S3_4_C12_C11_1
#define ICH_MISR_EL2  S3_4_C12_C11_2
#define ICH_EISR_EL2  S3_4_C12_C11_3
#define ICH_ELRSR_EL2 S3_4_C12_C11_5
#define ICH_VMCR_EL2  S3_4_C12_C11_7

/* ICH_LR<n>_EL2: n selects the register, so each needs its own instruction. */
#define ICH_LR_CASES(X)                                                                            \
	X(0, S3_4_C12_C12_0)                                                                       \
	X(1, S3_4_C12_C12_1)                                                                       \
	X(2, S3_4_C12_C12_2)                                                                       \
	X(3, S3_4_C12_C12_3)                                                                       \
	X(4, S3_4_C12_C12_4)                                                                       \
	X(5, S3_4_C12_C12_5)                                                                       \
	X(6, S3_4_C12_C12_6)                                                                       \
	X(7, S3_4_C12_C12_7)                                                                       \
	X(8, S3_4_C12_C13_0)                                                                       \
	X(9, S3_4_C12_C13_1)                                                                       \
	X(10, S3_4_C12_C13_2)                                                                      \
	X(11, S3_4_C12_C13_3)                                                                      \
	X(12, S3_4_C12_C13_4)                                                                      \
	X(13, S3_4_C12_C13_5)                                                                      \
	X(14, S3_4_C12_C13_6)                                                                      \
	X(15, S3_4_C12_C13_7)

#endif
