// SPDX-License-Identifier: GPL-2.0-only
/*
 * bhchan: a Bulkhead channel from Linux user space (docs/running.md
 * "Channels from Linux", docs/design.md "Channels").
 *
 *   bhchan [-c LABEL] send TEXT...          one message (the words joined by spaces)
 *   bhchan [-c LABEL] recv [--wait] [--count N]
 *   bhchan [-c LABEL] wait                  until a message waits or a doorbell comes
 *   bhchan [-c LABEL] rtt N                 N round trips (a reply naming "ping <i>")
 *   bhchan [-c LABEL] info                  the header, the rings, the doorbell count
 *
 * The channel is a PCI function of the partition's emulated host bridge
 * (vendor CHANNEL_PCI_VENDOR, device CHANNEL_PCI_DEVICE; partitions/
 * channel.h), found in /sys/bus/pci/devices (the first one, or the one whose
 * subsystem ID is the id of the channel node labelled LABEL in the device
 * tree), bound to the stock uio_pci_generic through its new_id. resource2
 * (BAR2) is the region, resource0 (BAR0) the doorbell page; /dev/uioN
 * delivers INTA, and the function's config file re-enables it. The messages are those of the guest library's channel API
 * (guests/lib/chan.h): one single-producer single-consumer ring per direction
 * (guests/lib/chanring.c, compiled in unchanged), the payload split in two
 * halves, the lower one written by endpoint 0.
 *
 * Waiting for a doorbell, without losing one (uio_pci_generic masks INTx in
 * its handler with the Command register's INTx Disable, and has no
 * irqcontrol: user space clears the bit through the config file, as the
 * kernel's UIO howto shows): acknowledge (CHANNEL_REG_ACK clears "interrupt
 * pending"), unmask, look at the ring again, and only then block in read():
 * a ring after the acknowledgement interrupts again.
 *
 * Restart: the first bhchan after a boot of this Linux (no /run/bhchan-<id>
 * with this endpoint's generation yet) drops what it finds unread in the
 * ring it consumes, as chan_open() does: those messages were meant for the
 * previous run.
 */
#include <guests/lib/chan.h>
#include <guests/lib/chanring.h>
#include <guests/lib/mmio.h>
#include <guests/linux/bhchan/sys.h>
#include <partitions/channel.h>

#include <lib/format.h>
#include <stdlib.h>
#include <string.h>

#define PCI_DEVICES "/sys/bus/pci/devices"
#define UIO_DRIVER  "/sys/bus/pci/drivers/uio_pci_generic"
#define DT_BASE	    "/sys/firmware/devicetree/base"
#define PATH_MAX_   256
#define RTT_MAX	    1000U

struct ch {
	char dev[PATH_MAX_]; /* /sys/bus/pci/devices/<bdf> */
	uint64_t base, size; /* the region (BAR2), mapped */
	uint64_t db;	     /* the doorbell page (BAR0), mapped */
	long uio;	     /* /dev/uioN */
	long config;	     /* the function's config space (sysfs) */
	uint32_t self;
	struct chanring tx, rx;
};

struct dirent64 {
	uint64_t ino;
	int64_t off;
	uint16_t reclen;
	uint8_t type;
	char name[];
};

/* Calls @fn(name, ctx) for each entry of directory @path until it returns true. */
static bool each_entry(const char *path, bool (*fn)(const char *name, void *ctx), void *ctx)
{
	static char buf[4096] __attribute__((aligned(8)));
	long fd = sys_open(path, O_RDONLY | O_DIRECTORY);
	long n;

	if (fd < 0)
		return false;
	while ((n = sys_call(SYS_GETDENTS64, fd, (long)buf, sizeof(buf), 0, 0, 0)) > 0)
		for (long at = 0; at < n;) {
			const struct dirent64 *d = (const struct dirent64 *)(void *)&buf[at];

			at += d->reclen;
			if ((d->name[0] != '.') && fn(d->name, ctx)) {
				(void)sys_close(fd);
				return true;
			}
		}
	(void)sys_close(fd);
	return false;
}

