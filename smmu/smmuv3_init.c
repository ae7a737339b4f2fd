// SPDX-License-Identifier: GPL-2.0-only
/*
 * SMMUv3 driver, probe and enable (image only). Design: docs/smmu.md; the
 * driver's files and locks: smmuv3_dev.h; encodings: smmuv3_enc.c; register
 * and structure layouts: smmuv3_regs.h.
 *
 * Translation, chosen once here from SMMU_IDR0:
 *   - S2P = 1: stage 2 only, with the very tables (root, VMID, VTCR_EL2
 *     fields) the partition's CPUs use (smmuv3_strtab.c);
 *   - S2P = 0, S1P = 1 (QEMU 7.2): stage 1 only, a table and a CD per
 *     partition (smmuv3_s1.c);
 *   - neither: every stream stays aborted.
 */
#include <arch/arm64/cpu.h>
#include <lib/bits.h>
#include <lib/log.h>
#include <lib/trace.h>
#include <smmu/smmuv3_dev.h>

#include <errno.h>

struct smmu_dev smmu_dev;

int smmu_poll32(uint32_t off, uint32_t mask, uint32_t want)
{
	uint64_t start = read_sysreg(cntpct_el0), limit = smmu_timeout_ticks();

	while ((smmu_rd32(off) & mask) != want)
		if (read_sysreg(cntpct_el0) - start > limit)
			return trace_error(-ETIMEDOUT);
	return 0;
}

#define CR0_MASK (CR0_SMMUEN | CR0_PRIQEN | CR0_EVENTQEN | CR0_CMDQEN)

/* 6.3 SMMU_CR0: a write takes effect when SMMU_CR0ACK shows it. */
static int write_cr0(uint32_t v)
{
	smmu_wr32(SMMU_CR0, v);
	return smmu_poll32(SMMU_CR0ACK, CR0_MASK, v & CR0_MASK);
}

/* 6.3 SMMU_GBPA: wait for UPDATE = 0, write with UPDATE = 1, wait for UPDATE = 0. */
static int gbpa_abort(void)
{
	uint32_t v;
	int err = smmu_poll32(SMMU_GBPA, GBPA_UPDATE, 0);

	if (err)
		return err;
	v = smmu_rd32(SMMU_GBPA);
	if (v & GBPA_ABORT)
		return 0;
	smmu_wr32(SMMU_GBPA, v | GBPA_ABORT | GBPA_UPDATE);
	return smmu_poll32(SMMU_GBPA, GBPA_UPDATE, 0);
}

