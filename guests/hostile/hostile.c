// SPDX-License-Identifier: GPL-2.0-only
/*
 * hostile: a bare-metal partition that attacks everything it can reach from
 * EL1 and reports, per class of attempt, how many it made and how many
 * "escaped" (were neither refused nor contained). Used by
 * tests/integration/test_hostile.py with dts/hostile.dts; docs/reliability.md
 * describes the fault model.
 *
 * Many attempts end in a stage-2 fault, which makes Bulkhead apply the
 * partition's fault policy: dts/hostile.dts gives it fault-policy "restart"
 * with no limit, and the partition boots again from its pristine image with
 * its RAM scrubbed. So the sequence is a list of steps, and the index of the
 * next step lives outside RAM, in a device the partition owns and Bulkhead
 * does not reset: the PL031 RTC's match register (RTCMR, 32 bits, no side
 * effect while its interrupt is masked). Each boot reads it, records the step
 * after the one it is about to try, then tries it: a step that faults resumes
 * at the next one after the restart. The running total of attempts lives in
 * the RTC's counter (RTCLR write, RTCDR read: value << 12, so the seconds the
 * RTC counts do not disturb it for the first 4096 s).
 *
 *   RTCMR [7:0]   next step
 *         [15:8]  escapes in the non-faulting classes (saturating)
 *         [31:16] escapes of the four faulting classes, 4 bits each
 *
 * The first boot (RTCMR = 0, as after QEMU's reset) runs the classes that do
 * not fault: hypercalls, PSCI, system registers, vGIC misuse, SGIs, odd but
 * emulatable MMIO, interrupt storms, a console flood. It then asks for PSCI
 * SYSTEM_RESET, checks after the restart that nothing of its previous life
 * survived in RAM, and goes through the faulting steps, one per boot. The
 * last step prints the totals and powers the partition off (PSCI SYSTEM_OFF).
 * The second vCPU is started at every boot and spins with its interrupts
 * masked, so every restart also takes down a core that ignores interrupts.
 *
 * Bootargs (all optional): seed=<n> (default: from the counter), hvc=<n>
 * smc=<n> sysreg=<n> (fuzzing iterations), storm_ms=<ms> (each storm),
 * flood=<lines>, delay_ms=<ms> (wait before the first step; lets a victim
 * settle for latency figures), stop_after=<step> (testing the suite itself),
 * mode=spin (no attack: both vCPUs spin, the baseline of the latency figures).
 *
 * Console lines (stable: tests/integration/test_hostile.py matches them):
 *   hostile: boot step=<k> attempts=<n> vcpus=<n> t_ms=<counter in ms>
 *   hostile: step <k> <class>: <what> [<kind> 0x<addr>]
 *   hostile: step <k> result=<el1-exception|returned> ...   (the access came back)
 *   hostile: <class> attempts=<n> escaped=<m>             (one per class)
 *   hostile: <class> detail ...                            (figures, free form)
 *   ESCAPED: <class>: <what>                                (isolation broken)
 *   hostile: done attempts=<n> escaped=<m>
 */
#include <guests/hostile/hostile.h>
#include <lib/format.h>

#include <libfdt.h>
#include <stdarg.h>
#include <string.h>

extern char _end[];

/* ---------------------------------------------------------------- state */

static uint64_t rng_state;
struct hx_devices hx_dev;
uint32_t nvcpus = 1;
uint64_t freq;
uint64_t opt_sysreg = 2000, opt_storm_ms = 300, opt_flood = 100;
static uint64_t opt_hvc = 4000, opt_smc = 2000, opt_delay_ms = 0, opt_stop_after = 0;
static bool opt_spin;

uint64_t rnd(void)
{
	uint64_t x = rng_state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	rng_state = x;
	return x;
}

uint64_t ms_to_ticks(uint64_t ms)
{
	return freq / 1000 * ms;
}

void escape(struct tally *t, const char *fmt, ...)
{
	char buf[160];
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	rt_printf("ESCAPED: %s: %s\n", t->cls, buf);
	t->escaped++;
}

/* ---------------------------------------------------------------- persistence (the RTC) */

uint32_t mr_read(void)
{
	return mmio_read32(hx_dev.rtc + RTC_MR);
}

