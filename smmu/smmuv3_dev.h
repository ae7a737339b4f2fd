/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Inside the SMMUv3 driver (image only; not for other folders: their API is
 * smmu/smmu.h). The driver is split by concern, each file owning its state:
 *
 *   smmuv3_init.c    probe, feature checks, enable/disable  struct smmu_dev smmu_dev
 *   smmuv3_cmdq.c    command queue, TLB/config invalidation, struct smmu_cmdq cmdq
 *                    global errors
 *   smmuv3_evtq.c    event queue, fault reports, interrupts  struct smmu_evtq evtq
 *   smmuv3_strtab.c  stream table memory and its updates,    struct strtab strtab
 *                    the attach/abort API
 *   strtab_alloc.c   the span allocator (pure logic, also built for the host and
 *                    unit-tested: tests/unit/test_smmu_strtab.c)
 *   smmuv3_s1.c      stage-1 tables and CDs (SMMU without     struct smmu_s1 s1
 *                    stage 2)
 * Every state but smmu_dev is static in its file.
 *
 * Locks (never both at once, no other lock taken under them):
 *   cmdq.lock        the command queue, the stream table (an update and its
 *                    invalidation commands are one operation), the stage-1
 *                    contexts, and every write of SMMU_GERRORN;
 *   evtq.lock        the event queue's consumer side and the repeat filter.
 * smmu_dev is written only by smmu_init() on the boot core before
 * smmu_dev.present is set, read-only afterwards (no lock), except irq_cpu
 * (atomic).
 */
#ifndef SMMU_SMMUV3_DEV_H
#define SMMU_SMMUV3_DEV_H

#include <arch/arm64/pgtable.h>
#include <arch/arm64/spinlock.h>
#include <arch/arm64/sysreg.h>
#include <smmu/smmu.h>
#include <smmu/smmuv3_enc.h>
#include <smmu/strtab_alloc.h>

#include <stdbool.h>
#include <stdint.h>

#define SMMU_TIMEOUT_MS 100U

#define LLX(x) ((unsigned long long)(x)) /* for %llx */

enum smmu_mode {
	MODE_NONE = 0, /* cannot translate: every stream aborts */
	MODE_S2,       /* stage 2 only: the partitions' own stage-2 tables */
	MODE_S1,       /* stage 1 only: a table per partition built here */
};

/* The device: what smmu_init() found and chose. */
struct smmu_dev {
	bool present; /* enabled and usable: every other field is valid */
	uintptr_t base;
	struct smmu_features f;
	enum smmu_mode mode;
	bool linear;	       /* linear stream table (else 2-level) */
	unsigned int log2size; /* stream ID bits the stream table covers */
	uint32_t evtq_intid, gerror_intid;
	uint32_t irq_cpu; /* where they are routed (atomic); SMMU_NO_CPU before */
};

extern struct smmu_dev smmu_dev;

/* ---------------------------------------------------------------- registers */

static inline uint32_t smmu_rd32(uint32_t off)
{
	return *(volatile uint32_t *)(smmu_dev.base + off);
}

static inline void smmu_wr32(uint32_t off, uint32_t v)
{
	*(volatile uint32_t *)(smmu_dev.base + off) = v;
}

static inline void smmu_wr64(uint32_t off, uint64_t v)
{
	*(volatile uint64_t *)(smmu_dev.base + off) = v;
}

/* Normal-memory stores (tables, queue entries) visible to the SMMU before what follows. */
static inline void smmu_dsb_st(void)
{
	__asm__ volatile("dsb st" ::: "memory");
}

/* A single-copy-atomic 64-bit store: the SMMU reads STE words 64 bits at a time. */
static inline void smmu_store64(uint64_t *p, uint64_t v)
{
	*(volatile uint64_t *)p = v;
}

static inline uint64_t smmu_timeout_ticks(void)
{
	return read_sysreg(cntfrq_el0) / 1000 * SMMU_TIMEOUT_MS;
}

/* Waits until (@off & @mask) == @want, bounded by the generic counter. */
int smmu_poll32(uint32_t off, uint32_t mask, uint32_t want) __attribute__((warn_unused_result));

/* ---------------------------------------------------------------- smmuv3_cmdq.c */

/* Queue memory zeroed, SMMU_CMDQ_* programmed (SMMU disabled). */
void cmdq_init(void);
void cmdq_lock(void); /* starts an operation: its first error is reset */
void cmdq_unlock(void);
/* Queues one command (published by the next cmdq_sync, or when the queue is full). */
void cmdq_add(const struct smmu_cmd *c);
/* CMD_SYNC and wait; returns the first error of the operation (0, -EIO, -ETIMEDOUT). */
int cmdq_sync(void);
/* The first error of the operation so far. */
int cmdq_error(void);
/* Every TLB entry of one VMID (stage 2) or ASID = VMID (stage 1). */
void cmd_tlbi_vmid(uint16_t vmid);
/* TLB entries of every VMID in @set, except @keep (-1: none). */
void cmd_tlbi_set(const struct vmid_set *set, int keep);
/* Cached STEs and level-1 descriptors of spans s0..s1. */
void cmd_cfgi_spans(unsigned int s0, unsigned int s1);
/* 7.4: reports and acknowledges active global errors (from the interrupt). */
void gerror_handle(void);

/* ---------------------------------------------------------------- smmuv3_evtq.c */

/* Queue memory zeroed, SMMU_EVENTQ_* programmed (SMMU disabled). */
void evtq_init(void);
/* Hands a driver report (type >= SMMU_EVT_SUPPRESSED) to the reporter. */
void smmu_report_pseudo(uint32_t type, uint32_t count, uint32_t gerror);

/* ---------------------------------------------------------------- smmuv3_strtab.c */

/* An empty stream table, SMMU_STRTAB_BASE* programmed (SMMU disabled). */
void strtab_init(bool linear);
/* Stream IDs [sid_base, sid_base + count) are within the table: 0, -ENODEV, -EINVAL, -ERANGE. */
int smmu_check_range(uint32_t sid_base, uint32_t count) __attribute__((warn_unused_result));
/* Streams [sid_base, sid_base + count) translate with @x, whose TLB tag is @tag. */
int smmu_attach_ste(uint32_t sid_base, uint32_t count, const struct smmu_ste *x, uint16_t tag)
	__attribute__((warn_unused_result));

/* ---------------------------------------------------------------- smmuv3_s1.c */

/* Remembers the pool stage-1 tables come from. */
void s1_init(struct pt_pool *pool);
/*
 * The CD address (*@cd) of partition @lp's stage-1 context, VMID / ASID
 * @vmid, built at the first call. Caller holds the command queue lock.
 */
int s1_context(const struct layout_partition *lp, uint16_t vmid, uint64_t *cd)
	__attribute__((warn_unused_result));
struct smmu_walk_view;
/* Fills @v's CDs and table pool (for smmu_walk_view(), smmu/smmu_walk.h). */
void s1_walk_view(struct smmu_walk_view *v);

#endif /* SMMU_SMMUV3_DEV_H */
