/* SPDX-License-Identifier: GPL-2.0-only */
/* The emulated SBSA Generic Watchdog of a partition (core/vwdt.c, model in core/vwdt_model.h). */
#ifndef CORE_VWDT_H
#define CORE_VWDT_H

#include <arch/arm64/spinlock.h>
#include <core/vwdt_model.h>

#include <stdint.h>

/* Guest-physical frames (unused on QEMU virt) and the WS0 interrupt. */
#define VWDT_REFRESH_IPA   0x0b000000ULL
#define VWDT_SPI_INTID	   (32 + 120)
#define VWDT_PPI_EL2_TIMER 26

struct partition;

/*
 * Owner: the partition. @regs is written by any of its vCPUs (MMIO) and by
 * its boot vCPU's core (timer expiry), always under @lock; @part is set at
 * boot. The EL2 timer of the boot vCPU's core keeps the deadline; only that
 * core programs it.
 */
struct vwdt {
	struct partition *part;
	spinlock_t lock;
	struct vwdt_regs regs;
};

#endif
