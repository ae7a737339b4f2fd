// SPDX-License-Identifier: GPL-2.0-only
/*
 * The benchmark guest. One binary runs on bare QEMU, under Bulkhead and under
 * Xen: everything it uses comes from the device tree it is given (the guest
 * library's dt.c). It measures with the generic timer counter and prints
 * one line per figure (docs/performance.md has the format):
 *
 *   bench: hello el=<boot EL> entry_pct=<counter at the first instruction> ...
 *   bench: boot entry_pct=... first_line_pct=<counter after the first line> cntvoff=...
 *   bench: env ...
 *   bench: options ...
 *   bench: result name=<n> unit=ticks n=<samples> min=<x> mean=<x> max=<x>
 *   bench: info name=<n> <key>=<value> ...       (batch size, checksum, ...)
 *   bench: hist name=<n> <tick>:<count> ...       (several lines, non-empty bins)
 *   bench: na name=<n> reason=<why>
 *   bench: done
 *
 * The figures (name=):
 *   irq_wfi    EL1 virtual timer set to fire at T while the core waits in WFI;
 *              CNTVCT read by the second instruction of the IRQ vector minus T
 *   irq_busy   the same while the core spins on a flag
 *   ipi        core 0 reads the counter and writes ICC_SGI1R_EL1; the counter
 *              at core 1's IRQ vector minus that
 *   gicd_typer one 32-bit read of GICD_TYPER (emulated under a hypervisor), per
 *              access, from batches
 *   hvc_null   HVC #0 with SMCCC_VERSION (0x80000000), per call, from batches
 *   compute    a fixed integer and memory workload (xorshift, 512 KiB buffer)
 *
 * Options in /chosen/bootargs: bench.samples=<n> (latency samples, default
 * 1000), bench.batches=<n> (default 200) of bench.batch=<n> (default 64)
 * accesses or calls, bench.work=<passes> (default 16), bench.runs=<n>
 * (compute runs, default 3).
 */
#include <guests/bench/bench.h>
#include <guests/lib/gic.h>
#include <guests/lib/mmio.h>
#include <guests/lib/mmu.h>
#include <guests/lib/psci.h>
#include <guests/lib/rt.h>
#include <lib/format.h>

#include <libfdt.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define SGI_PING  1
#define SGI_PONG  2
#define HIST_BINS 4096 /* one tick each; the last one also counts everything above */

#define WORK_WORDS	     (128u * 1024u) /* 512 KiB */
#define SECONDARY_WAIT_TICKS 100000000ull   /* generous: a few seconds of virtual time */

#define PRIO 0x80

struct percpu percpu[BENCH_MAX_CPUS];

static uint32_t work_buf[WORK_WORDS];

struct stat {
	const char *name;
	uint32_t milli; /* values are thousandths of a tick */
	uint32_t n;
	uint64_t min, max, sum;
	uint32_t *hist;
};

static uint32_t hist_irq_wfi[HIST_BINS], hist_irq_busy[HIST_BINS], hist_ipi[HIST_BINS];

static struct stat st_irq_wfi = {"irq_wfi", 0, 0, 0, 0, 0, hist_irq_wfi};
static struct stat st_irq_busy = {"irq_busy", 0, 0, 0, 0, 0, hist_irq_busy};
static struct stat st_ipi = {"ipi", 0, 0, 0, 0, 0, hist_ipi};
static struct stat st_gicd = {"gicd_typer", 1, 0, 0, 0, 0, NULL};
static struct stat st_hvc = {"hvc_null", 1, 0, 0, 0, 0, NULL};
static struct stat st_compute = {"compute", 0, 0, 0, 0, 0, NULL};

struct options {
	uint32_t samples, batches, batch, work, runs;
};

static struct dt_platform plat;
static uint32_t vtimer_intid;
static volatile uint64_t ping_sent;   /* core 0's counter just before the SGI write */
static volatile int64_t timer_sample; /* written by the timer handler */
static volatile uint32_t unexpected_irqs;
static volatile uint64_t sink;

static void stat_add(struct stat *s, uint64_t v)
{
	if (s->n == 0 || v < s->min)
		s->min = v;
	if (s->n == 0 || v > s->max)
		s->max = v;
	s->sum += v;
	s->n++;
	if (s->hist)
		s->hist[v < HIST_BINS ? v : HIST_BINS - 1]++;
}

