// SPDX-License-Identifier: GPL-2.0-only
/*
 * A partition's flash banks (partitions/firmware.c) as an emulated device
 * (core/vdev.h): the smallest CFI flash that boot loaders run from.
 *
 * The module's pages are mapped read-only + execute at the start of each
 * bank (arch/arm64/s2_layout.c), so reads and instruction fetches never trap.
 * What does trap:
 *   - a write anywhere in the bank: a stage-2 permission fault on the mapped
 *     pages, a translation fault past them. A real CFI flash takes writes as
 *     commands (CFI query 0x98, read-array 0xff/0xf0, program, erase); this
 *     one never leaves read-array mode, so every write is acknowledged and
 *     dropped: a CFI probe then reads array data where it expects "QRY" and
 *     finds no flash, and the module stays pristine for the next restart;
 *   - a read past the module: erased flash, all ones.
 * A write the ISS cannot describe (ISV = 0) is dropped too (vdev.h,
 * drop_undecoded_writes): its base-register writeback, if any, is lost.
 * No state: nothing to reset, nothing to lock.
 */
#include <core/partition.h>
#include <core/vdev.h>

static const struct vdev_ops flash_ops;

static int flash_attach(struct partition *p)
{
	for (uint32_t k = 0; k < p->lp->nflash; k++) {
		int err = vdev_add_region(p, p->lp->flash[k].img.load_ipa, LAYOUT_FLASH_BANK_SIZE,
					  &flash_ops, NULL);

		if (err)
			return err;
	}
	return 0;
}

static int flash_access(struct vcpu *v, struct mmio_access *a, void *dev)
{
	(void)v;
	(void)dev;
	if (!a->write)
		a->value = ~0ULL; /* erased flash */
	return 0;
}

static const struct vdev_ops flash_ops = {
	.name = "flash",
	.attach = flash_attach,
	.access = flash_access,
	.drop_undecoded_writes = true, /* U-Boot's `mw` stores with writeback */
};
VDEV_REGISTER(flash_ops, 5);
