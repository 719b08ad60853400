/*
 * pcfind.h: what pcfind.c (the walk), pcfexpr.c (find's expression:
 * parsed, evaluated over one entry) and pcflines.c (find as a producer
 * of lines) share; private to them.
 */
#ifndef PCFIND_H
#define PCFIND_H

#include "pcint.h"

#define FIND_ENTRIES 5000	/* entries walked per command (~15 ms) */
#define FIND_AGAIN_ENTRIES 500	/* ... again for a read-only place only */
#define FIND_DEPTH 64
#define FIND_ROOTS 64		/* link targets walked besides the roots */

enum tv { TV_F, TV_M, TV_T };

enum fop { E_AND, E_OR, E_NOT, E_COMMA, E_NAME, E_PATH, E_TYPE, E_TRUE,
	E_FALSE, E_MAYBE, E_PRINT, E_STAT };

struct fexpr {
	enum fop op;
	bool nocase;
	const char *arg;	/* a pattern; NULL: not known (maybe) */
	unsigned types;		/* E_TYPE: bits of TY_* */
	struct pc_fstat *stat;	/* E_STAT: a test that needs a stat */
	struct fexpr *l, *r;
};

enum { TY_F = 1, TY_D = 2, TY_L = 4, TY_OTHER = 8 };

struct fparse {
	struct ctx *c;
	struct wf *v;
	size_t i, n;
	bool nul;		/* -print0 is the output (else -print) */
	bool action;		/* an action given: no default -print */
	bool bad;		/* a construct we do not model */
	const char *cwd;	/* where an unquoted glob would expand */
	long maxdepth, mindepth;
	bool lines;		/* -print, -print0, -printf: E_PRINT, its
				 * format in arg (pc_find_lines) */
	bool error;		/* find refuses the expression */
	bool reorder;		/* -depth, -prune: another order, fewer */
};

#define FIND_MADE_ANC 8

struct fwalk {
	struct ctx *c;
	struct fmake mk;
	const char *cwd;
	const char *anc[FIND_MADE_ANC];	/* printed names above (mk.rec) */
	size_t nanc;
	struct fexpr *e;
	const struct fparse *fp;
	bool nul, wr;
	const char *start;	/* as given: the printed names begin with it */
	bool path_exact;	/* -path tests see exactly start/rel */
	size_t entries;
	bool sure;		/* a name printed is given to the program */
	char *out;		/* collecting the output ($(find)), or NULL */
	size_t outlen;
	const char *ro_sure;	/* a read-only place certainly written */
	const char *ro_shown;	/* ... as find prints it */
	bool ro_maybe;		/* one may be written */
	bool flat;		/* the program acts on each name, not within */
	bool deep_sure;		/* ... and certainly within (rm -r, chmod -R) */
	bool ro_only;		/* walking again for a read-only place only */
	const char *sufs[4];	/* -I words {}SUF: the name + SUF is a path */
	size_t nsufs;
	bool sure_above;	/* a directory above certainly given so */
	const char *roots[FIND_ROOTS];	/* link targets walked, all counted */
	size_t nroots;
	bool stat_exact;	/* stat tests read the tree (pcfstat.c) */
	bool noprint;		/* known only if nothing is printed */
	bool mk_sure;		/* the program certainly makes each name
				 * (cpio -pd): a read-only landing is sure */
	const struct pc_linepred *preds;	/* exact filters (pcfilter.c) */
	size_t npreds;
	bool beneath;		/* names beneath the printed ones given too */
	bool fail, over;
};

struct fent {
	const char *fs;		/* where it is (NULL: not made yet) */
	const char *name;	/* what -name sees */
	const char *path;	/* what find prints */
	unsigned type;
	bool print;		/* a -print may be reached */
};

#define FIND_OUT_MAX 65536	/* bytes of $(find) output kept */
#define FIND_OUT_ENTRIES 4000	/* fts sorts by inode above 10,000 */

struct fexpr *pcf_node(struct fparse *p, enum fop op, struct fexpr *l,
    struct fexpr *r);
struct fexpr *pcf_parse_or(struct fparse *p);
enum tv pcf_eval(const struct fexpr *e, struct fent *x, const struct fwalk *w);
void pcf_link_near(struct fwalk *w, const char *fs);
int pcf_start_point(struct ctx *c, const struct pstate *st, const char *a,
    const char **from, unsigned *type);
const char *pcf_start_base(struct ctx *c, const char *s);

#endif
