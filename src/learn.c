/* learn.c - write the policy that allows what a run did
 *
 * Everything is allowed and recorded: files by path with the modes used,
 * addresses by operation, programs run, namespaces and signals. The
 * policy written denies by default and allows exactly that, generalised
 * where it is safe: files read in system directories by directory, the
 * temporary directory as a whole, the numbers of /proc/PID as a star.
 */
#include "learn.h"

#include <ctype.h>
#include <errno.h>
#include <json-c/json.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "flags.h"
#include "util.h"

/* Directories whose files may be allowed by directory for reading. */
static const char *const system_dirs[] = {
	"/usr/", "/lib/", "/lib32/", "/lib64/", "/libx32/", "/bin/", "/sbin/",
	"/opt/", "/etc/ssl/certs/", "/etc/alternatives/", "/usr/share/", NULL
};

/* How many files read in one such directory make it "dir/ *". */
#define GENERALISE_AT 3

#define ALL_NAMESPACES                                                     \
	(CLONE_NEWUSER | CLONE_NEWNET | CLONE_NEWNS | CLONE_NEWPID |          \
	 CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWCGROUP | 0x80)

struct learn {
	struct json_object *fs;		/* path -> modes */
	struct json_object *net;	/* rule text -> 1 */
	struct json_object *exec;	/* path or memfd:NAME -> 1 */
	uint64_t namespaces;		/* CLONE_NEW* used */
	bool cloned;
	bool signal_outside, signal_inside, ptrace;
	char *tmp, *home, *cwd;
};

struct learn *learn_new(const char *tmp, const char *home, const char *cwd)
{
	struct learn *l = xcalloc(1, sizeof(*l));

	l->fs = json_object_new_object();
	l->net = json_object_new_object();
	l->exec = json_object_new_object();
	l->tmp = xstrdup(tmp);
	l->home = xstrdup(home);
	l->cwd = xstrdup(cwd);
	return l;
}

void learn_free(struct learn *l)
{
	if (!l)
		return;
	json_object_put(l->fs);
	json_object_put(l->net);
	json_object_put(l->exec);
	free(l->tmp);
	free(l->home);
	free(l->cwd);
	free(l);
}

static void add_bits(struct json_object *map, const char *key, int64_t bits)
{
	struct json_object *v;

	if (json_object_object_get_ex(map, key, &v))
		bits |= json_object_get_int64(v);
	json_object_object_add(map, key, json_object_new_int64(bits));
}

/* /proc/1234/status -> /proc/STAR/status: pids change from run to run. */
static void generic_proc(const char *path, char *out, size_t size)
{
	const char *p = path + 6, *q;

	if (strncmp(path, "/proc/", 6) != 0 || *p < '0' || *p > '9') {
		snprintf(out, size, "%s", path);
		return;
	}
	q = p + strspn(p, "0123456789");
	if (strncmp(q, "/task/", 6) == 0 && q[6] >= '0' && q[6] <= '9') {
		const char *r = q + 6 + strspn(q + 6, "0123456789");

		snprintf(out, size, "/proc/*/task/*%s", r);
		return;
	}
	snprintf(out, size, "/proc/*%s", q);
}

static void pattern_word(const struct learn *l, const char *path, bool glob,
			 bool vars_, char *out, size_t size);

static void learn_net(struct learn *l, const struct op *op)
{
	static const char *const ops[] = { "connect", "bind", "send", "accept" };
	char rule[1200], where[1100];
	unsigned i = 0;

	while (i < 3 && !(op->net_op & (1u << i)))
		i++;
	switch (op->family) {
	case FAM_INET:
	case FAM_INET6:
		/* An accepted peer's port is an ephemeral one: any port. */
		if (op->net_op == NET_ACCEPT)
			snprintf(where, sizeof(where), "%s %s/%u",
				 op->family == FAM_INET ? "inet" : "inet6", op->addr,
				 op->family == FAM_INET ? 32 : 128);
		else
			snprintf(where, sizeof(where), "%s %s/%u port=%u",
				 op->family == FAM_INET ? "inet" : "inet6", op->addr,
				 op->family == FAM_INET ? 32 : 128, op->port);
		break;
	case FAM_UNIX:
	case FAM_ABSTRACT: {
		char word[1024];

		if (!op->path)
			return;
		/* A literal name: escaped for the pattern syntax. */
		pattern_word(l, op->path, false, op->family == FAM_UNIX, word,
			     sizeof(word));
		snprintf(where, sizeof(where), "%s %s",
			 op->family == FAM_UNIX ? "unix" : "abstract", word);
		break;
	}
	default:
		snprintf(where, sizeof(where), "other");
		break;
	}
	snprintf(rule, sizeof(rule), "net allow %s %s", ops[i], where);
	add_bits(l->net, rule, 1);
}

