// SPDX-License-Identifier: GPL-2.0-only
/*
 * layout_place(): where each partition's images and guest DTB go in its
 * guest-physical RAM, and where its boot core starts.
 *
 *   ram_ipa                                                    ram_ipa + ram_size
 *   | kernel (arm64 Image: 2 MiB base + text_offset) ... | initrd | DTB |  top
 *
 * The guest DTB takes CONFIG_GUEST_DTB_SIZE bytes at the top of RAM, at a
 * 2 MiB boundary when that leaves room (Linux maps it with 2 MiB blocks),
 * else at a 4 KiB one, always inside one physical range (it is generated in
 * place); the initrd goes just below it, the kernel at the base. Images may
 * span several physical ranges: copy them piecewise (layout_ipa_extent()).
 *
 * An arm64 Image (booting.rst: magic "ARM\x64" at 0x38) is loaded at a 2 MiB
 * aligned base + text_offset (0x08) and occupies image_size (0x10) bytes when
 * that field is non-zero. Reading the header needs the image in memory: only
 * done when layout.read_image is set (at boot), never on the host.
 */
#include <partitions/dt.h>

#include <errno.h>
#include <lib/bits.h>
#include <lib/trace.h>
#include <string.h>

#define ARM64_IMAGE_MAGIC 0x644d5241U /* "ARM\x64", little-endian at 0x38 */
#define ARM64_HDR_SIZE	  64

int layout_read_phys(void *ctx, uint64_t phys, void *buf, size_t len)
{
	(void)ctx;
	memcpy(buf, (const void *)(uintptr_t)phys, len);
	return 0;
}

static uint64_t le_bytes(const uint8_t *b, uint32_t n)
{
	uint64_t v = 0;

	while (n--)
		v = (v << 8) | b[n];
	return v;
}

/* Fills arm64_image and mem_size from the header; returns text_offset (0 if none). */
static uint64_t read_header(const struct layout *l, struct layout_image *img)
{
	uint8_t h[ARM64_HDR_SIZE];
	uint64_t image_size;

	img->arm64_image = false;
	img->mem_size = img->size;
	if (!l->read_image || img->size < ARM64_HDR_SIZE ||
	    l->read_image(l->read_ctx, img->addr, h, sizeof(h)) != 0)
		return 0;
	if (le_bytes(h + 0x38, 4) != ARM64_IMAGE_MAGIC)
		return 0;
	img->arm64_image = true;
	image_size = le_bytes(h + 0x10, 8);
	if (image_size > img->size)
		img->mem_size = image_size;
	return le_bytes(h + 0x08, 8);
}

/* Rule (at boot): an image a partition boots has been loaded (module size > 0). */
static bool image_placeable(const struct layout *l, const struct layout_partition *p,
			    const char *prop, const struct layout_image *img, struct layout_diag *d)
{
	if (!img->present || !img->has_reg)
		return false; /* absent, or reported by the parser */
	if (img->size == 0 && l->read_image) {
		layout_error(d, p->path, prop, "image not loaded: module %s has size 0", img->path);
		return false;
	}
	return true;
}

/* Puts the DTB at @dtb and the initrd just below it, if both stay above kernel_end. */
static bool try_dtb(struct layout_partition *p, uint64_t dtb, uint64_t kernel_end,
		    uint64_t initrd_size)
{
	uint64_t initrd;

	if (initrd_size > dtb - p->ram_ipa)
		return false;
	initrd = ALIGN_DOWN(dtb - initrd_size, LAYOUT_PAGE_SIZE);
	if (initrd < kernel_end || initrd < p->ram_ipa)
		return false;
	p->dtb_ipa = dtb;
	p->initrd.load_ipa = initrd;
	p->initrd.mem_size = initrd_size;
	return true;
}

/*
 * DTB as high as possible inside one physical range (it is generated in
 * place), at a 2 MiB boundary first; initrd below it, both above kernel_end.
 */
static bool place_top(struct layout_partition *p, uint64_t kernel_end, uint64_t initrd_size)
{
	for (uint32_t r = p->nmem; r-- > 0;) {
		const struct layout_mem *m = &p->mem[r];
		uint64_t top = m->ipa + m->size;
		uint64_t cand[2] = {ALIGN_DOWN(top - p->dtb_max, LAYOUT_BLOCK_2M),
				    ALIGN_DOWN(top - p->dtb_max, LAYOUT_PAGE_SIZE)};

		if (m->size < p->dtb_max)
			continue;
		for (uint32_t i = 0; i < 2; i++)
			if (cand[i] >= m->ipa && try_dtb(p, cand[i], kernel_end, initrd_size))
				return true;
	}
	return false;
}

