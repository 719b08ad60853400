/*
 * pctable.c: what pathcheck knows about programs, as data: the rows of
 * prog_rows, the wrappers, the interpreters, the shells, the variables
 * that hold code or paths, the implicit readers, and the lookups over them.
 */

#include "pcint.h"

/* ------------------------------------------------------------------ */
/* command knowledge */

const char *
pc_base(const char *s)
{
	const char *b = strrchr(s, '/');

	return b != NULL ? b + 1 : s;
}

/*
 * Is s one of the '|'-separated words of set?  One pass over set, no
 * strlen or strchrnul per word: the hottest lookup of a batch (millions
 * of calls over sets of up to ~60 words).  A word never holds '|', so
 * an s starting with one matches nothing (and could otherwise run over
 * an empty word into the next).
 */
bool
pc_in_bar(const char *s, const char *set)
{
	const char c0 = s[0];
	const char *p = set;

	if (c0 == '\0' || c0 == '|')
		return false;
	for (;;) {
		if (*p == c0) {	/* p starts a word: compare the rest */
			const char *q = s + 1;

			p++;
			while (*q != '\0' && *p == *q && *p != '|') {
				p++;
				q++;
			}
			if (*q == '\0' && (*p == '|' || *p == '\0'))
				return true;
		}
		while (*p != '|') {	/* to the next word */
			if (*p == '\0')
				return false;
			p++;
		}
		p++;
	}
}

const char pc_deep_cmds[] =
	"tar|bsdtar|gtar|rsync|rg|ag|ack|find|du|zip|7z|7za|7zr|scp|"
	"cp|mv|rm|chmod|chown|chgrp|setfacl|chattr|grep|egrep|fgrep|"
	"rgrep|zgrep|diff|shred|fd|fdfind|tree|cpio|pax|borg|restic|"
	"rclone|gio|install|rename|sftp|ln|link|mount|bindfs|docker|"
	"podman|nerdctl|bwrap|systemd-nspawn|firejail|proot|git";

/* Recursive commands that default to the current directory. */
const char pc_dot_cmds[] =
	"find|rg|ag|ack|fd|fdfind|du|tree";

const char pc_elevated_cmds[] =
	"sudo|su|doas|pkexec|run0|sudoedit";

const char pc_shells[] =
	"sh|bash|dash|zsh|ksh|mksh|ash|yash|posh|ksh93|oksh|loksh|"
	"rbash";

/* "name/short options taking a value/operands before the command|..." */
static const char wrappers[] =
	"nice/n/0|nohup//0|timeout/sk/1|stdbuf/ioe/0|ionice/cnpP/0|"
	"chrt//1|taskset//1|setsid//0|flock/wE/1|command//0|builtin//0|"
	"exec/a/0|time/fo/0|chroot//1|sudo/ugCDhpRrTtU/0|doas/uC/0|"
	"pkexec//0|run0/uGD/0|strace/oepsPEIbuUXa/0|ltrace/oepsnuaA/0|"
	"valgrind//0|unbuffer//0|torsocks//0|proxychains/f/0|"
	"proxychains4/f/0|nsenter/tSGp/0|unshare//0|systemd-run/pEuM/0|"
	"catchsegv//0|nocache//0|faketime/f/1|busybox//0|"
	"xargs/aEdILnPs/0|env/uCS/0|caffeinate/wt/0|firejail//0|"
	"bwrap//0|script//0|setarch//1|linux32//0|linux64//0|"
	"runuser/ugGw/0|setpriv//0|fakeroot/lsi/0|dbus-run-session//0";

