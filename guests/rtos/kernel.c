// SPDX-License-Identifier: GPL-2.0-only
#include <guests/rtos/kernel.h>

#include <guests/lib/gic.h>
#include <guests/lib/rt.h>

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#define FIRST_RELEASE_TICK 10 /* common start of the periodic tasks: every task has blocked */
#define STACK_CANARY	   0x5354414b43414e59ull
#define TIMER_PRIORITY	   0x80
#define IDLE_STACK_SIZE	   4096

enum syscall_nr {
	SYS_WAIT_PERIOD,
	SYS_QUEUE_SEND,
	SYS_QUEUE_RECV,
	SYS_TASK_STATS,
	SYS_TICK_STATS,
	SYS_EVENT_WAIT,
	SYS_EVENT_POST,
	SYS_SET_PERIOD,
};

struct task {
	uintptr_t sp; /* the saved frame while not running */
	const char *name;
	uint32_t prio;
	enum task_kind kind;
	uint64_t period_ticks;	/* kernel ticks */
	uint64_t deadline;	/* counter ticks, relative to the release */
	uint64_t next_release;	/* periodic: kernel tick of the next release */
	const void *wait_event; /* what the task is blocked on, NULL if ready */
	bool in_job;		/* released and not finished */
	bool started;		/* the current job has been dispatched */
	bool missed;		/* the current job's miss is counted */
	uint64_t release;	/* counter value of the current job's release */
	uint64_t *stack_limit;	/* lowest word: the canary */
	struct task_stats stats;
};

static struct task tasks[K_MAX_TASKS + 1]; /* the idle task last */
static uint32_t ntasks;
static struct task *by_prio[K_PRIO_MAX + 1];
static uint32_t ready; /* bit p: by_prio[p] is ready */
static struct task *current;
static unsigned int in_kernel;

static uint64_t stacks[K_MAX_TASKS][K_STACK_SIZE / 8] __attribute__((aligned(16)));
static uint64_t idle_stack[IDLE_STACK_SIZE / 8] __attribute__((aligned(16)));

static uint64_t freq, tick_cycles, time_origin, ticks;
static struct tick_stats tick_stats;
static uint32_t tick_us, timer_intid;
static const char period_event = 0; /* blocked until the next periodic release */

/* k_irq_attach()'s handlers: written at set-up, before k_start(). */
static struct {
	uint32_t intid;
	void (*handler)(void *arg);
	void *arg;
} irqs[K_MAX_IRQS];
static uint32_t nirqs;

/* ---------------------------------------------------------------- time */

static uint64_t us_to_cycles(uint64_t us)
{
	return us * freq / 1000000;
}

static uint64_t tick_time(uint64_t n)
{
	return time_origin + n * tick_cycles;
}

uint64_t k_time_origin(void)
{
	return time_origin;
}

/* ---------------------------------------------------------------- ready set */

static void make_ready(struct task *t)
{
	t->wait_event = NULL;
	ready |= 1u << t->prio;
}

static void block_on(struct task *t, const void *event)
{
	t->wait_event = event;
	ready &= ~(1u << t->prio);
}

/* Wake the highest-priority task blocked on event, if any. */
static void wake_one(const void *event)
{
	for (uint32_t p = K_PRIO_MAX + 1; p-- > 0;) {
		if (by_prio[p] && by_prio[p]->wait_event == event) {
			make_ready(by_prio[p]);
			return;
		}
	}
}

static struct task *highest_ready(void)
{
	return by_prio[31 - __builtin_clz(ready)]; /* the idle task is always ready */
}

/* ---------------------------------------------------------------- jobs */

static void job_release(struct task *t, uint64_t release)
{
	t->in_job = true;
	t->started = false;
	t->missed = false;
	t->release = release;
	t->stats.activations++;
}

static void job_end(struct task *t, uint64_t now)
{
	uint64_t response = now - t->release;

	if (response > t->stats.wcrt)
		t->stats.wcrt = response;
	if (!t->missed && response > t->deadline)
		t->stats.misses++;
	t->in_job = false;
}

/* The first dispatch of a job: its start, for the release jitter. */
static void job_start(struct task *t)
{
	uint64_t jitter = rt_counter() - t->release;

	t->started = true;
	if (jitter > t->stats.jitter)
		t->stats.jitter = jitter;
}

