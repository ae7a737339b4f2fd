// SPDX-License-Identifier: GPL-2.0-only
/*
 * The AArch32 trap-decoding guest (tests/integration/test_aarch32.py,
 * dts/aarch32.dts): an AArch32 EL1 partition on two cores, with Bulkhead's
 * emulated PL011 and vGIC. It checks, in the test-report protocol
 * (guests/lib/report.h):
 *  - the 32-bit Linux boot protocol at entry (r0 = 0, r1 = ~0, r2 = DTB, SVC,
 *    A I F masked, A32);
 *  - emulated MMIO of every width the devices take, from A32, 16-bit T32 and
 *    32-bit T32 encodings (ELR advanced by 4 or 2: ESR.IL), signed loads,
 *    loads into banked registers (LR_svc, SP_svc) and r8, a load inside a T32
 *    IT block (ITSTATE advanced);
 *  - HVC and SMC (SMC32 PSCI and SMCCC IDs, an SMC64 ID refused, a
 *    conditional SMC that fails its condition), PSCI CPU_ON into T32 on its
 *    second core and of a core it does not have;
 *  - trapped CP15/CP14 accesses: undefined ones injected as Undefined
 *    Instruction exceptions, conditional ones that fail skipped, DCCISW
 *    served, ICC_SGI1R through MCRR delivering an SGI to itself;
 * then reads memory it does not own: Bulkhead reports the fault and stops it.
 */
#include <guests/lib/console.h>
#include <guests/lib/report.h>
#include <lib/format.h>
#include <lib/smccc.h>

#include <stdbool.h>
#include <stdint.h>

#define GICD	   0x08000000U
#define GICD_CTLR  0x0000U
#define GICD_TYPER 0x0004U
#define GICR_SGI   (0x080a0000U + 0x10000U) /* vCPU 0's SGI frame */
#define GICR_WAKER (0x080a0000U + 0x14U)
/* GICR_IPRIORITYR for SGIs 4..7 (byte-accessible, GICv3 12.11.18): the vCPU's own. */
#define PRIO4	    (GICR_SGI + 0x404U)
#define UART	    0x09000000U
#define UARTFR	    0x018U
#define UARTIBRD    0x024U
#define FOREIGN_IPA 0x44100000U /* above the partition's 64 MiB of RAM */

/* r0, r1, r2, CPSR at entry (start.S, before .bss is cleared: so in .data) */
uint32_t a32_boot_regs[4] = {1, 1, 1, 1};
volatile uint32_t a32_undef_count, a32_undef_lr, a32_undef_spsr;
volatile uint32_t a32_second[2]; /* the secondary's r0 and CPSR (access.S) */
static volatile uint32_t ram_word = 0x5a5a5a5aU;

typedef uint32_t ld_fn(uint32_t addr);
typedef void st_fn(uint32_t addr, uint32_t value);
ld_fn a32_ldr, a32_ldrh, a32_ldrb, a32_ldrsh, a32_ldrsb, a32_ldr_lr, a32_ldr_sp, a32_ldr_r8;
ld_fn t16_ldr, t16_ldrh, t16_ldrb, t16_ldrsh, t16_ldrsb;
ld_fn t32_ldr, t32_ldrh, t32_ldrb, t32_ldrsh, t32_ldrsb;
st_fn a32_str, a32_strh, a32_strb, t16_str, t16_strh, t16_strb, t32_str, t32_strh, t32_strb;
uint32_t t32_it(uint32_t mmio, uint32_t ram);
ld_fn a32_ldr_fiq_r8, a32_ldr_fiq_r12, a32_ldr_fiq_sp, a32_ldr_fiq_lr, a32_ldr_irq_lr,
	a32_ldr_abt_sp, a32_ldr_und_lr;
typedef void bst_fn(uint32_t addr, uint32_t value, uint32_t decoy);
bst_fn a32_str_fiq_r8, a32_str_fiq_r11, a32_str_fiq_lr, a32_str_irq_sp, a32_str_abt_lr,
	a32_str_und_sp;
