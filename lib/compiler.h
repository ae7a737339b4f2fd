/* SPDX-License-Identifier: GPL-2.0-only */
/* Compiler attributes used across the tree (image and host). */
#ifndef LIB_COMPILER_H
#define LIB_COMPILER_H

/* A function that can fail (returns a negative errno): its result must be checked. */
#define __must_check __attribute__((warn_unused_result))

#define unlikely(x) __builtin_expect(!!(x), 0)

#endif
