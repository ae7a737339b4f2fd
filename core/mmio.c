// SPDX-License-Identifier: GPL-2.0-only
#include <arch/arm64/aarch32.h>
#include <arch/arm64/sysreg.h>
#include <core/mmio.h>
#include <core/partition.h>
#include <core/vdev.h>

#include <errno.h>

bool mmio_decode(uint64_t esr, uint64_t ipa, struct mmio_access *a)
{
	uint64_t iss = ESR_ISS(esr);

	if (!(iss & DABT_ISV) || (iss & DABT_S1PTW))
		return false;
	a->ipa = ipa;
	a->size = 1U << DABT_SAS(iss);
	a->write = (iss & DABT_WNR) != 0;
	a->sign_extend = (iss & DABT_SSE) != 0;
	a->sixty_four = (iss & DABT_SF) != 0;
	a->reg = (uint32_t)DABT_SRT(iss);
	a->value = 0;
	return true;
}

/* The partition's emulated regions: its vGIC frames and its emulated UART. */
static struct mmio_region *find_region(struct vcpu *v, uint64_t ipa)
{
	struct partition *p = v->part;

	for (uint32_t i = 0; i < p->nregions; i++) {
		struct mmio_region *r = &p->regions[i];

		if (ipa >= r->base && ipa - r->base < r->size)
			return r;
	}
	return NULL;
}

static uint64_t read_reg(const struct trap_frame *f, uint32_t reg)
{
	return reg == 31 ? 0 : f->x[reg];
}

static void write_reg(struct trap_frame *f, const struct mmio_access *a)
{
	uint64_t v = a->value;

	if (a->reg == 31)
		return;
	/* Only the bytes the access read, whatever the device left above them. */
	if (a->size < 8)
		v &= (1ULL << (8 * a->size)) - 1;
	if (a->sign_extend && a->size < 8) {
		uint32_t shift = 64 - 8 * a->size;

		v = (uint64_t)((int64_t)(v << shift) >> shift);
	}
	if (!a->sixty_four)
		v &= 0xffffffffULL;
	f->x[a->reg] = v;
}

int mmio_handle(struct vcpu *v, struct trap_frame *f, uint64_t esr, uint64_t ipa)
{
	struct mmio_access a;
	struct mmio_region *r = find_region(v, ipa);
	int err;

	if (!r)
		return -EFAULT; /* nothing there: a stage-2 fault */
	if (!mmio_decode(esr, ipa, &a)) {
		if ((ESR_ISS(esr) & DABT_WNR) && r->ops->drop_undecoded_writes)
			return 0; /* e.g. a store pair to a flash bank (vdev.h) */
		return -EINVAL;	  /* an emulated device, but an access the ISS cannot describe */
	}
	/*
	 * From AArch32: which x register the ISS's SRT names (aarch32.h). Tested
	 * inline: an AArch64 guest's access (the hot path) pays one bit test.
	 */
	if (__builtin_expect((f->spsr & PSR_AARCH32) != 0, 0)) {
		a.reg = a32_iss_reg(f->spsr, a.reg, A32_ISS_AARCH32_REGNUM);
		if (a.reg == A32_REG_NONE)
			return -EINVAL;
	}
	a.offset = ipa - r->base;
	if (a.write) {
		a.value = read_reg(f, a.reg);
		if (a.size < 8)
			a.value &= (1ULL << (8 * a.size)) - 1;
	}
	err = r->ops->access(v, &a, r->dev);
	if (err)
		return err;
	if (!a.write)
		write_reg(f, &a);
	return 0;
}
