/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef CORE_BOOT_H
#define CORE_BOOT_H

#include <stdint.h>

/* Called from head.S on the boot core with the system DTB's address. */
void boot_main(uint64_t dtb);

/* Called from head.S on every other core, with its index in the layout. */
void secondary_main(uint64_t index);

#endif
