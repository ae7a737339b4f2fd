// SPDX-License-Identifier: GPL-2.0-only
/*
 * bulkhead-check --svg FILE: the ownership map (partitions/owners.h) drawn as
 * a picture. Host only.
 *
 * A linear scale is useless here (GiB of RAM next to 4 KiB devices), so the
 * address axis is segmented: every start and end of a range in the map cuts
 * the address space into rows, and each row's height grows with the log of
 * its size (a 4 KiB page is one text line, a GiB about four). Every row is
 * labelled with its first address, so nothing needs to be measured.
 *
 * Columns, left to right: addresses; the /memory layer (RAM that owned
 * ranges are carved from); the owned ranges (Bulkhead's in grey, each
 * partition's in its colour, holes dashed); then a panel per partition with
 * its cores, memory, entry, devices and interrupts, and one for Bulkhead.
 */
#include <tools/svg.h>

#include <errno.h>
#include <math.h>
#include <partitions/dt.h>
#include <partitions/layout.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ADDR_X	 8
#define RAM_X	 150
#define RAM_W	 112
#define MAP_X	 270
#define MAP_W	 560
#define PANEL_X	 850
#define PANEL_W	 520
#define WIDTH	 (PANEL_X + PANEL_W + 10)
#define TOP	 60
#define ROW_MIN	 18.0
#define ROW_MAX	 90.0
#define LINE_H	 16
#define TEXT_MAX 160

/* One colour per partition (index mod 8); Bulkhead is grey. */
static const char *const part_colour[] = {
	"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#76b7b2", "#edc948", "#9c755f",
};
#define HYP_COLOUR     "#8c8c8c"
#define CHANNEL_COLOUR "#ff9da7" /* channels: shared by two partitions, in none's colour */

/* A row of the segmented axis: [lo, hi] inclusive, drawn from y, h tall. */
struct row {
	uint64_t lo, hi;
	double y, h;
};

/* The picture being written; rows owned by it (malloc'd). */
struct svg {
	FILE *f;
	const struct layout *l;
	struct row *rows;
	uint32_t nrows;
	double height;
};

static const char *colour(int32_t owner)
{
	if (owner == OWNER_CHANNEL)
		return CHANNEL_COLOUR;
	return owner >= 0 ? part_colour[(uint32_t)owner % 8u] : HYP_COLOUR;
}

/* @s with the five XML specials escaped, into @out. */
static const char *esc(const char *s, char *out, size_t len)
{
	size_t n = 0;

	for (; *s && n + 7 < len; s++) {
		const char *e = *s == '<'    ? "&lt;"
				: *s == '>'  ? "&gt;"
				: *s == '&'  ? "&amp;"
				: *s == '"'  ? "&quot;"
				: *s == '\'' ? "&apos;"
					     : NULL;

		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e) {
			out[n++] = '?'; /* a DTB's raw byte: not well-formed XML, or not UTF-8 */
		} else if (e) {
			memcpy(out + n, e, strlen(e));
			n += strlen(e);
		} else {
			out[n++] = *s;
		}
	}
	out[n] = '\0';
	return out;
}

static void text(struct svg *s, double x, double y, const char *attrs, const char *str)
{
	char buf[4 * TEXT_MAX];

	fprintf(s->f, "<text x=\"%.1f\" y=\"%.1f\" %s>%s</text>\n", x, y, attrs,
		esc(str, buf, sizeof(buf)));
}

