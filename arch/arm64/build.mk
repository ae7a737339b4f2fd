# arch/arm64/: entry, vectors, EL2 translation, stage-2 tables, firmware calls.
hyp-srcs += arch/arm64/head.S arch/arm64/vectors.S arch/arm64/cpu.c arch/arm64/mmu.c arch/arm64/stack.c
-include arch/arm64/pgtable.mk
# EL1 state of guests: reset on (re)start, PMU/debug isolation, pointer auth (docs/reliability.md).
hyp-srcs += arch/arm64/mem_scrub.c arch/arm64/abort.c arch/arm64/el1_policy.c arch/arm64/el1_state.c arch/arm64/el1_fp.S arch/arm64/pmu_trap.c
shared-srcs += arch/arm64/el1_policy.c arch/arm64/abort.c
unit-tests += test_el1_policy test_abort
# AArch32 EL1 guests: register mapping, conditions, IT state, CP15 decode (pure).
hyp-srcs += arch/arm64/aarch32.c
shared-srcs += arch/arm64/aarch32.c
unit-tests += test_aarch32
