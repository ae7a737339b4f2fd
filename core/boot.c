// SPDX-License-Identifier: GPL-2.0-only
/*
 * The boot sequence, top-down (docs/design.md):
 *
 *   entry (head.S: EL2 check, link address, bss, stack, vectors)
 *   -> early console -> copy the system DTB -> EL2 translation
 *   -> parse the layout -> validate all of it (on any error: print them all,
 *      start nothing) -> the GIC, the SMMU (every DMA stream aborts)
 *   -> prepare every partition (stage-2, images, guest DTB) -> attach its DMA
 *      streams (docs/smmu.md) -> route the SMMU's interrupts
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
#include <core/boot_verify.h>
#include <core/console.h>
#include <core/hyp_irq.h>
#include <core/partition.h>
#include <core/trap32.h>
#include <core/vdev.h>
#include <gic/gicv3.h>
#include <lib/format.h>
#include <lib/log.h>
#include <smmu/smmu.h>

#include <libfdt.h>
#include <string.h>

#define BULKHEAD_VERSION "0.1"

extern uint8_t _start[], _end[];
extern uint8_t secondary_entry[];
extern struct pt_pool hyp_pt_pool;

/*
 * The layout: written here only, on the boot core, while it is parsed and
 * validated; every other file sees it through the const pointer
 * (core/partition.h: hyp_layout).
 */
static struct layout layout_rw;
const struct layout *const hyp_layout_ro = &layout_rw;

/* Owner: prepared here (boot core, before the others start); then core/partition.h. */
struct partition partitions[LAYOUT_MAX_PARTITIONS];

/*
 * Bulkhead keeps its own copy: U-Boot's may lie where a partition's RAM goes.
 * Written once here; the layout points into it (read-only afterwards).
 */
static uint8_t dtb_copy[CONFIG_MAX_DTB_SIZE] __attribute__((aligned(8), section(".noinit")));