/* "<int>.<3 digits>" of a value in thousandths. */
static const char *milli(char *buf, size_t size, uint64_t v)
{
	fmt_snprintf(buf, size, "%" PRIu64 ".%03" PRIu64, v / 1000, v % 1000);
	return buf;
}

static void print_stat(const struct stat *s, const char *extra)
{
	char a[32], b[32], c[32];
	uint64_t scale = s->milli ? 1 : 1000;

	if (s->n == 0)
		return;
	rt_printf("bench: result name=%s unit=ticks n=%u min=%s mean=%s max=%s\n", s->name, s->n,
		  milli(a, sizeof(a), s->min * scale), milli(b, sizeof(b), s->sum * scale / s->n),
		  milli(c, sizeof(c), s->max * scale));
	if (*extra)
		rt_printf("bench: info name=%s%s\n", s->name, extra);
	if (!s->hist)
		return;
	for (uint32_t i = 0; i < HIST_BINS;) {
		char line[128];
		size_t len =
			(size_t)fmt_snprintf(line, sizeof(line), "bench: hist name=%s", s->name);

		for (; i < HIST_BINS && len < 80; i++)
			if (s->hist[i])
				len += (size_t)fmt_snprintf(line + len, sizeof(line) - len,
							    " %u:%u", i, s->hist[i]);
		if (len > strlen("bench: hist name=") + strlen(s->name))
			rt_printf("%s\n", line);
	}
}

/* ---------------------------------------------------------------- options */

static void parse_bootargs(const char *args, struct options *o)
{
	const struct rt_option opts[] = {
		{"bench.samples", 1, 100000, &o->samples},
		{"bench.batches", 1, 100000, &o->batches},
		{"bench.batch", 1, 4096, &o->batch},
		{"bench.work", 1, 4096, &o->work},
		{"bench.runs", 1, 100, &o->runs},
	};

	rt_options(args, "bench.", opts, sizeof(opts) / sizeof(opts[0]));
}

/* ---------------------------------------------------------------- platform */

/* The MPIDR values of the /cpus nodes, in order; returns how many there are. */
static uint32_t find_cpus(const void *fdt, uint64_t *mpidr, uint32_t max)
{
	int cpus = fdt_path_offset(fdt, "/cpus"), node, ac;
	uint32_t n = 0;

	if (cpus < 0)
		return 0;
	ac = fdt_address_cells(fdt, cpus);
	fdt_for_each_subnode(node, fdt, cpus)
	{
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);
		const fdt32_t *reg;
		int len;
		uint64_t v;

		if (!type || strcmp(type, "cpu") != 0)
			continue;
		reg = fdt_getprop(fdt, node, "reg", &len);
		if (!reg || ac < 1 || ac > 2 || len < ac * 4)
			continue;
		v = fdt32_ld(reg);
		if (ac == 2)
			v = v << 32 | fdt32_ld(reg + 1);
		if (n < max)
			mpidr[n] = v & MPIDR_AFF_MASK;
		n++;
	}
	return n;
}

static bool start_secondary(uint32_t idx, uint64_t mpidr)
{
	struct percpu *pc = &percpu[idx];
	uint64_t ret, start;

	pc->index = idx;
	pc->mpidr = mpidr;
	dsb_sy();
	ret = (uint64_t)psci_cpu_on(mpidr, rt_secondary_entry, (uintptr_t)pc);
	if ((int32_t)ret != 0) {
		rt_printf("bench: warning: PSCI CPU_ON 0x%" PRIx64 " returned %d\n", mpidr,
			  (int32_t)ret);
		return false;
	}
	start = rt_counter();
	while (!pc->online && rt_counter() - start < SECONDARY_WAIT_TICKS)
		__asm__ volatile("wfe");
	if (!pc->online)
		rt_printf("bench: warning: core 0x%" PRIx64 " did not come up\n", mpidr);
	return pc->online;
}

/* The secondary core, from rt_secondary_entry with the MMU on (rt_mmu_shared). */
void guest_secondary(uint64_t x0, uint64_t x1)
{
	struct percpu *pc = (struct percpu *)(uintptr_t)x0;

	(void)x1;
	sysreg_write(tpidr_el1, (uintptr_t)pc);
	pc->rd = gic_setup(&plat, false, 0xff);
	if (!pc->rd)
		panic("gic: no redistributor or CPU interface for core 0x%" PRIx64, pc->mpidr);
	gic_enable_private(pc->rd, SGI_PING, PRIO);
	pc->online = 1;
	dsb_sy();
	__asm__ volatile("sev");
	irq_enable();
	for (;;)
		__asm__ volatile("wfi");
}

