/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The emulated PCI host bridge of channel endpoints with interface = "pci"
 * (core/vpci.c): what the channel doorbell (core/vchan.c) tells it.
 */
#ifndef CORE_VPCI_H
#define CORE_VPCI_H

#include <stdint.h>

/* Endpoint @k of channel @ci (a PCI one, its partition up) was rung: interrupt pending. */
void vpci_ring(uint32_t ci, uint32_t k);

/* Its CHANNEL_REG_ACK was written: "interrupt pending" cleared. */
void vpci_ack(uint32_t ci, uint32_t k);

#endif
