// SPDX-License-Identifier: GPL-2.0-only
/*
 * SMMUv3 encodings (smmu/smmuv3_enc.c) against the architecture's bit
 * positions (Arm IHI 0070). Expected words are computed by hand here and every
 * field is also extracted with the test's own shifts and masks, independent of
 * smmu/smmuv3_regs.h, so a wrong macro cannot hide behind itself.
 */
#include <arch/arm64/pgtable.h>
#include <arch/arm64/stage2.h>
#include <smmu/smmuv3_enc.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

/* Field [h:l] of a 64-bit word, written out longhand. */
static uint64_t bits(uint64_t w, unsigned int h, unsigned int l)
{
	return (w >> l) & ((h - l == 63) ? ~0ULL : ((1ULL << (h - l + 1)) - 1));
}

/*
 * VTCR_EL2 as the CPUs use it: T0SZ = 24 (40-bit IPA), SL0 = 1 (level 1),
 * IRGN0 = ORGN0 = 1 (WBWA), SH0 = 3 (Inner Shareable), TG0 = 0 (4 KiB),
 * PS = 5 (48 bits), bit 31 RES1:
 *   0x18 | 0x40 | 0x100 | 0x400 | 0x3000 | 0x50000 | 0x80000000 = 0x80053558
 */
#define VTCR_48 0x80053558ULL

static void test_vtcr_from_stage2(void **state)
{
	/* The same value arch/arm64/stage2.c gives the CPUs for a 48-bit PARange. */
	assert_int_equal(s2_vtcr(5), VTCR_48);
}

static void test_ste_abort(void **state)
{
	struct smmu_ste s;

	memset(&s, 0xa5, sizeof(s));
	smmu_ste_abort(&s);
	assert_int_equal(s.w[0], 0x1); /* V = 1 (bit 0), Config [3:1] = 0b000 */
	assert_int_equal(bits(s.w[0], 0, 0), 1);
	assert_int_equal(bits(s.w[0], 3, 1), 0);
	for (int i = 1; i < 8; i++)
		assert_int_equal(s.w[i], 0);
	assert_false(smmu_ste_translates(&s));
}

static void test_ste_invalid(void **state)
{
	struct smmu_ste s;

	memset(&s, 0xa5, sizeof(s));
	smmu_ste_invalid(&s);
	for (int i = 0; i < 8; i++)
		assert_int_equal(s.w[i], 0); /* V = 0 */
	assert_false(smmu_ste_translates(&s));
}

static void test_ste_s2_words(void **state)
{
	struct smmu_ste s;

	assert_int_equal(smmu_ste_s2(&s, 3, VTCR_48, 0x40002000), 0);
	/* Word 0: V = 1, Config = 0b110 (stage 2 only, stage 1 bypass) -> 0b1101 */
	assert_int_equal(s.w[0], 0xd);
	/* Word 1: SHCFG [45:44] = 0b01 (incoming); EATS, STRW = 0 */
	assert_int_equal(s.w[1], 0x0000100000000000ULL);
	/*
	 * Word 2: S2VMID = 3; VTCR[18:0] = 0x53558 at [50:32]; S2AA64 bit 51,
	 * S2PTW bit 54, S2R bit 58:
	 *   0x0005355800000000 + 0x0008000000000000 + 0x0040000000000000
	 *   + 0x0400000000000000 + 3 = 0x044d355800000003
	 */
	assert_int_equal(s.w[2], 0x044d355800000003ULL);
	/* Word 3: S2TTB [51:4] */
	assert_int_equal(s.w[3], 0x40002000);
	for (int i = 4; i < 8; i++)
		assert_int_equal(s.w[i], 0);
	assert_true(smmu_ste_translates(&s));
}

