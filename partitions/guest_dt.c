// SPDX-License-Identifier: GPL-2.0-only
/*
 * guest_dt_build(): one partition's device tree, generated, never written by
 * hand. It describes what the partition sees -- QEMU-virt-like:
 *   /cpus/cpu@N     one per vcpu (reg N = virtual MPIDR Aff0), PSCI enable method
 *   /memory@<ipa>   ram_ipa .. ram_ipa + ram_size
 *   /psci           "hvc": Bulkhead handles PSCI
 *   /intc@8000000   GICv3: distributor + ncpus redistributor frames, phandle 1
 *   /timer          the architected timer PPIs
 *   its devices     copied from the board with every property, reg translated to
 *                   physical (= guest-physical) addresses with 2/2 cells,
 *                   interrupts re-encoded for the guest GIC, clocks copied along;
 *                   a PCI host bridge's ranges as they are (its windows are
 *                   mapped 1:1) and its interrupt-map re-pointed at the guest GIC
 *   /pl011@9000000  the emulated console when the partition owns no PL011
 *   /watchdog@b001000  the emulated SBSA Generic Watchdog (every partition)
 *   /channel@<ipa>  each channel it is an endpoint of (partitions/channel.h)
 *   /pci@b100000    the channels' emulated PCI host bridge (guest_dt_pci.c)
 *   /chosen         bootargs, initrd, stdout-path; /aliases serial0
 *
 * Built with libfdt's read-write API in the caller's buffer; no allocation.
 * libfdt adds a subnode before its existing siblings, so nodes are added in
 * reverse of the order they should appear in. Output is deterministic.
 */
#include <partitions/channel.h>
#include <partitions/dt.h>

#include <errno.h>
#include <lib/format.h>
#include <lib/trace.h>
#include <string.h>

#define GUEST_PHANDLE_GIC 1
#define GUEST_MAX_CLOCKS  DT_MAX_CLOCKS
#define GUEST_MAX_CELLS	  DT_MAX_CLOCK_CELLS /* cells of a rewritten clocks property */
#define NAME_LEN	  64

struct gdt {
	const struct layout *l;
	const struct layout_partition *p;
	void *fdt; /* the guest tree */
	uint32_t nclocks;
	int clock_src[GUEST_MAX_CLOCKS]; /* board node of each copied clock */
	uint32_t clock_phandle[GUEST_MAX_CLOCKS];
	uint32_t next_phandle;
	char stdout_path[NAME_LEN];
};

static int rewrite_clocks(struct gdt *g, int dst, int src);

/* fdt_setprop_string() without its size_t to int conversion warning. */
static int set_str(void *fdt, int node, const char *name, const char *s)
{
	return fdt_setprop(fdt, node, name, s, (int)strlen(s) + 1);
}

/* Properties not copied as they are: rewritten for the guest, or naming board nodes. */
static bool skip_property(const char *name)
{
	static const char *const skip[] = {
		"phandle",
		"linux,phandle",
		"reg",
		"interrupts",
		"interrupts-extended",
		"interrupt-parent",
		"interrupt-map",
		"clocks",
		"iommus",
		"iommu-map",
		"msi-parent",
		"msi-map",
		"resets",
		"power-domains",
		"dmas",
		"phys",
		"gpios",
		"pinctrl-0",
		"pinctrl-1",
		"pinctrl-names",
	};

	for (size_t i = 0; i < sizeof(skip) / sizeof(skip[0]); i++)
		if (strcmp(name, skip[i]) == 0)
			return true;
	return false;
}

/* Copies @src's properties to @dst (skip list aside), then its clocks rewritten. */
static int copy_props(struct gdt *g, int dst, int src)
{
	int off;

	fdt_for_each_property_offset(off, g->l->fdt, src)
	{
		const char *name;
		int len;
		const void *val = fdt_getprop_by_offset(g->l->fdt, off, &name, &len);

		if (!val || skip_property(name))
			continue;
		DT_TRY(fdt_setprop(g->fdt, dst, name, val, len));
	}
	return rewrite_clocks(g, dst, src);
}