uint32_t a32_hvc(uint32_t fid, uint32_t a1, uint32_t a2, uint32_t a3);
uint32_t a32_smc(uint32_t fid, uint32_t a1, uint32_t a2, uint32_t a3);
uint32_t t32_hvc(uint32_t fid, uint32_t a1, uint32_t a2, uint32_t a3);
uint32_t a32_smc_ne(uint32_t fid);
uint32_t a32_pmcr_read(void), a32_pmcr_read_ne(void), a32_dbgdrar(void);
void a32_dccisw(uint32_t setway);
void a32_sgi1r(uint32_t lo, uint32_t hi), a32_sgi1r_ne(uint32_t lo, uint32_t hi);
uint32_t a32_icc_sre_read(void), a32_icc_iar1(void);
void a32_icc_sre_write(uint32_t v), a32_icc_pmr_write(uint32_t v);
void a32_icc_grpen1_write(uint32_t v), a32_icc_eoir1(uint32_t v);
void a32_secondary_t32(void);
void a32_main(void);
void a32_exception(uint32_t vector, uint32_t lr, uint32_t spsr);

#define PSR_MODE_SVC 0x13U
#define PSR_AIF	     0x1c0U

/* One encoding family: loads and stores of every width an emulated device takes. */
struct family {
	const char *name;
	ld_fn *ldr, *ldrh, *ldrb, *ldrsh, *ldrsb;
	st_fn *str, *strh, *strb;
};

static void fmt_name(char *buf, size_t size, const char *family, const char *what)
{
	fmt_snprintf(buf, size, "%s-%s", family, what);
}

static void check_family(const struct family *f)
{
	char name[32];
	uint32_t w, h, b;

	/* 32-bit and 8-bit: GICR_IPRIORITYR1 (SGIs 4..7). */
	f->str(PRIO4, 0xa0b0c0d0U);
	w = f->ldr(PRIO4);
	fmt_name(name, sizeof(name), f->name, "word");
	rt_test(name, w == 0xa0b0c0d0U, "GICR_IPRIORITYR1 read back 0x%x", w);
	f->strb(PRIO4 + 2, 0x90);
	b = f->ldrb(PRIO4 + 1);
	w = f->ldr(PRIO4);
	fmt_name(name, sizeof(name), f->name, "byte");
	rt_test(name, b == 0xc0 && w == 0xa090c0d0U, "byte 0x%x, word 0x%x", b, w);
	b = f->ldrsb(PRIO4 + 1);
	fmt_name(name, sizeof(name), f->name, "signed-byte");
	rt_test(name, b == 0xffffffc0U, "ldrsb 0x%x", b);
	/* 16-bit: the PL011's IBRD (a 16-bit register). */
	f->strh(UART + UARTIBRD, 0x8123);
	h = f->ldrh(UART + UARTIBRD);
	w = f->ldr(UART + UARTIBRD);
	fmt_name(name, sizeof(name), f->name, "half");
	rt_test(name, h == 0x8123 && w == 0x8123, "ldrh 0x%x, ldr 0x%x", h, w);
	h = f->ldrsh(UART + UARTIBRD);
	fmt_name(name, sizeof(name), f->name, "signed-half");
	rt_test(name, h == 0xffff8123U, "ldrsh 0x%x", h);
	f->str(PRIO4, 0);
}

static void check_entry(void)
{
	const uint8_t *dtb = (const uint8_t *)a32_boot_regs[2];
	uint32_t cpsr = a32_boot_regs[3];

	rt_test("boot-regs",
		a32_boot_regs[0] == 0 && a32_boot_regs[1] == 0xffffffffU && dtb[0] == 0xd0 &&
			dtb[1] == 0x0d && dtb[2] == 0xfe && dtb[3] == 0xed,
		"r0 0x%x r1 0x%x r2 0x%x", a32_boot_regs[0], a32_boot_regs[1], a32_boot_regs[2]);
	rt_test("boot-cpsr", (cpsr & 0x1ffU) == (PSR_MODE_SVC | PSR_AIF), "CPSR 0x%x", cpsr);
}