/* ---------------------------------------------------------------- handlers */

/* IRQ hook: the counter the vector read on entry is this core's stamp. */
static struct rt_frame *bench_irq(struct rt_frame *f)
{
	struct percpu *pc = (struct percpu *)(uintptr_t)sysreg_read(tpidr_el1);
	uint32_t intid = gic_ack();

	pc->stamp = f->stamp;
	if (intid >= GIC_INTID_SPURIOUS)
		return f; /* spurious: nothing to end */
	if (intid == vtimer_intid) {
		timer_sample = (int64_t)(pc->stamp - sysreg_read(cntv_cval_el0));
		sysreg_write(cntv_ctl_el0, 0);
		isb();
		pc->flag = 1;
	} else if (intid == SGI_PING) {
		int64_t d = (int64_t)(pc->stamp - ping_sent);

		stat_add(&st_ipi, d < 0 ? 0 : (uint64_t)d);
		gic_send_sgi(percpu[0].mpidr, SGI_PONG);
	} else if (intid == SGI_PONG) {
		pc->flag = 1;
	} else {
		unexpected_irqs++;
	}
	gic_eoi(intid);
	return f;
}

/* ---------------------------------------------------------------- benchmarks */

/* Wait for this core's flag with IRQs masked around the check (no lost wake-up). */
static void wait_flag_wfi(struct percpu *pc)
{
	while (!pc->flag) {
		__asm__ volatile("wfi");
		irq_enable();
		isb();
		irq_disable();
	}
	irq_enable();
}

static void bench_timer(struct stat *s, uint32_t samples, bool wfi, uint64_t base)
{
	struct percpu *pc = &percpu[0];
	uint32_t rnd = 0x2545f491;

	for (uint32_t i = 0; i < samples; i++) {
		rnd = rnd * 1103515245u + 12345u;
		pc->flag = 0;
		irq_disable();
		sysreg_write(cntv_cval_el0, rt_counter() + base + ((rnd >> 16) & 0xff));
		sysreg_write(cntv_ctl_el0, CNTV_CTL_ENABLE);
		isb();
		if (wfi) {
			wait_flag_wfi(pc);
		} else {
			irq_enable();
			while (!pc->flag)
				;
		}
		stat_add(s, timer_sample < 0 ? 0 : (uint64_t)timer_sample);
	}
}

static void bench_ipi(uint32_t samples, uint64_t target)
{
	struct percpu *pc = &percpu[0];

	for (uint32_t i = 0; i < samples; i++) {
		pc->flag = 0;
		irq_disable();
		ping_sent = rt_counter();
		__asm__ volatile("dsb ish" : : : "memory");
		gic_send_sgi(target, SGI_PING);
		wait_flag_wfi(pc);
	}
}

static __attribute__((noinline)) void read_loop(uint64_t addr, uint32_t count)
{
	for (uint32_t i = 0; i < count; i++)
		(void)mmio_read32(addr);
}

static __attribute__((noinline)) uint64_t hvc_loop(uint32_t count)
{
	uint64_t ret = 0;

	for (uint32_t i = 0; i < count; i++)
		ret = rt_hvc_fast(SMCCC_VERSION);
	return ret;
}

/* Per-operation cost, in thousandths of a tick, from batches of @batch operations. */
static void bench_batches(struct stat *s, const struct options *o, bool hvc)
{
	uint64_t gicd_typer = plat.gicd.base + GICD_TYPER;

	for (uint32_t b = 0; b < o->batches; b++) {
		uint64_t t0 = rt_counter(), t1;

		if (hvc)
			sink = hvc_loop(o->batch);
		else
			read_loop(gicd_typer, o->batch);
		t1 = rt_counter();
		stat_add(s, (t1 - t0) * 1000 / o->batch);
	}
}

static __attribute__((noinline)) uint64_t workload(uint32_t passes)
{
	uint64_t x = 0x9e3779b97f4a7c15ull, sum = 0;

	memset(work_buf, 0, sizeof(work_buf));
	for (uint32_t p = 0; p < passes; p++) {
		for (uint32_t i = 0; i < WORK_WORDS; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			work_buf[x & (WORK_WORDS - 1)] += (uint32_t)(x >> 32);
			sum += work_buf[i] ^ (uint32_t)x;
		}
	}
	return sum;
}