/* The guest phandle given to board clock node @src, or 0 if it was not copied. */
static uint32_t clock_lookup(const struct gdt *g, int src)
{
	for (uint32_t i = 0; i < g->nclocks; i++)
		if (g->clock_src[i] == src)
			return g->clock_phandle[i];
	return 0;
}

static int ensure_clocks(struct gdt *g, int src);

/* Copies board clock node @src (once) to the guest root, with its own parents first. */
static int copy_clock(struct gdt *g, int src)
{
	const char *name = fdt_get_name(g->l->fdt, src, NULL);
	uint32_t phandle = g->next_phandle;
	int node;

	if (clock_lookup(g, src))
		return 0;
	if (g->nclocks == GUEST_MAX_CLOCKS || !name)
		return -FDT_ERR_INTERNAL;
	g->next_phandle++;
	g->clock_src[g->nclocks] = src; /* registered first: clock loops end here */
	g->clock_phandle[g->nclocks++] = phandle;
	DT_TRY(ensure_clocks(g, src));
	node = fdt_add_subnode(g->fdt, 0, name);
	DT_TRY(node);
	DT_TRY(fdt_setprop_u32(g->fdt, node, "phandle", phandle));
	return copy_props(g, node, src);
}

/* Copies every clock that @src's clocks property names. */
static int ensure_clocks(struct gdt *g, int src)
{
	int len;
	const fdt32_t *in = fdt_getprop(g->l->fdt, src, "clocks", &len);
	uint32_t n = in && len > 0 ? (uint32_t)len / 4 : 0;

	for (uint32_t i = 0; i < n;) {
		int clk = dt_node_by_phandle(g->l->fdt, fdt32_to_cpu(in[i]));
		uint32_t cells = 0;

		if (clk < 0)
			return -FDT_ERR_BADPHANDLE;
		/* Bounded like clocks.c checks it: i never wraps, the loop ends. */
		if (dt_u32(g->l->fdt, clk, "#clock-cells", &cells) || cells > LAYOUT_MAX_CELLS ||
		    cells > n - i - 1)
			return -FDT_ERR_BADVALUE;
		DT_TRY(copy_clock(g, clk));
		i += 1 + cells;
	}
	return 0;
}

/* ensure_clocks() for @src and every node below it. */
static int ensure_clocks_tree(struct gdt *g, int src)
{
	int child;

	DT_TRY(ensure_clocks(g, src));
	fdt_for_each_subnode(child, g->l->fdt, src)
	{
		DT_TRY(ensure_clocks_tree(g, child));
	}
	return 0;
}

/*
 * clocks = <&clk args...>: each specifier re-pointed at the guest's copy of
 * clk, which ensure_clocks() made beforehand -- adding a node to the guest
 * root moves every node after it, so nothing is added while a node is filled.
 */
static int rewrite_clocks(struct gdt *g, int dst, int src)
{
	fdt32_t out[GUEST_MAX_CELLS];
	int len;
	const fdt32_t *in = fdt_getprop(g->l->fdt, src, "clocks", &len);
	uint32_t n = in && len > 0 ? (uint32_t)len / 4 : 0, k = 0;

	if (n > GUEST_MAX_CELLS)
		return -FDT_ERR_BADVALUE;
	for (uint32_t i = 0; i < n;) {
		int clk = dt_node_by_phandle(g->l->fdt, fdt32_to_cpu(in[i]));
		uint32_t cells = 0, ph = clk >= 0 ? clock_lookup(g, clk) : 0;

		if (!ph)
			return -FDT_ERR_BADPHANDLE;
		if (dt_u32(g->l->fdt, clk, "#clock-cells", &cells) || cells > LAYOUT_MAX_CELLS ||
		    cells > n - i - 1)
			return -FDT_ERR_BADVALUE;
		out[k++] = cpu_to_fdt32(ph);
		for (uint32_t c = 0; c < cells; c++)
			out[k++] = in[i + 1 + c];
		i += 1 + cells;
	}
	return n ? fdt_setprop(g->fdt, dst, "clocks", out, (int)(k * 4)) : 0;
}

