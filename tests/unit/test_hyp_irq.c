// SPDX-License-Identifier: GPL-2.0-only
/*
 * core/hyp_irq.c: EL2's own interrupts through a table their owners reserve
 * (as Bao's interrupts_reserve): one owner per INTID, out-of-range refused,
 * dispatch calls the owner's handler with its argument, an INTID nobody
 * reserved is reported as not dispatched.
 */
#include <core/hyp_irq.h>
#include <gic/gicv3.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

static uint32_t last_intid;
static void *last_arg;
static int calls;

static void handler(uint32_t intid, void *arg)
{
	last_intid = intid;
	last_arg = arg;
	calls++;
}

static void test_reserve_and_dispatch(void **unused)
{
	static int token;

	(void)unused;
	assert_int_equal(hyp_irq_reserve(GIC_SGI_KICK, handler, &token, "kick"), 0);
	assert_int_equal(hyp_irq_reserve(GIC_PPI_MAINT, handler, NULL, "vgic"), 0);
	assert_int_equal(hyp_irq_reserve(GIC_SGI_KICK, handler, NULL, "other"), -EBUSY);
	assert_true(hyp_irq_dispatch(GIC_SGI_KICK));
	assert_int_equal(calls, 1);
	assert_int_equal(last_intid, GIC_SGI_KICK);
	assert_ptr_equal(last_arg, &token);
	assert_true(hyp_irq_dispatch(GIC_PPI_MAINT));
	assert_int_equal(last_intid, GIC_PPI_MAINT);
	assert_null(last_arg);
	assert_int_equal(calls, 2);
}

static void test_refused(void **unused)
{
	(void)unused;
	calls = 0;
	assert_int_equal(hyp_irq_reserve(GIC_MAX_INTID, handler, NULL, "x"), -EINVAL);
	assert_int_equal(hyp_irq_reserve(GIC_INTID_SPURIOUS, handler, NULL, "x"), -EINVAL);
	assert_int_equal(hyp_irq_reserve(40, NULL, NULL, "x"), -EINVAL);
	assert_false(hyp_irq_dispatch(40)); /* nobody reserved it */
	assert_false(hyp_irq_dispatch(GIC_INTID_SPURIOUS));
	assert_false(hyp_irq_dispatch(0xffffffffU));
	assert_int_equal(calls, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reserve_and_dispatch),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
