// SPDX-License-Identifier: GPL-2.0-only
/*
 * vgictest: checks the virtual GICv3 and the guest PSCI that Bulkhead gives a
 * partition, from inside a 2-vCPU partition (dts/vgic-test.dts,
 * tests/integration/test_vgic.py). Everything is done as a guest OS would:
 * MMIO to the emulated distributor (0x08000000) and redistributors
 * (0x080a0000 + 0x20000 per vCPU), the ICC_* system registers (ICV_* under
 * Bulkhead), PSCI over HVC.
 *
 * vCPU 0 runs the checks and prints one line per check; vCPU 1, started with
 * PSCI CPU_ON, serves requests from vCPU 0 through a mailbox and takes part in
 * the SGI and timer checks. Console lines (Bulkhead adds "[<partition>] "):
 *   vgictest: start on vcpu 0 of <n>
 *   vgictest: PASS <check>
 *   vgictest: FAIL <check>: <what was seen>
 *   vgictest: info: <detail>                (not checked by the test)
 *   vgictest: done passed=<n> failed=<m>
 * The check names are stable; tests/integration/test_vgic.py lists them.
 *
 * The MMU stays off: every access is Device-nGnRnE, so the shared variables
 * below are coherent between the vCPUs without cache maintenance. Each
 * shared variable has a single writer (no atomics needed).
 *
 * INTIDs: SGIs 0-15 for the tests, PPI 27 (EL1 virtual timer), SPI 33 (the
 * partition's emulated PL011: owned, used as the positive control), SPI 48
 * (virtio_mmio0, given to the other partition) and SPI 49 (virtio_mmio1,
 * nobody's) for the denial checks.
 */
#include <guests/baremetal/rt/rt.h>
#include <lib/format.h>

#include <stdarg.h>
#include <string.h>

/* ------------------------------------------------------------ the GIC */
#define GICD_BASE   0x08000000UL
#define GICR_BASE   0x080a0000UL
#define GICR_STRIDE 0x20000UL
#define GICR_SGI    0x10000UL

#define GICD_CTLR	0x0000
#define GICD_TYPER	0x0004
#define GICD_IGROUPR	0x0080
#define GICD_ISENABLER	0x0100
#define GICD_ICENABLER	0x0180
#define GICD_ISPENDR	0x0200
#define GICD_ICPENDR	0x0280
#define GICD_ISACTIVER	0x0300
#define GICD_ICACTIVER	0x0380
#define GICD_IPRIORITYR 0x0400
#define GICD_ICFGR	0x0c00
#define GICD_IROUTER	0x6000
#define GICD_PIDR2	0xffe8
#define GICD_CTLR_G0	(1U << 0)
#define GICD_CTLR_G1	(1U << 1)
#define GICD_CTLR_ARE	(1U << 4)
#define GICD_CTLR_DS	(1U << 6)
#define GICD_CTLR_RWP	(1U << 31)

#define GICR_CTLR	  0x0000
#define GICR_TYPER	  0x0008
#define GICR_WAKER	  0x0014
#define GICR_TYPER_LAST	  (1ULL << 4)
#define GICR_WAKER_SLEEP  (1U << 1)
#define GICR_WAKER_ASLEEP (1U << 2)
#define GICR_IGROUPR0	  (GICR_SGI + 0x0080)
#define GICR_ISENABLER0	  (GICR_SGI + 0x0100)
#define GICR_ICENABLER0	  (GICR_SGI + 0x0180)
#define GICR_ISPENDR0	  (GICR_SGI + 0x0200)
#define GICR_ICPENDR0	  (GICR_SGI + 0x0280)
#define GICR_ICACTIVER0	  (GICR_SGI + 0x0380)
#define GICR_IPRIORITYR	  (GICR_SGI + 0x0400)

#define SGI1R_IRM      (1ULL << 40)
#define INTID_SPURIOUS 1020
#define PPI_VTIMER     27
#define SPI_OWN	       33 /* the emulated PL011: this partition's */
#define SPI_FOREIGN    48 /* virtio_mmio0: the other partition's */
#define SPI_NOBODY     49 /* virtio_mmio1: nobody's */

#define DEFAULT_PRIO 0xa0
#define PMR_VALUE    0xf0

/* ------------------------------------------------------------ PSCI */
#define PSCI_VERSION		0x84000000UL
#define PSCI_CPU_OFF		0x84000002UL
#define PSCI_CPU_ON_32		0x84000003UL
#define PSCI_CPU_ON		0xc4000003UL
#define PSCI_AFFINITY_INFO	0xc4000004UL
#define PSCI_FEATURES		0x8400000aUL
#define PSCI_SUCCESS		0
#define PSCI_NOT_SUPPORTED	(-1)
#define PSCI_INVALID_PARAMETERS (-2)
#define PSCI_ALREADY_ON		(-4)
#define PSCI_ON_PENDING		(-5)
#define AFF_ON			0
#define AFF_OFF			1
#define AFF_ON_PENDING		2

#define CTX_FIRST 0x5ec0000000000001UL
#define CTX_AGAIN 0x5ec0000000000002UL

#define NVCPUS 2

/*
 * How long to wait for what must come (an SGI, an answer from vCPU 1), in ms
 * of virtual time: generous, for a loaded machine; a passing run never waits
 * that long. What must not come is given a few ms after what must.
 */
#define WAIT_MS 5000

/* ------------------------------------------------------------ accessors */
/* Plain register-indirect accesses only: the ISS must be valid for Bulkhead to decode. */
static inline uint32_t rd32(uint64_t a)
{
	uint32_t v;

	__asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(a) : "memory");
	return v;
}

static inline void wr32(uint64_t a, uint32_t v)
{
	__asm__ volatile("str %w0, [%1]" : : "rZ"(v), "r"(a) : "memory");
}

static inline uint64_t rd64(uint64_t a)
{
	uint64_t v;

	__asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(a) : "memory");
	return v;
}

static inline void wr64(uint64_t a, uint64_t v)
{
	__asm__ volatile("str %x0, [%1]" : : "rZ"(v), "r"(a) : "memory");
}

