// SPDX-License-Identifier: GPL-2.0-only
/*
 * The boot sequence, top-down (docs/design.md):
 *
 *   entry (head.S: EL2 check, link address, bss, stack, vectors)
 *   -> early console -> copy the system DTB -> EL2 translation
 *   -> parse the layout -> validate all of it (on any error: print them all,
 *      start nothing) -> prepare every partition (stage-2, images, guest DTB)
 *   -> start the other cores (firmware PSCI CPU_ON)
 *   -> every core enters its vCPU at EL1.
 *
 * Nothing after validation can fail for a reason validation could have seen;
 * what is left (running out of table pages) stops the boot before any
 * partition runs.
 */
#include <arch/arm64/cpu.h>
#include <arch/arm64/sysreg.h>
#include <core/boot.h>
#include <core/console.h>
#include <core/log.h>
#include <core/partition.h>
#include <gic/gic_regs.h>
#include <gic/gicv3.h>
#include <lib/format.h>

#include <libfdt.h>
#include <string.h>

#define BULKHEAD_VERSION "0.1"

extern uint8_t _start[], _end[];
extern uint8_t secondary_entry[];

struct layout hyp_layout;
struct partition partitions[LAYOUT_MAX_PARTITIONS];

/* Bulkhead keeps its own copy: U-Boot's may lie where a partition's RAM goes. */
static uint8_t dtb_copy[CONFIG_MAX_DTB_SIZE] __attribute__((aligned(8), section(".noinit")));

static void copy_dtb(uint64_t addr)
{
	const void *src = (const void *)(uintptr_t)addr;

	if (addr == 0 || fdt_magic(src) != FDT_MAGIC)
		panic("no device tree at x0 = 0x%llx (start Bulkhead with booti <addr> - <dtb>)",
		      (unsigned long long)addr);
	if (fdt_totalsize(src) > sizeof(dtb_copy))
		panic("device tree at 0x%llx is %u bytes; CONFIG_MAX_DTB_SIZE is %u",
		      (unsigned long long)addr, fdt_totalsize(src), (unsigned)sizeof(dtb_copy));
	memcpy(dtb_copy, src, fdt_totalsize(src));
}

static void diag_print(struct layout_diag *d, const char *msg)
{
	(void)d;
	log_info("error: %s", msg);
}

static void print_line(const char *s)
{
	log_info("%s", s);
}

/* Map every RAM range normal (the image's own range is already mapped). */
static void map_ram(const struct layout *l)
{
	uint64_t hs = (uint64_t)(uintptr_t)_start, he = ALIGN_UP((uint64_t)(uintptr_t)_end, 0x1000);

	for (uint32_t i = 0; i < l->nram; i++) {
		uint64_t b = l->ram[i].base, e = b + l->ram[i].size;

		if (b < hs && e > b)
			mmu_map(b, MIN(e, hs) - b, 0);
		if (e > he)
			mmu_map(MAX(b, he), e - MAX(b, he), 0);
	}
}

/*
 * Parse, validate and place the whole layout, reporting every problem. RAM is
 * mapped right after parsing: placement reads the arm64 Image headers of the
 * modules U-Boot loaded, through the identity map.
 */
static void load_layout(void)
{
	struct layout_diag diag = { .report = diag_print };
	struct layout_range self = {
		.base = (uint64_t)(uintptr_t)_start,
		.size = (uint64_t)(uintptr_t)(_end - _start),
	};

	layout_parse(&hyp_layout, dtb_copy, &diag);
	map_ram(&hyp_layout);
	if (hyp_layout.root >= 0) {
		hyp_layout.read_image = layout_read_phys;
		hyp_layout.read_ctx = NULL;
		layout_validate(&hyp_layout, &self, &diag);
		layout_place(&hyp_layout, &diag);
	}
	if (diag.errors) {
		log_info("layout rejected: %u error(s), no partition started", diag.errors);
		hyp_halt_all();
	}
}

