# smmu/: the SMMUv3 driver (docs/smmu.md).
#   smmuv3_enc.c   pure encodings (STEs, commands, event records): image + host
#   smmuv3.c       the driver: image only
#   partitions/streams.c  stream IDs of partition devices and the SMMU node
#                  from the device tree (owner: smmu/; called from layout_parse
#                  and layout_validate): image + host
smmu-shared-srcs := smmu/smmuv3_enc.c partitions/streams.c
hyp-srcs += smmu/smmuv3.c $(smmu-shared-srcs)
shared-srcs += $(smmu-shared-srcs)
unit-tests += test_smmu_enc test_streams
# The SMMU's stream table, CDs and stage-1 tables, walked and verified (image + host).
hyp-srcs += smmu/smmu_walk.c
shared-srcs += smmu/smmu_walk.c
unit-tests += test_smmu_verify
