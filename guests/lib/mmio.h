/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * MMIO accessors. Each is one load or store instruction of inline assembly
 * with a plain register address: the compiler may neither split, merge nor
 * widen it, and the data abort an emulated device causes has a valid
 * syndrome (ISV = 1) that the hypervisor decodes (Arm ARM D17.2.40).
 *
 * AArch32 has no 64-bit access with a valid syndrome (LDRD and LDM abort with
 * ISV = 0, which Bulkhead treats as a fault): there mmio_read64/mmio_write64
 * are two 32-bit accesses, low word first, which the GIC registers they are
 * used for allow (GICR_TYPER, GICD_IROUTER: IHI 0069 12.1.3).
 */
#ifndef GUESTS_LIB_MMIO_H
#define GUESTS_LIB_MMIO_H

#ifdef __arm__
#include <guests/lib/arch/aarch32/mmio.h>
#else
#include <guests/lib/arch/aarch64/mmio.h>
#endif

#endif
