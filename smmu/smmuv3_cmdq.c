// SPDX-License-Identifier: GPL-2.0-only
/*
 * SMMUv3 command queue (IHI 0070, 3.5 and 4): commands from the encoder
 * (smmuv3_enc.c) go into a ring in normal memory; SMMU_CMDQ_PROD publishes
 * them, SMMU_CMDQ_CONS shows how far the SMMU got. Bulkhead never waits on an
 * interrupt: CMD_SYNC with CS = SIG_NONE, then poll until the queue is empty,
 * bounded by the generic counter. Global errors (7.4) are acknowledged here
 * too, under the same lock, so that two writers never race on SMMU_GERRORN.
 *
 * State: struct smmu_cmdq, guarded by its lock; an "operation" is what runs
 * between cmdq_lock() and cmdq_unlock() and reports its first error.
 */
#include <smmu/smmuv3_dev.h>

#include <errno.h>
#include <lib/bits.h>
#include <lib/log.h>
#include <lib/trace.h>
#include <string.h>

#define CMDQ_MAX_LOG2  8U  /* 256 commands, 4 KiB */
#define CFGI_ALL_SPANS 16U /* more spans than this: one CMD_CFGI_ALL */

/* Not zeroed at boot: cmdq_init() writes it before the SMMU reads any. */
static struct smmu_cmd cmdq_mem[1U << CMDQ_MAX_LOG2]
	__attribute__((aligned(4096), section(".noinit")));

static struct smmu_cmdq {
	spinlock_t lock; /* this struct, cmdq_mem, the stream table, SMMU_GERRORN writes */
	unsigned int log2;
	uint32_t prod; /* next free slot (with the wrap bit), as last published or not */
	int err;       /* first error of the current operation */
} cmdq;

void cmdq_init(void)
{
	cmdq.log2 = MIN(smmu_dev.f.cmdq_log2, CMDQ_MAX_LOG2);
	memset(cmdq_mem, 0, sizeof(cmdq_mem));
	smmu_dsb_st();
	cmdq.prod = 0;
	smmu_wr64(SMMU_CMDQ_BASE, smmu_q_base((uint64_t)(uintptr_t)cmdq_mem, cmdq.log2, true));
	smmu_wr32(SMMU_CMDQ_PROD, 0);
	smmu_wr32(SMMU_CMDQ_CONS, 0);
}

void cmdq_lock(void)
{
	spin_lock(&cmdq.lock);
	cmdq.err = 0;
}

void cmdq_unlock(void)
{
	spin_unlock(&cmdq.lock);
}

int cmdq_error(void)
{
	return cmdq.err;
}

static void cmd_fail(int err)
{
	if (!cmdq.err)
		cmdq.err = err;
}

static bool cmdq_error_active(void)
{
	return (smmu_rd32(SMMU_GERROR) ^ smmu_rd32(SMMU_GERRORN)) & GERROR_CMDQ_ERR;
}

/*
 * 7.1 command errors: the queue stops with CONS on the faulty command and
 * GERROR.CMDQ_ERR active. Replace it with a CMD_SYNC (harmless), then
 * acknowledge: the SMMU goes on from there. Our commands come from the
 * encoder, so this is a bug (or a command this SMMU does not implement).
 */
static void cmdq_recover(void)
{
	uint32_t cons = smmu_rd32(SMMU_CMDQ_CONS);
	uint32_t idx = smmu_q_idx(cons, cmdq.log2);
	struct smmu_cmd sync;

	log_info("SMMU: command error %u on command 0x%02x (slot %u); skipped",
		 (unsigned int)CMDQ_CONS_ERR(cons),
		 (unsigned int)CMD0_OPCODE_GET(cmdq_mem[idx].w[0]), idx);
	smmu_cmd_sync(&sync);
	smmu_store64(&cmdq_mem[idx].w[0], sync.w[0]);
	smmu_store64(&cmdq_mem[idx].w[1], sync.w[1]);
	smmu_dsb_st();
	smmu_wr32(SMMU_GERRORN, smmu_rd32(SMMU_GERRORN) ^ (uint32_t)GERROR_CMDQ_ERR);
	cmd_fail(trace_error(-EIO));
}

