# arch/arm64: translation tables (pgtable) and stage 2, included from arch/arm64/build.mk.
hyp-srcs += arch/arm64/pgtable.c arch/arm64/stage2.c
shared-srcs += arch/arm64/pgtable.c arch/arm64/stage2.c
unit-tests += test_pgtable test_stage2
# Table verification (docs/reliability.md): walking built tables, a partition's
# stage 2 from its layout, and its check against the layout.
hyp-srcs += arch/arm64/s2_walk.c arch/arm64/s2_layout.c
shared-srcs += arch/arm64/s2_walk.c arch/arm64/s2_layout.c
unit-tests += test_s2_verify
