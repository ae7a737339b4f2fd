// SPDX-License-Identifier: GPL-2.0-only
/*
 * GICv3 direct-delivery probe: runs alone on QEMU virt (no Bulkhead, no
 * U-Boot), at EL2 on one core, and sets the CPU interface up as Bulkhead's
 * "direct" interrupt delivery would (docs/design.md "Direct interrupt
 * delivery"): HCR_EL2.IMO = 0 (Group 1 interrupts taken at EL1 from the
 * physical CPU interface), HCR_EL2.FMO = 1 (Group 0 interrupts are FIQs taken
 * at EL2), the EL2 timer PPI (INTID 26) in Group 0 at the highest priority.
 * Then it drops to EL1, which plays a hostile guest according to the variant
 * word QEMU's loader puts at VARIANT_ADDR, and reports whether EL2 still gets
 * its FIQ. tests/integration/test_gic_direct_probe.py runs the variants.
 *
 * Register encodings: Arm IHI 0069 (GICv3) chapter 12; HCR_EL2 and the EL2
 * timer: Arm DDI 0487.
 */
#include <stdint.h>

typedef _Bool bool_;

#define VARIANT_ADDR 0x48000000UL
#define V_AP1R	     0x1  /* EL1 writes ICC_AP1R0_EL1 = 1 (active priority 0x00) */
#define V_PMR	     0x2  /* EL1 writes ICC_PMR_EL1 = 0 */
#define V_TALL1	     0x4  /* EL2 sets ICH_HCR_EL2.TALL1 before entering EL1 */
#define V_GRP1	     0x8  /* EL1 writes ICC_IGRPEN1_EL1 = 0 and ICC_BPR1_EL1 = 7 */
#define V_EOI	     0x10 /* EL1 acks its SGI 1, then EOIs SPI 40 ("another owner's", active) */
#define V_SPLIT	     0x20 /* EL2 sets ICC_CTLR_EL1.EOImode = 1 (priority drop only) */

#define V_LAT	 0x40 /* EL1 times its own virtual-timer IRQ (INTID 27, Group 1) */
#define V_REVOKE 0x80 /* core 1 takes core 0 back by revoking its stage 2 (-smp 2) */

#define SPI_FOREIGN 40
#define PPI_VTIMER  27

#define UART_DR	   0x09000000UL
#define GICD	   0x08000000UL
#define GICR_SGI   (0x080a0000UL + 0x10000UL) /* core 0's SGI/PPI frame */
#define GICR_WAKER (0x080a0000UL + 0x14)

#define PPI_EL2_TIMER 26

#define SYSREG_W(name, v) __asm__ volatile("msr " name ", %0" ::"r"((uint64_t)(v)) : "memory")
#define SYSREG_R(name)                                                                             \
	({                                                                                         \
		uint64_t v_;                                                                       \
		__asm__ volatile("mrs %0, " name : "=r"(v_)::"memory");                            \
		v_;                                                                                \
	})
#define ISB() __asm__ volatile("isb" ::: "memory")

/* ICC_* and ICH_* by encoding (IHI 0069 12.1.6). */
#define ICC_SRE_EL2	"S3_4_C12_C9_5"
#define ICC_PMR_EL1	"S3_0_C4_C6_0"
#define ICC_CTLR_EL1	"S3_0_C12_C12_4"
#define ICC_IGRPEN0_EL1 "S3_0_C12_C12_6"
#define ICC_IGRPEN1_EL1 "S3_0_C12_C12_7"
#define ICC_BPR1_EL1	"S3_0_C12_C12_3"
#define ICC_IAR0_EL1	"S3_0_C12_C8_0"
#define ICC_IAR1_EL1	"S3_0_C12_C12_0"
#define ICC_EOIR1_EL1	"S3_0_C12_C12_1"
#define ICC_AP1R0_EL1	"S3_0_C12_C9_0"
#define ICC_RPR_EL1	"S3_0_C12_C11_3"
#define ICH_HCR_EL2	"S3_4_C12_C11_0"

#define HCR_VM	  (1UL << 0)
#define HCR_FMO	  (1UL << 3)
#define HCR_RW	  (1UL << 31)
#define ICH_EN	  (1UL << 0)
#define ICH_TALL1 (1UL << 12)

void probe_el2_main(void);
void probe_el1_main(void);
void probe_el2_exception(uint64_t kind, uint64_t esr, uint64_t elr);
void probe_el1_irq(void);
void probe_core1_main(void);
extern char probe_core1_entry[];
extern char probe_el1_entry[], el1_vectors[];