/* Periodic release at its tick; the next release is one period later. */
static void release_periodic(struct task *t)
{
	job_release(t, tick_time(t->next_release));
	t->next_release += t->period_ticks;
}

/* ---------------------------------------------------------------- tick */

static void timer_program(uint64_t cval)
{
	sysreg_write(cntv_cval_el0, cval);
	isb();
}

/*
 * One tick per interrupt. The compare value advances by exactly one tick from
 * the previous one (no drift); if we are more than a tick late the timer fires
 * again at once and the ticks are caught up one by one.
 */
static void tick(void)
{
	uint64_t now, latency;

	ticks++;
	now = tick_time(ticks);
	latency = rt_counter() - now;
	timer_program(now + tick_cycles);
	tick_stats.ticks++;
	tick_stats.latency_sum += latency;
	if (latency > tick_stats.latency_max)
		tick_stats.latency_max = latency;
	if (latency >= tick_cycles)
		tick_stats.late++;
	for (uint32_t i = 0; i < ntasks; i++) {
		struct task *t = &tasks[i];

		if (t->in_job && !t->missed && now >= t->release + t->deadline) {
			t->missed = true;
			t->stats.misses++;
		}
		if (t->kind == TASK_PERIODIC && t->wait_event == &period_event &&
		    t->next_release <= ticks) {
			release_periodic(t);
			make_ready(t);
		}
	}
}

static void irq(void)
{
	uint32_t intid = gic_ack();

	if (intid >= GIC_INTID_SPURIOUS)
		return;
	if (intid == timer_intid) {
		tick();
	} else {
		uint32_t i = 0;

		while (i < nirqs && irqs[i].intid != intid)
			i++;
		if (i < nirqs)
			irqs[i].handler(irqs[i].arg);
		else
			rt_printf("rtos: unexpected interrupt %u\n", intid);
	}
	gic_eoi(intid);
}

/* ---------------------------------------------------------------- calls */

static void sys_wait_period(struct task *t)
{
	if (t->kind != TASK_PERIODIC)
		panic("task %s: k_wait_period() in a sporadic task", t->name);
	if (t->in_job)
		job_end(t, rt_counter());
	if (t->next_release <= ticks)
		release_periodic(t); /* overran: the next job is due already */
	else
		block_on(t, &period_event);
}

/* Events of a queue: data for receivers, space for senders. */
static const void *q_data(const struct k_queue *q)
{
	return &q->msg;
}

static const void *q_space(const struct k_queue *q)
{
	return &q->stamp;
}

/*
 * A call that cannot complete blocks and is restarted: ELR goes back to the
 * SVC, which runs again with the same arguments once the task is woken.
 */
static void block_restart(struct task *t, struct rt_frame *f, const void *event)
{
	block_on(t, event);
	f->elr -= RT_SVC_INSN_SIZE;
}

static void sys_queue_send(struct task *t, struct rt_frame *f, struct k_queue *q, uintptr_t msg)
{
	uint32_t slot;

	if (q->count == K_QUEUE_CAP) {
		block_restart(t, f, q_space(q));
		return;
	}
	slot = (q->head + q->count) % K_QUEUE_CAP;
	q->msg[slot] = msg;
	q->stamp[slot] = rt_counter();
	q->count++;
	wake_one(q_data(q));
}

static void sys_queue_recv(struct task *t, struct rt_frame *f, struct k_queue *q)
{
	uint64_t stamp;

	if (t->kind == TASK_SPORADIC && t->in_job)
		job_end(t, rt_counter());
	if (q->count == 0) {
		block_restart(t, f, q_data(q));
		return;
	}
	f->x[0] = q->msg[q->head];
	stamp = q->stamp[q->head];
	q->head = (q->head + 1) % K_QUEUE_CAP;
	q->count--;
	wake_one(q_space(q));
	if (t->kind == TASK_SPORADIC)
		job_release(t, stamp);
}

/* ---------------------------------------------------------------- events */

void k_event_signal(struct k_event *e)
{
	if (!e->pending) {
		e->pending = true;
		e->stamp = rt_counter();
	}
	wake_one(e);
}

