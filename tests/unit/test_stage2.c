// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of arch/arm64/stage2.c: attribute bits, the concatenated 40-bit
 * IPA root, VTTBR_EL2 / VTCR_EL2 / TCR_EL2 values (checked against constants
 * computed by hand from the Arm ARM field layouts), and the EL2 stage-1
 * attributes through the same mapper.
 */
#include <arch/arm64/pgtable.h>
#include <arch/arm64/stage2.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/* Debug builds trace errors; the host harness may provide this, else this one. */
__attribute__((weak)) int trace_error_at(int err, const char *file, int line)
{
	(void)file;
	(void)line;
	return err;
}

#define GIB  0x40000000ULL
#define MIB2 0x200000ULL
#define PAGE 0x1000ULL

#define NPAGES 32

struct env {
	void *mem;
	struct pt_pool pool;
	struct s2_table s2;
};

static int setup(void **state)
{
	struct env *e = calloc(1, sizeof(*e));

	if (!e)
		return -1;
	e->mem = aligned_alloc(2 * PAGE, NPAGES * PAGE);
	if (!e->mem || pt_pool_init(&e->pool, e->mem, NPAGES))
		return -1;
	*state = e;
	return 0;
}

static int teardown(void **state)
{
	struct env *e = *state;

	free(e->mem);
	free(e);
	return 0;
}

static uint64_t *table_at(uint64_t desc)
{
	assert_int_equal(desc & 3, 3);
	return (uint64_t *)(uintptr_t)(desc & PT_ADDR_MASK);
}

/* ---------------------------------------------------------------- constants */

static void test_stage2_attribute_bits(void **state)
{
	(void)state;
	/* MemAttr[5:2] = 0b1111, S2AP[7:6] = 0b11, SH[9:8] = 0b11, AF[10]. */
	assert_int_equal(S2_NORMAL_RWX, 0x7fcULL);
	assert_int_equal(S2_NORMAL_RW, 0x7fcULL | (1ULL << 54));
	/* S2AP = 0b01 read-only; XN[54] for RO, not for RX. */
	assert_int_equal(S2_NORMAL_RO, 0x004000000000077cULL);
	assert_int_equal(S2_NORMAL_RX, 0x77cULL);
	/* MemAttr = 0b0001 Device-nGnRE, S2AP = 0b11, AF, XN, SH = 0. */
	assert_int_equal(S2_DEVICE_RW, 0x00400000000004c4ULL);
	assert_int_equal(S2_DEVICE_RO, 0x0040000000000444ULL);
	assert_int_equal(S2_AP_WO, 0x80ULL);
	assert_int_equal(S2_AP_NONE, 0);
	assert_int_equal((S2_NORMAL_RWX & S2_MEMATTR_MASK) >> 2, 0xf);
	assert_int_equal((S2_DEVICE_RW & S2_MEMATTR_MASK) >> 2, 0x1);
	assert_int_equal(S2_NORMAL_RWX & ~PT_ATTR_MASK, 0);
	assert_int_equal(S2_DEVICE_RW & ~PT_ATTR_MASK, 0);
}

static void test_el2_stage1_attribute_bits(void **state)
{
	(void)state;
	/* AttrIndx[4:2] = 0, AP[1] (RES1) bit 6, SH = 0b11, AF. */
	assert_int_equal(S1_EL2_NORMAL, 0x740ULL);
	/* AttrIndx = 1, AP[1], AF, XN[54]. */
	assert_int_equal(S1_EL2_DEVICE, 0x0040000000000444ULL);
	/* MAIR_EL2: Attr0 = 0xff (Normal WB RA WA), Attr1 = 0x04 (Device-nGnRE). */
	assert_int_equal(S1_EL2_MAIR, 0x04ffULL);
}

static void test_vtcr_values(void **state)
{
	(void)state;
	/* T0SZ 24 = 0x18 | SL0 1 << 6 | IRGN0 1 << 8 | ORGN0 1 << 10 | SH0 3 << 12 | RES1 31. */
	assert_int_equal(s2_vtcr(0), 0x80003558ULL);
	assert_int_equal(s2_vtcr(2), 0x80023558ULL); /* PS = 40 bits */
	assert_int_equal(s2_vtcr(4), 0x80043558ULL); /* 44 bits, Cortex-A57 */
	assert_int_equal(s2_vtcr(5), 0x80053558ULL); /* 48 bits */
	assert_int_equal(s2_vtcr(6), 0x80053558ULL); /* 52 bits: capped at 48 */
	assert_int_equal(s2_vtcr(15), 0x80053558ULL);
}

static void test_tcr_el2_values(void **state)
{
	(void)state;
	/* T0SZ 25 = 0x19 | IRGN0 | ORGN0 | SH0 inner | TG0 4K | RES1 23 and 31. */
	assert_int_equal(s1_el2_tcr(0), 0x80803519ULL);
	assert_int_equal(s1_el2_tcr(2), 0x80823519ULL);
	assert_int_equal(s1_el2_tcr(5), 0x80853519ULL);
	assert_int_equal(s1_el2_tcr(6), 0x80853519ULL);
}