/* Big-endian header word @i of the blob at @p (fdt_header: magic, totalsize, ...). */
static uint32_t dtb_header_word(const uint8_t *p, uint32_t i)
{
	return (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
	       (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
}

/*
 * The header's totalsize is checked against what Bulkhead can hold
 * (CONFIG_MAX_DTB_SIZE) before any libfdt call, and only totalsize bytes are
 * copied; layout_parse() then runs fdt_check_header() and dt_tree_check()
 * (fdt_check_full()'s checks in one bounded walk: libfdt 1.6.1 loops on some
 * lengths) on the copy before walking it (docs/binding.md "The tree").
 */
static void copy_dtb(uint64_t addr)
{
	const uint8_t *src = (const uint8_t *)(uintptr_t)addr;
	uint32_t total;

	if (addr == 0 || dtb_header_word(src, 0) != FDT_MAGIC)
		panic("no device tree at x0 = 0x%llx (start Bulkhead with booti <addr> - <dtb>)",
		      (unsigned long long)addr);
	total = dtb_header_word(src, 1);
	if (total < sizeof(struct fdt_header) || total > sizeof(dtb_copy))
		panic("device tree at 0x%llx: totalsize %u bytes; Bulkhead accepts %u to %u "
		      "(CONFIG_MAX_DTB_SIZE)",
		      (unsigned long long)addr, total, (unsigned)sizeof(struct fdt_header),
		      (unsigned)sizeof(dtb_copy));
	memcpy(dtb_copy, src, total);
}

static void diag_print(struct layout_diag *d, const char *msg)
{
	(void)d;
	log_error("error: %s", msg);
}

/* A warning leaves the layout valid (e.g. a DMA master the layout leaves unconfined). */
static void diag_warn(struct layout_diag *d, const char *msg)
{
	(void)d;
	log_warn("warning: %s", msg);
}

static void print_line(const char *s)
{
	log_info("%s", s);
}

/* EL2 stage-1 mappings at boot: running out of table pages stops the boot. */
static void map_or_panic(uint64_t base, uint64_t size, int device)
{
	int err = mmu_map(base, size, device);

	if (err)
		panic("EL2 map of 0x%llx+0x%llx failed (%d); nothing started",
		      (unsigned long long)base, (unsigned long long)size, err);
}

/* Map every RAM range normal (the image's own range is already mapped). */
static void map_ram(const struct layout *l)
{
	uint64_t hs = (uint64_t)(uintptr_t)_start, he = ALIGN_UP((uint64_t)(uintptr_t)_end, 0x1000);

	for (uint32_t i = 0; i < l->nram; i++) {
		uint64_t b = l->ram[i].base, e = b + l->ram[i].size;

		if (b < hs && e > b)
			map_or_panic(b, MIN(e, hs) - b, 0);
		if (e > he)
			map_or_panic(MAX(b, he), e - MAX(b, he), 0);
	}
}

/*
 * Parse, validate and place the whole layout, reporting every problem. RAM is
 * mapped right after parsing: placement reads the arm64 Image headers of the
 * modules U-Boot loaded, through the identity map.
 */
static void load_layout(void)
{
	struct layout_diag diag = {.report = diag_print, .warn = diag_warn};
	struct layout_range self = {
		.base = (uint64_t)(uintptr_t)_start,
		.size = (uint64_t)(uintptr_t)(_end - _start),
	};

	layout_parse(&layout_rw, dtb_copy, &diag);
	map_ram(&layout_rw);
	if (layout_rw.root >= 0) {
		layout_rw.read_image = layout_read_phys;
		layout_rw.read_ctx = NULL;
		layout_validate(&layout_rw, &self, &diag);
		layout_place(&layout_rw, &diag);
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
	uint32_t lines = gic_nr_lines();

	for (uint32_t i = 0; i < hyp_layout.nparts; i++) {
		int err;

		/* Only the target knows its cores (bulkhead-check cannot): core/trap32.c. */
		if (hyp_layout.parts[i].aarch32 && !trap32_cores_support())
			panic("partition '%s' runs AArch32, but these cores cannot run AArch32 at "
			      "EL1 "
			      "(ID_AA64PFR0_EL1.EL1 = %llu); nothing started",
			      hyp_layout.parts[i].name,
			      (unsigned long long)(read_sysreg(id_aa64pfr0_el1) >> 4) & 0xf);
		err = partition_prepare(&partitions[i], &hyp_layout.parts[i], lines, gic_num_lrs());
		if (err)
			panic("partition '%s' could not be prepared (%d); nothing started",
			      hyp_layout.parts[i].name, err);
	}
}

/* True if partition @lp owns a device with DMA stream IDs. */
static bool has_streams(const struct layout_partition *lp)
{
	for (uint32_t d = 0; d < lp->ndevices; d++)
		if (lp->devices[d].nstreams)
			return true;
	return false;
}

static bool layout_has_streams(const struct layout *l)
{
	for (uint32_t i = 0; i < l->nparts; i++)
		if (has_streams(&l->parts[i]))
			return true;
	return false;
}

/* The partition that owns DMA stream @sid, or NULL. */
static const struct layout_partition *stream_owner(uint32_t sid)
{
	for (uint32_t i = 0; i < hyp_layout.nparts; i++) {
		const struct layout_partition *lp = &hyp_layout.parts[i];

		for (uint32_t d = 0; d < lp->ndevices; d++) {
			const struct layout_device *dev = &lp->devices[d];

			for (uint32_t k = 0; k < dev->nstreams; k++)
				if (sid - dev->streams[k].base < dev->streams[k].count)
					return lp;
		}
	}
	return NULL;
}

/*
 * The SMMU's reporter (docs/smmu.md, Faults): names the partition whose
 * device's DMA was stopped. Runs from the SMMU's interrupt with the event
 * queue lock held: it only prints.
 */
static void dma_fault_report(const struct smmu_event *ev)
{
	const struct layout_partition *lp =
		ev->type < SMMU_EVT_SUPPRESSED ? stream_owner(ev->sid) : NULL;
	char line[200];

	if (lp && ev->has_addr) {
		log_info("partition '%s' DMA fault: %s stream 0x%x address 0x%llx %s", lp->name,
			 ev->name, ev->sid, (unsigned long long)ev->addr,
			 ev->instr  ? "fetch"
			 : ev->read ? "read"
				    : "write");
		return;
	}
	smmu_event_format(ev, line, sizeof(line));
	if (lp)
		log_info("partition '%s' DMA fault: %s stream 0x%x (%s)", lp->name, ev->name,
			 ev->sid, line);
	else
		log_info("%s", line);
}

/*
 * The SMMU: every stream aborts until its partition is attached. A layout
 * that gives a partition DMA-capable devices needs an SMMU Bulkhead can
 * drive: without one nothing may start (an SMMU that stays disabled may let
 * DMA bypass it: QEMU 7.2 does not implement SMMU_GBPA).
 */
static void init_smmu(void)
{
	int err = smmu_init(&hyp_layout, &hyp_pt_pool);

	if (err && layout_has_streams(&hyp_layout))
		panic("SMMU at 0x%llx could not be enabled (%d): partitions own DMA-capable "
		      "devices; nothing started",
		      (unsigned long long)hyp_layout.smmu_base, err);
	smmu_set_reporter(dma_fault_report);
}

/* Each partition's DMA streams: translated into its own memory only. */
static void attach_streams(void)
{
	for (uint32_t i = 0; i < hyp_layout.nparts; i++) {
		const struct layout_partition *lp = &hyp_layout.parts[i];
		struct partition *p = &partitions[i];
		uint64_t vtcr = s2_vtcr(MMFR0_PARANGE(read_sysreg(id_aa64mmfr0_el1)));
		int err;

		if (!has_streams(lp))
			continue;
		err = smmu_attach_partition(lp, &p->s2, vtcr);
		if (err)
			panic("partition '%s': its DMA streams could not be attached to the SMMU "
			      "(%d); nothing started",
			      lp->name, err);
		if (smmu_s1_pages(p->s2.vmid))
			log_info("partition '%s': DMA confined to its memory (SMMU stage 1, %u "
				 "table page(s))",
				 lp->name, smmu_s1_pages(p->s2.vmid));
		else
			log_info("partition '%s': DMA confined to its memory (SMMU stage 2)",
				 lp->name);
	}
}

/*
 * The SMMU's Event queue and GERROR interrupts (edge), to the boot core if it
 * is a partition's boot vCPU (interrupts reach Bulkhead only while a guest
 * runs; a secondary vCPU may wait for CPU_ON for ever), else to the first
 * partition's boot core. core/lifecycle.c moves them when that partition
 * stops for good.
 */
static void route_smmu_irqs(uint32_t boot)
{
	uint32_t core = hyp_layout.nparts ? hyp_layout.parts[0].cpus[0] : boot;

	for (uint32_t i = 0; i < hyp_layout.nparts; i++)
		if (hyp_layout.parts[i].cpus[0] == boot)
			core = boot;
	smmu_route_irqs(core);
}

static void init_cpus(void)
{
	for (uint32_t i = 0; i < hyp_layout.ncpus; i++) {
		const struct layout_cpu *lc = &hyp_layout.cpus[i];

		cpus[i].index = i;
		cpus[i].mpidr = lc->mpidr;
		cpus[i].vcpu =
			lc->partition < 0 ? NULL : &partitions[lc->partition].vcpus[lc->vcpu];
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

/* The console's receive interrupt (core/console_input.c). */
static void console_rx(uint32_t intid, void *arg)
{
	(void)intid;
	(void)arg;
	console_uart_irq(); /* receive, then transmit */
}

/* DMA fault events and SMMU global errors (smmu/). */
static void smmu_irq(uint32_t intid, void *arg)
{
	(void)arg;
	smmu_handle_irq(intid);
}

/*
 * EL2's own interrupts, each to its owner (core/hyp_irq.h): the life cycle's
 * kick, the devices' (vGIC maintenance, watchdog timer), the console's
 * receive interrupt, the SMMU's. A clash is a Bulkhead bug: panic.
 */
static void reserve_irqs(void)
{
	int err = lifecycle_boot();

	if (!err)
		err = vdev_boot_all();
	for (uint32_t i = GIC_SPI_BASE; !err && i < gic_nr_lines() && i < GIC_MAX_INTID; i++)
		if (smmu_owns_irq(i))
			err = hyp_irq_reserve(i, smmu_irq, NULL, "smmu");
	if (err)
		panic("EL2 interrupt table: %d; nothing started", err);
}

void boot_main(uint64_t dtb)
{
	uint32_t boot;

	stack_protector_init();
	console_init(CONFIG_EARLY_UART_BASE);
	log_info("Bulkhead %s on %s, entered at EL2 on core %llu", BULKHEAD_VERSION, CONFIG_BOARD,
		 (unsigned long long)(read_sysreg(mpidr_el1) & 0xff));
	copy_dtb(dtb);
	if (mmu_map_image() || mmu_map(CONFIG_EARLY_UART_BASE, 0x1000, 1))
		panic("EL2 map of Bulkhead's image failed; nothing started");
	mmu_enable();
	stacks_check_guards();

	load_layout();
	if (hyp_layout.uart_base && hyp_layout.uart_base != CONFIG_EARLY_UART_BASE) {
		map_or_panic(hyp_layout.uart_base, 0x1000, 1);
		console_init(hyp_layout.uart_base);
	}
	layout_print(&hyp_layout, print_line);
	boot = find_boot_cpu(&hyp_layout);
	if (gic_init(&hyp_layout))
		panic("no redistributor for some core in the GIC's reg; nothing started");
	init_smmu();
	reserve_irqs();
	prepare_partitions();
	attach_streams();
	boot_verify_tables(); /* docs/reliability.md: built tables vs the layout */
	route_smmu_irqs(boot);
	init_cpus();
	cpu_init_local(&cpus[boot]);
	gic_init_cpu(boot);
	console_input_init(&hyp_layout);
	/* Its receive interrupt, when console input is on (before any core takes interrupts). */
	if (console_irq() < GIC_MAX_INTID &&
	    hyp_irq_reserve(console_irq(), console_rx, NULL, "console"))
		panic("console interrupt %u already taken; nothing started", console_irq());
	stacks_paint();
	start_secondaries(boot);
	if (cpus[boot].vcpu)
		vcpu_run(cpus[boot].vcpu);
	log_info("boot core %u runs no partition: parked", boot);
	cpu_halt();
}

void secondary_main(uint64_t index)
{
	struct cpu *c = &cpus[index];

	mmu_enable();
	cpu_init_local(c);
	gic_init_cpu(c->index);
	vcpu_run(c->vcpu);
}
