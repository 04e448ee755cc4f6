/* files.c - every file the run touched, by what was done to it */
#include "files.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include "jsonutil.h"
#include "util.h"

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

static const char *const class_names[FC_COUNT] = {
	"read", "created", "modified", "deleted"
};

/* How a call names its files. */
enum kind {
	K_OPEN,		/* open, openat, openat2, creat */
	K_CREATE,	/* the first path is made */
	K_MODIFY,	/* the first path is changed */
	K_DELETE,	/* the first path is removed */
	K_LINK,		/* the second path is a new name */
	K_RENAME,	/* the first path becomes the second */
	K_FD_MODIFY,	/* the file of descriptor 0 is changed */
};

static const struct {
	const char *name;
	enum kind kind;
	bool trap;	/* trapped for this section even when not traced */
} calls[] = {
	{ "open", K_OPEN, false }, { "openat", K_OPEN, false },
	{ "openat2", K_OPEN, false }, { "creat", K_OPEN, true },
	{ "mkdir", K_CREATE, true }, { "mkdirat", K_CREATE, true },
	{ "mknod", K_CREATE, true }, { "mknodat", K_CREATE, true },
	{ "symlink", K_CREATE, true }, { "symlinkat", K_CREATE, true },
	{ "link", K_LINK, true }, { "linkat", K_LINK, true },
	{ "rename", K_RENAME, true }, { "renameat", K_RENAME, true },
	{ "renameat2", K_RENAME, true },
	{ "unlink", K_DELETE, true }, { "unlinkat", K_DELETE, true },
	{ "rmdir", K_DELETE, true },
	{ "truncate", K_MODIFY, true }, { "truncate64", K_MODIFY, true },
	{ "chmod", K_MODIFY, true }, { "fchmodat", K_MODIFY, true },
	{ "fchmodat2", K_MODIFY, true }, { "chown", K_MODIFY, true },
	{ "chown32", K_MODIFY, true }, { "lchown", K_MODIFY, true },
	{ "lchown32", K_MODIFY, true }, { "fchownat", K_MODIFY, true },
	{ "utime", K_MODIFY, true }, { "utimes", K_MODIFY, true },
	{ "futimesat", K_MODIFY, true }, { "utimensat", K_MODIFY, true },
	{ "utimensat_time64", K_MODIFY, true },
	{ "setxattr", K_MODIFY, true }, { "lsetxattr", K_MODIFY, true },
	{ "removexattr", K_MODIFY, true }, { "lremovexattr", K_MODIFY, true },
	{ "setxattrat", K_MODIFY, true }, { "removexattrat", K_MODIFY, true },
	{ "file_setattr", K_MODIFY, true },
	{ "ftruncate", K_FD_MODIFY, true }, { "ftruncate64", K_FD_MODIFY, true },
	{ "fchmod", K_FD_MODIFY, true }, { "fchown", K_FD_MODIFY, true },
	{ "fchown32", K_FD_MODIFY, true }, { "fsetxattr", K_FD_MODIFY, true },
	{ "fremovexattr", K_FD_MODIFY, true },
};

/* The opens whose absence leaves classes incomplete. */
static const char *const open_calls[] = { "open", "openat", "openat2", NULL };

void files_init(struct files_log *fl, unsigned max_paths,
		unsigned max_renames)
{
	keytab_init(&fl->paths, max_paths, sizeof(struct file_rec));
	keytab_init(&fl->renames, max_renames, sizeof(struct rename_rec));
}

void files_free(struct files_log *fl)
{
	keytab_free(&fl->paths);
	keytab_free(&fl->renames);
}

void files_traceset(struct traceset *ts)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(calls); i++)
		if (calls[i].trap)
			traceset_add_name(ts, calls[i].name);
}

static void add_path(struct files_log *fl, const char *path, size_t len,
		     enum file_class c, uint64_t t_ns)
{
	struct file_rec *r = keytab_get(&fl->paths, path, len, NULL);

	if (!r)
		return;
	if (!r->calls[c]++)
		r->first_ns[c] = t_ns;
}

/* The absolute path of the n-th path argument; as given when it could
 * not be resolved (its directory was unreadable, or it is too long). */
static const char *path_arg(const struct event *ev, unsigned n)
{
	const struct arg_value *v = event_arg(ev, ARG_PATH, n);

	if (!v || v->status != VAL_OK || !v->u.str.s)
		return NULL;
	return v->u.str.resolved ? v->u.str.resolved : v->u.str.s;
}