/* Subnodes of a copied device (e.g. partitions of a flash), copied alike. */
static int copy_subnodes(struct gdt *g, int dst, int src)
{
	int child;

	fdt_for_each_subnode(child, g->l->fdt, src)
	{
		const char *name = fdt_get_name(g->l->fdt, child, NULL);
		int node = fdt_add_subnode(g->fdt, dst, name ? name : "node");

		DT_TRY(node);
		DT_TRY(copy_props(g, node, child));
		DT_TRY(copy_subnodes(g, node, child));
	}
	return 0;
}

static int set_cells2(void *fdt, int node, const char *prop, const uint64_t *v, uint32_t n)
{
	fdt32_t cells[2 * 2 * LAYOUT_MAX_DEV_REGS];

	for (uint32_t i = 0; i < n && i < LAYOUT_MAX_DEV_REGS * 2; i++) {
		cells[2 * i] = cpu_to_fdt32((uint32_t)(v[i] >> 32));
		cells[2 * i + 1] = cpu_to_fdt32((uint32_t)v[i]);
	}
	return fdt_setprop(fdt, node, prop, cells, (int)(n * 8));
}

/*
 * interrupt-map for the guest: each entry's child part as it is, then the
 * guest GIC's phandle, no parent unit address (its #address-cells is 0) and
 * the first 3 cells of the specifier (SPI, number, flags). parse_dev.c checked
 * every entry points at the GIC.
 */
static int rewrite_irq_map(struct gdt *g, int node, int src)
{
	int len;
	const fdt32_t *map = fdt_getprop(g->l->fdt, src, "interrupt-map", &len);
	uint32_t n = map && len > 0 ? (uint32_t)len / 4 : 0, out = 0;
	fdt32_t *dst;

	if (!n)
		return 0;
	for (int pass = 0; pass < 2; pass++) { /* count the cells, then write them */
		if (pass)
			DT_TRY(fdt_setprop_placeholder(g->fdt, node, "interrupt-map",
						       (int)(out * 4), (void **)&dst));
		out = 0;
		for (uint32_t i = 0; i < n;) {
			struct dt_irq_map_entry e;

			if (dt_irq_map_entry(g->l->fdt, src, map, n, i, &e) || e.spec_cells < 3)
				return -FDT_ERR_BADVALUE;
			for (uint32_t c = 0; pass && c < e.child_cells; c++)
				dst[out + c] = map[i + c];
			out += e.child_cells;
			if (pass)
				dst[out] = cpu_to_fdt32(GUEST_PHANDLE_GIC);
			for (uint32_t c = 0; pass && c < 3; c++)
				dst[out + 1 + c] = map[e.spec + c];
			out += 4;
			i = e.next;
		}
	}
	return 0;
}

/*
 * reg with 2/2 cells (the guest root's; not a PCI host bridge's windows) and
 * the device's own GIC interrupts for the guest GIC (not its interrupt-map's).
 */
static int device_resources(struct gdt *g, int node, const struct layout_device *dev)
{
	uint64_t reg[2 * LAYOUT_MAX_DEV_REGS];
	fdt32_t irq[3 * LAYOUT_MAX_DEV_IRQS];
	uint32_t nregs = dev->nregs - dev->nwindows, nirqs = dev->nirqs - dev->nmap_irqs;

	for (uint32_t i = 0; i < nregs && i < LAYOUT_MAX_DEV_REGS; i++) {
		reg[2 * i] = dev->regs[i].base;
		reg[2 * i + 1] = dev->regs[i].size;
	}
	DT_TRY(set_cells2(g->fdt, node, "reg", reg, 2 * nregs));
	DT_TRY(rewrite_irq_map(g, node, dev->node));
	if (!nirqs)
		return 0;
	for (uint32_t i = 0; i < nirqs; i++) {
		irq[3 * i] = cpu_to_fdt32(0); /* SPI */
		irq[3 * i + 1] = cpu_to_fdt32(dev->irqs[i] - 32);
		irq[3 * i + 2] = cpu_to_fdt32(dev->irq_flags[i]);
	}
	DT_TRY(fdt_setprop(g->fdt, node, "interrupts", irq, (int)(nirqs * 12)));
	return fdt_setprop_u32(g->fdt, node, "interrupt-parent", GUEST_PHANDLE_GIC);
}

