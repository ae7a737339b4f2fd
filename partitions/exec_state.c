// SPDX-License-Identifier: GPL-2.0-only
/*
 * The execution state a partition's EL1 runs in (docs/binding.md
 * "execution-state", docs/design.md "AArch32 partitions").
 *
 *  - From the image: an arm64 Image header (magic "ARM\x64" at 0x38) means
 *    AArch64; a 32-bit Linux zImage (Documentation/arch/arm/booting.rst:
 *    magic 0x016f2818 at offset 0x24, start and end addresses at 0x28 and
 *    0x2c) means AArch32.
 *  - For a raw binary (no header) from the partition's `execution-state`
 *    property: "aarch64" (the default) or "aarch32". A property that
 *    contradicts the image's header is an error.
 *
 * An AArch32 EL1 sees only 32-bit addresses in r0-r2 at entry (and, without
 * LPAE, in its MMU): its kernel, its guest DTB and the initrd must lie below
 * 4 GiB of guest-physical space. Whether the cores can run AArch32 at EL1
 * (ID_AA64PFR0_EL1.EL1) is only known on the target: checked at boot by
 * core/boot.c, never here (bulkhead-check cannot know the cores).
 */
#include <partitions/dt.h>

#include <lib/trace.h>
#include <string.h>

#define ZIMAGE_MAGIC	 0x016f2818U
#define ZIMAGE_MAGIC_OFF 0x24
#define ZIMAGE_HDR_SIZE	 0x30
/*
 * Where a zImage goes: 32 MiB above the start of RAM (booting.rst: in the
 * first 128 MiB, preferably above 32 MiB so that the decompressor does not
 * have to move itself out of the way of the kernel it unpacks at RAM +
 * TEXT_OFFSET); at 32 KiB above it in a partition of 64 MiB or less.
 */
#define ZIMAGE_LOAD_OFF	  0x2000000ULL
#define ZIMAGE_SMALL_OFF  0x8000ULL
#define AARCH32_IPA_LIMIT 0x100000000ULL

static uint32_t le32(const uint8_t *b)
{
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

void parse_exec_state(struct layout *l, struct layout_partition *p, struct layout_diag *d)
{
	int len;
	const char *v = fdt_getprop(l->fdt, p->node, "execution-state", &len);

	p->aarch32 = false;
	p->exec_state_given = v != NULL;
	if (!v)
		return;
	if ((len == 8) && (strcmp(v, "aarch32") == 0)) {
		p->aarch32 = true;
	} else if (!((len == 8) && (strcmp(v, "aarch64") == 0))) {
		layout_error(d, p->path, "execution-state",
			     "must be \"aarch64\" or \"aarch32\" (one string)");
	} else {
		/* "aarch64": the default */
	}
}

/* Is the kernel a 32-bit zImage? Only known when images can be read (at boot). */
static bool is_zimage(const struct layout *l, const struct layout_image *img)
{
	uint8_t h[ZIMAGE_HDR_SIZE];

	if (!l->read_image || (img->size < sizeof(h)) ||
	    l->read_image(l->read_ctx, img->addr, h, sizeof(h)) != 0)
		return false;
	return le32(h + ZIMAGE_MAGIC_OFF) == ZIMAGE_MAGIC;
}

uint64_t place_exec_state(const struct layout *l, struct layout_partition *p, struct layout_diag *d)
{
	const struct layout_image *k = &p->kernel;

	if (k->arm64_image) {
		if (p->aarch32)
			layout_error(d, p->path, "execution-state",
				     "\"aarch32\" but kernel %s is an arm64 Image", k->path);
		return 0;
	}
	if (!is_zimage(l, k))
		return 0; /* a raw binary: the property (or the default) decides */
	if (p->exec_state_given && !p->aarch32)
		layout_error(d, p->path, "execution-state",
			     "\"aarch64\" but kernel %s is a 32-bit zImage", k->path);
	p->aarch32 = true;
	return p->ram_size > 2 * ZIMAGE_LOAD_OFF ? ZIMAGE_LOAD_OFF : ZIMAGE_SMALL_OFF;
}

/* Rule: what an AArch32 EL1 is given at entry lies below 4 GiB. */
void check_exec_state(const struct layout_partition *p, struct layout_diag *d)
{
	uint64_t kend = p->kernel.load_ipa + p->kernel.mem_size;

	if (!p->aarch32)
		return;
	if ((kend > AARCH32_IPA_LIMIT) || ((p->dtb_ipa + p->dtb_max) > AARCH32_IPA_LIMIT) ||
	    (p->initrd.present && ((p->initrd.load_ipa + p->initrd.mem_size) > AARCH32_IPA_LIMIT)))
		layout_error(d, p->path, "memory",
			     "an AArch32 partition's kernel, initrd and guest DTB must lie below "
			     "4 GiB of guest-physical space (kernel at 0x%llx, DTB at 0x%llx)",
			     X64(p->kernel.load_ipa), X64(p->dtb_ipa));
}