static inline uint8_t rd8(uint64_t a)
{
	uint32_t v;

	__asm__ volatile("ldrb %w0, [%1]" : "=r"(v) : "r"(a) : "memory");
	return (uint8_t)v;
}

static inline void wr8(uint64_t a, uint8_t v)
{
	__asm__ volatile("strb %w0, [%1]" : : "rZ"((uint32_t)v), "r"(a) : "memory");
}

#define sysreg_read(reg)                                                                           \
	({                                                                                         \
		uint64_t v_;                                                                       \
		__asm__ volatile("mrs %0, " #reg : "=r"(v_)::"memory");                            \
		v_;                                                                                \
	})
#define sysreg_write(reg, v) __asm__ volatile("msr " #reg ", %0" : : "r"((uint64_t)(v)) : "memory")

static inline void isb(void)
{
	__asm__ volatile("isb" ::: "memory");
}

static inline void dsb(void)
{
	__asm__ volatile("dsb sy" ::: "memory");
}

static inline void irq_mask(void)
{
	__asm__ volatile("msr daifset, #2" ::: "memory");
}

static inline void irq_unmask(void)
{
	__asm__ volatile("msr daifclr, #2" ::: "memory");
}

static inline void cpu_relax(void)
{
	__asm__ volatile("yield" ::: "memory");
}

static uint32_t my_vcpu(void)
{
	return (uint32_t)(sysreg_read(mpidr_el1) & 0xff);
}

static uint64_t gicr(uint32_t vcpu)
{
	return GICR_BASE + vcpu * GICR_STRIDE;
}

static int64_t smc(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3)
{
	return (int64_t)rt_hvc(fid, a1, a2, a3, 0, 0, 0, 0).a0;
}

static void send_sgi(uint64_t value)
{
	dsb();
	sysreg_write(icc_sgi1r_el1, value);
	isb();
}

static uint64_t sgi_to(uint32_t sgi, uint32_t target_list)
{
	return (uint64_t)(sgi & 0xf) << 24 | (target_list & 0xffff);
}

/* ------------------------------------------------------------ time */
static uint64_t ms_to_ticks(uint64_t ms)
{
	return rt_counter_freq() / 1000 * ms;
}

/* Spins until *@p == @want (32-bit, single writer elsewhere) or @ms pass. */
static bool wait_eq(const volatile uint32_t *p, uint32_t want, uint64_t ms)
{
	uint64_t end = rt_counter() + ms_to_ticks(ms);

	while (*p != want) {
		if ((int64_t)(rt_counter() - end) > 0)
			return *p == want;
		cpu_relax();
	}
	return true;
}

static void delay_ms(uint64_t ms)
{
	rt_wait_until(rt_counter() + ms_to_ticks(ms));
}

/* ------------------------------------------------------------ shared state */
#define ORDER_MAX 32

/* Written by the vCPU's own interrupt handler only. */
struct vt_irqs {
	volatile uint32_t sgi[16];
	volatile uint32_t vtimer;
	volatile uint32_t other; /* any other INTID */
	volatile uint32_t last_other;
	volatile uint32_t spurious;
	volatile uint32_t recording; /* set by the vCPU itself, with interrupts masked */
	volatile uint32_t norder;
	volatile uint32_t order[ORDER_MAX];
	volatile uint32_t timer_target; /* re-arm the timer until this many */
	volatile uint64_t timer_period;
};

static struct vt_irqs irqs[NVCPUS];

/* vCPU 1's side: written by vCPU 1 only. */
struct vt_secondary {
	volatile uint32_t online;     /* entries so far */
	volatile uint32_t entry_kind; /* 1: vt_secondary_entry, 2: vt_secondary_reentry */
	volatile uint64_t context;    /* x0 at entry */
	volatile uint32_t init_ok;    /* its redistributor and CPU interface came up */
	volatile uint32_t init_detail;
	volatile uint32_t done; /* mailbox: last request served */
	volatile int64_t result;
	volatile uint32_t off_returned;
	volatile uint32_t timer_fired; /* ISTATUS (bit 0), ISR_EL1.I (bit 7) before CPU_OFF */
};

/* vCPU 0's side of the mailbox: written by vCPU 0 only. */
struct vt_request {
	volatile uint32_t seq;
	volatile uint32_t op;
	volatile uint64_t arg;
};

enum { OP_NOP, OP_PINGPONG, OP_SGI, OP_TIMER, OP_CPU_OFF };

static struct vt_secondary sec;
static struct vt_request req;
static const uint32_t pingpong_sgis[] = {1, 2, 7, 14};

/* ------------------------------------------------------------ interrupts */
void vt_irq(void);
void vt_secondary_main(uint64_t context, uint64_t kind);
extern char vt_vectors[], vt_secondary_entry[], vt_secondary_reentry[];

void vt_irq(void)
{
	struct vt_irqs *s = &irqs[my_vcpu() & 1];
	uint64_t iar = sysreg_read(icc_iar1_el1);
	uint32_t intid = (uint32_t)iar & 0xffffff;

	if (intid >= INTID_SPURIOUS) {
		s->spurious++;
		return;
	}
	if (intid < 16) {
		s->sgi[intid]++;
	} else if (intid == PPI_VTIMER) {
		s->vtimer++;
		/* Re-arm (which clears the timer condition) or stop, before the EOI. */
		if (s->vtimer < s->timer_target)
			sysreg_write(cntv_tval_el0, s->timer_period);
		else
			sysreg_write(cntv_ctl_el0, 2); /* IMASK, disabled */
		isb();
	} else {
		s->other++;
		s->last_other = intid;
	}
	if (s->recording && s->norder < ORDER_MAX) {
		s->order[s->norder] = intid;
		s->norder++;
	}
	sysreg_write(icc_eoir1_el1, iar);
	isb();
}

/* ------------------------------------------------------------ reporting */
static uint32_t passed, failed;

static void result(const char *name, bool ok, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void result(const char *name, bool ok, const char *fmt, ...)
{
	char detail[128];
	va_list ap;

	if (ok) {
		passed++;
		rt_printf("vgictest: PASS %s\n", name);
		return;
	}
	failed++;
	va_start(ap, fmt);
	fmt_vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	rt_printf("vgictest: FAIL %s: %s\n", name, detail);
}

/* ------------------------------------------------------------ GIC bring-up */
/* The CPU interface of the calling vCPU, as Linux's gic_cpu_sys_reg_init(). */
static uint32_t cpuif_init(void)
{
	uint32_t bad = 0;

	sysreg_write(icc_sre_el1, sysreg_read(icc_sre_el1) | 1);
	isb();
	if (!(sysreg_read(icc_sre_el1) & 1))
		bad |= 1;
	sysreg_write(icc_pmr_el1, PMR_VALUE);
	sysreg_write(icc_bpr1_el1, 0);
	sysreg_write(icc_ctlr_el1, 0); /* EOImode 0: EOIR drops and deactivates */
	sysreg_write(icc_igrpen1_el1, 1);
	isb();
	if ((sysreg_read(icc_pmr_el1) & 0xff) != PMR_VALUE)
		bad |= 2;
	if ((sysreg_read(icc_igrpen1_el1) & 1) != 1)
		bad |= 4;
	if (sysreg_read(icc_ctlr_el1) & 2)
		bad |= 8;
	return bad;
}

/* Wake the calling vCPU's redistributor and set its SGIs/PPIs up (gic_cpu_init()). */
static uint32_t redist_init(uint32_t vcpu)
{
	uint64_t rd = gicr(vcpu);
	uint64_t end;
	uint32_t bad = 0;

	wr32(rd + GICR_WAKER, rd32(rd + GICR_WAKER) & ~GICR_WAKER_SLEEP);
	end = rt_counter() + ms_to_ticks(WAIT_MS);
	while (rd32(rd + GICR_WAKER) & GICR_WAKER_ASLEEP) {
		if ((int64_t)(rt_counter() - end) > 0) {
			bad |= 0x10;
			break;
		}
	}
	if (rd32(rd + GICR_WAKER) & (GICR_WAKER_SLEEP | GICR_WAKER_ASLEEP))
		bad |= 0x20;
	wr32(rd + GICR_ICACTIVER0, 0xffffffff);
	wr32(rd + GICR_ICENABLER0, 0xffff0000); /* PPIs off */
	wr32(rd + GICR_ICPENDR0, 0xffffffff);
	wr32(rd + GICR_IGROUPR0, 0xffffffff);
	for (uint32_t i = 0; i < 32; i += 4)
		wr32(rd + GICR_IPRIORITYR + i, DEFAULT_PRIO * 0x01010101U);
	wr32(rd + GICR_ISENABLER0, 0x0000ffff); /* every SGI on */
	if ((rd32(rd + GICR_ISENABLER0) & 0xffff) != 0xffff)
		bad |= 0x40;
	if (rd32(rd + GICR_IPRIORITYR + 4) != DEFAULT_PRIO * 0x01010101U)
		bad |= 0x80;
	return bad;
}

static void check_gic_bringup(void)
{
	uint32_t typer, lines, ctlr, pidr2, bad;
	uint64_t rtyper[NVCPUS];
	bool ok = true;

	/* Distributor, as gic_dist_init(): off, wait RWP, ARE + Group 1 on. */
	wr32(GICD_BASE + GICD_CTLR, 0);
	while (rd32(GICD_BASE + GICD_CTLR) & GICD_CTLR_RWP)
		;
	typer = rd32(GICD_BASE + GICD_TYPER);
	lines = 32 * ((typer & 0x1f) + 1);
	pidr2 = rd32(GICD_BASE + GICD_PIDR2);
	/* Linux sets every SPI to level, priority 0xa0, disabled, inactive. */
	for (uint32_t i = 32; i < lines && i < 1020; i += 16)
		wr32(GICD_BASE + GICD_ICFGR + i / 4, 0);
	for (uint32_t i = 32; i < lines && i < 1020; i += 4)
		wr32(GICD_BASE + GICD_IPRIORITYR + i, DEFAULT_PRIO * 0x01010101U);
	for (uint32_t i = 32; i < lines && i < 1020; i += 32) {
		wr32(GICD_BASE + GICD_ICACTIVER + i / 8, 0xffffffff);
		wr32(GICD_BASE + GICD_ICENABLER + i / 8, 0xffffffff);
	}
	while (rd32(GICD_BASE + GICD_CTLR) & GICD_CTLR_RWP)
		;
	wr32(GICD_BASE + GICD_CTLR, GICD_CTLR_ARE | GICD_CTLR_G1 | GICD_CTLR_G0);
	ctlr = rd32(GICD_BASE + GICD_CTLR);
	rt_printf("vgictest: info: GICD_TYPER 0x%x (%u lines), GICD_CTLR 0x%x, PIDR2 0x%x\n", typer,
		  lines, ctlr, pidr2);
	result("gic-dist",
	       (ctlr & (GICD_CTLR_ARE | GICD_CTLR_G1)) == (GICD_CTLR_ARE | GICD_CTLR_G1) &&
		       !(ctlr & GICD_CTLR_RWP) && lines > SPI_NOBODY && ((pidr2 >> 4) & 0xf) == 3 &&
		       ((typer >> 19) & 0x1f) >= 9,
	       "GICD_TYPER 0x%x GICD_CTLR 0x%x PIDR2 0x%x", typer, ctlr, pidr2);

	/* Redistributors: Affinity_Value = vCPU index, Processor_Number too, Last on the last. */
	for (uint32_t v = 0; v < NVCPUS; v++) {
		rtyper[v] = rd64(gicr(v) + GICR_TYPER);
		ok = ok && (rtyper[v] >> 32) == v && ((rtyper[v] >> 8) & 0xffff) == v &&
		     !!(rtyper[v] & GICR_TYPER_LAST) == (v == NVCPUS - 1);
		/* The two 32-bit halves read alike. */
		ok = ok && rd32(gicr(v) + GICR_TYPER + 4) == (uint32_t)(rtyper[v] >> 32) &&
		     rd32(gicr(v) + GICR_TYPER) == (uint32_t)rtyper[v];
	}
	result("gic-redist-typer", ok, "GICR_TYPER vcpu0 0x%lx vcpu1 0x%lx", rtyper[0], rtyper[1]);

	bad = redist_init(0);
	result("gic-redist-wake", !bad, "vcpu0 redistributor set-up: error bits 0x%x", bad);
	bad = cpuif_init();
	result("gic-cpuif", !bad,
	       "ICC_* set-up: error bits 0x%x (SRE 0x%lx PMR 0x%lx IGRPEN1 0x%lx)", bad,
	       sysreg_read(icc_sre_el1), sysreg_read(icc_pmr_el1), sysreg_read(icc_igrpen1_el1));
	/* Running priority idle, nothing pending. */
	result("gic-cpuif-idle",
	       (sysreg_read(icc_rpr_el1) & 0xf8) == 0xf8 &&
		       (sysreg_read(icc_hppir1_el1) & 0xffffff) == 1023,
	       "ICC_RPR 0x%lx ICC_HPPIR1 0x%lx", sysreg_read(icc_rpr_el1),
	       sysreg_read(icc_hppir1_el1));
}

/* ------------------------------------------------------------ both vCPUs */
/* SGIs to the other vCPU, one at a time, each waited for (so none merge). */
static void pingpong(uint32_t self, uint32_t rounds, uint32_t *lost)
{
	uint32_t peer = self ^ 1;

	*lost = 0;
	for (uint32_t r = 0; r < rounds; r++) {
		for (uint32_t k = 0; k < sizeof(pingpong_sgis) / sizeof(pingpong_sgis[0]); k++) {
			uint32_t sgi = pingpong_sgis[k];
			uint32_t before = irqs[peer].sgi[sgi];

			send_sgi(sgi_to(sgi, 1U << peer));
			if (!wait_eq(&irqs[peer].sgi[sgi], before + 1, WAIT_MS)) {
				(*lost)++;
				return;
			}
		}
	}
}

/*
 * Runs the calling vCPU's virtual timer, re-armed @period_ms after each of its
 * interrupts, until @count came; returns how many did, and in @elapsed the
 * counter ticks that took.
 */
static uint32_t timer_run(uint32_t vcpu, uint32_t count, uint64_t period_ms, uint64_t *elapsed)
{
	struct vt_irqs *s = &irqs[vcpu];
	uint64_t rd = gicr(vcpu), start;
	uint32_t base = s->vtimer;

	s->timer_target = base + count;
	s->timer_period = ms_to_ticks(period_ms);
	wr8(rd + GICR_IPRIORITYR + PPI_VTIMER, 0x80);
	wr32(rd + GICR_ISENABLER0, 1U << PPI_VTIMER);
	start = rt_counter();
	sysreg_write(cntv_tval_el0, s->timer_period);
	sysreg_write(cntv_ctl_el0, 1); /* enabled, not masked */
	isb();
	wait_eq(&s->vtimer, base + count, WAIT_MS + count * period_ms);
	*elapsed = rt_counter() - start;
	sysreg_write(cntv_ctl_el0, 0);
	isb();
	wr32(rd + GICR_ICENABLER0, 1U << PPI_VTIMER);
	return s->vtimer - base;
}

/*
 * With interrupts masked, let the virtual timer fire so that its interrupt
 * is pending for the vCPU (Bulkhead took the physical PPI at EL2 and put it
 * in a list register), then stop the timer, as Linux's CPU teardown does
 * before PSCI CPU_OFF when the tick races with it.
 */
static void timer_fire_masked(uint32_t vcpu)
{
	uint64_t rd = gicr(vcpu);

	wr32(rd + GICR_ISENABLER0, 1U << PPI_VTIMER);
	sysreg_write(cntv_tval_el0, ms_to_ticks(1));
	sysreg_write(cntv_ctl_el0, 1);
	isb();
	delay_ms(5);
	sec.timer_fired = (uint32_t)((sysreg_read(cntv_ctl_el0) >> 2) & 1) |
			  (uint32_t)(sysreg_read(isr_el1) & 0x80);
	sysreg_write(cntv_ctl_el0, 0);
	isb();
	wr32(rd + GICR_ICENABLER0, 1U << PPI_VTIMER);
}

/* ------------------------------------------------------------ vCPU 1 */
static void secondary_serve(void)
{
	for (;;) {
		uint32_t seq = req.seq;
		int64_t ret = 0;

		if (seq == sec.done) {
			cpu_relax();
			continue;
		}
		dsb(); /* the request's op and arg were written before its seq */
		switch (req.op) {
		case OP_PINGPONG: {
			uint32_t lost;

			pingpong(1, (uint32_t)req.arg, &lost);
			ret = lost;
			break;
		}
		case OP_SGI:
			send_sgi(req.arg);
			break;
		case OP_TIMER: {
			uint64_t elapsed;
			uint32_t got = timer_run(1, (uint32_t)req.arg, 2, &elapsed);

			ret = (int64_t)((uint64_t)got << 32 | (elapsed & 0xffffffff));
			break;
		}
		case OP_CPU_OFF:
			irq_mask();
			if (req.arg)
				timer_fire_masked(1);
			sec.done = seq;
			smc(PSCI_CPU_OFF, 0, 0, 0);
			sec.off_returned = 1; /* CPU_OFF must not return */
			break;
		default:
			break;
		}
		sec.result = ret;
		dsb();
		sec.done = seq;
	}
}

void vt_secondary_main(uint64_t context, uint64_t kind)
{
	uint32_t bad;

	sec.context = context;
	sec.entry_kind = (uint32_t)kind;
	bad = redist_init(1) | cpuif_init();
	sec.init_detail = bad;
	sec.init_ok = !bad;
	dsb();
	sec.online++;
	irq_unmask();
	secondary_serve();
}

/* vCPU 0: ask vCPU 1 to do @op; waits for the answer unless @wait is false. */
static bool request(uint32_t op, uint64_t arg, bool wait, int64_t *ret)
{
	uint32_t seq = req.seq + 1;

	req.op = op;
	req.arg = arg;
	dsb();
	req.seq = seq;
	if (!wait)
		return true;
	if (!wait_eq(&sec.done, seq, 2 * WAIT_MS))
		return false;
	if (ret)
		*ret = sec.result;
	return true;
}

/* ------------------------------------------------------------ checks */
static void check_psci_basics(void)
{
	int64_t v = smc(PSCI_VERSION, 0, 0, 0);
	int64_t f_on = smc(PSCI_FEATURES, PSCI_CPU_ON, 0, 0);
	int64_t f_on32 = smc(PSCI_FEATURES, PSCI_CPU_ON_32, 0, 0);
	int64_t f_aff = smc(PSCI_FEATURES, PSCI_AFFINITY_INFO, 0, 0);
	int64_t f_bad = smc(PSCI_FEATURES, 0x8400001fUL, 0, 0);
	int64_t f_vendor = smc(PSCI_FEATURES, 0xc6000055UL, 0, 0);
	int64_t u_psci = smc(0x84000011UL, 0, 0, 0);
	int64_t u_sip = smc(0x82000001UL, 0, 0, 0);
	int64_t u_vendor = smc(0xc6000055UL, 0, 0, 0);
	int64_t u_oem = smc(0x83000000UL, 0, 0, 0);

	result("psci-version", v == 0x10000, "PSCI_VERSION 0x%lx, want 0x10000 (1.0)", (uint64_t)v);
	result("psci-features",
	       f_on == PSCI_SUCCESS && f_on32 == PSCI_SUCCESS && f_aff == PSCI_SUCCESS &&
		       f_bad == PSCI_NOT_SUPPORTED && f_vendor == PSCI_NOT_SUPPORTED,
	       "FEATURES CPU_ON %ld/%ld AFFINITY_INFO %ld unknown %ld vendor %ld", f_on, f_on32,
	       f_aff, f_bad, f_vendor);
	result("smccc-unknown",
	       u_psci == PSCI_NOT_SUPPORTED && u_sip == PSCI_NOT_SUPPORTED &&
		       u_vendor == PSCI_NOT_SUPPORTED && u_oem == PSCI_NOT_SUPPORTED,
	       "unknown IDs: PSCI %ld SiP %ld vendor-hyp %ld OEM %ld (want -1)", u_psci, u_sip,
	       u_vendor, u_oem);
}

static void check_cpu_on(void)
{
	int64_t aff_before = smc(PSCI_AFFINITY_INFO, 1, 0, 0);
	int64_t aff_self = smc(PSCI_AFFINITY_INFO, 0, 0, 0);
	int64_t on, aff_after;
	bool up;

	result("psci-affinity-off", aff_before == AFF_OFF && aff_self == AFF_ON,
	       "AFFINITY_INFO before CPU_ON: vcpu1 %ld (want 1) vcpu0 %ld (want 0)", aff_before,
	       aff_self);
	on = smc(PSCI_CPU_ON, 1, (uint64_t)(uintptr_t)vt_secondary_entry, CTX_FIRST);
	up = on == PSCI_SUCCESS && wait_eq(&sec.online, 1, WAIT_MS);
	aff_after = smc(PSCI_AFFINITY_INFO, 1, 0, 0);
	result("psci-cpu-on",
	       up && sec.entry_kind == 1 && sec.context == CTX_FIRST && aff_after == AFF_ON,
	       "CPU_ON %ld, online %u, entry %u, x0 0x%lx, AFFINITY_INFO %ld", on, sec.online,
	       sec.entry_kind, sec.context, aff_after);
	result("gic-vcpu1-init", up && sec.init_ok, "vcpu1 GIC set-up error bits 0x%x",
	       sec.init_detail);
}

static void check_sgis(void)
{
	uint32_t before0[16], before1[16], lost0, ok;
	int64_t lost1 = -1;
	const uint32_t rounds = 50;
	bool good;

	/* SGI to self, one ID after the other, interrupts unmasked. */
	good = true;
	for (uint32_t sgi = 0; sgi < 16 && good; sgi++) {
		uint32_t b = irqs[0].sgi[sgi];

		send_sgi(sgi_to(sgi, 1U << 0));
		good = wait_eq(&irqs[0].sgi[sgi], b + 1, WAIT_MS);
		if (!good)
			result("sgi-self", false, "SGI %u to self not received", sgi);
	}
	if (good) {
		int64_t r = -1;

		/* vCPU 1 too, to itself. */
		uint32_t b = irqs[1].sgi[5];

		good = request(OP_SGI, sgi_to(5, 1U << 1), true, &r) &&
		       wait_eq(&irqs[1].sgi[5], b + 1, WAIT_MS);
		result("sgi-self", good, "vcpu1's SGI 5 to itself: count %u -> %u", b,
		       irqs[1].sgi[5]);
	}

	/* Both vCPUs at once, each to the other, several IDs, many rounds. */
	memcpy(before0, (const void *)irqs[0].sgi, sizeof(before0));
	memcpy(before1, (const void *)irqs[1].sgi, sizeof(before1));
	request(OP_PINGPONG, rounds, false, NULL);
	pingpong(0, rounds, &lost0);
	if (wait_eq(&sec.done, req.seq, 4 * WAIT_MS))
		lost1 = sec.result;
	delay_ms(5);
	ok = 1;
	for (uint32_t sgi = 0; sgi < 16; sgi++) {
		bool used = false;

		for (uint32_t k = 0; k < sizeof(pingpong_sgis) / sizeof(pingpong_sgis[0]); k++)
			used = used || pingpong_sgis[k] == sgi;
		if (irqs[0].sgi[sgi] - before0[sgi] != (used ? rounds : 0) ||
		    irqs[1].sgi[sgi] - before1[sgi] != (used ? rounds : 0)) {
			ok = 0;
			result("sgi-cross-core", false,
			       "SGI %u: vcpu0 got %u, vcpu1 got %u, want %u each (lost %u/%ld)",
			       sgi, irqs[0].sgi[sgi] - before0[sgi],
			       irqs[1].sgi[sgi] - before1[sgi], used ? rounds : 0, lost0, lost1);
			break;
		}
	}
	if (ok)
		result("sgi-cross-core", lost0 == 0 && lost1 == 0, "lost %u/%ld", lost0, lost1);

	/* IRM = 1: every vCPU but the sender. */
	{
		uint32_t b0 = irqs[0].sgi[9], b1 = irqs[1].sgi[9], c0, c1;
		bool got1, got0;

		send_sgi(sgi_to(9, 0) | SGI1R_IRM);
		got1 = wait_eq(&irqs[1].sgi[9], b1 + 1, WAIT_MS);
		delay_ms(2);
		c0 = irqs[0].sgi[9] - b0;
		c1 = irqs[1].sgi[9] - b1;
		b0 = irqs[0].sgi[10];
		b1 = irqs[1].sgi[10];
		request(OP_SGI, sgi_to(10, 0) | SGI1R_IRM, true, NULL);
		got0 = wait_eq(&irqs[0].sgi[10], b0 + 1, WAIT_MS);
		delay_ms(2);
		result("sgi-broadcast",
		       got1 && got0 && c0 == 0 && c1 == 1 && irqs[1].sgi[10] == b1 &&
			       irqs[0].sgi[10] == b0 + 1,
		       "vcpu0's broadcast: vcpu0 +%u vcpu1 +%u; vcpu1's: vcpu0 +%u vcpu1 +%u", c0,
		       c1, irqs[0].sgi[10] - b0, irqs[1].sgi[10] - b1);
	}

	/*
	 * Targets outside the partition: vCPU 2 does not exist; Aff1 = 1 names
	 * no vCPU (a partition's vCPUs are 0.0.0.n). Neither may reach anyone;
	 * a list naming vCPU 1 and vCPU 5 still reaches vCPU 1.
	 */
	{
		uint32_t b0 = irqs[0].sgi[3], b1 = irqs[1].sgi[3], b1s4 = irqs[1].sgi[4];
		bool got;

		send_sgi(sgi_to(3, 1U << 2));
		send_sgi(sgi_to(3, 1U << 2));		   /* counted, reported once */
		send_sgi(sgi_to(3, 1U << 1) | 1ULL << 16); /* Aff1 = 1 */
		send_sgi(sgi_to(3, 1U << 1) | 1ULL << 44); /* RS = 1: vCPU 17 */
		send_sgi(sgi_to(4, (1U << 1) | (1U << 5)));
		got = wait_eq(&irqs[1].sgi[4], b1s4 + 1, WAIT_MS);
		delay_ms(2);
		result("sgi-outside-dropped", got && irqs[0].sgi[3] == b0 && irqs[1].sgi[3] == b1,
		       "SGI 3 to vCPUs outside: vcpu0 +%u vcpu1 +%u; SGI 4 to {1,5}: vcpu1 +%u",
		       irqs[0].sgi[3] - b0, irqs[1].sgi[3] - b1, irqs[1].sgi[4] - b1s4);
	}
}

/*
 * More SGIs pending than list registers: with PSTATE.I set, give each SGI in
 * @sgis its priority (GICR_IPRIORITYR, byte writes), send them all to self
 * in the order given, then unmask and record what the handler sees.
 */
static bool prio_run(const char *name, const uint32_t *sgis, const uint8_t *prios, uint32_t n,
		     bool strict)
{
	struct vt_irqs *s = &irqs[0];
	uint64_t rd = gicr(0);
	uint32_t seen[16] = {0};
	char got[ORDER_MAX * 4 + 1];
	size_t at = 0;
	bool ok = true;

	irq_mask();
	for (uint32_t i = 0; i < n; i++)
		wr8(rd + GICR_IPRIORITYR + sgis[i], prios[i]);
	for (uint32_t i = 0; i < n; i++)
		ok = ok && rd8(rd + GICR_IPRIORITYR + sgis[i]) == prios[i];
	s->norder = 0;
	s->recording = 1;
	for (uint32_t i = 0; i < n; i++)
		send_sgi(sgi_to(sgis[i], 1U << 0));
	irq_unmask();
	wait_eq(&s->norder, n, WAIT_MS);
	delay_ms(2); /* anything extra would come now */
	irq_mask();
	s->recording = 0;
	got[0] = '\0';
	for (uint32_t i = 0; i < s->norder && i < ORDER_MAX; i++)
		at += (size_t)fmt_snprintf(got + at, sizeof(got) - at, "%s%u", i ? "," : "",
					   s->order[i]);
	ok = ok && s->norder == n;
	for (uint32_t i = 0; ok && i < n; i++) {
		uint32_t intid = s->order[i];
		uint32_t k;

		for (k = 0; k < n && sgis[k] != intid; k++)
			;
		if (k == n || intid >= 16 || seen[intid]++) {
			ok = false;
			break;
		}
		if (i > 0) {
			uint32_t kp;

			for (kp = 0; kp < n && sgis[kp] != s->order[i - 1]; kp++)
				;
			if (prios[k] < prios[kp] || (strict && prios[k] == prios[kp]))
				ok = false;
		}
	}
	/* Back to the default priority for the other checks. */
	for (uint32_t i = 0; i < n; i++)
		wr8(rd + GICR_IPRIORITYR + sgis[i], DEFAULT_PRIO);
	irq_unmask();
	result(name, ok, "order seen %s", got);
	if (ok)
		rt_printf("vgictest: info: %s order %s\n", name, got);
	return ok;
}

static void check_priorities(void)
{
	/* 10 distinct priorities, scrambled, sent in SGI order: the later, better ones evict. */
	static const uint32_t sgis10[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
	static const uint8_t prios10[] = {0x48, 0x60, 0x38, 0x10, 0x58,
					  0x20, 0x08, 0x50, 0x28, 0x40};
	/* All 16 SGIs in 4 priority levels, sent in a scrambled order. */
	static const uint32_t sgis16[] = {11, 3, 14, 0, 7, 9, 2, 15, 5, 12, 1, 8, 6, 13, 4, 10};
	static const uint8_t prios16[] = {0x90, 0x30, 0x70, 0x90, 0x50, 0x30, 0x70, 0x50,
					  0x90, 0x30, 0x70, 0x50, 0x90, 0x30, 0x70, 0x50};
	/* 8 SGIs, one priority: each exactly once. */
	static const uint32_t sgis8[] = {8, 9, 10, 11, 12, 13, 14, 15};
	static const uint8_t prios8[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80};

	prio_run("prio-order", sgis10, prios10, 10, true);
	prio_run("prio-levels", sgis16, prios16, 16, false);
	prio_run("prio-equal", sgis8, prios8, 8, false);
}

static void check_timer(void)
{
	const uint32_t count = 5;
	const uint64_t period_ms = 2;
	uint64_t elapsed0, min = ms_to_ticks(period_ms * count);
	int64_t r1 = 0;
	uint32_t got0, got1;
	bool answered;

	/* Both vCPUs at once: each core's own timer PPI. */
	request(OP_TIMER, count, false, NULL);
	got0 = timer_run(0, count, period_ms, &elapsed0);
	answered = wait_eq(&sec.done, req.seq, 2 * WAIT_MS + 100);
	r1 = sec.result;
	got1 = (uint32_t)((uint64_t)r1 >> 32);
	result("timer-vcpu0", got0 == count && elapsed0 >= min && irqs[0].other == 0,
	       "%u of %u virtual timer interrupts in %lu ticks (min %lu), other INTIDs %u (last "
	       "%u)",
	       got0, count, elapsed0, min, irqs[0].other, irqs[0].last_other);
	result("timer-vcpu1",
	       answered && got1 == count && ((uint64_t)r1 & 0xffffffff) >= (min & 0xffffffff) &&
		       irqs[1].other == 0,
	       "%u of %u virtual timer interrupts in %lu ticks, other INTIDs %u (last %u)", got1,
	       count, (uint64_t)r1 & 0xffffffff, irqs[1].other, irqs[1].last_other);
}

/* The bit of @intid in a 1-bit-per-interrupt distributor register array. */
static bool dist_bit(uint32_t reg, uint32_t intid)
{
	return (rd32(GICD_BASE + reg + intid / 32 * 4) >> (intid % 32)) & 1;
}

static void dist_set_bit(uint32_t reg, uint32_t intid)
{
	wr32(GICD_BASE + reg + intid / 32 * 4, 1U << (intid % 32));
}

/* Try everything on an SPI the partition does not own: nothing may stick. */
static void check_not_owned(const char *name, uint32_t intid)
{
	uint32_t cfg_reg = GICD_ICFGR + intid / 16 * 4, cfg_bit = 1U << (intid % 16 * 2 + 1);
	bool en, pend, act, grp, cfg;
	uint8_t prio;
	uint64_t route;

	for (int i = 0; i < 2; i++) { /* twice: reported once, counted */
		dist_set_bit(GICD_ISENABLER, intid);
		dist_set_bit(GICD_ISPENDR, intid);
		dist_set_bit(GICD_ISACTIVER, intid);
		wr8(GICD_BASE + GICD_IPRIORITYR + intid, 0x40);
		wr32(GICD_BASE + cfg_reg, rd32(GICD_BASE + cfg_reg) | cfg_bit);
		wr64(GICD_BASE + GICD_IROUTER + intid * 8, 1);
	}
	en = dist_bit(GICD_ISENABLER, intid) || dist_bit(GICD_ICENABLER, intid);
	pend = dist_bit(GICD_ISPENDR, intid) || dist_bit(GICD_ICPENDR, intid);
	act = dist_bit(GICD_ISACTIVER, intid);
	grp = dist_bit(GICD_IGROUPR, intid);
	prio = rd8(GICD_BASE + GICD_IPRIORITYR + intid);
	cfg = (rd32(GICD_BASE + cfg_reg) & cfg_bit) != 0;
	route = rd64(GICD_BASE + GICD_IROUTER + intid * 8);
	result(name, !en && !pend && !act && !grp && !prio && !cfg && !route,
	       "INTID %u reads enable %d pend %d active %d group %d prio 0x%x edge %d route 0x%lx",
	       intid, en, pend, act, grp, prio, cfg, route);
}

static void check_ownership(void)
{
	bool en_on, en_off, grp;
	uint8_t prio;
	uint64_t route;

	/* Positive control: the partition's own (emulated UART) SPI takes the writes. */
	wr8(GICD_BASE + GICD_IPRIORITYR + SPI_OWN, 0x40);
	prio = rd8(GICD_BASE + GICD_IPRIORITYR + SPI_OWN);
	wr64(GICD_BASE + GICD_IROUTER + SPI_OWN * 8, 1);
	route = rd64(GICD_BASE + GICD_IROUTER + SPI_OWN * 8);
	wr64(GICD_BASE + GICD_IROUTER + SPI_OWN * 8, 0);
	dist_set_bit(GICD_ISENABLER, SPI_OWN);
	en_on = dist_bit(GICD_ISENABLER, SPI_OWN);
	dist_set_bit(GICD_ICENABLER, SPI_OWN);
	en_off = dist_bit(GICD_ISENABLER, SPI_OWN);
	grp = dist_bit(GICD_IGROUPR, SPI_OWN);
	wr8(GICD_BASE + GICD_IPRIORITYR + SPI_OWN, DEFAULT_PRIO);
	result("spi-own-control", prio == 0x40 && route == 1 && en_on && !en_off && grp,
	       "own SPI %u: prio 0x%x route 0x%lx enable %d/%d group %d", SPI_OWN, prio, route,
	       en_on, en_off, grp);

	check_not_owned("spi-foreign-denied", SPI_FOREIGN);
	check_not_owned("spi-unowned-denied", SPI_NOBODY);
}

static void check_psci_refusals(void)
{
	/* vCPU 2 (not in the partition), physical core 2's MPIDR (the other partition's), Aff1, Aff3. */
	static const uint64_t foreign[] = {0x2, 0x80000002UL, 0x100, 0xff00000001UL};
	int64_t on[4], aff[4], already1, already0, aff_lvl;
	bool ok = true;

	for (uint32_t i = 0; i < 4; i++) {
		on[i] = smc(PSCI_CPU_ON, foreign[i], (uint64_t)(uintptr_t)vt_secondary_entry, 0);
		aff[i] = smc(PSCI_AFFINITY_INFO, foreign[i], 0, 0);
		ok = ok && on[i] == PSCI_INVALID_PARAMETERS;
	}
	result("psci-cpu-on-foreign", ok,
	       "CPU_ON of 0x2/0x80000002/0x100/0xff00000001: %ld %ld %ld %ld", on[0], on[1], on[2],
	       on[3]);
	result("psci-affinity-foreign",
	       aff[0] == PSCI_INVALID_PARAMETERS && aff[1] == PSCI_INVALID_PARAMETERS &&
		       aff[2] == PSCI_INVALID_PARAMETERS && aff[3] == PSCI_INVALID_PARAMETERS,
	       "AFFINITY_INFO of foreign MPIDRs: %ld %ld %ld %ld", aff[0], aff[1], aff[2], aff[3]);
	already1 = smc(PSCI_CPU_ON, 1, (uint64_t)(uintptr_t)vt_secondary_entry, 0);
	already0 = smc(PSCI_CPU_ON, 0, (uint64_t)(uintptr_t)vt_secondary_entry, 0);
	result("psci-already-on", already1 == PSCI_ALREADY_ON && already0 == PSCI_ALREADY_ON,
	       "CPU_ON of running vcpu1 %ld, of self %ld (want -4)", already1, already0);
	aff_lvl = smc(PSCI_AFFINITY_INFO, 0, 0, 0);
	result("psci-affinity-on", aff_lvl == AFF_ON && smc(PSCI_AFFINITY_INFO, 1, 0, 0) == AFF_ON,
	       "AFFINITY_INFO of running vcpus: %ld %ld", aff_lvl,
	       smc(PSCI_AFFINITY_INFO, 1, 0, 0));
}

static void check_cpu_off_on(void)
{
	uint64_t end;
	int64_t aff = -99, on, again;
	uint32_t online = sec.online, b;
	bool off = false, up, got;

	/* It goes off with its timer's interrupt pending in a list register. */
	request(OP_CPU_OFF, 1, false, NULL);
	end = rt_counter() + ms_to_ticks(WAIT_MS);
	while ((int64_t)(rt_counter() - end) < 0) {
		aff = smc(PSCI_AFFINITY_INFO, 1, 0, 0);
		if (aff == AFF_OFF) {
			off = true;
			break;
		}
		cpu_relax();
	}
	delay_ms(2);
	result("psci-cpu-off", off && !sec.off_returned,
	       "AFFINITY_INFO of vcpu1 after its CPU_OFF: %ld (want 1), CPU_OFF returned %u", aff,
	       sec.off_returned);

	on = smc(PSCI_CPU_ON, 1, (uint64_t)(uintptr_t)vt_secondary_reentry, CTX_AGAIN);
	again = smc(PSCI_CPU_ON, 1, (uint64_t)(uintptr_t)vt_secondary_reentry, CTX_AGAIN);
	up = on == PSCI_SUCCESS && wait_eq(&sec.online, online + 1, WAIT_MS);
	aff = smc(PSCI_AFFINITY_INFO, 1, 0, 0);
	result("psci-cpu-on-again",
	       up && sec.entry_kind == 2 && sec.context == CTX_AGAIN && sec.init_ok &&
		       (again == PSCI_ALREADY_ON || again == PSCI_ON_PENDING) && aff == AFF_ON,
	       "CPU_ON %ld (then %ld), online %u, entry %u, x0 0x%lx, init 0x%x, AFFINITY_INFO %ld",
	       on, again, sec.online, sec.entry_kind, sec.context, sec.init_detail, aff);

	/* It serves requests and takes SGIs again. */
	b = irqs[1].sgi[6];
	send_sgi(sgi_to(6, 1U << 1));
	got = up && wait_eq(&irqs[1].sgi[6], b + 1, WAIT_MS) && request(OP_NOP, 0, true, NULL);
	result("sgi-after-reentry", got, "SGI 6 to vcpu1 after CPU_ON again: count %u -> %u", b,
	       irqs[1].sgi[6]);

	/*
	 * Its timer interrupt was pending when it went off: the physical PPI,
	 * active at EL2 until the guest's EOI, must not stay active for ever.
	 */
	{
		int64_t r1 = 0;
		uint32_t n = 0;

		if (up && request(OP_TIMER, 3, true, &r1))
			n = (uint32_t)((uint64_t)r1 >> 32);
		result("timer-after-cpu-off", n == 3,
		       "%u of 3 virtual timer interrupts on vcpu1 after CPU_OFF/CPU_ON "
		       "(its timer fired before CPU_OFF: ISTATUS %u, ISR_EL1.I %u)",
		       n, sec.timer_fired & 1, (sec.timer_fired >> 7) & 1);
	}
}

void guest_main(const void *fdt)
{
	struct rt_info info = rt_get_info();

	(void)fdt;
	sysreg_write(vbar_el1, (uint64_t)(uintptr_t)vt_vectors);
	isb();
	rt_printf("vgictest: start on vcpu %u of %u\n", info.vcpu, info.nvcpus);
	if (!info.hypervisor || info.nvcpus != NVCPUS || info.vcpu != 0) {
		result("setup", false,
		       "needs vcpu 0 of a %u-vCPU partition under Bulkhead (got %u of %u)", NVCPUS,
		       info.vcpu, info.nvcpus);
		rt_printf("vgictest: done passed=%u failed=%u\n", passed, failed);
		return;
	}

	check_gic_bringup();
	irq_unmask();
	check_psci_basics();
	check_cpu_on();
	if (sec.online) {
		check_sgis();
		check_priorities();
		check_timer();
	}
	check_ownership();
	check_psci_refusals();
	if (sec.online)
		check_cpu_off_on();
	result("no-stray-interrupts",
	       irqs[0].other == 0 && irqs[1].other == 0 && irqs[0].spurious < 4 &&
		       irqs[1].spurious < 4,
	       "other INTIDs vcpu0 %u (last %u) vcpu1 %u (last %u), spurious %u/%u", irqs[0].other,
	       irqs[0].last_other, irqs[1].other, irqs[1].last_other, irqs[0].spurious,
	       irqs[1].spurious);
	rt_printf("vgictest: done passed=%u failed=%u\n", passed, failed);
	irq_mask();
}
