// SPDX-License-Identifier: GPL-2.0-only
/*
 * SMMUv3 event queue and interrupts (IHI 0070, 3.5 and 7): the SMMU writes a
 * record for every fault into a ring in normal memory and raises its wired
 * Event queue interrupt; the handler decodes the records (smmuv3_enc.c) and
 * hands them to the reporter, with a filter so that a blocked transfer (one
 * record per access, QEMU one per 4 bytes) is one line, not thousands.
 *
 * State: struct smmu_evtq. Its lock guards the consumer side (SMMU_EVENTQ_CONS)
 * and the repeat filter; the reporter pointer is set at boot, before the
 * interrupts are routed.
 */
#include <smmu/smmuv3_dev.h>

#include <gic/gicv3.h>
#include <lib/bits.h>
#include <lib/log.h>
#include <string.h>

#define EVTQ_MAX_LOG2 7U /* 128 records, 4 KiB */

/* Not zeroed at boot: evtq_init() writes it before the SMMU writes any. */
static uint64_t evtq_mem[1U << EVTQ_MAX_LOG2][SMMU_EVT_WORDS]
	__attribute__((aligned(4096), section(".noinit")));

static struct smmu_evtq {
	spinlock_t lock; /* the consumer index and the fields below */
	unsigned int log2;
	void (*report)(const struct smmu_event *ev);
	/*
	 * The last record reported, how many like it followed, and when the
	 * last of them was read (a record like it more than SMMU_TIMEOUT_MS
	 * later is reported again).
	 */
	bool have_last;
	struct smmu_event last;
	uint32_t repeats;
	uint64_t last_at;
} evtq;

static void default_report(const struct smmu_event *ev)
{
	char line[200];

	smmu_event_format(ev, line, sizeof(line));
	log_info("%s", line);
}

void evtq_init(void)
{
	evtq.log2 = MIN(smmu_dev.f.evtq_log2, EVTQ_MAX_LOG2);
	if (!evtq.report)
		evtq.report = default_report;
	memset(evtq_mem, 0, sizeof(evtq_mem));
	smmu_dsb_st();
	smmu_wr64(SMMU_EVENTQ_BASE, smmu_q_base((uint64_t)(uintptr_t)evtq_mem, evtq.log2, true));
	smmu_wr32(SMMU_EVENTQ_PROD, 0);
	smmu_wr32(SMMU_EVENTQ_CONS, 0);
}

void smmu_set_reporter(void (*report)(const struct smmu_event *ev))
{
	evtq.report = report ? report : default_report;
}

void smmu_report_pseudo(uint32_t type, uint32_t count, uint32_t gerror)
{
	struct smmu_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = type;
	ev.name = smmu_event_name(type);
	ev.fault_class = SMMU_CLASS_NONE;
	ev.class_name = "";
	ev.count = count;
	ev.gerror = gerror;
	evtq.report(&ev);
}

/* Reports how many records like the last one followed, if any. */
static void flush_repeats(void)
{
	if (evtq.repeats)
		smmu_report_pseudo(SMMU_EVT_REPEATED, evtq.repeats, 0);
	evtq.repeats = 0;
}

/* One record: counted if like the last one, else reported (within @reported's budget). */
static bool take_record(const uint64_t *rec, uint32_t *reported)
{
	uint64_t now = read_sysreg(cntpct_el0);
	struct smmu_event ev;

	smmu_event_decode(rec, &ev);
	if (evtq.have_last && now - evtq.last_at <= smmu_timeout_ticks() &&
	    smmu_event_similar(&evtq.last, &ev)) {
		evtq.repeats++;
		evtq.last_at = now;
		return true;
	}
	if (*reported >= SMMU_REPORT_BURST)
		return false;
	flush_repeats();
	evtq.report(&ev);
	evtq.last = ev;
	evtq.have_last = true;
	evtq.last_at = now;
	(*reported)++;
	return true;
}

/*
 * 3.5 / 6.3 EVENTQ_PROD, EVENTQ_CONS: consume records from CONS to PROD, then
 * publish CONS; an overflow (PROD.OVFLG != CONS.OVACKFLG) is acknowledged by
 * copying the flag. Bounded: at most twice the queue per call. A record like
 * the last one reported is only counted (even across calls, within
 * SMMU_TIMEOUT_MS of the previous one); the count is reported before the next
 * different one and at the end of the call.
 */
static void evtq_drain(void)
{
	unsigned int log2 = evtq.log2;
	uint32_t mask = smmu_q_mask(log2), budget = 2U << log2, reported = 0, dropped = 0;
	uint32_t prod, cons, published;

	spin_lock(&evtq.lock);
	cons = published = smmu_rd32(SMMU_EVENTQ_CONS);
	prod = smmu_rd32(SMMU_EVENTQ_PROD);
	while (budget) {
		if ((prod ^ cons) & EVENTQ_PROD_OVFLG) {
			smmu_report_pseudo(SMMU_EVT_OVERFLOW, 0, 0);
			cons ^= EVENTQ_CONS_OVACKFLG;
		}
		if (smmu_q_empty(prod, cons, log2))
			break;
		dsb_sy(); /* records are read after PROD */
		while (budget && !smmu_q_empty(prod, cons, log2)) {
			uint64_t rec[SMMU_EVT_WORDS];

			memcpy(rec, evtq_mem[smmu_q_idx(cons, log2)], sizeof(rec));
			dropped += !take_record(rec, &reported);
			cons = (cons & EVENTQ_CONS_OVACKFLG) | smmu_q_inc(cons & mask, log2);
			budget--;
		}
		dsb_sy(); /* records read before the SMMU may overwrite them */
		smmu_wr32(SMMU_EVENTQ_CONS, cons);
		published = cons;
		prod = smmu_rd32(SMMU_EVENTQ_PROD);
	}
	if (cons != published)
		smmu_wr32(SMMU_EVENTQ_CONS, cons); /* an overflow acknowledged on an empty queue */
	flush_repeats();
	spin_unlock(&evtq.lock);
	if (dropped)
		smmu_report_pseudo(SMMU_EVT_SUPPRESSED, dropped, 0);
}

/* ---------------------------------------------------------------- interrupts */

bool smmu_owns_irq(uint32_t intid)
{
	return smmu_dev.present && intid &&
	       (intid == smmu_dev.evtq_intid || intid == smmu_dev.gerror_intid);
}

void smmu_route_irqs(uint32_t cpu)
{
	uint32_t irqs[2] = {smmu_dev.evtq_intid, smmu_dev.gerror_intid};

	if (!smmu_dev.present)
		return;
	for (uint32_t k = 0; k < 2; k++) {
		if (!irqs[k] || (k == 1 && irqs[1] == irqs[0]))
			continue;
		gicd_set_edge(irqs[k], true);
		gicd_set_route(irqs[k], cpu);
		gicd_set_enable(irqs[k], true);
	}
	__atomic_store_n(&smmu_dev.irq_cpu, cpu, __ATOMIC_RELEASE);
}

uint32_t smmu_irq_cpu(void)
{
	return smmu_dev.present ? __atomic_load_n(&smmu_dev.irq_cpu, __ATOMIC_ACQUIRE)
				: SMMU_NO_CPU;
}

void smmu_handle_irq(uint32_t intid)
{
	if (!smmu_owns_irq(intid))
		return;
	if (intid == smmu_dev.gerror_intid)
		gerror_handle();
	if (intid == smmu_dev.evtq_intid)
		evtq_drain();
}
