// SPDX-License-Identifier: GPL-2.0-only
/*
 * Firmware in a partition (docs/binding.md "Firmware and fixed placement"):
 *
 *   flash = <&fw>, <&env>;     read-only flash banks: module k is mapped
 *                              read-only + execute at the start of bank k,
 *                              bank k at flash-address + k * 64 MiB (QEMU
 *                              virt's two CFI banks at 0 and 0x4000000);
 *                              the boot core enters bank 0's base.
 *   flash-address = <ipa>;     bank 0's base (default 0)
 *   kernel-address = <ipa>;    copy the kernel module there, enter there
 *   dtb-address = <ipa>;       the guest DTB there (default with flash: the
 *                              RAM base, where QEMU puts it for -bios)
 *
 * A flash bank maps the module's own pages (it lies outside every partition
 * and is never written: stage 2 is read-only), so a restart finds it
 * pristine. It belongs to that partition alone (no other partition's flash,
 * kernel or initrd: partitions share no memory). Its pages must be
 * its own: 4 KiB aligned, and no other owned range in its last page.
 * The rest of a bank is not mapped; core/vdev_flash.c answers it as erased
 * flash and drops every write to the bank (a CFI read-array device that
 * never leaves read-array mode: probing finds no CFI flash).
 */
#include <partitions/dt.h>

#include <errno.h>
#include <lib/bits.h>
#include <string.h>

/* Rule: flash is 1 or 2 phandles to modules. */
static void parse_flash(struct layout *l, struct layout_partition *p, struct layout_diag *d)
{
	int len;
	const fdt32_t *ph = fdt_getprop(l->fdt, p->node, "flash", &len);
	uint64_t base = LAYOUT_DEFAULT_FLASH_IPA;

	if (!ph)
		return;
	if (len <= 0 || len % 4 || len / 4 > LAYOUT_MAX_FLASH) {
		layout_error(d, p->path, "flash", "must be 1 to %d phandles to modules",
			     LAYOUT_MAX_FLASH);
		return;
	}
	(void)parse_address(l, p->node, p->path, "flash-address", &base, d);
	for (int i = 0; i < len / 4; i++) {
		int node = parse_phandle(l, p->path, "flash", fdt32_to_cpu(ph[i]), d);
		const struct layout_image *m = node < 0 ? NULL : layout_find_module(l, node);
		struct layout_flash *f = &p->flash[p->nflash];
		char target[LAYOUT_PATH_MAX];

		if (node >= 0 && !m) {
			dt_path(l->fdt, node, target, sizeof(target));
			layout_error(d, p->path, "flash",
				     "%s is not a module (\"" LAYOUT_COMPAT_MODULE
				     "\" under " LAYOUT_ROOT_PATH ")",
				     target);
		}
		if (!m)
			continue;
		f->img = *m;
		f->img.load_ipa = base + (uint64_t)(unsigned int)i * LAYOUT_FLASH_BANK_SIZE;
		p->nflash++;
	}
}

void parse_firmware(struct layout *l, struct layout_partition *p, struct layout_diag *d)
{
	parse_flash(l, p, d);
	if (!p->nflash && fdt_getprop(l->fdt, p->node, "flash-address", NULL))
		layout_error(d, p->path, "flash-address", "given without flash");
	p->kernel_addr_set =
		parse_address(l, p->node, p->path, "kernel-address", &p->kernel_addr, d);
	p->dtb_addr_set = parse_address(l, p->node, p->path, "dtb-address", &p->dtb_addr, d);
}

/* ------------------------------------------------------------- validation */

/* Rule: a bank is aligned, inside the IPA space, clear of RAM, emulated windows, devices. */
static void check_bank_window(const struct layout_partition *p, uint32_t k, struct layout_diag *d)
{
	uint64_t base = p->flash[k].img.load_ipa, size = LAYOUT_FLASH_BANK_SIZE;
	struct guest_window w[GUEST_WINDOWS_MAX];
	uint32_t nw = guest_windows(p, w);

	if (!IS_ALIGNED(base, LAYOUT_PAGE_SIZE))
		layout_error(d, p->path, "flash-address", "0x%llx is not 4 KiB aligned", X64(base));
	if (base + size < base || base + size > (1ULL << LAYOUT_IPA_BITS)) {
		layout_error(
			d, p->path, "flash-address",
			"flash bank %u 0x%llx + 0x%llx exceeds the %d-bit guest-physical space", k,
			X64(base), X64(size), LAYOUT_IPA_BITS);
		return;
	}
	if (ranges_overlap(base, size, p->ram_ipa, p->ram_size))
		layout_error(d, p->path, "flash-address",
			     "flash bank %u 0x%llx-0x%llx overlaps guest RAM 0x%llx-0x%llx", k,
			     X64(base), RANGE_END(base, size), X64(p->ram_ipa),
			     RANGE_END(p->ram_ipa, p->ram_size));
	for (uint32_t i = 0; i < nw; i++)
		if (ranges_overlap(base, size, w[i].base, w[i].size)) {
			layout_error(d, p->path, "flash-address",
				     "flash bank %u 0x%llx-0x%llx overlaps %s", k, X64(base),
				     RANGE_END(base, size), w[i].what);
			break; /* one bank (64 MiB) can span them all: the first says it */
		}
	for (uint32_t i = 0; i < p->ndevices; i++)
		for (uint32_t r = 0; r < p->devices[i].nregs; r++)
			if (ranges_overlap(base, size, p->devices[i].regs[r].base,
					   p->devices[i].regs[r].size))
				layout_error(d, p->path, "flash-address",
					     "flash bank %u 0x%llx-0x%llx overlaps device %s "
					     "(mapped at its physical address)",
					     k, X64(base), RANGE_END(base, size),
					     p->devices[i].path);
}