static inline void wr32(uintptr_t a, uint32_t v)
{
	*(volatile uint32_t *)a = v;
}

static inline uint32_t rd32(uintptr_t a)
{
	return *(volatile uint32_t *)a;
}

static void puts_(const char *s)
{
	for (; *s; s++)
		wr32(UART_DR, (uint32_t)(uint8_t)*s);
}

static void puthex(uint64_t v)
{
	char b[19] = "0x";
	int n = 2;

	for (int sh = 60; sh >= 0; sh -= 4) {
		uint32_t d = (uint32_t)(v >> sh) & 0xf;

		if (d || n > 2 || sh == 0)
			b[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
	}
	b[n] = 0;
	puts_(b);
}

static __attribute__((noreturn)) void power_off(void)
{
	register uint64_t x0 __asm__("x0") = 0x84000008; /* PSCI SYSTEM_OFF */

	puts_("probe: done\n");
	__asm__ volatile("smc #0" : "+r"(x0)::"memory");
	for (;;)
		__asm__ volatile("wfe");
}

/* Written by EL1 (V_EOI), read by EL2 after HVC #2. */
static volatile uint64_t el1_acked = 1023;
/* V_REVOKE: set by EL1 once it has blocked Group 0; read by core 1. */
static volatile uint32_t el1_blocked;
/*
 * V_REVOKE: core 0's stage-2 level-1 table, IPA = PA: 1 GiB blocks, device
 * memory below 1 GiB (GIC, UART), normal memory above (VTCR_EL2.T0SZ 32).
 */
static uint64_t s2_l1[4] __attribute__((aligned(4096)));
/* V_LAT: the deadline EL1 set and the counter at its IRQ handler's entry. */
static volatile uint64_t el1_cval, el1_seen;

static uint32_t variant(void)
{
	return *(volatile uint32_t *)VARIANT_ADDR;
}

/* Distributor: affinity routing, both groups on (one security state: DS == 1). */
static void gic_init(void)
{
	wr32(GICD, 0);
	while (rd32(GICD) & (1U << 31))
		;
	wr32(GICD, (1U << 4) | 0x3); /* ARE, EnableGrp1, EnableGrp0 */
	wr32(GICR_WAKER, rd32(GICR_WAKER) & ~2U);
	while (rd32(GICR_WAKER) & 4U)
		;
	/* INTID 26 in Group 0 at priority 0x00; every other SGI/PPI Group 1 at 0xa0. */
	wr32(GICR_SGI + 0x80, ~(1U << PPI_EL2_TIMER));
	for (uint32_t i = 0; i < 32; i += 4)
		wr32(GICR_SGI + 0x400 + i, 0xa0a0a0a0U);
	*(volatile uint8_t *)(GICR_SGI + 0x400 + PPI_EL2_TIMER) = 0x00;
	wr32(GICR_SGI + 0x100, 1U << PPI_EL2_TIMER);

	SYSREG_W(ICC_SRE_EL2, 0xf); /* SRE, DFB, DIB, Enable (EL1 may use ICC_SRE_EL1) */
	ISB();
	SYSREG_W(ICC_PMR_EL1, 0xff);
	SYSREG_W(ICC_CTLR_EL1, (variant() & V_SPLIT) ? 2 : 0); /* EOImode, CBPR 0 */
	SYSREG_W(ICC_IGRPEN0_EL1, 1);
	SYSREG_W(ICC_IGRPEN1_EL1, 1);
	ISB();
	if (variant() & V_LAT)
		wr32(GICR_SGI + 0x100, 1U << PPI_VTIMER);
	if (!(variant() & V_EOI))
		return;
	/* SPI 40: Group 1, active (as if another partition's core were handling it). */
	wr32(GICD + 0x80 + (SPI_FOREIGN / 32) * 4, 1U << (SPI_FOREIGN % 32));
	wr32(GICD + 0x300 + (SPI_FOREIGN / 32) * 4, 1U << (SPI_FOREIGN % 32));
	/* SGI 1 (Group 1, the guest's own): enabled and pending for EL1 to acknowledge. */
	wr32(GICR_SGI + 0x100, 1U << 1);
	wr32(GICR_SGI + 0x200, 1U << 1);
}

static bool_ spi_active(uint32_t intid)
{
	return (rd32(GICD + 0x300 + (intid / 32) * 4) >> (intid % 32)) & 1;
}

/* Stage-2 block attributes: valid block, S2AP RW, inner shareable, AF; MemAttr. */
#define S2_BLOCK  (0x1UL | (3UL << 6) | (3UL << 8) | (1UL << 10))
#define S2_DEVICE (0x1UL << 2) /* Device-nGnRE */
#define S2_NORMAL (0xfUL << 2) /* Normal, write-back */
#define S2_VMID	  (1UL << 48)

static void stage2_on(void)
{
	register uint64_t x0 __asm__("x0") = 0xc4000003; /* PSCI CPU_ON (64-bit) */
	register uint64_t x1 __asm__("x1") = 1;		 /* MPIDR of core 1 */
	register uint64_t x2 __asm__("x2") = (uintptr_t)probe_core1_entry;
	register uint64_t x3 __asm__("x3") = 0;

	s2_l1[0] = 0x00000000UL | S2_BLOCK | S2_DEVICE;
	s2_l1[1] = 0x40000000UL | S2_BLOCK | S2_NORMAL;
	__asm__ volatile("dsb ish" ::: "memory");
	/* T0SZ 32, SL0 1 (start at level 1), WBWA walks, inner shareable, 4 KiB, PS 32 bits. */
	SYSREG_W("vtcr_el2",
		 (1UL << 31) | 32 | (1UL << 6) | (1UL << 8) | (1UL << 10) | (3UL << 12));
	SYSREG_W("vttbr_el2", (uintptr_t)s2_l1 | S2_VMID);
	ISB();
	__asm__ volatile("tlbi vmalls12e1is\n dsb ish" ::: "memory");
	__asm__ volatile("smc #0" : "+r"(x0) : "r"(x1), "r"(x2), "r"(x3) : "memory");
	if (x0 != 0) {
		puts_("probe: CPU_ON failed\n");
		power_off();
	}
}

/*
 * Core 1, at EL2, in "trap" mode: waits for core 0's guest to block Group 0,
 * lets the EL2 timer's FIQ go unanswered for 4 periods, then revokes core
 * 0's stage 2 and invalidates its TLB entries (broadcast, by VMID). Core 0's
 * next instruction fetch faults to its EL2: the guest's CPU interface state
 * does not matter.
 */
void probe_core1_main(void)
{
	uint64_t frq = SYSREG_R("cntfrq_el0"), start;

	while (!el1_blocked)
		__asm__ volatile("wfe"); /* not a spin: under icount it would eat core 0's time */
	start = SYSREG_R("cntpct_el0");
	while (SYSREG_R("cntpct_el0") - start < 4 * (frq / 100))
		;
	puts_("probe: core 1 revokes core 0's stage 2\n");
	s2_l1[1] = 0;
	__asm__ volatile("dsb ish" ::: "memory");
	SYSREG_W("vttbr_el2", (uintptr_t)s2_l1 | S2_VMID); /* TLBI by VMID uses VTTBR's */
	ISB();
	__asm__ volatile("tlbi vmalls12e1is\n dsb ish\n isb" ::: "memory");
}

void probe_el2_main(void)
{
	uint64_t frq = SYSREG_R("cntfrq_el0");

	puts_("probe: variant ");
	puthex(variant());
	puts_("\n");
	gic_init();
	SYSREG_W("cnthctl_el2", 3); /* EL1 reads the counters */
	SYSREG_W("cntvoff_el2", 0);
	SYSREG_W(ICH_HCR_EL2, (variant() & V_TALL1) ? ICH_EN | ICH_TALL1 : 0);
	if (variant() & V_REVOKE)
		stage2_on();
	SYSREG_W("hcr_el2", HCR_RW | HCR_FMO | ((variant() & V_REVOKE) ? HCR_VM : 0));
	/* IMO = 0 above: Group 1 goes to EL1. */
	SYSREG_W("sctlr_el1", 0x30d00800); /* MMU and caches off */
	SYSREG_W("vbar_el1", (uintptr_t)el1_vectors);
	/* The EL2 timer fires in 10 ms: a FIQ to EL2 (FMO), whatever EL1's PSTATE says. */
	SYSREG_W("cnthp_tval_el2", frq / 100);
	SYSREG_W("cnthp_ctl_el2", 1);
	SYSREG_W("spsr_el2", 0x3c5); /* EL1h, D A I F all masked */
	SYSREG_W("elr_el2", (uintptr_t)probe_el1_entry);
	ISB();
	__asm__ volatile("eret");
}

/* EL1: the hostile guest. Spins four timer periods, then HVC #0 ("no FIQ came"). */
void probe_el1_main(void)
{
	uint64_t frq = SYSREG_R("cntfrq_el0"), start = SYSREG_R("cntvct_el0");

	if (variant() & V_AP1R)
		SYSREG_W(ICC_AP1R0_EL1, 1);
	if (variant() & V_REVOKE) {
		ISB();
		puts_("probe: EL1 blocked Group 0, now spins with no memory access\n");
		el1_blocked = 1;
		__asm__ volatile("dsb sy\n sev" ::: "memory");
		__asm__ volatile("1: b 1b"); /* the worst guest: no access, no trap, ever */
	}
	if (variant() & V_PMR)
		SYSREG_W(ICC_PMR_EL1, 0);
	if (variant() & V_EOI) {
		el1_acked = SYSREG_R(ICC_IAR1_EL1) & 0xffffff;
		SYSREG_W(ICC_EOIR1_EL1, SPI_FOREIGN);
		ISB();
		__asm__ volatile("hvc #2");
	}
	if (variant() & V_LAT) {
		el1_cval = SYSREG_R("cntvct_el0") + frq / 1000;
		SYSREG_W("cntv_cval_el0", el1_cval);
		SYSREG_W("cntv_ctl_el0", 1);
		ISB();
		__asm__ volatile("msr daifclr, #2" ::: "memory");
		for (;;)
			__asm__ volatile("wfi");
	}
	if (variant() & V_GRP1) {
		SYSREG_W(ICC_IGRPEN1_EL1, 0);
		SYSREG_W(ICC_BPR1_EL1, 7);
	}
	ISB();
	puts_("probe: EL1 spinning\n");
	while (SYSREG_R("cntvct_el0") - start < 4 * (frq / 100))
		;
}

/* EL1's IRQ vector (V_LAT): the counter first, then the physical acknowledge. */
void probe_el1_irq(void)
{
	el1_seen = SYSREG_R("cntvct_el0");
	el1_acked = SYSREG_R(ICC_IAR1_EL1) & 0xffffff;
	__asm__ volatile("hvc #3");
}

void probe_el2_exception(uint64_t kind, uint64_t esr, uint64_t elr)
{
	uint32_t ec = (uint32_t)(esr >> 26) & 0x3f;

	if (kind == 10) {
		puts_("probe: FIQ at EL2, INTID ");
		puthex(SYSREG_R(ICC_IAR0_EL1) & 0xffffff);
		puts_("\n");

	} else if (kind == 8 && ec == 0x16 && (esr & 0xffff) == 0) {
		puts_("probe: no FIQ at EL2 in 4 timer periods; physical ICC_RPR_EL1 ");
		puthex(SYSREG_R(ICC_RPR_EL1));
		puts_(", ICC_AP1R0_EL1 ");
		puthex(SYSREG_R(ICC_AP1R0_EL1));
		puts_(", timer ISTATUS ");
		puthex((SYSREG_R("cnthp_ctl_el2") >> 2) & 1);
		puts_("\n");
	} else if (kind == 8 && ec == 0x16 && (esr & 0xffff) == 2) {
		puts_("probe: EL1 acknowledged INTID ");
		puthex(el1_acked);
		puts_(" and wrote ICC_EOIR1_EL1 with ");
		puthex(SPI_FOREIGN);
		puts_(": that SPI is now ");
		puts_(spi_active(SPI_FOREIGN) ? "still active\n" : "inactive\n");
	} else if (kind == 8 && ec == 0x16 && (esr & 0xffff) == 3) {
		puts_("probe: EL1 took INTID ");
		puthex(el1_acked);
		puts_(" straight from the GIC, ");
		puthex(el1_seen - el1_cval);
		puts_(" ticks after its deadline\n");
	} else if (kind == 8 && ec == 0x20) {
		/* V_REVOKE: taken back; reset what the guest left, then Group 0 is ours again. */
		puts_("probe: core 0 taken back by a stage-2 fault (instruction abort, ISS ");
		puthex(esr & 0x1ffffff);
		puts_(")\n");
		SYSREG_W(ICC_AP1R0_EL1, 0);
		ISB();
		puts_("probe: after ICC_AP1R0_EL1 = 0, ICC_IAR0_EL1 gives INTID ");
		puthex(SYSREG_R(ICC_IAR0_EL1) & 0xffffff);
		puts_("\n");
	} else if (kind == 8 && ec == 0x18) {
		puts_("probe: EL1 system-register access trapped to EL2, ISS ");
		puthex(esr & 0x1ffffff);
		puts_("\n");
	} else {
		puts_("probe: unexpected exception, kind ");
		puthex(kind);
		puts_(" ESR ");
		puthex(esr);
		puts_(" ELR ");
		puthex(elr);
		puts_("\n");
	}
	power_off();
}
