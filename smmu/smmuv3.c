// SPDX-License-Identifier: GPL-2.0-only
/*
 * SMMUv3 driver (image only): every DMA stream is either translated for the
 * partition that owns it or aborted. Design: docs/smmu.md. Encodings:
 * smmuv3_enc.c; register and structure layouts: smmuv3_regs.h.
 *
 * Translation, chosen once at init from SMMU_IDR0:
 *   - S2P = 1: stage 2 only, with the very tables (root, VMID, VTCR_EL2
 *     fields) the partition's CPUs use;
 *   - S2P = 0, S1P = 1 (QEMU 7.2): stage 1 only, with one table per partition
 *     that Bulkhead builds from the partition's RAM (guest-physical ->
 *     physical, the same map as the CPUs' stage 2 for RAM; devices' MMIO is
 *     not mapped: no peer-to-peer DMA) and one Context Descriptor per
 *     partition, ASID = VMID, non-global entries;
 *   - neither: every stream stays aborted.
 *
 * Stream table: two-level, SPLIT = 6, i.e. level-2 tables of 64 STEs (4 KiB),
 * level-1 table covering SMMU_MAX_SID_BITS stream IDs (1024 descriptors,
 * 8 KiB). Level-2 tables come from a static pool and are of three kinds:
 *   - the ABORT table: 64 abort STEs, for whole spans of stopped partitions;
 *   - UNIFORM tables: 64 identical stage-2 STEs (one per distinct STE, i.e.
 *     per partition), shared by every span a partition owns entirely -- a PCI
 *     segment (65536 stream IDs) costs one 4 KiB table, not 1024;
 *   - PRIVATE tables: per span, for spans shared by several owners or only
 *     partly owned; their STEs are updated in place.
 * A span nobody touched has an invalid level-1 descriptor (Span = 0): its
 * stream IDs raise C_BAD_STREAMID and abort (IHI 0070, 5.1). An unowned stream
 * ID in a private table has an invalid STE (V = 0): C_BAD_STE, abort.
 * Ownership is static, so tables are only allocated while partitions are
 * attached at boot; restart (abort, then attach with the same ranges) finds
 * everything it needs already allocated.
 *
 * Updates never let the SMMU see a half-written configuration (3.21):
 * uniform and abort tables are immutable once built, and a span moves from
 * one table to another with a single 64-bit level-1 descriptor store; a live
 * STE goes through abort (word 0), then its other words, then word 0, with
 * CMD_CFGI_STE_RANGE + CMD_SYNC between the steps.
 */
#include <arch/arm64/cpu.h>
#include <arch/arm64/pgtable.h>
#include <arch/arm64/sysreg.h>
#include <lib/log.h>
#include <arch/arm64/spinlock.h>
#include <gic/gicv3.h>
#include <lib/bits.h>
#include <lib/trace.h>
#include <smmu/smmu.h>
#include <smmu/smmuv3_enc.h>
#include <smmu/smmu_walk.h> /* smmu_walk_view(), at the end */

#include <errno.h>
#include <string.h>

#define STRTAB_SPLIT	6U
#define L2_STES		(1U << STRTAB_SPLIT)			   /* STEs per level-2 table */
#define L1_MAX		(1U << (SMMU_MAX_SID_BITS - STRTAB_SPLIT)) /* level-1 descriptors */
#define L2_POOL		16U					   /* uniform + private tables */
#define ABORT_TABLE	L2_POOL					   /* ste_mem index */
#define LINEAR_TABLE	0U /* ste_mem index, linear format */
#define CMDQ_MAX_LOG2	8U /* 256 commands, 4 KiB */
#define EVTQ_MAX_LOG2	7U /* 128 records, 4 KiB */
#define SMMU_TIMEOUT_MS 100U
#define CFGI_ALL_SPANS	16U /* more spans than this: one CMD_CFGI_ALL */

#define S1_IA_BITS 40U			 /* stage-1 input = the 40-bit guest-physical space */
#define S1_MAX_PS  5U			 /* 48 bits: the most pgtable.h descriptors hold */
#define MAX_CTX	   LAYOUT_MAX_PARTITIONS /* stage-1 contexts: VMID 1..8 */

#define LLX(x) ((unsigned long long)(x)) /* for %llx */

_Static_assert(S1_IA_BITS == LAYOUT_IPA_BITS, "stage 1 covers the guest-physical space");

_Static_assert(L2_STES *SMMU_STE_BYTES == 4096, "a level-2 table is one page");
_Static_assert(L2_POOL + 1 < 255, "span_tbl holds table index + 1 in a byte");

/* Not zeroed at boot: smmu_init() writes all of it before the SMMU reads any. */
static uint64_t l1_table[L1_MAX] __attribute__((aligned(L1_MAX * 8), section(".noinit")));
static struct smmu_ste ste_mem[L2_POOL + 1][L2_STES]
	__attribute__((aligned(4096), section(".noinit")));
static struct smmu_cmd cmdq_mem[1U << CMDQ_MAX_LOG2]
	__attribute__((aligned(4096), section(".noinit")));
static uint64_t evtq_mem[1U << EVTQ_MAX_LOG2][SMMU_EVT_WORDS]
	__attribute__((aligned(4096), section(".noinit")));
/* Stage-1 mode: the CD of context i (VMID / ASID i + 1), written before use. */
static struct smmu_cd cd_mem[MAX_CTX] __attribute__((aligned(SMMU_CD_BYTES), section(".noinit")));

enum smmu_mode {
	MODE_NONE = 0, /* cannot translate: every stream aborts */
	MODE_S2,       /* stage 2 only: the partitions' own stage-2 tables */
	MODE_S1,       /* stage 1 only: a table per partition built here */
};