static void test_vttbr_value(void **state)
{
	struct s2_table t = {.root = (uint64_t *)(uintptr_t)0x40002000ULL, .vmid = 0x2a};

	(void)state;
	assert_int_equal(s2_vttbr(&t), 0x002a000040002000ULL);
	t.vmid = 0xff;
	t.root = (uint64_t *)(uintptr_t)0x8000fe000ULL;
	assert_int_equal(s2_vttbr(&t), 0x00ff0008000fe000ULL);
}

/* ---------------------------------------------------------------- tables */

static void test_init_concatenated_root(void **state)
{
	struct env *e = *state;
	size_t avail = pt_pool_avail(&e->pool);

	assert_int_equal(s2_init(&e->s2, &e->pool, 7), 0);
	assert_non_null(e->s2.root);
	assert_int_equal((uintptr_t)e->s2.root & (2 * PAGE - 1), 0); /* 8 KiB aligned */
	assert_int_equal(pt_pool_avail(&e->pool), avail - 2);
	assert_int_equal(e->s2.vmid, 7);
	for (size_t i = 0; i < 2 * PT_ENTRIES; i++)
		assert_int_equal(e->s2.root[i], 0);
	assert_int_equal(s2_vttbr(&e->s2), (uint64_t)(uintptr_t)e->s2.root | (7ULL << 48));
}

static void test_init_errors(void **state)
{
	struct env *e = *state;
	struct pt_pool small;

	assert_int_equal(s2_init(&e->s2, &e->pool, 256), -EINVAL);
	assert_null(e->s2.root);
	assert_int_equal(pt_pool_init(&small, e->mem, 1), 0);
	assert_int_equal(s2_init(&e->s2, &small, 1), -ENOMEM);
	assert_null(e->s2.root);
}

static void test_ipa_above_512g_uses_second_table(void **state)
{
	struct env *e = *state;
	uint64_t *second;
	uint64_t pa = 0, attrs = 0;
	unsigned level = 0;

	assert_int_equal(s2_init(&e->s2, &e->pool, 1), 0);
	second = e->s2.root + PT_ENTRIES;
	/* IPA[39] = 1: entry 0 of the second level-1 table. */
	assert_int_equal(s2_map(&e->s2, &e->pool, 512 * GIB, 2 * GIB, GIB, S2_NORMAL_RWX), 0);
	assert_int_equal(second[0], 2 * GIB | S2_NORMAL_RWX | 1);
	assert_int_equal(e->s2.root[0], 0);
	/* The last GiB of the 1 TiB space: entry 1023 overall, 511 of the second. */
	assert_int_equal(s2_map(&e->s2, &e->pool, 1023 * GIB, 3 * GIB, GIB, S2_NORMAL_RO), 0);
	assert_int_equal(second[511], 3 * GIB | S2_NORMAL_RO | 1);
	assert_int_equal(e->s2.root[511], 0);
	/* 2 MiB below 512 GiB + 2 MiB: a level-2 table under the second table. */
	assert_int_equal(s2_map(&e->s2, &e->pool, 513 * GIB + MIB2, MIB2, MIB2, S2_DEVICE_RW), 0);
	assert_int_equal(table_at(second[1])[1], MIB2 | S2_DEVICE_RW | 1);

	assert_int_equal(s2_walk(&e->s2, 512 * GIB + 0x123456, &pa, &attrs, &level), 0);
	assert_int_equal(pa, 2 * GIB + 0x123456);
	assert_int_equal(attrs, S2_NORMAL_RWX);
	assert_int_equal(level, 1);
	assert_int_equal(s2_walk(&e->s2, 1024 * GIB - 1, &pa, &attrs, &level), 0);
	assert_int_equal(pa, 4 * GIB - 1);
	assert_int_equal(attrs, S2_NORMAL_RO);
	assert_int_equal(s2_walk(&e->s2, 513 * GIB + MIB2 + 8, &pa, &attrs, &level), 0);
	assert_int_equal(pa, MIB2 + 8);
	assert_int_equal(level, 2);
	assert_int_equal(s2_walk(&e->s2, 511 * GIB, &pa, &attrs, &level), -ENOENT);
	assert_int_equal(s2_walk(&e->s2, 0, &pa, &attrs, &level), -ENOENT);
}