struct find {
	const char *label;
	long id; /* the labelled channel's id, -1 for any */
	char *dev;
};

/* A channel node of the device tree: its label is find->label? Then its id. */
static bool dt_channel(const char *name, void *ctx)
{
	struct find *f = ctx;
	char path[PATH_MAX_], buf[64];
	const uint8_t *id = (const uint8_t *)buf;

	if (strncmp(name, "channel@", 8) != 0)
		return false;
	(void)fmt_snprintf(path, sizeof(path), DT_BASE "/%s/label", name);
	if ((read_file(path, buf, sizeof(buf)) <= 0) || (strcmp(buf, f->label) != 0))
		return false;
	(void)fmt_snprintf(path, sizeof(path), DT_BASE "/%s/bulkhead,channel-id", name);
	if (read_file(path, buf, sizeof(buf)) != 4)
		return false;
	f->id = ((long)id[0] << 24) | ((long)id[1] << 16) | ((long)id[2] << 8) | (long)id[3];
	return true;
}

static bool file_is(const char *dev, const char *file, unsigned long want)
{
	char path[PATH_MAX_], buf[32];

	(void)fmt_snprintf(path, sizeof(path), PCI_DEVICES "/%s/%s", dev, file);
	return (read_file(path, buf, sizeof(buf)) > 0) && (strtoul(buf, NULL, 16) == want);
}

static bool pci_channel(const char *name, void *ctx)
{
	struct find *f = ctx;

	if (!file_is(name, "vendor", CHANNEL_PCI_VENDOR) ||
	    !file_is(name, "device", CHANNEL_PCI_DEVICE) ||
	    ((f->id >= 0) && !file_is(name, "subsystem_device", (unsigned long)f->id)))
		return false;
	(void)fmt_snprintf(f->dev, PATH_MAX_, PCI_DEVICES "/%s", name);
	return true;
}

static bool first_uio(const char *name, void *ctx)
{
	if (strncmp(name, "uio", 3) != 0)
		return false;
	(void)fmt_snprintf(ctx, 32, "/dev/%s", name);
	return true;
}

/* uio_pci_generic takes the function (new_id, or bind if the ID is known): /dev/uioN. */
static int bind(struct ch *c)
{
	char path[PATH_MAX_], uio[32] = "";
	char id[16];
	const char *bdf = strrchr(c->dev, '/') + 1;

	(void)fmt_snprintf(path, sizeof(path), "%s/uio", c->dev);
	if (!each_entry(path, first_uio, uio)) {
		(void)fmt_snprintf(id, sizeof(id), "%x %x", CHANNEL_PCI_VENDOR, CHANNEL_PCI_DEVICE);
		if ((write_file(UIO_DRIVER "/new_id", id) != 0) &&
		    (write_file(UIO_DRIVER "/bind", bdf) != 0)) {
			err("bhchan: cannot bind %s to uio_pci_generic (is it loaded?)\n", bdf);
			return -1;
		}
		if (!each_entry(path, first_uio, uio)) {
			err("bhchan: %s has no uio device after binding\n", bdf);
			return -1;
		}
	}
	c->uio = sys_open(uio, O_RDWR);
	(void)fmt_snprintf(path, sizeof(path), "%s/config", c->dev);
	c->config = sys_open(path, O_RDWR);
	if ((c->uio < 0) || (c->config < 0)) {
		err("bhchan: %s or %s: error %ld\n", uio, path,
		    (c->uio < 0) ? -c->uio : -c->config);
		return -1;
	}
	return 0;
}

static uint64_t map_bar(const struct ch *c, int bar, uint64_t len)
{
	char path[PATH_MAX_];
	long fd;
	uint64_t a;

	(void)fmt_snprintf(path, sizeof(path), "%s/resource%d", c->dev, bar);
	fd = sys_open(path, O_RDWR);
	if (fd < 0)
		return 0;
	a = sys_map(fd, len);
	(void)sys_close(fd);
	return a;
}

