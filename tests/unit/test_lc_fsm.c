// SPDX-License-Identifier: GPL-2.0-only
/*
 * core/lc_fsm.c: the partition life-cycle table, checked for every (state,
 * event) pair against a table written out here independently; the
 * compare-and-swap that makes each transition happen once, with threads that
 * send events at the same moment (SYSTEM_RESET from every vCPU, a watchdog
 * expiry during a restart, a failure during a restart); the vCPU CPU_ON claim
 * racing a take-down.
 */
#include <core/lc_fsm.h>

#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#define X PART_NONE
/* The documented table (core/lc_fsm.h, docs/reliability.md), row by row. */
static const enum partition_state expected[PART_NR_STATES][LC_NR_EVENTS] = {
	[PART_STARTING] = {PART_RUNNING, PART_STOPPED, PART_RESTARTING, X, PART_FAILED},
	[PART_RUNNING] = {X, PART_STOPPED, PART_RESTARTING, X, PART_FAILED},
	[PART_STOPPED] = {X, X, X, X, X},
	[PART_RESTARTING] = {X, X, X, PART_STARTING, PART_FAILED},
	[PART_FAILED] = {X, X, X, X, X},
};
#undef X

static void test_every_pair(void **unused)
{
	(void)unused;
	for (int s = 0; s < PART_NR_STATES; s++) {
		for (int e = 0; e < LC_NR_EVENTS; e++) {
			volatile uint32_t word = (uint32_t)s;
			enum partition_state from = PART_NONE;
			bool moved = lc_part_event(&word, (enum lc_event)e, &from);

			assert_int_equal(lc_part_next((enum partition_state)s, (enum lc_event)e),
					 expected[s][e]);
			if (expected[s][e] == PART_NONE) {
				assert_false(moved);
				assert_int_equal(word, (uint32_t)s);
				assert_int_equal(from, PART_NONE);
			} else {
				assert_true(moved);
				assert_int_equal(word, (uint32_t)expected[s][e]);
				assert_int_equal(from, s);
			}
		}
	}
	/* Out of range never moves. */
	assert_int_equal(lc_part_next(PART_NR_STATES, LC_STOP), PART_NONE);
	assert_int_equal(lc_part_next(PART_RUNNING, LC_NR_EVENTS), PART_NONE);
}

static void test_final_states(void **unused)
{
	(void)unused;
	for (int e = 0; e < LC_NR_EVENTS; e++) {
		volatile uint32_t failed = PART_FAILED, stopped = PART_STOPPED;

		assert_false(lc_part_event(&failed, (enum lc_event)e, NULL));
		assert_false(lc_part_event(&stopped, (enum lc_event)e, NULL));
	}
	assert_true(lc_part_final(PART_FAILED));
	assert_true(lc_part_final(PART_STOPPED));
	assert_false(lc_part_final(PART_RESTARTING));
	assert_true(lc_part_up(PART_STARTING));
	assert_true(lc_part_up(PART_RUNNING));
	assert_false(lc_part_up(PART_RESTARTING));
	assert_string_equal(lc_part_name(PART_RESTARTING), "restarting");
	assert_string_equal(lc_part_name(PART_NR_STATES), "?");
}

/* A restart's full path: RUNNING -> RESTARTING -> STARTING -> RUNNING. */
static void test_restart_path(void **unused)
{
	volatile uint32_t w = PART_RUNNING;

	(void)unused;
	assert_true(lc_part_event(&w, LC_RESTART, NULL));
	/* A second SYSTEM_RESET, a watchdog expiry, a stop: all ignored. */
	assert_false(lc_part_event(&w, LC_RESTART, NULL));
	assert_false(lc_part_event(&w, LC_STOP, NULL));
	assert_false(lc_part_event(&w, LC_ENTERED, NULL));
	assert_true(lc_part_event(&w, LC_RELOADED, NULL));
	assert_int_equal(w, PART_STARTING);
	assert_true(lc_part_event(&w, LC_ENTERED, NULL));
	assert_int_equal(w, PART_RUNNING);
}

/* ---- concurrency: exactly one winner ---- */

#define THREADS 8
#define ROUNDS	2000

struct race {
	volatile uint32_t word;
	volatile uint32_t go;
	uint32_t wins[THREADS];
	enum lc_event ev[THREADS];
};

struct racer {
	struct race *r;
	int id;
};

static void *racer_main(void *arg)
{
	struct racer *me = arg;

	while (!__atomic_load_n(&me->r->go, __ATOMIC_ACQUIRE))
		;
	if (lc_part_event(&me->r->word, me->r->ev[me->id], NULL))
		me->r->wins[me->id]++;
	return NULL;
}

/* Runs one round of THREADS threads sending ev[i]; returns the number of winners. */
static uint32_t race_once(struct race *r, uint32_t start)
{
	pthread_t t[THREADS];
	struct racer who[THREADS];
	uint32_t winners = 0;

	memset(r->wins, 0, sizeof(r->wins));
	r->word = start;
	r->go = 0;
	for (int i = 0; i < THREADS; i++) {
		who[i] = (struct racer){r, i};
		assert_int_equal(pthread_create(&t[i], NULL, racer_main, &who[i]), 0);
	}
	__atomic_store_n(&r->go, 1, __ATOMIC_RELEASE);
	for (int i = 0; i < THREADS; i++) {
		pthread_join(t[i], NULL);
		winners += r->wins[i];
	}
	return winners;
}