enum tbl_kind { TBL_FREE = 0, TBL_UNIFORM, TBL_PRIVATE, TBL_ABORT };

struct vmid_set {
	uint16_t v[8];
	unsigned int n;
	bool all; /* too many: invalidate every VMID */
};

static struct {
	bool present;
	uintptr_t base;
	struct smmu_features f;
	enum smmu_mode mode;
	struct pt_pool *pool;		/* stage-1 tables (MODE_S1) */
	uint64_t *s1_root[MAX_CTX];	/* NULL until context i is built */
	unsigned int s1_pages[MAX_CTX]; /* table pages it took */
	bool linear;
	unsigned int log2size; /* stream ID bits the table covers */
	unsigned int nspans;
	unsigned int cmdq_log2, evtq_log2;
	uint32_t cmdq_prod;
	int cmd_err; /* first command error of the current operation */
	uint32_t evtq_intid, gerror_intid;
	uint32_t irq_cpu;	  /* where they are routed; SMMU_NO_CPU before smmu_route_irqs */
	uint8_t span_tbl[L1_MAX]; /* 0: invalid descriptor, else ste_mem index + 1 */
	uint8_t kind[L2_POOL + 1];
	spinlock_t lock;      /* stream table and command queue */
	spinlock_t evtq_lock; /* event queue consumer */
	void (*report)(const struct smmu_event *ev);
	/*
	 * Under evtq_lock: the last record reported, how many like it followed,
	 * and when the last of them was read (a record like it more than
	 * SMMU_TIMEOUT_MS later is reported again).
	 */
	bool have_last;
	struct smmu_event last;
	uint32_t repeats;
	uint64_t last_at;
} smmu;

/* ---------------------------------------------------------------- registers */

static inline uint32_t rd32(uint32_t off)
{
	return *(volatile uint32_t *)(smmu.base + off);
}

static inline void wr32(uint32_t off, uint32_t v)
{
	*(volatile uint32_t *)(smmu.base + off) = v;
}

static inline void wr64(uint32_t off, uint64_t v)
{
	*(volatile uint64_t *)(smmu.base + off) = v;
}

/* Normal-memory stores (tables, queue entries) visible to the SMMU before what follows. */
static inline void dsb_st(void)
{
	__asm__ volatile("dsb st" ::: "memory");
}

/* A single-copy-atomic 64-bit store: the SMMU reads STE words 64 bits at a time. */
static inline void store64(uint64_t *p, uint64_t v)
{
	*(volatile uint64_t *)p = v;
}

static uint64_t timeout_ticks(void)
{
	return read_sysreg(cntfrq_el0) / 1000 * SMMU_TIMEOUT_MS;
}

/* Waits until (@off & @mask) == @want, bounded by the generic counter. */
static int poll32(uint32_t off, uint32_t mask, uint32_t want)
{
	uint64_t start = read_sysreg(cntpct_el0), limit = timeout_ticks();

	while ((rd32(off) & mask) != want)
		if (read_sysreg(cntpct_el0) - start > limit)
			return trace_error(-ETIMEDOUT);
	return 0;
}

#define CR0_MASK (CR0_SMMUEN | CR0_PRIQEN | CR0_EVENTQEN | CR0_CMDQEN)

/* 6.3 SMMU_CR0: a write takes effect when SMMU_CR0ACK shows it. */
static int write_cr0(uint32_t v)
{
	wr32(SMMU_CR0, v);
	return poll32(SMMU_CR0ACK, CR0_MASK, v & CR0_MASK);
}

/* 6.3 SMMU_GBPA: wait for UPDATE = 0, write with UPDATE = 1, wait for UPDATE = 0. */
static int gbpa_abort(void)
{
	uint32_t v;
	int err = poll32(SMMU_GBPA, GBPA_UPDATE, 0);

	if (err)
		return err;
	v = rd32(SMMU_GBPA);
	if (v & GBPA_ABORT)
		return 0;
	wr32(SMMU_GBPA, v | GBPA_ABORT | GBPA_UPDATE);
	return poll32(SMMU_GBPA, GBPA_UPDATE, 0);
}

static int write_irq_ctrl(uint32_t v)
{
	wr32(SMMU_IRQ_CTRL, v);
	return poll32(SMMU_IRQ_CTRLACK, IRQ_CTRL_GERROR_IRQEN | IRQ_CTRL_EVENTQ_IRQEN, v);
}

/* ---------------------------------------------------------------- command queue */

static bool cmdq_error_active(void)
{
	return (rd32(SMMU_GERROR) ^ rd32(SMMU_GERRORN)) & GERROR_CMDQ_ERR;
}

/*
 * 7.1 command errors: the queue stops with CONS on the faulty command and
 * GERROR.CMDQ_ERR active. Replace it with a CMD_SYNC (harmless), then
 * acknowledge: the SMMU goes on from there. Our commands come from the
 * encoder, so this is a bug (or a command this SMMU does not implement).
 */
static void cmdq_recover(void)
{
	uint32_t cons = rd32(SMMU_CMDQ_CONS);
	uint32_t idx = smmu_q_idx(cons, smmu.cmdq_log2);
	struct smmu_cmd sync;

	log_info("SMMU: command error %u on command 0x%02x (slot %u); skipped",
		 (unsigned int)CMDQ_CONS_ERR(cons),
		 (unsigned int)CMD0_OPCODE_GET(cmdq_mem[idx].w[0]), idx);
	smmu_cmd_sync(&sync);
	store64(&cmdq_mem[idx].w[0], sync.w[0]);
	store64(&cmdq_mem[idx].w[1], sync.w[1]);
	dsb_st();
	wr32(SMMU_GERRORN, rd32(SMMU_GERRORN) ^ (uint32_t)GERROR_CMDQ_ERR);
	if (!smmu.cmd_err)
		smmu.cmd_err = trace_error(-EIO);
}