static void test_ste_s2_fields(void **state)
{
	struct smmu_ste s;

	assert_int_equal(smmu_ste_s2(&s, 0xbeef, VTCR_48, 0xfedcba98000ULL), 0);
	/* STE bit positions (IHI 0070, 5.2), as bit n of the 512-bit entry. */
	assert_int_equal(bits(s.w[0], 0, 0), 1);       /* V        [0]       */
	assert_int_equal(bits(s.w[0], 3, 1), 6);       /* Config   [3:1]     */
	assert_int_equal(bits(s.w[1], 29, 28), 0);     /* EATS     [93:92]   */
	assert_int_equal(bits(s.w[1], 31, 30), 0);     /* STRW     [95:94]   */
	assert_int_equal(bits(s.w[1], 45, 44), 1);     /* SHCFG    [109:108] */
	assert_int_equal(bits(s.w[2], 15, 0), 0xbeef); /* S2VMID   [143:128] */
	assert_int_equal(bits(s.w[2], 37, 32), 24);    /* S2T0SZ   [165:160] */
	assert_int_equal(bits(s.w[2], 39, 38), 1);     /* S2SL0    [167:166] */
	assert_int_equal(bits(s.w[2], 41, 40), 1);     /* S2IR0    [169:168] */
	assert_int_equal(bits(s.w[2], 43, 42), 1);     /* S2OR0    [171:170] */
	assert_int_equal(bits(s.w[2], 45, 44), 3);     /* S2SH0    [173:172] */
	assert_int_equal(bits(s.w[2], 47, 46), 0);     /* S2TG     [175:174] */
	assert_int_equal(bits(s.w[2], 50, 48), 5);     /* S2PS     [178:176] */
	assert_int_equal(bits(s.w[2], 51, 51), 1);     /* S2AA64   [179]     */
	assert_int_equal(bits(s.w[2], 52, 52), 0);     /* S2ENDI   [180]     */
	assert_int_equal(bits(s.w[2], 53, 53), 0);     /* S2AFFD   [181]     */
	assert_int_equal(bits(s.w[2], 54, 54), 1);     /* S2PTW    [182]     */
	assert_int_equal(bits(s.w[2], 56, 55), 0);     /* S2HD/HA  [184:183] */
	assert_int_equal(bits(s.w[2], 57, 57), 0);     /* S2S      [185]     */
	assert_int_equal(bits(s.w[2], 58, 58), 1);     /* S2R      [186]     */
	assert_int_equal(bits(s.w[2], 31, 16), 0);
	assert_int_equal(bits(s.w[2], 63, 59), 0);
	assert_int_equal(bits(s.w[3], 51, 4) << 4, 0xfedcba98000ULL); /* S2TTB [243:196] */
}

static void test_vtcr_fields_follow(void **state)
{
	/* Each VTCR field lands in its STE field, whatever the others are. */
	struct {
		unsigned int h, l, ste_h, ste_l, v;
	} f[] = {
		{5, 0, 37, 32, 25},  /* T0SZ 25 (39-bit IPA, one level-1 table) */
		{9, 8, 41, 40, 2},   /* IRGN0 WT */
		{11, 10, 43, 42, 3}, /* ORGN0 WB no-WA */
		{13, 12, 45, 44, 2}, /* SH0 outer */
		{18, 16, 50, 48, 2}, /* PS 40 bits */
	};

	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		uint64_t mask = ((1ULL << (f[i].h - f[i].l + 1)) - 1) << f[i].l;
		uint64_t vtcr = (VTCR_48 & ~mask) | ((uint64_t)f[i].v << f[i].l);
		struct smmu_ste s;

		assert_int_equal(smmu_ste_s2(&s, 1, vtcr, 0x80000000ULL), 0);
		assert_int_equal(bits(s.w[2], f[i].ste_h, f[i].ste_l), f[i].v);
	}
}

static void test_vtcr_res1_and_high_bits_dropped(void **state)
{
	struct smmu_ste s;
	/* VS (bit 19), HA/HD (21/22), RES1 (31) and anything above must not leak. */
	uint64_t vtcr = VTCR_48 | (1ULL << 19) | (1ULL << 21) | (1ULL << 22) | (0xffULL << 32);

	assert_int_equal(smmu_ste_s2(&s, 1, vtcr, 0x80000000ULL), 0);
	assert_int_equal(bits(s.w[2], 50, 32), 0x53558);
	assert_int_equal(bits(s.w[2], 56, 55), 0); /* S2HD/S2HA stay 0 */
}

static void test_vtcr_cap_ps(void **state)
{
	struct smmu_ste s;

	/* SMMU OAS 44 bits (4): PS 48 bits (5) is lowered, PS 40 (2) kept. */
	assert_int_equal(smmu_vtcr_cap_ps(VTCR_48, 4), 0x80043558ULL);
	assert_int_equal(smmu_vtcr_cap_ps(s2_vtcr(2), 4), s2_vtcr(2));
	assert_int_equal(smmu_ste_s2(&s, 3, smmu_vtcr_cap_ps(VTCR_48, 4), 0x40002000), 0);
	assert_int_equal(s.w[2], 0x044c355800000003ULL);
}

