// SPDX-License-Identifier: GPL-2.0-only
/*
 * The life-cycle tables and their compare-and-swap (core/lc_fsm.h). Shared
 * with the host: tests/unit/test_lc_fsm.c.
 */
#include <core/lc_fsm.h>

#include <stddef.h>

#define N PART_NONE

static const uint8_t next_state[PART_NR_STATES][LC_NR_EVENTS] = {
	/*                  ENTERED       STOP          RESTART          RELOADED       FAIL */
	[PART_STARTING] = {PART_RUNNING, PART_STOPPED, PART_RESTARTING, N, PART_FAILED},
	[PART_RUNNING] = {N, PART_STOPPED, PART_RESTARTING, N, PART_FAILED},
	[PART_STOPPED] = {N, N, N, N, N},
	[PART_RESTARTING] = {N, N, N, PART_STARTING, PART_FAILED},
	[PART_FAILED] = {N, N, N, N, N},
};

#undef N

enum partition_state lc_part_next(enum partition_state s, enum lc_event e)
{
	if ((unsigned)s >= PART_NR_STATES || (unsigned)e >= LC_NR_EVENTS)
		return PART_NONE;
	return (enum partition_state)next_state[s][e];
}

bool lc_part_event(volatile uint32_t *state, enum lc_event e, enum partition_state *from)
{
	uint32_t s = __atomic_load_n(state, __ATOMIC_ACQUIRE);

	for (;;) {
		enum partition_state n = lc_part_next((enum partition_state)s, e);

		if (n == PART_NONE)
			return false;
		/* On failure s is reloaded with the current value: re-evaluate. */
		if (__atomic_compare_exchange_n(state, &s, (uint32_t)n, false, __ATOMIC_ACQ_REL,
						__ATOMIC_ACQUIRE)) {
			if (from)
				*from = (enum partition_state)s;
			return true;
		}
	}
}

bool lc_part_final(enum partition_state s)
{
	return s == PART_STOPPED || s == PART_FAILED;
}

bool lc_part_up(enum partition_state s)
{
	return s == PART_STARTING || s == PART_RUNNING;
}

const char *lc_part_name(enum partition_state s)
{
	static const char *const names[PART_NR_STATES] = {
		[PART_STARTING] = "starting", [PART_RUNNING] = "running",
		[PART_STOPPED] = "stopped",   [PART_RESTARTING] = "restarting",
		[PART_FAILED] = "failed",
	};

	return (unsigned)s < PART_NR_STATES ? names[s] : "?";
}

static bool vcpu_cas(volatile uint32_t *state, enum vcpu_state from, enum vcpu_state to)
{
	uint32_t expect = from;

	return __atomic_compare_exchange_n(state, &expect, (uint32_t)to, false, __ATOMIC_ACQ_REL,
					   __ATOMIC_ACQUIRE);
}

enum vcpu_state vcpu_claim(volatile uint32_t *state)
{
	uint32_t expect = VCPU_OFF;

	if (__atomic_compare_exchange_n(state, &expect, VCPU_CLAIMED, false, __ATOMIC_ACQ_REL,
					__ATOMIC_ACQUIRE))
		return VCPU_OFF;
	return (enum vcpu_state)expect;
}

bool vcpu_publish_on(volatile uint32_t *state)
{
	return vcpu_cas(state, VCPU_CLAIMED, VCPU_ON_PENDING);
}

bool vcpu_enter(volatile uint32_t *state)
{
	return vcpu_cas(state, VCPU_ON_PENDING, VCPU_RUNNING);
}

bool vcpu_off(volatile uint32_t *state)
{
	return vcpu_cas(state, VCPU_RUNNING, VCPU_OFF);
}

enum vcpu_state vcpu_take_down(volatile uint32_t *state)
{
	/* Seq-cst: the restart's winner reads `parked` next (core/partition.c). */
	return (enum vcpu_state)__atomic_exchange_n(state, VCPU_STOPPED, __ATOMIC_SEQ_CST);
}
