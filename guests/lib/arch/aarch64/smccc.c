// SPDX-License-Identifier: GPL-2.0-only
/* SMCCC calls from AArch64 (SMCCC 1.1: x0..x7 in, x0..x3 out): see psci.h. */
#include <guests/lib/psci.h>

#define SMCCC_CALL(insn)                                                                           \
	register uint64_t x0 __asm__("x0") = fid;                                                  \
	register uint64_t x1 __asm__("x1") = a1;                                                   \
	register uint64_t x2 __asm__("x2") = a2;                                                   \
	register uint64_t x3 __asm__("x3") = a3;                                                   \
	register uint64_t x4 __asm__("x4") = a4;                                                   \
	register uint64_t x5 __asm__("x5") = a5;                                                   \
	register uint64_t x6 __asm__("x6") = a6;                                                   \
	register uint64_t x7 __asm__("x7") = a7;                                                   \
	__asm__ volatile(                                                                          \
		insn                                                                               \
		: "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4), "+r"(x5), "+r"(x6), "+r"(x7)   \
		:                                                                                  \
		: "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15", "x16", "x17", "memory");   \
	return (struct smccc_res)                                                                  \
	{                                                                                          \
		x0, x1, x2, x3                                                                     \
	}

struct smccc_res smccc_hvc(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
			   uint64_t a5, uint64_t a6, uint64_t a7)
{
	SMCCC_CALL("hvc #0");
}

struct smccc_res smccc_smc(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
			   uint64_t a5, uint64_t a6, uint64_t a7)
{
	SMCCC_CALL("smc #0");
}
