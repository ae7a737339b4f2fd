/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Arm SMMUv3: register offsets and the bit fields of the in-memory structures
 * Bulkhead builds (stream table, commands) and reads (event records).
 *
 * Reference: Arm System Memory Management Unit Architecture Specification,
 * SMMU architecture version 3 (Arm IHI 0070). Sections are cited by chapter
 * and by register or structure name, which stay the same across the issues
 * of the document:
 *   ch. 3  Operation (3.3 stream table and lookup, 3.5 queues, 3.21 structure
 *          update rules)
 *   ch. 4  Commands (4.1 command format, 4.3 configuration invalidation,
 *          4.4 TLB invalidation, 4.7 CMD_SYNC)
 *   ch. 5  Data structure formats (5.1 Level 1 Stream Table Descriptor,
 *          5.2 Stream Table Entry)
 *   ch. 6  Memory map and registers (6.2 register pages, 6.3 register formats)
 *   ch. 7  Faults, errors and the Event queue (7.3 event records,
 *          7.2/7.4 GERROR)
 *
 * Field macros follow lib/bits.h: a field [h:l] of a 32-bit register or of one
 * 64-bit word ("dword") of a structure. Structures are little-endian arrays of
 * 64-bit words; bit n of the structure is bit (n % 64) of word n / 64.
 */
#ifndef SMMU_SMMUV3_REGS_H
#define SMMU_SMMUV3_REGS_H

#include <lib/bits.h>

/* ------------------------------------------------------------------ registers
 * 6.2: the register file is two 64 KiB pages. Page 0 holds everything except
 * the Event and PRI queue producer/consumer indexes, which are in page 1
 * (offset 0x10000); an implementation is not required to alias them in page 0.
 */
#define SMMU_REG_SPAN 0x20000ULL /* both pages */

#define SMMU_IDR0	     0x0000
#define SMMU_IDR1	     0x0004
#define SMMU_IDR5	     0x0014
#define SMMU_AIDR	     0x001c
#define SMMU_CR0	     0x0020
#define SMMU_CR0ACK	     0x0024
#define SMMU_CR1	     0x0028
#define SMMU_CR2	     0x002c
#define SMMU_GBPA	     0x0044
#define SMMU_IRQ_CTRL	     0x0050
#define SMMU_IRQ_CTRLACK     0x0054
#define SMMU_GERROR	     0x0060
#define SMMU_GERRORN	     0x0064
#define SMMU_GERROR_IRQ_CFG0 0x0068 /* 64-bit: MSI address, 0 = no MSI */
#define SMMU_STRTAB_BASE     0x0080 /* 64-bit */
#define SMMU_STRTAB_BASE_CFG 0x0088
#define SMMU_CMDQ_BASE	     0x0090 /* 64-bit */
#define SMMU_CMDQ_PROD	     0x0098
#define SMMU_CMDQ_CONS	     0x009c
#define SMMU_EVENTQ_BASE     0x00a0  /* 64-bit */
#define SMMU_EVENTQ_IRQ_CFG0 0x00b0  /* 64-bit: MSI address, 0 = no MSI */
#define SMMU_PRIQ_IRQ_CFG0   0x00d0  /* 64-bit: MSI address, 0 = no MSI */
#define SMMU_EVENTQ_PROD     0x100a8 /* page 1 */
#define SMMU_EVENTQ_CONS     0x100ac /* page 1 */

/* 6.3 SMMU_IDR0: features. */
#define IDR0_S2P	   BIT(0)		/* stage-2 translation implemented */
#define IDR0_S1P	   BIT(1)		/* stage-1 translation implemented */
#define IDR0_TTF(v)	   FIELD_GET64(3, 2, v) /* table formats: bit 1 = AArch64 */
#define IDR0_TTF_AARCH64   0x2
#define IDR0_TTF_AARCH32   0x1
#define IDR0_COHACC	   BIT(4)		  /* coherent access to tables and queues */
#define IDR0_BTM	   BIT(5)		  /* broadcast TLB maintenance */
#define IDR0_HYP	   BIT(9)		  /* EL2 stream world */
#define IDR0_MSI	   BIT(13)		  /* MSIs supported */
#define IDR0_VMID16	   BIT(18)		  /* 16-bit VMIDs (else 8-bit) */
#define IDR0_ST_LEVEL(v)   FIELD_GET64(28, 27, v) /* 0 linear, 1 two-level */
#define IDR0_ST_LEVEL_2LVL 1

