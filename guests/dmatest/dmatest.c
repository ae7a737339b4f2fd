// SPDX-License-Identifier: GPL-2.0-only
/*
 * dmatest: DMA isolation seen from a partition that owns a PCIe host bridge
 * with QEMU's "edu" device behind the SMMU (-device edu). It enumerates bus 0
 * through the ECAM of its pcie node, gives the edu BAR 0 an address in the
 * bridge's 32-bit memory window, enables memory decoding and bus mastering,
 * and then makes the device DMA (2 KiB each time, through the device's
 * buffer at device address 0x40000):
 *
 *   1. into and out of its own RAM (guest-physical addresses, as a driver
 *      would): the data must arrive, so the SMMU translates guest-physical
 *      to physical exactly as the CPUs' stage 2 does;
 *   2. writes to another partition's physical memory and to Bulkhead's, each
 *      given as a guest-physical address this partition does not own: the
 *      SMMU must block them (Bulkhead reports a DMA fault) -- the victim
 *      partition checks its page did not change, the test checks Bulkhead's;
 *   3. reads from the same two places into the device, then back into its
 *      own RAM: what comes back must be neither the victim's pattern nor
 *      Bulkhead's arm64 Image header.
 *
 * Bootargs:
 *   name=<name>       the name it prints (default: "partition <id>")
 *   victim=<address>  another partition's physical memory (a page it watches)
 *   hyp=<address>     Bulkhead's physical memory (its image: "ARM\x64" at +0x38)
 *   reset=1           when done, ask for a restart (PSCI SYSTEM_RESET): under
 *                     Bulkhead the next life runs the same checks, so its DMA
 *                     streams must have been attached again
 *
 * Console lines (the integration tests match them):
 *   hello from <name> on vcpu <n>
 *   pci: ecam 0x<addr>, 32-bit window 0x<cpu>-0x<end> (bus 0x<pci>)
 *   pci: edu at 00:<dd>.0 (stream 0x<sid>), bar0 0x<addr>, id 0x<id>
 *   dma: own memory: ok (ipa 0x<a> -> device -> ipa 0x<b>, 2048 bytes)
 *   dma: write 0x<addr> (<what>): issued
 *   dma: read 0x<addr> (<what>): blocked
 *   dma: done
 *   dma: reset                                (reset=1, just before SYSTEM_RESET)
 * and on failure "dma: error: ...", or "ESCAPED: ..." if isolation broke.
 */
#include <guests/dmatest/pattern.h>
#include <guests/lib/dt.h>
#include <guests/lib/mmio.h>
#include <guests/lib/psci.h>
#include <guests/lib/rt.h>
#include <lib/format.h>

#include <libfdt.h>
#include <string.h>

#define PCI_VENDOR_QEMU 0x1234
#define PCI_DEVICE_EDU	0x11e8
#define PCI_CFG_ID	0x00
#define PCI_CFG_COMMAND 0x04
#define PCI_CFG_BAR0	0x10
#define PCI_CMD_MEMORY	(1U << 1)
#define PCI_CMD_MASTER	(1U << 2)
#define PCI_SPACE_MEM32 2 /* ranges phys.hi [25:24] */

#define EDU_ID	       0x00
#define EDU_DMA_SRC    0x80
#define EDU_DMA_DST    0x88
#define EDU_DMA_COUNT  0x90
#define EDU_DMA_CMD    0x98
#define EDU_CMD_RUN    0x1
#define EDU_CMD_TO_RAM 0x2     /* device buffer -> RAM; without it RAM -> device */
#define EDU_BUF	       0x40000 /* the device's 4 KiB buffer, in its own address space */
#define DMA_TIMEOUT_MS 3000
#define IMAGE_MAGIC    0x644d5241U /* "ARM\x64" at offset 0x38 of an arm64 Image */

static uint8_t buf_a[DMA_LEN] __attribute__((aligned(DMA_PAGE)));
static uint8_t buf_b[DMA_LEN] __attribute__((aligned(DMA_PAGE)));
static uint8_t buf_c[DMA_LEN] __attribute__((aligned(DMA_PAGE)));

static uintptr_t ecam, edu;

static uint64_t cells(const fdt32_t *p, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v = (v << 32) | fdt32_to_cpu(p[i]);
	return v;
}

static volatile uint32_t *cfg(uint32_t dev, uint32_t off)
{
	return (volatile uint32_t *)(ecam + (dev << 15) + off); /* bus 0, function 0 */
}