static void cmdq_publish(void)
{
	dsb_st();
	wr32(SMMU_CMDQ_PROD, smmu.cmdq_prod);
}

/* Waits until the SMMU consumed every published command. */
static int cmdq_drain(void)
{
	uint64_t start = read_sysreg(cntpct_el0), limit = timeout_ticks();

	for (;;) {
		if (cmdq_error_active())
			cmdq_recover();
		else if (smmu_q_empty(smmu.cmdq_prod, rd32(SMMU_CMDQ_CONS), smmu.cmdq_log2))
			return 0;
		if (read_sysreg(cntpct_el0) - start > limit)
			return trace_error(-ETIMEDOUT);
	}
}

static void cmd_fail(int err)
{
	if (!smmu.cmd_err)
		smmu.cmd_err = err;
}

/* Queues one command (published by the next cmdq_sync, or when the queue is full). */
static void cmdq_add(const struct smmu_cmd *c)
{
	uint32_t idx;

	if (smmu.cmd_err == -ETIMEDOUT)
		return; /* the SMMU stopped consuming: give up this operation */
	if (smmu_q_full(smmu.cmdq_prod, rd32(SMMU_CMDQ_CONS), smmu.cmdq_log2)) {
		cmdq_publish();
		if (cmdq_drain()) {
			cmd_fail(-ETIMEDOUT);
			return;
		}
	}
	idx = smmu_q_idx(smmu.cmdq_prod, smmu.cmdq_log2);
	cmdq_mem[idx] = *c;
	smmu.cmdq_prod = smmu_q_inc(smmu.cmdq_prod, smmu.cmdq_log2);
}

/*
 * CMD_SYNC with CS = SIG_NONE, then poll: CONS does not move past a CMD_SYNC
 * before every earlier command has completed (4.7), so an empty queue means
 * the sync completed. Returns the first error of the operation.
 */
static int cmdq_sync(void)
{
	struct smmu_cmd c;

	smmu_cmd_sync(&c);
	cmdq_add(&c);
	if (smmu.cmd_err != -ETIMEDOUT) {
		cmdq_publish();
		if (cmdq_drain())
			cmd_fail(-ETIMEDOUT);
	}
	return smmu.cmd_err;
}

/*
 * Every TLB entry of one partition: TLBI_S12_VMALL of its VMID (stage 2), or
 * TLBI_NH_ASID of its ASID, which equals its VMID (stage 1; the entries are
 * non-global, so that reaches all of them).
 */
static void cmd_tlbi_vmid(uint16_t vmid)
{
	struct smmu_cmd c;

	if (smmu.mode == MODE_S2)
		smmu_cmd_tlbi_s12_vmall(&c, vmid);
	else if (smmu.mode == MODE_S1)
		smmu_cmd_tlbi_nh_asid(&c, vmid, 0);
	else
		return;
	cmdq_add(&c);
}

/* Invalidates cached STEs and level-1 descriptors of spans s0..s1. */
static void cmd_cfgi_spans(unsigned int s0, unsigned int s1)
{
	struct smmu_cmd c;

	if (s1 - s0 >= CFGI_ALL_SPANS) {
		smmu_cmd_cfgi_all(&c);
		cmdq_add(&c);
		return;
	}
	for (unsigned int s = s0; s <= s1; s++) {
		smmu_cmd_cfgi_ste_range(&c, s << STRTAB_SPLIT, STRTAB_SPLIT - 1);
		cmdq_add(&c);
	}
}

/* ---------------------------------------------------------------- stream table */

/*
 * The TLB tag of a translating STE: its S2VMID (stage 2), or the ASID of the
 * CD it points at (stage 1; Bulkhead's CDs are in cd_mem, identity mapped).
 */
static uint16_t ste_tag(const struct smmu_ste *ste)
{
	if (smmu_ste_is_s1(ste))
		return smmu_cd_asid((const struct smmu_cd *)(uintptr_t)smmu_ste_cd(ste));
	return (uint16_t)STE2_S2VMID_GET(ste->w[2]);
}

static void vmids_add(struct vmid_set *set, const struct smmu_ste *ste)
{
	uint16_t vmid;

	if (!smmu_ste_translates(ste))
		return;
	vmid = ste_tag(ste);
	for (unsigned int i = 0; i < set->n; i++)
		if (set->v[i] == vmid)
			return;
	if (set->n == ARRAY_SIZE(set->v))
		set->all = true;
	else
		set->v[set->n++] = vmid;
}

/* TLB entries of every VMID in @set, except @keep (-1: none). */
static void cmd_tlbi_set(const struct vmid_set *set, int keep)
{
	struct smmu_cmd c;

	if (smmu.mode == MODE_NONE)
		return;
	if (set->all) {
		smmu_cmd_tlbi_nsnh_all(&c);
		cmdq_add(&c);
		return;
	}
	for (unsigned int i = 0; i < set->n; i++)
		if ((int)set->v[i] != keep)
			cmd_tlbi_vmid(set->v[i]);
}

static bool ste_equal(const struct smmu_ste *a, const struct smmu_ste *b)
{
	return memcmp(a, b, sizeof(*a)) == 0;
}

static unsigned int free_tables(void)
{
	unsigned int n = 0;

	for (unsigned int t = 0; t < L2_POOL; t++)
		n += smmu.kind[t] == TBL_FREE;
	return n;
}

static unsigned int alloc_table(enum tbl_kind kind)
{
	for (unsigned int t = 0; t < L2_POOL; t++) {
		if (smmu.kind[t] == TBL_FREE) {
			smmu.kind[t] = (uint8_t)kind;
			return t;
		}
	}
	return L2_POOL; /* never: callers count first */
}