/* 6.3 SMMU_IDR1: sizes and fixed-base options. */
#define IDR1_SIDSIZE(v)	   FIELD_GET64(5, 0, v)	  /* stream ID bits */
#define IDR1_EVENTQS(v)	   FIELD_GET64(20, 16, v) /* log2 of max Event queue entries */
#define IDR1_CMDQS(v)	   FIELD_GET64(25, 21, v) /* log2 of max Command queue entries */
#define IDR1_REL	   BIT(28)		  /* base addresses are offsets (presets only) */
#define IDR1_QUEUES_PRESET BIT(29)		  /* queue bases fixed by the implementation */
#define IDR1_TABLES_PRESET BIT(30)		  /* stream table base fixed */

/* 6.3 SMMU_IDR5: output address size and granules. */
#define IDR5_OAS(v)  FIELD_GET64(2, 0, v) /* same encoding as VTCR_EL2.PS */
#define IDR5_GRAN4K  BIT(4)
#define IDR5_GRAN16K BIT(5)
#define IDR5_GRAN64K BIT(6)

/* 6.3 SMMU_CR0 / SMMU_CR0ACK: every update is acknowledged in CR0ACK. */
#define CR0_SMMUEN   BIT(0)
#define CR0_PRIQEN   BIT(1)
#define CR0_EVENTQEN BIT(2)
#define CR0_CMDQEN   BIT(3)

/* 6.3 SMMU_CR1: attributes of table walks (STEs, L1STDs) and queue accesses. */
#define CR1_QUEUE_IC(v) FIELD_PREP64(1, 0, v)
#define CR1_QUEUE_OC(v) FIELD_PREP64(3, 2, v)
#define CR1_QUEUE_SH(v) FIELD_PREP64(5, 4, v)
#define CR1_TABLE_IC(v) FIELD_PREP64(7, 6, v)
#define CR1_TABLE_OC(v) FIELD_PREP64(9, 8, v)
#define CR1_TABLE_SH(v) FIELD_PREP64(11, 10, v)
#define CR1_CACHE_NC	0
#define CR1_CACHE_WB	1 /* Write-Back cacheable */
#define CR1_SH_ISH	3 /* Inner Shareable */

/* 6.3 SMMU_CR2. */
#define CR2_E2H	      BIT(0)
#define CR2_RECINVSID BIT(1) /* record C_BAD_STREAMID for out-of-range stream IDs */
#define CR2_PTM	      BIT(2) /* private TLB maintenance: ignore broadcast TLBI */

/*
 * 6.3 SMMU_GBPA: what happens to every transaction while SMMUEN = 0. Written
 * with UPDATE = 1; the SMMU clears UPDATE when the new value took effect.
 */
#define GBPA_UPDATE BIT(31)
#define GBPA_ABORT  BIT(20)

/* 6.3 SMMU_IRQ_CTRL / IRQ_CTRLACK: wired or MSI interrupt enables. */
#define IRQ_CTRL_GERROR_IRQEN BIT(0)
#define IRQ_CTRL_PRIQ_IRQEN   BIT(1)
#define IRQ_CTRL_EVENTQ_IRQEN BIT(2)

/*
 * 6.3 SMMU_GERROR / GERRORN (7.4 Global errors): an error is active while its
 * GERROR bit differs from its GERRORN bit; software acknowledges by toggling
 * GERRORN to match.
 */