static uint64_t open_flags(const struct event *ev)
{
	const struct arg_value *fl = event_arg(ev, ARG_OFLAGS, 0);
	const struct arg_value *how = event_arg(ev, ARG_OPEN_HOW, 0);

	if (fl)
		return (uint32_t)fl->raw;
	if (how)
		return how->u.how && how->status == VAL_OK ? how->u.how->flags : 0;
	return O_CREAT | O_WRONLY | O_TRUNC;	/* creat */
}

/* The strongest thing an open did: made the file, could change it, or
 * read it. O_CREAT makes nothing when the file was there. */
static enum file_class open_class(const struct event *ev, uint64_t flags)
{
	if ((flags & O_TMPFILE) == O_TMPFILE ||
	    ((flags & O_CREAT) && ((flags & O_EXCL) || !ev->existed)))
		return FC_CREATED;
	if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC))
		return FC_MODIFIED;
	return FC_READ;
}

static void note_open(struct files_log *fl, const struct event *ev)
{
	const char *p = ev->fd_path;

	/* What the new descriptor is (through symlinks), when it is a file
	 * of a directory tree; else the path resolved from the argument. */
	if (!p || p[0] != '/')
		p = path_arg(ev, 0);
	if (p)
		add_path(fl, p, strlen(p), open_class(ev, open_flags(ev)),
			 ev->entry_ns);
}

static void add_rename(struct files_log *fl, const char *from,
		       const char *to, uint64_t t_ns)
{
	size_t lf = strlen(from), lt = strlen(to);
	char *key = xmalloc(lf + lt + 1);
	struct rename_rec *r;

	/* A path holds no NUL: "from\0to" is one key. */
	memcpy(key, from, lf + 1);
	memcpy(key + lf + 1, to, lt);
	r = keytab_get(&fl->renames, key, lf + 1 + lt, NULL);
	free(key);
	if (r && !r->calls++)
		r->first_ns = t_ns;
}

static void note_rename(struct files_log *fl, const struct event *ev)
{
	const char *from = path_arg(ev, 0), *to = path_arg(ev, 1);
	bool exchange = strcmp(ev->desc->name, "renameat2") == 0 &&
			(ev->args[4] & RENAME_EXCHANGE);

	if (!from || !to)
		return;
	add_rename(fl, from, to, ev->entry_ns);
	if (exchange) {
		/* Both names stay, each with the other's file. */
		add_rename(fl, to, from, ev->entry_ns);
		add_path(fl, from, strlen(from), FC_MODIFIED, ev->entry_ns);
		add_path(fl, to, strlen(to), FC_MODIFIED, ev->entry_ns);
		return;
	}
	add_path(fl, from, strlen(from), FC_DELETED, ev->entry_ns);
	add_path(fl, to, strlen(to), FC_CREATED, ev->entry_ns);
}

static int kind_of(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(calls); i++)
		if (strcmp(calls[i].name, name) == 0)
			return (int)calls[i].kind;
	return -1;
}

void files_note(struct files_log *fl, const struct event *ev)
{
	static const enum file_class of_kind[] = {
		[K_CREATE] = FC_CREATED, [K_MODIFY] = FC_MODIFIED,
		[K_DELETE] = FC_DELETED, [K_LINK] = FC_CREATED,
	};
	int kind;
	const char *p;

	if (!ev->finished || ev->err || !ev->desc)
		return;
	kind = kind_of(ev->desc->name);
	switch (kind) {
	case -1:
		return;
	case K_OPEN:
		note_open(fl, ev);
		return;
	case K_RENAME:
		note_rename(fl, ev);
		return;
	case K_FD_MODIFY:
		p = ev->fd_path && ev->fd_path[0] == '/' ? ev->fd_path : NULL;
		if (p)
			add_path(fl, p, strlen(p), FC_MODIFIED, ev->entry_ns);
		return;
	default:
		/* utimensat(fd, NULL, ...) changes the file of fd. */
		p = path_arg(ev, kind == K_LINK);
		if (!p && ev->fd_path && ev->fd_path[0] == '/')
			p = ev->fd_path;
		if (p)
			add_path(fl, p, strlen(p), of_kind[kind], ev->entry_ns);
		return;
	}
}

/* --- the report ------------------------------------------------------------ */

/* What qsort compares by: the table, and the class (FC_COUNT: the
 * table is the renames'). */
static struct {
	const struct keytab *kt;
	enum file_class c;
} sort_by;

static uint64_t first_of(unsigned i)
{
	const void *r = keytab_rec(sort_by.kt, i);

	if (sort_by.c == FC_COUNT)
		return ((const struct rename_rec *)r)->first_ns;
	return ((const struct file_rec *)r)->first_ns[sort_by.c];
}