static volatile const struct channel_header *header(const struct ch *c)
{
	return (volatile const struct channel_header *)(uintptr_t)c->base;
}

/* First use since this Linux booted: drop what the peer left for the previous run. */
static void first_use(const struct ch *c)
{
	char path[64], want[16], have[16];
	long fd;

	(void)fmt_snprintf(path, sizeof(path), "/run/bhchan-%u", header(c)->id);
	(void)fmt_snprintf(want, sizeof(want), "%u", header(c)->state[c->self]);
	if ((read_file(path, have, sizeof(have)) > 0) && (strcmp(have, want) == 0))
		return;
	(void)chanring_discard(&c->rx);
	fd = sys_open(path, O_WRONLY | O_CREAT | O_TRUNC);
	if (fd >= 0) {
		(void)sys_write(fd, want, strlen(want));
		(void)sys_close(fd);
	}
}

/* The rings, as chan_open() (guests/lib/chan.c) lays them out. */
static int open_rings(struct ch *c)
{
	volatile const struct channel_header *h = header(c);
	uint64_t half = ((c->size - CHANNEL_HEADER_SIZE) / 2U) & ~0x3fULL;
	uint64_t lower = c->base + CHANNEL_HEADER_SIZE;

	if ((h->magic != CHANNEL_MAGIC) || (h->version != CHANNEL_VERSION) || (h->size != c->size))
		return -1;
	c->self = mmio_read32(c->db + CHANNEL_REG_SELF) & 1U;
	if ((chanring_init(c->self == 0U ? &c->tx : &c->rx, lower, half, CHAN_SLOT) != 0) ||
	    (chanring_init(c->self == 0U ? &c->rx : &c->tx, lower + half, half, CHAN_SLOT) != 0))
		return -1;
	first_use(c);
	return 0;
}

static int open_channel(struct ch *c, const char *label)
{
	struct find f = {.label = label, .id = -1, .dev = c->dev};
	uint64_t hdr;

	if ((label != NULL) && !each_entry(DT_BASE, dt_channel, &f)) {
		err("bhchan: no channel labelled '%s' in the device tree\n", label);
		return -1;
	}
	if (!each_entry(PCI_DEVICES, pci_channel, &f)) {
		err("bhchan: no Bulkhead channel function (%04x:%04x) in " PCI_DEVICES "\n",
		    CHANNEL_PCI_VENDOR, CHANNEL_PCI_DEVICE);
		return -1;
	}
	if (bind(c) != 0)
		return -1;
	hdr = map_bar(c, 2, CHANNEL_HEADER_SIZE);
	c->size = (hdr != 0U) ? ((volatile const struct channel_header *)(uintptr_t)hdr)->size : 0U;
	if (hdr != 0U)
		(void)sys_call(SYS_MUNMAP, (long)hdr, CHANNEL_HEADER_SIZE, 0, 0, 0, 0);
	c->base = (c->size != 0U) ? map_bar(c, 2, c->size) : 0U;
	c->db = map_bar(c, 0, CHANNEL_DOORBELL_SIZE);
	if ((c->base == 0U) || (c->db == 0U) || (open_rings(c) != 0)) {
		err("bhchan: %s: cannot map the region and the doorbell, or bad header\n", c->dev);
		return -1;
	}
	return 0;
}

static void ring(const struct ch *c)
{
	__asm__ volatile("dsb sy" ::: "memory"); /* the payload before the doorbell */
	mmio_write32(c->db + CHANNEL_REG_RING, 1);
}

/*
 * Clears INTx Disable (Command bit 10: bit 2 of the byte at 5) through the
 * config file. Of the function's Command bits only INTx Disable lives in that
 * byte (core/vpci_model.h): writing 0 there needs no read first.
 */
