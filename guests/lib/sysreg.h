/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * System registers as the guests use them (Arm ARM DDI 0487): the values the
 * start-up code writes (shared with the assembly) and the C accessors. The
 * accessors clobber memory: a guest orders its own memory accesses against
 * timer, GIC and MMU register writes (unlike the hypervisor's, which order
 * with explicit barriers).
 */
#ifndef GUESTS_LIB_SYSREG_H
#define GUESTS_LIB_SYSREG_H

/* EL2, used only when entered at EL2 to drop to EL1 (D13.2.47 HCR_EL2 ...). */
#define HCR_EL2_RW	  0x80000000 /* EL1 is AArch64 */
#define CNTHCTL_EL1PCTEN  (1 << 0)   /* EL1 may read the physical counter */
#define CNTHCTL_EL1PCEN	  (1 << 1)   /* EL1 may use the physical timer */
#define CPTR_EL2_NOTRAP	  0x33ff     /* RES1 bits only: no FP/SIMD trap */
#define ICC_SRE_EL2_VALUE 0xf	     /* SRE, DFB, DIB, Enable (EL1 may use ICC_SRE_EL1) */
#define SPSR_EL1H_MASKED  0x3c5	     /* EL1h, D A I F masked */
#define SCTLR_EL1_BOOT	  0x30d00800 /* RES1 bits: MMU, caches and alignment checks off */

/* SCTLR_EL1 */
#define SCTLR_M (1 << 0)
#define SCTLR_C (1 << 2)
#define SCTLR_I (1 << 12)

/* ESR_EL1 */
#define ESR_EC_SHIFT   26
#define ESR_EC(esr)    (((esr) >> ESR_EC_SHIFT) & 0x3f)
#define ESR_EC_UNKNOWN 0x00
#define ESR_EC_SVC64   0x15
#define ESR_EC_HVC64   0x16

/* CNTV_CTL_EL0 */
#define CNTV_CTL_ENABLE	 (1 << 0)
#define CNTV_CTL_IMASK	 (1 << 1)
#define CNTV_CTL_ISTATUS (1 << 2)

/* MPIDR_EL1 affinity fields Aff3 [39:32], Aff2..Aff0 [23:0]. */
#define MPIDR_AFF_MASK 0xff00ffffffULL

/* The architecture's accessors: sysreg_read(), sysreg_write(), barriers, masking. */
#ifdef __arm__
#include <guests/lib/arch/aarch32/arch.h>
#else
#include <guests/lib/arch/aarch64/arch.h>
#endif

#endif
