/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * FP/SIMD state of a restarting guest. Bulkhead itself is built with
 * -mgeneral-regs-only and never touches these registers, so without this the
 * next life of a partition would read the previous one's V0-V31, FPCR, FPSR.
 * EL2 may use them: CPTR_EL2.TFP is clear (core/partition.c).
 */
#include <arch/arm64/asm.h>

	.arch_extension fp
	.arch_extension simd

	.text
	.global el1_fp_reset
	.type el1_fp_reset, %function
el1_fp_reset:
	.irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	movi	v\n\().2d, #0
	.endr
	msr	fpcr, xzr
	msr	fpsr, xzr
	ret
	.size el1_fp_reset, . - el1_fp_reset