/* The wrapper row of name in *w (argopts copied to buf); false: none. */
bool
pc_wrapper_find(const char *name, struct wrapper *w, char *buf, size_t cap)
{
	size_t l = strlen(name), k;
	const char *r;

	if (l == 0 || strpbrk(name, "/|") != NULL)
		return false;
	static const char **rows;	/* where each row starts, NULL last */
	size_t i;

	/* row by row, the first byte first: strstr over the whole table
	 * cost ~3,700 instructions a call, once or more a command */
	if (rows == NULL) {
		size_t nr = 1;

		for (r = wrappers; *r != '\0'; r++)
			nr += *r == '|';
		rows = claw_xcalloc(nr + 1, sizeof *rows);
		rows[0] = wrappers;
		for (i = 1, r = wrappers; (r = strchr(r, '|')) != NULL; r++)
			rows[i++] = r + 1;
	}
	for (i = 0; (r = rows[i]) != NULL; i++) {
		if (r[0] != name[0] || strncmp(r, name, l) != 0 || r[l] != '/')
			continue;
		k = strcspn(r + l + 1, "/");
		if (k >= cap)
			return false;
		memcpy(buf, r + l + 1, k);
		buf[k] = '\0';
		w->name = name;
		w->argopts = buf;
		w->operands = r[l + 2 + k] - '0';
		return true;
	}
	return false;
}

/* "name\tF\tcode\topaque\tlists\tdeep", F = '@' + P_* flags. */
static const char *const prog_rows[] = {
	"b2sum\t@\t\t\t-c|--check\t",
	"bat\t@\t\t--pager\t\t",
	"batcat\t@\t\t--pager\t\t",
	"bzip2\t@\t\t\t\t-r|--recursive",
	"c++\tB\t\t\t\t",
	"cc\tB\t\t\t\t",
	"chroot\tP\t\t\t\t",
	"cksum\t@\t\t\t-c|--check\t",
	"clang\tB\t\t\t\t",
	"clang++\tB\t\t\t\t",
	"cpio\t@\t\t-o|--create|-p|--pass-through|-F|-E|"
	    "--pattern-file\t\t",
	"curl\t@\t\t\t-K|--conf*ig\t",
	"du\t@\t\t\t--files0-from\t",
	"ed\tA\t\t\t\t",
	"ex\tA\t\t\t\t",
	"fd\t@\t\t-x|--exec|-X|--exec-batch\t\t",
	"fdfind\t@\t\t-x|--exec|-X|--exec-batch\t\t",
	"file\t@\t\t\t-f|--files-from\t",
	"find\t@\t\t\t-files0-from\t",
	"g++\tB\t\t\t\t",
	"gcc\tB\t\t\t\t",
	"gdb\t@\t\t-ex|-x|--command|--eval-command|-iex|-ix|"
	    "--init-command|--init-eval-command\t\t",
	"git-archive\t@\t--e*xec\t\t\t",
	"git-clone\t@\t-u|--u*pload-pack\t\t\t",
	"git-difftool\t@\t-x|--e*xtcmd\t\t\t",
	"git-fetch\t@\t--u*pload-pack\t\t\t",
	"git-fetch-pack\t@\t--u*pload-pack|--e*xec\t\t\t",
	"git-grep\t@\t-O|--o*pen-files-in-pager\t\t\t",
	"git-ls-remote\t@\t--u*pload-pack\t\t\t",
	"git-pull\t@\t--u*pload-pack\t\t\t",
	"git-push\t@\t--rec*eive-pack|--exe*c\t\t\t",
	"git-rebase\t@\t-x|--e*xec\t\t\t",
	"git-send-pack\t@\t--r*eceive-pack|--e*xec\t\t\t",
	"gmake\t@\t\t--eval|-E\t\t",
	"gtar\t@\t--to-command|--checkpoint-*action|-I|"
	    "--use-compress-program|--rsh-command|--info-script|-F|"
	    "--new-volume-script\t-g|--liste*d-incremental|--ind*ex-file|"
	    "--vol*no-file\t-T|--files*-from\t",
	"gvim\tH\t\t-c|--cm*d|-S|-s|-u|-q\t\t",
	"gzip\t@\t\t\t\t-r|--recursive",
	"ld\tB\t\t\t\t",
	"less\tH\t\t-k|--lesskey-file|--lesskey-src|--lesskey-content\t\t",
	"lz4\t@\t\t\t\t-r",
	"lzcat\t@\t\t\t--files|--files0\t",
	"lzma\t@\t\t\t--files|--files0\t",
	"make\t@\t\t--eval|-E\t\t",
	"man\t@\t-P|--pa*ger|-H|--ht*ml\t\t\t",
	"md5sum\t@\t\t\t-c|--check\t",
	"nsenter\t@\t\t-w|--wd|-r|--root|-R|--wdns\t\t",
	"nvim\tH\t\t-c|--cm*d|-S|-s|-u|-q|-l\t\t",
	"pigz\t@\t\t\t\t-r|--recursive",
	"rg\t@\t\t--pre\t\t",
	"rsync\t@\t-e|--rsh\t\t--files-from|--include-*from\t",
	"runuser\t@\t-c|--command\t\t\t",
	"sha1sum\t@\t\t\t-c|--check\t",
	"sha224sum\t@\t\t\t-c|--check\t",
	"sha256sum\t@\t\t\t-c|--check\t",
	"sha384sum\t@\t\t\t-c|--check\t",
	"sha512sum\t@\t\t\t-c|--check\t",
	"shasum\t@\t\t\t-c|--check\t",
	"sort\t@\t--co*mpress-program\t\t--files0-from\t",
	"split\t@\t--f*ilter\t\t\t",
	"sqlite3\tD\t\t-init|-cmd\t\t",
	"tar\t@\t--to-command|--checkpoint-*action|-I|"
	    "--use-compress-program|--rsh-command|--info-script|-F|"
	    "--new-volume-script\t-g|--liste*d-incremental|--ind*ex-file|"
	    "--vol*no-file\t-T|--files*-from\t",
	"unlzma\t@\t\t\t--files|--files0\t",
	"unshare\t@\t\t-R|--root|-w|--wd\t\t",
	"unxz\t@\t\t\t--files|--files0\t",
	"unzstd\t@\t\t\t--filelist\t",
	"vi\tH\t\t-c|--cm*d|-S|-s|-u|-q\t\t",
	"view\tH\t\t-c|--cm*d|-S|-s|-u|-q\t\t",
	"vim\tH\t\t-c|--cm*d|-S|-s|-u|-q\t\t",
	"wc\t@\t\t\t--files0-from\t",
	"wget\t@\t\t\t--conf*ig\t",
	"xargs\t@\t\t\t-a|--arg-file\t",
	"xz\t@\t\t\t--files|--files0\t-r",
	"xzcat\t@\t\t\t--files|--files0\t",
	"zip\t@\t-TT|--unzip-command\t\t-@|--names-stdin\t-r|-R|"
	    "--recurse-paths",
	"zless\tH\t\t-k|--lesskey-file|--lesskey-src|--lesskey-content\t\t",
	"zstd\t@\t\t\t--filelist\t-r",
	"zstdcat\t@\t\t\t--filelist\t",
	"zstdmt\t@\t\t\t--filelist\t-r",
};