/* A name the program made this time will be there the next, left
 * behind: its own file, which it may then read, write over or replace
 * (a rename onto it, an O_CREAT open of it): r, w and d with c. */
static unsigned own_file(const struct event *ev, const struct op *op)
{
	(void)ev;
	return op->modes & MODE_C ? MODE_R | MODE_W | MODE_D : 0;
}

void learn_ops(struct learn *l, const struct event *ev, const struct ops *ops)
{
	char path[8192];
	unsigned i;

	for (i = 0; i < ops->n; i++) {
		const struct op *op = &ops->v[i];

		switch (op->cat) {
		case CAT_FS:
			if (!op->path || op->resolve_err || op->kind == RESOLVED_OPAQUE)
				break;
			generic_proc(op->path, path, sizeof(path));
			add_bits(l->fs, path, op->modes | own_file(ev, op));
			break;
		case CAT_NET:
			learn_net(l, op);
			break;
		case CAT_PROC:
			if (op->proc_op == PROC_EXEC && op->path && !op->resolve_err &&
			    !op->mapped)
				add_bits(l->exec, op->path, 1);
			else if (op->proc_op == PROC_CLONE) {
				l->cloned = true;
				l->namespaces |= op->clone_flags & ALL_NAMESPACES;
			} else if (op->proc_op == PROC_SIGNAL) {
				if (op->target_outside)
					l->signal_outside = true;
				else
					l->signal_inside = true;
			} else if (op->proc_op == PROC_PTRACE) {
				l->ptrace = true;
			}
			break;
		default:
			break;
		}
	}
}

void learn_image(struct learn *l, const char *exe)
{
	char path[8192];

	if (!exe || exe[0] != '/')
		return;
	/* A policy checks both after the exec: fs x and proc exec. */
	generic_proc(exe, path, sizeof(path));
	add_bits(l->fs, path, MODE_X);
	add_bits(l->exec, exe, 1);
}

void learn_peer(struct learn *l, const struct op *peer)
{
	learn_net(l, peer);
}

/* --- writing --------------------------------------------------------- */

static int by_string(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The keys of a map, sorted. */
static const char **sorted_keys(struct json_object *map, size_t *n)
{
	const char **keys = xcalloc((size_t)json_object_object_length(map) + 1,
				    sizeof(*keys));

	*n = 0;
	json_object_object_foreach(map, key, val) {
		(void)val;
		keys[(*n)++] = key;
	}
	qsort(keys, *n, sizeof(*keys), by_string);
	return keys;
}

/* A path as a pattern word: $TMP/$HOME/$CWD put back (with vars), glob
 * characters (unless glob) and $ escaped, quoted when it holds blanks or
 * quotes. */
static void pattern_word(const struct learn *l, const char *path, bool glob,
			 bool vars_, char *out, size_t size)
{
	struct {
		const char *name, *value;
	} vars[] = { { "$TMP", l->tmp }, { "$CWD", l->cwd }, { "$HOME", l->home } };
	bool use_vars = vars_;
	size_t o = 0, i;
	const char *p = path;
	bool quote = strpbrk(path, " \t\"#") != NULL;

	if (quote)
		out[o++] = '"';
	for (i = 0; use_vars && i < ARRAY_SIZE(vars); i++) {
		size_t n = strlen(vars[i].value);

		if (n > 1 && strncmp(path, vars[i].value, n) == 0 &&
		    (path[n] == '/' || !path[n])) {
			o += (size_t)snprintf(out + o, size - o, "%s", vars[i].name);
			p = path + n;
			break;
		}
	}
	for (; *p && o + 4 < size; p++) {
		if ((!glob && strchr("*?[\\", *p)) || *p == '"')
			out[o++] = '\\';
		if (*p == '$')
			out[o++] = '$';
		out[o++] = *p;
	}
	if (quote)
		out[o++] = '"';
	out[o] = '\0';
}

static bool in_system_dir(const char *path)
{
	const char *const *d;

	for (d = system_dirs; *d; d++)
		if (strncmp(path, *d, strlen(*d)) == 0)
			return true;
	return false;
}

static bool under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	return n > 1 && strncmp(path, dir, n) == 0 && path[n] == '/';
}

