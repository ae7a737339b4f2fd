/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The SBSA Generic Watchdog's register model (Arm DEN0029, "Generic
 * Watchdog"), without hardware: time comes in as @now (counter ticks), the
 * effects go out as flags. core/vwdt.c runs it under the watchdog's lock;
 * tests/unit/test_vwdt.c runs it on the host.
 *
 * Armed (WCS.EN), the watchdog waits for the counter to reach WCV. The first
 * expiry sets WS0 (the guest's interrupt) and reloads WCV = now + WOR; the
 * second sets WS1, the reset signal. A write of WRR, WOR or WCS is an
 * explicit refresh: WS0 = WS1 = 0, WCV = now + WOR.
 */
#ifndef CORE_VWDT_MODEL_H
#define CORE_VWDT_MODEL_H

#include <stdbool.h>
#include <stdint.h>

/* Offsets in the device's window: refresh frame, then control frame. */
#define VWDT_FRAME  0x1000ULL /* control frame follows the refresh frame */
#define VWDT_SIZE   0x2000ULL
#define WDT_WRR	    0x000
#define WDT_WCS	    0x000
#define WDT_WOR	    0x008
#define WDT_WCV	    0x010
#define WDT_IIDR    0xfcc
#define WCS_EN	    (1U << 0)
#define WCS_WS0	    (1U << 1)
#define WCS_WS1	    (1U << 2)
#define WDT_IIDR_V0 0x0000043b /* architecture version 0, implementer Arm */

struct vwdt_regs {
	uint32_t wcs; /* EN, WS0, WS1 */
	uint32_t wor; /* offset, in counter ticks */
	uint64_t wcv; /* compare value */
};

/* What an access or an expiry asks of the glue. */
#define VWDT_REARM     (1U << 0) /* program the deadline timer from the registers */
#define VWDT_IRQ_LOWER (1U << 1) /* WS0 cleared: lower the guest's interrupt */
#define VWDT_IRQ_RAISE (1U << 2) /* WS0 set: raise it */
#define VWDT_RESET     (1U << 3) /* WS1: the reset signal (apply the fault policy) */

void vwdt_model_reset(struct vwdt_regs *r);

/*
 * An access at @offset in the window: 0 and the effects in *@effects, or
 * -EINVAL (a width other than 32/64 bits, misaligned).
 */
int vwdt_model_access(struct vwdt_regs *r, uint64_t offset, uint32_t size, bool write,
		      uint64_t *value, uint64_t now, uint32_t *effects);

/* The deadline timer fired (or a re-check): effects of what time did. */
uint32_t vwdt_model_expire(struct vwdt_regs *r, uint64_t now);

/* Whether the deadline timer should run, and until when. */
bool vwdt_model_deadline(const struct vwdt_regs *r, uint64_t *when);

#endif
