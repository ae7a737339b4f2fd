// SPDX-License-Identifier: GPL-2.0-only
/*
 * Console input and the UART's interrupt: the physical UART's receive
 * interrupt feeds the partition that has the input focus (its emulated
 * PL011). The focus moves with an escape sequence, so one serial line serves
 * every partition:
 *
 *   Ctrl-] then 0..9   give the input to partition 0..9 (in device-tree order)
 *   Ctrl-] then ?      list the partitions and show which has the input
 *   Ctrl-] Ctrl-]      send a literal Ctrl-] to the partition
 *
 * The UART has one interrupt for receive and transmit. Its route: while
 * output waits, the core of the partition whose line goes out (it pays for
 * its own characters, core/console.c); otherwise the "home" partition's boot
 * core: the focused partition's, or, with no focus, one that runs.
 */
#include <arch/arm64/cpu.h>
#include <arch/arm64/spinlock.h>
#include <arch/arm64/sysreg.h>
#include <core/console.h>
#include <core/lc_fsm.h>
#include <core/partition.h>
#include <core/pl011_regs.h>
#include <gic/gicv3.h>
#include <lib/log.h>

#include <libfdt.h>
#include <string.h>

#define ESCAPE	     0x1d /* Ctrl-] */
#define UART_RX_INTS (UART_INT_RX | UART_INT_RT)
#define NO_CPU	     (~0U)

/*
 * All of the console input's state. Owner: this file. Written at boot
 * (console_input_init, one core) and then under @lock, which also orders the
 * focus against the receive path (one lock for both, so a character is never
 * delivered to a partition the focus has just left). @home and @focus are
 * also read without the lock (atomic loads): console_has_focus() on the trap
 * path, console_hw_route() under console.c's drain_lock. @routed_cpu is owned
 * by console_hw_route()'s caller (the holder of console.c's drain_lock).
 */
static struct console_input {
	spinlock_t lock;
	volatile uint32_t *uart; /* NULL: no console input (no UART interrupt known) */
	uint32_t intid;		 /* the UART's interrupt, ~0U if unknown */
	int focus;		 /* partition that has the input, -1 for none */
	int home;		 /* partition whose core takes the interrupt when no output waits */
	bool escaped;		 /* Ctrl-] seen, the next character is a command */
	bool held_back;		 /* receive interrupt masked: the focused ring was full */
	uint32_t routed_cpu;	 /* core the interrupt is routed to now */
} in = {.intid = ~0U, .focus = -1, .home = -1, .routed_cpu = NO_CPU};

uint32_t console_irq(void)
{
	return in.intid;
}

bool console_has_focus(const struct partition *p)
{
	int f = __atomic_load_n(&in.focus, __ATOMIC_RELAXED);

	return f >= 0 && p == &partitions[f];
}

static bool partition_down(uint32_t idx)
{
	return partitions[idx].state == PART_STOPPED || partitions[idx].state == PART_FAILED;
}

/* The first partition from @from on (in a circle) that runs and has an emulated UART, or -1. */
static int next_focusable(uint32_t from)
{
	for (uint32_t k = 0; k < hyp_layout.nparts; k++) {
		uint32_t idx = (from + k) % hyp_layout.nparts;

		if (hyp_layout.parts[idx].virtual_uart && !partition_down(idx))
			return (int)idx;
	}
	return -1;
}

/*
 * Whether @part's boot core takes interrupts now: not while its partition is
 * down, or restarting or starting (the core is busy at EL2, interrupts masked).
 */
static bool takes_irqs(int part)
{
	return part >= 0 && (uint32_t)part < hyp_layout.nparts &&
	       partitions[part].state == PART_RUNNING;
}

/*
 * Seam for console.c (called under its drain_lock): route the interrupt to
 * @part's core if it takes interrupts, else to the home's, else to any running
 * partition's (output must not wait for a restart to end).
 */
void console_hw_route(int part)
{
	uint32_t cpu;

	if (in.intid == ~0U)
		return;
	if (!takes_irqs(part))
		part = __atomic_load_n(&in.home, __ATOMIC_RELAXED);
	for (uint32_t i = 0; i < hyp_layout.nparts && !takes_irqs(part); i++)
		part = (int)i;
	if (!takes_irqs(part))
		return;
	cpu = hyp_layout.parts[part].cpus[0];
	if (cpu != in.routed_cpu) {
		in.routed_cpu = cpu;
		gicd_set_route(in.intid, cpu);
	}
}

