/* SPDX-License-Identifier: GPL-2.0-only */
/* Compiler attributes the whole tree uses (image, host tools, guests). */
#ifndef LIB_COMPILER_H
#define LIB_COMPILER_H

/*
 * A function that can fail returns a negative errno and is marked __must_check:
 * ignoring its result is a build error under -Werror (as Xen's __must_check).
 */
#define __must_check __attribute__((warn_unused_result))

#endif
