/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bulkhead's SMMUv3 driver: confines every DMA stream to the guest-physical
 * memory of the partition that owns it (docs/smmu.md).
 *
 *  - Nothing ever bypasses: before the SMMU is enabled SMMU_GBPA aborts every
 *    transaction; once enabled, a stream no partition owns aborts (invalid
 *    level-1 descriptor -> C_BAD_STREAMID, or invalid STE -> C_BAD_STE, both
 *    recorded), a stream whose partition is stopped or restarting aborts
 *    silently (STE.Config = abort), and a running partition's streams are
 *    translated guest-physical -> physical:
 *      - on an SMMU with stage 2 (IDR0.S2P = 1) by the very stage-2 tables
 *        its CPUs use (same VMID, same VTCR_EL2 fields, same root);
 *      - on an SMMU with stage 1 only (QEMU 7.2) by a stage-1 table the
 *        driver builds from the partition's RAM ranges, one Context
 *        Descriptor per partition, ASID = VMID, non-global entries.
 *  - Faults are recorded in the Event queue and handed to a reporter callback
 *    from the SMMU's wired interrupts; nothing is printed otherwise.
 *
 * Boot: smmu_init() after the GIC, then smmu_attach() for each partition's
 * streams (after its stage 2 is built). Restart: smmu_abort() before the
 * partition's memory is scrubbed, smmu_attach() again before it runs.
 * Every call but smmu_owns_irq() may be made from any core; they serialize
 * internally. Functions return 0 or a negative errno.
 */
#ifndef SMMU_SMMU_H
#define SMMU_SMMU_H

#include <arch/arm64/stage2.h>
#include <partitions/layout.h>
#include <smmu/smmu_limits.h>

#include <stdbool.h>
#include <stdint.h>

/* Event record types (IHI 0070, 7.3). */
enum smmu_event_type {
	SMMU_EVT_F_UUT = 0x01,		/* unsupported upstream transaction */
	SMMU_EVT_C_BAD_STREAMID = 0x02, /* stream ID outside the table / invalid L1STD */
	SMMU_EVT_F_STE_FETCH = 0x03,	/* external abort fetching an STE */
	SMMU_EVT_C_BAD_STE = 0x04,	/* invalid or illegal STE */
	SMMU_EVT_F_BAD_ATS_TREQ = 0x05,
	SMMU_EVT_F_STREAM_DISABLED = 0x06,
	SMMU_EVT_F_TRANSL_FORBIDDEN = 0x07,
	SMMU_EVT_C_BAD_SUBSTREAMID = 0x08,
	SMMU_EVT_F_CD_FETCH = 0x09,
	SMMU_EVT_C_BAD_CD = 0x0a,
	SMMU_EVT_F_WALK_EABT = 0x0b,   /* external abort during a table walk */
	SMMU_EVT_F_TRANSLATION = 0x10, /* no mapping for the address */
	SMMU_EVT_F_ADDR_SIZE = 0x11,   /* address beyond the configured size */
	SMMU_EVT_F_ACCESS = 0x12,      /* access flag clear */
	SMMU_EVT_F_PERMISSION = 0x13,  /* mapping forbids the access */
	SMMU_EVT_F_TLB_CONFLICT = 0x20,
	SMMU_EVT_F_CFG_CONFLICT = 0x21,
	SMMU_EVT_E_PAGE_REQUEST = 0x24,
	SMMU_EVT_F_VMS_FETCH = 0x25,
	/* Not SMMU records: what the driver itself reports through the same path. */
	SMMU_EVT_SUPPRESSED = 0x100, /* .count records were not reported (rate limit) */
	SMMU_EVT_OVERFLOW = 0x101,   /* the Event queue overflowed: records were lost */
	SMMU_EVT_GERROR = 0x102,     /* global error(s) .gerror became active */
	SMMU_EVT_REPEATED = 0x103,   /* .count records like the last reported one followed */
};

/* Class of a translation fault (event record word 1 [41:40]). */
enum smmu_fault_class {
	SMMU_CLASS_CD = 0,  /* fetching a context descriptor */
	SMMU_CLASS_TT = 1,  /* fetching a translation table descriptor */
	SMMU_CLASS_IN = 2,  /* the input address itself */
	SMMU_CLASS_NONE = 3 /* not given by this record type */
};

/* One decoded event record (or driver report, type >= SMMU_EVT_SUPPRESSED). */
struct smmu_event {
	uint32_t type;	  /* enum smmu_event_type, or another raw type code */
	const char *name; /* "F_TRANSLATION", ...; "UNKNOWN" for other codes */
	uint32_t sid;	  /* stream ID */
	bool ssv;	  /* substream ID valid */
	uint32_t ssid;
	bool has_addr;		/* addr is meaningful */
	uint64_t addr;		/* input address: the DMA address, a guest-physical address */
	bool has_access;	/* read/priv/instr are meaningful */
	bool read;		/* true: read, false: write (RnW) */
	bool priv;		/* privileged access (PnU) */
	bool instr;		/* instruction fetch (InD) */
	bool s2;		/* the fault was raised by stage 2 */
	bool has_ipa;		/* ipa is meaningful (stage-2 fault) */
	uint64_t ipa;		/* faulting IPA, page granular (bits [51:12]) */
	bool has_fetch;		/* fetch_addr is meaningful */
	uint64_t fetch_addr;	/* physical address of the failed fetch */
	uint32_t fault_class;	/* enum smmu_fault_class */
	const char *class_name; /* "CD", "TT", "IN", or "" */
	uint32_t count;		/* SUPPRESSED, REPEATED: records not reported */
	uint32_t gerror;	/* SMMU_EVT_GERROR: the active GERROR bits */
	uint64_t raw[4];	/* the record as read */
};