static void test_root_size_and_alignment(void **state)
{
	struct smmu_ste s;

	/* 40-bit IPA from level 1: 2 concatenated tables, 8 KiB. */
	assert_int_equal(smmu_s2_root_bytes(VTCR_48), 8192);
	/* 39 bits from level 1: one table. */
	assert_int_equal(smmu_s2_root_bytes((VTCR_48 & ~0x3fULL) | 25), 4096);
	/* 40 bits from level 0 (SL0 = 2): 2 entries. */
	assert_int_equal(smmu_s2_root_bytes((VTCR_48 & ~0xc0ULL) | 0x80), 16);
	/* 40 bits from level 2 (SL0 = 0): would need 512 tables -> inconsistent. */
	assert_int_equal(smmu_s2_root_bytes(VTCR_48 & ~0xc0ULL), 0);
	/* 30 bits from level 1: a single entry -> inconsistent. */
	assert_int_equal(smmu_s2_root_bytes((VTCR_48 & ~0x3fULL) | 34), 0);
	/* 64 KiB granule (TG0 = 1): not supported. */
	assert_int_equal(smmu_s2_root_bytes(VTCR_48 | (1ULL << 14)), 0);
	/* SL0 = 3: reserved with 4 KiB. */
	assert_int_equal(smmu_s2_root_bytes(VTCR_48 | 0xc0), 0);

	assert_int_equal(smmu_ste_s2(&s, 1, VTCR_48, 0x40001000), -EINVAL); /* 4 KiB aligned only */
	assert_int_equal(s.w[0], 0);					    /* left invalid */
	assert_int_equal(smmu_ste_s2(&s, 1, VTCR_48 | (1ULL << 14), 0x40002000), -EINVAL);
	assert_int_equal(smmu_ste_s2(&s, 1, VTCR_48, 1ULL << 52), -EINVAL); /* beyond S2TTB */
}

static void test_l1_descriptor(void **state)
{
	/* 5.1: Span [4:0], L2Ptr [51:6]. */
	assert_int_equal(smmu_l1std(0x40123000, 7), 0x40123007);
	assert_int_equal(bits(smmu_l1std(0x40123000, 7), 4, 0), 7);
	assert_int_equal(bits(smmu_l1std(0x40123000, 7), 51, 6) << 6, 0x40123000);
	assert_int_equal(smmu_l1std(0x40123040, 1), 0x40123041);
	assert_int_equal(smmu_l1std(0x40123000, 0), 0); /* invalid: L2Ptr not used */
}

static void test_table_and_queue_bases(void **state)
{
	/* STRTAB_BASE_CFG: FMT [17:16] = 1, SPLIT [10:6] = 6, LOG2SIZE [5:0] = 16. */
	assert_int_equal(smmu_strtab_base_cfg(STRTAB_FMT_2LVL, 6, 16), 0x10190);
	assert_int_equal(smmu_strtab_base_cfg(STRTAB_FMT_LINEAR, 0, 5), 0x5);
	/* STRTAB_BASE: RA bit 62, ADDR [51:6]. */
	assert_int_equal(smmu_strtab_base(0x40200000), 0x4000000040200000ULL);
	/* CMDQ/EVENTQ_BASE: RA/WA bit 62, ADDR [51:5], LOG2SIZE [4:0]. */
	assert_int_equal(smmu_q_base(0x40100000, 8, true), 0x4000000040100008ULL);
	assert_int_equal(smmu_q_base(0x40100000, 7, false), 0x40100007ULL);
}

static void test_commands(void **state)
{
	struct smmu_cmd c;

	smmu_cmd_cfgi_ste(&c, 0x1234, true); /* opcode 0x03, SID [63:32], Leaf w1[0] */
	assert_int_equal(c.w[0], 0x0000123400000003ULL);
	assert_int_equal(c.w[1], 1);
	smmu_cmd_cfgi_ste(&c, 0xffffffff, false);
	assert_int_equal(c.w[0], 0xffffffff00000003ULL);
	assert_int_equal(c.w[1], 0);

	smmu_cmd_cfgi_ste_range(&c, 0x40, 5); /* opcode 0x04, Range w1[4:0] */
	assert_int_equal(c.w[0], 0x0000004000000004ULL);
	assert_int_equal(c.w[1], 5);

	smmu_cmd_cfgi_all(&c); /* CFGI_STE_RANGE with Range = 31 */
	assert_int_equal(c.w[0], 0x04);
	assert_int_equal(c.w[1], 0x1f);

	smmu_cmd_tlbi_s12_vmall(&c, 0x2a); /* opcode 0x28, VMID [47:32] */
	assert_int_equal(c.w[0], 0x0000002a00000028ULL);
	assert_int_equal(c.w[1], 0);
	smmu_cmd_tlbi_s12_vmall(&c, 0xffff);
	assert_int_equal(bits(c.w[0], 47, 32), 0xffff);
	assert_int_equal(bits(c.w[0], 63, 48), 0);

	smmu_cmd_tlbi_nsnh_all(&c); /* opcode 0x30 */
	assert_int_equal(c.w[0], 0x30);
	assert_int_equal(c.w[1], 0);

	smmu_cmd_sync(&c); /* opcode 0x46, CS [13:12] = 0b00 SIG_NONE */
	assert_int_equal(c.w[0], 0x46);
	assert_int_equal(bits(c.w[0], 13, 12), 0);
	assert_int_equal(c.w[1], 0);
}

