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
 * the keeper's core (timer expiry), always under @lock; @part is set at
 * boot. The EL2 timer of the keeper's core keeps the deadline; only that
 * core programs it. @keeper (atomic) is a running vCPU's index: 0 at every
 * load, handed to another running vCPU when the keeper powers off (PSCI
 * CPU_OFF), as an off vCPU's core waits with its interrupts masked.
 */
struct vwdt {
	struct partition *part;
	spinlock_t lock;
	struct vwdt_regs regs;
	uint32_t keeper;
};

#endif
