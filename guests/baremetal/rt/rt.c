// SPDX-License-Identifier: GPL-2.0-only
/*
 * Runtime of the bare-metal test guests: start-up, the device tree from x0,
 * command-line parameters, the generic timer, and halting.
 */
#include <guests/baremetal/rt/rt.h>

#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

static const void *boot_fdt;

uintptr_t __stack_chk_guard = 0x2f8a4c1d93e6b705UL;

void __stack_chk_fail(void)
{
	rt_puts("guest: stack smashing detected, halted\n");
	rt_halt();
}

void rt_start(uint64_t dtb)
{
	const void *fdt = (const void *)(uintptr_t)dtb;

	if (dtb && fdt_check_header(fdt) == 0)
		boot_fdt = fdt;
	guest_main(boot_fdt);
	rt_halt();
}

void rt_halt(void)
{
	__asm__ volatile("msr daifset, #0xf" ::: "memory");
	for (;;)
		__asm__ volatile("wfi");
}

unsigned int rt_current_el(void)
{
	uint64_t el;

	__asm__ volatile("mrs %0, CurrentEL" : "=r"(el));
	return (unsigned int)((el >> 2) & 3);
}

struct rt_info rt_get_info(void)
{
	struct rt_smccc_res r = rt_hvc(BH_HVC_INFO, 0, 0, 0, 0, 0, 0, 0);
	struct rt_info info = {0};
	uint64_t mpidr;

	if (r.a0 == 0) {
		info.hypervisor = true;
		info.partition = (uint32_t)r.a1;
		info.vcpu = (uint32_t)r.a2;
		info.nvcpus = (uint32_t)r.a3;
		return info;
	}
	__asm__ volatile("mrs %0, mpidr_el1" : "=r"(mpidr));
	info.vcpu = (uint32_t)(mpidr & 0xff);
	info.nvcpus = 1;
	return info;
}

const void *rt_fdt(void)
{
	return boot_fdt;
}

const char *rt_bootargs(void)
{
	const char *args;
	int node, len;

	if (!boot_fdt)
		return "";
	node = fdt_path_offset(boot_fdt, "/chosen");
	if (node < 0)
		return "";
	args = fdt_getprop(boot_fdt, node, "bootargs", &len);
	if (!args || len < 1 || args[len - 1] != '\0')
		return "";
	return args;
}

static uint64_t read_cells(const fdt32_t *p, int cells)
{
	uint64_t v = 0;

	for (int i = 0; i < cells; i++)
		v = (v << 32) | fdt32_to_cpu(p[i]);
	return v;
}

bool rt_memory(uint64_t *base, uint64_t *size)
{
	const fdt32_t *reg;
	int node, len, ac, sc;

	if (!boot_fdt)
		return false;
	ac = fdt_address_cells(boot_fdt, 0);
	sc = fdt_size_cells(boot_fdt, 0);
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return false;
	node = fdt_node_offset_by_prop_value(boot_fdt, -1, "device_type", "memory",
					     sizeof("memory"));
	if (node < 0)
		return false;
	reg = fdt_getprop(boot_fdt, node, "reg", &len);
	if (!reg || len < (ac + sc) * 4)
		return false;
	*base = read_cells(reg, ac);
	*size = read_cells(reg + ac, sc);
	return true;
}

/* Finds "key=" at the start of a space-separated word; returns the value. */
static const char *find_arg(const char *args, const char *key, size_t *len)
{
	size_t klen = strlen(key);
	const char *p = args;

	while (*p) {
		const char *end;

		while (*p == ' ')
			p++;
		end = p;
		while (*end && *end != ' ')
			end++;
		if ((size_t)(end - p) > klen && strncmp(p, key, klen) == 0 && p[klen] == '=') {
			*len = (size_t)(end - p) - klen - 1;
			return p + klen + 1;
		}
		p = end;
	}
	return NULL;
}

bool rt_arg(const char *args, const char *key, char *buf, size_t size)
{
	size_t len;
	const char *v = find_arg(args, key, &len);

	if (!v)
		return false;
	if (size) {
		if (len > size - 1)
			len = size - 1;
		memcpy(buf, v, len);
		buf[len] = '\0';
	}
	return true;
}

bool rt_arg_u64(const char *args, const char *key, uint64_t *value)
{
	char buf[24];
	char *end;

	if (!rt_arg(args, key, buf, sizeof(buf)) || !buf[0])
		return false;
	*value = strtoul(buf, &end, 0);
	return *end == '\0';
}

uint64_t rt_counter(void)
{
	uint64_t v;

	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v)::"memory");
	return v;
}

uint64_t rt_counter_freq(void)
{
	uint64_t f;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(f));
	return f ? f : 62500000; /* QEMU virt's frequency if firmware left it 0 */
}

/*
 * Reads the counter only every few hundred instructions: under QEMU's -icount
 * a counter read (an I/O access for TCG, after an isb that ends the block)
 * costs far more wall time than the virtual time it lets pass, so a tight
 * read loop would barely advance virtual time. The spin keeps the wait within
 * a microsecond or so of @count otherwise.
 */
void rt_wait_until(uint64_t count)
{
	while ((int64_t)(rt_counter() - count) < 0) {
		uint64_t n = 256;

		__asm__ volatile("1: subs %0, %0, #1\n\tb.ne 1b" : "+r"(n)::"cc");
	}
}
