// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness: the vGIC's register emulation and injection (gic/vgic.c,
 * gic/vgic_dist.c, gic/vgic_redist.c) driven by a random partition and a
 * random sequence of guest register accesses, SGIs, hardware interrupts,
 * virtual SPI level changes, maintenance interrupts, kicks and guest
 * acknowledge/EOI, on the fake hardware of tests/common/fake_gic.h, whose isolation
 * invariants abort on any breach. On top of them, after each access:
 *   - a register access returns 0 or -EINVAL;
 *   - reads show no state of interrupts the partition does not own, and never
 *     Bulkhead's own PPIs;
 *   - the trigger of an enabled hardware SPI never changes (UNPREDICTABLE in
 *     the physical GIC, IHI 0069 12.9.9);
 *   - each vCPU's overflow queue stays within bounds and priority-sorted, and
 *     holds no interrupt that is also valid in one of its list registers.
 *
 * Input: a header (lines, vCPUs, list registers, owned SPIs), then operations
 * of a few bytes each until the input ends.
 */
#define FAKE_GIC_ABORT /* an isolation breach is a crash */
#include "../common/fake_gic.h"

#include <errno.h>
#include <stddef.h>

struct input {
	const uint8_t *p;
	size_t n;
};

/* FUZZ_TRACE=1 in the environment prints the operations (to read a crash). */
static bool tracing;
#define TRACE(...) (tracing ? fprintf(stderr, __VA_ARGS__) : 0)

static uint8_t u8(struct input *in)
{
	uint8_t v = 0;

	if (in->n) {
		v = *in->p++;
		in->n--;
	}
	return v;
}

static uint64_t un(struct input *in, int bytes)
{
	uint64_t v = 0;

	for (int i = 0; i < bytes; i++)
		v |= (uint64_t)u8(in) << (8 * i);
	return v;
}

#define MAX_VCPUS 4

static struct vgic_dist dist;
static struct vgic_cpu vcpus[MAX_VCPUS];
static uint32_t ncpus;
static uint32_t hw_spis[8], nhw, virt_spis[4], nvirt;

static const uint32_t core_of[MAX_VCPUS] = {3, 5, 7, 1};

static bool owned(uint32_t intid)
{
	return vgic_owns(&dist, intid);
}

static void check_queue(const struct vgic_cpu *vc)
{
	if (vc->nqueued > VGIC_QUEUE_MAX)
		fake_breach("vCPU %u: %u queued", vc->id, vc->nqueued);
	for (uint32_t k = 0; k < vc->nqueued; k++) {
		uint32_t intid = vc->queue[k].intid;

		if (k && vc->queue[k - 1].priority > vc->queue[k].priority)
			fake_breach("vCPU %u: queue out of priority order at %u", vc->id, k);
		for (uint32_t n = 0; n < fake.nr_lrs; n++) {
			uint64_t lr = fake.cpu[vc->cpu].lr[n];

			if (fake_lr_state(lr) && fake_lr_intid(lr) == intid &&
			    !(lr & ICH_LR_ACTIVE))
				fake_breach("vCPU %u: INTID %u queued and pending in LR%u", vc->id,
					    intid, n);
		}
	}
}

/* A distributor read must show nothing of interrupts the partition does not own. */
static void check_dist_read(uint64_t off, uint32_t size, uint64_t v)
{
	static const struct {
		uint32_t base, len, bpi;
	} regs[] = {
		{GICD_IGROUPR, 0x80, 1},    {GICD_ISENABLER, 0x80, 1},	 {GICD_ICENABLER, 0x80, 1},
		{GICD_ISPENDR, 0x80, 1},    {GICD_ICPENDR, 0x80, 1},	 {GICD_ISACTIVER, 0x80, 1},
		{GICD_ICACTIVER, 0x80, 1},  {GICD_IPRIORITYR, 0x400, 8}, {GICD_ICFGR, 0x100, 2},
		{GICD_IROUTER, 0x2000, 64},
	};

	for (uint32_t r = 0; r < sizeof(regs) / sizeof(regs[0]); r++) {
		uint32_t bpi = regs[r].bpi;

		if (off < regs[r].base || off >= regs[r].base + regs[r].len)
			continue;
		if (bpi == 64) {
			uint32_t intid = (uint32_t)(off - regs[r].base) / 8;

			if (!owned(intid) && v)
				fake_breach("IROUTER of INTID %u (not owned) reads 0x%llx", intid,
					    (unsigned long long)v);
			return;
		}
		for (uint32_t i = 0; i < size * 8 / bpi; i++) {
			uint32_t intid = (uint32_t)((off - regs[r].base) * 8 / bpi) + i;
			uint64_t field = (v >> (i * bpi)) & ((1ULL << bpi) - 1);

			if (!owned(intid) && field)
				fake_breach("register 0x%llx: INTID %u (not owned) reads 0x%llx",
					    (unsigned long long)off, intid,
					    (unsigned long long)field);
		}
		return;
	}
}

