/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A guest's EL1 state on its core: the traps that isolate the PMU and debug
 * from EL2, pointer authentication, and the reset of every EL1 system
 * register when a vCPU (re)starts. The list of registers and their values is
 * in docs/reliability.md ("Restart hygiene"). Host-free: uses only arch/ and lib/.
 */
#ifndef ARCH_ARM64_EL1_STATE_H
#define ARCH_ARM64_EL1_STATE_H

#include <arch/arm64/trap.h>

#include <stdbool.h>
#include <stdint.h>

/*
 * EL2 controls of the guest's PMU, debug and pointer authentication: writes
 * MDCR_EL2 and adds HCR_EL2.API/APK where FEAT_PAuth exists. Call after
 * HCR_EL2 is written, before the first entry of a vCPU on this core.
 */
void el1_traps_setup(void);

/*
 * Every EL1 (and EL0) system register of this core to the value a guest finds
 * at power-on, FP/SIMD registers and PMU/debug/pointer-auth state included.
 */
void el1_reset(void);

/*
 * A trapped MSR/MRS (EC 0x18) of a PMU register (MDCR_EL2.TPM) or MDRAR_EL1
 * (TDRA): performed for the guest, never counting at EL2. Returns false if
 * @iss is not such an access (the caller reports it). The caller steps ELR.
 */
bool el1_sysreg_trap(struct trap_frame *f, uint64_t iss);

/*
 * The IPA of guest virtual address @va through the guest's current stage-1
 * tables (AT S1E1R; PAR_EL1 is preserved): for stage-2 permission faults,
 * where HPFAR_EL2 may be UNKNOWN (Arm ARM D19.2.48). False if it does not
 * translate.
 */
bool el1_va_to_ipa(uint64_t va, uint64_t *ipa);

/* Zero V0-V31, FPCR and FPSR (arch/arm64/el1_fp.S; needs CPTR_EL2.TFP == 0). */
void el1_fp_reset(void);

#endif
