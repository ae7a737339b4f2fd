// SPDX-License-Identifier: GPL-2.0-only
/*
 * Shared-memory channels (docs/binding.md "Channels"): a node
 *
 *   name {
 *           compatible = "bulkhead,channel";
 *           size = <...>;            or   reg = <phys size>;
 *           endpoint-a { partition = <&p0>; doorbell; };
 *           endpoint-b { partition = <&p1>; access = "ro"; guest-address = <...>; };
 *   };
 *
 * under /chosen/bulkhead. The region (a header page Bulkhead writes, then the
 * payload) is one range of the ownership map, owned by the channel alone
 * (OWN_CHANNEL, owners.c). Parsing (after the partitions, whose phandles the
 * endpoints name), then at validation: placement of the region when only a
 * size is given, the default guest-physical address and doorbell SPI of each
 * endpoint, and the guest-map rules. Overlaps with anything else owned are
 * the ownership map's.
 */
#include <partitions/channel.h>
#include <partitions/dt.h>

#include <errno.h>
#include <lib/bits.h>
#include <lib/format.h>
#include <string.h>

static int partition_of(const struct layout *l, int node)
{
	for (uint32_t i = 0; i < l->nparts; i++)
		if (l->parts[i].node == node)
			return (int)i;
	return -1;
}

/* Rule: partition is one phandle to a partition node. */
static void parse_ep_partition(const struct layout *l, struct layout_endpoint *e,
			       struct layout_diag *d)
{
	int len;
	int node;
	const fdt32_t *ph = fdt_getprop(l->fdt, e->node, "partition", &len);

	if (!ph) {
		layout_error(d, e->path, "partition", "missing: phandle to a partition");
		return;
	}
	if (len != 4) {
		layout_error(d, e->path, "partition", "must be one phandle");
		return;
	}
	node = parse_phandle(l, e->path, "partition", fdt32_to_cpu(*ph), d);
	e->partition = (node >= 0) ? partition_of(l, node) : -1;
	if ((node >= 0) && (e->partition < 0)) {
		char other[LAYOUT_PATH_MAX];

		dt_path(l->fdt, node, other, sizeof(other));
		layout_error(d, e->path, "partition", "%s is not a partition", other);
	}
}

/* access ("rw" default, "ro"), guest-address, doorbell (boolean). */
static void parse_ep_props(const struct layout *l, struct layout_endpoint *e, struct layout_diag *d)
{
	int len = 0;
	const char *acc;
	const void *db = fdt_getprop(l->fdt, e->node, "doorbell", &len);

	if ((db != NULL) && (len != 0))
		layout_error(d, e->path, "doorbell", "must be empty (a boolean)");
	e->doorbell = db != NULL;
	acc = fdt_getprop(l->fdt, e->node, "access", &len);
	if ((acc != NULL) && (len == 3) && (strcmp(acc, "ro") == 0)) {
		e->read_only = true;
	} else if ((acc != NULL) && !((len == 3) && (strcmp(acc, "rw") == 0))) {
		layout_error(d, e->path, "access", "must be \"rw\" or \"ro\"");
	} else {
		/* "rw", the default */
	}
	e->ipa_given = parse_address(l, e->node, e->path, "guest-address", &e->ipa, d);
	acc = fdt_getprop(l->fdt, e->node, "interface", &len);
	if ((acc != NULL) && (len == 4) && (strcmp(acc, "pci") == 0)) {
		e->pci = true;
	} else if ((acc != NULL) && !((len == 5) && (strcmp(acc, "mmio") == 0))) {
		layout_error(d, e->path, "interface", "must be \"mmio\" or \"pci\"");
	} else {
		/* "mmio", the default: the doorbell page and an edge SPI */
	}
	if (e->pci && !e->doorbell)
		layout_error(d, e->path, "interface",
			     "\"pci\" needs doorbell (BAR0 is the doorbell page, INTA its "
			     "interrupt)");
}

