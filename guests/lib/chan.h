/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The channel API of the guest library (docs/rtos.md "Channels"): a
 * Bulkhead channel (docs/binding.md "Channels", partitions/channel.h) found
 * by its label in the guest's device tree, carrying messages both ways.
 *
 * The payload is split in two halves, one single-producer single-consumer
 * ring each (guests/lib/chanring.h, CHAN_SLOT-byte slots): the lower half is
 * written by endpoint 0, the upper half by endpoint 1. chan_send() rings the
 * peer's doorbell when its message made the ring non-empty; the doorbell
 * interrupts coalesce, so a receiver drains with chan_recv() until -CHAN_EAGAIN.
 *
 * Restarts: the ring counters live in the region, which a restart keeps. An
 * endpoint that (re)starts keeps producing from the head it finds, and drops
 * what it finds unread in the ring it consumes (chan_open): those messages
 * were meant for its previous run. The survivor notices the peer's restart
 * in the header's state word (chan_peer_changed(): Bulkhead rings the
 * doorbell at each change) and needs to reset nothing: its messages sent
 * while the peer was down are dropped by the peer, and a full ring only makes
 * chan_send() fail until then.
 *
 * Memory: a guest with its MMU on maps the region Normal write-back (the
 * same attributes as Bulkhead's stage 2, so both endpoints are coherent) and
 * the doorbell page as Device: chan_map() adds both to mmu_enable()'s map.
 * Single-threaded per endpoint: one sender and one receiver (which may be
 * two different tasks: the rings are independent).
 */
#ifndef GUESTS_LIB_CHAN_H
#define GUESTS_LIB_CHAN_H

#include <guests/lib/chanring.h>
#include <partitions/channel.h>

#include <stdbool.h>
#include <stdint.h>

#define CHAN_SLOT    256U	      /* bytes per slot of the API's rings */
#define CHAN_MSG_MAX (CHAN_SLOT - 4U) /* bytes of one message */
#define CHAN_LABEL   16U
#define CHAN_EAGAIN  11 /* EAGAIN, which the freestanding errno.h lacks (chanring's -11) */

struct chan {
	char label[CHAN_LABEL];
	uint64_t base;	   /* the region: header page, then payload */
	uint64_t size;	   /* of the region */
	uint64_t doorbell; /* the register page, 0 if none */
	uint32_t intid;	   /* the doorbell interrupt (an SPI's INTID), 0 if none */
	uint32_t self;	   /* bulkhead,endpoint: 0 or 1 */
	bool read_only;
	uint32_t peer_state; /* the peer's state word when last looked at (chan_peer_changed) */
	struct chanring tx;  /* written by this endpoint */
	struct chanring rx;  /* written by the peer */
};

/*
 * Fills *@c from the node compatible "bulkhead,channel" whose label is
 * @label in @fdt: 0, or -ENOENT (no such node, or no shm range).
 */
__attribute__((warn_unused_result)) int chan_find(const void *fdt, const char *label,
						  struct chan *c);

/* Adds the region (Normal) and the doorbell page (Device) to the MMU's map: before mmu_enable(). */
void chan_map(const struct chan *c);

/*
 * Checks the header (magic, size), sets up both rings, drops what the peer
 * left unread for this endpoint's previous run, and enables the doorbell SPI
 * (edge, Group 1, priority @prio, to the calling core) in the distributor at
 * @gicd. 0, or -EINVAL (bad header, payload too small, no doorbell, read-only).
 */
__attribute__((warn_unused_result)) int chan_open(struct chan *c, uint64_t gicd, uint8_t prio);

/* The doorbell SPI: edge, Group 1, priority @prio, to the calling core, enabled (chan_open does it). */
void chan_enable_irq(const struct chan *c, uint64_t gicd, uint8_t prio);

/* The header page Bulkhead keeps (read-only). */
volatile const struct channel_header *chan_header(const struct chan *c);

/* This endpoint's and the peer's state words (CHANNEL_STATE_UP, generation). */
uint32_t chan_self_state(const struct chan *c);
uint32_t chan_peer_state(const struct chan *c);

static inline uint32_t chan_generation(uint32_t state)
{
	return state >> CHANNEL_STATE_GEN_SHIFT;
}

/* True once, for each change of the peer's state word since the last call (or chan_open). */
bool chan_peer_changed(struct chan *c);

/* Rings the peer's doorbell (after a barrier: the payload before the ring). */
void chan_ring(const struct chan *c);

/* Sends @len bytes (at most CHAN_MSG_MAX): 0, -CHAN_EAGAIN (ring full), -EINVAL (too long). */
__attribute__((warn_unused_result)) int chan_send(const struct chan *c, const void *msg,
						  uint32_t len);

/* Sends a NUL-terminated string without its NUL. */
__attribute__((warn_unused_result)) int chan_send_str(const struct chan *c, const char *s);

/*
 * The oldest message, at most @max bytes (a longer one is cut): its length,
 * or -CHAN_EAGAIN when the ring is empty. Rings the peer when the ring was full.
 */
__attribute__((warn_unused_result)) int chan_recv(const struct chan *c, void *buf, uint32_t max);

/* True when a message waits (for a sleep with interrupts masked: see chan_wait()). */
bool chan_pending(const struct chan *c);

/*
 * Bare-metal guests without a scheduler: sleep until an interrupt unless a
 * message waits or the peer's state changed. Interrupts are masked around the
 * check, and WFI wakes on a pending interrupt even so (Arm ARM D1.16.2), so
 * a doorbell between the check and the WFI is not lost.
 */
void chan_wait(const struct chan *c);

#endif