/* First seen first; the same time (one call): by name. */
static int by_first(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
	uint64_t fx = first_of(x), fy = first_of(y);
	size_t lx, ly;
	const char *kx = keytab_key(sort_by.kt, x, &lx);
	const char *ky = keytab_key(sort_by.kt, y, &ly);
	int c;

	if (fx != fy)
		return fx < fy ? -1 : 1;
	c = memcmp(kx, ky, lx < ly ? lx : ly);
	return c ? c : (lx > ly) - (lx < ly);
}

static double ms_since(uint64_t base_ns, uint64_t t_ns)
{
	return t_ns > base_ns ? (t_ns - base_ns) / 1e6 : 0;
}

/* The entries of class c (FC_COUNT: the renames), sorted. */
static unsigned *sorted(const struct keytab *kt, enum file_class c,
			unsigned *n)
{
	unsigned *v = xcalloc(kt->n + 1, sizeof(*v)), i;

	*n = 0;
	for (i = 0; i < kt->n; i++)
		if (c == FC_COUNT ||
		    ((const struct file_rec *)keytab_rec(kt, i))->calls[c])
			v[(*n)++] = i;
	sort_by.kt = kt;
	sort_by.c = c;
	qsort(v, *n, sizeof(*v), by_first);
	return v;
}

static struct json_object *class_json(const struct files_log *fl,
				      enum file_class c, uint64_t base_ns,
				      unsigned *count)
{
	struct json_object *a = json_object_new_array();
	unsigned *v = sorted(&fl->paths, c, count), i;

	for (i = 0; i < *count; i++) {
		const struct file_rec *r = keytab_rec(&fl->paths, v[i]);
		struct json_object *o = json_object_new_object();
		size_t len;
		const char *p = keytab_key(&fl->paths, v[i], &len);

		json_set_bytes(o, "path", p, len);
		json_set_double(o, "first_ms", ms_since(base_ns, r->first_ns[c]), 3);
		json_set_uint(o, "calls", r->calls[c]);
		json_object_array_add(a, o);
	}
	free(v);
	return a;
}

static struct json_object *renames_json(const struct files_log *fl,
					uint64_t base_ns, unsigned *count)
{
	struct json_object *a = json_object_new_array();
	unsigned *v = sorted(&fl->renames, FC_COUNT, count), i;

	for (i = 0; i < *count; i++) {
		const struct rename_rec *r = keytab_rec(&fl->renames, v[i]);
		struct json_object *o = json_object_new_object();
		size_t len, lf;
		const char *k = keytab_key(&fl->renames, v[i], &len);

		lf = strlen(k);
		json_set_bytes(o, "from", k, lf);
		json_set_bytes(o, "to", k + lf + 1, len - lf - 1);
		json_set_double(o, "first_ms", ms_since(base_ns, r->first_ns), 3);
		json_set_uint(o, "calls", r->calls);
		json_object_array_add(a, o);
	}
	free(v);
	return a;
}

/* The opens not traced, and so the classes that may miss files. */
static void add_blind_spots(struct json_object *o, const struct traceset *traced)
{
	struct json_object *untraced = json_object_new_array();
	struct json_object *incomplete = json_object_new_array();
	const char *const *n;

	for (n = open_calls; *n; n++)
		if (!traceset_has_name(traced, *n))
			json_object_array_add(untraced, json_object_new_string(*n));
	if (json_object_array_length(untraced)) {
		json_object_array_add(incomplete, json_object_new_string("read"));
		json_object_array_add(incomplete, json_object_new_string("created"));
		json_object_array_add(incomplete, json_object_new_string("modified"));
	}
	json_set(o, "untraced", untraced);
	json_set(o, "incomplete", incomplete);
}

struct json_object *files_json(const struct files_log *fl, uint64_t base_ns,
			       const struct traceset *traced)
{
	struct json_object *o = json_object_new_object();
	struct json_object *counts = json_object_new_object();
	struct json_object *lists[FC_COUNT], *renamed, *limits;
	unsigned c, n;

	json_set(o, "counts", counts);
	for (c = 0; c < FC_COUNT; c++) {
		lists[c] = class_json(fl, c, base_ns, &n);
		json_set_uint(counts, class_names[c], n);
	}
	renamed = renames_json(fl, base_ns, &n);
	json_set_uint(counts, "renamed", n);
	for (c = 0; c < FC_COUNT; c++)
		json_set(o, class_names[c], lists[c]);
	json_set(o, "renamed", renamed);
	/* Calls whose path, or rename, found the table full. */
	json_set_uint(o, "dropped", fl->paths.dropped + fl->renames.dropped);
	limits = json_object_new_object();
	json_set_uint(limits, "paths", fl->paths.max);
	json_set_uint(limits, "renames", fl->renames.max);
	json_set(o, "limits", limits);
	add_blind_spots(o, traced);
	return o;
}
