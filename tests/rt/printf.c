/*
 * printf.c - a small vsnprintf for test images: %d %i %u %x %X %o %c %s %p
 * %%, flags '-' and '0', a field width, and the length modifiers h hh l ll
 * z j t.  No floating point (tests print FP values as hex bit patterns).
 */
#include "rt.h"

struct out {
	char *buf;
	size_t n, len;
};

static void emit(struct out *o, char c)
{
	if (o->len + 1 < o->n)
		o->buf[o->len] = c;
	o->len++;
}

static void emit_padded(struct out *o, const char *s, size_t len, int width, int left, char pad)
{
	int fill = width > (int)len ? width - (int)len : 0;
	if (!left)
		while (fill-- > 0)
			emit(o, pad);
	while (len--)
		emit(o, *s++);
	if (left)
		while (fill-- > 0)
			emit(o, ' ');
}

int vsnprintf(char *buf, size_t n, const char *fmt, va_list ap)
{
	struct out o = { buf, n, 0 };
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			emit(&o, *fmt);
			continue;
		}
		fmt++;
		int left = 0, width = 0, lng = 0;
		char pad = ' ';
		for (;; fmt++) {
			if (*fmt == '-')
				left = 1;
			else if (*fmt == '0')
				pad = '0';
			else
				break;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		for (;; fmt++) {
			if (*fmt == 'l' || *fmt == 'z' || *fmt == 'j' || *fmt == 't')
				lng = 1;
			else if (*fmt != 'h')
				break;
		}
		char tmp[24], *p = tmp + sizeof(tmp);
		unsigned long u;
		int neg = 0;
		unsigned base = 10;
		const char *digits = "0123456789abcdef";
		switch (*fmt) {
		case 'd': case 'i': {
			long v = lng ? va_arg(ap, long) : va_arg(ap, int);
			neg = v < 0;
			u = neg ? 0ul - (unsigned long)v : (unsigned long)v;
			goto number;
		}
		case 'p':
			u = (unsigned long)va_arg(ap, void *);
			base = 16;
			emit(&o, '0');
			emit(&o, 'x');
			goto number;
		case 'X':
			digits = "0123456789ABCDEF";
			/* fall through */
		case 'x': base = 16; goto unsigned_arg;
		case 'o': base = 8; goto unsigned_arg;
		case 'u':
		unsigned_arg:
			u = lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int);
		number:
			do {
				*--p = digits[u % base];
				u /= base;
			} while (u);
			if (neg) {
				if (pad == '0') {
					emit(&o, '-');
					width--;
				} else {
					*--p = '-';
				}
			}
			emit_padded(&o, p, (size_t)(tmp + sizeof(tmp) - p), width, left, left ? ' ' : pad);
			break;
		case 'c':
			tmp[0] = (char)va_arg(ap, int);
			emit_padded(&o, tmp, 1, width, left, ' ');
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			emit_padded(&o, s, strlen(s), width, left, ' ');
			break;
		}
		case '%':
			emit(&o, '%');
			break;
		case 0:
			fmt--;
			break;
		default:
			emit(&o, '%');
			emit(&o, *fmt);
			break;
		}
	}
	if (n)
		buf[o.len < n ? o.len : n - 1] = 0;
	return (int)o.len;
}

int snprintf(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vsnprintf(buf, n, fmt, ap);
	va_end(ap);
	return r;
}
