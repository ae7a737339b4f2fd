// SPDX-License-Identifier: GPL-2.0-only
/*
 * Debian builds libfdt with -fstack-protector-strong, so the image provides
 * the canary and the failure handler. The canary is reseeded from the counter
 * at boot, before the first libfdt call.
 */
#include <arch/arm64/sysreg.h>
#include <lib/log.h>

#include <stdint.h>

/* Owner: stack_protector_init() on the boot core, first thing; read-only afterwards. */
uintptr_t __stack_chk_guard = 0x595e9fbd94fda766ULL;

void __stack_chk_fail(void);
void stack_protector_init(void);

void __stack_chk_fail(void)
{
	panic("stack smashing detected (libfdt)");
}

void stack_protector_init(void)
{
	__stack_chk_guard ^= read_sysreg(cntpct_el0) * 0x9e3779b97f4a7c15ULL;
}