/* ---------------------------------------------------------------- main */

void guest_main(const void *fdt)
{
	uint64_t boot_el = rt_boot()->el, entry_pct = rt_boot()->entry_pct;
	uint64_t entry_vct = rt_boot()->entry_vct;
	struct options o = {1000, 200, 64, 16, 3};
	uint64_t mpidr[BENCH_MAX_CPUS], first_line, ret, checksum = 0;
	uint32_t ncpus;
	bool have_ipi = false;
	char extra[64];

	rt_name = "bench";
	rt_platform_init(fdt, &plat);
	rt_printf("bench: hello el=%" PRIu64 " entry_pct=%" PRIu64 " entry_vct=%" PRIu64 "\n",
		  boot_el, entry_pct, entry_vct);
	isb();
	first_line = sysreg_read(cntpct_el0);
	rt_printf("bench: boot entry_pct=%" PRIu64 " first_line_pct=%" PRIu64 " cntvoff=%" PRId64
		  "\n",
		  entry_pct, first_line, (int64_t)(entry_pct - entry_vct));

	parse_bootargs(plat.bootargs, &o);
	ncpus = find_cpus(fdt, mpidr, BENCH_MAX_CPUS);
	vtimer_intid = plat.vtimer_intid;
	/* Lines stay under 100 characters: Xen splits longer domU lines. */
	rt_printf("bench: env el=%" PRIu64 " cpus=%u gicd=0x%" PRIx64 " uart=0x%" PRIx64
		  " psci=%s vtimer=%u freq=%" PRIu64 "\n",
		  boot_el, ncpus, plat.gicd.base, plat.uart.base, psci_conduit_name(), vtimer_intid,
		  sysreg_read(cntfrq_el0));
	rt_printf("bench: options samples=%u batches=%u batch=%u work=%u runs=%u\n", o.samples,
		  o.batches, o.batch, o.work, o.runs);

	mmu_enable(&plat);

	percpu[0].mpidr = sysreg_read(mpidr_el1) & MPIDR_AFF_MASK;
	sysreg_write(tpidr_el1, (uintptr_t)&percpu[0]);
	rt_set_irq_hook(bench_irq);
	percpu[0].rd = gic_setup(&plat, true, 0xff);
	if (!percpu[0].rd)
		panic("gic: bring-up failed (distributor, redistributor or CPU interface)");
	gic_enable_private(percpu[0].rd, vtimer_intid, PRIO);
	gic_enable_private(percpu[0].rd, SGI_PONG, PRIO);
	percpu[0].online = 1;
	for (uint32_t i = 0; i < ncpus && i < BENCH_MAX_CPUS; i++) {
		if (mpidr[i] != percpu[0].mpidr && plat.psci != PSCI_CONDUIT_NONE) {
			have_ipi = start_secondary(1, mpidr[i]);
			break;
		}
	}
	irq_enable();

	bench_timer(&st_irq_wfi, o.samples, true, 1000);
	print_stat(&st_irq_wfi, "");
	bench_timer(&st_irq_busy, o.samples, false, 200);
	print_stat(&st_irq_busy, "");

	if (have_ipi) {
		bench_ipi(o.samples, percpu[1].mpidr);
		print_stat(&st_ipi, "");
	} else {
		rt_printf("bench: na name=ipi reason=%s\n",
			  ncpus < 2 ? "one-cpu" : "secondary-not-started");
	}

	bench_batches(&st_gicd, &o, false);
	fmt_snprintf(extra, sizeof(extra), " batch=%u", o.batch);
	print_stat(&st_gicd, extra);

	ret = hvc_loop(1);
	bench_batches(&st_hvc, &o, true);
	fmt_snprintf(extra, sizeof(extra), " batch=%u version=0x%" PRIx64, o.batch, ret);
	print_stat(&st_hvc, extra);

	for (uint32_t r = 0; r < o.runs; r++) {
		uint64_t t0 = rt_counter(), sum = workload(o.work);

		stat_add(&st_compute, rt_counter() - t0);
		checksum ^= sum;
	}
	fmt_snprintf(extra, sizeof(extra), " passes=%u checksum=0x%" PRIx64, o.work, checksum);
	print_stat(&st_compute, extra);

	if (unexpected_irqs)
		rt_printf("bench: warning: %u unexpected interrupts\n", unexpected_irqs);
	rt_printf("bench: done\n");
	for (;;)
		__asm__ volatile("wfi");
}