static int find_uniform(const struct smmu_ste *x)
{
	for (unsigned int t = 0; t < L2_POOL; t++)
		if (smmu.kind[t] == TBL_UNIFORM && ste_equal(&ste_mem[t][0], x))
			return (int)t;
	return -1;
}

/* Points span @s at table @t (complete and visible first) and invalidates it. */
static void set_span(unsigned int s, unsigned int t)
{
	dsb_st();
	store64(&l1_table[s], smmu_l1std((uint64_t)(uintptr_t)ste_mem[t], STRTAB_SPLIT + 1));
	smmu.span_tbl[s] = (uint8_t)(t + 1);
	cmd_cfgi_spans(s, s);
}

struct span_range {
	unsigned int s;	 /* span */
	uint32_t lo, hi; /* stream IDs [lo, hi) of the operation inside it */
	bool full;	 /* the operation covers the whole span */
	int cur;	 /* current table, -1 for an invalid descriptor */
};

static void span_range(unsigned int s, uint32_t base, uint32_t end, struct span_range *r)
{
	uint32_t first = s << STRTAB_SPLIT, last = first + L2_STES;

	r->s = s;
	r->lo = MAX(base, first);
	r->hi = MIN(end, last);
	r->full = !smmu.linear && r->lo == first && r->hi == last;
	r->cur = (int)smmu.span_tbl[s] - 1;
}

static bool is_private(int t)
{
	return t >= 0 && smmu.kind[t] == TBL_PRIVATE;
}

/* The span already gives every stream ID configuration @x (shared uniform/abort table). */
static bool span_is(const struct span_range *r, const struct smmu_ste *x)
{
	return r->cur >= 0 && !is_private(r->cur) && ste_equal(&ste_mem[r->cur][0], x);
}

/*
 * Phase 1: spans that are not live private tables -- repoint them to a table
 * built beforehand (uniform/abort for a whole span, a new private copy
 * otherwise). Hitless: the descriptor store is atomic, the tables complete.
 */
static void set_spans(uint32_t base, uint32_t end, const struct smmu_ste *x, int uniform,
		      struct vmid_set *old)
{
	bool x_abort = !smmu_ste_translates(x);
	unsigned int target = x_abort ? ABORT_TABLE : (unsigned int)uniform;

	for (unsigned int s = base >> STRTAB_SPLIT; s <= (end - 1) >> STRTAB_SPLIT; s++) {
		struct span_range r;
		unsigned int t;

		span_range(s, base, end, &r);
		if (is_private(r.cur) || span_is(&r, x) || (x_abort && r.cur < 0 && !r.full))
			continue; /* live (phase 2), unchanged, or unowned and aborting already */
		if (r.cur >= 0)
			vmids_add(old, &ste_mem[r.cur][0]);
		if (r.full) {
			if (r.cur != (int)target)
				set_span(s, target);
			continue;
		}
		t = alloc_table(TBL_PRIVATE);
		for (unsigned int i = 0; i < L2_STES; i++) {
			if (r.cur >= 0)
				ste_mem[t][i] = ste_mem[r.cur][i];
			else
				smmu_ste_invalid(&ste_mem[t][i]);
		}
		for (uint32_t sid = r.lo; sid < r.hi; sid++)
			ste_mem[t][sid & (L2_STES - 1)] = *x;
		set_span(s, t);
	}
}

/*
 * Phase 2: STEs of live private tables, in three steps (3.21.3): (a) a
 * translating STE that changes becomes abort (word 0 only), CFGI + SYNC;
 * (b) words 1..7 take their new values, CFGI + SYNC; (c) word 0 takes its new
 * value, CFGI (synced by the caller). At no time can a fetch combine new
 * words with an old word 0 that uses them.
 */
static void update_live(uint32_t base, uint32_t end, const struct smmu_ste *x, struct vmid_set *old)
{
	unsigned int s0 = base >> STRTAB_SPLIT, s1 = (end - 1) >> STRTAB_SPLIT;
	struct smmu_ste abort;

	smmu_ste_abort(&abort);
	for (int step = 0; step < 3; step++) {
		bool changed = false;

		for (unsigned int s = s0; s <= s1; s++) {
			struct span_range r;

			span_range(s, base, end, &r);
			if (!is_private(r.cur))
				continue;
			for (uint32_t sid = r.lo; sid < r.hi; sid++) {
				struct smmu_ste *e = &ste_mem[r.cur][sid & (L2_STES - 1)];

				if (step == 0 && smmu_ste_translates(e) && !ste_equal(e, x)) {
					vmids_add(old, e);
					store64(&e->w[0], abort.w[0]);
					changed = true;
				}
				for (unsigned int w = 1; step == 1 && w < SMMU_STE_WORDS; w++) {
					if (e->w[w] != x->w[w]) {
						store64(&e->w[w], x->w[w]);
						changed = true;
					}
				}
				if (step == 2 && e->w[0] != x->w[0]) {
					store64(&e->w[0], x->w[0]);
					changed = true;
				}
			}
		}
		if (!changed)
			continue;
		dsb_st();
		cmd_cfgi_spans(s0, s1);
		if (step < 2)
			cmdq_sync();
	}
}

/*
 * Streams [base, end) take configuration @x (abort or stage 2). Checks that the
 * pool has what it needs before changing anything. Caller holds the lock and
 * syncs afterwards.
 */
