// SPDX-License-Identifier: GPL-2.0-only
/*
 * SMMUv3 encodings: what the driver writes into the stream table and the
 * command queue and how it reads event records. No hardware access, no state:
 * built for the host too and tested bit by bit (tests/unit/test_smmu_enc.c).
 * Layouts and their IHI 0070 sections: smmu/smmuv3_regs.h.
 */
#include <smmu/smmuv3_enc.h>

#include <errno.h>
#include <lib/format.h>
#include <string.h>

void smmu_parse_idr(uint32_t idr0, uint32_t idr1, uint32_t idr5, struct smmu_features *f)
{
	uint32_t ttf = (uint32_t)IDR0_TTF(idr0);

	memset(f, 0, sizeof(*f));
	f->s1p = idr0 & IDR0_S1P;
	f->s2p = idr0 & IDR0_S2P;
	f->ttf_aarch64 = ttf & IDR0_TTF_AARCH64;
	f->ttf_aarch32 = ttf & IDR0_TTF_AARCH32;
	f->cohacc = idr0 & IDR0_COHACC;
	f->btm = idr0 & IDR0_BTM;
	f->hyp = idr0 & IDR0_HYP;
	f->msi = idr0 & IDR0_MSI;
	f->vmid16 = idr0 & IDR0_VMID16;
	f->two_level = IDR0_ST_LEVEL(idr0) == IDR0_ST_LEVEL_2LVL;
	f->gran4k = idr5 & IDR5_GRAN4K;
	f->rel = idr1 & IDR1_REL;
	f->queues_preset = idr1 & IDR1_QUEUES_PRESET;
	f->tables_preset = idr1 & IDR1_TABLES_PRESET;
	f->sid_bits = (unsigned int)IDR1_SIDSIZE(idr1);
	f->cmdq_log2 = (unsigned int)IDR1_CMDQS(idr1);
	f->evtq_log2 = (unsigned int)IDR1_EVENTQS(idr1);
	f->oas = (unsigned int)IDR5_OAS(idr5);
	f->oas_bits = smmu_pa_bits(f->oas);
}

unsigned int smmu_pa_bits(unsigned int enc)
{
	static const unsigned char bits[] = {32, 36, 40, 42, 44, 48, 52};

	return enc < sizeof(bits) ? bits[enc] : 0;
}

void smmu_ste_invalid(struct smmu_ste *ste)
{
	memset(ste, 0, sizeof(*ste));
}

void smmu_ste_abort(struct smmu_ste *ste)
{
	memset(ste, 0, sizeof(*ste));
	ste->w[0] = STE0_V | STE0_CONFIG(STE_CFG_ABORT);
}

/* 4 KiB granule: each level resolves 9 bits, a page 12. */
#define GRANULE_BITS	12U
#define STRIDE		9U
#define FINAL_LEVEL	3U
#define MAX_CONCAT_BITS 4U /* up to 16 concatenated tables at the start level */

uint64_t smmu_s2_root_bytes(uint64_t vtcr)
{
	unsigned int sl0 = (unsigned int)VTCR_SL0(vtcr), t0sz = (unsigned int)VTCR_T0SZ(vtcr);
	unsigned int start, below, ia;

	if (VTCR_TG0(vtcr) != VTCR_TG0_4K || sl0 > 2 || t0sz > 63)
		return 0;
	start = 2 - sl0;				       /* SL0 0/1/2: level 2/1/0 */
	below = (FINAL_LEVEL - start) * STRIDE + GRANULE_BITS; /* bits under one entry */
	ia = 64 - t0sz;
	/* At least 2 entries; at most 16 concatenated 512-entry tables. */
	if (ia < below + 1 || ia > below + STRIDE + MAX_CONCAT_BITS)
		return 0;
	return 8ULL << (ia - below);
}

uint64_t smmu_vtcr_cap_ps(uint64_t vtcr, unsigned int oas)
{
	if (VTCR_PS(vtcr) <= oas)
		return vtcr;
	return (vtcr & ~VTCR_PS_MASK) | FIELD_PREP64(18, 16, oas);
}

