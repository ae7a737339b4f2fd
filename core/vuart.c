// SPDX-License-Identifier: GPL-2.0-only
#include <arch/arm64/spinlock.h>
#include <core/console.h>
#include <core/mmio.h>
#include <core/partition.h>
#include <core/pl011_regs.h>
#include <core/vuart.h>
#include <gic/vgic.h>

#include <errno.h>
#include <string.h>

/* PeriphID0..3 (PL011 r1p5) then PrimeCellID0..3, as the AMBA bus reads them. */
static const uint8_t id_regs[8] = {0x11, 0x10, 0x34, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

void vuart_init(struct vuart *u, struct partition *p)
{
	memset(u, 0, sizeof(*u));
	u->part = p;
	u->cr = 0x300; /* TXE | RXE, as after reset */
	u->ifls = 0x12;
}

bool vuart_rx_room(const struct vuart *u)
{
	return (u->rx_head + 1) % VUART_RX_RING != u->rx_tail;
}

static bool rx_empty(const struct vuart *u)
{
	return u->rx_head == u->rx_tail;
}

/* Recompute the raw interrupt status and drive the virtual SPI's level. */
static void update_irq(struct vuart *u)
{
	uint32_t ris = (u->ris & ~(UART_INT_RX | UART_INT_RT)) | UART_INT_TX;

	if (!rx_empty(u))
		ris |= UART_INT_RX | UART_INT_RT;
	u->ris = ris;
	vgic_set_level(&u->part->vgic, VUART_SPI_INTID, (ris & u->imsc) != 0);
}

void vuart_receive(struct vuart *u, char c)
{
	uint32_t next = (u->rx_head + 1) % VUART_RX_RING;

	spin_lock(&u->lock);
	if (next != u->rx_tail) { /* full: dropped, as a real FIFO overruns */
		u->rx[u->rx_head] = c;
		__atomic_store_n(&u->rx_head, next, __ATOMIC_RELEASE);
		update_irq(u);
	}
	spin_unlock(&u->lock);
}

static uint32_t read_dr(struct vuart *u)
{
	uint32_t c;

	if (rx_empty(u))
		return 0;
	c = (uint8_t)u->rx[u->rx_tail];
	__atomic_store_n(&u->rx_tail, (u->rx_tail + 1) % VUART_RX_RING, __ATOMIC_RELEASE);
	update_irq(u);
	return c;
}

static uint32_t vuart_read(struct vuart *u, uint64_t off)
{
	if (off >= UARTPERIPHID0)
		return id_regs[(off - UARTPERIPHID0) / 4 % 8];
	switch (off) {
	case UARTDR:
		return read_dr(u);
	case UARTFR:
		return UARTFR_TXFE | (rx_empty(u) ? UARTFR_RXFE : 0);
	case UARTIBRD:
		return u->ibrd;
	case UARTFBRD:
		return u->fbrd;
	case UARTLCR_H:
		return u->lcr_h;
	case UARTCR:
		return u->cr;
	case UARTIFLS:
		return u->ifls;
	case UARTIMSC:
		return u->imsc;
	case UARTRIS:
		return u->ris;
	case UARTMIS:
		return u->ris & u->imsc;
	case UARTDMACR:
		return u->dmacr;
	default:
		return 0;
	}
}

static void vuart_write(struct vcpu *v, struct vuart *u, uint64_t off, uint32_t val)
{
	char c = (char)val;

	switch (off) {
	case UARTDR:
		console_put(u->part->lp->id, &v->out, &c, 1, console_has_focus(u->part));
		return;
	case UARTIBRD:
		u->ibrd = val & 0xffff;
		return;
	case UARTFBRD:
		u->fbrd = val & 0x3f;
		return;
	case UARTLCR_H:
		u->lcr_h = val & 0xff;
		return;
	case UARTCR:
		u->cr = val & 0xffff;
		return;
	case UARTIFLS:
		u->ifls = val & 0x3f;
		return;
	case UARTIMSC:
		u->imsc = val & UART_INT_ALL;
		break;
	case UARTICR:
		u->ris &= ~val;
		break;
	case UARTDMACR:
		u->dmacr = val & 7;
		return;
	default:
		return; /* RSR/ECR clears errors we never have; ILPR unused */
	}
	update_irq(u);
}

int vuart_access(struct vcpu *v, struct mmio_access *a, void *dev)
{
	struct vuart *u = dev;

	/* The PL011 has 8-, 16- and 32-bit registers; 64-bit accesses are not allowed. */
	if (a->size > 4 || (a->offset & (a->size - 1)))
		return -EINVAL;
	/*
	 * One lock orders the ring, the registers and the interrupt level the
	 * vCPUs and the console's input (another core) compute from them.
	 */
	spin_lock(&u->lock);
	if (a->write)
		vuart_write(v, u, a->offset & ~3ULL, (uint32_t)a->value);
	else /* registers are 32-bit words: a narrower read sees its own byte lanes */
		a->value = vuart_read(u, a->offset & ~3ULL) >> (8 * (a->offset & 3));
	spin_unlock(&u->lock);
	/* Input held back in the UART while the ring was full: take more (no lock held). */
	if (!a->write && (a->offset & ~3ULL) == UARTDR)
		console_rx_resume();
	return 0;
}