void mr_write(uint32_t v)
{
	mmio_write32(hx_dev.rtc + RTC_MR, v);
	dsb_sy();
	if (mmio_read32(hx_dev.rtc + RTC_MR) != v)
		rt_printf("hostile: error: the RTC does not keep the step (wrote 0x%x)\n", v);
}

static uint32_t attempts_read(void)
{
	return mmio_read32(hx_dev.rtc + RTC_DR) >> ATTEMPTS_SHIFT;
}

static void attempts_add(uint64_t n)
{
	uint64_t total = attempts_read() + n;

	mmio_write32(hx_dev.rtc + RTC_LR, (uint32_t)(total << ATTEMPTS_SHIFT));
	dsb_sy();
}

static void benign_escapes_add(uint64_t n)
{
	uint32_t mr = mr_read();
	uint32_t e = ((mr >> 8) & 0xff) + (uint32_t)(n > 255 ? 255 : n);

	mr_write((mr & ~0xff00U) | (e > 255 ? 0xff00U : e << 8));
}

static uint32_t class_escapes(uint32_t mr, uint32_t cls)
{
	return (mr >> (16 + 4 * cls)) & 0xf;
}

static void class_escape_add(uint32_t cls)
{
	uint32_t mr = mr_read();
	uint32_t e = class_escapes(mr, cls);

	if (e < 0xf)
		mr_write(mr + (1U << (16 + 4 * cls)));
}

void report(const struct tally *t)
{
	rt_printf("hostile: %s attempts=%lu escaped=%lu\n", t->cls, t->attempts, t->escaped);
	attempts_add(t->attempts);
	if (t->escaped)
		benign_escapes_add(t->escaped);
}

/* ---------------------------------------------------------------- restart and scrub */

static void system_reset(void)
{
	struct tally t = {"system-reset", 1, 0};
	struct smccc_res r;

	for (uint64_t a = CANARY_ADDR; a < CANARY_ADDR + CANARY_SIZE; a += 8)
		mmio_write64(a, CANARY_WORD ^ a);
	/* EL1 registers the next life could read: does the restart reset them? */
	sysreg_write(tpidr_el1, CANARY_WORD);
	sysreg_write(tpidr_el0, CANARY_WORD + 1);
	sysreg_write(tpidrro_el0, CANARY_WORD + 2);
	sysreg_write(contextidr_el1, 0x1234);
	sysreg_write(far_el1, CANARY_WORD + 3);
	sysreg_write(dbgbvr3_el1, CANARY_ADDR);
	attempts_add(1);
	rt_printf("hostile: system-reset: canary at 0x%lx, asking for PSCI SYSTEM_RESET\n",
		  CANARY_ADDR);
	r = smccc_hvc(PSCI_SYSTEM_RESET, 0, 0, 0, 0, 0, 0, 0);
	escape(&t, "PSCI SYSTEM_RESET returned 0x%lx", r.a0);
	benign_escapes_add(1);
}

/*
 * Its watchdog must outlive its boot vCPU: arm it, power vCPU 0 off (PSCI
 * CPU_OFF) while vCPU 1 spins with its interrupts masked and never
 * refreshes. The watchdog must still expire twice and the fault policy
 * restart the partition (the next step follows).
 */
static void watchdog_keeper(void)
{
	struct tally t = {"watchdog-keeper", 1, 0};
	struct smccc_res r;

	if (nvcpus < 2) {
		rt_puts("hostile: watchdog-keeper: one vCPU, skipped\n");
		return;
	}
	attempts_add(1);
	rt_puts("hostile: watchdog-keeper: armed (50 ms), vcpu 0 powers off\n");
	mmio_write32(hx_dev.wdt_control + WDT_WOR, (uint32_t)ms_to_ticks(50));
	mmio_write32(hx_dev.wdt_control + WDT_WCS, WDT_WCS_EN);
	r = smccc_hvc(PSCI_CPU_OFF, 0, 0, 0, 0, 0, 0, 0);
	escape(&t, "PSCI CPU_OFF returned 0x%lx", r.a0);
	benign_escapes_add(1);
}

