/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-vCPU requests (as KVM's kvm_make_request / kvm_check_request): an
 * interrupt or trap handler that needs the life cycle to act never calls it;
 * it sets a bit on the vCPU concerned and returns. The vCPU's core acts on
 * its bits in one place, vcpu_return_path(), which arch/arm64/vectors.S calls
 * after every guest trap or interrupt handler, before the ERET: that is where
 * a vCPU stops, restarts, parks or powers off, with nothing of the handler
 * left on the stack (those paths reset the stack pointer).
 *
 * Raising a request on another core's vCPU kicks it (SGI GIC_SGI_KICK, and
 * SEV for a core waiting at EL2); the kick itself carries no meaning.
 */
#ifndef CORE_REQUEST_H
#define CORE_REQUEST_H

#include <stdint.h>

struct vcpu;

#define VCPU_REQ_KICK	 (1U << 0) /* a device changed state: run the devices' kick ops */
#define VCPU_REQ_FAULT	 (1U << 1) /* a fault was reported: apply the fault policy */
#define VCPU_REQ_STOP	 (1U << 2) /* PSCI SYSTEM_OFF */
#define VCPU_REQ_RESTART (1U << 3) /* PSCI SYSTEM_RESET */
#define VCPU_REQ_PARK	 (1U << 4) /* its partition goes down (raised by the winner) */
#define VCPU_REQ_OFF	 (1U << 5) /* PSCI CPU_OFF */

/*
 * Raise @req on @v. @why (FAULT, STOP, RESTART only; a string literal) says
 * why, for the report; only @v's own core raises those on it.
 */
void vcpu_make_request(struct vcpu *v, uint32_t req, const char *why);

/* Called by the vectors before every return to the guest; may not return. */
void vcpu_return_path(void);

#endif