static int
prog_cmp(const void *k, const void *e)
{
	/* strncmp(k, name of the row) in one pass, without strcspn */
	const unsigned char *s = k, *r = *(const unsigned char *const *)e;
	size_t i;

	for (i = 0; r[i] != '\t' && r[i] != '\0'; i++)
		if (s[i] != r[i])
			return s[i] - r[i];	/* k's NUL too */
	return s[i] != '\0';
}

/* The row of name, unpacked into *out; NULL when it has none. */
const struct prog_row *
pc_prog_row(const char *name, struct prog_row *out)
{
	const char *const *e = bsearch(name, prog_rows, NELEM(prog_rows),
	    sizeof *prog_rows, prog_cmp);
	const char *p, **f[4];
	int i;

	if (e == NULL)
		return NULL;
	f[0] = &out->code;
	f[1] = &out->opaque;
	f[2] = &out->lists;
	f[3] = &out->deep;
	out->name = name;
	p = strchr(*e, '\t') + 1;
	out->flags = (unsigned)(*p - '@');
	for (i = 0; i < 4; i++) {
		p = strchr(p, '\t') + 1;
		*f[i] = *p != '\t' && *p != '\0' ? p : NULL;
	}
	return out;
}

/*
 * Does argument a (next: the one after it) match an option of list?
 * A long option ("--x...") matches any prefix of it (getopt_long takes
 * a unique one; an ambiguous one is an error, so taking it is safe); a
 * '*' marks the shortest where a shorter one is another option of the
 * program (--files*-from: --file is tar's archive, not a list).
 * Returns the option's value (or "" for a flag), NULL when no match.
 */