/* After SYSTEM_RESET: nothing of the previous life, nothing of Bulkhead's, in its RAM. */
static void restart_scrub(void)
{
	struct tally t = {"restart-scrub", 0, 0};
	uint64_t ram_base = 0, ram_size = 0, dirty = 0;
	uint64_t from = ((uint64_t)(uintptr_t)_end + 0xfff) & ~0xfffUL, to;

	rt_memory(&ram_base, &ram_size);
	to = ram_base + ram_size - 0x200000; /* the guest DTB is in the top 2 MiB */
	for (uint64_t a = CANARY_ADDR; a < CANARY_ADDR + CANARY_SIZE; a += 8, t.attempts++)
		if (mmio_read64(a) != 0) {
			escape(&t, "canary word at 0x%lx survived the restart (0x%lx)", a,
			       mmio_read64(a));
			break;
		}
	for (uint64_t a = from; a < to; a += 0x1000, t.attempts++)
		if (mmio_read64(a) != 0 || mmio_read64(a + 0xff8) != 0)
			dirty++;
	if (dirty)
		escape(&t, "%lu pages of its RAM are not zero after the restart", dirty);
	/* Its own RAM covers Bulkhead's and the system DTB's physical addresses: not theirs. */
	t.attempts += 2;
	if (mmio_read32(BULKHEAD_PHYS + 0x38) == ARM64_MAGIC)
		escape(&t, "IPA 0x%lx shows Bulkhead's image header", BULKHEAD_PHYS);
	if (mmio_read32(SYSTEM_DTB_PHYS) == FDT_MAGIC_LE)
		escape(&t, "IPA 0x%lx shows the system device tree", SYSTEM_DTB_PHYS);
	rt_printf("hostile: restart-scrub detail checked 0x%lx-0x%lx, canary 0x%lx+0x%lx\n", from,
		  to - 1, CANARY_ADDR, CANARY_SIZE);
	/*
	 * Not an escape (the registers belong to this partition's own cores), but
	 * reported: a restart that is to be "as at power-on" should reset them.
	 */
	rt_printf("hostile: restart-scrub detail el1 registers kept across the restart: "
		  "tpidr_el1=%d tpidr_el0=%d tpidrro_el0=%d contextidr_el1=%d far_el1=%d "
		  "dbgbvr3_el1=%d\n",
		  sysreg_read(tpidr_el1) == CANARY_WORD, sysreg_read(tpidr_el0) == CANARY_WORD + 1,
		  sysreg_read(tpidrro_el0) == CANARY_WORD + 2,
		  sysreg_read(contextidr_el1) == 0x1234, sysreg_read(far_el1) == CANARY_WORD + 3,
		  sysreg_read(dbgbvr3_el1) == CANARY_ADDR);
	report(&t);
}

/* ---------------------------------------------------------------- faulting steps */

enum kind {
	K_R8,
	K_W8,
	K_R16,
	K_R32,
	K_W32,
	K_R64,
	K_W64,
	K_R32U,
	K_EXEC,
	K_DC,
	K_LDP,
	K_STP,
	K_LDXR,
	K_STXR,
	K_POSTIDX,
	K_PREIDX,
	K_FP,
};

static const char *const kind_names[] = {
	[K_R8] = "read8",
	[K_W8] = "write8",
	[K_R16] = "read16",
	[K_R32] = "read32",
	[K_W32] = "write32",
	[K_R64] = "read64",
	[K_W64] = "write64",
	[K_R32U] = "read32-unaligned",
	[K_EXEC] = "exec",
	[K_DC] = "dc-civac",
	[K_LDP] = "ldp",
	[K_STP] = "stp",
	[K_LDXR] = "ldxr",
	[K_STXR] = "stxr",
	[K_POSTIDX] = "ldr-postindex",
	[K_PREIDX] = "str-preindex",
	[K_FP] = "ldr-simd",
};

/* Faulting classes: their escapes live in RTCMR[31:16]. */
enum fclass { FC_MEMORY, FC_FRAMES, FC_UNASSIGNED, FC_UNEMULATABLE, FC_COUNT };

static const char *const fclass_names[FC_COUNT] = {
	[FC_MEMORY] = "foreign-memory",
	[FC_FRAMES] = "gic-smmu-frames",
	[FC_UNASSIGNED] = "unassigned-mmio",
	[FC_UNEMULATABLE] = "unemulatable-mmio",
};

struct fstep {
	enum fclass cls;
	enum kind kind;
	uint64_t addr; /* physical address, or an offset in *base's frame */
	const char *what;
	const uint64_t *base; /* one of its devices (hx_dev), found at boot; NULL: none */
};