/* "4 KiB", "64 MiB", "2 GiB"; "~40.0 MiB" when not a whole number of units. */
static void human(uint64_t size, char *out, size_t len)
{
	static const char *const unit[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
	uint32_t u = 0;
	double v = (double)size;

	while (u < 6 && size >= 1024 && size % 1024 == 0) {
		size /= 1024;
		u++;
	}
	if (size < 1024 || u == 6) {
		snprintf(out, len, "%llu %s", (unsigned long long)size, unit[u]);
		return;
	}
	for (u = 0; u < 6 && v >= 1023.95; u++)
		v /= 1024.0;
	snprintf(out, len, "~%.1f %s", v, unit[u]);
}

/* First and last byte a range owns (device MMIO owns whole pages). */
static void extent(const struct owner_range *r, uint64_t *first, uint64_t *last)
{
	*first = r->paged ? r->base & ~(LAYOUT_PAGE_SIZE - 1) : r->base;
	*last = r->base + (r->size - 1);
	if (r->paged)
		*last |= LAYOUT_PAGE_SIZE - 1;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Row height: one text line for a page, growing with log2 of the size. */
static double row_height(uint64_t lo, uint64_t hi)
{
	double bytes = (double)(hi - lo) + 1.0;
	double h = ROW_MIN + 3.0 * (log2(bytes) - 12.0);

	return h < ROW_MIN ? ROW_MIN : h > ROW_MAX ? ROW_MAX : h;
}

/* Cuts [0, highest owned byte] at every range's start and end. */
static int make_rows(struct svg *s)
{
	const struct owner_map *m = &s->l->owners;
	uint64_t *cut = malloc(sizeof(*cut) * (2u * m->n + 1u));
	uint32_t n = 0, k = 0;
	uint64_t top = 0;

	if (!cut)
		return -ENOMEM;
	cut[n++] = 0;
	for (uint32_t i = 0; i < m->n; i++) {
		uint64_t first, last;

		extent(&m->r[i], &first, &last);
		cut[n++] = first;
		if (last != UINT64_MAX)
			cut[n++] = last + 1;
		top = last > top ? last : top;
	}
	qsort(cut, n, sizeof(*cut), cmp_u64);
	s->rows = calloc(n, sizeof(*s->rows));
	if (!s->rows) {
		free(cut);
		return -ENOMEM;
	}
	s->height = TOP;
	for (uint32_t i = 0; i < n; i++) {
		uint64_t hi = i + 1 < n ? cut[i + 1] - 1 : top;

		if ((i + 1 < n && cut[i + 1] == cut[i]) || cut[i] > top)
			continue;
		s->rows[k] = (struct row){.lo = cut[i], .hi = hi, .y = s->height};
		s->rows[k].h = row_height(cut[i], hi);
		s->height += s->rows[k++].h;
	}
	s->nrows = k;
	free(cut);
	return 0;
}

/* The rows [first, last] cover: y and height. */
static void span(const struct svg *s, uint64_t first, uint64_t last, double *y, double *h)
{
	*y = -1;
	*h = 0;
	for (uint32_t i = 0; i < s->nrows; i++) {
		if (s->rows[i].hi < first || s->rows[i].lo > last)
			continue;
		if (*y < 0)
			*y = s->rows[i].y;
		*h = s->rows[i].y + s->rows[i].h - *y;
	}
}

static void draw_axis(struct svg *s)
{
	char buf[64];

	for (uint32_t i = 0; i < s->nrows; i++) {
		const struct row *r = &s->rows[i];

		snprintf(buf, sizeof(buf), "0x%llx", (unsigned long long)r->lo);
		text(s, ADDR_X, r->y + 12, "class=\"addr\"", buf);
		fprintf(s->f,
			"<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"tick\"/>\n",
			ADDR_X, r->y, MAP_X + MAP_W, r->y);
	}
	if (s->nrows) {
		const struct row *r = &s->rows[s->nrows - 1];

		snprintf(buf, sizeof(buf), "0x%llx (end)", (unsigned long long)r->hi);
		text(s, ADDR_X, r->y + r->h + 12, "class=\"addr\"", buf);
	}
}

/* The partition that boots the module at @node ("" if none). */
static const char *module_user(const struct layout *l, int node)
{
	for (uint32_t i = 0; i < l->nparts; i++)
		if ((l->parts[i].kernel.present && l->parts[i].kernel.node == node) ||
		    (l->parts[i].initrd.present && l->parts[i].initrd.node == node))
			return l->parts[i].name;
	return "";
}

/* What a range is, in words: "linux: /pl011@9040000 reg 0, IRQ 40". */
static void describe(const struct svg *s, const struct owner_range *r, char *out, size_t len)
{
	const struct layout *l = s->l;
	char path[LAYOUT_PATH_MAX] = "", size[32];
	const char *who = r->owner >= 0		      ? l->parts[r->owner].name
			  : r->owner == OWNER_CHANNEL ? "channel" /* shared by its endpoints */
						      : "bulkhead";
	int n;

	if (r->node >= 0)
		dt_path(l->fdt, r->node, path, sizeof(path));
	human(r->size, size, sizeof(size));
	if (r->kind == OWN_PART_RAM) {
		snprintf(out, len, "%s: RAM %s, IPA 0x%llx", who, size, (unsigned long long)r->ipa);
		return;
	}
	if (r->kind == OWN_MODULE) {
		snprintf(out, len, "module %s%s%s%s", path,
			 r->size == 1 ? " (size set at load)" : "",
			 *module_user(l, r->node) ? ": image of " : "", module_user(l, r->node));
		return;
	}
	if (r->kind == OWN_PART_DEV)
		n = snprintf(out, len, "%s: %s %s %u, %s", who, path,
			     r->window ? "PCI window" : "reg", r->index, size);
	else
		n = snprintf(out, len, "%s: %s [%s] %s", who, path, owner_kind_name(r->kind), size);
	if (r->kind == OWN_PART_DEV && n > 0 && (size_t)n < len) {
		const struct layout_device *dev = &l->parts[r->owner].devices[r->dev];

		for (uint32_t x = 0; x < dev->nirqs && (size_t)n + 12 < len; x++)
			n += snprintf(out + n, len - (size_t)n, "%s%u", x ? "," : ", IRQ ",
				      dev->irqs[x]);
	}
}

static void draw_range(struct svg *s, const struct owner_range *r)
{
	uint64_t first, last;
	double y, h;
	char what[TEXT_MAX];

	extent(r, &first, &last);
	span(s, first, last, &y, &h);
	if (y < 0)
		return;
	if (r->kind == OWN_RAM) {
		char size[32], path[LAYOUT_PATH_MAX] = "";

		fprintf(s->f,
			"<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" class=\"ram\"/>\n",
			RAM_X, y, RAM_W, h);
		human(r->size, size, sizeof(size));
		if (r->node >= 0)
			dt_path(s->l->fdt, r->node, path, sizeof(path));
		text(s, RAM_X + 4, y + 14, "class=\"lbl\"", "RAM");
		text(s, RAM_X + 4, y + 28, "class=\"small\"", size);
		text(s, RAM_X + 4, y + 42, "class=\"tiny\"", path);
		return;
	}
	fprintf(s->f,
		"<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\" "
		"class=\"own\"/>\n",
		MAP_X, y, MAP_W, h, colour(r->owner));
	describe(s, r, what, sizeof(what));
	text(s, MAP_X + 6, y + h / 2 + 4.5, "class=\"lbl onfill\"", what);
}

/* Rows no owned range covers: "unassigned RAM" inside /memory, else "hole". */
static void draw_holes(struct svg *s)
{
	const struct owner_map *m = &s->l->owners;

	for (uint32_t i = 0; i < s->nrows; i++) {
		const struct row *w = &s->rows[i];
		bool owned = false, ram = false;
		char size[32], buf[64];

		for (uint32_t k = 0; k < m->n; k++) {
			uint64_t first, last;

			extent(&m->r[k], &first, &last);
			if (first <= w->lo && last >= w->hi)
				*(m->r[k].kind == OWN_RAM ? &ram : &owned) = true;
		}
		if (owned)
			continue;
		human(w->hi - w->lo + 1, size, sizeof(size));
		snprintf(buf, sizeof(buf), "%s, %s", ram ? "unassigned RAM" : "hole", size);
		fprintf(s->f,
			"<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" class=\"hole\"/>\n",
			MAP_X, w->y, MAP_W, w->h);
		text(s, MAP_X + 6, w->y + w->h / 2 + 4.5, "class=\"small\"", buf);
	}
}

/* One text line of a panel, moving *y down. */
static void pline(struct svg *s, double *y, const char *attrs, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void pline(struct svg *s, double *y, const char *attrs, const char *fmt, ...)
{
	char buf[TEXT_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	text(s, PANEL_X + 10, *y, attrs, buf);
	*y += LINE_H;
}

static void panel_devices(struct svg *s, const struct layout_partition *p, double *y)
{
	for (uint32_t k = 0; k < p->ndevices; k++) {
		const struct layout_device *dev = &p->devices[k];
		char irqs[96] = "";
		int n = 0;

		for (uint32_t x = 0; x < dev->nirqs && n >= 0 && (size_t)n + 12 < sizeof(irqs); x++)
			n += snprintf(irqs + n, sizeof(irqs) - (size_t)n, "%s%u", x ? "," : " IRQ ",
				      dev->irqs[x]);
		pline(s, y, "class=\"small\"", "\u2022 %s%s%s%s", dev->path, irqs,
		      dev->nstreams ? " (SMMU streams)" : "",
		      dev->dma_unconfined ? " (DMA unconfined)" : "");
	}
}

static void panel_partition(struct svg *s, uint32_t i, double *y)
{
	const struct layout *l = s->l;
	const struct layout_partition *p = &l->parts[i];
	double top = *y;
	char cores[TEXT_MAX] = "", size[32];
	int n = 0;

	for (uint32_t c = 0; c < p->ncpus && n >= 0 && (size_t)n + 24 < sizeof(cores); c++)
		n += snprintf(cores + n, sizeof(cores) - (size_t)n, "%sMPIDR 0x%llx", c ? ", " : "",
			      (unsigned long long)l->cpus[p->cpus[c]].mpidr);
	*y += 18;
	pline(s, y, "class=\"title\"", "%s", p->name);
	pline(s, y, "class=\"small\"", "cores: %s", cores);
	for (uint32_t k = 0; k < p->nmem; k++) {
		human(p->mem[k].size, size, sizeof(size));
		pline(s, y, "class=\"small\"", "RAM 0x%llx, %s -> IPA 0x%llx",
		      (unsigned long long)p->mem[k].phys, size, (unsigned long long)p->mem[k].ipa);
	}
	pline(s, y, "class=\"small\"", "entry IPA 0x%llx, kernel %s%s",
	      (unsigned long long)p->entry_ipa, p->kernel.path,
	      p->virtual_uart ? ", emulated UART" : "");
	pline(s, y, "class=\"small\"", "devices (%u):", p->ndevices);
	panel_devices(s, p, y);
	fprintf(s->f,
		"<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\" "
		"class=\"panel\"/>\n",
		PANEL_X, top + 4, 8, *y - top - 10, colour((int32_t)i));
}

/* Bulkhead's own interrupts and the cores no partition has. */
static void panel_bulkhead(struct svg *s, double *y)
{
	const struct layout *l = s->l;
	uint32_t own[OWNERS_MAX_HYP_SPIS];
	int node[OWNERS_MAX_HYP_SPIS];
	uint32_t n = owners_bulkhead_spis(l, own, node, OWNERS_MAX_HYP_SPIS);
	char path[LAYOUT_PATH_MAX];

	*y += 18;
	pline(s, y, "class=\"title\"", "bulkhead");
	for (uint32_t i = 0; i < n; i++) {
		dt_path(l->fdt, node[i], path, sizeof(path));
		pline(s, y, "class=\"small\"", "IRQ %u %s", own[i], path);
	}
	for (uint32_t c = 0; c < l->ncpus; c++)
		if (l->cpus[c].partition < 0)
			pline(s, y, "class=\"small\"", "unassigned core MPIDR 0x%llx",
			      (unsigned long long)l->cpus[c].mpidr);
}

static void write_head(struct svg *s, double height)
{
	fprintf(s->f,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%.0f\" "
		"viewBox=\"0 0 %d %.0f\">\n"
		"<style>\n"
		"text { font-family: sans-serif; font-size: 12px; fill: #222; }\n"
		".addr { font-family: monospace; font-size: 11px; }\n"
		".small { font-size: 11px; }\n"
		".tiny { font-size: 9px; }\n"
		".title { font-size: 14px; font-weight: bold; }\n"
		".onfill { fill: #fff; font-weight: bold; }\n"
		".tick { stroke: #ccc; stroke-width: 0.5; }\n"
		".ram { fill: #e8f0e0; stroke: #8a8; }\n"
		".own { stroke: #fff; stroke-width: 1; }\n"
		".hole { fill: #fafafa; stroke: #bbb; stroke-dasharray: 4 3; }\n"
		"</style>\n"
		"<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>\n",
		WIDTH, height, WIDTH, height);
}

static void draw(struct svg *s, const char *title)
{
	const struct owner_map *m = &s->l->owners;
	double py = TOP - 10;
	long panel_end;

	text(s, ADDR_X, 24, "class=\"title\"", title);
	text(s, ADDR_X, 42, "class=\"small\"",
	     "physical address map; row height grows with log2(size); device MMIO owns whole "
	     "4 KiB pages");
	text(s, ADDR_X, TOP - 4, "class=\"lbl\"", "address");
	text(s, RAM_X, TOP - 4, "class=\"lbl\"", "memory");
	text(s, MAP_X, TOP - 4, "class=\"lbl\"", "owner: range");
	draw_axis(s);
	for (uint32_t i = 0; i < m->n; i++)
		draw_range(s, &m->r[i]);
	draw_holes(s);
	for (uint32_t i = 0; i < s->l->nparts; i++)
		panel_partition(s, i, &py);
	panel_bulkhead(s, &py);
	panel_end = (long)(py > s->height ? py : s->height) + 30;
	fprintf(s->f, "</svg>\n");
	s->height = (double)panel_end;
	/* s->height is known only now: the caller writes the head, then this body. */
}

int layout_write_svg(const struct layout *l, const char *file, const char *title)
{
	struct svg s = {.l = l};
	char *body = NULL;
	size_t len = 0;
	FILE *out;
	int ret;

	if (!l->owners.built)
		return -EINVAL;
	ret = make_rows(&s);
	if (ret)
		return ret;
	s.f = open_memstream(&body, &len);
	if (!s.f) {
		free(s.rows);
		return -ENOMEM;
	}
	draw(&s, title);
	ret = fclose(s.f) ? -ENOMEM : 0;
	out = ret ? NULL : fopen(file, "w");
	if (out) {
		s.f = out;
		write_head(&s, s.height);
		fputs(body, out);
		ret = fclose(out) ? -EIO : 0;
	} else if (!ret) {
		ret = -errno;
	}
	free(body);
	free(s.rows);
	return ret;
}
