// SPDX-License-Identifier: GPL-2.0-only
#include <lib/format.h>

#include <stdbool.h>
#include <stdint.h>

struct out {
	char *buf;
	size_t size;
	size_t len;
};

struct spec {
	bool left;
	char pad;
	unsigned int width;
	int length; /* 0: int, 1: long, 2: long long, 3: size_t */
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_padded(struct out *o, const char *s, size_t n, const struct spec *sp)
{
	size_t fill = sp->width > n ? sp->width - n : 0;

	if (!sp->left)
		while (fill--)
			put(o, sp->pad);
	while (n--)
		put(o, *s++);
	if (sp->left)
		while (fill--)
			put(o, ' ');
}

static void put_number(struct out *o, uint64_t v, bool negative, unsigned int base, bool upper,
		       const struct spec *sp)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	size_t n = 0;
	struct spec s = *sp;

	do {
		tmp[sizeof(tmp) - 1 - n++] = digits[v % base];
		v /= base;
	} while (v);
	if (negative) {
		if (s.pad == '0') {
			put(o, '-');
			if (s.width)
				s.width--;
		} else {
			tmp[sizeof(tmp) - 1 - n++] = '-';
		}
	}
	put_padded(o, &tmp[sizeof(tmp) - n], n, &s);
}

static uint64_t arg_unsigned(va_list *ap, int length)
{
	switch (length) {
	case 1:
		return va_arg(*ap, unsigned long);
	case 2:
		return va_arg(*ap, unsigned long long);
	case 3:
		return va_arg(*ap, size_t);
	default:
		return va_arg(*ap, unsigned int);
	}
}

static int64_t arg_signed(va_list *ap, int length)
{
	switch (length) {
	case 1:
		return va_arg(*ap, long);
	case 2:
		return va_arg(*ap, long long);
	case 3:
		return (int64_t)va_arg(*ap, size_t);
	default:
		return va_arg(*ap, int);
	}
}

static const char *parse_spec(const char *f, struct spec *sp)
{
	*sp = (struct spec){.pad = ' '};
	for (;; f++) {
		if (*f == '-')
			sp->left = true;
		else if (*f == '0')
			sp->pad = '0';
		else
			break;
	}
	while (*f >= '0' && *f <= '9')
		sp->width = sp->width * 10 + (unsigned int)(*f++ - '0');
	while (*f == 'l' || *f == 'z') {
		sp->length = *f == 'z' ? 3 : sp->length + 1;
		f++;
	}
	return f;
}

static void convert(struct out *o, char c, const struct spec *sp, va_list *ap)
{
	switch (c) {
	case 'd':
	case 'i': {
		int64_t v = arg_signed(ap, sp->length);
		put_number(o, v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v, v < 0, 10, false,
			   sp);
		break;
	}
	case 'u':
		put_number(o, arg_unsigned(ap, sp->length), false, 10, false, sp);
		break;
	case 'x':
	case 'X':
		put_number(o, arg_unsigned(ap, sp->length), false, 16, c == 'X', sp);
		break;
	case 'p':
		put(o, '0');
		put(o, 'x');
		put_number(o, (uintptr_t)va_arg(*ap, void *), false, 16, false, sp);
		break;
	case 's': {
		const char *s = va_arg(*ap, const char *);
		size_t n = 0;

		if (!s)
			s = "(null)";
		while (s[n])
			n++;
		put_padded(o, s, n, sp);
		break;
	}
	case 'c': {
		char ch = (char)va_arg(*ap, int);

		put_padded(o, &ch, 1, sp);
		break;
	}
	case '%':
		put(o, '%');
		break;
	default:
		put(o, '%');
		if (c)
			put(o, c);
	}
}

int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = {.buf = buf, .size = size};
	struct spec sp;
	va_list args;

	va_copy(args, ap);
	while (*fmt) {
		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}
		fmt = parse_spec(fmt + 1, &sp);
		convert(&o, *fmt, &sp, &args);
		if (*fmt)
			fmt++;
	}
	va_end(args);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
