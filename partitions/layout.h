/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The partition layout: a plain description of every partition, produced from
 * the system device tree by layout_parse() and checked by layout_validate().
 *
 * This is the only thing the rest of Bulkhead (arch/, gic/, smmu/, core/) knows
 * about the device tree binding. The same structure is built by the hypervisor
 * at boot and by the host tool bulkhead-check, from the same sources.
 *
 * All addresses are physical unless named "ipa" (guest-physical, i.e. the
 * address the partition sees, stage-2 input address).
 */
#ifndef PARTITIONS_LAYOUT_H
#define PARTITIONS_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LAYOUT_MAX_PARTITIONS  8
#define LAYOUT_MAX_CPUS	       16
#define LAYOUT_MAX_RAM	       8
#define LAYOUT_MAX_MEM	       8  /* memory ranges per partition */
#define LAYOUT_MAX_DEVICES     16 /* devices per partition */
#define LAYOUT_MAX_DEV_REGS    4  /* MMIO ranges per device (reg) */
#define LAYOUT_MAX_DEV_WINDOWS 4  /* bus windows of a PCI host bridge (ranges) */
#define LAYOUT_MAX_DEV_IRQS    8  /* interrupts per device */
#define LAYOUT_MAX_DEV_STREAMS 4  /* SMMU stream ID ranges per device */
#define LAYOUT_NAME_MAX	       16 /* including the terminating NUL */
#define LAYOUT_PATH_MAX	       96 /* device-tree node paths kept for messages */
#define LAYOUT_MAX_MODULES     16 /* module nodes under /chosen/bulkhead */
#define LAYOUT_MAX_CHANNELS    8  /* channel nodes under /chosen/bulkhead */
#define LAYOUT_MAX_ENDPOINTS   2  /* endpoints per channel: a channel joins two partitions */
#define LAYOUT_MAX_FLASH       2  /* flash banks of a partition (partitions/firmware.c) */

#define LAYOUT_PAGE_SIZE 0x1000ULL

/* The affinity fields of MPIDR_EL1 (Aff3 [39:32], Aff2..Aff0 [23:0]): a cpu node's reg. */
#define LAYOUT_MPIDR_AFF_MASK 0xff00ffffffULL

/*
 * Largest #address-cells, #size-cells, #interrupt-cells, #clock-cells,
 * #iommu-cells ... value read from a board node: a larger one is malformed
 * (docs/binding.md "The tree").
 */
#define LAYOUT_MAX_CELLS 4

#include <partitions/owners.h>

/* Default guest-physical map: the one QEMU's virt machine gives its guests. */
#define LAYOUT_DEFAULT_RAM_IPA	0x40000000ULL
#define LAYOUT_VIRT_GICD_IPA	0x08000000ULL
#define LAYOUT_VIRT_GICD_SIZE	0x00010000ULL
#define LAYOUT_VIRT_GICR_IPA	0x080a0000ULL
#define LAYOUT_VIRT_GICR_STRIDE 0x00020000ULL /* RD_base + SGI_base frames */
#define LAYOUT_VIRT_UART_IPA	0x09000000ULL /* the emulated PL011, when given */

#define LAYOUT_VIRT_UART_SIZE 0x00001000ULL
#define LAYOUT_VIRT_UART_SPI  1 /* INTID 33 */

/*
 * The emulated SBSA Generic Watchdog every partition gets (core/vwdt.c): a
 * refresh frame at LAYOUT_VIRT_WDT_IPA, the control frame right after it, and
 * WS0 on SPI 120 (INTID 152). partitions/ does not include core/: these values
 * must match core/vwdt.h (VWDT_REFRESH_IPA, VWDT_FRAME, VWDT_SIZE,
 * VWDT_SPI_INTID), which the core checks with _Static_assert.
 */
#define LAYOUT_VIRT_WDT_IPA	    0x0b000000ULL /* the whole window: both frames */
#define LAYOUT_VIRT_WDT_SIZE	    0x00002000ULL
#define LAYOUT_VIRT_WDT_FRAME	    0x00001000ULL /* size of one frame */
#define LAYOUT_VIRT_WDT_REFRESH_IPA LAYOUT_VIRT_WDT_IPA
#define LAYOUT_VIRT_WDT_CONTROL_IPA (LAYOUT_VIRT_WDT_IPA + LAYOUT_VIRT_WDT_FRAME)
#define LAYOUT_VIRT_WDT_SPI	    120 /* INTID 152 */
#define LAYOUT_VIRT_WDT_TIMEOUT_SEC 10	/* timeout-sec in the guest tree */