static void cmdq_publish(void)
{
	smmu_dsb_st();
	smmu_wr32(SMMU_CMDQ_PROD, cmdq.prod);
}

/* Waits until the SMMU consumed every published command. */
static int cmdq_drain(void)
{
	uint64_t start = read_sysreg(cntpct_el0), limit = smmu_timeout_ticks();

	for (;;) {
		if (cmdq_error_active())
			cmdq_recover();
		else if (smmu_q_empty(cmdq.prod, smmu_rd32(SMMU_CMDQ_CONS), cmdq.log2))
			return 0;
		if (read_sysreg(cntpct_el0) - start > limit)
			return trace_error(-ETIMEDOUT);
	}
}

void cmdq_add(const struct smmu_cmd *c)
{
	uint32_t idx;

	if (cmdq.err == -ETIMEDOUT)
		return; /* the SMMU stopped consuming: give up this operation */
	if (smmu_q_full(cmdq.prod, smmu_rd32(SMMU_CMDQ_CONS), cmdq.log2)) {
		cmdq_publish();
		if (cmdq_drain()) {
			cmd_fail(-ETIMEDOUT);
			return;
		}
	}
	idx = smmu_q_idx(cmdq.prod, cmdq.log2);
	cmdq_mem[idx] = *c;
	cmdq.prod = smmu_q_inc(cmdq.prod, cmdq.log2);
}

/*
 * CMD_SYNC with CS = SIG_NONE, then poll: CONS does not move past a CMD_SYNC
 * before every earlier command has completed (4.7), so an empty queue means
 * the sync completed.
 */
int cmdq_sync(void)
{
	struct smmu_cmd c;

	smmu_cmd_sync(&c);
	cmdq_add(&c);
	if (cmdq.err != -ETIMEDOUT) {
		cmdq_publish();
		if (cmdq_drain())
			cmd_fail(-ETIMEDOUT);
	}
	return cmdq.err;
}

/*
 * TLBI_S12_VMALL of the VMID (stage 2), or TLBI_NH_ASID of the ASID, which
 * equals the VMID (stage 1; the entries are non-global, so that reaches all).
 */
void cmd_tlbi_vmid(uint16_t vmid)
{
	struct smmu_cmd c;

	if (smmu_dev.mode == MODE_S2)
		smmu_cmd_tlbi_s12_vmall(&c, vmid);
	else if (smmu_dev.mode == MODE_S1)
		smmu_cmd_tlbi_nh_asid(&c, vmid, 0);
	else
		return;
	cmdq_add(&c);
}

void cmd_tlbi_set(const struct vmid_set *set, int keep)
{
	struct smmu_cmd c;

	if (smmu_dev.mode == MODE_NONE)
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

void cmd_cfgi_spans(unsigned int s0, unsigned int s1)
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

int smmu_tlbi_vmid(uint16_t vmid)
{
	int err;

	if (!smmu_dev.present || smmu_dev.mode == MODE_NONE)
		return 0;
	cmdq_lock();
	cmd_tlbi_vmid(vmid);
	err = cmdq_sync();
	cmdq_unlock();
	return err;
}

/*
 * 7.4: report active global errors; acknowledge all but CMDQ_ERR, which
 * cmdq_recover() acknowledges once it has fixed the queue.
 */
void gerror_handle(void)
{
	uint32_t g, gn, active;

	spin_lock(&cmdq.lock);
	g = smmu_rd32(SMMU_GERROR);
	gn = smmu_rd32(SMMU_GERRORN);
	active = (g ^ gn) & GERROR_KNOWN;
	if (active)
		smmu_wr32(SMMU_GERRORN, gn ^ (active & ~(uint32_t)GERROR_CMDQ_ERR));
	spin_unlock(&cmdq.lock);
	if (active)
		smmu_report_pseudo(SMMU_EVT_GERROR, 0, active);
}
