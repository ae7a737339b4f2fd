// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness: the trap path of an emulated MMIO access, core/mmio.c
 * compiled for the host as it is (it builds cleanly there), with random
 * ESR_EL2 syndromes, guest-physical addresses and register files. The regions
 * are a partition's: the vGIC distributor and redistributors (the real
 * gic/vgic_dist.c and gic/vgic_redist.c on the fake hardware of tests/common/fake_gic.h, as
 * core/virq.c wires them), and a probe device that records what it is given.
 *
 * Oracles, from the Arm ARM's ISS encoding for data aborts (D17.2.37):
 *   - no region is called, and nothing changes, for an access the ISS cannot
 *     describe (ISV = 0, or a stage-1 walk: S1PTW) or an IPA outside every
 *     region; the call then fails;
 *   - a region gets the size 1 << SAS, the direction WnR, its own offset, and
 *     for a write the value of Rt (XZR = 0) cut to the size;
 *   - after a read only Rt changes (never for XZR), to the value the region
 *     returned cut to the size, sign-extended if SSE, cut to 32 bits unless SF;
 *   - after a write or a failure no register changes; ELR/SPSR never do.
 */
#define FAKE_GIC_ABORT /* an isolation breach is a crash */
#include "../common/fake_gic.h"

#include <core/mmio.h>
#include <core/partition.h>
#include <core/vdev.h>

#include <errno.h>

#define PROBE_BASE 0x09000000ULL
#define PROBE_SIZE 0x1000ULL
#define ESR_ISV	   (1ULL << 24)
#define ESR_SSE	   (1ULL << 21)
#define ESR_SF	   (1ULL << 15)
#define ESR_WNR	   (1ULL << 6)
#define ESR_S1PTW  (1ULL << 7)

struct input {
	const uint8_t *p;
	size_t n;
};

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

static struct partition part;

/* What the probe saw and will answer. */
static struct {
	uint32_t calls;
	struct mmio_access seen;
	uint64_t answer;
	int error;
} probe;

static int probe_access(struct vcpu *v, struct mmio_access *a, void *dev)
{
	(void)v;
	(void)dev;
	probe.calls++;
	probe.seen = *a;
	if (!a->write)
		a->value = probe.answer;
	return probe.error;
}

static uint32_t gic_calls;

static int gicd_access(struct vcpu *v, struct mmio_access *a, void *dev)
{
	gic_calls++;
	fake_on(&v->vgic);
	return vgic_dist_access(dev, &v->vgic, a->offset, a->size, a->write, &a->value);
}

/* As core/virq.c: the frame of the vCPU the offset names. */
static int gicr_access(struct vcpu *v, struct mmio_access *a, void *dev)
{
	struct partition *p = dev;
	uint64_t idx = a->offset / LAYOUT_VIRT_GICR_STRIDE;

	gic_calls++;
	fake_on(&v->vgic);
	if (idx >= p->lp->ncpus)
		return -1;
	return vgic_redist_access(&p->vcpus[idx].vgic, a->offset % LAYOUT_VIRT_GICR_STRIDE, a->size,
				  a->write, &a->value);
}

static struct layout_partition lp = {.name = "fuzz", .ncpus = 2};

static const struct vdev_ops gicd_ops = {.name = "vgic-distributor", .access = gicd_access};
static const struct vdev_ops gicr_ops = {.name = "vgic-redistributors", .access = gicr_access};
static const struct vdev_ops probe_ops = {.name = "probe", .access = probe_access};

static void setup(void)
{
	static bool done;

	if (done)
		return;
	done = true;
	part.lp = &lp;
	vgic_dist_init(&part.vgic, "fuzz", 288);
	fake_reset(4);
	fake_confine(&part.vgic, (1U << 2) | (1U << 3));
	for (uint32_t i = 0; i < 2; i++) {
		part.vcpus[i].part = &part;
		part.vcpus[i].id = i;
		part.vcpus[i].cpu = 2 + i;
		vgic_cpu_init(&part.vcpus[i].vgic, &part.vgic, i, 2 + i, 4);
	}
	vgic_own_hw_spi(&part.vgic, 40);
	gicd_set_route(40, 2);
	vgic_own_virtual_spi(&part.vgic, 33, false);
	/* Regions name their device's ops (core/vdev.h); only .access is used here. */
	part.regions[0] = (struct mmio_region){LAYOUT_VIRT_GICD_IPA, LAYOUT_VIRT_GICD_SIZE,
					       &gicd_ops, &part.vgic};
	part.regions[1] = (struct mmio_region){LAYOUT_VIRT_GICR_IPA, 2 * LAYOUT_VIRT_GICR_STRIDE,
					       &gicr_ops, &part};
	part.regions[2] = (struct mmio_region){PROBE_BASE, PROBE_SIZE, &probe_ops, NULL};
	part.nregions = 3;
}