static void check_redist_read(uint64_t off, uint32_t size, uint64_t v)
{
	if (size == 4 &&
	    (off == GICR_IGROUPR0 || off == GICR_ISENABLER0 || off == GICR_ICENABLER0 ||
	     off == GICR_ISPENDR0 || off == GICR_ICPENDR0) &&
	    (v & VGIC_HIDDEN_PPIS))
		fake_breach("redistributor 0x%llx shows Bulkhead's PPIs: 0x%llx",
			    (unsigned long long)off, (unsigned long long)v);
	/*
	 * The priority bytes of PPIs 25 and 26 are stored and read back: virtual
	 * slots that reach nothing (priorities are virtual), so not checked.
	 */
}

static const uint32_t sizes[4] = {1, 2, 4, 8};

static void setup(struct input *in)
{
	uint32_t lines = 32 * (1 + u8(in) % 32), b = u8(in), part_cpus = 0;

	ncpus = 1 + b % MAX_VCPUS;
	for (uint32_t i = 0; i < ncpus; i++)
		part_cpus |= 1U << core_of[i];
	vgic_dist_init(&dist, "fuzz", lines);
	fake_reset(1 + (b >> 2) % VGIC_MAX_LRS);
	fake_confine(&dist, part_cpus);
	for (uint32_t i = 0; i < ncpus; i++)
		vgic_cpu_init(&vcpus[i], &dist, i, core_of[i], fake.nr_lrs);
	nhw = nvirt = 0;
	if (dist.nr_lines > GIC_SPI_BASE) {
		uint32_t spis = dist.nr_lines - GIC_SPI_BASE, n = u8(in) % 9;

		for (uint32_t i = 0; i < n; i++) {
			uint32_t intid = GIC_SPI_BASE + (uint32_t)un(in, 2) % spis;

			vgic_own_hw_spi(&dist, intid);
			gicd_set_route(intid, core_of[0]);
			hw_spis[nhw++] = intid;
		}
		n = u8(in) % 5;
		for (uint32_t i = 0; i < n; i++) {
			uint32_t intid = GIC_SPI_BASE + (uint32_t)un(in, 2) % spis;
			uint8_t edge = u8(in) & 1;

			if (fake_bit(dist.hw_owned, intid))
				continue;
			vgic_own_virtual_spi(&dist, intid, edge);
			virt_spis[nvirt++] = intid;
		}
	}
}

/* A physical interrupt is taken: enabled, pending, not active (then it is). */
static void hw_interrupt(uint32_t intid)
{
	struct vgic_cpu *vc = NULL;

	for (uint32_t i = 0; i < ncpus; i++)
		if (vcpus[i].cpu == fake.route[intid])
			vc = &vcpus[i];
	if (!vc || !fake_bit(fake.enable, intid) || fake_bit(fake.active, intid))
		return;
	fake_assign(fake.active, intid, true);
	fake_assign(fake.pending, intid, false);
	fake_on(vc);
	TRACE("  -> injected on vCPU %u\n", vc->id);
	vgic_inject(vc, intid, true);
}

static void ppi_interrupt(struct vgic_cpu *vc, uint32_t intid)
{
	struct fake_cpu *c = &fake.cpu[vc->cpu];

	if (!((c->rd_enable >> intid) & 1) || ((c->rd_active >> intid) & 1))
		return;
	c->rd_active |= 1U << intid;
	fake_on(vc);
	vgic_inject(vc, intid, true);
}

