/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The SBSA Generic Watchdog (Arm DEN0029, 6.1) as guests see it: Bulkhead
 * emulates one ("arm,sbsa-gwdt" in the guest's device tree, reg = refresh
 * frame, control frame). Offsets in the control frame.
 */
#ifndef GUESTS_LIB_SBSA_WDT_H
#define GUESTS_LIB_SBSA_WDT_H

#define WDT_WCS	    0x000 /* control and status */
#define WDT_WOR	    0x008 /* offset (timeout), 32 bits */
#define WDT_WCV	    0x010 /* compare value, 64 bits */
#define WDT_IIDR    0xfcc
#define WDT_WCS_EN  (1U << 0)
#define WDT_WCS_WS0 (1U << 1)
#define WDT_WCS_WS1 (1U << 2)

#endif