/* Seam for console.c: a Bulkhead line logged on this core goes with its partition's output. */
uint32_t console_hw_current_src(void)
{
	/*
	 * TPIDR_EL2 is always a struct cpu or 0 (arch/arm64/head.S): boot_cpu on
	 * the boot core and 0 on a secondary until cpu_init_local(); neither runs
	 * a vCPU.
	 */
	const struct cpu *c = this_cpu();
	const struct vcpu *v = (c != NULL) ? c->vcpu : NULL;

	if (!v || !v->part)
		return CONSOLE_SRC_HYP;
	return v->part->lp->id;
}

static void announce(void)
{
	if (in.focus < 0)
		log_info("console input: none yet (Ctrl-] then 0-%u to give it to a partition)",
			 hyp_layout.nparts - 1);
	else
		log_info("console input -> '%s' (Ctrl-] then 0-%u to switch, Ctrl-] ? to list)",
			 hyp_layout.parts[in.focus].name, hyp_layout.nparts - 1);
}

/* Lock held. */
static void set_focus(int idx)
{
	if (idx < 0 || (uint32_t)idx >= hyp_layout.nparts) {
		log_info("console input: no partition %d", idx);
		return;
	}
	if (!hyp_layout.parts[idx].virtual_uart) {
		log_info("console input: partition '%s' has no emulated UART",
			 hyp_layout.parts[idx].name);
		return;
	}
	if (partition_down((uint32_t)idx)) {
		log_info("console input: partition '%s' is %s", hyp_layout.parts[idx].name,
			 partitions[idx].state == PART_FAILED ? "failed" : "stopped");
		return;
	}
	__atomic_store_n(&in.focus, idx, __ATOMIC_RELAXED);
	__atomic_store_n(&in.home, idx, __ATOMIC_RELAXED);
	console_reroute();
	announce();
}

/*
 * A partition went down for good: if its core was the interrupt's home, that
 * core is parked with interrupts masked and would never take it again. Give
 * the input (if it had it) and the home to the next partition that runs and
 * has an emulated UART. With no partition left running at all, nobody takes
 * the interrupt: the console writes synchronously from now on.
 */
static bool any_running(void)
{
	for (uint32_t i = 0; i < hyp_layout.nparts; i++)
		if (!partition_down(i))
			return true;
	return false;
}

void console_partition_down(const struct partition *p)
{
	int from = (int)(p - partitions);
	int to;

	if (!in.uart) {
		if (!any_running())
			console_go_sync();
		return;
	}
	spin_lock(&in.lock);
	to = next_focusable((uint32_t)from + 1);
	if (in.focus == from) {
		if (to >= 0) {
			set_focus(to);
		} else {
			__atomic_store_n(&in.focus, -1, __ATOMIC_RELAXED);
			log_info("console input: no running partition has an emulated UART");
		}
	}
	if (in.home == from && to >= 0) {
		__atomic_store_n(&in.home, to, __ATOMIC_RELAXED);
		console_reroute();
	}
	spin_unlock(&in.lock);
	if (!any_running())
		console_go_sync();
}

/* Lock held. */
static void list_partitions(void)
{
	for (uint32_t i = 0; i < hyp_layout.nparts; i++)
		log_info("  %u: %s%s%s", i, hyp_layout.parts[i].name,
			 hyp_layout.parts[i].virtual_uart ? "" : " (no emulated UART)",
			 (int)i == in.focus ? "  <- input" : "");
}

/*
 * Ctrl-] s: is my RTOS alive? Each partition's state, time since its last
 * start, restarts, faults its policy handled and refused CPU_ONs. Lock held
 * (the counters are read without their owners' locks: a report, not a
 * decision).
 */