static const struct fstep fsteps[] = {
	{FC_MEMORY, K_R64, PLAN_RTOS_RAM, "the RTOS's RAM", NULL},
	{FC_MEMORY, K_W64, PLAN_RTOS_RAM + 0x1000, "the RTOS's RAM", NULL},
	{FC_MEMORY, K_R64, PLAN_RTOS_RAM + PLAN_RTOS_SIZE - 8, "the RTOS's RAM, last word", NULL},
	{FC_MEMORY, K_W64, PLAN_SENTINEL_RAM, "the sentinel's RAM", NULL},
	{FC_MEMORY, K_R64, PLAN_SENTINEL_RAM + 0x400000, "the sentinel's pattern", NULL},
	{FC_MEMORY, K_R64, PLAN_HOSTILE_RAM, "its own RAM by physical address", NULL},
	{FC_MEMORY, K_R64, PLAN_HOSTILE_BIN, "the module area (pristine images)", NULL},
	{FC_MEMORY, K_W64, PLAN_SENTINEL_BIN, "the module area (pristine images)", NULL},
	{FC_MEMORY, K_R64, 0xbfff0000, "the top of RAM", NULL},
	{FC_MEMORY, K_EXEC, PLAN_RTOS_RAM, "the RTOS's RAM", NULL},
	{FC_MEMORY, K_DC, PLAN_RTOS_RAM, "the RTOS's RAM", NULL},
	{FC_MEMORY, K_LDP, PLAN_RTOS_RAM, "the RTOS's RAM", NULL},
	{FC_MEMORY, K_R32U, PLAN_RTOS_RAM + 2, "the RTOS's RAM", NULL},
	{FC_FRAMES, K_R32, 0x08080000, "the GIC ITS", NULL},
	{FC_FRAMES, K_W32, 0x08080000, "the GIC ITS (GITS_CTLR)", NULL},
	{FC_FRAMES, K_R32, 0x08010000, "beyond the GIC distributor", NULL},
	{FC_FRAMES, K_R64, 0x080e0008, "core 2's redistributor (GICR_TYPER)", NULL},
	{FC_FRAMES, K_W32, 0x080f0180, "core 2's redistributor (GICR_ICENABLER0)", NULL},
	{FC_FRAMES, K_R32, 0x08100008, "core 3's redistributor (the RTOS's)", NULL},
	{FC_FRAMES, K_W32, 0x08110180, "core 3's redistributor (GICR_ICENABLER0)", NULL},
	{FC_FRAMES, K_R32, 0x09050000, "the SMMU (SMMU_IDR0)", NULL},
	{FC_FRAMES, K_W32, 0x09050020, "the SMMU (SMMU_CR0)", NULL},
	{FC_FRAMES, K_R32, 0x09060000, "the SMMU, page 1", NULL},
	{FC_UNASSIGNED, K_R32, 0x00000000, "flash 0 (U-Boot)", NULL},
	{FC_UNASSIGNED, K_W32, 0x04000000, "flash 1 (U-Boot's environment)", NULL},
	{FC_UNASSIGNED, K_R32, 0x09020000, "fw_cfg", NULL},
	{FC_UNASSIGNED, K_R32, 0x09040000, "an empty MMIO page", NULL},
	{FC_UNASSIGNED, K_R32, 0x0a003e00, "the boot disk (virtio-mmio 31)", NULL},
	{FC_UNASSIGNED, K_W32, 0x0a003e70, "the boot disk's status register", NULL},
	{FC_UNASSIGNED, K_R32, 0x0a000000, "virtio-mmio 0", NULL},
	{FC_UNASSIGNED, K_R32, 0x0c000000, "the platform bus", NULL},
	{FC_UNASSIGNED, K_R32, 0x10000000, "PCIe memory space", NULL},
	{FC_UNASSIGNED, K_R32, 0x3eff0000, "PCIe I/O space", NULL},
	{FC_UNASSIGNED, K_R32, 0x4010000000, "PCIe configuration space (ECAM)", NULL},
	{FC_UNASSIGNED, K_R32, 0x8000000000, "PCIe high memory space", NULL},
	{FC_UNASSIGNED, K_R32, 0xfffffff000, "the top of the 40-bit guest-physical space", NULL},
	{FC_UNASSIGNED, K_R32, 0x10000000000, "beyond the 40-bit guest-physical space", NULL},
	{FC_UNEMULATABLE, K_LDP, 0, "the vGIC distributor", &hx_dev.gicd},
	{FC_UNEMULATABLE, K_STP, GICR_ISENABLER0, "its redistributor", &hx_dev.gicr},
	{FC_UNEMULATABLE, K_LDP, 0, "the emulated PL011", &hx_dev.uart},
	{FC_UNEMULATABLE, K_STP, 0, "the watchdog", &hx_dev.wdt_control},
	{FC_UNEMULATABLE, K_LDXR, 0, "the vGIC distributor", &hx_dev.gicd},
	{FC_UNEMULATABLE, K_STXR, 0x38, "the emulated PL011", &hx_dev.uart},
	{FC_UNEMULATABLE, K_POSTIDX, GICD_TYPER, "the vGIC distributor", &hx_dev.gicd},
	{FC_UNEMULATABLE, K_PREIDX, GICR_ISENABLER0 - 4, "its redistributor", &hx_dev.gicr},
	{FC_UNEMULATABLE, K_FP, GICD_TYPER, "the vGIC distributor", &hx_dev.gicd},
	{FC_UNEMULATABLE, K_DC, 0, "the vGIC distributor", &hx_dev.gicd},
	{FC_UNEMULATABLE, K_R16, GICD_CTLR, "the vGIC distributor (width)", &hx_dev.gicd},
	{FC_UNEMULATABLE, K_W8, GICD_CTLR, "the vGIC distributor (width)", &hx_dev.gicd},
	{FC_UNEMULATABLE, K_R64, GICD_CTLR, "the vGIC distributor (width)", &hx_dev.gicd},
	{FC_UNEMULATABLE, K_R32, 0x0020, "the vGIC distributor (reserved offset)", &hx_dev.gicd},
	{FC_UNEMULATABLE, K_R64, 0x18, "the emulated PL011 (width)", &hx_dev.uart},
	{FC_UNEMULATABLE, K_R16, 0, "the watchdog (width)", &hx_dev.wdt_control},
	{FC_UNEMULATABLE, K_W8, 0, "the watchdog (width)", &hx_dev.wdt_refresh},
	{FC_UNEMULATABLE, K_R32U, 2, "the vGIC distributor", &hx_dev.gicd},
	{FC_UNEMULATABLE, K_R32U, 2, "the watchdog", &hx_dev.wdt_control},
};

