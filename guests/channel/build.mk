# guests/channel/: an endpoint of shared-memory channels (ping, pong, flood,
# victim roles), for tests/integration/test_channel.py and the channel bench.
guests += changuest
changuest-srcs := guests/channel/changuest.c guests/channel/chanring.c
# chansmp: the bare-metal reference (two cores, shared memory + SGI), linked 2 MiB up so that
# QEMU's -kernel loader (its DTB at the RAM base) can run it natively.
guests += chansmp
chansmp-srcs := guests/channel/smpping.c
chansmp-base := 0x40200000