static void wr64(uint32_t off, uint64_t v)
{
	mmio_write64(edu + off, v);
}

static uint64_t rd64(uint32_t off)
{
	return mmio_read64(edu + off);
}

/* ECAM base and the 32-bit memory window (CPU and bus addresses) of the pcie node. */
static bool find_bridge(const void *fdt, uint64_t *win_cpu, uint64_t *win_pci, uint64_t *win_size)
{
	int node = fdt ? fdt_node_offset_by_compatible(fdt, -1, "pci-host-ecam-generic") : -1;
	int len, pac = fdt ? fdt_address_cells(fdt, 0) : 2;
	const fdt32_t *reg, *r;

	if (node < 0)
		return false;
	reg = fdt_getprop(fdt, node, "reg", &len);
	r = fdt_getprop(fdt, node, "ranges", &len);
	if (!reg || !r || pac < 1 || pac > 2)
		return false;
	ecam = (uintptr_t)cells(reg, pac);
	for (int i = 0; i + 3 + pac + 2 <= len / 4; i += 3 + pac + 2) {
		if (((fdt32_to_cpu(r[i]) >> 24) & 3) != PCI_SPACE_MEM32)
			continue;
		*win_pci = cells(r + i + 1, 2);
		*win_cpu = cells(r + i + 3, pac);
		*win_size = cells(r + i + 3 + pac, 2);
		return true;
	}
	return false;
}

/* Finds the edu on bus 0, places BAR 0, enables it; its slot, or -1. */
static int setup_edu(uint64_t win_cpu, uint64_t win_pci, uint64_t win_size)
{
	for (uint32_t dev = 0; dev < 32; dev++) {
		uint32_t id = *cfg(dev, PCI_CFG_ID), size, bar;

		if (id != (PCI_DEVICE_EDU << 16 | PCI_VENDOR_QEMU))
			continue;
		*cfg(dev, PCI_CFG_COMMAND) = 0;
		*cfg(dev, PCI_CFG_BAR0) = 0xffffffffU;
		size = ~(*cfg(dev, PCI_CFG_BAR0) & ~0xfU) + 1;
		if (size == 0 || size > win_size)
			return -1;
		bar = (uint32_t)((win_pci + size - 1) & ~(uint64_t)(size - 1));
		*cfg(dev, PCI_CFG_BAR0) = bar;
		*cfg(dev, PCI_CFG_COMMAND) = PCI_CMD_MEMORY | PCI_CMD_MASTER;
		edu = (uintptr_t)(win_cpu + (bar - win_pci));
		return (int)dev;
	}
	return -1;
}

/* One transfer of a page; false if the device did not finish in time. */
static bool dma(uint64_t src, uint64_t dst, bool to_ram)
{
	uint64_t start = rt_counter(), limit = rt_counter_freq() / 1000 * DMA_TIMEOUT_MS;

	__asm__ volatile("dsb sy" ::: "memory");
	wr64(EDU_DMA_SRC, src);
	wr64(EDU_DMA_DST, dst);
	wr64(EDU_DMA_COUNT, DMA_LEN);
	wr64(EDU_DMA_CMD, EDU_CMD_RUN | (to_ram ? EDU_CMD_TO_RAM : 0));
	while (rd64(EDU_DMA_CMD) & EDU_CMD_RUN)
		if (rt_counter() - start > limit) {
			rt_printf("dma: error: the device did not finish a transfer in %u ms\n",
				  DMA_TIMEOUT_MS);
			return false;
		}
	__asm__ volatile("dsb sy" ::: "memory");
	return true;
}

static uint64_t ipa(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}

/* 1: the device reads one page of our RAM and writes it to another. */
static bool own_memory(void)
{
	for (uint64_t i = 0; i < DMA_LEN; i++) {
		buf_a[i] = (uint8_t)(i * 7 + 1);
		buf_b[i] = 0;
	}
	if (!dma(ipa(buf_a), EDU_BUF, false) || !dma(EDU_BUF, ipa(buf_b), true))
		return false;
	for (uint64_t i = 0; i < DMA_LEN; i++) {
		if (buf_b[i] != buf_a[i]) {
			rt_printf("dma: error: own memory: byte %lu is 0x%02x, not 0x%02x\n", i,
				  buf_b[i], buf_a[i]);
			return false;
		}
	}
	rt_printf("dma: own memory: ok (ipa 0x%lx -> device -> ipa 0x%lx, %lu bytes)\n", ipa(buf_a),
		  ipa(buf_b), DMA_LEN);
	return true;
}

