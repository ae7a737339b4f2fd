// SPDX-License-Identifier: GPL-2.0-only
/*
 * layout_print(): the partition table, one line per puts() call, the same on
 * the host (bulkhead-check) and on the boot console.
 */
#include <partitions/channel.h>
#include <partitions/dt.h>

#include <lib/format.h>
#include <stdarg.h>

#define LINE_MAX_LEN 384

struct line {
	char buf[LINE_MAX_LEN];
	size_t len;
};

static void add(struct line *ln, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void add(struct line *ln, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(ln->buf + ln->len, sizeof(ln->buf) - ln->len, fmt, ap);
	va_end(ap);
	ln->len += (size_t)n;
	if (ln->len >= sizeof(ln->buf))
		ln->len = sizeof(ln->buf) - 1;
}

static void emit(struct line *ln, void (*puts)(const char *))
{
	puts(ln->buf);
	ln->len = 0;
	ln->buf[0] = '\0';
}

/* "64 MiB", "16 KiB" or "0x1234 bytes". */
static void add_size(struct line *ln, uint64_t size)
{
	if (size && size % (1ULL << 20) == 0)
		add(ln, "%llu MiB", X64(size >> 20));
	else if (size && size % (1ULL << 10) == 0)
		add(ln, "%llu KiB", X64(size >> 10));
	else
		add(ln, "0x%llx bytes", X64(size));
}

static void print_cores(const struct layout *l, const struct layout_partition *p, struct line *ln)
{
	add(ln, "partition %u '%s' (%s): %u core(s):", p->id, p->name, p->path, p->ncpus);
	for (uint32_t k = 0; k < p->ncpus; k++) {
		const char *name = fdt_get_name(l->fdt, l->cpus[p->cpus[k]].node, NULL);

		add(ln, " %s%s", name ? name : "?", k == 0 ? " (boot)" : "");
	}
}

static void print_memory(const struct layout_partition *p, struct line *ln,
			 void (*puts)(const char *))
{
	for (uint32_t k = 0; k < p->nmem; k++) {
		const struct layout_mem *m = &p->mem[k];

		add(ln, "  memory 0x%llx-0x%llx -> ipa 0x%llx (", X64(m->phys),
		    RANGE_END(m->phys, m->size), X64(m->ipa));
		add_size(ln, m->size);
		add(ln, ")");
		emit(ln, puts);
	}
}

static void print_devices(const struct layout_partition *p, struct line *ln,
			  void (*puts)(const char *))
{
	for (uint32_t k = 0; k < p->ndevices; k++) {
		const struct layout_device *dev = &p->devices[k];

		add(ln, "  device %s: mmio", dev->path);
		for (uint32_t r = 0; r < dev->nregs; r++)
			add(ln, "%s 0x%llx-0x%llx",
			    r && r == dev->nregs - dev->nwindows ? "; windows" : "",
			    X64(dev->regs[r].base),
			    RANGE_END(dev->regs[r].base, dev->regs[r].size));
		if (dev->nirqs)
			add(ln, "; intid");
		for (uint32_t i = 0; i < dev->nirqs; i++)
			add(ln, " %u", dev->irqs[i]);
		emit(ln, puts);
	}
	if (p->virtual_uart) {
		add(ln, "  console: emulated PL011 at ipa 0x%llx (intid %d)",
		    X64(LAYOUT_VIRT_UART_IPA), 32 + LAYOUT_VIRT_UART_SPI);
		emit(ln, puts);
	}
	add(ln, "  watchdog: emulated SBSA Generic Watchdog at ipa 0x%llx (intid %d)",
	    X64(LAYOUT_VIRT_WDT_IPA), 32 + LAYOUT_VIRT_WDT_SPI);
	emit(ln, puts);
	if (p->vpci) { /* channel endpoints with interface = "pci" (channel.h) */
		add(ln, "  pci: emulated host bridge, ECAM at ipa 0x%llx (its channels' functions)",
		    X64(CHANNEL_PCI_ECAM_IPA));
		emit(ln, puts);
	}
}

/* "stop", "restart (no limit)", "restart (at most N per W ms)", "... since boot)". */
static void print_fault_policy(const struct layout_partition *p, struct line *ln,
			       void (*puts)(const char *))
{
	if (p->aarch32) { /* AArch64 is the default: said only for AArch32 (exec_state.c) */
		add(ln, "  execution state: AArch32 (%s)",
		    p->exec_state_given ? "execution-state" : "zImage");
		emit(ln, puts);
	}
	if (p->fault_policy != LAYOUT_FAULT_RESTART)
		add(ln, "  fault policy: stop");
	else if (!p->restart_limit)
		add(ln, "  fault policy: restart (no limit)");
	else if (p->restart_window_ms)
		add(ln, "  fault policy: restart (at most %u per %u ms)", p->restart_limit,
		    p->restart_window_ms);
	else
		add(ln, "  fault policy: restart (at most %u since boot)", p->restart_limit);
	emit(ln, puts);
}

static void print_image(const char *what, const struct layout_image *img, struct line *ln,
			void (*puts)(const char *))
{
	if (!img->present)
		return;
	add(ln, "  %s %s", what, img->path);
	if (img->file[0])
		add(ln, " \"%s\"", img->file);
	add(ln, " at 0x%llx, ", X64(img->addr));
	if (img->size)
		add_size(ln, img->size);
	else
		add(ln, "size set at load");
	add(ln, " -> ipa 0x%llx%s", X64(img->load_ipa), img->arm64_image ? " (arm64 Image)" : "");
	emit(ln, puts);
}

static void print_partition(const struct layout *l, const struct layout_partition *p,
			    struct line *ln, void (*puts)(const char *))
{
	print_cores(l, p, ln);
	emit(ln, puts);
	print_memory(p, ln, puts);
	print_devices(p, ln, puts);
	print_image("kernel", &p->kernel, ln, puts);
	print_image("initrd", &p->initrd, ln, puts);
	for (uint32_t k = 0; k < p->nflash; k++)
		print_image("flash", &p->flash[k].img, ln, puts); /* firmware.c */
	add(ln, "  entry ipa 0x%llx, dtb ipa 0x%llx (", X64(p->entry_ipa), X64(p->dtb_ipa));
	add_size(ln, p->dtb_max);
	add(ln, "), bootargs \"%s\"", p->bootargs ? p->bootargs : "");
	emit(ln, puts);
	print_fault_policy(p, ln, puts);
}

void layout_print(const struct layout *l, void (*puts)(const char *line))
{
	struct line ln = {.len = 0};
	char console[LAYOUT_PATH_MAX] = "none";

	if (l->uart_node >= 0)
		dt_path(l->fdt, l->uart_node, console, sizeof(console));
	add(&ln, "bulkhead: memory 0x%llx-0x%llx, console %s, %u partition(s)", X64(l->hyp.base),
	    RANGE_END(l->hyp.base, l->hyp.size), console, l->nparts);
	emit(&ln, puts);
	for (uint32_t i = 0; i < l->nparts; i++)
		print_partition(l, &l->parts[i], &ln, puts);
	layout_print_channels(l, puts);
}
