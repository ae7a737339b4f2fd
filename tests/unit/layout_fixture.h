/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Test fixture for the partition binding (test_parse, test_validate,
 * test_guest_dt): builds a system DTB at test time from a DTS snippet -- the
 * board's qemu-virt.dtsi plus a /chosen/bulkhead -- with cpp and dtc, runs the
 * real layout code on it and keeps every reported error for assertions.
 *
 * Run from the top of the tree (make unit does), or set BULKHEAD_TOP.
 */
#ifndef TESTS_UNIT_LAYOUT_FIXTURE_H
#define TESTS_UNIT_LAYOUT_FIXTURE_H

#include <partitions/layout.h>

#include <libfdt.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#define FIX_MAX_MSGS 64
#define FIX_MSG_LEN  400

/* The usual head of /chosen/bulkhead: 2/2 cells, Bulkhead at 0x40200000 (16 MiB),
 * modules img0 (1 MiB at 0x42000000), img1 (1 MiB at 0x43000000), img2 (size 0). */
#define BH_HEAD                                                                                    \
	"/ { chosen { bulkhead { compatible = \"bulkhead,hypervisor\";\n"                          \
	"#address-cells = <2>; #size-cells = <2>; reg = <0 0x40200000 0 0x1000000>;\n"             \
	"img0: module@42000000 { compatible = \"bulkhead,module\";"                                \
	" reg = <0 0x42000000 0 0x100000>; bulkhead,file = \"img0.bin\"; };\n"                     \
	"img1: module@43000000 { compatible = \"bulkhead,module\";"                                \
	" reg = <0 0x43000000 0 0x100000>; };\n"                                                   \
	"img2: module@44000000 { compatible = \"bulkhead,module\";"                                \
	" reg = <0 0x44000000 0 0>; };\n"
#define BH_TAIL "}; }; };\n"

/* A valid partition named @name on core label @cpu with 64 MiB at @mem, img0 and @extra. */
#define PART_X(name, cpu, mem, extra)                                                              \
	name " { compatible = \"bulkhead,partition\"; cpus = <&" cpu ">;"                          \
	     " memory = <0 " mem " 0 0x4000000>; kernel = <&img0>; " extra " };\n"

/* A minimal valid partition named @name on core label @cpu with 64 MiB at @mem. */
#define PART(name, cpu, mem) PART_X(name, cpu, mem, "")

struct fixture {
	void *fdt;
	struct layout *l;
	struct layout_diag d;
	unsigned int nmsgs;
	char msgs[FIX_MAX_MSGS][FIX_MSG_LEN];
};

static inline void fix_report(struct layout_diag *d, const char *msg)
{
	struct fixture *f = d->ctx;

	if (getenv("FIX_VERBOSE"))
		fprintf(stderr, "  diag: %s\n", msg);
	if (f->nmsgs < FIX_MAX_MSGS)
		snprintf(f->msgs[f->nmsgs++], FIX_MSG_LEN, "%s", msg);
}