/* A device of the partition at the guest root, named <name>@<physical base>. */
static int add_device(struct gdt *g, const struct layout_device *dev)
{
	char base[NAME_LEN], name[NAME_LEN];
	int node;

	dt_base_name(g->l->fdt, dev->node, base, sizeof(base));
	fmt_snprintf(name, sizeof(name), "%s@%llx", base, X64(dev->regs[0].base));
	DT_TRY(ensure_clocks_tree(g, dev->node));
	node = fdt_add_subnode(g->fdt, 0, name);
	DT_TRY(node);
	DT_TRY(copy_props(g, node, dev->node));
	DT_TRY(device_resources(g, node, dev));
	if (!g->stdout_path[0] && dt_compatible(g->l->fdt, dev->node, "arm,pl011"))
		fmt_snprintf(g->stdout_path, sizeof(g->stdout_path), "/%s", name);
	return copy_subnodes(g, node, dev->node);
}

/* The emulated console's clock: the board console's first clock, else a 24 MHz one. */
static int vuart_clock(struct gdt *g, uint32_t *phandle)
{
	int len, node;
	const fdt32_t *clk = g->l->uart_node >= 0
				     ? fdt_getprop(g->l->fdt, g->l->uart_node, "clocks", &len)
				     : NULL;

	if (clk && len >= 4) {
		node = dt_node_by_phandle(g->l->fdt, fdt32_to_cpu(clk[0]));
		if (node >= 0) {
			DT_TRY(copy_clock(g, node));
			*phandle = clock_lookup(g, node);
			return 0;
		}
	}
	node = fdt_add_subnode(g->fdt, 0, "apb-pclk");
	DT_TRY(node);
	*phandle = g->next_phandle++;
	DT_TRY(set_str(g->fdt, node, "compatible", "fixed-clock"));
	DT_TRY(fdt_setprop_u32(g->fdt, node, "#clock-cells", 0));
	DT_TRY(fdt_setprop_u32(g->fdt, node, "clock-frequency", 24000000));
	DT_TRY(set_str(g->fdt, node, "clock-output-names", "clk24mhz"));
	return fdt_setprop_u32(g->fdt, node, "phandle", *phandle);
}

static int add_vuart(struct gdt *g)
{
	static const char compat[] = "arm,pl011\0arm,primecell";
	static const char clock_names[] = "uartclk\0apb_pclk";
	const uint64_t reg[2] = {LAYOUT_VIRT_UART_IPA, LAYOUT_VIRT_UART_SIZE};
	uint32_t ph;
	int node;

	DT_TRY(vuart_clock(g, &ph)); /* first: it may add a node to the root */
	node = fdt_add_subnode(g->fdt, 0, "pl011@9000000");
	DT_TRY(node);
	DT_TRY(fdt_setprop(g->fdt, node, "compatible", compat, sizeof(compat)));
	DT_TRY(set_cells2(g->fdt, node, "reg", reg, 2));
	DT_TRY(fdt_setprop_u32(g->fdt, node, "interrupt-parent", GUEST_PHANDLE_GIC));
	DT_TRY(fdt_setprop_u32(g->fdt, node, "interrupts", 0));
	DT_TRY(fdt_appendprop_u32(g->fdt, node, "interrupts", LAYOUT_VIRT_UART_SPI));
	DT_TRY(fdt_appendprop_u32(g->fdt, node, "interrupts", 4)); /* level high */
	DT_TRY(fdt_setprop_u32(g->fdt, node, "clocks", ph));
	DT_TRY(fdt_appendprop_u32(g->fdt, node, "clocks", ph));
	DT_TRY(fdt_setprop(g->fdt, node, "clock-names", clock_names, sizeof(clock_names)));
	fmt_snprintf(g->stdout_path, sizeof(g->stdout_path), "/pl011@9000000");
	return 0;
}

