/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The life-cycle state machines of a partition and of a vCPU, as tables.
 * Pure logic on one 32-bit state word each: no hardware, compiled into the
 * image and into the host library (tests/unit/test_lc_fsm.c tests every
 * (state, event) pair).
 *
 * Atomicity rule: a state word changes only by compare-and-swap in
 * lc_part_event() / the vcpu_* functions below. Of several cores that send
 * events at once, exactly one sees `true` for a given transition: that core
 * (the "winner") alone carries out the action that goes with it (stop,
 * restart, fail). Everybody else acts on the new state (parks). No lock is
 * held while waiting for anything.
 *
 * Partition (docs/reliability.md, "Life cycle"):
 *
 *   state \ event | ENTERED  STOP     RESTART    RELOADED  FAIL
 *   --------------+--------------------------------------------
 *   STARTING      | RUNNING  STOPPED  RESTARTING -         FAILED
 *   RUNNING       | -        STOPPED  RESTARTING -         FAILED
 *   STOPPED       | -        -        -          -         -
 *   RESTARTING    | -        -        -          STARTING  FAILED
 *   FAILED        | -        -        -          -         -       (final)
 *
 * "-": the event is ignored (no transition, the caller is not the winner).
 * STOPPED is final too: only a reboot of the machine starts it again.
 */
#ifndef CORE_LC_FSM_H
#define CORE_LC_FSM_H

#include <stdbool.h>
#include <stdint.h>

/* Partition states, reported on the console at every change. */
enum partition_state {
	PART_STARTING,
	PART_RUNNING,
	PART_STOPPED,
	PART_RESTARTING,
	PART_FAILED,
	PART_NR_STATES,
};

enum lc_event {
	LC_ENTERED,  /* the boot vCPU entered the guest */
	LC_STOP,     /* PSCI SYSTEM_OFF, or a fault under policy "stop" */
	LC_RESTART,  /* PSCI SYSTEM_RESET, or a fault under policy "restart" */
	LC_RELOADED, /* the restart's winner reloaded the partition */
	LC_FAIL,     /* restart budget used up, a core did not stop, reload failed */
	LC_NR_EVENTS,
};

#define PART_NONE PART_NR_STATES /* "no transition" in the table */

/* The table itself: the next state, or PART_NONE. */
enum partition_state lc_part_next(enum partition_state s, enum lc_event e);

/*
 * Apply @e to the state word @state atomically. True if this call made the
 * transition (then *@from, if not NULL, is the state it left); false if the
 * event is ignored in the current state.
 */
bool lc_part_event(volatile uint32_t *state, enum lc_event e, enum partition_state *from);

/* Down for good: nothing brings the partition back (STOPPED, FAILED). */
bool lc_part_final(enum partition_state s);

/* Running or about to run a guest (STARTING, RUNNING). */
bool lc_part_up(enum partition_state s);

const char *lc_part_name(enum partition_state s);

/*
 * vCPU states (one physical core each, for life):
 *
 *   OFF --cpu_on claim--> CLAIMED --entry written--> ON_PENDING --core enters--> RUNNING
 *   RUNNING --PSCI CPU_OFF--> OFF
 *   any --partition goes down--> STOPPED   (its core parks at EL2)
 *   STOPPED --partition reloaded--> OFF / ON_PENDING (vcpu_state_reset, by the winner)
 *
 * CLAIMED keeps a second CPU_ON (or the target's core) from seeing an entry
 * point that is still being written; a take-down that lands between claim
 * and publish wins (the publish fails, CPU_ON then reports the target down).
 */
enum vcpu_state {
	VCPU_OFF,
	VCPU_ON_PENDING,
	VCPU_RUNNING,
	VCPU_STOPPED,
	VCPU_CLAIMED,
};

/* CPU_ON: OFF -> CLAIMED. Returns the state seen (VCPU_OFF when claimed). */
enum vcpu_state vcpu_claim(volatile uint32_t *state);

/* CPU_ON, after writing the entry point: CLAIMED -> ON_PENDING; false if taken down. */
bool vcpu_publish_on(volatile uint32_t *state);

/* The target core: ON_PENDING -> RUNNING; false if taken down meanwhile. */
bool vcpu_enter(volatile uint32_t *state);

/* PSCI CPU_OFF: RUNNING -> OFF; false if taken down meanwhile. */
bool vcpu_off(volatile uint32_t *state);

/* The partition goes down: any -> STOPPED. Returns the previous state. */
enum vcpu_state vcpu_take_down(volatile uint32_t *state);

#endif
