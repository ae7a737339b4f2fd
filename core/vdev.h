/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Emulated devices plug in here (as Jailhouse's units): each one defines a
 * const struct vdev_ops and registers it with VDEV_REGISTER; the life cycle
 * and the MMIO dispatch call every registered device through its ops and
 * never name one. Today: the vGIC's distributor and redistributor frames
 * (core/virq.c), the watchdog (core/vwdt.c), the emulated PL011 (core/
 * vdev_uart.c).
 *
 *   boot(void)         once, on the boot core: reserve EL2 interrupts
 *   attach(p)          once per partition at boot: register its MMIO regions
 *                      (vdev_add_region) if the partition has the device
 *   reset(p)           at every load (boot and restart), on the loading core
 *                      with the partition down: power-on state
 *   quiesce(p)         the partition goes down (winner's core): stop
 *                      whatever the device keeps running for it
 *   access(v, a, dev)  a trapped access in one of its regions (vCPU @v's core)
 *   kick(v)            on @v's core, after VCPU_REQ_KICK (core/request.h):
 *                      bring this core's hardware in line with the device
 *   powered_off(v)     on @v's core, @v just powered off (PSCI CPU_OFF, its
 *                      state OFF): its core serves nothing until CPU_ON
 *
 * Every op but access may be NULL. Devices are called in the order of their
 * priority (VDEV_REGISTER's second argument, 0..9): the vGIC (0) first, as
 * the others own virtual SPIs in it.
 */
#ifndef CORE_VDEV_H
#define CORE_VDEV_H

#include <core/mmio.h>
#include <lib/compiler.h>

#include <stdint.h>

struct partition;
struct vcpu;

struct vdev_ops {
	const char *name;
	int (*boot)(void);
	int (*attach)(struct partition *p);
	void (*reset)(struct partition *p);
	void (*quiesce)(struct partition *p);
	int (*access)(struct vcpu *v, struct mmio_access *a, void *dev);
	void (*kick)(struct vcpu *v);
	void (*powered_off)(struct vcpu *v);
	/*
	 * A write the ISS cannot describe (ISV = 0: store pair, writeback...)
	 * is dropped (the instruction skipped; a writeback to the base register
	 * is lost) instead of faulting the partition: for read-only memory whose
	 * writes mean nothing (core/vdev_flash.c). Reads are never guessed.
	 */
	bool drop_undecoded_writes;
};

#define VDEV_REGISTER(ops, prio)                                                                   \
	static const struct vdev_ops *const vdev_entry_##ops                                       \
		__attribute__((used, section(".vdevs." #prio))) = &(ops)

/* An MMIO region of device @ops in partition @p (from attach). */
int __must_check vdev_add_region(struct partition *p, uint64_t base, uint64_t size,
				 const struct vdev_ops *ops, void *dev);

int __must_check vdev_boot_all(void);
int __must_check vdev_attach_all(struct partition *p);
void vdev_reset_all(struct partition *p);
void vdev_quiesce_all(struct partition *p);
void vdev_kick_all(struct vcpu *v);
void vdev_vcpu_off_all(struct vcpu *v);

#endif
