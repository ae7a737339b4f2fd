/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A single-producer single-consumer message ring in a channel's payload
 * (docs/design.md "Channels"): the test guests use it directly
 * (guests/channel/changuest.c), the RTOS and other guests through the channel
 * API of guests/lib/chan.h (one ring per direction).
 *
 * Layout at @base (both endpoints compute the same from the same bytes):
 *   +0x00  head: slots published, written by the producer only
 *   +0x40  tail: slots consumed, written by the consumer only
 *   +0x80  nslots slots of @slot bytes (chanring_init): a 32-bit length, then data
 * Head and tail are free-running 32-bit counters on their own 64-byte lines.
 *
 * Doorbells: a send that makes the ring non-empty tells the caller to ring
 * (the consumer may be asleep); a receive that makes a full ring non-full
 * tells the caller to ring (the producer may be waiting). Each side writes
 * its counter, then a full barrier, then reads the other's, so one of the
 * two always sees the other's update (store-load ordering, Arm ARM B2.3):
 * no wake-up is lost.
 */
#ifndef GUESTS_LIB_CHANRING_H
#define GUESTS_LIB_CHANRING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CHANRING_SLOT 64U		   /* the test guests' slot (changuest) */
#define CHANRING_MAX  (CHANRING_SLOT - 4U) /* bytes of one message in such a slot */

struct chanring {
	uint64_t base;
	uint32_t nslots;
	uint32_t slot; /* bytes per slot: a length word, then up to slot - 4 bytes */
};

/*
 * The ring in [@base, @base + @bytes) with @slot-byte slots (a multiple of 4,
 * at least 8; both endpoints must agree): 0, or -22 (EINVAL) if @slot is not
 * one or the ring holds fewer than 2 slots.
 */
__attribute__((warn_unused_result)) int chanring_init(struct chanring *r, uint64_t base,
						      uint64_t bytes, uint32_t slot);

/* Producer: a zeroed ring (head = tail = 0). Call before the consumer looks. */
void chanring_reset(const struct chanring *r);

/* Consumer: drop every message published so far (tail = head); how many were dropped. */
uint32_t chanring_discard(const struct chanring *r);

/*
 * Producer: copy @len bytes in (at most slot - 4). Returns 0 (and *@kick: ring the doorbell,
 * the ring was empty), or -11 (EAGAIN) when full.
 */
__attribute__((warn_unused_result)) int chanring_send(const struct chanring *r, const void *msg,
						      uint32_t len, bool *kick);

/*
 * Consumer: copy the oldest message out (at most @max bytes). Returns its
 * length (and *@kick: ring the doorbell, the ring was full), or -11 (EAGAIN)
 * when empty.
 */
__attribute__((warn_unused_result)) int chanring_recv(const struct chanring *r, void *buf,
						      uint32_t max, bool *kick);

/* Addresses of the counters, to sleep on (wait until they change). */
uint64_t chanring_head(const struct chanring *r);
uint64_t chanring_tail(const struct chanring *r);

#endif