/*
 * Rule: the module of a bank is mapped by whole pages of its own: its base is
 * 4 KiB aligned, it fits in the bank, and its last page holds no other owned
 * range (ownership map: another module, Bulkhead, a partition's RAM).
 */
static void check_bank_module(const struct layout *l, const struct layout_partition *p,
			      const struct layout_image *m, struct layout_diag *d)
{
	uint64_t end = m->addr + (m->size ? m->size : 1);
	uint64_t tail = ALIGN_UP(end, LAYOUT_PAGE_SIZE) - end;

	if (!m->has_reg)
		return;
	if (!IS_ALIGNED(m->addr, LAYOUT_PAGE_SIZE))
		layout_error(
			d, p->path, "flash",
			"module %s at 0x%llx is not 4 KiB aligned: a flash bank maps its pages",
			m->path, X64(m->addr));
	if (m->size > LAYOUT_FLASH_BANK_SIZE)
		layout_error(d, p->path, "flash",
			     "module %s (0x%llx bytes) is larger than a flash bank (0x%llx bytes)",
			     m->path, X64(m->size), X64(LAYOUT_FLASH_BANK_SIZE));
	for (uint32_t i = 0; tail && i < l->owners.n; i++) {
		const struct owner_range *r = &l->owners.r[i];

		if (r->kind == OWN_RAM || r->kind == OWN_HOLE ||
		    (r->kind == OWN_MODULE && r->node == m->node))
			continue;
		if (ranges_overlap(end, tail, r->base, r->size))
			layout_error(d, p->path, "flash",
				     "module %s: its last page 0x%llx also holds %s 0x%llx-0x%llx "
				     "(a flash bank maps whole pages)",
				     m->path, X64(ALIGN_DOWN(end, LAYOUT_PAGE_SIZE)),
				     owner_kind_name(r->kind), X64(r->base),
				     RANGE_END(r->base, r->size));
	}
}

/* Partition @q's use of module node @node, or NULL: a flash bank, its kernel or its initrd. */
static const char *module_use(const struct layout_partition *q, int node)
{
	for (uint32_t k = 0; k < q->nflash; k++)
		if (q->flash[k].img.node == node)
			return "flash";
	if (q->kernel.node == node)
		return "kernel";
	if (q->initrd.present && (q->initrd.node == node))
		return "initrd";
	return NULL;
}

/*
 * Rule: a module mapped as a flash bank belongs to that partition alone. Its
 * pages are in that partition's stage 2, and partitions share no memory but
 * channels: two partitions mapping it, even read-only, share cache lines (a
 * timing channel between them), and one partition would read an image
 * another boots from.
 */
static void check_bank_shared(const struct layout *l, uint32_t i, const struct layout_image *m,
			      struct layout_diag *d)
{
	for (uint32_t j = 0; j < l->nparts; j++) {
		const char *use = (j == i) ? NULL : module_use(&l->parts[j], m->node);

		if (use != NULL)
			layout_error(d, l->parts[i].path, "flash",
				     "module %s is also the %s of partition '%s' "
				     "(a flash bank maps it; partitions share no memory)",
				     m->path, use, l->parts[j].name);
	}
}

void validate_firmware(const struct layout *l, uint32_t i, struct layout_diag *d)
{
	const struct layout_partition *p = &l->parts[i];

	if (p->nflash && fdt_getprop(l->fdt, p->node, "kernel", NULL))
		layout_error(d, p->path, "kernel",
			     "given with flash: the partition boots its flash bank 0");
	if (!p->kernel.present && p->initrd.present)
		layout_error(d, p->path, "initrd", "given without kernel");
	if (p->nflash && p->kernel_addr_set)
		layout_error(d, p->path, "kernel-address", "given without kernel");
	for (uint32_t k = 0; k < p->nflash; k++) {
		check_bank_window(p, k, d);
		check_bank_module(l, p, &p->flash[k].img, d);
		check_bank_shared(l, i, &p->flash[k].img, d);
	}
}

/* -------------------------------------------------------------- placement */

bool firmware_placement(const struct layout_partition *p)
{
	return p->nflash || p->kernel_addr_set || p->dtb_addr_set;
}