/* Rule: at most LAYOUT_MAX_ENDPOINTS endpoint nodes, in distinct partitions. */
static void parse_endpoints(const struct layout *l, struct layout_channel *c, struct layout_diag *d)
{
	int node;

	fdt_for_each_subnode(node, l->fdt, c->node)
	{
		struct layout_endpoint *e;

		if (c->nendpoints == (uint32_t)LAYOUT_MAX_ENDPOINTS) {
			layout_error(d, c->path, "-", "more than %d endpoints",
				     LAYOUT_MAX_ENDPOINTS);
			return;
		}
		e = &c->ep[c->nendpoints];
		c->nendpoints++;
		*e = (struct layout_endpoint){.node = node, .partition = -1};
		dt_path(l->fdt, node, e->path, sizeof(e->path));
		strict_endpoint(l, node, e->path, d);
		parse_ep_partition(l, e, d);
		parse_ep_props(l, e, d);
		for (uint32_t k = 0; ((k + 1U) < c->nendpoints) && (e->partition >= 0); k++)
			if (c->ep[k].partition == e->partition)
				layout_error(d, e->path, "partition",
					     "partition '%s' is already endpoint %s",
					     l->parts[e->partition].name, c->ep[k].path);
	}
	if (c->nendpoints < (uint32_t)LAYOUT_MAX_ENDPOINTS)
		layout_error(d, c->path, "-", "needs %d endpoint nodes (has %u)",
			     LAYOUT_MAX_ENDPOINTS, c->nendpoints);
}

/* Rule: reg (phys, size) or size alone (Bulkhead places it), not both. */
static void parse_region(const struct layout *l, struct layout_channel *c, struct layout_diag *d)
{
	int len;
	const fdt32_t *reg = fdt_getprop(l->fdt, c->node, "reg", &len);
	int err = dt_prop_cells(l->fdt, c->node, "size", l->scells, &c->size);

	if ((reg != NULL) && (err != -ENOENT)) {
		layout_error(d, c->path, "size", "give reg or size, not both");
		return;
	}
	if (reg != NULL) {
		if ((uint32_t)len != ((l->acells + l->scells) * 4U)) {
			layout_error(d, c->path, "reg",
				     "must be one (address, size) pair of %u cells",
				     l->acells + l->scells);
			return;
		}
		c->phys = dt_cells(reg, l->acells);
		c->size = dt_cells(reg + l->acells, l->scells);
	} else if (err != 0) {
		layout_error(d, c->path, "size", "%s",
			     (err == -ENOENT) ? "missing: give size (or reg)"
					      : "must be one size of #size-cells cells");
		return;
	} else {
		/* size alone: placed at validation */
	}
	c->placed = (reg == NULL);
	if ((c->size < CHANNEL_MIN_SIZE) || (c->size > CHANNEL_MAX_SIZE) ||
	    !IS_ALIGNED(c->size | c->phys, LAYOUT_PAGE_SIZE)) {
		layout_error(d, c->path, c->placed ? "size" : "reg",
			     "0x%llx bytes at 0x%llx: a channel is 4 KiB aligned, 0x%llx to "
			     "0x%llx bytes (header page + payload)",
			     X64(c->size), X64(c->phys), X64(CHANNEL_MIN_SIZE),
			     X64(CHANNEL_MAX_SIZE));
		c->size = 0; /* reported: placed nowhere, owns nothing (channel_ok()) */
	} else if (!c->placed && ((c->phys + c->size) < c->phys)) {
		layout_error(d, c->path, "reg", "0x%llx + 0x%llx wraps around", X64(c->phys),
			     X64(c->size));
		c->size = 0;
	} else {
		/* usable */
	}
}

/*
 * Rule: the node is named "channel", "channel-<label>" (1 to 15 characters
 * of the partition-name set), either with a unit address. The label (or
 * "channel") is what guests find the channel by.
 */