static void status(void)
{
	uint64_t now = read_sysreg(cntpct_el0);
	uint64_t ms = read_sysreg(cntfrq_el0) / 1000U;

	for (uint32_t i = 0; i < hyp_layout.nparts; i++) {
		const struct partition *p = &partitions[i];
		enum partition_state s =
			(enum partition_state)__atomic_load_n(&p->state, __ATOMIC_ACQUIRE);
		uint64_t t = __atomic_load_n(&p->started, __ATOMIC_RELAXED);
		/* started after @now was read (Ctrl-] s during its restart): just started */
		uint64_t up =
			((s == PART_RUNNING) && (ms != 0U) && (now > t)) ? ((now - t) / ms) : 0U;

		log_info("  %u: %s %s, up %llu.%03llu s, restarts %u, faults %u, refused CPU_ON %u",
			 i, p->lp->name, lc_part_name(s), (unsigned long long)(up / 1000U),
			 (unsigned long long)(up % 1000U), p->restarts,
			 __atomic_load_n(&p->faults, __ATOMIC_RELAXED),
			 __atomic_load_n(&p->psci_refused, __ATOMIC_RELAXED));
	}
}

/* Lock held. */
static void input_char(char c)
{
	if (in.escaped) {
		in.escaped = false;
		if (c >= '0' && c <= '9')
			set_focus(c - '0');
		else if (c == '?')
			list_partitions();
		else if (c == 's')
			status();
		else if (c == ESCAPE && in.focus >= 0)
			vuart_receive(&partitions[in.focus].vuart, c);
		return;
	}
	if (c == ESCAPE)
		in.escaped = true;
	else if (in.focus >= 0)
		vuart_receive(&partitions[in.focus].vuart, c);
}

/*
 * Flow control, lock held: characters are taken from the UART only while the
 * focused partition's receive ring has room. When it is full the UART's
 * receive interrupt is masked and the characters wait in the UART (and behind
 * it, in the sender), instead of being dropped; reading from the ring resumes.
 * Returns false if the ring filled up and the rest waits.
 */
static bool drain_rx(void)
{
	while (!(in.uart[UARTFR / 4] & UARTFR_RXFE)) {
		if (in.focus >= 0 && !in.escaped && !vuart_rx_room(&partitions[in.focus].vuart))
			return false;
		input_char((char)in.uart[UARTDR / 4]);
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
	if (!in.uart)
		return;
	spin_lock(&in.lock);
	in.uart[UARTICR / 4] = UART_RX_INTS;
	if (!drain_rx()) {
		__atomic_store_n(&in.held_back, true, __ATOMIC_RELAXED);
		console_hw_imsc(0, UART_RX_INTS);
	}
	spin_unlock(&in.lock);
}

void console_rx_resume(void)
{
	if (!in.uart || !__atomic_load_n(&in.held_back, __ATOMIC_RELAXED))
		return;
	spin_lock(&in.lock);
	if (in.held_back) {
		in.uart[UARTICR / 4] = UART_RX_INTS;
		if (drain_rx()) {
			in.held_back = false;
			console_hw_imsc(UART_RX_INTS, 0);
		}
	}
	spin_unlock(&in.lock);
}

/* EL2's handler of the UART's interrupt (INTID console_irq()): receive, then transmit. */
void console_uart_irq(void)
{
	uint32_t mis = in.uart ? in.uart[UARTMIS / 4] : 0;

	/* Only when the receive side asks: its lock must not be waited for on every transmit one. */
	if (mis & UART_RX_INTS)
		console_rx_irq();
	if (mis & UART_INT_TX)
		console_tx_irq();
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
		return next_focusable(0);
	return strcmp(name, "none") == 0 ? -1 : layout_find_partition(l, name);
}

/* Boot core, before the other cores start. */
void console_input_init(const struct layout *l)
{
	for (uint32_t i = 0; i < l->nparts; i++)
		console_source_init(i, l->parts[i].name);
	in.focus = initial_focus(l);
	in.intid = uart_spi(l);
	if (next_focusable(0) < 0 || in.intid == ~0U || !l->uart_base) {
		in.intid = ~0U;
		return; /* no interrupt: the console stays synchronous (polling) */
	}
	in.uart = (volatile uint32_t *)(uintptr_t)l->uart_base;
	/* With no focus the interrupt still needs a core that runs: the first partition's. */
	in.home = in.focus >= 0 ? in.focus : next_focusable(0);
	console_hw_imsc(UART_RX_INTS, UART_INT_TX);
	gicd_set_edge(in.intid, false);
	in.routed_cpu = l->parts[in.home].cpus[0];
	gicd_set_route(in.intid, in.routed_cpu);
	gicd_set_enable(in.intid, true);
	announce();
	console_start_async();
}