/* Rule: [@ipa, +@size) lies in guest RAM (and, for the DTB, in one physical range). */
static bool in_guest_ram(const struct layout_partition *p, uint64_t ipa, uint64_t size,
			 bool contiguous)
{
	uint64_t phys;

	if (ipa < p->ram_ipa || ipa - p->ram_ipa > p->ram_size ||
	    size > p->ram_size - (ipa - p->ram_ipa))
		return false;
	return !contiguous || layout_ipa_extent(p, ipa, &phys) >= size;
}

static void place_error(const struct layout_partition *p, const char *prop, const char *what,
			uint64_t ipa, uint64_t size, struct layout_diag *d)
{
	layout_error(d, p->path, prop, "%s 0x%llx-0x%llx is not inside guest RAM 0x%llx-0x%llx%s",
		     what, X64(ipa), RANGE_END(ipa, size ? size : 1), X64(p->ram_ipa),
		     RANGE_END(p->ram_ipa, p->ram_size),
		     strcmp(what, "guest DTB") == 0 ? " (in one of its memory ranges)" : "");
}

/* Kernel (fixed or at the RAM base), initrd right after it, DTB fixed or default. */
static void place_kernel(struct layout_partition *p, struct layout_diag *d)
{
	struct layout_image *k = &p->kernel, *r = &p->initrd;

	k->load_ipa = p->kernel_addr_set ? p->kernel_addr : p->ram_ipa;
	k->mem_size = k->size; /* copied as it is: no Image header is read */
	p->entry_ipa = k->load_ipa;
	if (!IS_ALIGNED(k->load_ipa, LAYOUT_PAGE_SIZE))
		layout_error(d, p->path, "kernel-address", "0x%llx is not 4 KiB aligned",
			     X64(k->load_ipa));
	if (!in_guest_ram(p, k->load_ipa, k->size, false))
		place_error(p, "kernel-address", "kernel", k->load_ipa, k->size, d);
	if (r->present) {
		r->load_ipa = ALIGN_UP(k->load_ipa + k->size, LAYOUT_PAGE_SIZE);
		r->mem_size = r->size;
		if (!in_guest_ram(p, r->load_ipa, r->size, false))
			place_error(p, "initrd", "initrd", r->load_ipa, r->size, d);
	}
}

/* Rule: the DTB does not overlap the kernel or the initrd. */
static void check_dtb_clear(const struct layout_partition *p, const struct layout_image *img,
			    struct layout_diag *d)
{
	if (img->present && ranges_overlap(p->dtb_ipa, p->dtb_max, img->load_ipa, img->size))
		layout_error(d, p->path, "dtb-address",
			     "guest DTB 0x%llx-0x%llx overlaps %s 0x%llx-0x%llx", X64(p->dtb_ipa),
			     RANGE_END(p->dtb_ipa, p->dtb_max), img->path, X64(img->load_ipa),
			     RANGE_END(img->load_ipa, img->size));
}

/*
 * Placement when firmware.c's properties are given (place.c calls it instead
 * of its own): the DTB at dtb-address, else at the RAM base with flash, else
 * at the top of RAM; a kernel at kernel-address or the RAM base.
 */
void firmware_place(const struct layout *l, struct layout_partition *p, struct layout_diag *d)
{
	p->dtb_max = CONFIG_GUEST_DTB_SIZE;
	for (uint32_t k = 0; k < p->nflash; k++)
		if (l->read_image && p->flash[k].img.size == 0)
			layout_error(d, p->path, "flash", "image not loaded: module %s has size 0",
				     p->flash[k].img.path);
	/* kernel and initrd not loaded: place.c's image_placeable() said so */
	if (!p->nmem || !p->ram_size || p->ram_ipa + p->ram_size < p->ram_ipa)
		return; /* reported already */
	if (p->dtb_addr_set)
		p->dtb_ipa = p->dtb_addr;
	else if (p->nflash)
		p->dtb_ipa = p->ram_ipa;
	else
		p->dtb_ipa = ALIGN_DOWN(p->ram_ipa + p->ram_size - p->dtb_max, LAYOUT_PAGE_SIZE);
	if (!IS_ALIGNED(p->dtb_ipa, LAYOUT_PAGE_SIZE))
		layout_error(d, p->path, "dtb-address", "0x%llx is not 4 KiB aligned",
			     X64(p->dtb_ipa));
	else if (!in_guest_ram(p, p->dtb_ipa, p->dtb_max, true))
		place_error(p, "dtb-address", "guest DTB", p->dtb_ipa, p->dtb_max, d);
	for (uint32_t k = 0; k < p->nflash; k++)
		p->flash[k].mapped = ALIGN_UP(p->flash[k].img.size, LAYOUT_PAGE_SIZE);
	if (p->nflash) {
		p->entry_ipa = p->flash[0].img.load_ipa;
		return;
	}
	if (!p->kernel.present || !p->kernel.has_reg || (l->read_image && !p->kernel.size))
		return;
	place_kernel(p, d);
	check_dtb_clear(p, &p->kernel, d);
	check_dtb_clear(p, &p->initrd, d);
}