/*
 * Rule (at boot, from the Image header): text_offset and image_size keep the
 * kernel inside guest RAM. Unbounded, a text_offset near 2^64 wrapped the
 * load address below guest RAM and validation passed (attack review).
 */
static bool image_in_ram(const struct layout_partition *p, uint64_t text_offset,
			 struct layout_diag *d)
{
	const struct layout_image *k = &p->kernel;
	uint64_t end = p->ram_ipa + p->ram_size;
	uint64_t base = ALIGN_UP(p->ram_ipa, LAYOUT_BLOCK_2M);

	if (!k->arm64_image || ((base <= end) && (text_offset <= (end - base)) &&
				(k->mem_size <= ((end - base) - text_offset))))
		return true;
	layout_error(d, p->path, "kernel",
		     "image %s: text_offset 0x%llx and image_size 0x%llx put it outside guest RAM "
		     "0x%llx-0x%llx",
		     k->path, X64(text_offset), X64(k->mem_size), X64(p->ram_ipa),
		     RANGE_END(p->ram_ipa, p->ram_size));
	return false;
}

/* Rules: the kernel fits in RAM; kernel, initrd and guest DTB fit together. */
static void place_partition(const struct layout *l, struct layout_partition *p,
			    struct layout_diag *d)
{
	bool kernel = image_placeable(l, p, "kernel", &p->kernel, d);
	bool initrd = image_placeable(l, p, "initrd", &p->initrd, d);
	struct layout_image *k = &p->kernel;
	uint64_t text_offset, other_offset, end;

	p->dtb_max = CONFIG_GUEST_DTB_SIZE;
	if (firmware_placement(p)) {
		firmware_place(l, p, d); /* flash, kernel-address, dtb-address */
		return;
	}
	if (!kernel || !p->nmem || !p->ram_size || p->ram_ipa + p->ram_size < p->ram_ipa)
		return; /* nothing to place, or reported already */
	text_offset = read_header(l, k);
	/* Not an arm64 Image: a 32-bit zImage, or a raw binary at the base (exec_state.c). */
	other_offset = place_exec_state(l, p, d);
	k->load_ipa = k->arm64_image ? ALIGN_UP(p->ram_ipa, LAYOUT_BLOCK_2M) + text_offset
				     : p->ram_ipa + other_offset;
	p->entry_ipa = k->load_ipa;
	if (k->mem_size > p->ram_size) {
		layout_error(
			d, p->path, "kernel",
			"image %s (0x%llx bytes) is larger than the partition's RAM (0x%llx bytes)",
			k->path, X64(k->mem_size), X64(p->ram_size));
		return;
	}
	if (!image_in_ram(p, text_offset, d))
		return;
	end = k->load_ipa + k->mem_size;
	if (place_top(p, end, initrd ? p->initrd.size : 0))
		check_exec_state(p, d);
	else
		layout_error(d, p->path, "memory",
			     "kernel (0x%llx bytes at 0x%llx), initrd (0x%llx bytes) and guest DTB "
			     "(0x%llx bytes) do not fit in guest RAM 0x%llx-0x%llx",
			     X64(k->mem_size), X64(k->load_ipa), X64(initrd ? p->initrd.size : 0),
			     X64(p->dtb_max), X64(p->ram_ipa), RANGE_END(p->ram_ipa, p->ram_size));
}

int layout_place(struct layout *l, struct layout_diag *d)
{
	unsigned int before = d->errors;

	if (l->root < 0)
		return trace_error(-EINVAL);
	for (uint32_t i = 0; i < l->nparts; i++)
		place_partition(l, &l->parts[i], d);
	return d->errors > before ? trace_error(-EINVAL) : 0;
}

uint64_t layout_ipa_extent(const struct layout_partition *p, uint64_t ipa, uint64_t *phys)
{
	for (uint32_t i = 0; i < p->nmem; i++) {
		const struct layout_mem *m = &p->mem[i];

		if (ipa >= m->ipa && ipa - m->ipa < m->size) {
			*phys = m->phys + (ipa - m->ipa);
			return m->size - (ipa - m->ipa);
		}
	}
	return 0;
}

bool layout_ipa_to_phys(const struct layout_partition *p, uint64_t ipa, uint64_t *phys)
{
	return layout_ipa_extent(p, ipa, phys) != 0;
}