const char *
pc_opt_value(const char *list, const char *a, const char *next)
{
	const char *p;
	size_t l;

	if (list == NULL || a[0] != '-')
		return NULL;
	/* each option's end and '*' in one pass (strcspn twice per
	 * option was most of the cost: tens of thousands of calls) */
	for (p = list;; p += l + 1) {
		size_t star = (size_t)-1;

		for (l = 0; p[l] != '\0' && p[l] != '|' && p[l] != '\t'; l++)
			if (p[l] == '*' && star == (size_t)-1)
				star = l;
		if (star != (size_t)-1) {	/* --co*mpress-program */
			size_t al = strcspn(a, "=");

			if (al < star || al > l - 1 ||
			    strncmp(a, p, star) != 0 ||
			    strncmp(a + star, p + star + 1, al - star) != 0)
				goto next_option;
			if (a[al] == '\0')
				return next != NULL ? next : "";
			return a + al + 1;
		}
		/* a long option without '*' is taken by any prefix too
		 * (getopt_long: a unique one is the option, several an
		 * error): the stricter reading for every program */
		if (p[0] == '-' && p[1] == '-' && l > 2) {
			size_t al = strcspn(a, "=");

			if (al < 3 || al > l || strncmp(a, p, al) != 0)
				goto next_option;
			if (a[al] == '\0')
				return next != NULL ? next : "";
			return a + al + 1;
		}
		if (strncmp(a, p, l) != 0)
			goto next_option;
		if (a[l] == '\0')
			return next != NULL ? next : "";
		if (a[l] == '=' && p[1] == '-')
			return a + l + 1;
		if (l == 2 && p[1] != '-')
			return a + 2;	/* -xVALUE */
next_option:
		if (p[l] != '|')
			return NULL;
	}
}

static const char interpreters[] =
	"python|python2|python3|pypy|pypy3|perl|ruby|node|nodejs|"
	"deno|bun|php|lua|luajit|Rscript|julia|osascript|pwsh|"
	"powershell|tclsh|wish|expect|awk|gawk|mawk|nawk|sed|gsed|"
	"jshell|groovy|scala|elixir|erl|racket|guile|sbcl|clisp|ghci|"
	"irb";

bool
pc_is_interpreter(const char *n)
{
	/* asked of nearly every command name, several times */
	static struct pc_words set = PC_WORDS(interpreters);
	size_t i;

	if (pc_in_words(&set, n))
		return true;
	/* python3.12, perl5.36, ... */
	for (i = 0; i < 3; i++) {
		const char *pfx = i == 0 ? "python" : i == 1 ? "perl" : "pypy";
		size_t l = strlen(pfx);

		if (strncmp(n, pfx, l) == 0 && n[l] != '\0' &&
		    strspn(n + l, "0123456789.") == strlen(n + l))
			return true;
	}
	return false;
}

/* Tokens that show inline code building a path at run time. */
const char pc_dynamic_tokens[] =
	"~|expanduser|HOME|environ|getenv|ENV|process.env|homedir|"
	"getpw|\\x|\\u|\\U|\\N{|\\o{|\\0|\\1|\\2|\\3|\\4|\\5|\\6|"
	"\\7|\\c|chr(|chr |.chr|char(|fromCodePoint|unquote|Buffer|"
	"hex2bin|a2b_|pack |"
	"fromhex|unhexlify|b64|"
	"base64|decode|rot13|[::-1]|reverse|join(|format(|%s|%c|"
	"sprintf|${|#{|`|exec(|eval(|system(|popen|subprocess|spawn|"
	"__import__|compile(|getattr|chdir|walk|listdir|scandir|glob|"
	"readdir|opendir|Dir.|Dir[|pathlib|Path(|fromCharCode|pack(|"
	"bytes(|bytearray|replace|translate|maketrans|=~|tr/|y/|"
	"concat|String(|os.path|require(|import(|<<|qx|open(F|"
	"readlink|realpath|symlink|getcwd|cwd(|..|f\"|f'|%(|netrc|"
	"credentials|keyring|[:|:]|substr|slice|chop|strip(";