/*
 * Probe and enable the SMMU the layout names (l->smmu_base/size, found by
 * layout_parse_streams()); stage-1 tables (if the SMMU has no stage 2) come
 * from @pool, at the first smmu_attach_partition() of each partition. Returns
 * 0 without touching anything if the layout has no SMMU. Otherwise maps its registers (device memory), makes every
 * transaction abort (GBPA), builds an empty stream table (every stream ID
 * aborts and is recorded), the command and event queues, enables the wired
 * GERROR and Event queue interrupts (routing them is the caller's job) and
 * then the SMMU. Errors: -EOPNOTSUPP for an SMMU this driver cannot drive
 * (non-coherent, no AArch64 tables, preset tables); -ETIMEDOUT if it does not
 * acknowledge. On error it is left disabled with GBPA aborting everything.
 */
int smmu_init(const struct layout *l, struct pt_pool *pool);

/*
 * Streams [sid_base, sid_base + count) are translated by stage 2 @s2 with
 * VTCR_EL2 value @vtcr (the value the partition's CPUs use): STE.S2VMID =
 * s2->vmid, S2TTB = s2->root. Invalidates the VMID's SMMU TLB entries first.
 * -ENODEV without an SMMU, -EOPNOTSUPP if it has no stage 2 (QEMU 7.2's
 * SMMUv3 has stage 1 only), -ERANGE beyond the stream table, -EINVAL for a
 * VMID or VTCR_EL2 value the SMMU cannot take, -ENOMEM if the level-2 table
 * pool is exhausted, -ETIMEDOUT / -EIO if a command fails.
 */
int smmu_attach(uint32_t sid_base, uint32_t count, const struct s2_table *s2, uint64_t vtcr);

/*
 * Streams [sid_base, sid_base + count) abort (silently: STE.Config = abort):
 * for a partition that stops or restarts. When it returns, the SMMU no longer
 * uses the old configuration and holds no TLB entry for the VMIDs the streams
 * had. Streams that were never attached keep aborting as they did. Never
 * bypass. -ENODEV, -ERANGE, -ETIMEDOUT / -EIO as for smmu_attach().
 */
int smmu_abort(uint32_t sid_base, uint32_t count);

/*
 * Every stream of every device of partition @lp: translated for the partition
 * (stage 2 @s2 / @vtcr as smmu_attach(), or, on an SMMU without stage 2, its
 * stage-1 context: built from @lp->mem[] at the first call, with VMID / ASID
 * s2->vmid; -ENOMEM if the pool runs out), or aborted. Attach stops at the
 * first error; abort goes on and returns the first. Both return 0 at once for
 * a partition without streams. -EOPNOTSUPP if the SMMU can translate neither
 * way.
 */
int smmu_attach_partition(const struct layout_partition *lp, const struct s2_table *s2,
			  uint64_t vtcr);
int smmu_abort_partition(const struct layout_partition *lp);

/* Table pages the stage-1 context of VMID @vmid took (0: none, or stage 2). */
unsigned int smmu_s1_pages(uint16_t vmid);

/*
 * CMD_TLBI_S12_VMALL (stage 2) or CMD_TLBI_NH_ASID (stage 1, ASID = VMID) +
 * CMD_SYNC: after changing a stage 2 that streams use (s2_unmap/s2_map of a
 * running partition). 0 if there is no SMMU or it cannot translate.
 */
int smmu_tlbi_vmid(uint16_t vmid);

/* True if @intid is the SMMU's Event queue or GERROR interrupt (0 is never). */
bool smmu_owns_irq(uint32_t intid);

/*
 * Configures the SMMU's wired interrupts at the GIC distributor (edge,
 * enabled) and routes them to physical core @cpu (an index in the layout's
 * cores), which must be one that runs a guest: Bulkhead takes interrupts only
 * while a guest runs. Call it again to move them (a partition that stops
 * parks its cores with interrupts masked). No-op without an SMMU.
 */
void smmu_route_irqs(uint32_t cpu);

/* The core smmu_route_irqs() last chose, or SMMU_NO_CPU. */
uint32_t smmu_irq_cpu(void);
#define SMMU_NO_CPU 0xffffffffU

/*
 * From the physical IRQ path, after acknowledging @intid: drains the Event
 * queue and/or reports and acknowledges global errors. Records like the last
 * one reported (smmu_event_similar: a blocked transfer makes one per access,
 * QEMU one per 4 bytes) are counted and reported once as SMMU_EVT_REPEATED;
 * of the others at most SMMU_REPORT_BURST per call are reported, then one
 * SMMU_EVT_SUPPRESSED. The caller ends the interrupt (EOI and deactivate) as
 * for any of Bulkhead's own.
 */
void smmu_handle_irq(uint32_t intid);
#define SMMU_REPORT_BURST 16

/*
 * Where events go. The default reporter prints one line per event through
 * log_info(); the lead replaces it to name the partition that owns ev->sid.
 * NULL restores the default.
 */
void smmu_set_reporter(void (*report)(const struct smmu_event *ev));

/* The default reporter's line for @ev into @buf (also usable by other reporters). */
void smmu_event_format(const struct smmu_event *ev, char *buf, unsigned long size);

#endif /* SMMU_SMMU_H */
