/* SPDX-License-Identifier: GPL-2.0-only */
/* PSCI calls (DEN 0022) through the conduit the device tree names. */
#ifndef GUESTS_RTOS_PSCI_H
#define GUESTS_RTOS_PSCI_H

#include <guests/rtos/platform.h>

void psci_init(enum psci_conduit conduit);
const char *psci_conduit_name(void);

/* SYSTEM_OFF; returns only if there is no PSCI or the call failed. */
void psci_system_off(void);

#endif