/*
 * Variables other programs read: as a path or path list (an unknown
 * value may send them anywhere), as shell code they run, or as text the
 * shell expands again (prompts).  Sorted for bsearch.
 * "NAME:K|...", K the digit of the kind (V_* in pcint.h).
 */
const char pc_var_rows[] =
	"AWS_CONFIG_FILE:5|AWS_SHARED_CREDENTIALS_FILE:0|BASHOPTS:3|BASH_ENV:0|"
	"BROWSER:1|BZIP2:3|BZIP:3|CARGO_HOME:0|CURL_HOME:5|DOCKER_CONFIG:5|"
	"EDITOR:1|ENV:0|"
	"GIT_ASKPASS:1|GIT_COMMON_DIR:0|GIT_CONFIG:5|GIT_CONFIG_COUNT:3|GIT_CONFIG_GLOBAL:5|"
	"GIT_CONFIG_PARAMETERS:3|GIT_CONFIG_SYSTEM:5|GIT_DIR:0|GIT_EDITOR:1|"
	"GIT_EXEC_PATH:0|GIT_EXTERNAL_DIFF:1|GIT_INDEX_FILE:0|"
	"GIT_OBJECT_DIRECTORY:0|GIT_PAGER:1|GIT_SEQUENCE_EDITOR:1|GIT_SSH:1|"
	"GIT_SSH_COMMAND:1|GIT_WORK_TREE:0|GNUPGHOME:5|GOPATH:0|GZIP:3|"
	"INPUTRC:0|KUBECONFIG:5|LD_AUDIT:0|LD_LIBRARY_PATH:0|LD_PRELOAD:0|"
	"LESS:3|LESSCLOSE:1|LESSKEY:0|LESSKEYIN:0|LESSKEY_CONTENT:3|LESSOPEN:1|"
	"MANOPT:3|MANPAGER:1|NODE_OPTIONS:4|NODE_PATH:0|NPM_CONFIG_USERCONFIG:5|PAGER:1|PATH:0|"
	"PERL5DB:3|PERL5LIB:0|PERL5OPT:4|PERLLIB:0|PIP_CONFIG_FILE:5|"
	"PROMPT_COMMAND:1|PS0:2|PS1:2|PS2:2|PS3:2|PS4:2|PYTHONHOME:0|"
	"PYTHONPATH:0|PYTHONSTARTUP:0|RUBYLIB:0|RUBYOPT:4|SHELLOPTS:3|"
	"SSH_ASKPASS:1|SUDO_ASKPASS:1|TAR_OPTIONS:3|TMPDIR:0|TZ:0|TZDIR:3|"
	"VISUAL:1|WGETRC:5|XDG_CONFIG_HOME:5|XZ_DEFAULTS:3|XZ_OPT:3|ZSTD_CLEVEL:3|ZSTD_NBTHREADS:3";

/*
 * Programs that read a denied file without naming it.  path: absolute,
 * or relative to HOME; when: NULL always, else one of these words
 * ('|'-separated) must be an argument.
 */
/* "NAME PATH [WHEN]\n": PATH absolute or under HOME; WHEN words (|). */
const char pc_implicit_reads[] =
	"getent /etc/shadow shadow\n"
	"getent /etc/gshadow gshadow\n"
	"chage /etc/shadow\n"
	"passwd /etc/shadow\n"
	"pwck /etc/shadow\n"
	"grpck /etc/gshadow\n"
	"unix_chkpwd /etc/shadow\n"
	"vipw /etc/shadow\n"
	"git .gnupg -S|--gpg-sign|verify-commit|verify-tag|--show-signature\n"
	"gh .config/gh\n"
	"curl .netrc -n|--netrc|--netrc-optional\n"
	"npm .npmrc\n"
	"npx .npmrc\n"
	"pnpm .npmrc\n"
	"yarn .npmrc\n"
	"twine .pypirc\n"
	"git-credential-store .git-credentials\n"
	"git .git-credentials credential-store|credential.helper=store\n"
	"git .gnupg commit.gpgsign=true|tag.gpgsign=true|commit.gpgSign=true|tag.gpgSign=true\n"
	"ssh .ssh\n"
	"scp .ssh\n"
	"sftp .ssh\n"
	"ssh-add .ssh\n"
	"ssh-keygen .ssh\n"
	"ssh-copy-id .ssh\n"
	"sshfs .ssh\n"
	"autossh .ssh\n"
	"mosh .ssh\n"
	"gpg .gnupg\n"
	"gpg2 .gnupg\n"
	"gpgsm .gnupg\n"
	"gpg-agent .gnupg\n"
	"pass .gnupg\n"
	"aws .aws\n"
	"gcloud .config/gcloud\n"
	"az .azure\n"
	"kubectl .kube\n"
	"docker .docker/config.json\n";

