# guests/vgictest/: bare-metal test of the virtual GICv3 and guest PSCI, on
# the guest library (guests/lib/). Booted by dts/vgic-test.dts and checked by
# tests/integration/test_vgic.py.
#   $(O)/guests/vgictest.bin   raw arm64 Image, linked at guest-physical 0x40000000

guests += vgictest
vgictest-srcs := guests/vgictest/vgictest.c
