# guests/channel/: an endpoint of shared-memory channels (ping, pong, flood,
# victim roles), for tests/integration/test_channel.py and the channel bench.
guests += changuest
changuest-srcs := guests/channel/changuest.c
# chansmp: the bare-metal reference (two cores, shared memory + SGI), linked 2 MiB up so that
# QEMU's -kernel loader (its DTB at the RAM base) can run it natively.
guests += chansmp
chansmp-srcs := guests/channel/smpping.c
chansmp-base := 0x40200000
# statspeer: the bare-metal peer of the RTOS's channel "stats" (dts/rtos-channel.dts,
# tests/integration/test_rtos_channel.py): prints its statistics, sends one command, restarts.
guests += statspeer
statspeer-srcs := guests/channel/statspeer.c
# pcihostile: a bare-metal PCI endpoint attacking its emulated host bridge, and its echo peer
# (dts/vpci-hostile.dts, tests/integration/test_vpci_hostile.py; attack4 review).
guests += pcihostile
pcihostile-srcs := guests/channel/pcihostile.c