/*
 * The emulated SBSA Generic Watchdog (Linux's "arm,sbsa-gwdt" binding): reg
 * is the control frame, then the refresh frame; the interrupt is WS0. The node
 * is named after its first reg, the control frame.
 */
static int add_watchdog(struct gdt *g)
{
	const uint64_t reg[4] = {LAYOUT_VIRT_WDT_CONTROL_IPA, LAYOUT_VIRT_WDT_FRAME,
				 LAYOUT_VIRT_WDT_REFRESH_IPA, LAYOUT_VIRT_WDT_FRAME};
	char name[NAME_LEN];
	int node;

	fmt_snprintf(name, sizeof(name), "watchdog@%llx", X64(LAYOUT_VIRT_WDT_CONTROL_IPA));
	node = fdt_add_subnode(g->fdt, 0, name);
	DT_TRY(node);
	DT_TRY(set_str(g->fdt, node, "compatible", "arm,sbsa-gwdt"));
	DT_TRY(set_cells2(g->fdt, node, "reg", reg, 4));
	DT_TRY(fdt_setprop_u32(g->fdt, node, "interrupt-parent", GUEST_PHANDLE_GIC));
	DT_TRY(fdt_setprop_u32(g->fdt, node, "interrupts", 0)); /* SPI */
	DT_TRY(fdt_appendprop_u32(g->fdt, node, "interrupts", LAYOUT_VIRT_WDT_SPI));
	DT_TRY(fdt_appendprop_u32(g->fdt, node, "interrupts", 4)); /* level high */
	return fdt_setprop_u32(g->fdt, node, "timeout-sec", LAYOUT_VIRT_WDT_TIMEOUT_SEC);
}

/*
 * A channel as its endpoint sees it:
 *   channel@<ipa> {
 *           compatible = "bulkhead,channel";
 *           reg = <ipa size>, <ipa + size 0x1000>;   doorbell page if any
 *           reg-names = "shm", "doorbell";
 *           interrupts = <0 spi 1>;                  the doorbell, edge rising
 *           bulkhead,pci-device = <n>;  instead, for interface = "pci"
 *           bulkhead,channel-id = <id>; bulkhead,endpoint = <0 or 1>;
 *           bulkhead,peer = "<peer partition name>";
 *           label = "<channel name>";
 *           read-only;                               access = "ro"
 *   };
 */
static int add_channel(struct gdt *g, const struct layout_channel *c)
{
	static const char names[] = "shm\0doorbell";
	uint32_t k = 0;
	const struct layout_endpoint *e = channel_endpoint(c, g->p->id, &k);
	const struct layout_endpoint *peer = &c->ep[k ^ 1U];
	const uint64_t reg[4] = {e->ipa, c->size, e->ipa + c->size, CHANNEL_DOORBELL_SIZE};
	char name[NAME_LEN];
	int node;

	fmt_snprintf(name, sizeof(name), "channel@%llx", X64(e->ipa));
	node = fdt_add_subnode(g->fdt, 0, name);
	DT_TRY(node);
	DT_TRY(set_str(g->fdt, node, "compatible", LAYOUT_COMPAT_CHANNEL));
	DT_TRY(set_cells2(g->fdt, node, "reg", reg, e->doorbell ? 4 : 2));
	DT_TRY(fdt_setprop(g->fdt, node, "reg-names", names,
			   e->doorbell ? (int)sizeof(names) : (int)sizeof("shm")));
	/* A PCI endpoint's doorbell interrupt is its function's INTA (guest_dt_pci.c). */
	if (e->pci)
		DT_TRY(fdt_setprop_u32(g->fdt, node, "bulkhead,pci-device", e->pci_dev));
	if (e->doorbell && !e->pci) {
		DT_TRY(fdt_setprop_u32(g->fdt, node, "interrupts", 0)); /* SPI */
		DT_TRY(fdt_appendprop_u32(g->fdt, node, "interrupts", e->spi));
		DT_TRY(fdt_appendprop_u32(g->fdt, node, "interrupts", 1)); /* edge rising */
	}
	DT_TRY(fdt_setprop_u32(g->fdt, node, "bulkhead,channel-id", c->id));
	DT_TRY(fdt_setprop_u32(g->fdt, node, "bulkhead,endpoint", k));
	if (peer->partition >= 0)
		DT_TRY(set_str(g->fdt, node, "bulkhead,peer", g->l->parts[peer->partition].name));
	DT_TRY(set_str(g->fdt, node, "label", c->name));
	if (e->read_only)
		DT_TRY(fdt_setprop_empty(g->fdt, node, "read-only"));
	return 0;
}