/*
 * Flash banks of a partition that boots firmware (partitions/firmware.c): as
 * QEMU's virt machine, two 64 MiB CFI banks, the first at guest-physical 0.
 */
#define LAYOUT_FLASH_BANK_SIZE	 0x04000000ULL
#define LAYOUT_DEFAULT_FLASH_IPA 0x0ULL

/* Largest guest-physical address + 1 (stage-2 input size, VTCR_EL2.T0SZ). */
#define LAYOUT_IPA_BITS 40

/* Compatible strings of the binding (docs/binding.md). */
#define LAYOUT_COMPAT_HYP	"bulkhead,hypervisor"
#define LAYOUT_COMPAT_MODULE	"bulkhead,module"
#define LAYOUT_COMPAT_PARTITION "bulkhead,partition"
#define LAYOUT_COMPAT_CHANNEL	"bulkhead,channel"
#define LAYOUT_ROOT_PATH	"/chosen/bulkhead"

/*
 * Reads @len bytes of physical memory at @phys into @buf (layout_place() reads
 * the arm64 Image header of a loaded kernel this way). Returns 0 or -errno.
 */
typedef int (*layout_read_fn)(void *ctx, uint64_t phys, void *buf, size_t len);

struct layout_range {
	uint64_t base;
	uint64_t size;
};

/* One physical memory range of a partition and where the guest sees it. */
struct layout_mem {
	uint64_t phys;
	uint64_t ipa;
	uint64_t size;
};

/* A device a partition owns: derived from the board node its phandle names. */
struct layout_device {
	int node;		    /* offset of the device node in the FDT */
	char path[LAYOUT_PATH_MAX]; /* e.g. "/pl011@9000000" */
	/*
	 * MMIO, physical = guest-physical: the reg entries, then, for a PCI host
	 * bridge (device_type "pci"), the last nwindows entries are the CPU
	 * windows of its ranges (I/O, 32-bit and 64-bit memory), where the guest
	 * places its devices' BARs. All are mapped and checked alike; only the
	 * reg entries appear in the guest's reg.
	 */
	uint32_t nregs;
	uint32_t nwindows;
	struct layout_range regs[LAYOUT_MAX_DEV_REGS + LAYOUT_MAX_DEV_WINDOWS];
	/*
	 * Interrupts: the device's own (interrupts / interrupts-extended), then
	 * the last nmap_irqs entries, the distinct SPIs its interrupt-map names
	 * (a PCI host bridge's INTx). The guest tree gets the interrupt-map
	 * rewritten for its GIC, not these in interrupts.
	 */
	uint32_t nirqs;
	uint32_t nmap_irqs;
	uint32_t irqs[LAYOUT_MAX_DEV_IRQS];	 /* GIC INTIDs (SPI n is 32 + n) */
	uint32_t irq_flags[LAYOUT_MAX_DEV_IRQS]; /* DT trigger flags, e.g. 4 = level high */
	/*
	 * DMA: the device can master DMA (its compatible is not on the list of
	 * known non-DMA devices, partitions/dma.c), and the partition listed it in
	 * dma-unconfined (an explicit opt-in for a DMA master the SMMU cannot
	 * confine; the partition must then be identity-mapped).
	 */
	bool dma_capable;
	bool dma_unconfined;
	/*
	 * DMA: the SMMU stream IDs of the device (from "iommus", or for a PCI
	 * host bridge the ranges its "iommu-map" gives). A device with
	 * "iommu-map" owns every stream its map covers.
	 */
	uint32_t nstreams;
	struct layout_stream_range {
		uint32_t base;	/* first stream ID */
		uint32_t count; /* number of consecutive stream IDs */
	} streams[LAYOUT_MAX_DEV_STREAMS];
};

/* An image U-Boot loaded for a partition (a module node under /chosen). */
struct layout_image {
	bool present;
	int node; /* offset of the module node */
	char path[LAYOUT_PATH_MAX];
	uint64_t addr; /* where U-Boot loaded it (physical) */
	uint64_t size; /* its size in bytes (from reg, set by boot.scr) */
	/* Placement decided by layout_place(): guest-physical destination. */
	uint64_t load_ipa;
	uint64_t mem_size; /* bytes it occupies once loaded (Image: image_size) */
	bool has_reg;	   /* the module node has a usable reg */
	bool arm64_image;  /* an arm64 Image header was read (layout_place) */
	const char *file;  /* bulkhead,file; "" if none */
};

