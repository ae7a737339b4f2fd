# arch/arm64/: entry, vectors, EL2 translation, stage-2 tables, firmware calls.
hyp-srcs += arch/arm64/head.S arch/arm64/vectors.S arch/arm64/cpu.c arch/arm64/mmu.c arch/arm64/stack.c
-include arch/arm64/pgtable.mk
