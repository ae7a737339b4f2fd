/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The exception frame the guest library's vectors (arch/<arch>/vectors.S)
 * push on the interrupted context's stack, shared by the assembly and C:
 * struct rt_frame with the general registers x[] (FRAME_LR: the link
 * register's index), elr (where the context resumes), spsr (its PSTATE) and
 * stamp, the virtual counter read at the vector's entry (the "handler entry"
 * time the latency benchmarks use).
 */
#ifndef GUESTS_LIB_FRAME_H
#define GUESTS_LIB_FRAME_H

/*
 * Vector index (Arm ARM D1.10.2: 4 groups of sync, IRQ, FIQ, SError). The
 * AArch32 vectors map onto the same numbers: Undefined, SVC and the aborts
 * are VEC_SYNC (frame->vector says which), IRQ VEC_IRQ, FIQ VEC_FIQ.
 */
#define VEC_SYNC_SP0 0
#define VEC_SYNC     4 /* current EL with SP_ELx */
#define VEC_IRQ	     5
#define VEC_FIQ	     6
#define VEC_SERROR   7

#ifdef __arm__
#include <guests/lib/arch/aarch32/frame.h>
#else
#include <guests/lib/arch/aarch64/frame.h>
#endif

#endif