static void test_idr_parse(void **state)
{
	struct smmu_features f;
	/*
	 * QEMU 7.2's SMMUv3: IDR0 = S1P (bit 1) | TTF = 2 ([3:2]) | COHACC (4)
	 * | ASID16 (12) | TTENDIAN = 2 ([22:21]) | STALL_MODEL = 1 ([25:24])
	 * | TERM_MODEL (26) | ST_LEVEL = 1 ([28:27]) = 0x0d40101a;
	 * IDR1 = SIDSIZE 16 | EVENTQS 19 << 16 | CMDQS 19 << 21 = 0x02730010;
	 * IDR5 = OAS 4 (44 bits) | GRAN4K (4) | GRAN64K (6) = 0x54.
	 */
	smmu_parse_idr(0x0d40101a, 0x02730010, 0x54, &f);
	assert_true(f.s1p);
	assert_false(f.s2p);
	assert_true(f.ttf_aarch64);
	assert_false(f.ttf_aarch32);
	assert_true(f.cohacc);
	assert_true(f.two_level);
	assert_false(f.vmid16);
	assert_false(f.msi);
	assert_true(f.gran4k);
	assert_int_equal(f.sid_bits, 16);
	assert_int_equal(f.evtq_log2, 19);
	assert_int_equal(f.cmdq_log2, 19);
	assert_int_equal(f.oas, 4);
	assert_int_equal(f.oas_bits, 44);

	/* S2P (0), VMID16 (18), MSI (13), linear table; presets (IDR1 29/30), REL (28). */
	smmu_parse_idr(0x1 | 0x8 | 0x10 | (1u << 18) | (1u << 13), 0x70000008, 0x5, &f);
	assert_true(f.s2p);
	assert_false(f.s1p);
	assert_true(f.vmid16);
	assert_true(f.msi);
	assert_false(f.two_level);
	assert_true(f.rel && f.queues_preset && f.tables_preset);
	assert_int_equal(f.sid_bits, 8);
	assert_int_equal(f.oas_bits, 48);
	assert_int_equal(smmu_pa_bits(6), 52);
	assert_int_equal(smmu_pa_bits(7), 0);
}

static void test_queue_indexes(void **state)
{
	/* 4 entries: index [1:0], wrap bit 2. */
	assert_true(smmu_q_empty(0, 0, 2));
	assert_true(smmu_q_empty(5, 5, 2));
	assert_false(smmu_q_full(3, 0, 2));
	assert_true(smmu_q_full(4, 0, 2)); /* same index, wrap differs */
	assert_true(smmu_q_full(1, 5, 2));
	assert_true(smmu_q_empty(4 | 0x80000000u, 4, 2)); /* OVFLG is not part of the index */
	assert_int_equal(smmu_q_inc(3, 2), 4);
	assert_int_equal(smmu_q_inc(7, 2), 0);
	assert_int_equal(smmu_q_idx(6, 2), 2);
	assert_int_equal(smmu_q_used(1, 6, 2), 3);
	assert_int_equal(smmu_q_used(4, 0, 2), 4);
}

static void test_event_f_translation(void **state)
{
	/*
	 * F_TRANSLATION (0x10), stream 8, a write (RnW [35] = 0) at 0x80001234,
	 * stage 2 (S2 [39] = 1), Class IN ([41:40] = 0b10), IPA 0x80001000 in
	 * word 3 [51:12].
	 */
	const uint64_t rec[4] = {0x0000000800000010ULL, 0x0000028000000000ULL, 0x80001234ULL,
				 0x80001000ULL};
	struct smmu_event ev;
	char line[200];

	smmu_event_decode(rec, &ev);
	assert_int_equal(ev.type, SMMU_EVT_F_TRANSLATION);
	assert_string_equal(ev.name, "F_TRANSLATION");
	assert_int_equal(ev.sid, 8);
	assert_false(ev.ssv);
	assert_true(ev.has_addr);
	assert_int_equal(ev.addr, 0x80001234);
	assert_true(ev.has_access);
	assert_false(ev.read);
	assert_false(ev.priv);
	assert_false(ev.instr);
	assert_true(ev.s2);
	assert_true(ev.has_ipa);
	assert_int_equal(ev.ipa, 0x80001000);
	assert_int_equal(ev.fault_class, SMMU_CLASS_IN);
	assert_string_equal(ev.class_name, "IN");
	assert_false(ev.has_fetch);
	assert_memory_equal(ev.raw, rec, sizeof(rec));

	smmu_event_format(&ev, line, sizeof(line));
	assert_string_equal(line, "SMMU: F_TRANSLATION (0x10) stream 0x8 write at 0x80001234, "
				  "stage 2, IPA 0x80001000, class IN; aborted");
}