static int add_channels(struct gdt *g)
{
	for (uint32_t i = g->l->nchannels; i-- > 0;)
		if (channel_endpoint(&g->l->channels[i], g->p->id, NULL))
			DT_TRY(add_channel(g, &g->l->channels[i]));
	return 0;
}

static int add_chosen(struct gdt *g)
{
	const struct layout_partition *p = g->p;
	int node = fdt_add_subnode(g->fdt, 0, "chosen");

	DT_TRY(node);
	if (p->bootargs && p->bootargs[0])
		DT_TRY(set_str(g->fdt, node, "bootargs", p->bootargs));
	if (p->initrd.present && p->initrd.size) {
		DT_TRY(fdt_setprop_u64(g->fdt, node, "linux,initrd-start", p->initrd.load_ipa));
		DT_TRY(fdt_setprop_u64(g->fdt, node, "linux,initrd-end",
				       p->initrd.load_ipa + p->initrd.size));
	}
	if (!g->stdout_path[0])
		return 0;
	DT_TRY(set_str(g->fdt, node, "stdout-path", g->stdout_path));
	node = fdt_add_subnode(g->fdt, 0, "aliases");
	DT_TRY(node);
	return set_str(g->fdt, node, "serial0", g->stdout_path);
}

static int add_timer(struct gdt *g)
{
	/* PPIs: secure phys 13, non-secure phys 14, virtual 11, hyp 10; level high. */
	static const uint32_t ppi[4] = {13, 14, 11, 10};
	int node = fdt_add_subnode(g->fdt, 0, "timer");

	DT_TRY(node);
	DT_TRY(set_str(g->fdt, node, "compatible", "arm,armv8-timer"));
	for (uint32_t i = 0; i < 4; i++) {
		DT_TRY(fdt_appendprop_u32(g->fdt, node, "interrupts", 1));
		DT_TRY(fdt_appendprop_u32(g->fdt, node, "interrupts", ppi[i]));
		DT_TRY(fdt_appendprop_u32(g->fdt, node, "interrupts", 4));
	}
	return fdt_setprop_empty(g->fdt, node, "always-on");
}

static int add_gic(struct gdt *g)
{
	const uint64_t reg[4] = {LAYOUT_VIRT_GICD_IPA, LAYOUT_VIRT_GICD_SIZE, LAYOUT_VIRT_GICR_IPA,
				 g->p->ncpus * LAYOUT_VIRT_GICR_STRIDE};
	int node = fdt_add_subnode(g->fdt, 0, "intc@8000000");

	DT_TRY(node);
	DT_TRY(set_str(g->fdt, node, "compatible", "arm,gic-v3"));
	DT_TRY(fdt_setprop_u32(g->fdt, node, "#address-cells", 0));
	DT_TRY(fdt_setprop_u32(g->fdt, node, "#interrupt-cells", 3));
	DT_TRY(fdt_setprop_empty(g->fdt, node, "interrupt-controller"));
	DT_TRY(set_cells2(g->fdt, node, "reg", reg, 4));
	DT_TRY(fdt_setprop_u32(g->fdt, node, "#redistributor-regions", 1));
	return fdt_setprop_u32(g->fdt, node, "phandle", GUEST_PHANDLE_GIC);
}

static int add_psci(struct gdt *g)
{
	static const char compat[] = "arm,psci-1.0\0arm,psci-0.2";
	int node = fdt_add_subnode(g->fdt, 0, "psci");

	DT_TRY(node);
	DT_TRY(fdt_setprop(g->fdt, node, "compatible", compat, sizeof(compat)));
	return set_str(g->fdt, node, "method", "hvc");
}