static void test_ipa_space_is_40_bits(void **state)
{
	struct env *e = *state;

	assert_int_equal(s2_init(&e->s2, &e->pool, 1), 0);
	assert_int_equal(s2_map(&e->s2, &e->pool, BIT(40) - PAGE, 0, PAGE, S2_NORMAL_RW), 0);
	assert_int_equal(s2_map(&e->s2, &e->pool, BIT(40), 0, PAGE, S2_NORMAL_RW), -EINVAL);
	assert_int_equal(s2_map(&e->s2, &e->pool, BIT(40) - PAGE, 0, 2 * PAGE, S2_NORMAL_RW),
			 -EINVAL);
	assert_int_equal(s2_walk(&e->s2, BIT(40), NULL, NULL, NULL), -EINVAL);
	assert_int_equal(s2_map(&e->s2, &e->pool, 0x800, 0, PAGE, S2_NORMAL_RW), -EINVAL);
}

/* A partition like the demo's: RAM at the QEMU virt IPA, a UART page, then a restart. */
static void test_partition_map_and_restart(void **state)
{
	struct env *e = *state;
	uint64_t attrs = 0, pa = 0;
	unsigned level = 0;
	size_t avail;

	assert_int_equal(s2_init(&e->s2, &e->pool, 2), 0);
	avail = pt_pool_avail(&e->pool);
	/* 64 MiB of RAM at IPA 1 GiB from PA 0x48000000: 32 level-2 blocks. */
	assert_int_equal(s2_map(&e->s2, &e->pool, GIB, 0x48000000ULL, 32 * MIB2, S2_NORMAL_RWX), 0);
	assert_int_equal(s2_map(&e->s2, &e->pool, 0x09000000ULL, 0x09000000ULL, PAGE, S2_DEVICE_RW),
			 0);
	assert_int_equal(s2_walk(&e->s2, GIB + 0x10, &pa, &attrs, &level), 0);
	assert_int_equal(pa, 0x48000010ULL);
	assert_int_equal(level, 2);
	assert_int_equal(attrs, S2_NORMAL_RWX);
	assert_int_equal(s2_walk(&e->s2, 0x09000ff8ULL, &pa, &attrs, &level), 0);
	assert_int_equal(pa, 0x09000ff8ULL);
	assert_int_equal(level, 3);
	assert_int_equal(attrs, S2_DEVICE_RW);
	assert_int_equal(s2_walk(&e->s2, 0x09001000ULL, &pa, &attrs, &level), -ENOENT);
	assert_int_equal(s2_walk(&e->s2, GIB + 32 * MIB2, &pa, &attrs, &level), -ENOENT);
	assert_int_equal(pt_pool_avail(&e->pool), avail - 3);

	assert_int_equal(s2_unmap(&e->s2, &e->pool, 0, BIT(40)), 0);
	assert_int_equal(pt_pool_avail(&e->pool), avail);
	assert_int_equal(s2_walk(&e->s2, GIB, &pa, &attrs, &level), -ENOENT);
	for (size_t i = 0; i < 2 * PT_ENTRIES; i++)
		assert_int_equal(e->s2.root[i], 0);
}

/* Bulkhead's own identity map: one 4 KiB root at level 1 (T0SZ = 25). */
static void test_el2_identity_map(void **state)
{
	struct env *e = *state;
	uint64_t *root = pt_alloc(&e->pool);
	uint64_t attrs = 0, pa = 0;
	unsigned level = 0;

	assert_non_null(root);
	assert_int_equal(pt_map(&e->pool, root, S1_EL2_START_LEVEL, 0x40000000ULL, 0x40000000ULL,
				0x10000000ULL, S1_EL2_NORMAL),
			 0);
	assert_int_equal(pt_map(&e->pool, root, S1_EL2_START_LEVEL, 0x09000000ULL, 0x09000000ULL,
				PAGE, S1_EL2_DEVICE),
			 0);
	assert_int_equal(pt_walk(root, 1, 0x4123f000ULL, &pa, &attrs, &level), 0);
	assert_int_equal(pa, 0x4123f000ULL);
	assert_int_equal(attrs, S1_EL2_NORMAL);
	assert_int_equal(level, 2);
	assert_int_equal(pt_walk(root, 1, 0x09000000ULL, &pa, &attrs, &level), 0);
	assert_int_equal(attrs, S1_EL2_DEVICE);
	assert_int_equal(level, 3);
	/* 39-bit VA: nothing at or above 512 GiB. */
	assert_int_equal(pt_map(&e->pool, root, 1, 512 * GIB, 512 * GIB, PAGE, S1_EL2_DEVICE),
			 -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stage2_attribute_bits),
		cmocka_unit_test(test_el2_stage1_attribute_bits),
		cmocka_unit_test(test_vtcr_values),
		cmocka_unit_test(test_tcr_el2_values),
		cmocka_unit_test(test_vttbr_value),
		cmocka_unit_test_setup_teardown(test_init_concatenated_root, setup, teardown),
		cmocka_unit_test_setup_teardown(test_init_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ipa_above_512g_uses_second_table, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_ipa_space_is_40_bits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_partition_map_and_restart, setup, teardown),
		cmocka_unit_test_setup_teardown(test_el2_identity_map, setup, teardown),
	};

	return cmocka_run_group_tests_name("stage2", tests, NULL, NULL);
}