#define N_FSTEPS (sizeof(fsteps) / sizeof(fsteps[0]))

static void enable_fp(void)
{
	sysreg_write(cpacr_el1, 3UL << 20);
	isb();
}

static uint64_t do_access(enum kind k, uint64_t a)
{
	switch (k) {
	case K_R8:
		return mmio_read8(a);
	case K_W8:
		mmio_write8(a, 0x5a);
		return 0;
	case K_R16:
		return mmio_read16(a);
	case K_R32:
	case K_R32U:
		return mmio_read32(a);
	case K_W32:
		mmio_write32(a, 0);
		return 0;
	case K_R64:
		return mmio_read64(a);
	case K_W64:
		mmio_write64(a, 0x5a5a0bad0bad5a5aUL);
		return 0;
	case K_EXEC:
		exec_at(a);
		return 0;
	case K_DC:
		dc_civac(a);
		return 0;
	case K_LDP:
		return ldp64(a);
	case K_STP:
		stp64(a, 0);
		return 0;
	case K_LDXR:
		return ldxr64(a);
	case K_STXR:
		return stxr32(a, 0);
	case K_POSTIDX:
		return ld32_postidx(a);
	case K_PREIDX:
		st32_preidx(a, 0);
		return 0;
	case K_FP:
		enable_fp();
		ld_fp64(a);
		return 0;
	default:
		return 0;
	}
}

static void faulting_step(uint32_t step, const struct fstep *s)
{
	uint64_t addr = (s->base ? *s->base : 0) + s->addr, v;
	uint32_t exceptions;

	attempts_add(1);
	rt_printf("hostile: step %u %s: %s %s 0x%lx\n", step, fclass_names[s->cls], s->what,
		  kind_names[s->kind], addr);
	dsb_sy();
	hx_expect();
	v = do_access(s->kind, addr);
	hx_done();
	exceptions = hx_sync_count();
	if (exceptions) {
		/* Contained at EL1 (alignment fault on Device memory): the access never left. */
		rt_printf("hostile: step %u result=el1-exception ESR 0x%lx FAR 0x%lx\n", step,
			  hx_last_esr(), hx_last_far());
		return;
	}
	if (s->cls == FC_UNEMULATABLE || s->kind == K_DC) {
		/*
		 * Emulating an odd access is allowed (a failed store-exclusive does no
		 * access at all). Cache maintenance cannot change memory contents: a
		 * clean and invalidate of a line it could not map would change nothing
		 * (QEMU does not even translate the address; hardware gives a stage-2
		 * fault).
		 */
		rt_printf("hostile: step %u result=returned value 0x%lx\n", step, v);
		return;
	}
	rt_printf("ESCAPED: %s: %s %s 0x%lx returned 0x%lx\n", fclass_names[s->cls],
		  kind_names[s->kind], s->what, addr, v);
	class_escape_add(s->cls);
}

