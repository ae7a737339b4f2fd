// SPDX-License-Identifier: GPL-2.0-only
/*
 * vgictest: checks the virtual GICv3 and the guest PSCI that Bulkhead gives a
 * partition, from inside a 2-vCPU partition (dts/vgic-test.dts,
 * tests/integration/test_vgic.py). Everything is done as a guest OS would:
 * MMIO to the emulated distributor and redistributors its device tree names
 * (0x08000000, 0x080a0000 + 0x20000 per vCPU), the ICC_* system registers
 * (ICV_* under Bulkhead), PSCI over HVC. Built on the guest library
 * (guests/lib/): its test-report protocol prints the PASS/FAIL/done lines.
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
#include <guests/lib/dt.h>
#include <guests/vgictest/vgictest.h>

#include <string.h>

/* Owned as their comments in vgictest.h say. */
uint64_t gicd, gicr0;
struct vt_irqs irqs[NVCPUS];
struct vt_secondary sec;
struct vt_request req;
const uint32_t pingpong_sgis[4] = {1, 2, 7, 14};

/* ------------------------------------------------------------ interrupts */
/*
 * The PSCI CPU_ON entry points of vCPU 1: the library's, with x1 saying
 * which was used (guest_secondary()'s @kind).
 */
__asm__(".text\n"
	".global vt_secondary_entry\n"
	"vt_secondary_entry: mov x1, #1\n\tb rt_secondary_entry\n"
	".global vt_secondary_reentry\n"
	"vt_secondary_reentry: mov x1, #2\n\tb rt_secondary_entry\n");

/* IRQ hook: one interrupt acknowledged, counted and ended; interrupts stay masked. */
static struct rt_frame *vt_irq(struct rt_frame *f)
{
	struct vt_irqs *s = &irqs[cpu_index() & 1];
	uint64_t iar = sysreg_read(icc_iar1_el1);
	uint32_t intid = (uint32_t)iar & 0xffffff;

