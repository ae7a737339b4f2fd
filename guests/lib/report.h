/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The test-report protocol of the test guests, one line per check, parsed by
 * tests/integration/guest_report.py (Bulkhead adds "[<partition>] "):
 *   <prefix>: PASS <check>
 *   <prefix>: FAIL <check>: <what was seen>
 *   <prefix>: done passed=<n> failed=<m>
 * Check names have no spaces. A guest calls rt_test_begin() once, then
 * rt_test() per check, and rt_test_done() at the end. One core reports.
 */
#ifndef GUESTS_LIB_REPORT_H
#define GUESTS_LIB_REPORT_H

#include <stdbool.h>
#include <stdint.h>

void rt_test_begin(const char *prefix);
/* Reports one check; @fmt... (printf-like) says what was seen when !@ok. Returns @ok. */
bool rt_test(const char *name, bool ok, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Prints the "done" line; returns the number of failed checks. */
uint32_t rt_test_done(void);

#endif
