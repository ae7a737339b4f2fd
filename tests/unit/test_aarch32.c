// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of arch/arm64/aarch32.c: the AArch32 register mapping in every
 * mode, condition checks (ESR.CV/COND and the IT state), stepping past A32
 * and T32 instructions (ESR.IL, ITAdvance), CP15 ISS decoding, entry PSTATE
 * and the Undefined Instruction exception entry.
 */
#include <arch/arm64/aarch32.h>
#include <arch/arm64/sysreg.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#define NZCV(n, z, c, v) ((uint64_t)((n) << 3 | (z) << 2 | (c) << 1 | (v)) << 28)
#define SVC32		 (PSR_AARCH32 | A32_MODE_SVC)
/* IT[7:0] placed in SPSR: IT[1:0] at 26:25, IT[7:2] at 15:10. */
#define IT(it) ((uint64_t)((it)&3) << 25 | (uint64_t)((it)&0xfc) << 8)

static uint64_t esr(unsigned int ec, int il, uint64_t iss)
{
	return ((uint64_t)ec << ESR_EC_SHIFT) | (il ? ESR_IL : 0) | iss;
}

static void test_reg_mapping(void **state)
{
	static const struct {
		uint32_t mode, r13, r14;
	} banked[] = {
		{A32_MODE_USR, 13, 14}, {A32_MODE_SYS, 13, 14}, {A32_MODE_IRQ, 17, 16},
		{A32_MODE_SVC, 19, 18}, {A32_MODE_ABT, 21, 20}, {A32_MODE_UND, 23, 22},
		{A32_MODE_FIQ, 29, 30},
	};

	(void)state;
	for (size_t m = 0; m < sizeof(banked) / sizeof(banked[0]); m++) {
		for (uint32_t r = 0; r < 8; r++)
			assert_int_equal(a32_reg_index(banked[m].mode, r), r);
		for (uint32_t r = 8; r < 13; r++)
			assert_int_equal(a32_reg_index(banked[m].mode, r),
					 banked[m].mode == A32_MODE_FIQ ? r + 16 : r);
		assert_int_equal(a32_reg_index(banked[m].mode, 13), banked[m].r13);
		assert_int_equal(a32_reg_index(banked[m].mode, 14), banked[m].r14);
		assert_int_equal(a32_reg_index(banked[m].mode, 15), A32_REG_NONE);
	}
	assert_int_equal(a32_reg_index(A32_MODE_HYP, 13), 15);
	assert_int_equal(a32_reg_index(A32_MODE_HYP, 14), A32_REG_NONE);
	assert_int_equal(a32_reg_index(A32_MODE_MON, 13), A32_REG_NONE);
}

static void test_iss_reg(void **state)
{
	(void)state;
	/* The architecture: the ISS already holds the x number. */
	assert_int_equal(a32_iss_reg(SVC32, 18, false), 18);
	/* QEMU TCG: r14 of SVC is x18, r14 of FIQ x30, r9 of FIQ x25; AArch64 unchanged. */
	assert_int_equal(a32_iss_reg(SVC32, 14, true), 18);
	assert_int_equal(a32_iss_reg(PSR_AARCH32 | A32_MODE_FIQ, 14, true), 30);
	assert_int_equal(a32_iss_reg(PSR_AARCH32 | A32_MODE_FIQ, 9, true), 25);
	assert_int_equal(a32_iss_reg(PSR_AARCH32 | A32_MODE_USR, 14, true), 14);
	assert_int_equal(a32_iss_reg(0x3c5, 30, true), 30);
}

static void test_entry_psr(void **state)
{
	(void)state;
	assert_int_equal(a32_entry_psr(0x40008000), A32_MODE_SVC | PSR_A | PSR_I | PSR_F);
	assert_int_equal(a32_entry_psr(0x40008001), A32_MODE_SVC | PSR_A | PSR_I | PSR_F | PSR_T);
	assert_true(a32_el1_supported(0x1122)); /* EL1 = 2: AArch32 too */
	assert_false(a32_el1_supported(0x1111));
}

#define CV(cond) ((1ULL << 24) | (uint64_t)(cond) << 20)

static void test_condition(void **state)
{
	uint64_t e_eq = esr(EC_CP15_32, 1, CV(0x0)), e_ne = esr(EC_CP15_32, 1, CV(0x1));

	(void)state;
	assert_true(a32_cond_passed(e_eq, SVC32 | NZCV(0, 1, 0, 0)));
	assert_false(a32_cond_passed(e_eq, SVC32));
	assert_true(a32_cond_passed(e_ne, SVC32));
	assert_false(a32_cond_passed(e_ne, SVC32 | NZCV(0, 1, 0, 0)));
	/* GE (N == V), LT, GT, LE, HI, LS, AL. */
	assert_true(a32_cond_passed(esr(3, 1, CV(0xa)), SVC32 | NZCV(1, 0, 0, 1)));
	assert_false(a32_cond_passed(esr(3, 1, CV(0xa)), SVC32 | NZCV(1, 0, 0, 0)));
	assert_true(a32_cond_passed(esr(3, 1, CV(0xb)), SVC32 | NZCV(1, 0, 0, 0)));
	assert_false(a32_cond_passed(esr(3, 1, CV(0xc)), SVC32 | NZCV(0, 1, 0, 0)));
	assert_true(a32_cond_passed(esr(3, 1, CV(0xd)), SVC32 | NZCV(0, 1, 0, 0)));
	assert_true(a32_cond_passed(esr(3, 1, CV(0x8)), SVC32 | NZCV(0, 0, 1, 0)));
	assert_true(a32_cond_passed(esr(3, 1, CV(0x9)), SVC32 | NZCV(0, 1, 1, 0)));
	assert_true(a32_cond_passed(esr(3, 1, CV(0xe)), SVC32));
	/* T32 without CV: the IT block's condition; no IT block: unconditional. */
	assert_true(a32_cond_passed(esr(3, 0, 0), SVC32 | PSR_T));
	assert_false(a32_cond_passed(esr(3, 0, 0), SVC32 | PSR_T | IT(0x08))); /* IT EQ, Z=0 */
	assert_true(a32_cond_passed(esr(3, 0, 0), SVC32 | PSR_T | IT(0x08) | NZCV(0, 1, 0, 0)));
	/* AArch64: always. */
	assert_true(a32_cond_passed(esr(3, 1, CV(0)), 0x3c5));
}

