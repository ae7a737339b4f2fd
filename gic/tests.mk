unit-tests += test_vgic_dist test_vgic_lr
