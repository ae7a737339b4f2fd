// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of arch/arm64/abort.c: which of FAR_EL2 and HPFAR_EL2 a guest
 * abort report may use, for stage-2 faults, stage-1 walk faults (S1PTW),
 * permission faults and external aborts (FnV).
 */
#include <arch/arm64/abort.h>
#include <arch/arm64/sysreg.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

static uint64_t esr(unsigned int ec, uint64_t iss)
{
	return ((uint64_t)ec << ESR_EC_SHIFT) | ESR_IL | iss;
}

#define HPFAR(ipa) (((ipa) >> 12) << 4)

static void test_translation(void **state)
{
	struct abort_info a;

	(void)state;
	/* LDR from unmapped IPA 0x9050123: translation fault level 3, ISV, WnR 0. */
	abort_decode(esr(EC_DABT_LOW, DABT_ISV | 0x07), 0xffff000009050123ULL, HPFAR(0x9050000ULL),
		     &a);
	assert_int_equal(a.kind, ABORT_TRANSLATION);
	assert_false(a.walk);
	assert_true(a.ipa_valid);
	assert_false(a.ipa_page);
	assert_int_equal(a.ipa, 0x9050123ULL);
	assert_string_equal(abort_access_name(&a), "read");
	abort_decode(esr(EC_DABT_LOW, DABT_WNR | 0x06), 0x8, HPFAR(0x4000000000ULL), &a);
	assert_string_equal(abort_access_name(&a), "write");
	assert_int_equal(a.ipa, 0x4000000008ULL);
	abort_decode(esr(EC_IABT_LOW, 0x05), 0x70001004ULL, HPFAR(0x70001000ULL), &a);
	assert_string_equal(abort_access_name(&a), "exec");
	assert_int_equal(a.ipa, 0x70001004ULL);
}

/* The guest's instruction fetch at VA 0x8000fc4 needs a descriptor at unmapped IPA 0x48000000. */
static void test_walk(void **state)
{
	struct abort_info a;

	(void)state;
	abort_decode(esr(EC_IABT_LOW, DABT_S1PTW | 0x06), 0x8000fc4ULL, HPFAR(0x48000000ULL), &a);
	assert_true(a.walk);
	assert_true(a.exec);
	assert_int_equal(a.kind, ABORT_TRANSLATION);
	assert_true(a.ipa_valid);
	assert_true(a.ipa_page);
	assert_int_equal(a.ipa, 0x48000000ULL); /* not the VA's low bits */
	assert_int_equal(a.va, 0x8000fc4ULL);
	/* A data access whose walk reads an emulated region (the vGIC), WnR set by a HW update. */
	abort_decode(esr(EC_DABT_LOW, DABT_S1PTW | DABT_WNR | 0x07), 0x123456789abcULL,
		     HPFAR(0x8010000ULL), &a);
	assert_true(a.walk);
	assert_false(a.write);
	assert_int_equal(a.ipa, 0x8010000ULL);
	/* HCR_EL2.PTW: a walk into stage-2 device memory is a permission fault, HPFAR valid. */
	abort_decode(esr(EC_DABT_LOW, DABT_S1PTW | 0x0f), 0x1000, HPFAR(0x9000000ULL), &a);
	assert_int_equal(a.kind, ABORT_PERMISSION);
	assert_true(a.ipa_valid);
	assert_int_equal(a.ipa, 0x9000000ULL);
}

static void test_permission(void **state)
{
	struct abort_info a;

	(void)state;
	/* Execute from a device (stage-2 XN): HPFAR may be UNKNOWN, not used. */
	abort_decode(esr(EC_IABT_LOW, 0x0f), 0x9010010ULL, 0xdeadbeef0ULL, &a);
	assert_int_equal(a.kind, ABORT_PERMISSION);
	assert_false(a.ipa_valid);
	assert_true(a.va_valid);
	assert_int_equal(a.va, 0x9010010ULL);
}

static void test_external(void **state)
{
	struct abort_info a;

	(void)state;
	/* Synchronous external abort, FAR not valid. */
	abort_decode(esr(EC_DABT_LOW, DABT_FNV | 0x10), 0x1234, 0x5670, &a);
	assert_int_equal(a.kind, ABORT_EXTERNAL);
	assert_false(a.va_valid);
	assert_int_equal(a.va, 0);
	assert_false(a.ipa_valid);
	/* External abort on a walk (level 1): HPFAR holds the page, FAR valid. */
	abort_decode(esr(EC_DABT_LOW, DABT_S1PTW | 0x15), 0x5000, HPFAR(0x7000ULL), &a);
	assert_int_equal(a.kind, ABORT_EXTERNAL);
	assert_true(a.walk);
	assert_int_equal(a.ipa, 0x7000ULL);
	assert_string_equal(abort_kind_name(&a), "external abort");
	/* Alignment and TLB conflict: other. */
	abort_decode(esr(EC_DABT_LOW, 0x21), 0x1, 0, &a);
	assert_int_equal(a.kind, ABORT_OTHER);
	assert_false(a.ipa_valid);
	abort_decode(esr(EC_DABT_LOW, 0x30), 0x1, 0, &a);
	assert_int_equal(a.kind, ABORT_OTHER);
	/* Address size fault (IPA beyond the stage-2 input range): HPFAR valid. */
	abort_decode(esr(EC_DABT_LOW, 0x00), 0x10, HPFAR(0x10000000000ULL), &a);
	assert_int_equal(a.kind, ABORT_ADDRESS_SIZE);
	assert_true(a.ipa_valid);
	assert_int_equal(a.ipa, 0x10000000010ULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_translation),
		cmocka_unit_test(test_walk),
		cmocka_unit_test(test_permission),
		cmocka_unit_test(test_external),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