static int write_irq_ctrl(uint32_t v)
{
	smmu_wr32(SMMU_IRQ_CTRL, v);
	return smmu_poll32(SMMU_IRQ_CTRLACK, IRQ_CTRL_GERROR_IRQEN | IRQ_CTRL_EVENTQ_IRQEN, v);
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

/* Maps the registers, reads the features; nothing may pass while anything changes. */
static int probe(const struct layout *l)
{
	const char *why;
	int err;

	if (l->smmu_size < SMMU_REG_SPAN)
		return trace_error(-EINVAL);
	err = mmu_map(l->smmu_base, SMMU_REG_SPAN, 1);
	if (err)
		return err;
	dsb_ish();
	isb();
	smmu_dev.base = (uintptr_t)l->smmu_base;
	smmu_parse_idr(smmu_rd32(SMMU_IDR0), smmu_rd32(SMMU_IDR1), smmu_rd32(SMMU_IDR5),
		       &smmu_dev.f);
	smmu_dev.mode = choose_mode(&smmu_dev.f);
	/* Abort first, then disable. */
	err = gbpa_abort();
	if (!err)
		err = write_cr0(0);
	if (err) {
		log_info("SMMU at 0x%llx does not acknowledge: left as it is", LLX(l->smmu_base));
		return err;
	}
	why = unsupported(&smmu_dev.f);
	if (why) {
		log_info("SMMU at 0x%llx: %s; it stays disabled and aborts every DMA transaction",
			 LLX(l->smmu_base), why);
		return trace_error(-EOPNOTSUPP);
	}
	return 0;
}

/* Tables and queues in memory, their registers, the queues enabled (not the SMMU). */
static int setup_tables(void)
{
	bool linear = !smmu_dev.f.two_level || smmu_dev.f.sid_bits <= STRTAB_SPLIT;

	smmu_dev.linear = linear;
	smmu_dev.log2size = MIN(smmu_dev.f.sid_bits, linear ? STRTAB_SPLIT : SMMU_MAX_SID_BITS);
	strtab_init(linear);
	cmdq_init();
	evtq_init();
	smmu_wr32(SMMU_CR1, (uint32_t)(CR1_QUEUE_IC(CR1_CACHE_WB) | CR1_QUEUE_OC(CR1_CACHE_WB) |
				       CR1_QUEUE_SH(CR1_SH_ISH) | CR1_TABLE_IC(CR1_CACHE_WB) |
				       CR1_TABLE_OC(CR1_CACHE_WB) | CR1_TABLE_SH(CR1_SH_ISH)));
	/* PTM = 0: with BTM, the CPUs' broadcast TLBI of a VMID reaches the SMMU too. */
	smmu_wr32(SMMU_CR2, CR2_RECINVSID);
	return write_cr0(CR0_CMDQEN | CR0_EVENTQEN);
}

/* Nothing cached from before Bulkhead: every configuration and TLB entry. */
static int invalidate_all(void)
{
	struct smmu_cmd c;
	int err;

	cmdq_lock();
	smmu_cmd_cfgi_all(&c);
	cmdq_add(&c);
	if (smmu_dev.f.s1p || smmu_dev.f.s2p) {
		smmu_cmd_tlbi_nsnh_all(&c);
		cmdq_add(&c);
	}
	err = cmdq_sync();
	cmdq_unlock();
	return err;
}

/* Wired interrupts (no MSI address, so no MSI is ever written), then SMMUEN. */
static int enable(const struct layout *l)
{
	uint32_t irqs;
	int err;

	if (smmu_dev.f.msi) {
		smmu_wr64(SMMU_GERROR_IRQ_CFG0, 0);
		smmu_wr64(SMMU_EVENTQ_IRQ_CFG0, 0);
	}
	smmu_dev.evtq_intid = l->smmu_evtq_intid;
	smmu_dev.gerror_intid = l->smmu_gerror_intid;
	irqs = (smmu_dev.evtq_intid ? IRQ_CTRL_EVENTQ_IRQEN : 0) |
	       (smmu_dev.gerror_intid ? IRQ_CTRL_GERROR_IRQEN : 0);
	err = write_irq_ctrl(irqs);
	return err ? err : write_cr0(CR0_CMDQEN | CR0_EVENTQEN | CR0_SMMUEN);
}

int smmu_init(const struct layout *l, struct pt_pool *pool)
{
	int err;

	if (!l->smmu_size || l->smmu_node < 0)
		return 0;
	if (smmu_dev.present)
		return trace_error(-EBUSY);
	err = probe(l);
	if (!err)
		err = write_irq_ctrl(0);
	if (err)
		return err;
	smmu_wr32(SMMU_GERRORN, smmu_rd32(SMMU_GERROR)); /* nothing old stays active */
	s1_init(pool);
	err = setup_tables();
	if (!err)
		err = invalidate_all();
	if (!err)
		err = enable(l);
	if (err) {
		(void)write_cr0(0); /* GBPA still aborts everything */
		return err;
	}
	smmu_dev.irq_cpu = SMMU_NO_CPU;
	smmu_dev.present = true;
	log_info("SMMUv3 at 0x%llx: %u-bit stream IDs, %s stream table for 0..0x%x; DMA "
		 "translation: %s",
		 LLX(l->smmu_base), smmu_dev.f.sid_bits, smmu_dev.linear ? "linear" : "2-level",
		 (1U << smmu_dev.log2size) - 1, mode_names[smmu_dev.mode]);
	return 0;
}
