/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Pure SMMUv3 encodings (no hardware access): ID register decoding, stream
 * table entries and level-1 descriptors, commands, queue index arithmetic,
 * event record decoding. Built into the image and into the host library, so
 * every bit the driver writes is checked by tests/unit/test_smmu_enc.c.
 * Field layouts and their IHI 0070 sections: smmu/smmuv3_regs.h.
 */
#ifndef SMMU_SMMUV3_ENC_H
#define SMMU_SMMUV3_ENC_H

#include <smmu/smmu.h>
#include <smmu/smmuv3_regs.h>

#include <stdbool.h>
#include <stdint.h>

struct smmu_ste {
	uint64_t w[SMMU_STE_WORDS];
};

struct smmu_cd {
	uint64_t w[SMMU_CD_WORDS];
};

struct smmu_cmd {
	uint64_t w[SMMU_CMD_WORDS];
};

/* What SMMU_IDR0/1/5 say (6.3). */
struct smmu_features {
	bool s1p, s2p; /* stage 1 / stage 2 implemented */
	bool ttf_aarch64, ttf_aarch32;
	bool cohacc; /* coherent table walks and queue accesses */
	bool btm, hyp, msi, vmid16;
	bool two_level; /* two-level stream tables */
	bool gran4k;
	bool rel, queues_preset, tables_preset;
	unsigned int sid_bits;	/* IDR1.SIDSIZE */
	unsigned int cmdq_log2; /* IDR1.CMDQS */
	unsigned int evtq_log2; /* IDR1.EVENTQS */
	unsigned int oas;	/* IDR5.OAS (PS encoding) */
	unsigned int oas_bits;	/* the same in bits, 0 if reserved */
};

void smmu_parse_idr(uint32_t idr0, uint32_t idr1, uint32_t idr5, struct smmu_features *f);

/* Bits of a VTCR_EL2.PS / SMMU_IDR5.OAS encoding (0..6); 0 for a reserved value. */
unsigned int smmu_pa_bits(unsigned int enc);

/* V = 0: the stream aborts and C_BAD_STE is recorded (a stream nobody owns). */
void smmu_ste_invalid(struct smmu_ste *ste);

/* V = 1, Config = abort: the stream aborts, nothing recorded (owner stopped). */
void smmu_ste_abort(struct smmu_ste *ste);

/*
 * V = 1, Config = stage 2 only: S2VMID = @vmid; S2T0SZ, S2SL0, S2IR0, S2OR0,
 * S2SH0, S2TG, S2PS copied from @vtcr (a VTCR_EL2 value; cap PS first with
 * smmu_vtcr_cap_ps); S2AA64 = 1, S2PTW = 1, S2R = 1, S2S = 0, S2AFFD = 0,
 * S2ENDI = 0; SHCFG = incoming; S2TTB = @ttb. -EINVAL if @vtcr is not a
 * 4 KiB-granule configuration whose start level and size are consistent
 * (smmu_s2_root_bytes) or @ttb is not aligned to the root's size or does not
 * fit in S2TTB.
 */
int smmu_ste_s2(struct smmu_ste *ste, uint16_t vmid, uint64_t vtcr, uint64_t ttb);

/*
 * Size in bytes of the stage-2 root (concatenated tables included) that
 * @vtcr describes: 4 KiB granule only, start level from SL0 (0 = level 2,
 * 1 = level 1, 2 = level 0), input size 64 - T0SZ, which must need between 2
 * entries and 16 concatenated tables at the start level (the Arm ARM's
 * consistency rule for stage-2 SL0/T0SZ). 0 if inconsistent or unsupported.
 */
uint64_t smmu_s2_root_bytes(uint64_t vtcr);

/*
 * Stage 1 (the way to confine DMA on an SMMU without stage 2): V = 1,
 * Config = stage 1 only (0b101), S1Fmt = linear, S1CDMax = 0 (one CD, no
 * substreams), S1ContextPtr = @cd (64-byte aligned), CD fetches Write-Back
 * Inner Shareable, S1STALLD = 0, STRW = NS-EL1, EATS = 0, SHCFG = incoming,
 * S2VMID = @vmid (TLB tag on an SMMU with stage 2; pass 0 without). -EINVAL
 * if @cd is misaligned or does not fit in S1ContextPtr.
 */
int smmu_ste_s1(struct smmu_ste *ste, uint64_t cd, uint16_t vmid);