static uint32_t find_boot_cpu(const struct layout *l)
{
	uint64_t mpidr = read_sysreg(mpidr_el1) & MPIDR_AFF_MASK;

	for (uint32_t i = 0; i < l->ncpus; i++)
		if (l->cpus[i].mpidr == mpidr)
			return i;
	panic("boot core (MPIDR 0x%llx) is not in /cpus", (unsigned long long)mpidr);
}

static void prepare_partitions(void)
{
	uint32_t lines = 32 * ((*(volatile uint32_t *)(uintptr_t)(hyp_layout.gicd_base + GICD_TYPER) &
				0x1f) +
			       1);

	for (uint32_t i = 0; i < hyp_layout.nparts; i++) {
		int err = partition_prepare(&partitions[i], &hyp_layout.parts[i], lines,
					    gic_num_lrs());

		if (err)
			panic("partition '%s' could not be prepared (%d); nothing started",
			      hyp_layout.parts[i].name, err);
	}
}

static void init_cpus(void)
{
	for (uint32_t i = 0; i < hyp_layout.ncpus; i++) {
		const struct layout_cpu *lc = &hyp_layout.cpus[i];

		cpus[i].index = i;
		cpus[i].mpidr = lc->mpidr;
		cpus[i].vcpu = lc->partition < 0 ? NULL
						 : &partitions[lc->partition].vcpus[lc->vcpu];
	}
	/* Secondaries read cpus[] with their caches off. */
	dcache_clean_range((uint64_t)(uintptr_t)cpus, sizeof(cpus));
}

static void start_secondaries(uint32_t boot)
{
	for (uint32_t i = 0; i < hyp_layout.ncpus; i++) {
		int64_t ret;

		if (i == boot || !cpus[i].vcpu)
			continue;
		ret = psci_fw_cpu_on(cpus[i].mpidr, (uint64_t)(uintptr_t)secondary_entry, i);
		if (ret != 0)
			log_info("core %u (MPIDR 0x%llx) did not start: PSCI error %lld", i,
				 (unsigned long long)cpus[i].mpidr, (long long)ret);
	}
}

void stack_protector_init(void);

void boot_main(uint64_t dtb)
{
	uint32_t boot;

	stack_protector_init();
	console_init(CONFIG_EARLY_UART_BASE);
	log_info("Bulkhead %s on %s, entered at EL2 on core %llu", BULKHEAD_VERSION,
		 CONFIG_BOARD, (unsigned long long)(read_sysreg(mpidr_el1) & 0xff));
	copy_dtb(dtb);
	mmu_map((uint64_t)(uintptr_t)_start, (uint64_t)(uintptr_t)(_end - _start), 0);
	mmu_map(CONFIG_EARLY_UART_BASE, 0x1000, 1);
	mmu_enable();

	load_layout();
	if (hyp_layout.uart_base && hyp_layout.uart_base != CONFIG_EARLY_UART_BASE) {
		mmu_map(hyp_layout.uart_base, 0x1000, 1);
		console_init(hyp_layout.uart_base);
	}
	layout_print(&hyp_layout, print_line);
	boot = find_boot_cpu(&hyp_layout);
	if (gic_init(&hyp_layout))
		panic("no redistributor for some core in the GIC's reg; nothing started");
	prepare_partitions();
	init_cpus();
	cpu_init_local(&cpus[boot]);
	gic_init_cpu(boot);
	console_input_init(&hyp_layout);
	start_secondaries(boot);
	if (cpus[boot].vcpu)
		vcpu_run(cpus[boot].vcpu);
	log_info("boot core %u runs no partition: parked", boot);
	cpu_park();
}

void secondary_main(uint64_t index)
{
	struct cpu *c = &cpus[index];

	mmu_enable();
	cpu_init_local(c);
	gic_init_cpu(c->index);
	vcpu_run(c->vcpu);
}