#define GERROR_CMDQ_ERR		  BIT(0)
#define GERROR_EVENTQ_ABT_ERR	  BIT(2)
#define GERROR_PRIQ_ABT_ERR	  BIT(3)
#define GERROR_MSI_CMDQ_ABT_ERR	  BIT(4)
#define GERROR_MSI_EVENTQ_ABT_ERR BIT(5)
#define GERROR_MSI_PRIQ_ABT_ERR	  BIT(6)
#define GERROR_MSI_GERROR_ABT_ERR BIT(7)
#define GERROR_SFM_ERR		  BIT(8) /* service failure mode */
#define GERROR_KNOWN		  0x1fdU

/* 6.3 SMMU_STRTAB_BASE: RA = read-allocate hint; ADDR[51:6]. */
#define STRTAB_BASE_RA	      BIT(62)
#define STRTAB_BASE_ADDR_MASK GENMASK(51, 6)

/* 6.3 SMMU_STRTAB_BASE_CFG. */
#define STRTAB_BASE_CFG_LOG2SIZE(v) FIELD_PREP64(5, 0, v)  /* stream ID bits covered */
#define STRTAB_BASE_CFG_SPLIT(v)    FIELD_PREP64(10, 6, v) /* L2 index bits: 6, 8 or 10 */
#define STRTAB_BASE_CFG_FMT(v)	    FIELD_PREP64(17, 16, v)
#define STRTAB_FMT_LINEAR	    0
#define STRTAB_FMT_2LVL		    1

/*
 * 6.3 SMMU_CMDQ_BASE / SMMU_EVENTQ_BASE: ADDR[51:5] (aligned to the queue's
 * size, at least 32 bytes), LOG2SIZE[4:0] (entries), bit 62 = RA (command
 * queue, read-allocate) or WA (event queue, write-allocate).
 */
#define Q_BASE_HINT	   BIT(62)
#define Q_BASE_ADDR_MASK   GENMASK(51, 5)
#define Q_BASE_LOG2SIZE(v) FIELD_PREP64(4, 0, v)

/*
 * 3.5 queue indexes: PROD/CONS hold the index in [LOG2SIZE-1:0] and a wrap
 * bit at [LOG2SIZE]. Empty: equal. Full: same index, different wrap.
 * 6.3 SMMU_CMDQ_CONS.ERR[30:24] is the command error code (CERROR_*);
 * SMMU_EVENTQ_PROD.OVFLG / EVENTQ_CONS.OVACKFLG flag an Event queue overflow.
 */
#define CMDQ_CONS_ERR(v)     FIELD_GET64(30, 24, v)
#define CERROR_NONE	     0
#define CERROR_ILL	     1 /* illegal command */
#define CERROR_ABT	     2 /* abort on command fetch */
#define CERROR_ATC_INV_SYNC  3
#define EVENTQ_PROD_OVFLG    BIT(31)
#define EVENTQ_CONS_OVACKFLG BIT(31)

/* ------------------------------------------------------------------ structures */

/*
 * 5.1 Level 1 Stream Table Descriptor (8 bytes):
 *   [4:0]  Span: 0 = invalid (L2Ptr unused; every stream ID it would cover
 *          raises C_BAD_STREAMID and is aborted), n = 1..SPLIT+1: the level-2
 *          table holds 2^(n-1) STEs;
 *   [51:6] L2Ptr: the level-2 table, aligned to its size.
 */
#define L1STD_SPAN(v)	 FIELD_PREP64(4, 0, v)
#define L1STD_L2PTR_MASK GENMASK(51, 6)