static int set_range(uint32_t base, uint32_t end, const struct smmu_ste *x, struct vmid_set *old)
{
	bool x_abort = !smmu_ste_translates(x);
	int uniform = x_abort ? -1 : find_uniform(x);
	unsigned int need = 0;
	bool need_uniform = false;

	for (unsigned int s = base >> STRTAB_SPLIT; s <= (end - 1) >> STRTAB_SPLIT; s++) {
		struct span_range r;

		span_range(s, base, end, &r);
		if (is_private(r.cur) || span_is(&r, x))
			continue;
		if (r.full)
			need_uniform |= !x_abort && uniform < 0;
		else if (!(x_abort && r.cur < 0))
			need++;
	}
	if (need + need_uniform > free_tables())
		return trace_error(-ENOMEM);
	if (need_uniform) {
		uniform = (int)alloc_table(TBL_UNIFORM);
		for (unsigned int i = 0; i < L2_STES; i++)
			ste_mem[uniform][i] = *x;
	}
	set_spans(base, end, x, uniform, old);
	update_live(base, end, x, old);
	return 0;
}

static void strtab_init(void)
{
	memset(smmu.span_tbl, 0, sizeof(smmu.span_tbl));
	memset(smmu.kind, 0, sizeof(smmu.kind));
	if (smmu.linear) {
		/* One table at ste_mem[0]: every STE invalid until attached. */
		for (unsigned int i = 0; i < L2_STES; i++)
			smmu_ste_invalid(&ste_mem[LINEAR_TABLE][i]);
		smmu.kind[LINEAR_TABLE] = TBL_PRIVATE;
		smmu.span_tbl[0] = LINEAR_TABLE + 1;
		wr64(SMMU_STRTAB_BASE,
		     smmu_strtab_base((uint64_t)(uintptr_t)ste_mem[LINEAR_TABLE]));
		wr32(SMMU_STRTAB_BASE_CFG,
		     smmu_strtab_base_cfg(STRTAB_FMT_LINEAR, 0, smmu.log2size));
	} else {
		memset(l1_table, 0, sizeof(l1_table)); /* Span = 0: invalid */
		wr64(SMMU_STRTAB_BASE, smmu_strtab_base((uint64_t)(uintptr_t)l1_table));
		wr32(SMMU_STRTAB_BASE_CFG,
		     smmu_strtab_base_cfg(STRTAB_FMT_2LVL, STRTAB_SPLIT, smmu.log2size));
	}
	for (unsigned int i = 0; i < L2_STES; i++)
		smmu_ste_abort(&ste_mem[ABORT_TABLE][i]);
	smmu.kind[ABORT_TABLE] = TBL_ABORT;
	dsb_st();
}

static void queues_init(void)
{
	smmu.cmdq_log2 = MIN(smmu.f.cmdq_log2, CMDQ_MAX_LOG2);
	smmu.evtq_log2 = MIN(smmu.f.evtq_log2, EVTQ_MAX_LOG2);
	memset(cmdq_mem, 0, sizeof(cmdq_mem));
	memset(evtq_mem, 0, sizeof(evtq_mem));
	dsb_st();
	smmu.cmdq_prod = 0;
	wr64(SMMU_CMDQ_BASE, smmu_q_base((uint64_t)(uintptr_t)cmdq_mem, smmu.cmdq_log2, true));
	wr32(SMMU_CMDQ_PROD, 0);
	wr32(SMMU_CMDQ_CONS, 0);
	wr64(SMMU_EVENTQ_BASE, smmu_q_base((uint64_t)(uintptr_t)evtq_mem, smmu.evtq_log2, true));
	wr32(SMMU_EVENTQ_PROD, 0);
	wr32(SMMU_EVENTQ_CONS, 0);
}

/* Why this driver cannot use the SMMU, or NULL. */
static const char *unsupported(const struct smmu_features *f)
{
	if (!f->ttf_aarch64)
		return "no AArch64 translation tables";
	if (!f->cohacc)
		return "not coherent (IDR0.COHACC = 0)";
	if (f->rel || f->queues_preset || f->tables_preset)
		return "preset table or queue bases";
	if (!f->sid_bits)
		return "no stream IDs";
	if (!f->cmdq_log2 || !f->evtq_log2)
		return "queues of one entry";
	return NULL;
}

static void smmu_default_report(const struct smmu_event *ev)
{
	char line[200];

	smmu_event_format(ev, line, sizeof(line));
	log_info("%s", line);
}

/* How this SMMU can confine DMA: stage 2 if it has it, else stage 1. */
static enum smmu_mode choose_mode(const struct smmu_features *f)
{
	if (!f->gran4k || !f->ttf_aarch64)
		return MODE_NONE;
	if (f->s2p)
		return MODE_S2;
	return f->s1p ? MODE_S1 : MODE_NONE;
}

static const char *const mode_names[] = {
	[MODE_NONE] = "no usable translation stage: every DMA stream aborts",
	[MODE_S2] = "stage 2 (the partitions' own stage-2 tables)",
	[MODE_S1] = "stage 1 (no stage 2 here: a stage-1 table per partition)",
};