/* Pure data readers: a /dev/fd/N (<(...)) or /dev/stdin operand is data. */
const char pc_data_readers[] =
	"b2sum|base32|base64|basenc|cat|cksum|cmp|column|comm|csplit|"
	"cut|diff|diff3|expand|file|fmt|fold|grep|head|hexdump|iconv|"
	"join|jq|less|md5sum|more|nl|od|paste|pr|rev|sdiff|sha1sum|"
	"sha224sum|sha256sum|sha384sum|sha512sum|sort|split|stat|"
	"strings|sum|tac|tail|tee|tr|unexpand|uniq|vimdiff|wc|xxd|yq|"
	"zcat";

/*
 * Is name known (a row, a list above, or a program whose operands are
 * plain paths)?  Only for -v: an unknown program is checked the default
 * way, every word a path.
 */
bool
pc_is_known(const char *name)
{
	static const char plain[] =
		"alias|bg|break|case|cd|chgrp|continue|cp|date|dd|df|do|done|"
		"env|eval|exec|export|fg|find|free|git|history|install|let|"
		"ln|ls|make|mkdir|mktemp|mv|parallel|popd|ps|pushd|readlink|"
		"realpath|rm|rmdir|set|shopt|shift|source|su|sg|tee|top|"
		"touch|trap|truncate|uptime|watch|xargs|.";
	struct prog_row rb;
	char buf[16];

	if (pc_prog_row(name, &rb) != NULL || pc_is_harmless(name) || pc_is_interpreter(name) ||
	    pc_in_bar(name, plain) ||
	    pc_in_bar(name, pc_deep_cmds) ||
	    pc_in_bar(name, pc_shells) ||
	    pc_in_bar(name, pc_data_readers) ||
	    pc_in_bar(name, pc_elevated_cmds))
		return true;
	if (pc_wrapper_find(name, &(struct wrapper){ 0 }, buf, sizeof buf))
		return true;
	{
		const char *r = pc_implicit_reads;
		size_t l = strlen(name);

		for (; *r != '\0'; r = strchr(r, '\n') + 1)
			if (strncmp(r, name, l) == 0 && r[l] == ' ')
				return true;
	}
	return false;
}

/*
 * Programs whose output, as a command substitution, is known or holds
 * no path (pcvars.c): "name:kind:options", kind p (the current
 * directory), b (basename), d (dirname), e (echo), t (a word, never
 * empty, without '/' or blanks, that starts with no '.' or '-');
 * options: the only arguments taken (one of them, space-separated).
 * u and n: the same, or digits for n (pgrep, pidof), but it may print
 * nothing (whoami and id without a passwd entry, logname, hostname, no
 * process): known only as a whole word ("x$(cmd)y" is then "xy", which
 * no pattern stands for), of a program a missing operand sends nowhere
 * (pc_vanish_ok); options "*": any.  i: the same as n, for seq with
 * integer operands only (its options print anything: -f '/x/%g').
 */
const char pc_pure_progs[] =
	"arch:t:|"
	"basename:b:|"
	"command:w:-v|"
	"date:t:|"
	"dirname:d:|"
	"echo:e:|"
	"hostname:u:-s|"
	"id:u:-u -g -un -gn -nu -ng|"
	"logname:u:|"
	"mktemp:m:|"
	"nproc:t:--all|"
	"pgrep:n:*|"
	"pidof:n:*|"
	"pwd:p:-L|"
	"readlink:l:-f -e -n -v -q -s -fn -nf -en -ne --canonicalize "
	    "--canonicalize-existing --no-newline|"
	"realpath:L:-e -q|"
	"seq:i:|"
	"stat:s:|"
	"uname:t:-r -s -m -p -i --kernel-release --kernel-name --machine|"
	"which:w:|"
	"whoami:u:";