int smmu_ste_s2(struct smmu_ste *ste, uint16_t vmid, uint64_t vtcr, uint64_t ttb)
{
	uint64_t root = smmu_s2_root_bytes(vtcr);

	memset(ste, 0, sizeof(*ste));
	if (!root || (ttb & (root - 1)) || (ttb & ~STE3_S2TTB_MASK))
		return -EINVAL;
	ste->w[0] = STE0_V | STE0_CONFIG(STE_CFG_S2);
	ste->w[1] = STE1_EATS(0) | STE1_STRW(0) | STE1_SHCFG(STE1_SHCFG_INCOMING);
	ste->w[2] = STE2_S2VMID(vmid) | STE2_S2T0SZ(VTCR_T0SZ(vtcr)) | STE2_S2SL0(VTCR_SL0(vtcr)) |
		    STE2_S2IR0(VTCR_IRGN0(vtcr)) | STE2_S2OR0(VTCR_ORGN0(vtcr)) |
		    STE2_S2SH0(VTCR_SH0(vtcr)) | STE2_S2TG(VTCR_TG0(vtcr)) |
		    STE2_S2PS(VTCR_PS(vtcr)) | STE2_S2AA64 | STE2_S2PTW | STE2_S2R;
	ste->w[3] = ttb & STE3_S2TTB_MASK;
	return 0;
}

bool smmu_ste_translates(const struct smmu_ste *ste)
{
	uint64_t cfg = STE0_CONFIG_GET(ste->w[0]);

	return (ste->w[0] & STE0_V) &&
	       (cfg == STE_CFG_S1 || cfg == STE_CFG_S2 || cfg == STE_CFG_NESTED);
}

bool smmu_ste_is_s1(const struct smmu_ste *ste)
{
	return (ste->w[0] & STE0_V) && STE0_CONFIG_GET(ste->w[0]) == STE_CFG_S1;
}

uint64_t smmu_ste_cd(const struct smmu_ste *ste)
{
	return ste->w[0] & STE0_S1CTXPTR_MASK;
}

int smmu_ste_s1(struct smmu_ste *ste, uint64_t cd, uint16_t vmid)
{
	memset(ste, 0, sizeof(*ste));
	if (cd & ~STE0_S1CTXPTR_MASK)
		return -EINVAL;
	ste->w[0] = STE0_V | STE0_CONFIG(STE_CFG_S1) | STE0_S1FMT(0) | cd | STE0_S1CDMAX(0);
	ste->w[1] = STE1_S1DSS(0) | STE1_S1CIR(STE_CACHE_WBWA) | STE1_S1COR(STE_CACHE_WBWA) |
		    STE1_S1CSH(STE_SH_ISH) | STE1_EATS(0) | STE1_STRW(0) |
		    STE1_SHCFG(STE1_SHCFG_INCOMING);
	ste->w[2] = STE2_S2VMID(vmid);
	return 0;
}

int smmu_s1_start_level(unsigned int ia_bits)
{
	if (ia_bits < 25 || ia_bits > 48)
		return -1;
	if (ia_bits > 39)
		return 0;
	return ia_bits > 30 ? 1 : 2;
}

int smmu_cd_s1(struct smmu_cd *cd, uint16_t asid, uint64_t ttb0, unsigned int ia_bits,
	       unsigned int ips)
{
	memset(cd, 0, sizeof(*cd));
	if (smmu_s1_start_level(ia_bits) < 0 || ips > 6 || (ttb0 & 0xfff) ||
	    (ttb0 & ~CD1_TTB0_MASK))
		return -EINVAL;
	cd->w[0] = CD0_T0SZ(64 - ia_bits) | CD0_TG0(CD_TG0_4K) | CD0_IR0(STE_CACHE_WBWA) |
		   CD0_OR0(STE_CACHE_WBWA) | CD0_SH0(STE_SH_ISH) | CD0_TG1(CD_TG1_4K) | CD0_EPD1 |
		   CD0_V | CD0_IPS(ips) | CD0_AA64 | CD0_R | CD0_A | CD0_ASET | CD0_ASID(asid);
	cd->w[1] = ttb0 & CD1_TTB0_MASK;
	cd->w[3] = SMMU_S1_MAIR;
	return 0;
}