int smmu_init(const struct layout *l, struct pt_pool *pool)
{
	const char *why;
	uint32_t irqs;
	int err;

	if (!l->smmu_size || l->smmu_node < 0)
		return 0;
	if (smmu.present)
		return trace_error(-EBUSY);
	if (l->smmu_size < SMMU_REG_SPAN)
		return trace_error(-EINVAL);
	err = mmu_map(l->smmu_base, SMMU_REG_SPAN, 1);
	if (err)
		return err;
	dsb_ish();
	isb();
	smmu.base = (uintptr_t)l->smmu_base;
	smmu.pool = pool;
	smmu_parse_idr(rd32(SMMU_IDR0), rd32(SMMU_IDR1), rd32(SMMU_IDR5), &smmu.f);
	smmu.mode = choose_mode(&smmu.f);
	if (!smmu.report)
		smmu.report = smmu_default_report;

	/* Nothing may pass while anything changes: abort first, then disable. */
	err = gbpa_abort();
	if (!err)
		err = write_cr0(0);
	if (err) {
		log_info("SMMU at 0x%llx does not acknowledge: left as it is", LLX(l->smmu_base));
		return err;
	}
	why = unsupported(&smmu.f);
	if (why) {
		log_info("SMMU at 0x%llx: %s; it stays disabled and aborts every DMA transaction",
			 LLX(l->smmu_base), why);
		return trace_error(-EOPNOTSUPP);
	}
	err = write_irq_ctrl(0);
	if (err)
		return err;
	wr32(SMMU_GERRORN, rd32(SMMU_GERROR)); /* nothing old stays active */

	smmu.linear = !smmu.f.two_level || smmu.f.sid_bits <= STRTAB_SPLIT;
	smmu.log2size = MIN(smmu.f.sid_bits, smmu.linear ? STRTAB_SPLIT : SMMU_MAX_SID_BITS);
	smmu.nspans = smmu.linear ? 1 : 1U << (smmu.log2size - STRTAB_SPLIT);
	strtab_init();
	queues_init();
	wr32(SMMU_CR1, (uint32_t)(CR1_QUEUE_IC(CR1_CACHE_WB) | CR1_QUEUE_OC(CR1_CACHE_WB) |
				  CR1_QUEUE_SH(CR1_SH_ISH) | CR1_TABLE_IC(CR1_CACHE_WB) |
				  CR1_TABLE_OC(CR1_CACHE_WB) | CR1_TABLE_SH(CR1_SH_ISH)));
	/* PTM = 0: with BTM, the CPUs' broadcast TLBI of a VMID reaches the SMMU too. */
	wr32(SMMU_CR2, CR2_RECINVSID);
	err = write_cr0(CR0_CMDQEN | CR0_EVENTQEN);
	if (err)
		return err;

	spin_lock(&smmu.lock);
	smmu.cmd_err = 0;
	{
		struct smmu_cmd c;

		smmu_cmd_cfgi_all(&c);
		cmdq_add(&c);
		if (smmu.f.s1p || smmu.f.s2p) {
			smmu_cmd_tlbi_nsnh_all(&c);
			cmdq_add(&c);
		}
	}
	err = cmdq_sync();
	spin_unlock(&smmu.lock);
	if (err) {
		write_cr0(0);
		return err;
	}

	/* Wired interrupts only: no MSI address, so no MSI is ever written. */
	if (smmu.f.msi) {
		wr64(SMMU_GERROR_IRQ_CFG0, 0);
		wr64(SMMU_EVENTQ_IRQ_CFG0, 0);
	}
	smmu.evtq_intid = l->smmu_evtq_intid;
	smmu.gerror_intid = l->smmu_gerror_intid;
	irqs = (smmu.evtq_intid ? IRQ_CTRL_EVENTQ_IRQEN : 0) |
	       (smmu.gerror_intid ? IRQ_CTRL_GERROR_IRQEN : 0);
	err = write_irq_ctrl(irqs);
	if (!err)
		err = write_cr0(CR0_CMDQEN | CR0_EVENTQEN | CR0_SMMUEN);
	if (err) {
		write_cr0(0);
		return err;
	}
	smmu.irq_cpu = SMMU_NO_CPU;
	smmu.present = true;
	log_info("SMMUv3 at 0x%llx: %u-bit stream IDs, %s stream table for 0..0x%x; DMA "
		 "translation: %s",
		 LLX(l->smmu_base), smmu.f.sid_bits, smmu.linear ? "linear" : "2-level",
		 (1U << smmu.log2size) - 1, mode_names[smmu.mode]);
	return 0;
}

/* ---------------------------------------------------------------- API */

static int check_range(uint32_t sid_base, uint32_t count)
{
	if (!smmu.present)
		return trace_error(-ENODEV);
	if (!count)
		return trace_error(-EINVAL);
	if ((uint64_t)sid_base + count > (1ULL << smmu.log2size))
		return trace_error(-ERANGE);
	return 0;
}

/*
 * Streams [sid_base, sid_base + count) take translating configuration @x,
 * whose TLB tag (VMID or ASID) is @tag.
 */
static int attach_ste(uint32_t sid_base, uint32_t count, const struct smmu_ste *x, uint16_t tag)
{
	struct vmid_set old = {.n = 0};
	int err;

	spin_lock(&smmu.lock);
	smmu.cmd_err = 0;
	/* No stale entry of an earlier life of this VMID / ASID may be used. */
	cmd_tlbi_vmid(tag);
	cmdq_sync();
	err = set_range(sid_base, sid_base + count, x, &old);
	cmd_tlbi_set(&old, tag);
	cmdq_sync(); /* the new configuration is in use */
	if (!err)
		err = smmu.cmd_err;
	spin_unlock(&smmu.lock);
	return err;
}

int smmu_attach(uint32_t sid_base, uint32_t count, const struct s2_table *s2, uint64_t vtcr)
{
	struct smmu_ste x;
	unsigned int ias;
	int err = check_range(sid_base, count);

	if (err)
		return err;
	if (smmu.mode != MODE_S2)
		return trace_error(-EOPNOTSUPP);
	if (!s2 || !s2->root || (!smmu.f.vmid16 && s2->vmid > 0xff))
		return trace_error(-EINVAL);
	/* Input size: OAS, or 40 bits if AArch32 tables are supported (5.2, S2T0SZ). */
	ias = MAX(smmu.f.oas_bits, smmu.f.ttf_aarch32 ? 40U : 0U);
	if (64 - VTCR_T0SZ(vtcr) > ias)
		return trace_error(-EINVAL);
	vtcr = smmu_vtcr_cap_ps(vtcr, smmu.f.oas);
	if (smmu_ste_s2(&x, s2->vmid, vtcr, (uint64_t)(uintptr_t)s2->root))
		return trace_error(-EINVAL);
	return attach_ste(sid_base, count, &x, s2->vmid);
}

