/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The configuration space of a channel's PCI function (partitions/channel.h,
 * interface = "pci"), without hardware: core/vpci.c runs it under the
 * function's lock; tests/unit/test_vpci.c runs it on the host.
 *
 * A type 0 header (PCI Local Bus 3.0 6.1, 6.2), function 0 of its device:
 *   0x00  vendor CHANNEL_PCI_VENDOR, device CHANNEL_PCI_DEVICE
 *   0x04  Command: Memory Space (1), Bus Master (2), INTx Disable (10) kept,
 *         others read 0; Status: Interrupt Status (bit 3) = "interrupt
 *         pending", the rest 0 (no capability list, nothing to clear)
 *   0x08  revision CHANNEL_VERSION, class 0xff (unassigned), subclass 0, prog-if 0
 *   0x0c  header type 0, single function; cache line, latency, BIST 0
 *   0x10  BAR0: 32-bit memory, the doorbell page (4 KiB)
 *   0x18  BAR2/3: 64-bit prefetchable memory, the region (a power of two)
 *   0x2c  subsystem vendor CHANNEL_PCI_VENDOR, subsystem ID the channel's id
 *   0x3c  Interrupt Line (read-write scratch), Interrupt Pin 1 (INTA)
 * Everything else reads 0 and ignores writes (BAR1, BAR4, BAR5 and the
 * expansion ROM are unused: hardwired to 0). BARs are fixed: a write of all-ones
 * to a BAR dword makes it read its size mask (sizing, 6.2.5.1) until the
 * next write to it; any other write leaves the address where it is.
 *
 * INTx: the function asserts INTA while "interrupt pending" is set and INTx
 * Disable is clear (vpci_intx()): the protocol of Linux's
 * pci_check_and_mask_intx() and uio_pci_generic's unmask by a Command write.
 */
#ifndef CORE_VPCI_MODEL_H
#define CORE_VPCI_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#define PCI_CFG_SIZE	       0x1000U /* one function's ECAM page */
#define PCI_COMMAND	       0x04U
#define PCI_COMMAND_MEMORY     0x0002U
#define PCI_COMMAND_MASTER     0x0004U
#define PCI_COMMAND_INTX_OFF   0x0400U
#define PCI_STATUS_INTERRUPT   0x0008U
#define PCI_BAR0	       0x10U
#define PCI_INTERRUPT_LINE     0x3cU
#define PCI_BAR_MEM64_PREFETCH 0xcU	 /* type 64-bit (bits 2:1 = 10), prefetchable (bit 3) */
#define PCI_CLASS_UNASSIGNED   0xff0000U /* class 0xff, subclass 0, prog-if 0 */

struct vpci_fn {
	/* Fixed at attach (read-only after). */
	uint32_t bar0;	    /* the doorbell page (4 KiB, below 4 GiB) */
	uint64_t bar2;	    /* the region */
	uint64_t bar2_size; /* a power of two */
	uint16_t subsystem; /* the channel's id */
	/* Guest-visible state: reset at every load. */
	uint16_t command;
	uint8_t line;	/* Interrupt Line: scratch for the guest */
	uint8_t sizing; /* bit n: BAR dword n (0..5) was written all-ones */
	bool pending;	/* a ring not yet acknowledged (CHANNEL_REG_ACK) */
};

/* Power-on state: Command 0 (decoding off, INTx enabled), nothing pending. */
void vpci_model_reset(struct vpci_fn *f);

/*
 * Decodes an access at @offset in a one-bus ECAM window: 0 and the device
 * number and register offset; -EINVAL for an access the PCI spec does not
 * define (a width other than 1, 2, 4 bytes; not naturally aligned), which
 * reads all-ones and is dropped; -ENODEV for a function other than 0 (absent).
 */
int vpci_ecam_decode(uint64_t offset, uint32_t size, uint32_t *dev, uint32_t *reg)
	__attribute__((warn_unused_result));

/* All-ones of @size bytes: what an absent function or a bad access reads. */
uint32_t vpci_all_ones(uint32_t size);

/* A decoded read or write of @size bytes at register offset @reg. */
uint32_t vpci_cfg_read(const struct vpci_fn *f, uint32_t reg, uint32_t size);
void vpci_cfg_write(struct vpci_fn *f, uint32_t reg, uint32_t size, uint32_t value);

/* The level of INTA: pending and INTx not disabled. */
bool vpci_intx(const struct vpci_fn *f);

#endif