/*
 * A read-only flash bank (docs/binding.md "Firmware and fixed placement"): module @img mapped
 * read-only + execute (stage 2) at the start of a LAYOUT_FLASH_BANK_SIZE
 * window at img.load_ipa; the rest of the window reads as erased flash and
 * writes anywhere in it are ignored (core/vdev_flash.c).
 */
struct layout_flash {
	struct layout_image img; /* img.load_ipa: the bank's guest-physical base */
	uint64_t mapped;	 /* bytes mapped: the module's size, page-rounded */
};

struct layout_cpu {
	int node;	/* offset of the /cpus/cpu@N node */
	uint64_t mpidr; /* its reg: MPIDR affinity fields (Aff3..Aff0) */
	int partition;	/* owning partition index, -1 if none */
	uint32_t vcpu;	/* index inside its partition (virtual MPIDR Aff0) */
};

/* How a partition's interrupts reach it (docs/binding.md "Interrupt delivery"). */
enum layout_irq_delivery {
	LAYOUT_IRQ_TRAP = 0,   /* the default: taken at EL2, injected through list registers */
	LAYOUT_IRQ_DIRECT = 1, /* taken at EL1 from the physical GIC (refused today) */
};

enum layout_fault_policy {
	LAYOUT_FAULT_STOP = 0,	  /* the default: stop the partition, keep it stopped */
	LAYOUT_FAULT_RESTART = 1, /* restart it, within restart_limit per window */
};

struct layout_partition {
	char name[LAYOUT_NAME_MAX];
	int node;
	char path[LAYOUT_PATH_MAX];
	uint32_t id; /* index, VMID = id + 1 */

	uint32_t ncpus;
	uint32_t cpus[LAYOUT_MAX_CPUS]; /* indexes into layout.cpus; [0] boots */

	uint32_t nmem;
	struct layout_mem mem[LAYOUT_MAX_MEM];
	uint64_t ram_ipa;  /* guest RAM base (mem[0].ipa) */
	uint64_t ram_size; /* sum of mem[].size */

	uint32_t ndevices;
	struct layout_device devices[LAYOUT_MAX_DEVICES];

	struct layout_image kernel;
	struct layout_image initrd; /* present == false if none */
	const char *bootargs;	    /* points into the FDT; "" if none */

	/* Firmware and fixed placement (partitions/firmware.c); all optional. */
	uint32_t nflash; /* flash banks; bank 0 is entered when nflash > 0 */
	struct layout_flash flash[LAYOUT_MAX_FLASH];
	bool kernel_addr_set; /* kernel-address: copy the kernel there, enter there */
	uint64_t kernel_addr;
	bool dtb_addr_set; /* dtb-address: the guest DTB there */
	uint64_t dtb_addr;

	/* Placement decided by layout_place() (guest-physical). */
	uint64_t entry_ipa; /* first instruction of the boot core */
	uint64_t dtb_ipa;   /* where the generated guest DTB goes */
	uint64_t dtb_max;   /* room reserved for it */
	bool virtual_uart;  /* gets an emulated PL011 at VIRT_UART_IPA */

	/* What an unhandled guest fault does (docs/binding.md "fault-policy"). */
	uint32_t fault_policy;	    /* enum layout_fault_policy */
	uint32_t restart_limit;	    /* restarts allowed per window, 0 = no limit */
	uint32_t restart_window_ms; /* the window; 0 = since boot */

	/* interrupt-delivery (partitions/irq_delivery.c). */
	uint32_t irq_delivery; /* enum layout_irq_delivery */
	/* EL1's execution state (exec_state.c): from the image or execution-state. */
	bool aarch32;
	bool exec_state_given; /* the execution-state property is there */
	/* An endpoint of a channel with interface = "pci": the emulated PCI host bridge. */
	bool vpci;
};

/*
 * A shared-memory channel between two partitions (partitions/channel.c,
 * docs/binding.md "Channels"). Its memory is one range of the ownership map
 * (OWN_CHANNEL), owned by the channel alone. The first page is the header
 * Bulkhead writes (read-only to the endpoints); the rest is the payload.
 * Each endpoint sees the whole region at its ipa and, with a doorbell, one
 * emulated register page right after it (ipa + size).
 */