/*
 * Stage-1 context of partition @lp (VMID / ASID @vmid): a table mapping its
 * guest RAM, guest-physical -> physical, with SMMU_S1_RAM leaves (1 GiB and
 * 2 MiB blocks where both addresses allow), and its CD. Built at the first
 * attach (boot), found again at every later one (restart): the RAM layout is
 * static, so it never changes and restart never allocates.
 */
static int s1_context(const struct layout_partition *lp, uint16_t vmid, uint64_t *cd)
{
	unsigned int i = (unsigned int)vmid - 1U, ips = MIN(smmu.f.oas, S1_MAX_PS);
	int level = smmu_s1_start_level(S1_IA_BITS);
	size_t before;
	uint64_t *root;
	int err = 0;

	if (!vmid || i >= MAX_CTX || level < 0 || !smmu.pool)
		return trace_error(-EINVAL);
	*cd = (uint64_t)(uintptr_t)&cd_mem[i];
	if (smmu.s1_root[i])
		return 0;
	before = pt_pool_avail(smmu.pool);
	root = pt_alloc(smmu.pool);
	if (!root)
		return trace_error(-ENOMEM);
	for (uint32_t m = 0; !err && m < lp->nmem; m++)
		err = pt_map(smmu.pool, root, (unsigned int)level, lp->mem[m].ipa, lp->mem[m].phys,
			     lp->mem[m].size, SMMU_S1_RAM);
	if (!err && smmu_cd_s1(&cd_mem[i], vmid, (uint64_t)(uintptr_t)root, S1_IA_BITS, ips))
		err = trace_error(-EINVAL);
	if (err)
		return err; /* boot stops: the pages taken are not needed again */
	dsb_st();	    /* tables and CD complete before an STE points at them */
	smmu.s1_root[i] = root;
	smmu.s1_pages[i] = (unsigned int)(before - pt_pool_avail(smmu.pool));
	return 0;
}

static bool has_streams(const struct layout_partition *lp)
{
	for (uint32_t d = 0; d < lp->ndevices; d++)
		if (lp->devices[d].nstreams)
			return true;
	return false;
}

int smmu_abort(uint32_t sid_base, uint32_t count)
{
	struct vmid_set old = {.n = 0};
	struct smmu_ste x;
	int err = check_range(sid_base, count);

	if (err)
		return err;
	smmu_ste_abort(&x);
	spin_lock(&smmu.lock);
	smmu.cmd_err = 0;
	err = set_range(sid_base, sid_base + count, &x, &old);
	cmdq_sync(); /* the abort configuration is in use */
	cmd_tlbi_set(&old, -1);
	cmdq_sync(); /* and no translation of the old VMIDs is cached */
	if (!err)
		err = smmu.cmd_err;
	spin_unlock(&smmu.lock);
	return err;
}

int smmu_attach_partition(const struct layout_partition *lp, const struct s2_table *s2,
			  uint64_t vtcr)
{
	struct smmu_ste x;
	uint64_t cd = 0;
	int err;

	if (!has_streams(lp))
		return 0;
	if (!smmu.present)
		return trace_error(-ENODEV);
	if (smmu.mode == MODE_S1) {
		if (!s2)
			return trace_error(-EINVAL);
		err = s1_context(lp, s2->vmid, &cd);
		if (!err && smmu_ste_s1(&x, cd, 0))
			err = trace_error(-EINVAL);
		if (err)
			return err;
	}
	for (uint32_t d = 0; d < lp->ndevices; d++) {
		for (uint32_t k = 0; k < lp->devices[d].nstreams; k++) {
			const struct layout_stream_range *r = &lp->devices[d].streams[k];

			if (smmu.mode == MODE_S1) {
				err = check_range(r->base, r->count);
				if (!err)
					err = attach_ste(r->base, r->count, &x, s2->vmid);
			} else {
				err = smmu_attach(r->base, r->count, s2, vtcr);
			}
			if (err)
				return err;
		}
	}
	return 0;
}

unsigned int smmu_s1_pages(uint16_t vmid)
{
	return vmid && vmid <= MAX_CTX ? smmu.s1_pages[vmid - 1] : 0;
}

int smmu_abort_partition(const struct layout_partition *lp)
{
	int first = 0;

	if (!has_streams(lp))
		return 0;

	for (uint32_t d = 0; d < lp->ndevices; d++) {
		for (uint32_t k = 0; k < lp->devices[d].nstreams; k++) {
			const struct layout_stream_range *r = &lp->devices[d].streams[k];
			int err = smmu_abort(r->base, r->count);

			if (err && !first)
				first = err; /* go on: abort as much as possible */
		}
	}
	return first;
}

int smmu_tlbi_vmid(uint16_t vmid)
{
	int err;

	if (!smmu.present || smmu.mode == MODE_NONE)
		return 0;
	spin_lock(&smmu.lock);
	smmu.cmd_err = 0;
	cmd_tlbi_vmid(vmid);
	err = cmdq_sync();
	spin_unlock(&smmu.lock);
	return err;
}

/* ---------------------------------------------------------------- interrupts */

bool smmu_owns_irq(uint32_t intid)
{
	return smmu.present && intid && (intid == smmu.evtq_intid || intid == smmu.gerror_intid);
}

