/* SPDX-License-Identifier: GPL-2.0-only */
/* The emulated SBSA Generic Watchdog of a partition (core/vwdt.c). */
#ifndef CORE_VWDT_H
#define CORE_VWDT_H

#include <stdint.h>

/* Guest-physical frames (unused on QEMU virt) and the WS0 interrupt. */
#define VWDT_REFRESH_IPA 0x0b000000ULL
#define VWDT_FRAME 0x1000ULL /* control frame follows the refresh frame */
#define VWDT_SIZE 0x2000ULL
#define VWDT_SPI_INTID (32 + 120)
#define VWDT_PPI_EL2_TIMER 26

struct partition;
struct vcpu;
struct mmio_access;

struct vwdt {
	struct partition *part;
	uint32_t wcs; /* EN, WS0, WS1 */
	uint32_t wor; /* offset, in counter ticks */
	uint64_t wcv; /* compare value */
};

void vwdt_init(struct vwdt *w, struct partition *p);
int vwdt_access(struct vcpu *v, struct mmio_access *a, void *dev);

/* EL2 timer interrupt, or a kick, on the boot vCPU's core. */
void vwdt_tick(struct vcpu *v);

#endif
