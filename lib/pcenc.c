/*
 * pcenc.c: names written in an encoding a program decodes itself.  curl,
 * wget and Python's urllib take "file:///home/u/%2essh/id_rsa" as
 * ~/.ssh/id_rsa: a word, or inline code, holding %XX escapes is checked
 * again after percent-decoding (escapes in inline code that name a
 * character by number or name are pc_dynamic_tokens, pctable.c).
 */

#include "pcint.h"

static int
hexval(unsigned char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	ch = (unsigned char)tolower(ch);
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	return -1;
}

/*
 * s[0..n) with every %XX decoded, in the arena (*out, *outn); false when
 * it holds no escape.  A decoded NUL ends the name there, as it would
 * for the open() that gets it.
 */
bool
pc_pct_decode(struct ctx *c, const char *s, size_t n, char **out,
    size_t *outn)
{
	char *d;
	size_t i, k = 0;
	bool any = false;

	for (i = 0; i + 2 < n && !any; i++)
		any = s[i] == '%' && hexval((unsigned char)s[i + 1]) >= 0 &&
		    hexval((unsigned char)s[i + 2]) >= 0;
	if (!any)
		return false;
	d = sh_alloc(c->a, n + 1);
	for (i = 0; i < n; i++) {
		int hi, lo;

		if (s[i] == '%' && i + 2 < n &&
		    (hi = hexval((unsigned char)s[i + 1])) >= 0 &&
		    (lo = hexval((unsigned char)s[i + 2])) >= 0) {
			d[k++] = (char)(hi << 4 | lo);
			i += 2;
			if (d[k - 1] == '\0') {
				k--;
				break;
			}
			continue;
		}
		d[k++] = s[i];
	}
	d[k] = '\0';
	*out = d;
	*outn = k;
	return true;
}

/* The field f again, percent-decoded (a literal word), or NULL. */
const struct sh_field *
pc_pct_field(struct ctx *c, const struct sh_field *f)
{
	struct sh_field *g;
	char *d;
	size_t dn;

	if ((f->flags & SH_F_UNKNOWN) || memchr(f->s, '%', f->n) == NULL ||
	    !pc_pct_decode(c, f->s, f->n, &d, &dn))
		return NULL;
	g = sh_alloc(c->a, sizeof *g);
	memset(g, 0, sizeof *g);
	g->s = d;
	g->n = dn;
	g->m = sh_alloc(c->a, dn + 1);
	memset(g->m, SH_M_LIT, dn + 1);
	g->known = dn;
	return g;
}