static void one_op(struct input *in)
{
	uint8_t op = u8(in);
	struct vgic_cpu *vc = &vcpus[u8(in) % ncpus];
	uint64_t v;
	int err;

	fake_on(vc);
	TRACE("op %u vcpu %u: ", op % 10, vc->id);
	switch (op % 10) {
	case 0: { /* distributor access by this vCPU */
		uint64_t off = un(in, 2);
		uint8_t b = u8(in);
		uint32_t size = sizes[b & 3];
		bool write = b & 4;

		uint32_t was_on = 0, was_edge = 0; /* bit k: hw_spis[k] */

		for (uint32_t k = 0; k < nhw; k++) {
			was_on |= (uint32_t)fake_bit(fake.enable, hw_spis[k]) << k;
			was_edge |= (uint32_t)fake_bit(fake.edge, hw_spis[k]) << k;
		}
		v = un(in, 8);
		TRACE("GICD 0x%llx size %u %s 0x%llx\n", (unsigned long long)off, size,
		      write ? "write" : "read", (unsigned long long)v);
		err = vgic_dist_access(&dist, vc, off, size, write, &v);
		if (err != 0 && err != -EINVAL)
			fake_breach("vgic_dist_access returned %d", err);
		for (uint32_t k = 0; k < nhw; k++)
			if (((was_on >> k) & 1) &&
			    fake_bit(fake.edge, hw_spis[k]) != ((was_edge >> k) & 1))
				fake_breach("trigger of enabled hardware SPI %u changed",
					    hw_spis[k]);
		if (!err && !write)
			check_dist_read(off, size, v);
		break;
	}
	case 1: { /* redistributor access (any of the partition's frames) */
		uint64_t off = un(in, 3) % GICR_STRIDE;
		uint8_t b = u8(in);
		uint32_t size = sizes[b & 3];
		bool write = b & 4;

		v = un(in, 8);
		TRACE("GICR 0x%llx size %u %s 0x%llx\n", (unsigned long long)off, size,
		      write ? "write" : "read", (unsigned long long)v);
		err = vgic_redist_access(vc, off, size, write, &v);
		if (err != 0 && err != -EINVAL)
			fake_breach("vgic_redist_access returned %d", err);
		if (!err && !write)
			check_redist_read(off, size, v);
		break;
	}
	case 2: /* ICC_SGI1R_EL1 write (trapped) */
		v = un(in, 8);
		TRACE("ICC_SGI1R_EL1 0x%llx\n", (unsigned long long)v);
		vgic_sgi1r_write(vc, v);
		break;
	case 3: /* a hardware SPI of the partition fires */
		if (nhw) {
			uint32_t intid = hw_spis[u8(in) % nhw];

			TRACE("SPI %u fires\n", intid);
			hw_interrupt(intid);
		}
		break;
	case 4: { /* a pass-through PPI fires on this core */
		static const uint32_t ppis[] = {23, 27, 30};
		uint32_t intid = ppis[u8(in) % 3];

		TRACE("PPI %u fires\n", intid);
		ppi_interrupt(vc, intid);
		break;
	}
	case 5: /* maintenance interrupt, while asserted */
		TRACE("maintenance\n");
		for (int i = 0; i < 4 && fake_maintenance_asserted(); i++)
			vgic_maintenance(vc);
		break;
	case 6: /* the kick SGI */
		TRACE("kick\n");
		vgic_flush_pending(vc);
		break;
	case 7: /* an emulated device changes a virtual SPI's level (any core) */
		if (nvirt) {
			uint32_t intid = virt_spis[u8(in) % nvirt];
			bool level = u8(in) & 1;

			TRACE("virtual SPI %u level %d\n", intid, level);
			vgic_set_level(&dist, intid, level);
		}
		break;
	case 8: /* the guest acknowledges */
		TRACE("guest acknowledges LR%d\n", fake_guest_ack());
		break;
	default: { /* the guest ends an interrupt */
		uint8_t n = u8(in);

		TRACE("guest EOI of LR%u\n", n % fake.nr_lrs);
		(void)fake_guest_eoi(n % fake.nr_lrs);
		break;
	}
	}
	for (uint32_t i = 0; i < ncpus; i++)
		check_queue(&vcpus[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = {data, size};

	tracing = getenv("FUZZ_TRACE") != NULL;
	setup(&in);
	TRACE("partition: %u lines, %u vCPUs, %u LRs, %u hardware SPIs, %u virtual\n",
	      dist.nr_lines, ncpus, fake.nr_lrs, nhw, nvirt);
	for (int ops = 0; in.n && ops < 4096; ops++)
		one_op(&in);
	return 0;
}
