# guests/lifecycle/: lcguest, the life-cycle test guest (tests/integration/test_lifecycle.py,
# dts/lifecycle-*.dts), on the guest library (guests/lib/).
#   $(O)/guests/lcguest.bin
guests += lcguest
lcguest-srcs := guests/lifecycle/lcguest.c