/* The architecture's result in Rt for a read that returned @value. */
static uint64_t expected_load(uint64_t esr, uint64_t value)
{
	uint32_t bits = 8U << ((esr >> 22) & 3);

	if (bits < 64)
		value &= (1ULL << bits) - 1;
	if ((esr & ESR_SSE) && bits < 64 && (value >> (bits - 1)) & 1)
		value |= ~0ULL << bits;
	if (!(esr & ESR_SF))
		value &= 0xffffffffULL;
	return value;
}

static void one_access(struct input *in)
{
	static const uint64_t bases[] = {LAYOUT_VIRT_GICD_IPA, LAYOUT_VIRT_GICR_IPA, PROBE_BASE,
					 0x50000000ULL, 0};
	struct trap_frame f, before;
	struct vcpu *v = &part.vcpus[u8(in) & 1];
	/* EC 0x24 (data abort from a lower EL), IL, and a random ISS. */
	uint64_t esr = (0x24ULL << 26) | (1ULL << 25) | (un(in, 3) & 0x1ffffffULL);
	uint8_t sel = u8(in);
	uint64_t ipa = bases[sel % 5] + (sel % 5 == 4 ? un(in, 5) : un(in, 3) % 0x40000);
	uint32_t calls_before = probe.calls, gic_before = gic_calls;
	uint32_t rt = (uint32_t)(esr >> 16) & 31, size = 1U << ((esr >> 22) & 3);
	bool in_region = false;
	int err;

	if (sel & 0x80)
		esr |= ESR_ISV; /* half of them describable */
	for (int i = 0; i < 31; i++)
		f.x[i] = u8(in) & 1 ? un(in, 8) : 0x0101010101010101ULL * (uint64_t)i;
	f.elr = 0x40001000;
	f.spsr = 0x3c5;
	f.pad = 0;
	probe.answer = un(in, 8);
	probe.error = u8(in) % 8 == 0 ? -EINVAL : 0;
	before = f;
	for (uint32_t r = 0; r < part.nregions; r++)
		in_region |= ipa >= part.regions[r].base &&
			     ipa - part.regions[r].base < part.regions[r].size;

	err = mmio_handle(v, &f, esr, ipa);

	if (f.elr != before.elr || f.spsr != before.spsr)
		fake_breach("mmio_handle changed ELR/SPSR");
	if (!(esr & ESR_ISV) || (esr & ESR_S1PTW) || !in_region) {
		if (!err || probe.calls != calls_before || gic_calls != gic_before)
			fake_breach(
				"access not emulatable (ESR 0x%llx, IPA 0x%llx) reached a region",
				(unsigned long long)esr, (unsigned long long)ipa);
	}
	if (probe.calls != calls_before) {
		const struct mmio_access *a = &probe.seen;
		uint64_t want = rt == 31 ? 0 : before.x[rt];

		if (a->size != size || a->write != !!(esr & ESR_WNR) ||
		    a->offset != ipa - PROBE_BASE || a->ipa != ipa || a->reg != rt)
			fake_breach(
				"probe got size %u write %d offset 0x%llx reg %u for ESR 0x%llx",
				a->size, a->write, (unsigned long long)a->offset, a->reg,
				(unsigned long long)esr);
		if (size < 8)
			want &= (1ULL << (8 * size)) - 1;
		if (a->write && a->value != want)
			fake_breach("probe write of 0x%llx, Rt holds 0x%llx",
				    (unsigned long long)a->value, (unsigned long long)want);
	}
	for (uint32_t i = 0; i < 31; i++)
		if (i != rt && f.x[i] != before.x[i])
			fake_breach("x%u changed (Rt x%u, ESR 0x%llx, err %d)", i, rt,
				    (unsigned long long)esr, err);
	if (rt < 31 && f.x[rt] != before.x[rt]) {
		if (err || (esr & ESR_WNR))
			fake_breach("Rt x%u changed by a %s", rt, err ? "failed access" : "write");
		if (probe.calls != calls_before && f.x[rt] != expected_load(esr, probe.answer))
			fake_breach("load of 0x%llx (ESR 0x%llx) gave x%u = 0x%llx, not 0x%llx",
				    (unsigned long long)probe.answer, (unsigned long long)esr, rt,
				    (unsigned long long)f.x[rt],
				    (unsigned long long)expected_load(esr, probe.answer));
	}
	if (rt < 31 && !err && !(esr & ESR_WNR) && probe.calls != calls_before &&
	    f.x[rt] != expected_load(esr, probe.answer))
		fake_breach("load result x%u = 0x%llx, not 0x%llx", rt, (unsigned long long)f.x[rt],
			    (unsigned long long)expected_load(esr, probe.answer));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = {data, size};

	setup();
	for (int n = 0; in.n && n < 256; n++)
		one_access(&in);
	return 0;
}
