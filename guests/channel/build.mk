# guests/channel/: an endpoint of shared-memory channels (ping, pong, flood,
# victim roles), for tests/integration/test_channel.py and the channel bench.
guests += changuest
changuest-srcs := guests/channel/changuest.c guests/channel/chanring.c