/*
 * 5.2 Stream Table Entry (64 bytes, words 0..7). Only the fields Bulkhead
 * sets; everything else is 0.
 * Word 0:
 *   [0]     V: 0 = invalid STE (transactions abort, C_BAD_STE recorded)
 *   [3:1]   Config: 0b000 abort (no event), 0b100 bypass (never used),
 *           0b101 stage 1 only, 0b110 stage 2 only, 0b111 nested
 * Word 1:
 *   [29:28] EATS = 0: ATS disabled
 *   [31:30] STRW = 0: NS-EL1 stream world (stage 2 uses STE.S2VMID)
 *   [45:44] SHCFG: 0b01 = use the incoming shareability (stage 1 bypassed)
 * Word 2 (stage 2; bits [50:32] have the layout of VTCR_EL2[18:0]):
 *   [15:0]  S2VMID
 *   [37:32] S2T0SZ   [39:38] S2SL0   [41:40] S2IR0   [43:42] S2OR0
 *   [45:44] S2SH0    [47:46] S2TG    [50:48] S2PS
 *   [51]    S2AA64: 1 = VMSAv8-64 tables
 *   [52]    S2ENDI: 0 = little-endian walks
 *   [53]    S2AFFD: 0 = an access-flag-clear descriptor faults (F_ACCESS)
 *   [54]    S2PTW: protected table walk (stage-1 walks to stage-2 Device
 *           memory fault; no effect while stage 1 is bypassed)
 *   [57]    S2S: 0 = terminate a faulting transaction (no stall)
 *   [58]    S2R: 1 = record stage-2 faults in the Event queue
 * Word 3:
 *   [51:4]  S2TTB: stage-2 root (the whole concatenated level-1 root,
 *           aligned to its size)
 */
#define STE0_V		   BIT(0)
#define STE0_CONFIG(v)	   FIELD_PREP64(3, 1, v)
#define STE0_CONFIG_GET(v) FIELD_GET64(3, 1, v)
#define STE_CFG_ABORT	   0x0
#define STE_CFG_BYPASS	   0x4
#define STE_CFG_S1	   0x5
#define STE_CFG_S2	   0x6
#define STE_CFG_NESTED	   0x7

#define STE1_EATS(v)	    FIELD_PREP64(29, 28, v)
#define STE1_STRW(v)	    FIELD_PREP64(31, 30, v)
#define STE1_SHCFG(v)	    FIELD_PREP64(45, 44, v)
#define STE1_SHCFG_INCOMING 1

#define STE2_S2VMID(v)	   FIELD_PREP64(15, 0, v)
#define STE2_S2VMID_GET(v) FIELD_GET64(15, 0, v)
#define STE2_VTCR_SHIFT	   32 /* VTCR_EL2[18:0] -> word 2 [50:32] */
#define STE2_S2T0SZ(v)	   FIELD_PREP64(37, 32, v)
#define STE2_S2SL0(v)	   FIELD_PREP64(39, 38, v)
#define STE2_S2IR0(v)	   FIELD_PREP64(41, 40, v)
#define STE2_S2OR0(v)	   FIELD_PREP64(43, 42, v)
#define STE2_S2SH0(v)	   FIELD_PREP64(45, 44, v)
#define STE2_S2TG(v)	   FIELD_PREP64(47, 46, v)
#define STE2_S2PS(v)	   FIELD_PREP64(50, 48, v)
#define STE2_S2AA64	   BIT(51)
#define STE2_S2ENDI	   BIT(52)
#define STE2_S2AFFD	   BIT(53)
#define STE2_S2PTW	   BIT(54)
#define STE2_S2S	   BIT(57)
#define STE2_S2R	   BIT(58)
#define STE3_S2TTB_MASK	   GENMASK(51, 4)

/*
 * VTCR_EL2 fields (Arm ARM DDI 0487, VTCR_EL2) copied into the STE: T0SZ[5:0],
 * SL0[7:6], IRGN0[9:8], ORGN0[11:10], SH0[13:12], TG0[15:14], PS[18:16].
 */
#define VTCR_T0SZ(v)  FIELD_GET64(5, 0, v)
#define VTCR_SL0(v)   FIELD_GET64(7, 6, v)
#define VTCR_IRGN0(v) FIELD_GET64(9, 8, v)
#define VTCR_ORGN0(v) FIELD_GET64(11, 10, v)
#define VTCR_SH0(v)   FIELD_GET64(13, 12, v)
#define VTCR_TG0(v)   FIELD_GET64(15, 14, v)
#define VTCR_PS(v)    FIELD_GET64(18, 16, v)
#define VTCR_PS_MASK  GENMASK(18, 16)
#define VTCR_TG0_4K   0