static void parse_label(struct layout_channel *c, const char *name, struct layout_diag *d)
{
	const size_t prefix = 8U; /* "channel-" */
	const char *label = name;
	size_t len = 0;

	while ((name[len] != '\0') && (name[len] != '@'))
		len++;
	if ((len >= prefix) && (strncmp(name, "channel-", prefix) == 0)) {
		label = &name[prefix];
		len -= prefix;
	} else if (!((len == (prefix - 1U)) && (strncmp(name, "channel", prefix - 1U) == 0))) {
		layout_error(d, c->path, "-",
			     "a channel node is named \"channel\" or \"channel-<label>\"");
		return;
	} else {
		/* "channel": its label is "channel" */
	}
	if ((len == 0U) || (len >= sizeof(c->name)) || !strict_name(label, len)) {
		layout_error(d, c->path, "-",
			     "label: 1 to %d characters of a-z, 0-9, '_', '-', starting with a "
			     "letter",
			     LAYOUT_NAME_MAX - 1);
		return;
	}
	(void)memcpy(c->name, label, len);
}

void parse_channel(struct layout *l, int node, struct layout_diag *d)
{
	struct layout_channel *c;
	const char *name;

	if (l->nchannels == (uint32_t)LAYOUT_MAX_CHANNELS) {
		char path[LAYOUT_PATH_MAX];

		dt_path(l->fdt, node, path, sizeof(path));
		layout_error(d, path, "-", "too many channels (at most %d)",
			     (int)LAYOUT_MAX_CHANNELS);
		return;
	}
	c = &l->channels[l->nchannels];
	*c = (struct layout_channel){.node = node, .id = l->nchannels};
	l->nchannels++;
	dt_path(l->fdt, node, c->path, sizeof(c->path));
	name = fdt_get_name(l->fdt, node, NULL);
	parse_label(c, (name != NULL) ? name : "", d);
	strict_channel(l, node, c->path, d);
	parse_region(l, c, d);
	parse_endpoints(l, c, d);
	for (uint32_t k = 0; k < c->nendpoints; k++)
		if (c->ep[k].pci && (c->ep[k].partition >= 0))
			l->parts[c->ep[k].partition].vpci = true;
}

/* ------------------------------------------------------------- placement */

static bool overlap(uint64_t a, uint64_t as, uint64_t b, uint64_t bs)
{
	return (as != 0U) && (bs != 0U) && (a < (b + bs)) && (b < (a + as));
}

/*
 * The first owned range (Bulkhead, modules, partitions' RAM and devices,
 * channels with a known place) that [@base, @base + @size) meets; its base in
 * *@hit. Modules of unknown size (host) count as their first byte.
 */
static bool taken(const struct layout *l, uint64_t base, uint64_t size, uint64_t *hit)
{
	if (overlap(base, size, l->hyp.base, l->hyp.size)) {
		*hit = l->hyp.base;
		return true;
	}
	for (uint32_t i = 0; i < l->nmodules; i++) {
		const struct layout_image *m = &l->modules[i];

		if (m->has_reg && overlap(base, size, m->addr, (m->size != 0U) ? m->size : 1U)) {
			*hit = m->addr;
			return true;
		}
	}
	for (uint32_t i = 0; i < l->nparts; i++)
		for (uint32_t k = 0; k < l->parts[i].nmem; k++) {
			const struct layout_mem *m = &l->parts[i].mem[k];

			if (overlap(base, size, m->phys, m->size)) {
				*hit = m->phys;
				return true;
			}
		}
	for (uint32_t i = 0; i < l->nchannels; i++) {
		const struct layout_channel *c = &l->channels[i];

		if ((!c->placed || (c->phys != 0U)) && overlap(base, size, c->phys, c->size)) {
			*hit = c->phys;
			return true;
		}
	}
	return false;
}

/*
 * Bulkhead places a channel given by size: as high as possible in RAM, from
 * the top of the highest RAM range down, clear of every range already owned.
 * A region of 2 MiB or more is 2 MiB aligned, like its default guest address
 * (place_ipa()), so that stage 2 maps it in blocks: right under a small
 * channel, a 512 MiB one took 256 level-3 tables per endpoint, more than the
 * table pool (attack4 review, tests/invalid-dt/attack-channel-512m-under-small.dts).
 */