static void test_event_read_permission(void **state)
{
	/* F_PERMISSION, stream 0x123, SSV with substream 5, privileged read. */
	const uint64_t rec[4] = {0x0000012300005813ULL, (1ULL << 35) | (1ULL << 33) | (1ULL << 39),
				 0x40000000ULL, 0xfff0012345678fffULL};
	struct smmu_event ev;

	smmu_event_decode(rec, &ev);
	assert_string_equal(ev.name, "F_PERMISSION");
	assert_int_equal(ev.sid, 0x123);
	assert_true(ev.ssv);
	assert_int_equal(ev.ssid, 5);
	assert_true(ev.read);
	assert_true(ev.priv);
	assert_int_equal(ev.ipa, 0x12345678000ULL); /* [51:12] only */
	assert_int_equal(ev.fault_class, SMMU_CLASS_CD);
}

static void test_event_config_errors(void **state)
{
	const uint64_t bad_sid[4] = {0x0000abcd00000002ULL, 0, 0, 0};
	const uint64_t bad_ste[4] = {0x0000001000000004ULL, 0, 0, 0};
	const uint64_t fetch[4] = {0x0000000100000003ULL, 0, 0, 0x40201047ULL};
	const uint64_t other[4] = {0x000000010000007fULL, 0, 0, 0};
	struct smmu_event ev;
	char line[200];

	smmu_event_decode(bad_sid, &ev);
	assert_string_equal(ev.name, "C_BAD_STREAMID");
	assert_int_equal(ev.sid, 0xabcd);
	assert_false(ev.has_addr);
	assert_false(ev.has_access);
	assert_int_equal(ev.fault_class, SMMU_CLASS_NONE);
	smmu_event_format(&ev, line, sizeof(line));
	assert_non_null(strstr(line, "C_BAD_STREAMID (0x02) stream 0xabcd: no partition owns"));

	smmu_event_decode(bad_ste, &ev);
	assert_string_equal(ev.name, "C_BAD_STE");
	assert_int_equal(ev.sid, 0x10);

	smmu_event_decode(fetch, &ev);
	assert_string_equal(ev.name, "F_STE_FETCH");
	assert_true(ev.has_fetch);
	assert_int_equal(ev.fetch_addr, 0x40201040); /* [51:3] */

	smmu_event_decode(other, &ev);
	assert_string_equal(ev.name, "UNKNOWN");
	assert_int_equal(ev.type, 0x7f);
}

static void test_event_pseudo_format(void **state)
{
	struct smmu_event ev;
	char line[200], small[12];

	memset(&ev, 0, sizeof(ev));
	ev.type = SMMU_EVT_GERROR;
	ev.gerror = 0x105;
	smmu_event_format(&ev, line, sizeof(line));
	assert_string_equal(line, "SMMU: global error 0x105 CMDQ_ERR EVENTQ_ABT_ERR SFM_ERR");
	ev.type = SMMU_EVT_SUPPRESSED;
	ev.count = 7;
	smmu_event_format(&ev, line, sizeof(line));
	assert_string_equal(line, "SMMU: 7 more event(s) not reported");
	smmu_event_format(&ev, small, sizeof(small));
	assert_int_equal(strlen(small), sizeof(small) - 1); /* truncated, terminated */
	assert_string_equal(smmu_event_name(SMMU_EVT_OVERFLOW), "EVTQ_OVERFLOW");
}

