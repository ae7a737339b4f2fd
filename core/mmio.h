/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Emulated MMIO: a data abort on guest-physical memory the partition has no
 * stage-2 mapping for is decoded (ESR_EL2 ISS, Arm ARM D17.2.37 "ISS encoding
 * for an exception from a Data Abort") and handed to the emulated device
 * whose region contains it. Accesses the ISS cannot describe (ISV = 0: load/
 * store pair, writeback addressing, ...) are never emulated.
 */
#ifndef CORE_MMIO_H
#define CORE_MMIO_H

#include <arch/arm64/trap.h>

#include <stdbool.h>
#include <stdint.h>

struct vcpu;

/* One decoded access. */
struct mmio_access {
	uint64_t ipa;
	uint64_t offset; /* from the region's base */
	uint32_t size;	 /* 1, 2, 4 or 8 bytes */
	bool write;
	bool sign_extend;
	bool sixty_four; /* destination register is Xn (else Wn) */
	uint32_t reg;	 /* Rt: 0..30, 31 = XZR */
	uint64_t value;	 /* written value, or the value read */
};

struct vdev_ops;

/*
 * An emulated device region of a partition: its device's ops (core/vdev.h)
 * give the access function, which returns 0, or a negative errno: the
 * access then faults the partition. Written at boot only (vdev attach).
 */
struct mmio_region {
	uint64_t base;
	uint64_t size;
	const struct vdev_ops *ops;
	void *dev;
};

/* Decode ESR_EL2's ISS into @a; false if the access cannot be emulated. */
bool mmio_decode(uint64_t esr, uint64_t ipa, struct mmio_access *a);

/*
 * Emulate the access at @ipa for vCPU @v: 0 when done (the caller skips the
 * instruction); -EFAULT when no emulated region is there (a stage-2 fault);
 * another negative errno when the region cannot emulate this access (load/
 * store pair, writeback, exclusive, wrong width...): the caller reports it.
 */
int mmio_handle(struct vcpu *v, struct trap_frame *f, uint64_t esr, uint64_t ipa);

/*
 * The same for trap.c's fast path (trap_guest_sync_fast): an AArch64 guest's
 * data abort with a valid ISS that is a stage-2 translation fault, the
 * register ISS.SRT names in @f (whose frame holds only x0-x18 and x30,
 * vectors.S). TRAP_FAST_STEP when done (vectors.S steps ELR_EL2);
 * TRAP_FAST_SLOW when nothing was done (no region there: the slow path
 * decodes and reports the fault); the device's negative errno otherwise
 * (vectors.S reports it, trap_mmio_failed).
 */
int mmio_handle_fast(struct vcpu *v, struct trap_frame *f, uint64_t esr, uint64_t ipa);

#endif