static void unmask(const struct ch *c)
{
	const uint8_t hi = 0;

	(void)sys_call(SYS_PWRITE64, c->config, (long)&hi, 1, 5, 0, 0);
}

/* Acknowledge, unmask, and block for INTA unless a message waits already. */
static void wait_doorbell(const struct ch *c)
{
	uint32_t v = 0;

	mmio_write32(c->db + CHANNEL_REG_ACK, 1);
	unmask(c);
	if (mmio_read32(chanring_head(&c->rx)) != mmio_read32(chanring_tail(&c->rx)))
		return;
	(void)sys_read(c->uio, &v, sizeof(v)); /* the interrupt count */
}

static int recv1(const struct ch *c, char *buf, uint32_t max)
{
	bool kick = false;
	int len = chanring_recv(&c->rx, buf, max - 1U, &kick);

	if (len < 0)
		return -1;
	buf[len] = '\0';
	if (kick)
		ring(c);
	return len;
}

static int send(const struct ch *c, const char *msg)
{
	bool kick = false;

	if (chanring_send(&c->tx, msg, (uint32_t)strlen(msg), &kick) != 0) {
		err("bhchan: the ring is full (peer state 0x%x)\n", header(c)->state[c->self ^ 1U]);
		return 1;
	}
	if (kick)
		ring(c);
	return 0;
}

static int cmd_send(const struct ch *c, int argc, char **argv)
{
	char msg[CHAN_MSG_MAX + 1];
	size_t at = 0;

	for (int i = 0; i < argc; i++) {
		size_t n = strlen(argv[i]);

		if ((at + n + 1U) > CHAN_MSG_MAX) {
			err("bhchan: a message holds at most %u bytes\n", CHAN_MSG_MAX);
			return 2;
		}
		if (i > 0)
			msg[at++] = ' ';
		(void)memcpy(&msg[at], argv[i], n);
		at += n;
	}
	msg[at] = '\0';
	if (send(c, msg) != 0)
		return 1;
	out("bhchan: sent %s\n", msg);
	return 0;
}

static int cmd_recv(const struct ch *c, int argc, char **argv)
{
	char msg[CHAN_MSG_MAX + 1];
	unsigned long count = ~0UL, got = 0;
	bool wait = false;

	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--wait") == 0) {
			wait = true;
		} else if ((strcmp(argv[i], "--count") == 0) && ((i + 1) < argc)) {
			count = strtoul(argv[++i], NULL, 10);
		} else {
			err("bhchan: recv [--wait] [--count N]\n");
			return 2;
		}
	}
	if (wait && (count == ~0UL))
		count = 1;
	for (;;) {
		while ((got < count) && (recv1(c, msg, sizeof(msg)) >= 0)) {
			out("bhchan: msg %s\n", msg);
			got++;
		}
		if ((got >= count) || !wait)
			break;
		wait_doorbell(c);
	}
	return (got > 0) ? 0 : 1;
}

static void sort(uint64_t *v, uint32_t n)
{
	for (uint32_t i = 1; i < n; i++)
		for (uint32_t k = i; (k > 0U) && (v[k - 1U] > v[k]); k--) {
			uint64_t t = v[k];

			v[k] = v[k - 1U];
			v[k - 1U] = t;
		}
}