uint16_t smmu_cd_asid(const struct smmu_cd *cd)
{
	return (uint16_t)CD0_ASID_GET(cd->w[0]);
}

uint64_t smmu_l1std(uint64_t l2, unsigned int span)
{
	if (!span)
		return 0;
	return (l2 & L1STD_L2PTR_MASK) | L1STD_SPAN(span);
}

uint32_t smmu_strtab_base_cfg(unsigned int fmt, unsigned int split, unsigned int log2size)
{
	return (uint32_t)(STRTAB_BASE_CFG_FMT(fmt) | STRTAB_BASE_CFG_SPLIT(split) |
			  STRTAB_BASE_CFG_LOG2SIZE(log2size));
}

uint64_t smmu_strtab_base(uint64_t pa)
{
	return STRTAB_BASE_RA | (pa & STRTAB_BASE_ADDR_MASK);
}

uint64_t smmu_q_base(uint64_t pa, unsigned int log2size, bool alloc_hint)
{
	return (alloc_hint ? Q_BASE_HINT : 0) | (pa & Q_BASE_ADDR_MASK) | Q_BASE_LOG2SIZE(log2size);
}

void smmu_cmd_cfgi_ste(struct smmu_cmd *c, uint32_t sid, bool leaf)
{
	c->w[0] = CMD0_OPCODE(CMD_CFGI_STE) | CMD0_SID(sid);
	c->w[1] = leaf ? CMD1_LEAF : 0;
}

void smmu_cmd_cfgi_ste_range(struct smmu_cmd *c, uint32_t sid, unsigned int range)
{
	c->w[0] = CMD0_OPCODE(CMD_CFGI_STE_RANGE) | CMD0_SID(sid);
	c->w[1] = CMD1_RANGE(range);
}

void smmu_cmd_cfgi_all(struct smmu_cmd *c)
{
	smmu_cmd_cfgi_ste_range(c, 0, CMD_CFGI_ALL_RANGE);
}

void smmu_cmd_tlbi_s12_vmall(struct smmu_cmd *c, uint16_t vmid)
{
	c->w[0] = CMD0_OPCODE(CMD_TLBI_S12_VMALL) | CMD0_VMID(vmid);
	c->w[1] = 0;
}

void smmu_cmd_tlbi_nsnh_all(struct smmu_cmd *c)
{
	c->w[0] = CMD0_OPCODE(CMD_TLBI_NSNH_ALL);
	c->w[1] = 0;
}

void smmu_cmd_tlbi_nh_asid(struct smmu_cmd *c, uint16_t asid, uint16_t vmid)
{
	c->w[0] = CMD0_OPCODE(CMD_TLBI_NH_ASID) | CMD0_VMID(vmid) | CMD0_ASID(asid);
	c->w[1] = 0;
}

void smmu_cmd_sync(struct smmu_cmd *c)
{
	c->w[0] = CMD0_OPCODE(CMD_SYNC) | CMD0_SYNC_CS(CMD_SYNC_CS_NONE);
	c->w[1] = 0;
}

/* ---------------------------------------------------------------- events */

