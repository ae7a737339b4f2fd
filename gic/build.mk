# gic/: physical GICv3 driver and the virtual GIC of each partition.
hyp-srcs += gic/gicv3.c gic/vgic.c gic/vgic_dist.c gic/vgic_redist.c gic/vgic_hw.c
shared-srcs += gic/vgic.c gic/vgic_dist.c gic/vgic_redist.c
-include gic/tests.mk