/* Round trips: "ping <i>", then the first message naming "ping <i>" (the RTOS's nak echoes it). */
static int cmd_rtt(const struct ch *c, int argc, char **argv)
{
	static uint64_t ns[RTT_MAX];
	char msg[CHAN_MSG_MAX + 1], ping[32];
	uint32_t n = (argc > 0) ? (uint32_t)strtoul(argv[0], NULL, 10) : 0U, other = 0;
	uint64_t sum = 0;

	if ((n == 0U) || (n > RTT_MAX)) {
		err("bhchan: rtt N (1..%u)\n", RTT_MAX);
		return 2;
	}
	while (recv1(c, msg, sizeof(msg)) >= 0)
		other++; /* what waited before the first ping */
	for (uint32_t i = 0; i < n; i++) {
		uint64_t t0;
		size_t plen;

		(void)fmt_snprintf(ping, sizeof(ping), "ping %u", i);
		plen = strlen(ping);
		t0 = sys_now_ns();
		if (send(c, ping) != 0)
			return 1;
		for (;;) {
			const char *hit = NULL;

			if (recv1(c, msg, sizeof(msg)) < 0) {
				wait_doorbell(c);
				continue;
			}
			for (const char *s = msg; (hit == NULL) && (*s != '\0'); s++)
				if ((strncmp(s, ping, plen) == 0) &&
				    ((s[plen] == '\0') || (s[plen] == ':') || (s[plen] == ' ')))
					hit = s;
			if (hit != NULL)
				break;
			other++;
		}
		ns[i] = sys_now_ns() - t0;
		sum += ns[i];
	}
	sort(ns, n);
	out("bhchan: rtt n=%u min_us=%llu median_us=%llu mean_us=%llu max_us=%llu other=%u\n", n,
	    (unsigned long long)(ns[0] / 1000U), (unsigned long long)(ns[n / 2U] / 1000U),
	    (unsigned long long)(sum / n / 1000U), (unsigned long long)(ns[n - 1U] / 1000U), other);
	return 0;
}

static int cmd_info(const struct ch *c)
{
	volatile const struct channel_header *h = header(c);
	uint32_t me = h->state[c->self], peer = h->state[c->self ^ 1U];

	out("bhchan: channel %u %s size=0x%llx endpoint=%u version=%u\n", h->id,
	    strrchr(c->dev, '/') + 1, (unsigned long long)h->size, c->self, h->version);
	out("bhchan: self up=%u generation=%u peer up=%u generation=%u doorbells=%u\n",
	    me & CHANNEL_STATE_UP, me >> CHANNEL_STATE_GEN_SHIFT, peer & CHANNEL_STATE_UP,
	    peer >> CHANNEL_STATE_GEN_SHIFT, mmio_read32(c->db + CHANNEL_REG_RINGS));
	out("bhchan: tx head=%u tail=%u rx head=%u tail=%u slots=%u\n",
	    mmio_read32(chanring_head(&c->tx)), mmio_read32(chanring_tail(&c->tx)),
	    mmio_read32(chanring_head(&c->rx)), mmio_read32(chanring_tail(&c->rx)), c->rx.nslots);
	return 0;
}

int bhchan_main(int argc, char **argv)
{
	static struct ch c;
	const char *label = NULL;
	int i = 1;

	if ((argc > 2) && (strcmp(argv[1], "-c") == 0)) {
		label = argv[2];
		i = 3;
	}
	if (i >= argc) {
		err("usage: bhchan [-c LABEL] send TEXT... | recv [--wait] [--count N] | wait | "
		    "rtt N | info\n");
		return 2;
	}
	if (open_channel(&c, label) != 0)
		return 1;
	if (strcmp(argv[i], "send") == 0)
		return cmd_send(&c, argc - i - 1, &argv[i + 1]);
	if (strcmp(argv[i], "recv") == 0)
		return cmd_recv(&c, argc - i - 1, &argv[i + 1]);
	if (strcmp(argv[i], "rtt") == 0)
		return cmd_rtt(&c, argc - i - 1, &argv[i + 1]);
	if (strcmp(argv[i], "info") == 0)
		return cmd_info(&c);
	if (strcmp(argv[i], "wait") == 0) {
		wait_doorbell(&c);
		out("bhchan: %s\n",
		    (mmio_read32(chanring_head(&c.rx)) != mmio_read32(chanring_tail(&c.rx)))
			    ? "message waiting"
			    : "doorbell");
		return 0;
	}
	err("bhchan: unknown command '%s'\n", argv[i]);
	return 2;
}
