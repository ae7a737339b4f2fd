/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A small preemptive fixed-priority kernel for one core.
 *
 * Tasks have unique priorities (1..31, higher preempts lower; 0 is the idle
 * task) and their own stacks. The kernel runs only in exception context with
 * interrupts masked -- the timer tick and the SVC calls below -- so its state
 * needs no locks. A context switch happens on a tick that releases a
 * higher-priority task, and whenever the running task blocks.
 *
 * Jobs and timing statistics, all in counter ticks (CNTVCT_EL0):
 *   periodic task: released every period on a tick; a job ends when the task
 *     calls k_wait_period() again. Deadline = period.
 *   sporadic task: released by a message on the queue it receives from (the
 *     release time is when the message was sent), or by an event it waits on
 *     (the release time is when the event was first signalled); a job ends at
 *     its next k_queue_recv() or k_event_wait(). Deadline = deadline_us after
 *     the send or the signal.
 *   response time = end - release; release jitter = first dispatch - release;
 *   a miss is a job still unfinished at release + deadline (counted once).
 */
#ifndef GUESTS_RTOS_KERNEL_H
#define GUESTS_RTOS_KERNEL_H

#include <stdbool.h>
#include <stdint.h>

#define K_MAX_TASKS  8 /* besides the idle task */
#define K_PRIO_MAX   31
#define K_STACK_SIZE 8192 /* bytes per task */
#define K_QUEUE_CAP  8
#define K_MAX_IRQS   4 /* interrupts besides the tick (k_irq_attach) */

enum task_kind {
	TASK_PERIODIC,
	TASK_SPORADIC,
};

/*
 * period_us: periodic: the period, a multiple of the tick; sporadic: the
 *   minimum inter-arrival time (reported only).
 * deadline_us: relative deadline; 0 means the period.
 * phase_us: periodic: first release this long after the common start, a
 *   multiple of the tick.
 */
struct task_config {
	const char *name;
	uint32_t prio; /* 1..K_PRIO_MAX, unique */
	enum task_kind kind;
	uint32_t period_us;
	uint32_t deadline_us;
	uint32_t phase_us;
	void (*entry)(void *arg);
	void *arg;
};

struct task_stats {
	const char *name;
	uint32_t prio;
	uint32_t period_us;
	uint64_t activations; /* jobs released */
	uint64_t misses;      /* jobs that missed their deadline */
	uint64_t wcrt;	      /* worst response time */
	uint64_t jitter;      /* worst release jitter */
};

/* The tick interrupt: how late it is handled after the timer's compare value. */
struct tick_stats {
	uint64_t ticks;	      /* ticks handled */
	uint64_t latency_max; /* worst interrupt latency, counter ticks */
	uint64_t latency_sum; /* for the mean */
	uint64_t late;	      /* ticks handled a whole tick period or more late */
};

/* A bounded queue of word-sized messages, each stamped with the counter at send. */
struct k_queue {
	uintptr_t msg[K_QUEUE_CAP];
	uint64_t stamp[K_QUEUE_CAP];
	uint32_t head;
	uint32_t count;
};

/*
 * An event: signals before the wait are remembered (once: signals coalesce,
 * like the interrupts that usually raise them); the waiter is released at
 * the first signal's time.
 */
struct k_event {
	bool pending;
	uint64_t stamp; /* counter at the first signal since the last wait */
};

/* ---- Set-up, from the boot code (interrupts masked). */

/* Tick of tick_us from the EL1 virtual timer (INTID timer_intid) counting at freq Hz. */
void k_init(uint64_t freq, uint32_t tick_us, uint32_t timer_intid);

/* Add a task; 0, or -1 if the configuration is invalid or there is no room. */
int k_task_create(const struct task_config *cfg);

/*
 * Run @handler(@arg) in the kernel, with interrupts masked, for each
 * interrupt @intid (enabled by the caller); it may only call
 * k_event_signal(). 0, or -1 when there is no room or @intid is the tick's.
 */
int k_irq_attach(uint32_t intid, void (*handler)(void *arg), void *arg);

/* From an attached interrupt handler: signal @e (wakes its waiter). */
void k_event_signal(struct k_event *e);

/* Start the tick and run the highest-priority ready task; never returns. */
_Noreturn void k_start(void);

/* Counter value of the kernel's time origin (tick 0); valid once k_start() ran. */
uint64_t k_time_origin(void);

/* ---- Calls from tasks (SVC). */

/* End the current job of a periodic task and wait for the next release. */
void k_wait_period(void);

/* Send a message; blocks while the queue is full. */
void k_queue_send(struct k_queue *q, uintptr_t msg);

/* Receive the oldest message; blocks while the queue is empty. */
uintptr_t k_queue_recv(struct k_queue *q);

/* Wait for @e (a sporadic task: ends the current job, the signal releases the next). */
void k_event_wait(struct k_event *e);

/* From a task: signal @e. */
void k_event_post(struct k_event *e);

/*
 * Set periodic task @name's period (and its deadline, the period) to
 * @period_us, a multiple of the tick: from its next release on. 0, or -1 (no
 * such periodic task, or a bad period).
 */
int k_set_period(const char *name, uint32_t period_us);

/* A consistent copy of task index's statistics (0..count-1, idle excluded); -1 past the end. */
int k_task_stats(uint32_t index, struct task_stats *out);

/* A consistent copy of the tick statistics. */
void k_tick_stats(struct tick_stats *out);

#endif
