// SPDX-License-Identifier: GPL-2.0-only
/*
 * attacker: touches a guest-physical address outside its own memory. Under
 * Bulkhead the address is not mapped at stage 2, so the access must end in a
 * stage-2 fault that Bulkhead reports before stopping the partition; the
 * access must never return.
 *
 * Bootargs:
 *   name=<name>            the name it prints (default: "partition <id>")
 *   attack=<address>       guest-physical address to access (required)
 *   mode=read|write        the access (default: read)
 *
 * Console lines (stable: the integration tests match them):
 *   hello from <name> on vcpu <n>
 *   attack: <read|write> 0x<address>          just before the access
 *   ESCAPED: read 0x<address> = 0x<value>     the read returned: isolation broken
 *   ESCAPED: wrote 0x<address>                the write returned: isolation broken
 *   attack: error: <why>                       nothing was attempted
 */
#include <guests/lib/dt.h>
#include <guests/lib/rt.h>
#include <lib/format.h>

#include <string.h>

#define WRITE_PATTERN 0x5a5a0bad0bad5a5aUL

/* Refuse targets inside our own RAM: that would test nothing. */
static bool target_is_foreign(uint64_t addr)
{
	uint64_t base, size;

	if (!rt_memory(&base, &size))
		return true; /* no /memory node: nothing to compare with */
	if (addr >= base && addr - base < size) {
		rt_printf("attack: error: 0x%lx is inside my own memory 0x%lx-0x%lx\n", addr, base,
			  base + size - 1);
		return false;
	}
	return true;
}

static void attack_read(uint64_t addr)
{
	uint64_t v;

	rt_printf("attack: read 0x%lx\n", addr);
	if (addr & 7)
		v = *(volatile uint8_t *)(uintptr_t)addr;
	else
		v = *(volatile uint64_t *)(uintptr_t)addr;
	rt_printf("ESCAPED: read 0x%lx = 0x%lx\n", addr, v);
}

static void attack_write(uint64_t addr)
{
	rt_printf("attack: write 0x%lx\n", addr);
	if (addr & 7)
		*(volatile uint8_t *)(uintptr_t)addr = (uint8_t)WRITE_PATTERN;
	else
		*(volatile uint64_t *)(uintptr_t)addr = WRITE_PATTERN;
	rt_printf("ESCAPED: wrote 0x%lx\n", addr);
}

void guest_main(const void *fdt)
{
	const char *args = rt_bootargs();
	struct rt_info info = rt_get_info();
	uint64_t addr;
	char name[32], mode[8];

	(void)fdt;
	if (!rt_arg(args, "name", name, sizeof(name)) || !name[0])
		fmt_snprintf(name, sizeof(name), "partition %u", info.partition);
	if (!rt_arg(args, "mode", mode, sizeof(mode)))
		memcpy(mode, "read", sizeof("read"));
	rt_printf("hello from %s on vcpu %u\n", name, info.vcpu);

	if (!rt_arg_u64(args, "attack", &addr)) {
		rt_printf("attack: error: no attack=<address> in bootargs \"%s\"\n", args);
		return;
	}
	if (strcmp(mode, "read") != 0 && strcmp(mode, "write") != 0) {
		rt_printf("attack: error: mode=%s (must be read or write)\n", mode);
		return;
	}
	if (!target_is_foreign(addr))
		return;
	__asm__ volatile("dsb sy" ::: "memory");
	if (mode[0] == 'r')
		attack_read(addr);
	else
		attack_write(addr);
}
