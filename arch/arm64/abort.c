// SPDX-License-Identifier: GPL-2.0-only
/*
 * Decoding of a guest abort taken to EL2 (abort.h). The fault status code
 * encodings are from the Arm ARM, D19.2.44 "ISS encoding for an exception
 * from a Data Abort" (the instruction abort's IFSC uses the same values).
 */
#include <arch/arm64/abort.h>
#include <arch/arm64/sysreg.h>

static enum abort_kind fsc_kind(unsigned int fsc)
{
	switch (fsc >> 2) {
	case 0x0: /* 0b0000LL */
		return ABORT_ADDRESS_SIZE;
	case 0x1: /* 0b0001LL */
		return ABORT_TRANSLATION;
	case 0x2: /* 0b0010LL */
		return ABORT_ACCESS_FLAG;
	case 0x3: /* 0b0011LL */
		return ABORT_PERMISSION;
	case 0x4: /* 0b010000, and 0b010011: on a walk at level -1 */
	case 0x5: /* 0b0101LL: on a walk at level LL */
		return fsc == 0x10 || fsc == 0x13 || fsc >= 0x14 ? ABORT_EXTERNAL : ABORT_OTHER;
	case 0xa: /* 0b101001 address size, 0b101011 translation, at level -1 (FEAT_LPA2) */
		if (fsc == 0x29)
			return ABORT_ADDRESS_SIZE;
		return fsc == 0x2b ? ABORT_TRANSLATION : ABORT_OTHER;
	default:
		return ABORT_OTHER;
	}
}

void abort_decode(uint64_t esr, uint64_t far, uint64_t hpfar, struct abort_info *a)
{
	uint64_t iss = ESR_ISS(esr);
	bool hpfar_valid;

	a->fsc = (unsigned int)DABT_DFSC(iss);
	a->kind = fsc_kind(a->fsc);
	a->exec = ESR_EC(esr) == EC_IABT_LOW;
	a->walk = (iss & DABT_S1PTW) != 0;
	a->write = !a->exec && !a->walk && (iss & DABT_WNR);
	a->va_valid = !(iss & DABT_FNV);
	a->va = a->va_valid ? far : 0;
	hpfar_valid = a->walk || a->kind == ABORT_TRANSLATION || a->kind == ABORT_ACCESS_FLAG ||
		      a->kind == ABORT_ADDRESS_SIZE;
	a->ipa_valid = hpfar_valid;
	a->ipa_page = a->walk || !a->va_valid;
	a->ipa = 0;
	if (hpfar_valid) {
		a->ipa = HPFAR_PAGE(hpfar);
		if (!a->ipa_page)
			a->ipa |= far & ULL(0xfff);
	}
}

const char *abort_access_name(const struct abort_info *a)
{
	if (a->exec)
		return "exec";
	return a->write ? "write" : "read";
}

const char *abort_kind_name(const struct abort_info *a)
{
	static const char *const names[] = {
		[ABORT_TRANSLATION] = "translation", [ABORT_ACCESS_FLAG] = "access flag",
		[ABORT_PERMISSION] = "permission",   [ABORT_ADDRESS_SIZE] = "address size",
		[ABORT_EXTERNAL] = "external abort", [ABORT_OTHER] = "abort",
	};

	return names[a->kind];
}