static void place_region(const struct layout *l, struct layout_channel *c, struct layout_diag *d)
{
	const uint64_t align = (c->size >= LAYOUT_BLOCK_2M) ? LAYOUT_BLOCK_2M : LAYOUT_PAGE_SIZE;

	for (uint32_t r = l->nram; r > 0U; r--) {
		uint64_t lo = l->ram[r - 1U].base;
		uint64_t top = ALIGN_DOWN(lo + l->ram[r - 1U].size, LAYOUT_PAGE_SIZE);
		uint64_t hit = 0;

		while (top >= (lo + c->size)) {
			uint64_t base = ALIGN_DOWN(top - c->size, align);

			if (base < lo)
				break;
			if (!taken(l, base, c->size, &hit)) {
				c->phys = base;
				return;
			}
			top = ALIGN_DOWN(hit, LAYOUT_PAGE_SIZE);
		}
	}
	layout_error(d, c->path, "size", "no free RAM of 0x%llx bytes for the channel",
		     X64(c->size));
}

uint64_t channel_window(const struct layout_channel *c, const struct layout_endpoint *e)
{
	return c->size + (e->doorbell ? CHANNEL_DOORBELL_SIZE : 0U);
}

/* What in partition @p's guest-physical space [ipa, ipa + size) meets; NULL if nothing. */
static const char *guest_conflict(const struct layout *l, const struct layout_partition *p,
				  uint64_t ipa, uint64_t size, uint32_t upto, uint64_t *end)
{
	struct guest_window w[GUEST_WINDOWS_MAX];
	const uint32_t nw = guest_windows(p, w);

	*end = p->ram_ipa + p->ram_size;
	if (overlap(ipa, size, p->ram_ipa, p->ram_size))
		return "its RAM";
	for (uint32_t k = 0; k < nw; k++) {
		*end = w[k].base + w[k].size;
		if (overlap(ipa, size, w[k].base, w[k].size))
			return w[k].what;
	}
	for (uint32_t k = 0; k < p->nflash; k++) {
		/* the whole bank: a write anywhere in it is the flash device's to drop */
		*end = p->flash[k].img.load_ipa + LAYOUT_FLASH_BANK_SIZE;
		if (overlap(ipa, size, p->flash[k].img.load_ipa, LAYOUT_FLASH_BANK_SIZE))
			return "its flash bank";
	}
	for (uint32_t k = 0; k < p->ndevices; k++)
		for (uint32_t r = 0; r < p->devices[k].nregs; r++) {
			const struct layout_range *g = &p->devices[k].regs[r];
			uint64_t b = ALIGN_DOWN(g->base, LAYOUT_PAGE_SIZE);

			*end = ALIGN_UP(g->base + g->size, LAYOUT_PAGE_SIZE);
			if (overlap(ipa, size, b, *end - b))
				return p->devices[k].path;
		}
	for (uint32_t i = 0; i < upto; i++)
		for (uint32_t k = 0; k < l->channels[i].nendpoints; k++) {
			const struct layout_channel *c = &l->channels[i];
			const struct layout_endpoint *e = &c->ep[k];

			*end = e->ipa + channel_window(c, e);
			if ((e->partition == (int)p->id) &&
			    overlap(ipa, size, e->ipa, *end - e->ipa))
				return c->path;
		}
	return NULL;
}

/* The first @align multiple from @from whose @size bytes end by @limit and meet nothing; 0 if none. */
static uint64_t search_ipa(const struct layout *l, uint32_t ci, const struct layout_partition *p,
			   uint64_t from, uint64_t size, uint64_t align, uint64_t limit)
{
	uint64_t ipa = ALIGN_UP(from, align);
	uint64_t end = 0;

	while ((ipa + size) <= limit) {
		if (guest_conflict(l, p, ipa, size, ci, &end) == NULL)
			return ipa;
		ipa = ALIGN_UP(end, align);
	}
	return 0;
}