static void sys_event_wait(struct task *t, struct rt_frame *f, struct k_event *e)
{
	if (t->kind == TASK_SPORADIC && t->in_job)
		job_end(t, rt_counter());
	if (!e->pending) {
		block_restart(t, f, e);
		return;
	}
	e->pending = false;
	if (t->kind == TASK_SPORADIC)
		job_release(t, e->stamp);
}

/* From the next release on; the deadline follows a periodic task's period. */
static int sys_set_period(const char *name, uint64_t period_us)
{
	for (uint32_t i = 0; i < ntasks; i++) {
		struct task *t = &tasks[i];

		if (strcmp(t->name, name) != 0)
			continue;
		if (t->kind != TASK_PERIODIC || period_us == 0 || period_us > UINT32_MAX ||
		    period_us % tick_us)
			return -1;
		t->period_ticks = period_us / tick_us;
		t->deadline = us_to_cycles(period_us);
		t->stats.period_us = (uint32_t)period_us;
		return 0;
	}
	return -1;
}

static int sys_task_stats(uint64_t index, struct task_stats *out)
{
	if (index >= ntasks)
		return -1;
	*out = tasks[index].stats;
	return 0;
}

static void syscall(struct task *t, struct rt_frame *f)
{
	switch (f->x[0]) {
	case SYS_WAIT_PERIOD:
		sys_wait_period(t);
		break;
	case SYS_QUEUE_SEND:
		sys_queue_send(t, f, (struct k_queue *)(uintptr_t)f->x[1], f->x[2]);
		break;
	case SYS_QUEUE_RECV:
		sys_queue_recv(t, f, (struct k_queue *)(uintptr_t)f->x[1]);
		break;
	case SYS_TASK_STATS:
		f->x[0] = (uintptr_t)(intptr_t)sys_task_stats(
			f->x[1], (struct task_stats *)(uintptr_t)f->x[2]);
		break;
	case SYS_TICK_STATS:
		*(struct tick_stats *)(uintptr_t)f->x[1] = tick_stats;
		break;
	case SYS_EVENT_WAIT:
		sys_event_wait(t, f, (struct k_event *)(uintptr_t)f->x[1]);
		break;
	case SYS_EVENT_POST:
		k_event_signal((struct k_event *)(uintptr_t)f->x[1]);
		break;
	case SYS_SET_PERIOD:
		f->x[0] = (uintptr_t)(intptr_t)sys_set_period((const char *)(uintptr_t)f->x[1],
							      f->x[2]);
		break;
	default:
		panic("task %s: unknown call %llu", t->name, (unsigned long long)f->x[0]);
	}
}

/* ---------------------------------------------------------------- exceptions */

static _Noreturn void fault(const struct rt_frame *f, uint64_t kind)
{
	uint64_t esr, far;

	rt_exc_syndrome(f, &esr, &far);

	panic("%s%s: exception kind %llu esr=0x%llx elr=0x%llx far=0x%llx",
	      current ? "task " : "boot", current ? current->name : "", (unsigned long long)kind,
	      (unsigned long long)esr, (unsigned long long)f->elr, (unsigned long long)far);
}

/*
 * The guest library's IRQ and synchronous-exception hooks, with the frame
 * just pushed on the interrupted task's stack: return the frame to resume.
 */
static struct rt_frame *kernel_entry(struct rt_frame *f, uint64_t kind)
{
	if (in_kernel++ || !current)
		fault(f, kind); /* a bug in the kernel, or before the first task */
	current->sp = (uintptr_t)f;
	if (current->stack_limit[0] != STACK_CANARY)
		panic("task %s: stack overflow", current->name);
	if (kind == VEC_IRQ)
		irq();
	else if (kind == VEC_SYNC && rt_frame_is_svc(f))
		syscall(current, f);
	else
		fault(f, kind);
	current = highest_ready();
	if (current->in_job && !current->started)
		job_start(current);
	in_kernel--;
	return (struct rt_frame *)current->sp;
}

static struct rt_frame *on_irq(struct rt_frame *f)
{
	return kernel_entry(f, VEC_IRQ);
}

static struct rt_frame *on_sync(struct rt_frame *f)
{
	return kernel_entry(f, VEC_SYNC);
}

/* ---------------------------------------------------------------- set-up */

static void task_return(void)
{
	panic("a task returned from its entry function");
}

static void idle_entry(void *arg)
{
	(void)arg;
	for (;;)
		rt_wfi();
}

