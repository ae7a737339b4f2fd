/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * AArch32 EL1 guests seen from an AArch64 EL2: the pure decoding (compiled
 * for the host too, tests/unit/test_aarch32.c). core/trap32.c acts on it.
 *
 * Registers (Arm ARM D1.20.1 "Mapping of AArch32 registers to AArch64"): a
 * trap from AArch32 leaves r0-r14 of every mode in x0-x30 of the saved
 * frame; r0-r7 are x0-x7 in every mode, the rest depends on the mode (see
 * a32_reg_index). ESR's register fields (DABT SRT, CP15 Rt/Rt2) already give
 * the AArch64 view (the x number), so they index the frame directly.
 *
 * PSTATE of an AArch32 EL1 (SPSR_EL2 on a trap from it, D19.2.138): M[4] = 1,
 * M[3:0] the mode, T (bit 5) Thumb, IT[1:0] bits 26:25 and IT[7:2] bits
 * 15:10, NZCV bits 31:28, A/I/F bits 8/7/6.
 */
#ifndef ARCH_ARM64_AARCH32_H
#define ARCH_ARM64_AARCH32_H

#include <stdbool.h>
#include <stdint.h>

/* Exception classes only AArch32 produces (ESR_ELx.EC, D19.2.44). */
#define EC_CP15_32 0x03U /* MCR/MRC coproc 15 */
#define EC_CP15_64 0x04U /* MCRR/MRRC coproc 15 */
#define EC_CP14_MR 0x05U /* MCR/MRC coproc 14 */
#define EC_CP14_LS 0x06U /* LDC/STC coproc 14 */
#define EC_CP10_ID 0x08U /* VMRS of an ID register (HCR_EL2.TID0) */
#define EC_CP14_64 0x0cU /* MCRR/MRRC coproc 14 */
#define EC_HVC32   0x12U
#define EC_SMC32   0x13U

#define A32_MODE_USR  0x10U
#define A32_MODE_FIQ  0x11U
#define A32_MODE_IRQ  0x12U
#define A32_MODE_SVC  0x13U
#define A32_MODE_MON  0x16U
#define A32_MODE_ABT  0x17U
#define A32_MODE_HYP  0x1aU
#define A32_MODE_UND  0x1bU
#define A32_MODE_SYS  0x1fU
#define A32_MODE_MASK 0x1fU
#define PSR_AARCH32   (1U << 4) /* SPSR_EL2.M[4]: the trap came from AArch32 */
#define PSR_T	      (1U << 5)
#define PSR_F	      (1U << 6)
#define PSR_I	      (1U << 7)
#define PSR_A	      (1U << 8)
#define PSR_E	      (1U << 9)
#define PSR_IT_LO     (3U << 25)
#define PSR_IT_HI     (0x3fU << 10)

/* No such register in that mode (r13/r14 of hyp or monitor: not EL1's). */
#define A32_REG_NONE 0xffU

/* The x register holding AArch32 register r@r (0..14) in mode @mode. */
uint32_t a32_reg_index(uint32_t mode, uint32_t r);

/*
 * The frame index of register field @r of an ESR taken from AArch32 in PSTATE
 * @spsr: @r itself (the architecture: the AArch64 view), or, with
 * @aarch32_numbers (CONFIG_A32_ISS_AARCH32_REGNUM: QEMU TCG), r@r of the
 * trapping mode. A32_REG_NONE when it names no register of that mode.
 */
uint32_t a32_iss_reg(uint64_t spsr, uint32_t r, bool aarch32_numbers);
#ifdef CONFIG_A32_ISS_AARCH32_REGNUM
#define A32_ISS_AARCH32_REGNUM true
#else
#define A32_ISS_AARCH32_REGNUM false
#endif

/* SPSR_EL2 for entering AArch32 EL1 at @entry: SVC, A/I/F masked, T if bit 0. */
uint32_t a32_entry_psr(uint64_t entry);

/*
 * Does a trapped conditional instruction pass its condition? From ESR.CV and
 * COND (bits 24, 23:20), or from the IT state in @spsr when CV is 0 (T32),
 * against SPSR's NZCV (Arm ARM F1.3 "Conditional execution").
 */
bool a32_cond_passed(uint64_t esr, uint64_t spsr);

/*
 * Step past a trapped instruction: ELR += 4 or 2 by ESR.IL (a 16-bit T32
 * encoding has IL clear), and in T32 advance the IT state as the instruction
 * would have (ITAdvance(), Arm ARM F1.3.2). For AArch64 just ELR += 4.
 */
void trap_skip_insn(uint64_t *elr, uint64_t *spsr, uint64_t esr);

/* An MCR/MRC (EC 0x03) or MCRR/MRRC (EC 0x04) to CP15, from its ISS (D19.2.44). */
struct a32_cp_access {
	uint32_t opc1, opc2, crn, crm;
	uint32_t rt, rt2; /* x numbers (AArch64 view); rt2 only for 64-bit */
	bool read;	  /* MRC/MRRC */
	bool is64;	  /* MCRR/MRRC */
};

void a32_cp_decode(uint64_t esr, struct a32_cp_access *a);

/* CP15 encodings Bulkhead serves (opc1, CRn, CRm, opc2; CRn 0 for 64-bit). */
#define A32_CP15(opc1, crn, crm, opc2) ((opc1) << 12 | (crn) << 8 | (crm) << 4 | (opc2))
uint32_t a32_cp_id(const struct a32_cp_access *a);

/*
 * Taking an Undefined Instruction exception to AArch32 EL1 (Arm ARM G1.12.3
 * and the AArch32.TakeUndefInstrException() pseudocode) for the instruction
 * at @pc of width by @il in PSTATE @cpsr, with EL1's SCTLR and VBAR: the new
 * CPSR, LR_und and PC. SPSR_und gets @cpsr.
 */
struct a32_exc_entry {
	uint32_t cpsr;
	uint32_t lr;
	uint32_t pc;
};

void a32_undef_entry(uint32_t cpsr, uint32_t pc, uint64_t sctlr, uint64_t vbar,
		     struct a32_exc_entry *e);

/* ID_AA64PFR0_EL1.EL1 (bits 7:4, D19.2.64): 0b0010 = AArch64 and AArch32 at EL1. */
static inline bool a32_el1_supported(uint64_t pfr0)
{
	return ((pfr0 >> 4U) & 0xfU) == 2U;
}

#endif
