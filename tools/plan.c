// SPDX-License-Identifier: GPL-2.0-only
/*
 * The load plan (tools/plan.h): rules of the boot media that the layout's own
 * validation cannot see (where U-Boot puts the system DTB and boot.scr, the
 * top of RAM it keeps for itself, the file names on the boot partition), the
 * room each loaded file has, and the JSON that the boot-media tools render.
 *
 * An invalid layout still gets its plan, with "valid": false and its errors:
 * the invalid-layout boot tests need boot media so that Bulkhead itself can
 * reject the layout at boot (mkbootscr.py --lenient).
 */
#include <tools/plan.h>

#include <lib/bits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ERRORS  64
#define MAX_REGIONS (4 + LAYOUT_MAX_MODULES + LAYOUT_MAX_PARTITIONS * LAYOUT_MAX_MEM)
#define X(v)	    ((unsigned long long)(v))

/* Something that must not be overlapped, and where the room of a load ends. */
struct region {
	const char *what;
	uint64_t base, size;
};

struct plan {
	const struct layout *l;
	uint64_t hyp_addr, hyp_room;
	bool hyp_fallback;
	unsigned int nregions;
	struct region regions[MAX_REGIONS];
	unsigned int nerrors;
	char *errors[MAX_ERRORS];
	char names[LAYOUT_MAX_MODULES][LAYOUT_PATH_MAX + 32];
};

static void plan_error(struct plan *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void plan_error(struct plan *p, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printf("error: %s\n", buf);
	if (p->nerrors < MAX_ERRORS)
		p->errors[p->nerrors++] = strdup(buf);
}

static void add_region(struct plan *p, const char *what, uint64_t base, uint64_t size)
{
	if (p->nregions < MAX_REGIONS)
		p->regions[p->nregions++] = (struct region){what, base, size ? size : 1};
}

/* The module's extent as far as the host knows it: its size, or 1 byte (size set at boot). */
static uint64_t module_size(const struct layout_image *m)
{
	return m->size ? m->size : 1;
}

/* Bulkhead, the DTB, boot.scr, the modules and the partitions' RAM. */
static void collect(struct plan *p)
{
	const struct layout *l = p->l;

	add_region(p, "Bulkhead (" LAYOUT_ROOT_PATH " reg)", p->hyp_addr, p->hyp_room);
	add_region(p, "system.dtb", PLAN_DTB_ADDR, PLAN_DTB_WINDOW);
	add_region(p, "boot.scr (scriptaddr)", PLAN_SCRIPT_ADDR, PLAN_SCRIPT_ROOM);
	for (uint32_t i = 0; i < l->nmodules; i++) {
		const struct layout_image *m = &l->modules[i];

		if (!m->has_reg)
			continue;
		snprintf(p->names[i], sizeof(p->names[i]), "module %s", m->path);
		add_region(p, p->names[i], m->addr, module_size(m));
	}
	for (uint32_t i = 0; i < l->nparts; i++)
		for (uint32_t k = 0; k < l->parts[i].nmem; k++)
			add_region(p, "partition memory", l->parts[i].mem[k].phys,
				   l->parts[i].mem[k].size);
}

/* The RAM range holding @base, or NULL. */
static const struct layout_range *ram_of(const struct layout *l, uint64_t base)
{
	for (uint32_t i = 0; i < l->nram; i++)
		if (base >= l->ram[i].base && base - l->ram[i].base < l->ram[i].size)
			return &l->ram[i];
	return NULL;
}

/* Rule: what U-Boot loads is in RAM and below the top PLAN_UBOOT_TOP bytes it keeps. */
static void check_load(struct plan *p, const char *what, uint64_t base, uint64_t size)
{
	const struct layout_range *r = ram_of(p->l, base);

	if (!p->l->nram)
		return; /* reported by the layout */
	if (!r || size > r->base + r->size - base)
		plan_error(p, "%s 0x%llx-0x%llx is not in RAM", what, X(base), X(base + size - 1));
	else if (base + size > r->base + r->size - MIN(r->size, PLAN_UBOOT_TOP))
		plan_error(p,
			   "%s 0x%llx-0x%llx is in the top 0x%llx bytes of RAM, where U-Boot runs",
			   what, X(base), X(base + size - 1), X(PLAN_UBOOT_TOP));
}

/* Rule: the system DTB's and boot.scr's windows overlap nothing else. */
static void check_windows(struct plan *p)
{
	for (unsigned int w = 1; w <= 2; w++) { /* regions[1], [2]: see collect() */
		const struct region *a = &p->regions[w];

		for (unsigned int i = 0; i < p->nregions; i++) {
			const struct region *b = &p->regions[i];

			if (i == w || (w == 2 && i == 1) /* reported for the DTB */ ||
			    !ranges_overlap(a->base, a->size, b->base, b->size))
				continue;
			plan_error(p, "%s 0x%llx-0x%llx overlaps %s 0x%llx-0x%llx", a->what,
				   X(a->base), X(a->base + a->size - 1), b->what, X(b->base),
				   X(b->base + b->size - 1));
		}
	}
}

static bool reserved_name(const char *f)
{
	static const char *const names[] = {"bulkhead.bin", "system.dtb", "boot.scr", "boot.cmd"};

	for (unsigned int i = 0; i < ARRAY_SIZE(names); i++)
		if (strcmp(f, names[i]) == 0)
			return true;
	return false;
}

#define PORTABLE "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._+,-"

/* Rule: a module's bulkhead,file is a relative path on the boot partition, not ours. */
static void check_file(struct plan *p, const struct layout_image *m)
{
	const char *f = m->file;
	size_t bad = strspn(f, PORTABLE "/");
	size_t node = strspn(m->path, PORTABLE "/@");

	/*
	 * The name and the node's path (the size fix-up's `fdt set`) go verbatim
	 * into boot.scr (U-Boot's shell) and the plan: no quoting there.
	 */
	if (m->path[node] != '\0')
		plan_error(p,
			   "module %u: -: node path character 0x%02x at offset %zu: a node name is "
			   "made of A-Z a-z 0-9 . _ + , - @",
			   (unsigned int)(m - p->l->modules), (unsigned char)m->path[node], node);
	if (f[bad] != '\0')
		plan_error(p,
			   "%s: bulkhead,file: character 0x%02x at offset %zu: a file name is made "
			   "of A-Z a-z 0-9 . _ + , - /",
			   m->path, (unsigned char)f[bad], bad);
	else if (f[0] == '/' || strcmp(f, "..") == 0 || strncmp(f, "../", 3) == 0 ||
		 strstr(f, "/../") || (strlen(f) >= 3 && strcmp(f + strlen(f) - 3, "/..") == 0))
		plan_error(p, "%s: bulkhead,file: \"%s\" must be relative, without ..", m->path, f);
	else if (reserved_name(f))
		plan_error(p, "%s: bulkhead,file: \"%s\" is a file of the boot media itself",
			   m->path, f);
}

/* Bytes from @base to the next region or the top of usable RAM above it. */
static uint64_t room(const struct plan *p, uint64_t base)
{
	const struct layout_range *r = ram_of(p->l, base);
	uint64_t end = r ? r->base + r->size - MIN(r->size, PLAN_UBOOT_TOP) : base + PLAN_MAX_ROOM;

	for (unsigned int i = 0; i < p->nregions; i++)
		if (p->regions[i].base > base && p->regions[i].base < end)
			end = p->regions[i].base;
	return end > base ? MIN(end - base, PLAN_MAX_ROOM) : 0;
}

/* ---------------------------------------------------------------- JSON */

static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20 || c > 0x7e) /* any byte: the file stays JSON (ASCII) */
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

