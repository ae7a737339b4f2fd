// SPDX-License-Identifier: GPL-2.0-only
/*
 * Boot-time stamp stub (docs/performance.md, "Boot time"), on the guest
 * library, staying at EL2 (guest_keep_el2).
 *
 * U-Boot's booti starts this instead of the system under test (Bulkhead, Xen
 * or the benchmark guest itself on bare QEMU). At EL2, MMU off, x0 = DTB: the
 * library reads the physical counter at its first instruction; we print two
 * stamp lines on the console /chosen/stdout-path names and jump to the
 * address in /chosen/bench,stub-jump with the boot registers of the arm64
 * boot protocol (x0 = DTB, x1..x3 = 0). The lines let the host compute the
 * virtual time at which the system under test got control:
 *
 *   bench-stub: entry=<t0> mark=<t1> jump=0x<addr>
 *   bench-stub: entry=<t0> mark=<t2> jump=0x<addr>
 *
 * Both lines have the same length, so printing the second costs what the
 * first did: the jump happens at about t2 + (t2 - t1). Linked at its load
 * address (BENCH_STUB_ADDR, 2 MiB aligned: booti runs it in place).
 */
#include <guests/lib/rt.h>

#include <libfdt.h>

/* Stay at EL2: the system under test is entered there. */
const int guest_keep_el2 = 1;

static uint64_t now(void)
{
	isb();
	return sysreg_read(cntpct_el0);
}

static __attribute__((noreturn)) void jump(const void *fdt, uint64_t target)
{
	__asm__ volatile("mov x0, %0\n\tmov x1, xzr\n\tmov x2, xzr\n\tmov x3, xzr\n\tbr %1"
			 :
			 : "r"(fdt), "r"(target)
			 : "x0", "x1", "x2", "x3", "memory");
	__builtin_unreachable();
}

void guest_main(const void *fdt)
{
	const fdt32_t *prop;
	uint64_t t0 = rt_boot()->entry_pct, target;
	int chosen, len;

	if (!fdt || (chosen = fdt_path_offset(fdt, "/chosen")) < 0)
		return;
	prop = fdt_getprop(fdt, chosen, "bench,stub-jump", &len);
	if (!prop || (len != 4 && len != 8)) {
		rt_puts("bench-stub: error: no /chosen/bench,stub-jump\n");
		return;
	}
	target = len == 8 ? (uint64_t)fdt32_ld(prop) << 32 | fdt32_ld(prop + 1) : fdt32_ld(prop);
	/*
	 * Three lines: the first one's cost can include one-time work of the
	 * console (it grew with the nodes before /chosen in bench/scaling.py's
	 * generated trees), so the last two give the per-line cost.
	 */
	rt_printf("bench-stub: entry=%020lu mark=%020lu jump=0x%016lx\n", t0, now(), target);
	rt_printf("bench-stub: entry=%020lu mark=%020lu jump=0x%016lx\n", t0, now(), target);
	rt_printf("bench-stub: entry=%020lu mark=%020lu jump=0x%016lx\n", t0, now(), target);
	jump(fdt, target);
}
