// SPDX-License-Identifier: GPL-2.0-only
/*
 * Console input: the physical UART's receive interrupt feeds the partition
 * that has the input focus (its emulated PL011). The focus moves with an
 * escape sequence, so one serial line serves every partition:
 *
 *   Ctrl-] then 0..9   give the input to partition 0..9 (in device-tree order)
 *   Ctrl-] then ?      list the partitions and show which has the input
 *   Ctrl-] Ctrl-]      send a literal Ctrl-] to the partition
 */
#include <arch/arm64/cpu.h>
#include <core/console.h>
#include <lib/log.h>
#include <core/partition.h>
#include <core/pl011_regs.h>
#include <arch/arm64/spinlock.h>
#include <gic/gicv3.h>

#include <libfdt.h>
#include <string.h>

#define ESCAPE 0x1d /* Ctrl-] */
#define UART_RX_INTS (UART_INT_RX | UART_INT_RT)


static volatile uint32_t *uart;
static uint32_t uart_intid = ~0U;
static int focus = -1;
static int route_part = -1; /* the partition whose boot core takes the UART's interrupt */
static bool escaped;

uint32_t console_irq(void)
{
	return uart_intid;
}

bool console_has_focus(const struct partition *p)
{
	return focus >= 0 && p == &partitions[focus];
}

static int first_focusable(void)
{
	for (uint32_t i = 0; i < hyp_layout.nparts; i++)
		if (hyp_layout.parts[i].virtual_uart)
			return (int)i;
	return -1;
}

static void announce(void)
{
	if (focus < 0)
		log_info("console input: none yet (Ctrl-] then 0-%u to give it to a partition)",
			 hyp_layout.nparts - 1);
	else
		log_info("console input -> '%s' (Ctrl-] then 0-%u to switch, Ctrl-] ? to list)",
			 hyp_layout.parts[focus].name, hyp_layout.nparts - 1);
}

static bool partition_down(uint32_t idx)
{
	return partitions[idx].state == PART_STOPPED || partitions[idx].state == PART_FAILED;
}

static void set_focus(int idx)
{
	if (idx < 0 || (uint32_t)idx >= hyp_layout.nparts || !hyp_layout.parts[idx].virtual_uart) {
		log_info("console input: partition %d has no emulated UART", idx);
		return;
	}
	if (partition_down((uint32_t)idx)) {
		log_info("console input: partition '%s' is %s", hyp_layout.parts[idx].name,
			 partitions[idx].state == PART_FAILED ? "failed" : "stopped");
		return;
	}
	focus = idx;
	route_part = idx;
	gicd_set_route(uart_intid, hyp_layout.parts[idx].cpus[0]);
	announce();
}

/*
 * A partition went down for good: if it had the input, its boot core is parked
 * with interrupts masked and would never take the UART's interrupt again.
 * Give the input to the next partition that runs and has an emulated UART.
 */
void console_partition_down(const struct partition *p)
{
	int from = (int)(p - partitions);

	if (!uart || from != route_part)
		return;
	for (uint32_t k = 1; k <= hyp_layout.nparts; k++) {
		uint32_t idx = ((uint32_t)from + k) % hyp_layout.nparts;

		if (partition_down(idx) || !hyp_layout.parts[idx].virtual_uart)
			continue;
		if (focus == from) {
			set_focus((int)idx);
		} else {
			/* No focus to move, but the interrupt needs a core that runs. */
			route_part = (int)idx;
			gicd_set_route(uart_intid, hyp_layout.parts[idx].cpus[0]);
		}
		return;
	}
	if (focus == from)
		focus = -1;
	log_info("console input: no running partition has an emulated UART");
}

static void list_partitions(void)
{
	for (uint32_t i = 0; i < hyp_layout.nparts; i++)
		log_info("  %u: %s%s%s", i, hyp_layout.parts[i].name,
			 hyp_layout.parts[i].virtual_uart ? "" : " (no emulated UART)",
			 (int)i == focus ? "  <- input" : "");
}

static void input_char(char c)
{
	if (escaped) {
		escaped = false;
		if (c >= '0' && c <= '9')
			set_focus(c - '0');
		else if (c == '?')
			list_partitions();
		else if (c == ESCAPE && focus >= 0)
			vuart_receive(&partitions[focus].vuart, c);
		return;
	}
	if (c == ESCAPE)
		escaped = true;
	else if (focus >= 0)
		vuart_receive(&partitions[focus].vuart, c);
}

/*
 * Flow control: characters are taken from the UART only while the focused
 * partition's receive ring has room. When it is full the UART's receive
 * interrupt is masked and the characters wait in the UART (and behind it, in
 * the sender), instead of being dropped; reading from the ring resumes.
 */
static volatile uint32_t held_back;
static spinlock_t input_lock;

/* Take what the UART has; false if the ring filled up and the rest waits. */
static bool drain(void)
{
	while (!(uart[UARTFR / 4] & UARTFR_RXFE)) {
		if (focus >= 0 && !escaped && !vuart_rx_room(&partitions[focus].vuart))
			return false;
		input_char((char)uart[UARTDR / 4]);
	}
	return true;
}

/*
 * Clear the receive interrupt BEFORE draining: a character that arrives after
 * the FIFO looked empty raises it again. Clearing after draining could lose
 * that edge, and QEMU's PL011 raises it only when the FIFO goes from empty to
 * one character: input would then stall until the next key.
 */
void console_rx_irq(void)
{
	if (!uart)
		return;
	spin_lock(&input_lock);
	uart[UARTICR / 4] = UART_RX_INTS;
	if (!drain()) {
		held_back = 1;
		uart[UARTIMSC / 4] &= ~UART_RX_INTS;
	}
	spin_unlock(&input_lock);
}

void console_rx_resume(void)
{
	if (!uart || !held_back)
		return;
	spin_lock(&input_lock);
	if (held_back) {
		uart[UARTICR / 4] = UART_RX_INTS;
		if (drain()) {
			held_back = 0;
			uart[UARTIMSC / 4] |= UART_RX_INTS;
		}
	}
	spin_unlock(&input_lock);
}

/* The UART's interrupt: the first SPI of the stdout-path node's "interrupts". */
static uint32_t uart_spi(const struct layout *l)
{
	const fdt32_t *prop;
	int len;

	if (l->uart_node < 0)
		return ~0U;
	prop = fdt_getprop(l->fdt, l->uart_node, "interrupts", &len);
	if (!prop || len < 12 || fdt32_to_cpu(prop[0]) != 0)
		return ~0U;
	return fdt32_to_cpu(prop[1]) + GIC_SPI_BASE;
}

/* /chosen/bulkhead console-input: a partition's name, "none", or absent (validated). */
static int initial_focus(const struct layout *l)
{
	const char *name = fdt_getprop(l->fdt, l->root, "console-input", NULL);

	if (!name)
		return first_focusable();
	return strcmp(name, "none") == 0 ? -1 : layout_find_partition(l, name);
}

void console_input_init(const struct layout *l)
{
	focus = initial_focus(l);
	uart_intid = uart_spi(l);
	if (first_focusable() < 0 || uart_intid == ~0U || !l->uart_base)
		return;
	uart = (volatile uint32_t *)(uintptr_t)l->uart_base;
	uart[UARTIMSC / 4] |= UART_RX_INTS;
	gicd_set_edge(uart_intid, false);
	/* With no focus the interrupt still needs a core that runs: the first partition's. */
	route_part = focus >= 0 ? focus : first_focusable();
	gicd_set_route(uart_intid, l->parts[route_part].cpus[0]);
	gicd_set_enable(uart_intid, true);
	announce();
}