/* A name mktemp(3) and its kin made: six letters and digits at the end,
 * of two kinds at least (a random draw, not a word), in a directory
 * anyone may write in and no one may take another's file from (sticky:
 * /tmp, /var/tmp, /dev/shm). Another run draws other letters: its files
 * are allowed as the name with "??????" for them. Sets *cut where the
 * random part begins. */
static bool temp_name(const char *path, size_t *cut)
{
	const char *base = strrchr(path, '/');
	size_t len = strlen(path), i;
	int upper = 0, lower = 0, digit = 0;
	char dir[8192];
	struct stat st;

	if (!base || strlen(base + 1) < 6 || (size_t)(base - path) >= sizeof(dir))
		return false;
	for (i = len - 6; i < len; i++) {
		upper |= path[i] >= 'A' && path[i] <= 'Z';
		lower |= path[i] >= 'a' && path[i] <= 'z';
		digit |= path[i] >= '0' && path[i] <= '9';
		if (!isalnum((unsigned char)path[i]))
			return false;
	}
	if (upper + lower + digit < 2)
		return false;
	snprintf(dir, sizeof(dir), "%.*s", (int)(base - path), path);
	if (stat(dir[0] ? dir : "/", &st) < 0 || !S_ISDIR(st.st_mode) ||
	    !(st.st_mode & S_ISVTX) || !(st.st_mode & S_IWOTH))
		return false;
	*cut = len - 6;
	return true;
}

/* Files read (r, x) in a system directory, GENERALISE_AT or more with the
 * same modes, are allowed as the directory's star pattern. */
static void write_fs(FILE *f, const struct learn *l)
{
	size_t n, i, j;
	const char **keys = sorted_keys(l->fs, &n);
	bool *done = xcalloc(n + 1, sizeof(*done));
	unsigned tmp_modes = 0;
	char word[16384], m[32];

	for (i = 0; i < n; i++) {
		unsigned modes = (unsigned)json_object_get_int64(
			json_object_object_get(l->fs, keys[i]));

		if (under(keys[i], l->tmp) || strcmp(keys[i], l->tmp) == 0) {
			tmp_modes |= modes;
			done[i] = true;
		}
	}
	if (tmp_modes)
		fprintf(f, "fs allow %s $TMP/**\n", pol_modes_word(tmp_modes, m));
	for (i = 0; i < n; i++) {
		const char *slash = strrchr(keys[i], '/');
		size_t dirlen = slash ? (size_t)(slash - keys[i]) + 1 : 0;
		unsigned modes = (unsigned)json_object_get_int64(
			json_object_object_get(l->fs, keys[i]));
		size_t same = 0, cut;

		if (done[i])
			continue;
		if (!(modes & ~(MODE_R | MODE_X)) && in_system_dir(keys[i])) {
			for (j = i; j < n; j++)
				if (strncmp(keys[j], keys[i], dirlen) == 0 &&
				    !strchr(keys[j] + dirlen, '/') &&
				    (unsigned)json_object_get_int64(
					    json_object_object_get(l->fs, keys[j])) == modes)
					same++;
		}
		if (same >= GENERALISE_AT) {
			char dir[8192];

			snprintf(dir, sizeof(dir), "%.*s", (int)dirlen, keys[i]);
			pattern_word(l, dir, false, true, word, sizeof(word));
			fprintf(f, "fs allow %s %s*\n", pol_modes_word(modes, m), word);
			for (j = i; j < n; j++)
				if (strncmp(keys[j], keys[i], dirlen) == 0 &&
				    !strchr(keys[j] + dirlen, '/') &&
				    (unsigned)json_object_get_int64(
					    json_object_object_get(l->fs, keys[j])) == modes)
					done[j] = true;
			continue;
		}
		if ((modes & MODE_C) && temp_name(keys[i], &cut)) {
			char head[8192];

			snprintf(head, sizeof(head), "%.*s", (int)cut, keys[i]);
			pattern_word(l, head, false, true, word, sizeof(word));
			fprintf(f, "fs allow %s %s??????\n", pol_modes_word(modes, m),
				word);
			continue;
		}
		pattern_word(l, keys[i], strncmp(keys[i], "/proc/*", 7) == 0,
			     true, word, sizeof(word));
		fprintf(f, "fs allow %s %s\n", pol_modes_word(modes, m), word);
	}
	free(done);
	free(keys);
}

