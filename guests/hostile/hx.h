/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hostile guest's exception handling (guests/hostile/exc.c): hooks of
 * the guest library, whose default halts on any exception. Here a synchronous exception the test provoked on purpose (an
 * UNDEFINED system register, an alignment fault, an illegal exception
 * return) is recorded and skipped, and interrupts are acknowledged and handed
 * to a hook.
 */
#ifndef GUESTS_HOSTILE_HX_H
#define GUESTS_HOSTILE_HX_H

#include <stdbool.h>
#include <stdint.h>

/* ESR_EL1 exception classes the hostile guest provokes. */
#define HX_EC_UNKNOWN 0x00 /* UNDEFINED instruction (e.g. an EL2 register at EL1) */
#define HX_EC_FP      0x07 /* SIMD&FP access trapped by CPACR_EL1 */
#define HX_EC_ILLEGAL 0x0e /* illegal execution state (after an illegal exception return) */
#define HX_EC_DABT    0x25 /* data abort at EL1 (alignment fault, stage-1 address size) */
#define HX_EC_WATCH   0x35 /* watchpoint at EL1 */
#define HX_EC_BREAK   0x31 /* breakpoint at EL1 */

/*
 * hx_expect(): the next synchronous exceptions are expected: each is recorded
 * (hx_sync_count(), hx_last_esr()) and the instruction skipped. hx_done()
 * ends that. An unexpected exception prints the library's "exception: ..."
 * report (which fails the integration test) and halts.
 */
void hx_init(void); /* installs the hooks */
void hx_expect(void);
void hx_done(void);
uint32_t hx_sync_count(void);
uint64_t hx_last_esr(void);
uint64_t hx_last_far(void);

/* Interrupts: the hook gets each acknowledged INTID; EOI follows it. */
void hx_set_irq_hook(void (*hook)(uint32_t intid));
uint64_t hx_irq_count(void);

#endif