/* ---------------------------------------------------------------- the sequence */

enum {
	STEP_HVC = 1,
	STEP_SMC,
	STEP_PSCI,
	STEP_SYSREG,
	STEP_VGIC_DIST,
	STEP_VGIC_REDIST,
	STEP_SGI,
	STEP_MMIO_ODD,
	STEP_STORM,
	STEP_FLOOD,
	STEP_RESET,
	STEP_SCRUB,
	STEP_WDOG_KEEPER,
	STEP_FAULTS,
};
#define STEP_DONE (STEP_FAULTS + (uint32_t)N_FSTEPS)

static const char *const step_names[STEP_FAULTS] = {
	[STEP_HVC] = "hvc-fuzz",
	[STEP_SMC] = "smc-fuzz",
	[STEP_PSCI] = "psci",
	[STEP_SYSREG] = "sysreg",
	[STEP_VGIC_DIST] = "vgic-dist",
	[STEP_VGIC_REDIST] = "vgic-redist",
	[STEP_SGI] = "sgi",
	[STEP_MMIO_ODD] = "mmio-odd",
	[STEP_STORM] = "storm",
	[STEP_FLOOD] = "console-flood",
	[STEP_RESET] = "system-reset",
	[STEP_SCRUB] = "restart-scrub",
	[STEP_WDOG_KEEPER] = "watchdog-keeper",
};

static void done(void)
{
	uint32_t mr = mr_read(), total_escaped = (mr >> 8) & 0xff;
	uint32_t per[FC_COUNT] = {0};
	struct smccc_res r;

	for (uint32_t i = 0; i < N_FSTEPS; i++)
		per[fsteps[i].cls]++;
	for (uint32_t c = 0; c < FC_COUNT; c++) {
		rt_printf("hostile: %s attempts=%u escaped=%u\n", fclass_names[c], per[c],
			  class_escapes(mr, c));
		total_escaped += class_escapes(mr, c);
	}
	rt_printf("hostile: done attempts=%u escaped=%u\n", attempts_read(), total_escaped);
	r = smccc_hvc(PSCI_SYSTEM_OFF, 0, 0, 0, 0, 0, 0, 0);
	rt_printf("ESCAPED: psci: SYSTEM_OFF returned 0x%lx\n", r.a0);
}

static void run_step(uint32_t step)
{
	if (step < STEP_FAULTS)
		rt_printf("hostile: step %u %s\n", step, step_names[step]);
	switch (step) {
	case STEP_HVC:
		smccc_fuzz(false, opt_hvc);
		break;
	case STEP_SMC:
		smccc_fuzz(true, opt_smc);
		break;
	case STEP_PSCI:
		psci_misuse();
		break;
	case STEP_SYSREG:
		sysreg_misuse();
		break;
	case STEP_VGIC_DIST:
		vgic_dist_misuse();
		break;
	case STEP_VGIC_REDIST:
		vgic_redist_misuse();
		break;
	case STEP_SGI:
		sgi_misuse();
		break;
	case STEP_MMIO_ODD:
		mmio_odd();
		break;
	case STEP_STORM:
		storms();
		break;
	case STEP_FLOOD:
		console_flood();
		break;
	case STEP_RESET:
		system_reset();
		break;
	case STEP_SCRUB:
		restart_scrub();
		break;
	case STEP_WDOG_KEEPER:
		watchdog_keeper();
		break;
	default:
		faulting_step(step, &fsteps[step - STEP_FAULTS]);
		break;
	}
}

/* vCPU 1 (rt_secondary_entry): spins with its interrupts masked. */
void guest_secondary(uint64_t x0, uint64_t x1)
{
	(void)x0;
	(void)x1;
	if ((mr_read() & 0xff) <= STEP_HVC)
		rt_puts("hostile: vcpu 1 spins with its interrupts masked\n");
	for (;;)
		__asm__ volatile("nop");
}

