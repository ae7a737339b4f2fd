// SPDX-License-Identifier: GPL-2.0-only
/*
 * What libfdt.a needs besides lib/string.c: the stack protector's guard and
 * failure hook (Debian builds it with -fstack-protector-strong).
 */
#include <guests/rtos/console.h>

#include <stdint.h>

uintptr_t __stack_chk_guard = 0x2f8a1c7e5b3d9046ull;

_Noreturn void __stack_chk_fail(void);

void __stack_chk_fail(void)
{
	panic("stack protector: corrupted stack");
}