/*
 * Options whose value is data, never a path: a date, a time stamp
 * (touch -r FILE and date -r FILE name files: checked as words).  The
 * whole grammar of the program's options, so that a word is taken as
 * such a value only where getopt takes it so.
 */
static const struct data_opts {
	const char *prog;
	const char *flags, *arg, *data;		/* short options */
	const char *lflags, *larg, *ldata;	/* long ones, whole */
} data_values[] = {
	{ "touch", "acfhm", "drt", "dt", "--no-create|--no-dereference",
	    "--date|--reference|--time", "--date" },
	{ "date", "uR", "dfrs", "ds", "--utc|--universal|--rfc-email|--debug",
	    "--date|--file|--reference|--set", "--date|--set" },
};

/* Does the word w expand to one field (no unquoted substitution)? */
static bool
one_field(const struct sh_word *w)
{
	const struct sh_part *p;

	for (p = w->parts; p != NULL; p = p->next)
		if (p->kind != SH_P_LIT && (!p->quoted ||
		    (p->kind == SH_P_PARAM && (strcmp(p->s, "@") == 0 ||
		    memchr(p->s, '[', p->n) != NULL))))
			return false;
	return true;
}

/*
 * Is v[i] the value of such an option?  Every word before it must be a
 * known option of the program (no operand: with POSIXLY_CORRECT an
 * option after one is an operand), and v[i] one field.
 */
bool
pc_data_value(const char *name, struct wf *v, size_t n, size_t i)
{
	const struct data_opts *d = NULL;
	size_t k, j;
	bool data = false;

	for (k = 0; k < NELEM(data_values); k++)
		if (strcmp(name, data_values[k].prog) == 0)
			d = &data_values[k];
	if (d == NULL || i < 2 || (!pc_field_known(&v[i]) &&
	    (v[i].w == NULL || !one_field(v[i].w) ||
	    v[i - 1].w == v[i].w || (i + 1 < n && v[i + 1].w == v[i].w))))
		return false;
	for (k = 1; k < i; k++) {
		const char *a = v[k].f->s;

		if (!pc_field_known(&v[k]) || a[0] != '-' || a[1] == '\0' ||
		    strcmp(a, "--") == 0)
			return false;
		data = false;
		if (a[1] == '-') {
			if (strchr(a, '=') != NULL || pc_in_bar(a, d->lflags))
				continue;	/* its value attached */
			if (!pc_in_bar(a, d->larg))
				return false;
			data = pc_in_bar(a, d->ldata);
			if (++k == i)
				return data;
			continue;
		}
		for (j = 1; a[j] != '\0'; j++) {
			if (strchr(d->flags, a[j]) != NULL)
				continue;
			if (strchr(d->arg, a[j]) == NULL)
				return false;
			if (a[j + 1] == '\0') {
				data = strchr(d->data, a[j]) != NULL;
				if (++k == i)
					return data;
			}
			break;		/* the rest of the word is its value */
		}
	}
	return false;
}

/*
 * Is word a ("--NAME" or "--NAME=VALUE") one of the '|'-separated long
 * options of set, written as getopt_long takes it: NAME any prefix of
 * the option's of at least min bytes (the shortest that is no other
 * option of the program; an ambiguous one is an error, so taking it is
 * the stricter reading)?  set's options without the leading "--".
 */
bool
pc_long_is(const char *a, const char *set, size_t min)
{
	size_t al, l;
	const char *p = set;

	if (a[0] != '-' || a[1] != '-')
		return false;
	a += 2;
	if ((al = strcspn(a, "=")) == 0 || al < min)
		return false;
	for (;;) {
		l = strcspn(p, "|");
		if (al <= l && strncmp(a, p, al) == 0)
			return true;
		if (p[l] == '\0')
			return false;
		p += l + 1;
	}
}
