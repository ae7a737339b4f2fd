// SPDX-License-Identifier: GPL-2.0-only
/*
 * SMCCC calls from AArch32 (SMCCC 1.1, 2.6: r0..r7 in, r0..r3 out; SMC32
 * and HVC32): see psci.h. Only the low 32 bits of each argument reach the
 * callee; a0 comes back sign-extended.
 */
#include <guests/lib/psci.h>

#define SMCCC_CALL(insn)                                                                           \
	register uint32_t r0 __asm__("r0") = (uint32_t)fid;                                        \
	register uint32_t r1 __asm__("r1") = (uint32_t)a1;                                         \
	register uint32_t r2 __asm__("r2") = (uint32_t)a2;                                         \
	register uint32_t r3 __asm__("r3") = (uint32_t)a3;                                         \
	register uint32_t r4 __asm__("r4") = (uint32_t)a4;                                         \
	register uint32_t r5 __asm__("r5") = (uint32_t)a5;                                         \
	register uint32_t r6 __asm__("r6") = (uint32_t)a6;                                         \
	register uint32_t r7 __asm__("r7") = (uint32_t)a7;                                         \
	__asm__ volatile(insn                                                                      \
			 : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6),   \
			   "+r"(r7)                                                                \
			 :                                                                         \
			 : "memory");                                                              \
	return (struct smccc_res)                                                                  \
	{                                                                                          \
		(uint64_t)(int64_t)(int32_t)r0, r1, r2, r3                                         \
	}

struct smccc_res smccc_hvc(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
			   uint64_t a5, uint64_t a6, uint64_t a7)
{
	SMCCC_CALL(".arch_extension virt\n\thvc #0");
}

struct smccc_res smccc_smc(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
			   uint64_t a5, uint64_t a6, uint64_t a7)
{
	SMCCC_CALL(".arch_extension sec\n\tsmc #0");
}
