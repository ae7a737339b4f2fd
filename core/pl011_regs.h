/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * PL011 UART register map and bits (ARM DDI 0183, 3.2), shared by the
 * physical console driver (console.c, console_input.c) and the emulated UART
 * partitions see (vuart.c).
 */
#ifndef CORE_PL011_REGS_H
#define CORE_PL011_REGS_H

#define UARTDR	      0x000
#define UARTRSR	      0x004
#define UARTFR	      0x018
#define UARTILPR      0x020
#define UARTIBRD      0x024
#define UARTFBRD      0x028
#define UARTLCR_H     0x02c
#define UARTCR	      0x030
#define UARTIFLS      0x034
#define UARTIMSC      0x038
#define UARTRIS	      0x03c
#define UARTMIS	      0x040
#define UARTICR	      0x044
#define UARTDMACR     0x048
#define UARTPERIPHID0 0xfe0

/* UARTFR */
#define UARTFR_RXFE (1U << 4)
#define UARTFR_TXFF (1U << 5)
#define UARTFR_TXFE (1U << 7)

/* Interrupt bits (UARTIMSC, UARTRIS, UARTMIS, UARTICR). */
#define UART_INT_RX  (1U << 4)
#define UART_INT_TX  (1U << 5)
#define UART_INT_RT  (1U << 6)
#define UART_INT_ALL 0x7ffU

#endif