static void test_ste_s1_words(void **state)
{
	struct smmu_ste s;

	memset(&s, 0xa5, sizeof(s));
	assert_int_equal(smmu_ste_s1(&s, 0x40212340, 0), 0);
	/*
	 * Word 0: V = 1, Config [3:1] = 0b101 (stage 1, stage 2 bypass) -> 0xb;
	 * S1Fmt [5:4] = 0 (linear); S1ContextPtr [51:6] = 0x40212340; S1CDMax
	 * [63:59] = 0: 0x40212340 | 0xb = 0x4021234b.
	 */
	assert_int_equal(s.w[0], 0x4021234bULL);
	assert_int_equal(bits(s.w[0], 0, 0), 1);		/* V           [0]       */
	assert_int_equal(bits(s.w[0], 3, 1), 5);		/* Config      [3:1]     */
	assert_int_equal(bits(s.w[0], 5, 4), 0);		/* S1Fmt       [5:4]     */
	assert_int_equal(bits(s.w[0], 51, 6) << 6, 0x40212340); /* S1ContextPtr [51:6] */
	assert_int_equal(bits(s.w[0], 63, 59), 0);		/* S1CDMax     [63:59]   */
	/*
	 * Word 1: S1DSS [1:0] = 0, S1CIR [3:2] = 1, S1COR [5:4] = 1 (WB-WA),
	 * S1CSH [7:6] = 3 (inner shareable), S1STALLD [27] = 0, EATS [29:28] = 0,
	 * STRW [31:30] = 0 (NS-EL1), SHCFG [45:44] = 1:
	 * 0x4 | 0x10 | 0xc0 | 0x100000000000 = 0x1000000000d4.
	 */
	assert_int_equal(s.w[1], 0x1000000000d4ULL);
	assert_int_equal(bits(s.w[1], 1, 0), 0);   /* S1DSS    [65:64]   */
	assert_int_equal(bits(s.w[1], 3, 2), 1);   /* S1CIR    [67:66]   */
	assert_int_equal(bits(s.w[1], 5, 4), 1);   /* S1COR    [69:68]   */
	assert_int_equal(bits(s.w[1], 7, 6), 3);   /* S1CSH    [71:70]   */
	assert_int_equal(bits(s.w[1], 27, 27), 0); /* S1STALLD [91]      */
	assert_int_equal(bits(s.w[1], 31, 30), 0); /* STRW     [95:94]   */
	assert_int_equal(bits(s.w[1], 45, 44), 1); /* SHCFG    [109:108] */
	for (int i = 2; i < 8; i++)
		assert_int_equal(s.w[i], 0); /* no stage 2, S2VMID 0 */
	assert_true(smmu_ste_translates(&s));
	assert_true(smmu_ste_is_s1(&s));
	assert_int_equal(smmu_ste_cd(&s), 0x40212340);

	/* On an SMMU with stage 2 the VMID still tags the stage-1 entries. */
	assert_int_equal(smmu_ste_s1(&s, 0x40212340, 0x2a), 0);
	assert_int_equal(s.w[2], 0x2a); /* S2VMID [143:128] */
	assert_int_equal(bits(s.w[2], 63, 16), 0);

	/* S1ContextPtr is 64-byte aligned and 52 bits wide. */
	assert_int_equal(smmu_ste_s1(&s, 0x40212320, 0), -EINVAL);
	assert_int_equal(s.w[0], 0); /* left invalid */
	assert_int_equal(smmu_ste_s1(&s, 1ULL << 52, 0), -EINVAL);
	/* A stage-2 STE is not a stage-1 one. */
	assert_int_equal(smmu_ste_s2(&s, 3, VTCR_48, 0x40002000), 0);
	assert_false(smmu_ste_is_s1(&s));
}

static void test_cd_s1_words(void **state)
{
	struct smmu_cd cd;

	memset(&cd, 0xa5, sizeof(cd));
	assert_int_equal(smmu_cd_s1(&cd, 3, 0x40345000, 40, 4), 0);
	/*
	 * Word 0: T0SZ = 24 (0x18), TG0 [7:6] = 0 (4 KiB), IR0 [9:8] = 1,
	 * OR0 [11:10] = 1, SH0 [13:12] = 3, EPD0 [14] = 0, ENDI [15] = 0,
	 * T1SZ [21:16] = 0, TG1 [23:22] = 2 (4 KiB), EPD1 [30] = 1, V [31] = 1,
	 * IPS [34:32] = 4 (44 bits), AFFD [35] = 0, WXN/UWXN [37:36] = 0,
	 * TBI [39:38] = 0, PAN [40] = 0, AA64 [41] = 1, HD/HA [43:42] = 0,
	 * S [44] = 0, R [45] = 1, A [46] = 1, ASET [47] = 1, ASID [63:48] = 3:
	 *   0x18 | 0x100 | 0x400 | 0x3000 | 0x800000 | 0x40000000 | 0x80000000
	 *   | 0x400000000 | 0x20000000000 | 0x200000000000 | 0x400000000000
	 *   | 0x800000000000 | 0x3000000000000 = 0x0003e204c0803518
	 */
	assert_int_equal(cd.w[0], 0x0003e204c0803518ULL);
	assert_int_equal(bits(cd.w[0], 5, 0), 24);  /* T0SZ */
	assert_int_equal(bits(cd.w[0], 7, 6), 0);   /* TG0: 4 KiB */
	assert_int_equal(bits(cd.w[0], 9, 8), 1);   /* IR0 */
	assert_int_equal(bits(cd.w[0], 11, 10), 1); /* OR0 */
	assert_int_equal(bits(cd.w[0], 13, 12), 3); /* SH0 */
	assert_int_equal(bits(cd.w[0], 14, 14), 0); /* EPD0: TTB0 walks on */
	assert_int_equal(bits(cd.w[0], 15, 15), 0); /* ENDI: little-endian */
	assert_int_equal(bits(cd.w[0], 23, 22), 2); /* TG1: 4 KiB */
	assert_int_equal(bits(cd.w[0], 30, 30), 1); /* EPD1: no TTB1 walks */
	assert_int_equal(bits(cd.w[0], 31, 31), 1); /* V */
	assert_int_equal(bits(cd.w[0], 34, 32), 4); /* IPS */
	assert_int_equal(bits(cd.w[0], 35, 35), 0); /* AFFD */
	assert_int_equal(bits(cd.w[0], 41, 41), 1); /* AA64 */
	assert_int_equal(bits(cd.w[0], 43, 42), 0); /* HD, HA */
	assert_int_equal(bits(cd.w[0], 44, 44), 0); /* S: never stall */
	assert_int_equal(bits(cd.w[0], 45, 45), 1); /* R: record faults */
	assert_int_equal(bits(cd.w[0], 46, 46), 1); /* A: abort faulting transactions */
	assert_int_equal(bits(cd.w[0], 47, 47), 1); /* ASET: not shared with the CPUs */
	assert_int_equal(bits(cd.w[0], 63, 48), 3); /* ASID */
	assert_int_equal(cd.w[1], 0x40345000);	    /* TTB0 [51:4], NSCFG0, HAD0 = 0 */
	assert_int_equal(cd.w[2], 0);		    /* TTB1 */
	assert_int_equal(cd.w[3], 0x04ffULL);	    /* MAIR: 0 Normal WB, 1 Device-nGnRE */
	for (int i = 4; i < 8; i++)
		assert_int_equal(cd.w[i], 0);
	assert_int_equal(smmu_cd_asid(&cd), 3);

	assert_int_equal(smmu_cd_s1(&cd, 0xffff, 0xfedcba98000ULL, 48, 5), 0);
	assert_int_equal(bits(cd.w[0], 5, 0), 16);
	assert_int_equal(bits(cd.w[0], 34, 32), 5);
	assert_int_equal(bits(cd.w[0], 63, 48), 0xffff);
	assert_int_equal(cd.w[1], 0xfedcba98000ULL);

	/* TTB0 must be a 4 KiB table within 52 bits; sizes 25..48 bits; IPS 0..6. */
	assert_int_equal(smmu_cd_s1(&cd, 1, 0x40345800, 40, 4), -EINVAL);
	assert_int_equal(cd.w[0], 0); /* left invalid (V = 0) */
	assert_int_equal(smmu_cd_s1(&cd, 1, 1ULL << 52, 40, 4), -EINVAL);
	assert_int_equal(smmu_cd_s1(&cd, 1, 0x40345000, 49, 4), -EINVAL);
	assert_int_equal(smmu_cd_s1(&cd, 1, 0x40345000, 24, 4), -EINVAL);
	assert_int_equal(smmu_cd_s1(&cd, 1, 0x40345000, 40, 7), -EINVAL);
}