/*
 * The CD of a partition's stage-1 context: TTB0 = @ttb0 (4 KiB aligned) for
 * an input size of @ia_bits (T0SZ = 64 - @ia_bits, 25..48), 4 KiB granule,
 * walks Write-Back Write-Allocate Inner Shareable, TTB1 walks disabled
 * (EPD1 = 1, TG1 = 4 KiB), IPS = @ips (PS encoding, the SMMU's OAS or less),
 * AA64, R = 1 (record faults), A = 1 (abort faulting transactions), S = 0,
 * HA = HD = 0, ASET = 1, ASID = @asid, MAIR = SMMU_S1_MAIR. -EINVAL for an
 * input size, IPS or TTB0 it cannot encode.
 */
int smmu_cd_s1(struct smmu_cd *cd, uint16_t asid, uint64_t ttb0, unsigned int ia_bits,
	       unsigned int ips);

/*
 * Level of the first lookup of a stage-1 walk, 4 KiB granule, for an input
 * size of @ia_bits (Arm ARM D8.2: 40..48 bits start at level 0, 31..39 at
 * level 1, 25..30 at level 2). Stage 1 has no concatenated tables: the root
 * is one 4 KiB table. -1 outside 25..48.
 */
int smmu_s1_start_level(unsigned int ia_bits);

/* True for a CD with V = 1; its ASID. */
uint16_t smmu_cd_asid(const struct smmu_cd *cd);

/* @vtcr with PS lowered to @oas if it is larger (the SMMU's output size). */
uint64_t smmu_vtcr_cap_ps(uint64_t vtcr, unsigned int oas);

/*
 * True for an STE with V = 1 and a translating Config: stage 1, stage 2 or
 * nested (it has TLB entries: a VMID, or an ASID through its CD).
 */
bool smmu_ste_translates(const struct smmu_ste *ste);

/* True for an STE with V = 1 and Config = stage 1 only; its S1ContextPtr. */
bool smmu_ste_is_s1(const struct smmu_ste *ste);
uint64_t smmu_ste_cd(const struct smmu_ste *ste);

/* Level-1 descriptor: @l2 (aligned to its size) holding 2^(span-1) STEs; span 0 = invalid. */
uint64_t smmu_l1std(uint64_t l2, unsigned int span);

uint32_t smmu_strtab_base_cfg(unsigned int fmt, unsigned int split, unsigned int log2size);
uint64_t smmu_strtab_base(uint64_t pa);
uint64_t smmu_q_base(uint64_t pa, unsigned int log2size, bool alloc_hint);

void smmu_cmd_cfgi_ste(struct smmu_cmd *c, uint32_t sid, bool leaf);
void smmu_cmd_cfgi_ste_range(struct smmu_cmd *c, uint32_t sid, unsigned int range);
void smmu_cmd_cfgi_all(struct smmu_cmd *c);
void smmu_cmd_tlbi_s12_vmall(struct smmu_cmd *c, uint16_t vmid);
void smmu_cmd_tlbi_nsnh_all(struct smmu_cmd *c);
/* Stage-1 entries of @asid; @vmid only on an SMMU with stage 2 (else 0). */
void smmu_cmd_tlbi_nh_asid(struct smmu_cmd *c, uint16_t asid, uint16_t vmid);
void smmu_cmd_sync(struct smmu_cmd *c); /* CS = SIG_NONE: completion = CONS passes it */

/* Queue indexes (3.5): index in [log2-1:0], wrap bit at [log2]. */
static inline uint32_t smmu_q_mask(unsigned int log2)
{
	return (2U << log2) - 1U; /* index and wrap bit */
}

static inline uint32_t smmu_q_idx(uint32_t v, unsigned int log2)
{
	return v & ((1U << log2) - 1U);
}

static inline uint32_t smmu_q_inc(uint32_t v, unsigned int log2)
{
	return (v + 1U) & smmu_q_mask(log2);
}

static inline bool smmu_q_empty(uint32_t prod, uint32_t cons, unsigned int log2)
{
	return ((prod ^ cons) & smmu_q_mask(log2)) == 0;
}

static inline bool smmu_q_full(uint32_t prod, uint32_t cons, unsigned int log2)
{
	return ((prod ^ cons) & smmu_q_mask(log2)) == (1U << log2);
}

/* Entries between cons and prod. */
static inline uint32_t smmu_q_used(uint32_t prod, uint32_t cons, unsigned int log2)
{
	return (prod - cons) & smmu_q_mask(log2);
}

/* "F_TRANSLATION", ...; "UNKNOWN" for other codes. */
const char *smmu_event_name(uint32_t type);

/* Decodes one 32-byte event record (7.3) into @ev. */
void smmu_event_decode(const uint64_t rec[SMMU_EVT_WORDS], struct smmu_event *ev);

/*
 * True if @b says nothing @a did not: same type, stream and substream, same
 * access, and both addresses in the same 4 KiB page (or neither has one).
 */
bool smmu_event_similar(const struct smmu_event *a, const struct smmu_event *b);

#endif /* SMMU_SMMUV3_ENC_H */
