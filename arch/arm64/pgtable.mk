# arch/arm64: translation tables (pgtable) and stage 2, included from arch/arm64/build.mk.
hyp-srcs += arch/arm64/pgtable.c arch/arm64/stage2.c
shared-srcs += arch/arm64/pgtable.c arch/arm64/stage2.c
unit-tests += test_pgtable test_stage2