static void test_s1_start_level(void **state)
{
	/* 4 KiB granule, 9 bits a level: 40..48 bits start at level 0, 31..39 at 1, 25..30 at 2. */
	assert_int_equal(smmu_s1_start_level(48), 0);
	assert_int_equal(smmu_s1_start_level(40), 0);
	assert_int_equal(smmu_s1_start_level(39), 1);
	assert_int_equal(smmu_s1_start_level(31), 1);
	assert_int_equal(smmu_s1_start_level(30), 2);
	assert_int_equal(smmu_s1_start_level(25), 2);
	assert_int_equal(smmu_s1_start_level(24), -1);
	assert_int_equal(smmu_s1_start_level(49), -1);
}

static void test_s1_leaf_attributes(void **state)
{
	/*
	 * Stage-1 leaf (Arm ARM D8.3.1): AttrIndx [4:2] = 0, NS [5] = 0,
	 * AP [7:6] = 0b01 (RW at EL1 and EL0), SH [9:8] = 0b11, AF [10] = 1,
	 * nG [11] = 1, PXN [53] = 1, UXN [54] = 1.
	 */
	assert_int_equal(SMMU_S1_RAM, 0x0060000000000f40ULL);
	assert_int_equal(bits(SMMU_S1_RAM, 4, 2), 0);
	assert_int_equal(bits(SMMU_S1_RAM, 7, 6), 1);
	assert_int_equal(bits(SMMU_S1_RAM, 9, 8), 3);
	assert_int_equal(bits(SMMU_S1_RAM, 11, 10), 3);
	assert_int_equal(bits(SMMU_S1_RAM, 54, 53), 3);
	assert_int_equal(SMMU_S1_RAM & ~PT_ATTR_MASK, 0); /* pt_map accepts it */
	assert_int_equal(SMMU_S1_MAIR & 0xff, 0xff);	  /* index 0: Normal WB RA WA */
}