static const struct {
	uint32_t type;
	const char *name;
} event_names[] = {
	{SMMU_EVT_F_UUT, "F_UUT"},
	{SMMU_EVT_C_BAD_STREAMID, "C_BAD_STREAMID"},
	{SMMU_EVT_F_STE_FETCH, "F_STE_FETCH"},
	{SMMU_EVT_C_BAD_STE, "C_BAD_STE"},
	{SMMU_EVT_F_BAD_ATS_TREQ, "F_BAD_ATS_TREQ"},
	{SMMU_EVT_F_STREAM_DISABLED, "F_STREAM_DISABLED"},
	{SMMU_EVT_F_TRANSL_FORBIDDEN, "F_TRANSL_FORBIDDEN"},
	{SMMU_EVT_C_BAD_SUBSTREAMID, "C_BAD_SUBSTREAMID"},
	{SMMU_EVT_F_CD_FETCH, "F_CD_FETCH"},
	{SMMU_EVT_C_BAD_CD, "C_BAD_CD"},
	{SMMU_EVT_F_WALK_EABT, "F_WALK_EABT"},
	{SMMU_EVT_F_TRANSLATION, "F_TRANSLATION"},
	{SMMU_EVT_F_ADDR_SIZE, "F_ADDR_SIZE"},
	{SMMU_EVT_F_ACCESS, "F_ACCESS"},
	{SMMU_EVT_F_PERMISSION, "F_PERMISSION"},
	{SMMU_EVT_F_TLB_CONFLICT, "F_TLB_CONFLICT"},
	{SMMU_EVT_F_CFG_CONFLICT, "F_CFG_CONFLICT"},
	{SMMU_EVT_E_PAGE_REQUEST, "E_PAGE_REQUEST"},
	{SMMU_EVT_F_VMS_FETCH, "F_VMS_FETCH"},
	{SMMU_EVT_SUPPRESSED, "SUPPRESSED"},
	{SMMU_EVT_OVERFLOW, "EVTQ_OVERFLOW"},
	{SMMU_EVT_GERROR, "GERROR"},
	{SMMU_EVT_REPEATED, "REPEATED"},
};

const char *smmu_event_name(uint32_t type)
{
	for (size_t i = 0; i < sizeof(event_names) / sizeof(event_names[0]); i++)
		if (event_names[i].type == type)
			return event_names[i].name;
	return "UNKNOWN";
}

void smmu_event_decode(const uint64_t rec[SMMU_EVT_WORDS], struct smmu_event *ev)
{
	static const char *const classes[] = {"CD", "TT", "IN", ""};

	memset(ev, 0, sizeof(*ev));
	memcpy(ev->raw, rec, sizeof(ev->raw));
	ev->type = (uint32_t)EVT0_TYPE(rec[0]);
	ev->name = smmu_event_name(ev->type);
	ev->sid = (uint32_t)EVT0_SID(rec[0]);
	ev->ssv = rec[0] & EVT0_SSV;
	ev->ssid = ev->ssv ? (uint32_t)EVT0_SSID(rec[0]) : 0;
	ev->fault_class = SMMU_CLASS_NONE;

	switch (ev->type) {
	case SMMU_EVT_F_TRANSLATION:
	case SMMU_EVT_F_ADDR_SIZE:
	case SMMU_EVT_F_ACCESS:
	case SMMU_EVT_F_PERMISSION:
	case SMMU_EVT_F_WALK_EABT:
		ev->s2 = rec[1] & EVT1_S2;
		ev->fault_class = (uint32_t)EVT1_CLASS(rec[1]);
		if (ev->s2) {
			ev->has_ipa = true;
			ev->ipa = rec[3] & EVT3_IPA_MASK;
		}
		if (ev->type == SMMU_EVT_F_WALK_EABT && ev->fault_class == SMMU_CLASS_TT) {
			ev->has_fetch = true;
			ev->fetch_addr = rec[3] & EVT3_FETCH_MASK;
		}
		/* These also carry the input address and the access: */
		/* fall through */
	case SMMU_EVT_F_UUT:
	case SMMU_EVT_F_TRANSL_FORBIDDEN:
		ev->has_addr = true;
		ev->addr = rec[2];
		ev->has_access = true;
		ev->read = rec[1] & EVT1_RNW;
		ev->priv = rec[1] & EVT1_PNU;
		ev->instr = rec[1] & EVT1_IND;
		break;
	case SMMU_EVT_F_STE_FETCH:
	case SMMU_EVT_F_CD_FETCH:
	case SMMU_EVT_F_VMS_FETCH:
		ev->has_fetch = true;
		ev->fetch_addr = rec[3] & EVT3_FETCH_MASK;
		break;
	default:
		break;
	}
	ev->class_name = classes[ev->fault_class & 3];
}