	if (intid >= GIC_INTID_SPURIOUS) {
		s->spurious++;
		return f;
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
	return f;
}

/* ------------------------------------------------------------ GIC bring-up */
/* The CPU interface of the calling vCPU, as Linux's gic_cpu_sys_reg_init(). */
uint32_t cpuif_init(void)
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
uint32_t redist_init(uint32_t vcpu)
{
	uint64_t rd = gicr(vcpu);
	uint64_t end;
	uint32_t bad = 0;

	mmio_write32(rd + GICR_WAKER, mmio_read32(rd + GICR_WAKER) & ~GICR_WAKER_PROCESSOR_SLEEP);
	end = rt_counter() + rt_ms_to_ticks(WAIT_MS);
	while (mmio_read32(rd + GICR_WAKER) & GICR_WAKER_CHILDREN_ASLEEP) {
		if ((int64_t)(rt_counter() - end) > 0) {
			bad |= 0x10;
			break;
		}
	}
	if (mmio_read32(rd + GICR_WAKER) &
	    (GICR_WAKER_PROCESSOR_SLEEP | GICR_WAKER_CHILDREN_ASLEEP))
		bad |= 0x20;
	mmio_write32(rd + GICR_ICACTIVER0, 0xffffffff);
	mmio_write32(rd + GICR_ICENABLER0, 0xffff0000); /* PPIs off */
	mmio_write32(rd + GICR_ICPENDR0, 0xffffffff);
	mmio_write32(rd + GICR_IGROUPR0, 0xffffffff);
	for (uint32_t i = 0; i < 32; i += 4)
		mmio_write32(rd + GICR_IPRIORITYR + i, DEFAULT_PRIO * 0x01010101U);
	mmio_write32(rd + GICR_ISENABLER0, 0x0000ffff); /* every SGI on */
	if ((mmio_read32(rd + GICR_ISENABLER0) & 0xffff) != 0xffff)
		bad |= 0x40;
	if (mmio_read32(rd + GICR_IPRIORITYR + 4) != DEFAULT_PRIO * 0x01010101U)
		bad |= 0x80;
	return bad;
}

/* ------------------------------------------------------------ both vCPUs */
/* SGIs to the other vCPU, one at a time, each waited for (so none merge). */
void pingpong(uint32_t self, uint32_t rounds, uint32_t *lost)
{
	uint32_t peer = self ^ 1;

	*lost = 0;
	for (uint32_t r = 0; r < rounds; r++) {
		for (uint32_t k = 0; k < sizeof(pingpong_sgis) / sizeof(pingpong_sgis[0]); k++) {
			uint32_t sgi = pingpong_sgis[k];
			uint32_t before = irqs[peer].sgi[sgi];

			gic_sgi1r(gic_sgi_to(sgi, 1U << peer));
			if (!rt_wait_eq32(&irqs[peer].sgi[sgi], before + 1, WAIT_MS)) {
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
uint32_t timer_run(uint32_t vcpu, uint32_t count, uint64_t period_ms, uint64_t *elapsed)
{
	struct vt_irqs *s = &irqs[vcpu];
	uint64_t rd = gicr(vcpu), start;
	uint32_t base = s->vtimer;

	s->timer_target = base + count;
	s->timer_period = rt_ms_to_ticks(period_ms);
	mmio_write8(rd + GICR_IPRIORITYR + PPI_VTIMER, 0x80);
	mmio_write32(rd + GICR_ISENABLER0, 1U << PPI_VTIMER);
	start = rt_counter();
	sysreg_write(cntv_tval_el0, s->timer_period);
	sysreg_write(cntv_ctl_el0, 1); /* enabled, not masked */
	isb();
	rt_wait_eq32(&s->vtimer, base + count, WAIT_MS + count * period_ms);
	*elapsed = rt_counter() - start;
	sysreg_write(cntv_ctl_el0, 0);
	isb();
	mmio_write32(rd + GICR_ICENABLER0, 1U << PPI_VTIMER);
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

	mmio_write32(rd + GICR_ISENABLER0, 1U << PPI_VTIMER);
	sysreg_write(cntv_tval_el0, rt_ms_to_ticks(1));
	sysreg_write(cntv_ctl_el0, 1);
	isb();
	rt_delay_ms(5);
	sec.timer_fired = (uint32_t)((sysreg_read(cntv_ctl_el0) >> 2) & 1) |
			  (uint32_t)(sysreg_read(isr_el1) & 0x80);
	sysreg_write(cntv_ctl_el0, 0);
	isb();
	mmio_write32(rd + GICR_ICENABLER0, 1U << PPI_VTIMER);
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
		dsb_sy(); /* the request's op and arg were written before its seq */
		switch (req.op) {
		case OP_PINGPONG: {
			uint32_t lost;

			pingpong(1, (uint32_t)req.arg, &lost);
			ret = lost;
			break;
		}
		case OP_SGI:
			gic_sgi1r(req.arg);
			break;
		case OP_TIMER: {
			uint64_t elapsed;
			uint32_t got = timer_run(1, (uint32_t)req.arg, 2, &elapsed);

			ret = (int64_t)((uint64_t)got << 32 | (elapsed & 0xffffffff));
			break;
		}
		case OP_CPU_OFF:
			irq_disable();
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
		dsb_sy();
		sec.done = seq;
	}
}

void guest_secondary(uint64_t context, uint64_t kind)
{
	uint32_t bad;

	sec.context = context;
	sec.entry_kind = (uint32_t)kind;
	bad = redist_init(1) | cpuif_init();
	sec.init_detail = bad;
	sec.init_ok = !bad;
	dsb_sy();
	sec.online++;
	irq_enable();
	secondary_serve();
}

/* vCPU 0: ask vCPU 1 to do @op; waits for the answer unless @wait is false. */
bool request(uint32_t op, uint64_t arg, bool wait, int64_t *ret)
{
	uint32_t seq = req.seq + 1;

	req.op = op;
	req.arg = arg;
	dsb_sy();
	req.seq = seq;
	if (!wait)
		return true;
	if (!rt_wait_eq32(&sec.done, seq, 2 * WAIT_MS))
		return false;
	if (ret)
		*ret = sec.result;
	return true;
}

void guest_main(const void *fdt)
{
	struct rt_info info = rt_get_info();
	struct dt_platform p;

	rt_test_begin("vgictest");
	rt_set_irq_hook(vt_irq);
	rt_printf("vgictest: start on vcpu %u of %u\n", info.vcpu, info.nvcpus);
	if (!info.hypervisor || info.nvcpus != NVCPUS || info.vcpu != 0 ||
	    dt_platform(fdt, &p) != 0) {
		rt_test("setup", false,
			"needs vcpu 0 of a %u-vCPU partition under Bulkhead and its GIC in the "
			"device tree (got %u of %u)",
			NVCPUS, info.vcpu, info.nvcpus);
		rt_test_done();
		return;
	}
	gicd = p.gicd.base;
	gicr0 = p.gicr[0].base;

	check_gic_bringup();
	irq_enable();
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
	rt_test("no-stray-interrupts",
		irqs[0].other == 0 && irqs[1].other == 0 && irqs[0].spurious < 4 &&
			irqs[1].spurious < 4,
		"other INTIDs vcpu0 %u (last %u) vcpu1 %u (last %u), spurious %u/%u", irqs[0].other,
		irqs[0].last_other, irqs[1].other, irqs[1].last_other, irqs[0].spurious,
		irqs[1].spurious);
	rt_test_done();
	irq_disable();
}