static void test_s1_table_walk(void **state)
{
	/*
	 * The table a partition's CD points at: guest RAM 0x60000000 + 64 MiB
	 * at physical 0x50000000, root at level 0 for a 40-bit input. An IPA
	 * outside it has no mapping; 2 MiB blocks where both addresses allow.
	 */
	static uint64_t pages[8][PT_ENTRIES] __attribute__((aligned(4096)));
	struct pt_pool pool;
	uint64_t *root, pa = 0, attrs = 0;
	unsigned int level = 9;

	assert_int_equal(pt_pool_init(&pool, pages, 8), 0);
	root = pt_alloc(&pool);
	assert_non_null(root);
	assert_int_equal(pt_map(&pool, root, (unsigned int)smmu_s1_start_level(40), 0x60000000,
				0x50000000, 0x4000000, SMMU_S1_RAM),
			 0);
	assert_int_equal(pt_pool_avail(&pool), 8 - 3); /* root, a level-1 and a level-2 table */
	assert_int_equal(pt_walk(root, 0, 0x60123458, &pa, &attrs, &level), 0);
	assert_int_equal(pa, 0x50123458);
	assert_int_equal(attrs, SMMU_S1_RAM);
	assert_int_equal(level, 2);
	assert_int_equal(pt_walk(root, 0, 0x54100000, &pa, NULL, NULL), -ENOENT);
	assert_int_equal(pt_walk(root, 0, 0x40200000, &pa, NULL, NULL), -ENOENT);
	assert_int_equal(pt_walk(root, 0, 0x64000000, &pa, NULL, NULL), -ENOENT);
}

static void test_tlbi_nh_asid(void **state)
{
	struct smmu_cmd c;

	/* 4.4.2 CMD_TLBI_NH_ASID: opcode 0x11, VMID [47:32], ASID [63:48]. */
	smmu_cmd_tlbi_nh_asid(&c, 3, 0);
	assert_int_equal(c.w[0], 0x0003000000000011ULL);
	assert_int_equal(c.w[1], 0);
	smmu_cmd_tlbi_nh_asid(&c, 0xbeef, 0x2a);
	assert_int_equal(bits(c.w[0], 7, 0), 0x11);
	assert_int_equal(bits(c.w[0], 47, 32), 0x2a);
	assert_int_equal(bits(c.w[0], 63, 48), 0xbeef);
}

static void test_event_similar_and_repeated(void **state)
{
	/* Stage-1 F_TRANSLATION, stream 8, write at 0x54100000 (S2 = 0, class IN). */
	uint64_t rec[4] = {0x0000000800000010ULL, 0x0000020000000000ULL, 0x54100000, 0};
	struct smmu_event a, b;
	char line[200];

	smmu_event_decode(rec, &a);
	assert_false(a.s2);
	assert_false(a.has_ipa);
	assert_int_equal(a.addr, 0x54100000);
	assert_false(a.read);
	rec[2] = 0x54100ffc; /* same page */
	smmu_event_decode(rec, &b);
	assert_true(smmu_event_similar(&a, &b));
	rec[2] = 0x54101000; /* next page */
	smmu_event_decode(rec, &b);
	assert_false(smmu_event_similar(&a, &b));
	rec[2] = 0x54100004;
	rec[1] |= 1ULL << 35; /* a read */
	smmu_event_decode(rec, &b);
	assert_false(smmu_event_similar(&a, &b));
	rec[1] &= ~(1ULL << 35);
	rec[0] = 0x0000001000000010ULL; /* another stream */
	smmu_event_decode(rec, &b);
	assert_false(smmu_event_similar(&a, &b));

	memset(&b, 0, sizeof(b));
	b.type = SMMU_EVT_REPEATED;
	b.count = 511;
	assert_false(smmu_event_similar(&b, &b)); /* driver reports are never merged */
	smmu_event_format(&b, line, sizeof(line));
	assert_string_equal(
		line, "SMMU: 511 more event(s) like the last one (same stream, access and page)");
	assert_string_equal(smmu_event_name(SMMU_EVT_REPEATED), "REPEATED");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vtcr_from_stage2),
		cmocka_unit_test(test_ste_abort),
		cmocka_unit_test(test_ste_invalid),
		cmocka_unit_test(test_ste_s2_words),
		cmocka_unit_test(test_ste_s2_fields),
		cmocka_unit_test(test_vtcr_fields_follow),
		cmocka_unit_test(test_vtcr_res1_and_high_bits_dropped),
		cmocka_unit_test(test_vtcr_cap_ps),
		cmocka_unit_test(test_root_size_and_alignment),
		cmocka_unit_test(test_l1_descriptor),
		cmocka_unit_test(test_table_and_queue_bases),
		cmocka_unit_test(test_commands),
		cmocka_unit_test(test_idr_parse),
		cmocka_unit_test(test_queue_indexes),
		cmocka_unit_test(test_event_f_translation),
		cmocka_unit_test(test_event_read_permission),
		cmocka_unit_test(test_event_config_errors),
		cmocka_unit_test(test_event_pseudo_format),
		cmocka_unit_test(test_ste_s1_words),
		cmocka_unit_test(test_cd_s1_words),
		cmocka_unit_test(test_s1_start_level),
		cmocka_unit_test(test_s1_leaf_attributes),
		cmocka_unit_test(test_s1_table_walk),
		cmocka_unit_test(test_tlbi_nh_asid),
		cmocka_unit_test(test_event_similar_and_repeated),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