static void task_init(struct task *t, const struct task_config *c, uint64_t *stack,
		      size_t stack_size)
{
	struct rt_frame *f = (struct rt_frame *)(void *)((char *)stack + stack_size) - 1;

	memset(stack, 0, stack_size);
	stack[0] = STACK_CANARY;
	memset(f, 0, sizeof(*f));
	f->x[0] = (uintptr_t)c->arg;
	f->x[FRAME_LR] = (uintptr_t)task_return;
	f->elr = (uintptr_t)c->entry;
	f->spsr = RT_SPSR_TASK;
	t->sp = (uintptr_t)f;
	t->stack_limit = stack;
	t->name = c->name;
	t->prio = c->prio;
	t->kind = c->kind;
	t->period_ticks = c->period_us / tick_us;
	t->deadline = us_to_cycles(c->deadline_us ? c->deadline_us : c->period_us);
	t->next_release = FIRST_RELEASE_TICK + c->phase_us / tick_us;
	t->stats.name = c->name;
	t->stats.prio = c->prio;
	t->stats.period_us = c->period_us;
	by_prio[t->prio] = t;
}

void k_init(uint64_t timer_freq, uint32_t tick_period_us, uint32_t intid)
{
	freq = timer_freq;
	tick_us = tick_period_us;
	tick_cycles = us_to_cycles(tick_us);
	timer_intid = intid;
	rt_set_irq_hook(on_irq);
	rt_set_sync_hook(on_sync);
}

int k_irq_attach(uint32_t intid, void (*handler)(void *arg), void *arg)
{
	if (nirqs == K_MAX_IRQS || intid == timer_intid || !handler)
		return -1;
	irqs[nirqs].intid = intid;
	irqs[nirqs].handler = handler;
	irqs[nirqs].arg = arg;
	nirqs++;
	return 0;
}

int k_task_create(const struct task_config *c)
{
	struct task *t = &tasks[ntasks];

	if (ntasks == K_MAX_TASKS || !tick_us || c->prio == 0 || c->prio > K_PRIO_MAX ||
	    by_prio[c->prio] || !c->entry || c->period_us == 0 || c->period_us % tick_us ||
	    c->phase_us % tick_us)
		return -1;
	task_init(t, c, stacks[ntasks], sizeof(stacks[ntasks]));
	ntasks++;
	make_ready(t); /* runs up to its first k_wait_period() or k_queue_recv() */
	return 0;
}

void k_start(void)
{
	static const struct task_config idle = {.name = "idle", .entry = idle_entry};
	struct task *t = &tasks[ntasks];

	task_init(t, &idle, idle_stack, sizeof(idle_stack));
	make_ready(t);
	time_origin = rt_counter();
	ticks = 0;
	timer_program(tick_time(1));
	sysreg_write(cntv_ctl_el0, CNTV_CTL_ENABLE);
	gic_enable_private(gic_this_rd(), timer_intid, TIMER_PRIORITY);
	current = highest_ready();
	rt_frame_resume((struct rt_frame *)current->sp);
}

/* ---------------------------------------------------------------- task side */

static uintptr_t svc(uintptr_t nr, uintptr_t a, uintptr_t b)
{
	return rt_svc(nr, a, b);
}

void k_wait_period(void)
{
	svc(SYS_WAIT_PERIOD, 0, 0);
}

void k_queue_send(struct k_queue *q, uintptr_t msg)
{
	svc(SYS_QUEUE_SEND, (uintptr_t)q, msg);
}

uintptr_t k_queue_recv(struct k_queue *q)
{
	return svc(SYS_QUEUE_RECV, (uintptr_t)q, 0);
}

int k_task_stats(uint32_t index, struct task_stats *out)
{
	return (int)svc(SYS_TASK_STATS, index, (uintptr_t)out);
}

void k_event_wait(struct k_event *e)
{
	svc(SYS_EVENT_WAIT, (uintptr_t)e, 0);
}

void k_event_post(struct k_event *e)
{
	svc(SYS_EVENT_POST, (uintptr_t)e, 0);
}

int k_set_period(const char *name, uint32_t period_us)
{
	return (int)svc(SYS_SET_PERIOD, (uintptr_t)name, period_us);
}

void k_tick_stats(struct tick_stats *out)
{
	svc(SYS_TICK_STATS, (uintptr_t)out, 0);
}