void smmu_route_irqs(uint32_t cpu)
{
	uint32_t irqs[2] = {smmu.evtq_intid, smmu.gerror_intid};

	if (!smmu.present)
		return;
	for (uint32_t k = 0; k < 2; k++) {
		if (!irqs[k] || (k == 1 && irqs[1] == irqs[0]))
			continue;
		gicd_set_edge(irqs[k], true);
		gicd_set_route(irqs[k], cpu);
		gicd_set_enable(irqs[k], true);
	}
	__atomic_store_n(&smmu.irq_cpu, cpu, __ATOMIC_RELEASE);
}

uint32_t smmu_irq_cpu(void)
{
	return smmu.present ? __atomic_load_n(&smmu.irq_cpu, __ATOMIC_ACQUIRE) : SMMU_NO_CPU;
}

void smmu_set_reporter(void (*report)(const struct smmu_event *ev))
{
	smmu.report = report ? report : smmu_default_report;
}

static void report_pseudo(uint32_t type, uint32_t count, uint32_t gerror)
{
	struct smmu_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = type;
	ev.name = smmu_event_name(type);
	ev.fault_class = SMMU_CLASS_NONE;
	ev.class_name = "";
	ev.count = count;
	ev.gerror = gerror;
	smmu.report(&ev);
}

/* Reports how many records like the last one followed, if any. */
static void flush_repeats(void)
{
	if (smmu.repeats)
		report_pseudo(SMMU_EVT_REPEATED, smmu.repeats, 0);
	smmu.repeats = 0;
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
	unsigned int log2 = smmu.evtq_log2;
	uint32_t mask = smmu_q_mask(log2), budget = 2U << log2, reported = 0, dropped = 0;
	uint32_t prod, cons, published;
	uint64_t now;

	spin_lock(&smmu.evtq_lock);
	cons = published = rd32(SMMU_EVENTQ_CONS);
	prod = rd32(SMMU_EVENTQ_PROD);
	while (budget) {
		if ((prod ^ cons) & EVENTQ_PROD_OVFLG) {
			report_pseudo(SMMU_EVT_OVERFLOW, 0, 0);
			cons ^= EVENTQ_CONS_OVACKFLG;
		}
		if (smmu_q_empty(prod, cons, log2))
			break;
		dsb_sy(); /* records are read after PROD */
		while (budget && !smmu_q_empty(prod, cons, log2)) {
			uint64_t rec[SMMU_EVT_WORDS];
			struct smmu_event ev;

			memcpy(rec, evtq_mem[smmu_q_idx(cons, log2)], sizeof(rec));
			smmu_event_decode(rec, &ev);
			now = read_sysreg(cntpct_el0);
			if (smmu.have_last && now - smmu.last_at <= timeout_ticks() &&
			    smmu_event_similar(&smmu.last, &ev)) {
				smmu.repeats++;
				smmu.last_at = now;
			} else if (reported < SMMU_REPORT_BURST) {
				flush_repeats();
				smmu.report(&ev);
				smmu.last = ev;
				smmu.have_last = true;
				smmu.last_at = now;
				reported++;
			} else {
				dropped++;
			}
			cons = (cons & EVENTQ_CONS_OVACKFLG) | smmu_q_inc(cons & mask, log2);
			budget--;
		}
		dsb_sy(); /* records read before the SMMU may overwrite them */
		wr32(SMMU_EVENTQ_CONS, cons);
		published = cons;
		prod = rd32(SMMU_EVENTQ_PROD);
	}
	if (cons != published)
		wr32(SMMU_EVENTQ_CONS, cons); /* an overflow acknowledged on an empty queue */
	flush_repeats();
	spin_unlock(&smmu.evtq_lock);
	if (dropped)
		report_pseudo(SMMU_EVT_SUPPRESSED, dropped, 0);
}

/*
 * 7.4: report active global errors; acknowledge all but CMDQ_ERR, which
 * cmdq_recover() acknowledges once it has fixed the queue. Under the command
 * queue lock, so that the two never write GERRORN over each other.
 */
static void gerror_handle(void)
{
	uint32_t g, gn, active;

	spin_lock(&smmu.lock);
	g = rd32(SMMU_GERROR);
	gn = rd32(SMMU_GERRORN);
	active = (g ^ gn) & GERROR_KNOWN;
	if (active)
		wr32(SMMU_GERRORN, gn ^ (active & ~(uint32_t)GERROR_CMDQ_ERR));
	spin_unlock(&smmu.lock);
	if (active)
		report_pseudo(SMMU_EVT_GERROR, 0, active);
}

void smmu_handle_irq(uint32_t intid)
{
	if (!smmu_owns_irq(intid))
		return;
	if (intid == smmu.gerror_intid)
		gerror_handle();
	if (intid == smmu.evtq_intid)
		evtq_drain();
}

/* ---------------------------------------------------------------- verification */

/* What smmu/smmu_walk.c walks (table verification at boot, docs/reliability.md). */
void smmu_walk_view(struct smmu_walk_view *v)
{
	static const enum smmu_walk_mode modes[3] = {
		[MODE_NONE] = SMMU_WALK_NONE, [MODE_S2] = SMMU_WALK_S2, [MODE_S1] = SMMU_WALK_S1};

	*v = (struct smmu_walk_view){.present = smmu.present,
				     .mode = modes[smmu.mode],
				     .l1 = {(uintptr_t)l1_table, sizeof(l1_table)},
				     .l2 = {(uintptr_t)ste_mem, sizeof(ste_mem)},
				     .cd = {(uintptr_t)cd_mem, sizeof(cd_mem)},
				     .pool = smmu.pool};
	if (smmu.present) { /* what the SMMU itself uses: its registers */
		v->strtab_base = *(volatile uint64_t *)(smmu.base + SMMU_STRTAB_BASE);
		v->strtab_cfg = rd32(SMMU_STRTAB_BASE_CFG);
	}
}
