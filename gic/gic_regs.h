/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * GICv3 register offsets and fields (Arm IHI 0069, chapter 12), shared by the
 * physical driver and the emulated registers the guests see.
 */
#ifndef GIC_GIC_REGS_H
#define GIC_GIC_REGS_H

/* Distributor (12.9). */
#define GICD_CTLR	0x0000
#define GICD_TYPER	0x0004
#define GICD_IIDR	0x0008
#define GICD_TYPER2	0x000c
#define GICD_STATUSR	0x0010
#define GICD_SETSPI_NSR 0x0040
#define GICD_CLRSPI_NSR 0x0048
#define GICD_SETSPI_SR	0x0050
#define GICD_CLRSPI_SR	0x0058
#define GICD_IGROUPR	0x0080
#define GICD_ISENABLER	0x0100
#define GICD_ICENABLER	0x0180
#define GICD_ISPENDR	0x0200
#define GICD_ICPENDR	0x0280
#define GICD_ISACTIVER	0x0300
#define GICD_ICACTIVER	0x0380
#define GICD_IPRIORITYR 0x0400
#define GICD_ITARGETSR	0x0800
#define GICD_ICFGR	0x0c00
#define GICD_IGRPMODR	0x0d00
#define GICD_NSACR	0x0e00
#define GICD_SGIR	0x0f00
#define GICD_CPENDSGIR	0x0f10
#define GICD_SPENDSGIR	0x0f20
#define GICD_IROUTER	0x6000
#define GICD_PIDR2	0xffe8

/* GICD_CTLR with a single security state (DS == 1). */
#define GICD_CTLR_ENABLE_G0 (1U << 0)
#define GICD_CTLR_ENABLE_G1 (1U << 1)
#define GICD_CTLR_ARE	    (1U << 4)
#define GICD_CTLR_DS	    (1U << 6)
#define GICD_CTLR_RWP	    (1U << 31)

#define GICD_IROUTER_IRM (1ULL << 31)

/* Redistributor: RD_base frame (12.11) then SGI_base frame at +64 KiB. */
#define GICR_FRAME_SIZE 0x10000
#define GICR_STRIDE	0x20000
#define GICR_CTLR	0x0000
#define GICR_IIDR	0x0004
#define GICR_TYPER	0x0008
#define GICR_STATUSR	0x0010
#define GICR_WAKER	0x0014
#define GICR_PIDR2	0xffe8
#define GICR_SGI_BASE	0x10000
#define GICR_IGROUPR0	(GICR_SGI_BASE + 0x0080)
#define GICR_ISENABLER0 (GICR_SGI_BASE + 0x0100)
#define GICR_ICENABLER0 (GICR_SGI_BASE + 0x0180)
#define GICR_ISPENDR0	(GICR_SGI_BASE + 0x0200)
#define GICR_ICPENDR0	(GICR_SGI_BASE + 0x0280)
#define GICR_ISACTIVER0 (GICR_SGI_BASE + 0x0300)
#define GICR_ICACTIVER0 (GICR_SGI_BASE + 0x0380)
#define GICR_IPRIORITYR (GICR_SGI_BASE + 0x0400)
#define GICR_ICFGR0	(GICR_SGI_BASE + 0x0c00)
#define GICR_ICFGR1	(GICR_SGI_BASE + 0x0c04)
#define GICR_IGRPMODR0	(GICR_SGI_BASE + 0x0d00)
#define GICR_NSACR	(GICR_SGI_BASE + 0x0e00)

#define GICR_CTLR_RWP		   (1U << 3)
#define GICR_TYPER_LAST		   (1ULL << 4)
#define GICR_WAKER_PROCESSOR_SLEEP (1U << 1)
#define GICR_WAKER_CHILDREN_ASLEEP (1U << 2)

/* PIDR2.ArchRev = 3: GICv3. */
#define GIC_PIDR2_V3 0x3b

/* List registers (ICH_LR<n>_EL2, 12.5.x). */
#define ICH_LR_VINTID_MASK  0xffffffffULL
#define ICH_LR_PINTID_SHIFT 32
#define ICH_LR_EOI	    (1ULL << 41) /* HW == 0: maintenance interrupt on EOI */
#define ICH_LR_PRIO_SHIFT   48
#define ICH_LR_GROUP1	    (1ULL << 60)
#define ICH_LR_HW	    (1ULL << 61)
#define ICH_LR_STATE_SHIFT  62
#define ICH_LR_STATE_MASK   (3ULL << 62)
#define ICH_LR_PENDING	    (1ULL << 62)
#define ICH_LR_ACTIVE	    (2ULL << 62)

/* ICH_HCR_EL2 */
#define ICH_HCR_EN	(1ULL << 0)
#define ICH_HCR_UIE	(1ULL << 1) /* maintenance IRQ when at most one LR is valid */
#define ICH_HCR_LRENPIE (1ULL << 2)
#define ICH_HCR_NPIE	(1ULL << 3) /* maintenance IRQ when no LR is pending */

/* ICH_MISR_EL2 */
#define ICH_MISR_EOI   (1ULL << 0)
#define ICH_MISR_U     (1ULL << 1)
#define ICH_MISR_LRENP (1ULL << 2)
#define ICH_MISR_NP    (1ULL << 3)

#endif
