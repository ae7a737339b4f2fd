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

/*
 * Bits [8 << SAS - 1:0] of @v, sign-extended from the top one if ISS.SSE, then
 * truncated to 32 bits unless ISS.SF: what a load of that size leaves in Rt.
 */
static inline uint64_t load_result(uint64_t v, uint64_t iss)
{
	uint32_t shift = 64U - (8U << (uint32_t)DABT_SAS(iss));
	uint64_t r = (v << shift) >> shift;

	if ((iss & DABT_SSE) != 0U) {
		uint32_t top = 63U - shift;
		uint64_t sign = ULL(1) << top;

		r = (r ^ sign) - sign;
	}
	if ((iss & DABT_SF) == 0U)
		r &= ULL(0xffffffff);
	return r;
}

int mmio_handle_fast(struct vcpu *v, struct trap_frame *f, uint64_t esr, uint64_t ipa)
{
	struct mmio_region *r = find_region(v, ipa);
	uint64_t iss = ESR_ISS(esr);
	uint32_t reg = (uint32_t)DABT_SRT(iss);
	struct mmio_access a;
	int err;

	if (__builtin_expect(r == NULL, 0L) != 0L)
		return TRAP_FAST_SLOW; /* nothing there: a stage-2 fault, decoded and reported there */
	a.ipa = ipa;
	a.offset = ipa - r->base;
	a.size = 1U << (uint32_t)DABT_SAS(iss);
	a.write = (iss & DABT_WNR) != 0U;
	a.sign_extend = (iss & DABT_SSE) != 0U;
	a.sixty_four = (iss & DABT_SF) != 0U;
	a.reg = reg;
	a.value = 0;
	if (a.write) {
		uint32_t shift = 64U - (8U * a.size);

		a.value = (read_reg(f, reg) << shift) >> shift;
	}
	err = r->ops->access(v, &a, r->dev);
	if (__builtin_expect(err != 0, 0L) != 0L)
		return err;
	if (((iss & DABT_WNR) == 0U) && (reg != 31U))
		f->x[reg] = load_result(a.value, iss);
	return TRAP_FAST_STEP;
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