/*
 * Default guest-physical address: after the guest's RAM, 2 MiB aligned, clear
 * of all. A PCI endpoint's doorbell page (BAR0) must end below 4 GiB: if RAM
 * ends too high for that, the search starts again from the bottom (never at
 * 0: a BAR at 0 reads as unassigned) -- attack4 review.
 */
static void place_ipa(const struct layout *l, uint32_t ci, struct layout_endpoint *e,
		      struct layout_diag *d)
{
	const struct layout_partition *p = &l->parts[e->partition];
	uint64_t size = channel_window(&l->channels[ci], e);
	/* a PCI endpoint's region is BAR2: aligned to its (power of two) size */
	uint64_t align = (e->pci && (l->channels[ci].size > LAYOUT_BLOCK_2M)) ? l->channels[ci].size
									      : LAYOUT_BLOCK_2M;
	uint64_t ipa = search_ipa(l, ci, p, p->ram_ipa + p->ram_size, size, align,
				  1ULL << LAYOUT_IPA_BITS);

	if (e->pci && ((ipa == 0U) || ((ipa + size) > CHANNEL_PCI_BAR0_LIMIT))) {
		uint64_t low = search_ipa(l, ci, p, align, size, align, CHANNEL_PCI_BAR0_LIMIT);

		ipa = (low != 0U) ? low : ipa;
	}
	if (ipa != 0U)
		e->ipa = ipa;
	else
		layout_error(d, e->path, "guest-address", "no free guest-physical space in '%s'",
			     p->name);
}

/* Rule: a given guest-address is page aligned, below 2^40, clear of the guest's map. */
static void check_ipa(const struct layout *l, uint32_t ci, const struct layout_endpoint *e,
		      struct layout_diag *d)
{
	const struct layout_partition *p = &l->parts[e->partition];
	uint64_t size = channel_window(&l->channels[ci], e);
	uint64_t end = 0;
	const char *what;

	if (!IS_ALIGNED(e->ipa, LAYOUT_PAGE_SIZE) ||
	    ((e->ipa + size) > (1ULL << LAYOUT_IPA_BITS)) || ((e->ipa + size) < e->ipa)) {
		layout_error(d, e->path, "guest-address",
			     "0x%llx: must be 4 KiB aligned, the window (0x%llx bytes) below 2^%d",
			     X64(e->ipa), X64(size), LAYOUT_IPA_BITS);
		return;
	}
	what = guest_conflict(l, p, e->ipa, size, ci, &end);
	if (what != NULL)
		layout_error(d, e->path, "guest-address",
			     "window 0x%llx-0x%llx overlaps %s in partition '%s'", X64(e->ipa),
			     RANGE_END(e->ipa, size), what, p->name);
}

/* The doorbell SPI: the first of CHANNEL_SPI_FIRST.. no device or other channel of @p uses. */
static void pick_spi(const struct layout *l, uint32_t ci, struct layout_endpoint *e,
		     struct layout_diag *d)
{
	const struct layout_partition *p = &l->parts[e->partition];

	for (uint32_t spi = CHANNEL_SPI_FIRST; spi < (CHANNEL_SPI_FIRST + CHANNEL_SPI_COUNT);
	     spi++) {
		bool used = false;

		for (uint32_t k = 0; k < p->ndevices; k++)
			for (uint32_t x = 0; x < p->devices[k].nirqs; x++)
				used = used ||
				       (p->devices[k].irqs[x] == (CHANNEL_GIC_SPI_BASE + spi));
		for (uint32_t i = 0; i < ci; i++)
			for (uint32_t k = 0; k < l->channels[i].nendpoints; k++) {
				const struct layout_endpoint *o = &l->channels[i].ep[k];

				used = used || ((o->partition == (int)p->id) && o->doorbell &&
						(o->spi == spi));
			}
		if (!used) {
			e->spi = spi;
			return;
		}
	}
	layout_error(d, e->path, "doorbell", "no free SPI in %u..%u of partition '%s'",
		     CHANNEL_SPI_FIRST, (CHANNEL_SPI_FIRST + CHANNEL_SPI_COUNT) - 1U, p->name);
}