/*
 * 4.1 commands (16 bytes, two words). Word 0 [7:0] is the opcode.
 *   CMD_CFGI_STE (4.3.1)       w0 [63:32] StreamID; w1 [0] Leaf (1: only the
 *                              STE; 0: also the L1STD that locates it)
 *   CMD_CFGI_STE_RANGE (4.3.2) w0 [63:32] StreamID; w1 [4:0] Range: the
 *                              2^(Range+1) stream IDs aligned around it, STEs
 *                              and L1STDs. CMD_CFGI_ALL is this command with
 *                              Range = 31.
 *   CMD_TLBI_S12_VMALL (4.4)   w0 [47:32] VMID: all stage-1 and stage-2
 *                              entries of that VMID (needs stage 2)
 *   CMD_TLBI_NH_ASID (4.4)     w0 [63:48] ASID, [47:32] VMID: the stage-1
 *                              entries of that ASID (non-global ones)
 *   CMD_TLBI_NSNH_ALL (4.4)    all Non-secure, non-EL2 entries, every VMID
 *   CMD_SYNC (4.7)             w0 [13:12] CS: 0b00 SIG_NONE (completion is
 *                              seen as CMDQ_CONS moving past it), 0b01
 *                              SIG_IRQ (MSI), 0b10 SIG_SEV; [23:22] MSH,
 *                              [27:24] MSIAttr, [63:32] MSIData;
 *                              w1 [51:2] MSIAddress (unused with SIG_NONE)
 */
#define CMD0_OPCODE(v)	   FIELD_PREP64(7, 0, v)
#define CMD0_OPCODE_GET(v) FIELD_GET64(7, 0, v)
#define CMD0_SID(v)	   FIELD_PREP64(63, 32, v)
#define CMD0_VMID(v)	   FIELD_PREP64(47, 32, v)
#define CMD0_ASID(v)	   FIELD_PREP64(63, 48, v)
#define CMD0_SYNC_CS(v)	   FIELD_PREP64(13, 12, v)
#define CMD1_LEAF	   BIT(0)
#define CMD1_RANGE(v)	   FIELD_PREP64(4, 0, v)

#define CMD_CFGI_STE	   0x03
#define CMD_CFGI_STE_RANGE 0x04
#define CMD_CFGI_ALL	   CMD_CFGI_STE_RANGE
#define CMD_CFGI_ALL_RANGE 31
#define CMD_TLBI_NH_ASID   0x11 /* w0 [63:48] ASID, [47:32] VMID (4.4.2) */
#define CMD_TLBI_S12_VMALL 0x28
#define CMD_TLBI_NSNH_ALL  0x30
#define CMD_SYNC	   0x46
#define CMD_SYNC_CS_NONE   0
#define CMD_SYNC_CS_IRQ	   1
#define CMD_SYNC_CS_SEV	   2

/*
 * 7.3 event records (32 bytes, four words).
 * Word 0: [7:0] event type, [11] SSV, [31:12] SubstreamID, [63:32] StreamID.
 * Word 1 (translation faults F_TRANSLATION, F_ADDR_SIZE, F_ACCESS,
 *         F_PERMISSION, F_WALK_EABT, and F_TRANSL_FORBIDDEN / F_UUT for the
 *         access bits): [15:0] STAG, [31] Stall, [33] PnU (1 = privileged),
 *         [34] InD (1 = instruction), [35] RnW (1 = read, 0 = write),
 *         [38] NSIPA, [39] S2 (1 = the fault is at stage 2),
 *         [41:40] Class (0b00 CD fetch, 0b01 translation-table walk,
 *         0b10 input address).
 * Word 2: InputAddr[63:0] (the transaction's address: here the IPA, since
 *         stage 1 is bypassed).
 * Word 3: IPA[51:12] for a stage-2 fault (S2 = 1); FetchAddr[51:3] for
 *         F_STE_FETCH, F_CD_FETCH, F_WALK_EABT with Class = TT.
 */
