// SPDX-License-Identifier: GPL-2.0-only
/* Waiting on the generic timer's virtual counter: see timer.h. */
#include <guests/lib/timer.h>

#include <stdbool.h>

/*
 * Reads the counter only every few hundred instructions: under QEMU's -icount
 * a counter read (an I/O access for TCG, after an isb that ends the block)
 * costs far more wall time than the virtual time it lets pass, so a tight
 * read loop would barely advance virtual time. The spin keeps the wait within
 * a microsecond or so of @count otherwise.
 */
void rt_wait_until(uint64_t count)
{
	while ((int64_t)(rt_counter() - count) < 0)
		rt_spin(256);
}

void rt_delay_ms(uint64_t ms)
{
	rt_wait_until(rt_counter() + rt_ms_to_ticks(ms));
}

bool rt_wait_eq32(const volatile uint32_t *p, uint32_t want, uint64_t ms)
{
	uint64_t end = rt_counter() + rt_ms_to_ticks(ms);

	while (*p != want) {
		if ((int64_t)(rt_counter() - end) > 0)
			return *p == want;
		cpu_relax();
	}
	return true;
}