struct layout_endpoint {
	int node; /* the endpoint node */
	char path[LAYOUT_PATH_MAX];
	int partition;	/* index in layout.parts, -1 if unresolved */
	bool read_only; /* access = "ro": payload mapped read-only */
	bool doorbell;	/* has a doorbell page and a virtual SPI */
	bool ipa_given; /* guest-address given (else chosen by validate_channels) */
	uint64_t ipa;	/* where the region appears in the partition */
	uint32_t spi;	/* the doorbell's virtual SPI in that partition (INTID 32 + spi) */

	/* interface = "pci": function 0 of device pci_dev of the partition's emulated PCI bus. */
	bool pci;
	uint32_t pci_dev;
};

struct layout_channel {
	int node;
	char path[LAYOUT_PATH_MAX];
	char name[LAYOUT_NAME_MAX]; /* the node's name (without unit address) */
	uint32_t id;		    /* index in layout.channels */
	bool placed;		    /* reg not given: Bulkhead chose phys */
	uint64_t phys, size;	    /* the region: header page + payload */
	uint32_t nendpoints;
	struct layout_endpoint ep[LAYOUT_MAX_ENDPOINTS];
};

struct layout {
	const void *fdt;

	uint32_t nram;
	struct layout_range ram[LAYOUT_MAX_RAM]; /* from /memory nodes */
	int ram_node[LAYOUT_MAX_RAM];		 /* the /memory node of each range */

	/* Bulkhead's own memory: /chosen/bulkhead reg (image, stacks, tables). */
	struct layout_range hyp;
	int root; /* offset of /chosen/bulkhead */

	/* The physical GIC and console Bulkhead itself uses (from the board DT). */
	uint64_t gicd_base, gicd_size;
	uint64_t gicr_base, gicr_size;
	uint64_t uart_base;
	int gic_node;  /* the interrupt controller node */
	int uart_node; /* stdout-path node, -1 if none */

	/* The SMMUv3 Bulkhead drives ("arm,smmu-v3"), if the board has one. */
	int smmu_node; /* -1 if none */
	uint64_t smmu_base, smmu_size;
	uint32_t smmu_evtq_intid;   /* "eventq" interrupt, 0 if none */
	uint32_t smmu_gerror_intid; /* "gerror" interrupt, 0 if none */

	uint32_t ncpus;
	struct layout_cpu cpus[LAYOUT_MAX_CPUS];

	uint32_t nparts;
	struct layout_partition parts[LAYOUT_MAX_PARTITIONS];

	/* Every module node under /chosen/bulkhead (kernel/initrd copy one). */
	uint32_t nmodules;
	struct layout_image modules[LAYOUT_MAX_MODULES];

	/* Shared-memory channels between partitions (partitions/channel.c). */
	uint32_t nchannels;
	struct layout_channel channels[LAYOUT_MAX_CHANNELS];

	/* The root's #address-cells/#size-cells and /chosen/bulkhead's. */
	uint32_t root_acells, root_scells;
	uint32_t acells, scells;

	/*
	 * How images are read. Set it between layout_parse() and layout_validate().
	 * NULL (the host tool): images are not in memory, so a module of size 0
	 * has an unknown size and header-based checks are skipped. At boot: a
	 * reader (e.g. layout_read_phys) -- images must then be loaded (size > 0).
	 */
	layout_read_fn read_image;
	void *read_ctx;

	/* Every physical range and its one owner: filled by layout_validate(). */
	struct owner_map owners;
};

/*
 * Where problems go. Every error names the node and the property at fault:
 *   "/chosen/bulkhead/rtos: memory: range 0x... overlaps partition 'linux'".
 * The sink prints or stores them; parsing and validation go on after an error
 * so that one run reports every problem.
 */
struct layout_diag {
	void (*report)(struct layout_diag *d, const char *msg);
	unsigned int errors;
	void *ctx;
	/*
	 * Warnings: accepted, but worth saying (e.g. a DMA master that is not
	 * confined). Counted in warnings; passed to warn if set (never to report).
	 */
	void (*warn)(struct layout_diag *d, const char *msg);
	unsigned int warnings;
};