static bool channel_ok(const struct layout_channel *c)
{
	if ((c->nendpoints != (uint32_t)LAYOUT_MAX_ENDPOINTS) || (c->size < CHANNEL_MIN_SIZE))
		return false;
	for (uint32_t k = 0; k < c->nendpoints; k++)
		if (c->ep[k].partition < 0)
			return false;
	return c->ep[0].partition != c->ep[1].partition;
}

void validate_channels(struct layout *l, struct layout_diag *d)
{
	for (uint32_t i = 0; i < l->nchannels; i++) {
		struct layout_channel *c = &l->channels[i];

		if (!channel_ok(c))
			continue; /* reported by the parser */
		if (c->placed) {
			place_region(l, c, d);
		} else if (!layout_in_ram(l, c->phys, c->size)) {
			layout_error(d, c->path, "reg", "0x%llx-0x%llx is outside RAM",
				     X64(c->phys), RANGE_END(c->phys, c->size));
		} else {
			/* given, in RAM: its overlaps are the ownership map's */
		}
		for (uint32_t k = 0; k < c->nendpoints; k++) {
			struct layout_endpoint *e = &c->ep[k];

			if (e->ipa_given)
				check_ipa(l, i, e, d);
			else
				place_ipa(l, i, e, d);
			if (e->doorbell)
				pick_spi(l, i, e, d);
			if (e->pci)
				channel_pci_check(l, i, e, d);
		}
	}
}

const struct layout_endpoint *channel_endpoint(const struct layout_channel *c, uint32_t part,
					       uint32_t *index)
{
	for (uint32_t k = 0; k < c->nendpoints; k++)
		if (c->ep[k].partition == (int)part) {
			if (index != NULL)
				*index = k;
			return &c->ep[k];
		}
	return NULL;
}

void layout_print_channels(const struct layout *l, void (*puts)(const char *line))
{
	char buf[320];

	for (uint32_t i = 0; i < l->nchannels; i++) {
		const struct layout_channel *c = &l->channels[i];

		(void)fmt_snprintf(buf, sizeof(buf),
				   "channel %u '%s' (%s): 0x%llx-0x%llx (%llu KiB%s)", c->id,
				   c->name, c->path, X64(c->phys), RANGE_END(c->phys, c->size),
				   X64(c->size >> 10U), c->placed ? ", placed by Bulkhead" : "");
		puts(buf);
		for (uint32_t k = 0; k < c->nendpoints; k++) {
			const struct layout_endpoint *e = &c->ep[k];
			int n = fmt_snprintf(
				buf, sizeof(buf), "  endpoint %u: '%s' %s at ipa 0x%llx", k,
				(e->partition >= 0) ? l->parts[e->partition].name : "?",
				e->read_only ? "ro" : "rw", X64(e->ipa));

			if (e->doorbell && (n > 0) && ((size_t)n < sizeof(buf)))
				n += fmt_snprintf(&buf[n], sizeof(buf) - (size_t)n,
						  ", doorbell page 0x%llx, SPI %u (INTID %u)",
						  X64(e->ipa + c->size), e->spi,
						  CHANNEL_GIC_SPI_BASE + e->spi);
			if (e->pci && (n > 0) && ((size_t)n < sizeof(buf)))
				(void)fmt_snprintf(&buf[n], sizeof(buf) - (size_t)n,
						   ", PCI device %u of the emulated host bridge "
						   "(ECAM ipa 0x%llx: BAR2 region, BAR0 doorbell, "
						   "INTA)",
						   e->pci_dev, X64(CHANNEL_PCI_ECAM_IPA));
			puts(buf);
		}
	}
}