static void write_proc(FILE *f, const struct learn *l)
{
	size_t n, i;
	const char **keys = sorted_keys(l->exec, &n);
	char word[16384], flags[512];

	for (i = 0; i < n; i++) {
		if (strncmp(keys[i], "memfd:", 6) == 0) {
			char name[16000];

			pattern_word(l, keys[i] + 6, false, false, name, sizeof(name));
			/* memfd: goes inside the quotes, if there are any. */
			if (name[0] == '"')
				snprintf(word, sizeof(word), "\"memfd:%s", name + 1);
			else
				snprintf(word, sizeof(word), "memfd:%s", name);
		} else {
			pattern_word(l, keys[i], false, true, word, sizeof(word));
		}
		fprintf(f, "proc allow exec %s\n", word);
	}
	free(keys);
	/* Namespaces not used stay refused; other clones are allowed. */
	if ((ALL_NAMESPACES & ~l->namespaces) != 0) {
		static const char *const names[] = {
			"newuser", "newnet", "newns", "newpid", "newipc", "newuts",
			"newcgroup", "newtime"
		};
		static const uint64_t bits[] = {
			CLONE_NEWUSER, CLONE_NEWNET, CLONE_NEWNS, CLONE_NEWPID,
			CLONE_NEWIPC, CLONE_NEWUTS, CLONE_NEWCGROUP, 0x80
		};
		size_t k, len = 0;

		flags[0] = '\0';
		for (k = 0; k < ARRAY_SIZE(bits); k++)
			if (!(l->namespaces & bits[k]))
				len += (size_t)snprintf(flags + len, sizeof(flags) - len,
							"%s%s", len ? "," : "", names[k]);
		fprintf(f, "proc deny clone %s\n", flags);
	}
	if (l->cloned)
		fprintf(f, "proc allow clone any\n");
	if (!l->signal_outside)
		fprintf(f, "proc deny signal outside\n");
	if (l->signal_inside || l->signal_outside)
		fprintf(f, "proc allow signal any\n");
	if (l->ptrace)
		fprintf(f, "# the program traced or wrote another process: "
			"allowing it lets it go around the policy\nproc allow ptrace\n");
}

int learn_write(const struct learn *l, FILE *f, char *const argv[])
{
	size_t n, i;
	const char **keys;
	char when[64];

	format_rfc3339(now_real_ns(), when, sizeof(when));
	fprintf(f, "# Written by gobox-strace --learn on %s for:\n#  ", when);
	for (i = 0; argv[i]; i++)
		fprintf(f, " %s", argv[i]);
	fprintf(f, "\n# It allows what that run did and refuses the rest.\n\n"
		   "default fs deny\ndefault net deny\ndefault proc deny\n"
		   "default sys allow\n\n");
	write_fs(f, l);
	fputc('\n', f);
	keys = sorted_keys(l->net, &n);
	for (i = 0; i < n; i++)
		fprintf(f, "%s\n", keys[i]);
	free(keys);
	if (n)
		fputc('\n', f);
	write_proc(f, l);
	return ferror(f) ? -EIO : 0;
}
