/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What a guest's instruction or data abort taken to EL2 says (EC 0x20/0x24),
 * decoded from ESR_EL2, FAR_EL2 and HPFAR_EL2 (Arm ARM D19.2.44 ESR_EL2,
 * D19.2.47 FAR_EL2, D19.2.55 HPFAR_EL2). Pure: compiled for the host too and
 * unit-tested (tests/unit/test_abort.c).
 *
 * Which fields are valid:
 *  - FAR_EL2 holds the faulting virtual address unless ISS.FnV is set (only
 *    for external aborts);
 *  - HPFAR_EL2 holds IPA[51:12] for stage-2 translation, access-flag and
 *    address-size faults, and for any stage-2 fault on a stage-1 table walk
 *    (ISS.S1PTW); for a stage-2 permission fault it may be UNKNOWN (the IPA is
 *    then found through the guest's stage-1 tables: el1_va_to_ipa());
 *  - with S1PTW the faulting access is the walk's read of a descriptor: the
 *    IPA's page is HPFAR's, its low 12 bits are not the VA's (FAR holds the VA
 *    of the access that needed the walk).
 */
#ifndef ARCH_ARM64_ABORT_H
#define ARCH_ARM64_ABORT_H

#include <stdbool.h>
#include <stdint.h>

enum abort_kind {
	ABORT_TRANSLATION, /* no stage-2 mapping: also every emulated region */
	ABORT_ACCESS_FLAG,
	ABORT_PERMISSION,   /* e.g. execute from device memory (stage-2 XN) */
	ABORT_ADDRESS_SIZE, /* IPA beyond the stage-2 input range */
	ABORT_EXTERNAL,	    /* synchronous external abort (on a walk: walk == true) */
	ABORT_OTHER,	    /* alignment, TLB conflict, atomic update, ... */
};

struct abort_info {
	enum abort_kind kind;
	unsigned int fsc; /* ISS.DFSC / IFSC */
	bool exec;	  /* instruction abort */
	bool write;	  /* data abort with WnR (meaningless when walk) */
	bool walk;	  /* ISS.S1PTW: the stage-1 walk's own access faulted */
	bool va_valid;	  /* FAR_EL2 holds the VA (!FnV) */
	bool ipa_valid;	  /* ipa below is known (from HPFAR_EL2) */
	bool ipa_page;	  /* only the page of ipa is known (walk) */
	uint64_t va;
	uint64_t ipa;
};

void abort_decode(uint64_t esr, uint64_t far, uint64_t hpfar, struct abort_info *a);

/* "read", "write" or "exec" for the access itself. */
const char *abort_access_name(const struct abort_info *a);

/* "translation", "permission", ... */
const char *abort_kind_name(const struct abort_info *a);

#endif