#define EVT0_TYPE(v)	FIELD_GET64(7, 0, v)
#define EVT0_SSV	BIT(11)
#define EVT0_SSID(v)	FIELD_GET64(31, 12, v)
#define EVT0_SID(v)	FIELD_GET64(63, 32, v)
#define EVT1_STALL	BIT(31)
#define EVT1_PNU	BIT(33)
#define EVT1_IND	BIT(34)
#define EVT1_RNW	BIT(35)
#define EVT1_S2		BIT(39)
#define EVT1_CLASS(v)	FIELD_GET64(41, 40, v)
#define EVT3_IPA_MASK	GENMASK(51, 12)
#define EVT3_FETCH_MASK GENMASK(51, 3)

/*
 * 5.2 STE fields for stage-1 translation (Config = 0b101: stage 1, stage 2
 * bypassed). Word 0:
 *   [5:4]   S1Fmt = 0b00: S1ContextPtr points at one CD (linear, S1CDMax = 0)
 *   [51:6]  S1ContextPtr: the CD, 64-byte aligned
 *   [63:59] S1CDMax = 0: one CD, no substreams (a transaction with a
 *           SubstreamID is terminated, C_BAD_SUBSTREAMID)
 * Word 1:
 *   [1:0]   S1DSS = 0b00 (terminate; ignored while S1CDMax = 0)
 *   [3:2]   S1CIR, [5:4] S1COR: CD fetch cacheability (0b01 WB-WA)
 *   [7:6]   S1CSH: CD fetch shareability (0b11 Inner Shareable)
 *   [27]    S1STALLD = 0 (the CD's S bit decides; Bulkhead never stalls)
 *   [31:30] STRW = 0b00: NS-EL1 (ASID from the CD; VMID from S2VMID when the
 *           SMMU has stage 2)
 * Word 2 [15:0] S2VMID: with stage 1 only it still tags TLB entries on an SMMU
 * that implements stage 2 (IDR0.S2P = 1); RES0 otherwise.
 */
#define STE0_S1FMT(v)	   FIELD_PREP64(5, 4, v)
#define STE0_S1CTXPTR_MASK GENMASK(51, 6)
#define STE0_S1CDMAX(v)	   FIELD_PREP64(63, 59, v)
#define STE1_S1DSS(v)	   FIELD_PREP64(1, 0, v)
#define STE1_S1CIR(v)	   FIELD_PREP64(3, 2, v)
#define STE1_S1COR(v)	   FIELD_PREP64(5, 4, v)
#define STE1_S1CSH(v)	   FIELD_PREP64(7, 6, v)
#define STE1_S1STALLD	   BIT(27)
#define STE_CACHE_WBWA	   1 /* IR/OR encodings: Write-Back, Write-Allocate */
#define STE_SH_ISH	   3

/*
 * 5.4 Context Descriptor (64 bytes, words 0..7). Word 0:
 *   [5:0]   T0SZ     [7:6] TG0 (0b00 4 KiB)   [9:8] IR0   [11:10] OR0
 *   [13:12] SH0      [14] EPD0                [15] ENDI (0: little-endian)
 *   [21:16] T1SZ     [23:22] TG1 (0b10 4 KiB) [25:24] IR1 [27:26] OR1
 *   [29:28] SH1      [30] EPD1 (1: no TTB1 walks: upper addresses fault)
 *   [31]    V
 *   [34:32] IPS: output size (VTCR/TCR PS encoding)
 *   [35] AFFD  [36] WXN  [37] UWXN  [39:38] TBI  [40] PAN
 *   [41]    AA64: 1 = VMSAv8-64 tables
 *   [42] HD  [43] HA: 0 (no hardware dirty/access flag updates)
 *   [44]    S: 0 = terminate, never stall
 *   [45]    R: 1 = record faults in the Event queue
 *   [46]    A: 1 = a faulting transaction is aborted (terminated with abort)
 *   [47]    ASET: 1 = the ASID is not shared with the CPUs (no broadcast TLBI)
 *   [63:48] ASID
 * Word 1: [51:4] TTB0 (and [0] NSCFG0, [1] HAD0 = 0). Word 2: TTB1 (0).
 * Word 3: MAIR (the value MAIR_EL1 would hold). Words 4..7: 0.
 */
