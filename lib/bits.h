/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef LIB_BITS_H
#define LIB_BITS_H

#ifdef __ASSEMBLY__
#define ULL(x) x
#else
#include <stdint.h>
#define ULL(x) x##ULL
#endif

#define BIT(n)		 (ULL(1) << (n))
#define GENMASK(h, l)	 (((~0ULL) >> (63 - (h))) & ~((1ULL << (l)) - 1))
#define ARRAY_SIZE(a)	 (sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a)	 (((x) + ((a)-1)) & ~((__typeof__(x))(a)-1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a)-1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a)-1)) == 0)
#define MIN(a, b)	 ((a) < (b) ? (a) : (b))
#define MAX(a, b)	 ((a) > (b) ? (a) : (b))

#ifndef __ASSEMBLY__
/* Extract / insert a field [h:l] of a 64-bit register value. */
#define FIELD_GET64(h, l, v)  (((uint64_t)(v)&GENMASK(h, l)) >> (l))
#define FIELD_PREP64(h, l, v) (((uint64_t)(v) << (l)) & GENMASK(h, l))

/* True if [a, a+as) and [b, b+bs) overlap; sizes are non-zero and do not wrap. */
static inline int ranges_overlap(uint64_t a, uint64_t as, uint64_t b, uint64_t bs)
{
	return a < b + bs && b < a + as;
}

#endif /* !__ASSEMBLY__ */

#endif
