/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * System-register accessors and the EL2 register fields Bulkhead uses.
 * Field positions are from the Arm ARM (DDI 0487), chapter D17/D19.
 */
#ifndef ARCH_ARM64_SYSREG_H
#define ARCH_ARM64_SYSREG_H

#include <lib/bits.h>

#ifndef __ASSEMBLY__
#include <stdint.h>

#define read_sysreg(reg)                                                                           \
	({                                                                                         \
		uint64_t __v;                                                                      \
		__asm__ volatile("mrs %0, " #reg : "=r"(__v));                                     \
		__v;                                                                               \
	})

#define write_sysreg(reg, val)                                                                     \
	do {                                                                                       \
		uint64_t __w = (uint64_t)(val);                                                    \
		__asm__ volatile("msr " #reg ", %0" : : "r"(__w));                                 \
	} while (0)

/*
 * The same for a register given as a macro that expands to its name or to a
 * generic encoding (s<op0>_<op1>_c<n>_c<m>_<op2>), for registers the
 * assembler names only for later architecture versions.
 */
#define read_sysreg_s(reg)	 read_sysreg(reg)
#define write_sysreg_s(reg, val) write_sysreg(reg, val)

static inline void isb(void)
{
	__asm__ volatile("isb" ::: "memory");
}

static inline void dsb_sy(void)
{
	__asm__ volatile("dsb sy" ::: "memory");
}

static inline void dsb_ish(void)
{
	__asm__ volatile("dsb ish" ::: "memory");
}

static inline void sev(void)
{
	__asm__ volatile("sev" ::: "memory");
}

static inline void wfe(void)
{
	__asm__ volatile("wfe" ::: "memory");
}

static inline void wfi(void)
{
	__asm__ volatile("wfi" ::: "memory");
}

/*
 * YIELD: a hint, a no-op on cores without SMT. QEMU's TCG (single-threaded
 * round robin, as under -icount) takes it as the place to run another vCPU:
 * long loops at EL2 call it now and then so that other partitions' cores are
 * not held up while one core works (docs/rtos.md, "Timing on QEMU").
 */
static inline void yield_hint(void)
{
	__asm__ volatile("yield" ::: "memory");
}
#endif

/* HCR_EL2 (D19.2.48) */
#define HCR_VM	   BIT(0) /* stage-2 translation for EL1&0 */
#define HCR_SWIO   BIT(1) /* set/way invalidate -> clean+invalidate */
#define HCR_PTW	   BIT(2) /* stage-1 walks hitting stage-2 device memory fault */
#define HCR_FMO	   BIT(3) /* physical FIQ to EL2, virtual FIQ enabled */
#define HCR_IMO	   BIT(4) /* physical IRQ to EL2, virtual IRQ enabled */
#define HCR_AMO	   BIT(5) /* SError to EL2 */
#define HCR_FB	   BIT(9) /* force broadcast of TLB/cache maintenance */
#define HCR_BSU_IS (ULL(1) << 10)
#define HCR_TWI	   BIT(13)
#define HCR_TWE	   BIT(14)
#define HCR_TSC	   BIT(19) /* trap SMC */
#define HCR_TACR   BIT(21)
#define HCR_TSW	   BIT(22) /* trap data cache set/way maintenance */
#define HCR_TVM	   BIT(26)
#define HCR_RW	   BIT(31) /* EL1 is AArch64 */
#define HCR_APK	   BIT(40) /* pointer auth: key registers not trapped (FEAT_PAuth) */
#define HCR_API	   BIT(41) /* pointer auth: PAC/AUT instructions not trapped (FEAT_PAuth) */

/* MDCR_EL2 (D19.2.71), E2H == 0. */
#define MDCR_HPMN_MASK ULL(0x1f) /* counters [0, HPMN) belong to EL1/EL0 */
#define MDCR_TPMCR     BIT(5)	 /* trap PMCR_EL0 */
#define MDCR_TPM       BIT(6)	 /* trap every PMU register */
#define MDCR_HPME      BIT(7)	 /* enable the counters reserved for EL2 */
#define MDCR_TDE       BIT(8)	 /* route debug exceptions to EL2 */
#define MDCR_TDA       BIT(9)	 /* trap debug registers */
#define MDCR_TDOSA     BIT(10)	 /* trap OS lock / power-down registers */
#define MDCR_TDRA      BIT(11)	 /* trap the debug ROM address register */
#define MDCR_HPMD      BIT(17)	 /* no event counting at EL2 (FEAT_PMUv3p1) */
#define MDCR_HCCD      BIT(23)	 /* no cycle counting at EL2 (FEAT_PMUv3p5) */

/* PMCR_EL0 (Arm ARM D23.5 "Performance Monitors registers"): N [15:11], C, P. */
#define PMCR_N(v)     ((unsigned int)(((v) >> 11) & 0x1f))
#define PMCR_P	      BIT(1)  /* reset every event counter */
#define PMCR_C	      BIT(2)  /* reset the cycle counter */
#define PMEVTYPER_NSH BIT(27) /* count at (Non-secure) EL2 */

/*
 * Trapped MSR/MRS (EC 0x18) ISS: Op0 [21:20], Op2 [19:17], Op1 [16:14],
 * CRn [13:10], Rt [9:5], CRm [4:1], direction [0] (1: read).
 */
#define SYSREG_ISS_ID(op0, op1, crn, crm, op2)                                                     \
	(((uint32_t)(op0) << 20) | ((uint32_t)(op2) << 17) | ((uint32_t)(op1) << 14) |             \
	 ((uint32_t)(crn) << 10) | ((uint32_t)(crm) << 1))
#define SYSREG_ISS_MASK	     0x3ffc1eU
#define SYSREG_ISS_RT(iss)   ((unsigned int)((iss) >> 5) & 0x1f)
#define SYSREG_ISS_READ(iss) (((iss)&1) != 0)

/* SCTLR_EL2 with HCR_EL2.E2H == 0: RES1 bits, and the ones we set. */
#define SCTLR_EL2_RES1 ULL(0x30c50830)
#define SCTLR_M	       BIT(0)
#define SCTLR_A	       BIT(1)
#define SCTLR_C	       BIT(2)
#define SCTLR_SA       BIT(3)
#define SCTLR_I	       BIT(12)

/* SCTLR_EL1 as the guest finds it: MMU and caches off, RES1 bits set. */
#define SCTLR_EL1_RESET ULL(0x30d00800)

/*
 * CPTR_EL2 (E2H == 0, Arm ARM D17.2.31): the RES1 bits, TZ (bit 8: SVE
 * trapped) and TSM (bit 12: SME trapped), which are RES1 themselves without
 * FEAT_SVE / FEAT_SME; TFP (bit 10) clear so FP/SIMD is not trapped. A
 * guest's SVE or SME instruction is a trap (EC 0x19 / 0x1D) that its fault
 * policy handles (docs/reliability.md item 19): no vector state Bulkhead
 * does not reset on restart, no ZCR_EL2 left at its UNKNOWN reset value.
 */
#define CPTR_EL2_RES1 ULL(0x000033ff)

/* CNTHCTL_EL2 (E2H == 0): EL1 may use the physical counter and timer. */
#define CNTHCTL_EL1PCTEN BIT(0)
#define CNTHCTL_EL1PCEN	 BIT(1)

/* SPSR for entering a guest: EL1h, D A I F masked. */
#define SPSR_EL1H_DAIF ULL(0x3c5)

/* ESR_ELx (D17.2.37): exception class and the data-abort ISS fields. */
#define ESR_EC_SHIFT 26
#define ESR_EC(esr)  (((esr) >> ESR_EC_SHIFT) & ULL(0x3f))
#define ESR_IL	     BIT(25)
#define ESR_ISS(esr) ((esr)&ULL(0x1ffffff))
#define EC_UNKNOWN   0x00
#define EC_WFX	     0x01
#define EC_SVE_FP    0x07
#define EC_HVC64     0x16
#define EC_SMC64     0x17
#define EC_SYS64     0x18
#define EC_IABT_LOW  0x20
#define EC_IABT_CUR  0x21
#define EC_PC_ALIGN  0x22
#define EC_DABT_LOW  0x24
#define EC_DABT_CUR  0x25
#define EC_SP_ALIGN  0x26
#define EC_SERROR    0x2f
#define EC_BRK64     0x3c

/* Data abort ISS (D17.2.37.x "ISS encoding for a Data Abort"). */
#define DABT_ISV       BIT(24)
#define DABT_SAS(iss)  (((iss) >> 22) & ULL(3)) /* access size: 1 << SAS bytes */
#define DABT_SSE       BIT(21)
#define DABT_SRT(iss)  (((iss) >> 16) & ULL(0x1f))
#define DABT_SF	       BIT(15)
#define DABT_AR	       BIT(14)
#define DABT_FNV       BIT(10) /* FAR not valid (external aborts) */
#define DABT_S1PTW     BIT(7)  /* the stage-1 walk's own access faulted at stage 2 */
#define DABT_WNR       BIT(6)
#define DABT_DFSC(iss) ((iss)&ULL(0x3f))

/* HPFAR_EL2: FIPA[43:4] (or [47:4] with FEAT_LPA) holds IPA[51:12]; bit 63 is NS. */
#define HPFAR_PAGE(hpfar)	 ((((hpfar) >> 4) & ULL(0xfffffffffff)) << 12)
#define HPFAR_TO_IPA(hpfar, far) (HPFAR_PAGE(hpfar) | ((far)&ULL(0xfff)))

/* MPIDR_EL1 affinity fields (Aff3 at [39:32], Aff2..Aff0 at [23:0]). */
#define MPIDR_AFF_MASK ULL(0xff00ffffff)
#define MPIDR_RES1     BIT(31)

/* ID_AA64MMFR0_EL1.PARange */
#define MMFR0_PARANGE(v) ((unsigned int)((v)&0xf))

#endif