/* Formats and reports one error ("<node>: <prop>: <msg>"), counts it. */
void layout_error(struct layout_diag *d, const char *node, const char *prop, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* The same for a warning (d->warn, d->warnings): the layout stays valid. */
void layout_warning(struct layout_diag *d, const char *node, const char *prop, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/*
 * Parse the system device tree into @l. Returns 0, or -EINVAL when the tree
 * could not be turned into a layout (each reason reported through @d).
 */
int layout_parse(struct layout *l, const void *fdt, struct layout_diag *d);

/*
 * Check every rule of the binding (docs/binding.md) against @l: cores, memory,
 * devices, interrupts, images. @hyp_image is the range Bulkhead's image really
 * occupies when called at boot (size 0 from the host tool). Returns 0 or
 * -EINVAL with every violation reported through @d.
 */
int layout_validate(struct layout *l, const struct layout_range *hyp_image, struct layout_diag *d);

/*
 * Decide where each image and the guest DTB go in guest-physical memory and
 * where the boot core starts (fills load_ipa, entry_ipa, dtb_ipa). Part of
 * validation: an image that does not fit is reported here.
 */
int layout_place(struct layout *l, struct layout_diag *d);

/*
 * The whole check, as the hypervisor does it at boot and bulkhead-check on the
 * host: layout_parse(), then (if /chosen/bulkhead was found) sets read_image
 * and read_ctx, layout_validate() and layout_place(). Every problem goes to @d;
 * returns 0 or -EINVAL. At boot pass the running image's range and
 * layout_read_phys; on the host NULL for both.
 */
int layout_check(struct layout *l, const void *fdt, const struct layout_range *hyp_image,
		 layout_read_fn read_image, void *read_ctx, struct layout_diag *d);

/* Boot-time layout_read_fn: a plain copy from @phys (EL2 maps RAM 1:1). */
int layout_read_phys(void *ctx, uint64_t phys, void *buf, size_t len);

/*
 * Prints the partition table, one line per call of @puts (no newline in the
 * string): partitions, cores, memory phys -> ipa, devices (MMIO, INTIDs),
 * images and their placement. Used by bulkhead-check and at boot.
 */
void layout_print(const struct layout *l, void (*puts)(const char *line));

/*
 * Prints the ownership map (layout.owners, filled by layout_validate()): every
 * range sorted by address with its kind, owner and source node, the holes
 * between them ("unassigned", inside or outside RAM), then Bulkhead's and the
 * partitions' interrupts, stream IDs and cores. bulkhead-check --map.
 */
void layout_print_map(const struct layout *l, void (*puts)(const char *line));

/*
 * The owned range (not plain RAM) whose extent holds @phys -- for a paged
 * range (device MMIO) the whole 4 KiB pages it touches -- or NULL: @phys is
 * then plain RAM (owner_map_in_ram()) or nobody's.
 */
const struct owner_range *owner_map_lookup(const struct owner_map *m, uint64_t phys);

/* True if [@base, @base + @size) lies inside one RAM range of the map. */
bool owner_map_in_ram(const struct owner_map *m, uint64_t base, uint64_t size);

/* "ram", "bulkhead", "module", "gicd", ... (the kind column of --map). */
const char *owner_kind_name(uint32_t kind);

/*
 * The whole host-side check of one file's bytes, as bulkhead-check and the
 * layout fuzz harness run it: the header's totalsize is compared with @size
 * (the bytes really there) and with CONFIG_MAX_DTB_SIZE before any other
 * libfdt call, then layout_check() and every guest DTB is generated into
 * CONFIG_GUEST_DTB_SIZE bytes. @l receives the layout. Returns 0 or -EINVAL
 * (every problem reported through @d).
 */
int layout_check_file(struct layout *l, const void *buf, size_t size, struct layout_diag *d)
	__attribute__((warn_unused_result));

/* Index of the partition named @name, or -1. */
int layout_find_partition(const struct layout *l, const char *name);

/*
 * Guest-physical @ipa of partition @p to physical (*@phys); returns how many
 * bytes from there are physically contiguous (to the end of that memory
 * range), 0 if @ipa is not RAM. Copy images piecewise with it: guest RAM is
 * contiguous, its physical ranges need not be.
 */
uint64_t layout_ipa_extent(const struct layout_partition *p, uint64_t ipa, uint64_t *phys);

/* Guest-physical to physical for partition @p; returns false if unmapped RAM. */
bool layout_ipa_to_phys(const struct layout_partition *p, uint64_t ipa, uint64_t *phys);

/*
 * Generate partition @p's guest device tree into @buf (@size bytes): only its
 * cores, memory, devices, a GICv3 node, the timer, PSCI (method "hvc"), and
 * /chosen with bootargs, initrd and stdout-path. Returns 0 or a negative errno.
 * The emulated PL011 (when given) and SBSA watchdog (always) are described too.
 */
int guest_dt_build(const struct layout *l, const struct layout_partition *p, void *buf,
		   size_t size);

#endif /* PARTITIONS_LAYOUT_H */