/* One entry of "loads"; @first: no comma before it. */
static void json_load(FILE *f, bool first, const char *what, const char *file, uint64_t addr,
		      uint64_t rm, const char *node)
{
	fprintf(f, "%s    {\"what\": \"%s\", \"file\": ", first ? "" : ",\n", what);
	json_str(f, file);
	fprintf(f, ", \"addr\": %llu, \"room\": %llu, \"node\": ", X(addr), X(rm));
	if (node)
		json_str(f, node);
	else
		fputs("null", f);
	fputc('}', f);
}

/* In load order: Bulkhead, the system DTB (the fix-ups apply to it), the modules. */
static void write_loads(const struct plan *p, FILE *f)
{
	const struct layout *l = p->l;

	fputs("  \"loads\": [\n", f);
	json_load(f, true, "hypervisor", "bulkhead.bin", p->hyp_addr, p->hyp_room,
		  p->hyp_fallback ? NULL : LAYOUT_ROOT_PATH);
	json_load(f, false, "system-dtb", "system.dtb", PLAN_DTB_ADDR,
		  PLAN_DTB_WINDOW - PLAN_DTB_PAD - PLAN_DTB_RESIZE, NULL);
	for (uint32_t i = 0; i < l->nmodules; i++) {
		const struct layout_image *m = &l->modules[i];

		if (m->has_reg && m->file[0])
			json_load(f, false, "module", m->file, m->addr, room(p, m->addr), m->path);
	}
	fputs("\n  ],\n  \"not-loaded\": [", f);
	for (uint32_t i = 0, n = 0; i < l->nmodules; i++) {
		if (l->modules[i].has_reg && !l->modules[i].file[0]) {
			fputs(n++ ? ", " : "", f);
			json_str(f, l->modules[i].path); /* no bulkhead,file: put there otherwise */
		}
	}
	fputs("],\n", f);
}