static void test_skip(void **state)
{
	uint64_t elr, spsr;

	(void)state;
	elr = 0x1000, spsr = 0x3c5; /* AArch64 */
	trap_skip_insn(&elr, &spsr, esr(EC_DABT_LOW, 1, 0));
	assert_int_equal(elr, 0x1004);
	elr = 0x1000, spsr = SVC32; /* A32 */
	trap_skip_insn(&elr, &spsr, esr(EC_DABT_LOW, 1, 0));
	assert_int_equal(elr, 0x1004);
	elr = 0x1000, spsr = SVC32 | PSR_T; /* 16-bit T32 */
	trap_skip_insn(&elr, &spsr, esr(EC_DABT_LOW, 0, 0));
	assert_int_equal(elr, 0x1002);
	assert_int_equal(spsr, SVC32 | PSR_T);
	/* ITTE EQ (IT = 0x06 << ... ): firstcond 0000, mask 0110 -> IT = 0x06. */
	elr = 0x2000, spsr = SVC32 | PSR_T | IT(0x06);
	trap_skip_insn(&elr, &spsr, esr(EC_DABT_LOW, 1, 0));
	assert_int_equal(elr, 0x2004);
	assert_int_equal(spsr, SVC32 | PSR_T | IT(0x0c));
	trap_skip_insn(&elr, &spsr, esr(EC_DABT_LOW, 0, 0));
	assert_int_equal(spsr, SVC32 | PSR_T | IT(0x18));
	trap_skip_insn(&elr, &spsr, esr(EC_DABT_LOW, 0, 0)); /* last of the block */
	assert_int_equal(spsr, SVC32 | PSR_T);
	assert_int_equal(elr, 0x2008);
	/* AArch32 PCs wrap at 4 GiB. */
	elr = 0xfffffffe, spsr = SVC32 | PSR_T;
	trap_skip_insn(&elr, &spsr, esr(EC_DABT_LOW, 0, 0));
	assert_int_equal(elr, 0);
}

static void test_cp_decode(void **state)
{
	struct a32_cp_access a;

	(void)state;
	/* MCR p15, 0, r3, c7, c14, 2 (DCCISW): Opc2 2, Opc1 0, CRn 7, Rt 3, CRm 14, write. */
	a32_cp_decode(esr(EC_CP15_32, 1, CV(0xe) | 2 << 17 | 7 << 10 | 3 << 5 | 14 << 1), &a);
	assert_false(a.is64);
	assert_false(a.read);
	assert_int_equal(a.rt, 3);
	assert_int_equal(a32_cp_id(&a), A32_CP15(0, 7, 14, 2));
	/* MCRR p15, 0, r4, r5, c12 (ICC_SGI1R): Opc1 0, Rt2 5, Rt 4, CRm 12. */
	a32_cp_decode(esr(EC_CP15_64, 1, CV(0xe) | 5 << 10 | 4 << 5 | 12 << 1), &a);
	assert_true(a.is64);
	assert_int_equal(a.rt, 4);
	assert_int_equal(a.rt2, 5);
	assert_int_equal(a32_cp_id(&a), A32_CP15(0, 0, 12, 0));
	/* MRRC p15, 1, ... c12 (ICC_ASGI1R read). */
	a32_cp_decode(esr(EC_CP15_64, 1, 1 << 16 | 12 << 1 | 1), &a);
	assert_true(a.read);
	assert_int_equal(a32_cp_id(&a), A32_CP15(1, 0, 12, 0));
}

static void test_undef_entry(void **state)
{
	struct a32_exc_entry e;
	uint32_t svc = A32_MODE_SVC | PSR_A | PSR_F | (0xfU << 28);

	(void)state;
	a32_undef_entry(svc, 0x80001000, 0, 0x80000000, &e);
	assert_int_equal(e.pc, 0x80000004);
	assert_int_equal(e.lr, 0x80001004);
	/* Mode und, I set; A, F and the flags kept. */
	assert_int_equal(e.cpsr, A32_MODE_UND | PSR_A | PSR_F | PSR_I | (0xfU << 28));
	/* From T32 inside an IT block, SCTLR.TE and V set: T32 handler at the high vector. */
	a32_undef_entry(svc | PSR_T | (uint32_t)IT(0x06), 0x1002, (1U << 30) | (1U << 13), 0, &e);
	assert_int_equal(e.pc, 0xffff0004);
	assert_int_equal(e.lr, 0x1004);
	assert_int_equal(e.cpsr, A32_MODE_UND | PSR_A | PSR_F | PSR_I | PSR_T | (0xfU << 28));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reg_mapping), cmocka_unit_test(test_iss_reg),
		cmocka_unit_test(test_entry_psr),   cmocka_unit_test(test_condition),
		cmocka_unit_test(test_skip),	    cmocka_unit_test(test_cp_decode),
		cmocka_unit_test(test_undef_entry),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