static void check_banked(void)
{
	uint32_t lr, sp, r8;

	a32_str(PRIO4, 0x10203040U);
	lr = a32_ldr_lr(PRIO4);
	sp = a32_ldr_sp(PRIO4);
	r8 = a32_ldr_r8(PRIO4);
	rt_test("banked-lr-svc", lr == 0x10203040U, "0x%x", lr);
	rt_test("banked-sp-svc", sp == 0x10203040U, "0x%x", sp);
	rt_test("r8", r8 == 0x10203040U, "0x%x", r8);
	lr = t32_it(PRIO4, (uint32_t)&ram_word);
	rt_test("t32-it-block", lr == 0x10203041U, "0x%x", lr);
	a32_str(PRIO4, 0);
}

/*
 * Loads into and stores from the banked registers of FIQ, IRQ, ABT and UND
 * mode (attack4 review): Bulkhead must take the trapping mode's bank for the
 * ISS's register (core/mmio.c, a32_iss_reg()), not the User one.
 */
static void check_banked_modes(void)
{
	static ld_fn *const lds[] = {a32_ldr_fiq_r8, a32_ldr_fiq_r12, a32_ldr_fiq_sp,
				     a32_ldr_fiq_lr, a32_ldr_irq_lr,  a32_ldr_abt_sp,
				     a32_ldr_und_lr};
	static bst_fn *const sts[] = {a32_str_fiq_r8, a32_str_fiq_r11, a32_str_fiq_lr,
				      a32_str_irq_sp, a32_str_abt_lr,  a32_str_und_sp};
	uint32_t bad_ld = 0, bad_st = 0, first = 0;

	for (uint32_t i = 0; i < sizeof(lds) / sizeof(lds[0]); i++) {
		uint32_t want = 0x10203000U | ((i + 1U) << 3), got; /* 5 priority bits */

		a32_str(PRIO4, want);
		got = lds[i](PRIO4);
		if (got != want && bad_ld == 0)
			first = got;
		bad_ld |= (got != want) ? 1U << i : 0U;
	}
	rt_test("banked-modes-load", bad_ld == 0, "loads 0x%x wrong (first read 0x%x)", bad_ld,
		first);
	for (uint32_t i = 0; i < sizeof(sts) / sizeof(sts[0]); i++) {
		uint32_t want = 0x40506000U | ((i + 1U) << 3), got;

		a32_str(PRIO4, 0);
		sts[i](PRIO4, want, 0xdeadbeefU);
		got = a32_ldr(PRIO4);
		if (got != want && bad_st == 0)
			first = got;
		bad_st |= (got != want) ? 1U << i : 0U;
	}
	rt_test("banked-modes-store", bad_st == 0, "stores 0x%x wrong (first wrote 0x%x)", bad_st,
		first);
	a32_str(PRIO4, 0);
}

static void check_calls(void)
{
	uint32_t v;

	v = a32_hvc(PSCI_VERSION, 0, 0, 0);
	rt_test("hvc-psci-version", v == 0x10000, "0x%x", v);
	v = t32_hvc(PSCI_VERSION, 0, 0, 0);
	rt_test("t32-hvc-psci-version", v == 0x10000, "0x%x", v);
	v = a32_smc(PSCI_VERSION, 0, 0, 0);
	rt_test("smc32-psci-version", v == 0x10000, "0x%x", v);
	v = a32_hvc(SMCCC_VERSION, 0, 0, 0);
	rt_test("smccc-version", v == 0x10001, "0x%x", v);
	v = a32_smc(PSCI_CPU_ON_64, 1, 0, 0);
	rt_test("smc64-refused", v == 0xffffffffU, "0x%x", v);
	v = a32_smc_ne(PSCI_VERSION);
	rt_test("smc-cond-failed-skipped", v == PSCI_VERSION, "0x%x", v);
	v = a32_hvc(PSCI_CPU_ON, 2, (uint32_t)&a32_secondary_t32, 0);
	rt_test("psci-cpu-on-foreign", v == 0xfffffffeU, "0x%x", v);
}

/*
 * MRS reads the execution-state bits (T, IT) as 0: that the T32 entry code
 * ran and wrote the context is what shows it was entered in T32.
 */
static void check_cpu_on_t32(void)
{
	uint32_t entry = (uint32_t)&a32_secondary_t32, v, n = 0;

	v = a32_hvc(PSCI_CPU_ON, 1, entry, 0x1234abcdU);
	while (a32_second[0] != 0x1234abcdU && ++n < 50000000)
		;
	rt_test("cpu-on-t32",
		(entry & 1) && v == 0 && a32_second[0] == 0x1234abcdU &&
			(a32_second[1] & 0x1ffU) == (PSR_MODE_SVC | PSR_AIF),
		"entry 0x%x ret 0x%x r0 0x%x cpsr 0x%x", entry, v, a32_second[0], a32_second[1]);
}