bool smmu_event_similar(const struct smmu_event *a, const struct smmu_event *b)
{
	return a->type == b->type && a->type < SMMU_EVT_SUPPRESSED && a->sid == b->sid &&
	       a->ssv == b->ssv && a->ssid == b->ssid && a->has_access == b->has_access &&
	       a->read == b->read && a->instr == b->instr && a->s2 == b->s2 &&
	       a->has_addr == b->has_addr && (a->addr >> 12) == (b->addr >> 12);
}

static const char *const gerror_names[] = {
	[0] = "CMDQ_ERR",	    [2] = "EVENTQ_ABT_ERR",
	[3] = "PRIQ_ABT_ERR",	    [4] = "MSI_CMDQ_ABT_ERR",
	[5] = "MSI_EVENTQ_ABT_ERR", [6] = "MSI_PRIQ_ABT_ERR",
	[7] = "MSI_GERROR_ABT_ERR", [8] = "SFM_ERR",
};

/* Appends to @buf (NUL-terminated, @size bytes) at *@n. */
static void append(char *buf, size_t size, size_t *n, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void append(char *buf, size_t size, size_t *n, const char *fmt, ...)
{
	va_list ap;
	int k;

	if (*n >= size)
		return;
	va_start(ap, fmt);
	k = fmt_vsnprintf(buf + *n, size - *n, fmt, ap);
	va_end(ap);
	if (k > 0)
		*n = *n + (size_t)k < size ? *n + (size_t)k : size - 1;
}

void smmu_event_format(const struct smmu_event *ev, char *buf, unsigned long size)
{
	size_t n = 0;

	if (!size)
		return;
	buf[0] = '\0';
	switch (ev->type) {
	case SMMU_EVT_SUPPRESSED:
		append(buf, size, &n, "SMMU: %u more event(s) not reported", ev->count);
		return;
	case SMMU_EVT_REPEATED:
		append(buf, size, &n,
		       "SMMU: %u more event(s) like the last one (same stream, access and page)",
		       ev->count);
		return;
	case SMMU_EVT_OVERFLOW:
		append(buf, size, &n, "SMMU: event queue overflow, events were lost");
		return;
	case SMMU_EVT_GERROR:
		append(buf, size, &n, "SMMU: global error 0x%x", ev->gerror);
		for (unsigned int b = 0; b < sizeof(gerror_names) / sizeof(gerror_names[0]); b++)
			if ((ev->gerror & (1U << b)) && gerror_names[b])
				append(buf, size, &n, " %s", gerror_names[b]);
		return;
	default:
		break;
	}
	append(buf, size, &n, "SMMU: %s (0x%02x) stream 0x%x", ev->name, ev->type, ev->sid);
	if (ev->ssv)
		append(buf, size, &n, " substream 0x%x", ev->ssid);
	if (ev->has_access)
		append(buf, size, &n, " %s%s",
		       ev->instr  ? "fetch"
		       : ev->read ? "read"
				  : "write",
		       ev->priv ? " (privileged)" : "");
	if (ev->has_addr)
		append(buf, size, &n, " at 0x%llx", (unsigned long long)ev->addr);
	if (ev->has_ipa)
		append(buf, size, &n, ", stage 2, IPA 0x%llx", (unsigned long long)ev->ipa);
	if (ev->fault_class != SMMU_CLASS_NONE)
		append(buf, size, &n, ", class %s", ev->class_name);
	if (ev->has_fetch)
		append(buf, size, &n, ", fetch at 0x%llx", (unsigned long long)ev->fetch_addr);
	if (ev->type == SMMU_EVT_C_BAD_STREAMID || ev->type == SMMU_EVT_C_BAD_STE)
		append(buf, size, &n, ": no partition owns this stream, or its entry is rejected");
	append(buf, size, &n, "; aborted");
}