/* Runs @cmd (cpp | dtc) and returns what it prints: the DTB, or NULL. */
static inline void *fix_dtc(const char *cmd)
{
	size_t cap = 1 << 20, len = 0, n;
	char *buf = malloc(cap);
	FILE *p = buf ? popen(cmd, "r") : NULL;

	while (p && (n = fread(buf + len, 1, cap - len, p)) > 0)
		len += n;
	if (!p || pclose(p) != 0 || len == 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* Compiles @dts (a complete source after /dts-v1/ and the board include) to a DTB. */
static inline void *fix_compile(const char *dts)
{
	char src[] = "/tmp/bulkhead-test-XXXXXX.dts", cmd[512];
	const char *top = getenv("BULKHEAD_TOP") ? getenv("BULKHEAD_TOP") : ".";
	int fd = mkstemps(src, 4);
	char *buf;

	if (fd < 0)
		return NULL;
	if (dprintf(fd, "/dts-v1/;\n#include \"qemu-virt.dtsi\"\n%s", dts) < 0)
		return NULL;
	close(fd);
	snprintf(cmd, sizeof(cmd),
		 "cpp -nostdinc -undef -x assembler-with-cpp -I %s/boards/qemu_virt %s"
		 " | dtc -q -I dts -O dtb -o - -",
		 top, src);
	buf = fix_dtc(cmd);
	if (!buf)
		fprintf(stderr, "fixture: dtc failed on:\n%s\n", dts);
	unlink(src);
	return buf;
}

/* Compiles system DTS file @path of the tree (cpp with the board and dts/ includes, dtc). */
static inline void *fix_compile_file(const char *path)
{
	const char *top = getenv("BULKHEAD_TOP") ? getenv("BULKHEAD_TOP") : ".";
	char cmd[1024], *buf;

	snprintf(cmd, sizeof(cmd),
		 "cpp -nostdinc -undef -x assembler-with-cpp -D__DTS__ -I %s/boards/qemu_virt"
		 " -I %s/dts %s/%s | dtc -q -I dts -O dtb -o - -",
		 top, top, top, path);
	buf = fix_dtc(cmd);
	if (!buf)
		fprintf(stderr, "fixture: %s does not compile\n", path);
	return buf;
}

/* Checks DTB @fdt (the fixture's, freed by fix_free()) into f->l with layout_check(). */
static inline int fix_check(struct fixture *f, void *fdt, const struct layout_range *hyp_image,
			    layout_read_fn read, void *ctx)
{
	memset(f, 0, sizeof(*f));
	f->d.report = fix_report;
	f->d.ctx = f;
	f->l = calloc(1, sizeof(*f->l));
	f->fdt = fdt;
	assert_non_null(f->l);
	assert_non_null(f->fdt);
	return layout_check(f->l, f->fdt, hyp_image, read, ctx, &f->d);
}

/* Parses @dts into f->l with layout_check() (host mode unless @read is given). */
static inline int fix_load_ex(struct fixture *f, const char *dts,
			      const struct layout_range *hyp_image, layout_read_fn read, void *ctx)
{
	return fix_check(f, fix_compile(dts), hyp_image, read, ctx);
}

static inline int fix_load(struct fixture *f, const char *dts)
{
	return fix_load_ex(f, dts, NULL, NULL, NULL);
}

static inline void fix_free(struct fixture *f)
{
	free(f->fdt);
	free(f->l);
	f->fdt = NULL;
	f->l = NULL;
}

static inline void fix_dump(const struct fixture *f)
{
	for (unsigned int i = 0; i < f->nmsgs; i++)
		fprintf(stderr, "  reported: %s\n", f->msgs[i]);
}

/* Loads BH_HEAD @parts BH_TAIL (host mode); returns what fix_load() returns. */
static inline int fix_load_parts(struct fixture *f, const char *parts)
{
	char *dts = malloc(strlen(parts) + sizeof(BH_HEAD BH_TAIL));
	int err;

	assert_non_null(dts);
	sprintf(dts, BH_HEAD "%s" BH_TAIL, parts);
	err = fix_load(f, dts);
	free(dts);
	return err;
}

/* Loads system DTS file @path of the tree into f->l (host mode); asserts it validates. */
static inline void fix_load_file(struct fixture *f, const char *path)
{
	if (fix_check(f, fix_compile_file(path), NULL, NULL, NULL)) {
		fix_dump(f);
		fail_msg("%s does not validate", path);
	}
}

/* Asserts that one reported error contains @fragment. */
#define assert_error(f, fragment) fix_assert_error((f), (fragment), __FILE__, __LINE__)

static inline void fix_assert_error(const struct fixture *f, const char *fragment, const char *file,
				    int line)
{
	for (unsigned int i = 0; i < f->nmsgs; i++)
		if (strstr(f->msgs[i], fragment))
			return;
	fix_dump(f);
	fail_msg("%s:%d: no error contains \"%s\"", file, line, fragment);
}

#define assert_no_errors(f) fix_assert_no_errors((f), __FILE__, __LINE__)

static inline void fix_assert_no_errors(const struct fixture *f, const char *file, int line)
{
	if (f->d.errors == 0)
		return;
	fix_dump(f);
	fail_msg("%s:%d: %u unexpected error(s)", file, line, f->d.errors);
}

/* What layout_print() / layout_print_map() print through fix_print_sink, a line each. */
#define FIX_PRINTED_LEN 16384

static inline char *fix_printed(void)
{
	static char printed[FIX_PRINTED_LEN];

	return printed;
}

static inline void fix_print_clear(void)
{
	fix_printed()[0] = '\0';
}

static inline void fix_print_sink(const char *line)
{
	char *printed = fix_printed();

	strncat(printed, line, FIX_PRINTED_LEN - strlen(printed) - 2);
	strcat(printed, "\n");
}

/* Asserts that what was printed contains @fragment. */
#define assert_printed(fragment) fix_assert_printed((fragment), __FILE__, __LINE__)

static inline void fix_assert_printed(const char *fragment, const char *file, int line)
{
	if (!strstr(fix_printed(), fragment))
		fail_msg("%s:%d: no \"%s\" in:\n%s", file, line, fragment, fix_printed());
}

/* Loads BH_HEAD @parts BH_TAIL into @f; asserts it is valid (fix_free() after). */
#define load_valid(f, parts) fix_load_valid((f), (parts), __FILE__, __LINE__)

static inline void fix_load_valid(struct fixture *f, const char *parts, const char *file, int line)
{
	int err = fix_load_parts(f, parts);

	fix_assert_no_errors(f, file, line);
	assert_int_equal(err, 0);
}

/* Loads @extra (board nodes), BH_HEAD @parts BH_TAIL; asserts it fails with @fragment. */
#define expect_error(extra, parts, fragment)                                                       \
	fix_expect_error((extra), (parts), (fragment), __FILE__, __LINE__)

static inline void fix_expect_error(const char *extra, const char *parts, const char *fragment,
				    const char *file, int line)
{
	struct fixture f;
	char *dts = malloc(strlen(extra) + strlen(parts) + 4096);

	assert_non_null(dts);
	sprintf(dts, "%s\n" BH_HEAD "%s" BH_TAIL, extra, parts);
	assert_int_not_equal(fix_load(&f, dts), 0);
	fix_assert_error(&f, fragment, file, line);
	fix_free(&f);
	free(dts);
}

#endif /* TESTS_UNIT_LAYOUT_FIXTURE_H */