/* 2: device -> @addr, with the device buffer full of DMA_ATTACK_BYTE. */
static bool attack_write(uint64_t addr, const char *what)
{
	memset(buf_c, DMA_ATTACK_BYTE, sizeof(buf_c));
	if (!dma(ipa(buf_c), EDU_BUF, false))
		return false;
	rt_printf("dma: write 0x%lx (%s): issued\n", addr, what);
	return dma(EDU_BUF, addr, true);
}

/* 3: @addr -> device -> our RAM; @leaked says whether the victim's data came back. */
static bool attack_read(uint64_t addr, const char *what, bool (*leaked)(const uint8_t *))
{
	memset(buf_c, DMA_ATTACK_BYTE, sizeof(buf_c));
	memset(buf_b, 0, sizeof(buf_b));
	if (!dma(ipa(buf_c), EDU_BUF, false) || !dma(addr, EDU_BUF, false) ||
	    !dma(EDU_BUF, ipa(buf_b), true))
		return false;
	if (leaked(buf_b)) {
		rt_printf("ESCAPED: the device read 0x%lx (%s)\n", addr, what);
		return false;
	}
	rt_printf("dma: read 0x%lx (%s): blocked\n", addr, what);
	return true;
}

static bool victim_leaked(const uint8_t *p)
{
	uint64_t same = 0;

	for (uint64_t i = 0; i < DMA_LEN; i++)
		same += p[i] == dma_victim_byte(i);
	return same > DMA_LEN / 2;
}

static bool image_leaked(const uint8_t *p)
{
	return *(const volatile uint32_t *)(uintptr_t)(p + 0x38) == IMAGE_MAGIC;
}

/* Refuses targets in our own RAM: the SMMU would rightly let them through. */
static bool foreign(uint64_t addr)
{
	uint64_t base, size;

	if (rt_memory(&base, &size) && addr - base < size) {
		rt_printf("dma: error: 0x%lx is inside my own memory 0x%lx-0x%lx\n", addr, base,
			  base + size - 1);
		return false;
	}
	return true;
}

void guest_main(const void *fdt)
{
	const char *args = rt_bootargs();
	struct rt_info info = rt_get_info();
	uint64_t victim = 0, hyp = 0, win_cpu = 0, win_pci = 0, win_size = 0, reset = 0;
	char name[32];
	int slot;

	if (!rt_arg(args, "name", name, sizeof(name)) || !name[0])
		fmt_snprintf(name, sizeof(name), "partition %u", info.partition);
	rt_printf("hello from %s on vcpu %u\n", name, info.vcpu);
	if (!rt_arg_u64(args, "victim", &victim) || !rt_arg_u64(args, "hyp", &hyp)) {
		rt_printf("dma: error: bootargs need victim=<address> hyp=<address>: \"%s\"\n",
			  args);
		return;
	}
	if (!find_bridge(fdt, &win_cpu, &win_pci, &win_size)) {
		rt_printf("dma: error: no pci-host-ecam-generic node with a 32-bit window\n");
		return;
	}
	rt_printf("pci: ecam 0x%lx, 32-bit window 0x%lx-0x%lx (bus 0x%lx)\n", (uint64_t)ecam,
		  win_cpu, win_cpu + win_size - 1, win_pci);
	slot = setup_edu(win_cpu, win_pci, win_size);
	if (slot < 0) {
		rt_printf("dma: error: no edu device (1234:11e8) on bus 0\n");
		return;
	}
	rt_printf("pci: edu at 00:%02x.0 (stream 0x%x), bar0 0x%lx, id 0x%08x\n", slot,
		  (unsigned int)slot << 3, (uint64_t)edu, *(volatile uint32_t *)(edu + EDU_ID));
	victim &= ~(DMA_PAGE - 1);
	hyp &= ~(DMA_PAGE - 1);
	if (!own_memory() || !foreign(victim) || !foreign(hyp))
		return;
	if (!attack_write(victim, "another partition's memory") ||
	    !attack_write(hyp, "Bulkhead's memory") ||
	    !attack_read(victim, "another partition's memory", victim_leaked) ||
	    !attack_read(hyp, "Bulkhead's memory", image_leaked))
		return;
	/* The device still works for us after the blocked transfers. */
	if (!own_memory())
		return;
	rt_printf("dma: done\n");
	if (rt_arg_u64(args, "reset", &reset) && reset) {
		rt_printf("dma: reset\n");
		psci_system_reset();
		rt_printf("dma: error: SYSTEM_RESET returned\n");
	}
}