static void check_coproc(void)
{
	uint32_t before = a32_undef_count, v;

	v = a32_dbgdrar();
	rt_test("cp14-undef",
		a32_undef_count == before + 1 && a32_undef_lr == (uint32_t)&a32_dbgdrar + 4,
		"undef count %u (before %u), LR_und 0x%x", a32_undef_count, before, a32_undef_lr);
	before = a32_undef_count;
	v = a32_pmcr_read();
	rt_test("cp15-pmu-undef", a32_undef_count == before + 1, "undef count %u, PMCR 0x%x",
		a32_undef_count, v);
	before = a32_undef_count;
	v = a32_pmcr_read_ne();
	rt_test("cp15-cond-failed-skipped", a32_undef_count == before && v == 7,
		"undef count %u (before %u), r0 %u", a32_undef_count, before, v);
	a32_dccisw(0);
	rt_test("cp15-dccisw", a32_undef_count == before, "undef count %u", a32_undef_count);
}

static void gic_init(void)
{
	*(volatile uint32_t *)(GICD + GICD_CTLR) = 0x12; /* ARE, EnableGrp1 */
	*(volatile uint32_t *)GICR_WAKER = 0;
	*(volatile uint32_t *)(GICR_SGI + 0x080) = 1U << 3; /* IGROUPR0 */
	*(volatile uint8_t *)(GICR_SGI + 0x400 + 3) = 0xa0; /* IPRIORITYR */
	*(volatile uint32_t *)(GICR_SGI + 0x100) = 1U << 3; /* ISENABLER0 */
	a32_icc_sre_write(a32_icc_sre_read() | 1);
	a32_icc_pmr_write(0xff);
	a32_icc_grpen1_write(1);
}

static uint32_t wait_iar(void)
{
	uint32_t id = 1023;

	for (uint32_t i = 0; i < 1000 && id >= 1020; i++)
		id = a32_icc_iar1() & 0xffffff;
	return id;
}

static void check_sgi(void)
{
	uint32_t sgi = 3U << 24 | 1U; /* INTID 3, target list: Aff0 0 (itself) */
	uint32_t id;

	gic_init();
	a32_sgi1r_ne(sgi, 0);
	id = a32_icc_iar1() & 0xffffff;
	rt_test("sgi1r-cond-failed-skipped", id >= 1020, "IAR1 %u", id);
	a32_sgi1r(sgi, 0);
	id = wait_iar();
	rt_test("sgi1r-mcrr", id == 3, "IAR1 %u", id);
	if (id < 1020)
		a32_icc_eoir1(id);
}

void a32_exception(uint32_t vector, uint32_t lr, uint32_t spsr)
{
	rt_printf("a32: unexpected exception %u (LR 0x%x SPSR 0x%x)\n", vector, lr, spsr);
	for (;;)
		__asm__ volatile("wfi");
}

void a32_main(void)
{
	static const struct family fams[] = {
		{"a32", a32_ldr, a32_ldrh, a32_ldrb, a32_ldrsh, a32_ldrsb, a32_str, a32_strh,
		 a32_strb},
		{"t16", t16_ldr, t16_ldrh, t16_ldrb, t16_ldrsh, t16_ldrsb, t16_str, t16_strh,
		 t16_strb},
		{"t32", t32_ldr, t32_ldrh, t32_ldrb, t32_ldrsh, t32_ldrsb, t32_str, t32_strh,
		 t32_strb},
	};

	rt_test_begin("a32");
	check_entry();
	for (uint32_t i = 0; i < 3; i++)
		check_family(&fams[i]);
	check_banked();
	check_banked_modes();
	check_calls();
	check_cpu_on_t32();
	check_coproc();
	check_sgi();
	rt_test_done();
	rt_printf("a32: reading foreign memory at 0x%x\n", FOREIGN_IPA);
	(void)a32_ldr(FOREIGN_IPA);
	rt_printf("a32: FAIL foreign memory was readable\n");
}
