# guests/hostile32/: the AArch32 hostile pass (dts/hostile32.dts,
# tests/integration/test_hostile32.py), built for AArch32 on the guest
# library's AArch32 layer (guests/lib/build.mk, guests32).
#   $(O)/guests/hostile32.bin   a raw binary: role=attack (default) or role=watch

guests32 += hostile32
hostile32-srcs := guests/hostile32/hostile32.c