static void write_fixups(const struct plan *p, FILE *f)
{
	const struct layout *l = p->l;

	fprintf(f, "  \"fixups\": [\n    {\"op\": \"resize\", \"bytes\": %llu}",
		X(PLAN_DTB_RESIZE));
	for (uint32_t i = 0; i < l->nmodules; i++) {
		const struct layout_image *m = &l->modules[i];

		if (!m->has_reg || !m->file[0])
			continue;
		fputs(",\n    {\"op\": \"set-size\", \"node\": ", f);
		json_str(f, m->path);
		fprintf(f,
			", \"property\": \"reg\", \"address\": %llu, \"address-cells\": %u, "
			"\"size-cells\": %u, \"size-of\": ",
			X(m->addr), l->acells, l->scells);
		json_str(f, m->file);
		fputc('}', f);
	}
	fputs("\n  ],\n", f);
}

static void write_json(const struct plan *p, const char *source, const char *const *lerr,
		       unsigned int nlerr, FILE *f)
{
	const struct layout *l = p->l;

	fputs("{\n  \"format\": \"bulkhead-load-plan-1\",\n  \"source\": ", f);
	json_str(f, source);
	fprintf(f, ",\n  \"valid\": %s,\n  \"errors\": [", nlerr + p->nerrors ? "false" : "true");
	for (unsigned int i = 0; i < nlerr + p->nerrors; i++) {
		fputs(i ? ",\n    " : "\n    ", f);
		json_str(f, i < nlerr ? lerr[i] : p->errors[i - nlerr]);
	}
	fputs(nlerr + p->nerrors ? "\n  ],\n" : "],\n", f);
	fputs("  \"ram\": [", f);
	for (uint32_t i = 0; i < l->nram; i++)
		fprintf(f, "%s{\"base\": %llu, \"size\": %llu}", i ? ", " : "", X(l->ram[i].base),
			X(l->ram[i].size));
	fprintf(f, "],\n  \"uboot-top\": %llu,\n", X(PLAN_UBOOT_TOP));
	fprintf(f, "  \"script\": {\"addr\": %llu, \"room\": %llu},\n", X(PLAN_SCRIPT_ADDR),
		X(PLAN_SCRIPT_ROOM));
	write_loads(p, f);
	write_fixups(p, f);
	fprintf(f, "  \"booti\": {\"kernel\": %llu, \"fdt\": %llu}\n}\n", X(p->hyp_addr),
		X(PLAN_DTB_ADDR));
}

static int build(struct plan *p, const char *source, const char *const *lerr, unsigned int nlerr,
		 FILE *out)
{
	const struct layout *l = p->l;

	p->hyp_fallback = l->root < 0 || !l->hyp.size;
	p->hyp_addr = p->hyp_fallback ? PLAN_HYP_FALLBACK : l->hyp.base;
	p->hyp_room = p->hyp_fallback ? PLAN_HYP_FALLBACK_SIZE : l->hyp.size;
	collect(p);
	check_windows(p);
	check_load(p, "Bulkhead (" LAYOUT_ROOT_PATH " reg)", p->hyp_addr, p->hyp_room);
	check_load(p, "system.dtb", PLAN_DTB_ADDR, PLAN_DTB_WINDOW);
	for (uint32_t i = 0; i < l->nmodules; i++) {
		const struct layout_image *m = &l->modules[i];

		if (!m->has_reg || !m->file[0])
			continue;
		check_file(p, m);
		check_load(p, p->names[i], m->addr, module_size(m));
	}
	write_json(p, source, lerr, nlerr, out);
	return ferror(out) ? -1 : (int)p->nerrors;
}

/* The layout's errors, kept for the plan (bulkhead-check prints them itself). */
struct collected {
	unsigned int n;
	char *msg[MAX_ERRORS];
};

static void collect_error(struct layout_diag *d, const char *msg)
{
	struct collected *c = d->ctx;

	if (c->n < MAX_ERRORS)
		c->msg[c->n++] = strdup(msg);
}

int plan_emit(const char *out_path, const char *source, const void *fdt)
{
	struct layout *l = calloc(1, sizeof(*l));
	struct plan *p = calloc(1, sizeof(*p));
	struct collected c = {.n = 0};
	struct layout_diag d = {.report = collect_error, .ctx = &c};
	FILE *out = NULL;
	int n = -1;

	if (l && p) {
		(void)layout_check(l, fdt, NULL, NULL, NULL, &d); /* errors or not: d has them */
		out = fopen(out_path, "w");
	}
	if (out) {
		p->l = l;
		n = build(p, source, (const char *const *)c.msg, c.n, out);
		if (fclose(out) != 0)
			n = -1;
	}
	if (n < 0)
		fprintf(stderr, "bulkhead-check: cannot write the plan %s\n", out_path);
	for (unsigned int i = 0; p && i < p->nerrors; i++)
		free(p->errors[i]);
	for (unsigned int i = 0; i < c.n; i++)
		free(c.msg[i]);
	free(p);
	free(l);
	return n;
}
