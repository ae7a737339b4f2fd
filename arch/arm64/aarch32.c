// SPDX-License-Identifier: GPL-2.0-only
/*
 * AArch32 decoding for traps from an AArch32 EL1 (aarch32.h). Pure.
 */
#include <arch/arm64/aarch32.h>
#include <arch/arm64/sysreg.h>

/*
 * Arm ARM D1.20.1, "Mapping of AArch32 registers to AArch64": r0-r7 and (out
 * of FIQ mode) r8-r12 are x0-x12; r13/r14 are banked per mode:
 *   usr/sys x13/x14   irq x17/x16   svc x19/x18   abt x21/x20   und x23/x22
 *   fiq: r8-r12 x24-x28, r13/r14 x29/x30          hyp: SP_hyp x15
 */
uint32_t a32_reg_index(uint32_t mode, uint32_t r)
{
	if (r > 14U)
		return A32_REG_NONE;
	if (r < 8U)
		return r;
	if (mode == A32_MODE_FIQ)
		return r + 16U; /* r8_fiq .. r14_fiq = x24 .. x30 */
	if (r < 13U)
		return r;
	switch (mode) {
	case A32_MODE_USR:
	case A32_MODE_SYS:
		return r; /* x13, x14 */
	case A32_MODE_IRQ:
		return (r == 13U) ? 17U : 16U;
	case A32_MODE_SVC:
		return (r == 13U) ? 19U : 18U;
	case A32_MODE_ABT:
		return (r == 13U) ? 21U : 20U;
	case A32_MODE_UND:
		return (r == 13U) ? 23U : 22U;
	case A32_MODE_HYP:
		return (r == 13U) ? 15U : A32_REG_NONE; /* LR_hyp is ELR_hyp: not an x register */
	default:
		return A32_REG_NONE; /* monitor: Secure state, never an EL1 guest */
	}
}

uint32_t a32_iss_reg(uint64_t spsr, uint32_t r, bool aarch32_numbers)
{
	if (!(spsr & PSR_AARCH32) || !aarch32_numbers)
		return r;
	return a32_reg_index((uint32_t)spsr & A32_MODE_MASK, r);
}

uint32_t a32_entry_psr(uint64_t entry)
{
	return A32_MODE_SVC | PSR_A | PSR_I | PSR_F | (((entry & 1U) != 0U) ? PSR_T : 0U);
}

/* IT[7:0] of an AArch32 PSTATE: IT[7:2] in bits 15:10, IT[1:0] in bits 26:25. */
static uint32_t it_state(uint64_t spsr)
{
	return (uint32_t)(((spsr >> 8U) & 0xfcU) | ((spsr >> 25U) & 0x3U));
}

/* ConditionHolds() (Arm ARM J1.2.3 shared/functions/system). */
static bool cond_holds(uint32_t cond, uint64_t spsr)
{
	bool n = ((spsr >> 31U) & 1U) != 0U, z = ((spsr >> 30U) & 1U) != 0U;
	bool c = ((spsr >> 29U) & 1U) != 0U, v = ((spsr >> 28U) & 1U) != 0U, r;

	switch (cond >> 1U) {
	case 0U:
		r = z;
		break;
	case 1U:
		r = c;
		break;
	case 2U:
		r = n;
		break;
	case 3U:
		r = v;
		break;
	case 4U:
		r = c && !z;
		break;
	case 5U:
		r = (n == v);
		break;
	case 6U:
		r = (n == v) && !z;
		break;
	default:
		return true; /* 0b1110 AL, and 0b1111 (unconditional encodings) */
	}
	return (cond & 1U) ? !r : r;
}

bool a32_cond_passed(uint64_t esr, uint64_t spsr)
{
	uint32_t cond, it;

	if (!(spsr & PSR_AARCH32))
		return true;
	if (((esr >> 24U) & 1U) != 0U) { /* ISS.CV: COND is valid */
		cond = (uint32_t)(esr >> 20U) & 0xfU;
	} else {
		/* Only T32 leaves CV clear: the condition is the IT block's (0: none). */
		it = it_state(spsr);
		if (it == 0U)
			return true;
		cond = it >> 4U;
	}
	return cond_holds(cond, spsr);
}

/* ITAdvance() (Arm ARM F1.3.2): the next instruction's IT state. */
static uint64_t it_advance(uint64_t spsr)
{
	uint32_t it = it_state(spsr);

	if ((it & 0x7U) == 0U)
		it = 0U; /* that was the last instruction of the block */
	else
		it = (it & 0xe0U) | ((it << 1U) & 0x1fU);
	spsr &= ~(uint64_t)(PSR_IT_LO | PSR_IT_HI);
	return spsr | ((uint64_t)(it & 0x3U) << 25U) | ((uint64_t)(it & 0xfcU) << 8U);
}

void trap_skip_insn(uint64_t *elr, uint64_t *spsr, uint64_t esr)
{
	if (!(*spsr & PSR_AARCH32)) {
		*elr += 4;
		return;
	}
	*elr = (*elr + ((esr & ESR_IL) ? 4 : 2)) & 0xffffffffULL;
	if ((*spsr & PSR_T) != 0U)
		*spsr = it_advance(*spsr);
}

void a32_cp_decode(uint64_t esr, struct a32_cp_access *a)
{
	uint32_t iss = (uint32_t)ESR_ISS(esr);

	a->is64 = ESR_EC(esr) == EC_CP15_64 || ESR_EC(esr) == EC_CP14_64;
	a->read = iss & 1U;
	a->rt = (iss >> 5U) & 0x1fU;
	a->crm = (iss >> 1U) & 0xfU;
	if (a->is64) {
		a->opc1 = (iss >> 16U) & 0xfU;
		a->rt2 = (iss >> 10U) & 0x1fU;
		a->crn = 0U;
		a->opc2 = 0U;
	} else {
		a->opc2 = (iss >> 17U) & 0x7U;
		a->opc1 = (iss >> 14U) & 0x7U;
		a->crn = (iss >> 10U) & 0xfU;
		a->rt2 = 0U;
	}
}

uint32_t a32_cp_id(const struct a32_cp_access *a)
{
	return A32_CP15(a->opc1, a->crn, a->crm, a->opc2);
}

#define SCTLR_V	 (1ULL << 13U) /* high vectors at 0xffff0000 */
#define SCTLR_EE (1ULL << 25U) /* exceptions taken big-endian */
#define SCTLR_TE (1ULL << 30U) /* exceptions taken in T32 */
#define PSR_J	 (1U << 24U)
#define PSR_SS	 (1U << 21U)
#define PSR_IL	 (1U << 20U)

void a32_undef_entry(uint32_t cpsr, uint32_t pc, uint64_t sctlr, uint64_t vbar,
		     struct a32_exc_entry *e)
{
	uint32_t keep = cpsr & ~(uint32_t)(A32_MODE_MASK | PSR_T | PSR_IT_LO | PSR_IT_HI | PSR_J |
					   PSR_E | PSR_SS | PSR_IL);

	/* AArch32.TakeUndefInstrException: return address + 4 (A32) or + 2 (T32). */
	e->lr = pc + ((cpsr & PSR_T) ? 2U : 4U);
	/* AArch32.EnterMode: only I is masked on the way to Undefined mode. */
	e->cpsr = keep | A32_MODE_UND | PSR_I | (((sctlr & SCTLR_TE) != 0U) ? PSR_T : 0U) |
		  (((sctlr & SCTLR_EE) != 0U) ? PSR_E : 0U);
	e->pc = ((sctlr & SCTLR_V) ? 0xffff0000U : (uint32_t)vbar & ~0x1fU) + 0x4U;
}