/* Its devices, from its device tree; false (and a report) if one is missing. */
static bool find_devices(const void *fdt)
{
	struct dt_platform p;
	struct dt_range r;
	bool ok = dt_platform(fdt, &p) == 0;

	if (ok) {
		hx_dev.gicd = p.gicd.base;
		hx_dev.gicr = p.gicr[0].base;
		hx_dev.uart = p.uart.base;
	}
	/* Linux's binding: reg = <control frame>, <refresh frame>. */
	ok = ok && dt_compatible_reg(fdt, "arm,sbsa-gwdt", 0, &r) == 0;
	hx_dev.wdt_control = r.base;
	ok = ok && dt_compatible_reg(fdt, "arm,sbsa-gwdt", 1, &r) == 0;
	hx_dev.wdt_refresh = r.base;
	ok = ok && dt_compatible_reg(fdt, "arm,pl031", 0, &r) == 0;
	hx_dev.rtc = r.base;
	if (!ok)
		rt_puts("hostile: error: its device tree lacks the GIC, UART, watchdog or the "
			"PL031 "
			"that keeps the step; nothing done\n");
	return ok;
}

static void options(void)
{
	const char *args = rt_bootargs();
	uint64_t seed;

	rt_arg_u64(args, "hvc", &opt_hvc);
	rt_arg_u64(args, "smc", &opt_smc);
	rt_arg_u64(args, "sysreg", &opt_sysreg);
	rt_arg_u64(args, "storm_ms", &opt_storm_ms);
	rt_arg_u64(args, "flood", &opt_flood);
	rt_arg_u64(args, "delay_ms", &opt_delay_ms);
	rt_arg_u64(args, "stop_after", &opt_stop_after);
	{
		char mode[8];

		opt_spin = rt_arg(args, "mode", mode, sizeof(mode)) && strcmp(mode, "spin") == 0;
	}
	if (!rt_arg_u64(args, "seed", &seed) || !seed)
		seed = rt_counter() ^ 0x9e3779b97f4a7c15UL;
	rng_state = seed;
	rt_printf("hostile: seed=0x%lx\n", seed);
}

void guest_main(const void *fdt)
{
	struct rt_info info = rt_get_info();
	uint32_t step;

	freq = rt_counter_freq();
	hx_init();
	nvcpus = info.nvcpus ? info.nvcpus : 1;
	if (!find_devices(fdt))
		return;
	mmio_write32(hx_dev.rtc + RTC_IMSC, 0);
	step = mr_read() & 0xff;
	if (step == 0) {
		mmio_write32(hx_dev.rtc + RTC_LR, 0); /* attempts: none yet */
		step = STEP_HVC;
		mr_write(step);
	}
	/* t_ms: the virtual counter (CNTVOFF is 0: time since the machine started). */
	rt_printf("hostile: boot step=%u attempts=%u vcpus=%u t_ms=%lu\n", step, attempts_read(),
		  nvcpus, rt_counter() / (freq / 1000));
	options();
	gic_bringup();
	if (nvcpus > 1 &&
	    smccc_hvc(PSCI_CPU_ON_64, 1, (uint64_t)(uintptr_t)rt_secondary_entry, 0, 0, 0, 0, 0)
			    .a0 != 0)
		rt_puts("hostile: error: CPU_ON of vcpu 1 failed\n");
	if (opt_spin) {
		/* The baseline of docs/reliability.md: the same cores busy, no attack. */
		rt_puts("hostile: mode=spin: spinning, no attack\n");
		for (;;)
			__asm__ volatile("nop");
	}
	if (step == STEP_HVC && opt_delay_ms)
		rt_wait_until(rt_counter() + ms_to_ticks(opt_delay_ms));
	for (; step <= STEP_DONE; step++) {
		if (opt_stop_after && step > opt_stop_after) {
			rt_printf("hostile: stopping before step %u (stop_after)\n", step);
			return;
		}
		if (step == STEP_DONE) {
			mr_write((mr_read() & ~0xffU) | step);
			done();
			return;
		}
		/* Record the next step first: if this one faults, the restart goes on from there. */
		mr_write((mr_read() & ~0xffU) | (step + 1));
		run_step(step);
	}
}