/* SYSTEM_RESET from every vCPU at once: one restart. */
static void test_reset_from_every_vcpu(void **unused)
{
	static struct race r;

	(void)unused;
	for (int i = 0; i < THREADS; i++)
		r.ev[i] = LC_RESTART;
	for (int n = 0; n < ROUNDS / 10; n++) {
		assert_int_equal(race_once(&r, PART_RUNNING), 1);
		assert_int_equal(r.word, PART_RESTARTING);
	}
}

/* SYSTEM_OFF, SYSTEM_RESET and a watchdog fault at once: one action wins. */
static void test_mixed_requests(void **unused)
{
	static struct race r;

	(void)unused;
	for (int i = 0; i < THREADS; i++)
		r.ev[i] = i % 3 == 0 ? LC_STOP : i % 3 == 1 ? LC_RESTART : LC_FAIL;
	for (int n = 0; n < ROUNDS / 10; n++) {
		uint32_t w = race_once(&r, PART_RUNNING);

		/* STOP and FAIL are final; a RESTART winner may be followed by one FAIL. */
		if (r.word == PART_FAILED)
			assert_true(w == 1 || w == 2);
		else
			assert_int_equal(w, 1);
		assert_true(r.word == PART_STOPPED || r.word == PART_FAILED ||
			    r.word == PART_RESTARTING);
	}
}

/*
 * During a restart: SYSTEM_RESET from the other vCPUs, a watchdog expiry
 * (restart), a sibling's SYSTEM_OFF are all ignored; only the winner's own
 * FAIL (a core did not stop) moves it, and FAILED stays.
 */
static void test_requests_during_restart(void **unused)
{
	static struct race r;

	(void)unused;
	for (int i = 0; i < THREADS; i++)
		r.ev[i] = i % 2 ? LC_RESTART : LC_STOP;
	for (int n = 0; n < ROUNDS / 10; n++) {
		assert_int_equal(race_once(&r, PART_RESTARTING), 0);
		assert_int_equal(r.word, PART_RESTARTING);
	}
	r.ev[0] = LC_FAIL;
	for (int n = 0; n < ROUNDS / 10; n++) {
		assert_int_equal(race_once(&r, PART_RESTARTING), 1);
		assert_int_equal(r.wins[0], 1);
		assert_int_equal(r.word, PART_FAILED);
	}
}

/* ---- vCPU: CPU_ON claim against a take-down ---- */

static void test_vcpu_on_sequence(void **unused)
{
	volatile uint32_t s = VCPU_OFF;

	(void)unused;
	assert_int_equal(vcpu_claim(&s), VCPU_OFF);
	assert_int_equal(s, VCPU_CLAIMED);
	/* A second CPU_ON while the first writes the entry: it sees CLAIMED. */
	assert_int_equal(vcpu_claim(&s), VCPU_CLAIMED);
	assert_false(vcpu_enter(&s)); /* not published yet: the core does not enter */
	assert_true(vcpu_publish_on(&s));
	assert_int_equal(vcpu_claim(&s), VCPU_ON_PENDING);
	assert_true(vcpu_enter(&s));
	assert_int_equal(vcpu_claim(&s), VCPU_RUNNING);
	assert_true(vcpu_off(&s));
	assert_int_equal(s, VCPU_OFF);
}

/* The bug of the old cpu_on(): a stop between check and store was undone. */
static void test_vcpu_stop_between_claim_and_publish(void **unused)
{
	volatile uint32_t s = VCPU_OFF;

	(void)unused;
	assert_int_equal(vcpu_claim(&s), VCPU_OFF);
	assert_int_equal(vcpu_take_down(&s), VCPU_CLAIMED);
	assert_false(vcpu_publish_on(&s)); /* the stop stays */
	assert_int_equal(s, VCPU_STOPPED);
	assert_false(vcpu_enter(&s));
	assert_false(vcpu_off(&s));
	assert_int_equal(vcpu_claim(&s), VCPU_STOPPED);
}

struct vrace {
	volatile uint32_t state;
	volatile uint32_t go;
	bool published;
};

static void *cpu_on_thread(void *arg)
{
	struct vrace *r = arg;

	while (!__atomic_load_n(&r->go, __ATOMIC_ACQUIRE))
		;
	if (vcpu_claim(&r->state) == VCPU_OFF)
		r->published = vcpu_publish_on(&r->state);
	return NULL;
}

static void *stop_thread(void *arg)
{
	struct vrace *r = arg;

	while (!__atomic_load_n(&r->go, __ATOMIC_ACQUIRE))
		;
	(void)vcpu_take_down(&r->state);
	return NULL;
}

/* CPU_ON racing a stop: the vCPU always ends STOPPED. */
static void test_cpu_on_racing_stop(void **unused)
{
	(void)unused;
	for (int n = 0; n < ROUNDS; n++) {
		struct vrace r = {.state = VCPU_OFF};
		pthread_t a, b;

		assert_int_equal(pthread_create(&a, NULL, cpu_on_thread, &r), 0);
		assert_int_equal(pthread_create(&b, NULL, stop_thread, &r), 0);
		__atomic_store_n(&r.go, 1, __ATOMIC_RELEASE);
		pthread_join(a, NULL);
		pthread_join(b, NULL);
		assert_int_equal(r.state, VCPU_STOPPED);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_pair),
		cmocka_unit_test(test_final_states),
		cmocka_unit_test(test_restart_path),
		cmocka_unit_test(test_reset_from_every_vcpu),
		cmocka_unit_test(test_mixed_requests),
		cmocka_unit_test(test_requests_during_restart),
		cmocka_unit_test(test_vcpu_on_sequence),
		cmocka_unit_test(test_vcpu_stop_between_claim_and_publish),
		cmocka_unit_test(test_cpu_on_racing_stop),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
