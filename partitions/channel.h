/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared-memory channels between partitions (docs/binding.md "Channels",
 * docs/design.md "Channels"): the binding's limits, what guests find in the
 * region and behind the doorbell page, and the layout-side entry points
 * (partitions/channel.c). Included by guests (guests/lib) for the ABI part.
 *
 * The region, as each endpoint sees it at its guest-address:
 *
 *   +0x0000  header page, written by Bulkhead only (mapped read-only):
 *            struct channel_header
 *   +0x1000  payload: the endpoints' own protocol, (size - 0x1000) bytes;
 *            read-only to an endpoint with access = "ro"
 *   +size    doorbell page (trapped, endpoints with a doorbell only):
 *            CHANNEL_REG_* registers, 32-bit accesses
 *
 * Memory type: Normal Write-Back, Inner Shareable at stage 2 for both
 * endpoints, so two guests that map it Normal WB inner-shareable at stage 1
 * are coherent without cache maintenance (Arm ARM D8.6, combining stage 1
 * and stage 2 attributes).
 */
#ifndef PARTITIONS_CHANNEL_H
#define PARTITIONS_CHANNEL_H

#include <partitions/layout.h>

#include <stdint.h>

#define CHANNEL_HEADER_SIZE   0x1000ULL	    /* the first page: Bulkhead's */
#define CHANNEL_MIN_SIZE      0x2000ULL	    /* header + one payload page */
#define CHANNEL_MAX_SIZE      0x40000000ULL /* 1 GiB */
#define CHANNEL_DOORBELL_SIZE 0x1000ULL	    /* the trapped register page after the region */

/*
 * Doorbell SPIs: Bulkhead gives each endpoint with a doorbell the first SPI
 * of CHANNEL_SPI_FIRST .. + CHANNEL_SPI_COUNT - 1 that none of its devices
 * and none of its other channels use (the guest tree names it). Just below
 * the watchdog's SPI 120.
 */
#define CHANNEL_SPI_FIRST    112U
#define CHANNEL_SPI_COUNT    8U
#define CHANNEL_GIC_SPI_BASE 32U /* INTID of SPI 0 */

/* The header page (little-endian, naturally aligned words). */
#define CHANNEL_MAGIC	0x48434842U /* "BHCH" */
#define CHANNEL_VERSION 1U

/*
 * Per-endpoint state word: bit 0 up (the endpoint's partition runs; cleared
 * when it goes down), bits 31..1 its generation: how many times it has been
 * (re)started. A peer that sees the generation change knows the other side
 * restarted and re-initialises its half of the protocol.
 */
#define CHANNEL_STATE_UP	0x1U
#define CHANNEL_STATE_GEN_SHIFT 1U

struct channel_header {
	uint32_t magic;	  /* CHANNEL_MAGIC */
	uint32_t version; /* CHANNEL_VERSION */
	uint32_t id;	  /* the channel's index in the layout */
	uint32_t nendpoints;
	uint64_t size;	   /* the whole region, header included */
	uint64_t payload;  /* offset of the payload: CHANNEL_HEADER_SIZE */
	uint32_t state[2]; /* per endpoint: CHANNEL_STATE_* */
};

/* Doorbell page registers (offsets). */
#define CHANNEL_REG_RING  0x00 /* W: any value rings the peer; R: 0 */
#define CHANNEL_REG_SELF  0x04 /* R: this endpoint's index (0 or 1) */
#define CHANNEL_REG_RINGS 0x08 /* R: rings this endpoint has received (coalesced or not) */
#define CHANNEL_REG_ACK	  0x0c /* W (interface "pci"): clears "interrupt pending"; R: 0 */

/*
 * interface = "pci" (docs/design.md "Channels", "Linux side"): the endpoint
 * is function 0 of device pci_dev on bus 0 of an emulated PCI host bridge
 * (core/vpci.c, core/vpci_model.h), one per partition: an ECAM window of one
 * bus at CHANNEL_PCI_ECAM_IPA (unmapped, trapping), a "pci-host-ecam-generic"
 * node in the guest tree (partitions/guest_dt_pci.c). BAR0 (32-bit memory) is
 * the doorbell page, BAR2 (64-bit prefetchable memory) the region, both fixed
 * where the endpoint's window is; INTA is the doorbell SPI, level-triggered.
 * The ID pair is not assigned by the PCI-SIG: vendor 0x1234 is the one QEMU
 * uses for its own unregistered devices (bochs-display 0x1111, edu 0x11e8);
 * no Linux driver claims 0x1234:0xbc01.
 */
#define CHANNEL_PCI_ECAM_IPA   0x0b100000ULL /* clear of QEMU virt's map and the watchdog */
#define CHANNEL_PCI_ECAM_SIZE  0x00100000ULL /* bus 0: 32 devices x 8 functions x 4 KiB */
#define CHANNEL_PCI_VENDOR     0x1234U
#define CHANNEL_PCI_DEVICE     0xbc01U
#define CHANNEL_PCI_MAX_DEVS   32U
#define CHANNEL_PCI_BAR0_LIMIT 0x100000000ULL /* BAR0 is a 32-bit BAR */
#define CHANNEL_PCI_DOMAIN_MIN 0x100U	      /* linux,pci-domain: from here, past any board's */

/* Internal steps of layout_parse() and layout_validate() (channel.c). */
void parse_channel(struct layout *l, int node, struct layout_diag *d);
void validate_channels(struct layout *l, struct layout_diag *d);

/*
 * A channel with a PCI endpoint is Normal Non-cacheable at stage 2 for both
 * endpoints: Linux maps a BAR (sysfs resourceN, uio) non-cacheable at stage 1,
 * so the other endpoint must not cache the region either (both sides
 * non-cacheable are coherent; Arm ARM B2.12, mismatched attributes).
 */
static inline bool channel_uncached(const struct layout_channel *c)
{
	for (uint32_t k = 0; k < c->nendpoints; k++)
		if (c->ep[k].pci)
			return true;
	return false;
}

/* Bytes an endpoint's window takes in its guest: the region and its doorbell page. */
uint64_t channel_window(const struct layout_channel *c, const struct layout_endpoint *e);

/* Partition @part's endpoint of @c (its index in *@index if not NULL), or NULL. */
const struct layout_endpoint *channel_endpoint(const struct layout_channel *c, uint32_t part,
					       uint32_t *index);

/* The rules of an interface = "pci" endpoint and its device number (channel_pci.c). */
void channel_pci_check(const struct layout *l, uint32_t ci, struct layout_endpoint *e,
		       struct layout_diag *d);

/*
 * Partition @p's emulated PCI host bridge in its guest tree @fdt (called by
 * guest_dt.c once /chosen exists; nothing if @p has no PCI endpoint): 0 or a
 * negative FDT_ERR_*.
 */
int guest_dt_pci(const struct layout *l, const struct layout_partition *p, void *fdt)
	__attribute__((warn_unused_result));

/* One line per channel and per endpoint (layout_print, bulkhead-check). */
void layout_print_channels(const struct layout *l, void (*puts)(const char *line));

#endif /* PARTITIONS_CHANNEL_H */