static int add_memory(struct gdt *g)
{
	const uint64_t reg[2] = {g->p->ram_ipa, g->p->ram_size};
	char name[NAME_LEN];
	int node;

	fmt_snprintf(name, sizeof(name), "memory@%llx", X64(g->p->ram_ipa));
	node = fdt_add_subnode(g->fdt, 0, name);
	DT_TRY(node);
	DT_TRY(set_str(g->fdt, node, "device_type", "memory"));
	return set_cells2(g->fdt, node, "reg", reg, 2);
}

/* /cpus: vcpu N is cpu@N; compatible from the physical core it runs on. */
static int add_cpus(struct gdt *g)
{
	const struct layout *l = g->l;
	int cpus = fdt_add_subnode(g->fdt, 0, "cpus");

	DT_TRY(cpus);
	DT_TRY(fdt_setprop_u32(g->fdt, cpus, "#address-cells", 1));
	DT_TRY(fdt_setprop_u32(g->fdt, cpus, "#size-cells", 0));
	for (uint32_t k = g->p->ncpus; k-- > 0;) {
		char name[NAME_LEN];
		int len, node;
		const void *compat =
			fdt_getprop(l->fdt, l->cpus[g->p->cpus[k]].node, "compatible", &len);

		fmt_snprintf(name, sizeof(name), "cpu@%x", k);
		node = fdt_add_subnode(g->fdt, cpus, name);
		DT_TRY(node);
		DT_TRY(set_str(g->fdt, node, "device_type", "cpu"));
		if (compat)
			DT_TRY(fdt_setprop(g->fdt, node, "compatible", compat, len));
		DT_TRY(fdt_setprop_u32(g->fdt, node, "reg", k));
		DT_TRY(set_str(g->fdt, node, "enable-method", "psci"));
	}
	return 0;
}

static int add_root(struct gdt *g)
{
	char model[NAME_LEN];

	fmt_snprintf(model, sizeof(model), "bulkhead,%s", g->p->name);
	DT_TRY(fdt_setprop_u32(g->fdt, 0, "#address-cells", 2));
	DT_TRY(fdt_setprop_u32(g->fdt, 0, "#size-cells", 2));
	DT_TRY(set_str(g->fdt, 0, "compatible", "linux,dummy-virt"));
	DT_TRY(set_str(g->fdt, 0, "model", model));
	return fdt_setprop_u32(g->fdt, 0, "interrupt-parent", GUEST_PHANDLE_GIC);
}

/* Nodes in reverse order of appearance (see the top of the file). */
static int build(struct gdt *g)
{
	DT_TRY(add_root(g));
	DT_TRY(add_channels(g));
	DT_TRY(add_watchdog(g));
	if (g->p->virtual_uart)
		DT_TRY(add_vuart(g));
	for (uint32_t i = g->p->ndevices; i-- > 0;)
		DT_TRY(add_device(g, &g->p->devices[i]));
	DT_TRY(add_chosen(g));
	DT_TRY(guest_dt_pci(g->l, g->p, g->fdt)); /* channels' PCI host bridge (guest_dt_pci.c) */
	DT_TRY(add_timer(g));
	DT_TRY(add_gic(g));
	DT_TRY(add_psci(g));
	DT_TRY(add_memory(g));
	return add_cpus(g);
}

int guest_dt_build(const struct layout *l, const struct layout_partition *p, void *buf, size_t size)
{
	struct gdt g = {.l = l, .p = p, .fdt = buf, .next_phandle = GUEST_PHANDLE_GIC + 1};
	int err;

	if (size > 0x7fffffff || size < sizeof(struct fdt_header))
		return trace_error(-EINVAL);
	err = fdt_create_empty_tree(buf, (int)size);
	if (!err)
		err = build(&g);
	if (!err)
		err = fdt_pack(buf);
	if (err == -FDT_ERR_NOSPACE)
		return trace_error(-ENOSPC);
	return err ? trace_error(-EINVAL) : 0;
}