#define SMMU_CD_WORDS	8
#define SMMU_CD_BYTES	64
#define CD0_T0SZ(v)	FIELD_PREP64(5, 0, v)
#define CD0_TG0(v)	FIELD_PREP64(7, 6, v)
#define CD0_IR0(v)	FIELD_PREP64(9, 8, v)
#define CD0_OR0(v)	FIELD_PREP64(11, 10, v)
#define CD0_SH0(v)	FIELD_PREP64(13, 12, v)
#define CD0_EPD0	BIT(14)
#define CD0_ENDI	BIT(15)
#define CD0_T1SZ(v)	FIELD_PREP64(21, 16, v)
#define CD0_TG1(v)	FIELD_PREP64(23, 22, v)
#define CD0_EPD1	BIT(30)
#define CD0_V		BIT(31)
#define CD0_IPS(v)	FIELD_PREP64(34, 32, v)
#define CD0_AFFD	BIT(35)
#define CD0_AA64	BIT(41)
#define CD0_HD		BIT(42)
#define CD0_HA		BIT(43)
#define CD0_S		BIT(44)
#define CD0_R		BIT(45)
#define CD0_A		BIT(46)
#define CD0_ASET	BIT(47)
#define CD0_ASID(v)	FIELD_PREP64(63, 48, v)
#define CD0_ASID_GET(v) FIELD_GET64(63, 48, v)
#define CD1_TTB0_MASK	GENMASK(51, 4)
#define CD_TG0_4K	0
#define CD_TG1_4K	2

/*
 * Stage-1 leaf descriptors of the tables a CD points at (VMSAv8-64, EL1&0
 * regime; Arm ARM D8.3.1 lower/upper attributes, D8.4 access permissions):
 *   [4:2]  AttrIndx = 0: MAIR byte 0, Normal Write-Back (SMMU_S1_MAIR)
 *   [7:6]  AP = 0b01: read/write at EL1 and EL0 (devices issue unprivileged
 *          transactions by default)
 *   [9:8]  SH = 0b11 Inner Shareable
 *   [10]   AF = 1: no access-flag faults
 *   [11]   nG = 1: TLB entries are tagged with the partition's ASID. Global
 *          entries would match any ASID, and on an SMMU without stage 2
 *          nothing else (no VMID) keeps partitions' entries apart.
 *   [53]   PXN, [54] UXN: no instruction fetch
 */
#define SMMU_S1_ATTRIDX(n)     FIELD_PREP64(4, 2, n)
#define SMMU_S1_AP_RW_ANY      FIELD_PREP64(7, 6, 1)
#define SMMU_S1_SH_INNER       FIELD_PREP64(9, 8, 3)
#define SMMU_S1_AF	       BIT(10)
#define SMMU_S1_NG	       BIT(11)
#define SMMU_S1_PXN	       BIT(53)
#define SMMU_S1_UXN	       BIT(54)
#define SMMU_S1_MAIR_NORMAL_WB 0xffULL /* Normal, inner/outer WB non-transient RA WA */
#define SMMU_S1_MAIR_DEVICE    0x04ULL /* Device-nGnRE (index 1, unused) */
#define SMMU_S1_MAIR	       (SMMU_S1_MAIR_NORMAL_WB | (SMMU_S1_MAIR_DEVICE << 8))
#define SMMU_S1_RAM                                                                                \
	(SMMU_S1_ATTRIDX(0) | SMMU_S1_AP_RW_ANY | SMMU_S1_SH_INNER | SMMU_S1_AF | SMMU_S1_NG |     \
	 SMMU_S1_PXN | SMMU_S1_UXN)

#define SMMU_STE_WORDS 8
#define SMMU_STE_BYTES 64
#define SMMU_CMD_WORDS 2
#define SMMU_CMD_BYTES 16
#define SMMU_EVT_WORDS 4
#define SMMU_EVT_BYTES 32

#endif /* SMMU_SMMUV3_REGS_H */
