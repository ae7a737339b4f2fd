// SPDX-License-Identifier: GPL-2.0-only
/* Start-up in C, halting, and who we are: see rt.h. */
#include <guests/lib/psci.h>
#include <guests/lib/rt.h>

#include <libfdt.h>

/* Written once by rt_start() on the boot core, before any other core runs. */
static struct rt_boot boot;

uintptr_t __stack_chk_guard = (uintptr_t)0x2f8a4c1d93e6b705ULL;

void __stack_chk_fail(void)
{
	panic("stack smashing detected");
}

void rt_start(uint64_t dtb, uint64_t el, uint64_t pct, uint64_t vct)
{
	const void *fdt = (const void *)(uintptr_t)dtb;

	boot.el = (unsigned int)el;
	boot.entry_pct = pct;
	boot.entry_vct = vct;
	if (dtb && fdt_check_header(fdt) == 0)
		boot.fdt = fdt;
	__stack_chk_guard ^= (uintptr_t)(vct << 8);
	guest_main(boot.fdt);
	rt_halt();
}

const struct rt_boot *rt_boot(void)
{
	return &boot;
}

__attribute__((weak)) void guest_secondary(uint64_t x0, uint64_t x1)
{
	(void)x0;
	(void)x1;
}

void rt_secondary_start(uint64_t x0, uint64_t x1)
{
	guest_secondary(x0, x1);
	rt_halt();
}

void rt_halt(void)
{
	irq_disable_all();
	for (;;)
		rt_wfi();
}

unsigned int rt_current_el(void)
{
	return arch_current_el();
}

struct rt_info rt_get_info(void)
{
	struct smccc_res r = smccc_hvc(BH_INFO_NATIVE, 0, 0, 0, 0, 0, 0, 0);
	struct rt_info info = {0};

	if (r.a0 == 0) {
		info.hypervisor = true;
		info.partition = (uint32_t)r.a1;
		info.vcpu = (uint32_t)r.a2;
		info.nvcpus = (uint32_t)r.a3;
		return info;
	}
	info.vcpu = cpu_index();
	info.nvcpus = 1;
	return info;
}
