/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The generic timer (Arm ARM D11): the virtual counter, its frequency
 * (62.5 MHz on QEMU virt) and the EL1 virtual timer (PPI 27 on QEMU virt;
 * the device tree's arm,armv8-timer node names it: dt_platform()).
 */
#ifndef GUESTS_LIB_TIMER_H
#define GUESTS_LIB_TIMER_H

#include <guests/lib/sysreg.h>

#include <stdbool.h>
#include <stdint.h>

#define RT_INTID_VTIMER 27 /* QEMU virt and Bulkhead: PPI 11 */

/* The virtual counter; the ISB keeps the read from being hoisted. */
static inline uint64_t rt_counter(void)
{
	isb();
	return sysreg_read(cntvct_el0);
}

/* CNTFRQ_EL0, or QEMU virt's frequency if firmware left it 0. */
static inline uint64_t rt_counter_freq(void)
{
	uint64_t f = sysreg_read(cntfrq_el0) & 0xffffffffu;

	return f ? f : 62500000;
}

static inline uint64_t rt_ms_to_ticks(uint64_t ms)
{
	return rt_counter_freq() / 1000 * ms;
}

/* Arm the EL1 virtual timer to fire @ticks from now (interrupt not masked). */
static inline void rt_vtimer_arm(uint64_t ticks)
{
	sysreg_write(cntv_tval_el0, ticks);
	sysreg_write(cntv_ctl_el0, CNTV_CTL_ENABLE);
	isb();
}

/* Arm it to fire when the virtual counter reaches @count. */
static inline void rt_vtimer_arm_at(uint64_t count)
{
	sysreg_write(cntv_cval_el0, count);
	sysreg_write(cntv_ctl_el0, CNTV_CTL_ENABLE);
	isb();
}

static inline void rt_vtimer_stop(void)
{
	sysreg_write(cntv_ctl_el0, CNTV_CTL_IMASK);
	isb();
}

/* Busy-waits until the virtual counter reaches @count (see timer.c). */
void rt_wait_until(uint64_t count);
void rt_delay_ms(uint64_t ms);

/* Spins until *@p == @want or @ms of virtual time pass; returns whether it came. */
bool rt_wait_eq32(const volatile uint32_t *p, uint32_t want, uint64_t ms);

#endif
