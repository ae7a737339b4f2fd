// SPDX-License-Identifier: GPL-2.0-only
/*
 * core/vwdt_model.c: the SBSA Generic Watchdog's registers and its two-stage
 * expiry (WS0, then WS1 = reset signal once), refreshes, access widths, and
 * what each step asks of the glue (timer, interrupt level, reset).
 */
#include <core/vwdt_model.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

static uint32_t wr(struct vwdt_regs *r, uint64_t off, uint32_t size, uint64_t v, uint64_t now)
{
	uint32_t eff = 0;

	assert_int_equal(vwdt_model_access(r, off, size, true, &v, now, &eff), 0);
	return eff;
}

static uint64_t rd(struct vwdt_regs *r, uint64_t off, uint32_t size)
{
	uint64_t v = ~0ULL;
	uint32_t eff = 1;

	assert_int_equal(vwdt_model_access(r, off, size, false, &v, 0, &eff), 0);
	assert_int_equal(eff, 0);
	return v;
}

static void arm(struct vwdt_regs *r, uint32_t wor, uint64_t now)
{
	vwdt_model_reset(r);
	wr(r, VWDT_FRAME + WDT_WOR, 4, wor, now);
	assert_int_equal(wr(r, VWDT_FRAME + WDT_WCS, 4, WCS_EN, now), VWDT_REARM | VWDT_IRQ_LOWER);
}

static void test_reset_state(void **unused)
{
	struct vwdt_regs r;
	uint64_t when;

	(void)unused;
	vwdt_model_reset(&r);
	assert_int_equal(rd(&r, VWDT_FRAME + WDT_WCS, 4), 0);
	assert_int_equal(rd(&r, VWDT_FRAME + WDT_IIDR, 4), WDT_IIDR_V0);
	assert_int_equal(rd(&r, WDT_IIDR, 4), WDT_IIDR_V0);
	assert_false(vwdt_model_deadline(&r, &when));
	/* Disarmed: an expiry does nothing but turn the timer off. */
	assert_int_equal(vwdt_model_expire(&r, 1000), VWDT_REARM);
	assert_int_equal(r.wcs, 0);
}

static void test_two_stage_expiry(void **unused)
{
	struct vwdt_regs r;
	uint64_t when;

	(void)unused;
	arm(&r, 100, 1000);
	assert_true(vwdt_model_deadline(&r, &when));
	assert_int_equal(when, 1100);
	/* Early (a kick, a spurious timer): re-arm only. */
	assert_int_equal(vwdt_model_expire(&r, 1050), VWDT_REARM);
	assert_int_equal(r.wcs, WCS_EN);
	/* First expiry: WS0, the guest's interrupt, WCV = now + WOR. */
	assert_int_equal(vwdt_model_expire(&r, 1100), VWDT_IRQ_RAISE | VWDT_REARM);
	assert_int_equal(rd(&r, VWDT_FRAME + WDT_WCS, 4), WCS_EN | WCS_WS0);
	assert_int_equal(rd(&r, VWDT_FRAME + WDT_WCV, 8), 1200);
	/* Second: WS1, the reset signal, once. */
	assert_int_equal(vwdt_model_expire(&r, 1200), VWDT_RESET);
	assert_int_equal(r.wcs, WCS_EN | WCS_WS0 | WCS_WS1);
	assert_false(vwdt_model_deadline(&r, &when));
	assert_int_equal(vwdt_model_expire(&r, 5000), 0);
}

static void test_refresh_clears(void **unused)
{
	struct vwdt_regs r;

	(void)unused;
	arm(&r, 100, 0);
	assert_int_equal(vwdt_model_expire(&r, 100), VWDT_IRQ_RAISE | VWDT_REARM);
	/* WRR write: explicit refresh. */
	assert_int_equal(wr(&r, WDT_WRR, 4, 0, 150), VWDT_IRQ_LOWER | VWDT_REARM);
	assert_int_equal(r.wcs, WCS_EN);
	assert_int_equal(r.wcv, 250);
	/* WOR write refreshes too, with the new offset. */
	wr(&r, VWDT_FRAME + WDT_WOR, 4, 50, 200);
	assert_int_equal(r.wcv, 250);
	wr(&r, VWDT_FRAME + WDT_WOR, 4, 70, 210);
	assert_int_equal(r.wcv, 280);
	/* A WCV write (64-bit) sets the compare value only. */
	assert_int_equal(wr(&r, VWDT_FRAME + WDT_WCV, 8, 0x123456789ULL, 0), VWDT_REARM);
	assert_int_equal(rd(&r, VWDT_FRAME + WDT_WCV + 4, 4), 1);
	assert_int_equal(rd(&r, VWDT_FRAME + WDT_WCV, 4), 0x23456789);
	/* A 32-bit WCV write, other offsets: ignored. */
	assert_int_equal(wr(&r, VWDT_FRAME + WDT_WCV, 4, 5, 0), 0);
	assert_int_equal(wr(&r, VWDT_FRAME + 0x40, 4, 5, 0), 0);
	assert_int_equal(r.wcv, 0x123456789ULL);
	/* Disarm: WS bits and EN clear, no deadline. */
	wr(&r, VWDT_FRAME + WDT_WCS, 4, 0, 300);
	assert_int_equal(r.wcs, 0);
}

static void test_bad_accesses(void **unused)
{
	struct vwdt_regs r;
	uint64_t v = 0;
	uint32_t eff;

	(void)unused;
	vwdt_model_reset(&r);
	assert_int_equal(vwdt_model_access(&r, 0, 1, false, &v, 0, &eff), -EINVAL);
	assert_int_equal(vwdt_model_access(&r, 0, 2, true, &v, 0, &eff), -EINVAL);
	assert_int_equal(vwdt_model_access(&r, 4, 8, false, &v, 0, &eff), -EINVAL);
	assert_int_equal(vwdt_model_access(&r, 2, 4, true, &v, 0, &eff), -EINVAL);
	/* Other refresh-frame reads are 0; the WS bits are read-only. */
	assert_int_equal(rd(&r, 0x8, 4), 0);
	wr(&r, VWDT_FRAME + WDT_WCS, 4, WCS_WS0 | WCS_WS1, 0);
	assert_int_equal(r.wcs, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reset_state),
		cmocka_unit_test(test_two_stage_expiry),
		cmocka_unit_test(test_refresh_clears),
		cmocka_unit_test(test_bad_accesses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
