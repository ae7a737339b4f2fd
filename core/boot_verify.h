/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef CORE_BOOT_VERIFY_H
#define CORE_BOOT_VERIFY_H

/*
 * Walk every partition's stage-2 tables and the SMMU's stream table, CDs and
 * stage-1 tables, and check them against the layout (docs/reliability.md,
 * "Table verification"). Prints one line per partition; on any mismatch
 * prints each (naming partition and address) and halts: nothing started.
 * Boot core, once, after every table is built and before any core enters a
 * partition.
 */
void boot_verify_tables(void);

#endif
