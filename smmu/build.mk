# smmu/: the SMMUv3 driver (docs/smmu.md; its files and locks: smmu/smmuv3_dev.h).
#   smmuv3_enc.c    pure encodings (STEs, commands, event records): image + host
#   strtab_alloc.c  the stream table's span allocator (pure): image + host
#   smmuv3_init.c   probe and enable                       \
#   smmuv3_cmdq.c   command queue, global errors            |
#   smmuv3_evtq.c   event queue, fault reports, interrupts  | image only
#   smmuv3_strtab.c stream table updates, attach/abort API  |
#   smmuv3_s1.c     stage-1 tables (SMMU without stage 2)  /
#   partitions/streams.c  stream IDs of partition devices and the SMMU node
#                  from the device tree (owner: smmu/; called from layout_parse
#                  and layout_validate): image + host
smmu-shared-srcs := smmu/smmuv3_enc.c smmu/strtab_alloc.c partitions/streams.c
hyp-srcs += smmu/smmuv3_init.c smmu/smmuv3_cmdq.c smmu/smmuv3_evtq.c smmu/smmuv3_strtab.c \
	smmu/smmuv3_s1.c $(smmu-shared-srcs)
shared-srcs += $(smmu-shared-srcs)
unit-tests += test_smmu_enc test_smmu_strtab test_streams
# The SMMU's stream table, CDs and stage-1 tables, walked and verified (image + host).
hyp-srcs += smmu/smmu_walk.c
shared-srcs += smmu/smmu_walk.c
unit-tests += test_smmu_verify
