/* tmpdir.c - the run's private temporary directory
 *
 * The program gets a directory of its own as TMPDIR: what it leaves there
 * is listed in the report, and its size is added up the way du -sb does
 * (apparent sizes, every entry and the directory itself, a file with
 * several links once).
 */
#define _XOPEN_SOURCE 700
#include "tmpdir.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <json-c/json.h>

#include "jsonutil.h"
#include "pidmap.h"

int tmpdir_make(struct run_tmpdir *d, const char *parent)
{
	memset(d, 0, sizeof(*d));
	if ((size_t)snprintf(d->path, sizeof(d->path), "%s/gobox-run.XXXXXX",
			     parent) >= sizeof(d->path)) {
		d->path[0] = '\0';
		return -ENAMETOOLONG;
	}
	if (!mkdtemp(d->path)) {
		d->path[0] = '\0';
		return -errno;
	}
	return 0;
}

/* nftw gives no argument to its callback: one walk at a time. */
static struct walk_state {
	struct run_tmpdir *d;
	size_t root_len;
	struct pidmap seen;	/* inodes of files with several links */
} walk;

static const char *type_name(int flag, const struct stat *st)
{
	if (flag == FTW_D || flag == FTW_DP || flag == FTW_DNR)
		return "dir";
	if (flag == FTW_SL || flag == FTW_SLN)
		return "symlink";
	return S_ISREG(st->st_mode) ? "file" : "other";
}

static int visit(const char *path, const struct stat *st, int flag,
		 struct FTW *ftw)
{
	struct run_tmpdir *d = walk.d;
	struct json_object *e;

	(void)ftw;
	if (flag == FTW_NS)
		return 0;
	/* du counts a file with several links once (inodes fit a pid_t
	 * key well enough here: a collision only undercounts). */
	if (!S_ISDIR(st->st_mode) && st->st_nlink > 1) {
		pid_t key = (pid_t)(st->st_ino & 0x7fffffff) ?: 1;

		if (!pidmap_get(&walk.seen, key))
			d->size += (uint64_t)st->st_size;
		pidmap_put(&walk.seen, key, (void *)1);
	} else {
		d->size += (uint64_t)st->st_size;
	}
	if (strlen(path) <= walk.root_len)
		return 0;	/* the directory itself */
	d->entries++;
	if (d->entries > TMPDIR_MAX_LIST)
		return 0;
	e = json_object_new_object();
	json_set_bytes(e, "path", path + walk.root_len + 1,
		       strlen(path + walk.root_len + 1));
	json_set_str(e, "type", type_name(flag, st));
	json_set_uint(e, "size", (uint64_t)st->st_size);
	json_object_array_add(d->listing, e);
	return 0;
}

/* Before each directory is entered: open to us. */
static int open_up(const char *path, const struct stat *st, int flag,
		   struct FTW *ftw)
{
	(void)ftw;
	if (flag == FTW_D && (st->st_mode & 0700) != 0700)
		chmod(path, (st->st_mode & 07777) | 0700);
	return 0;
}

static int remove_one(const char *path, const struct stat *st, int flag,
		      struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP || flag == FTW_D || flag == FTW_DNR)
		return rmdir(path) < 0 ? -1 : 0;
	return unlink(path) < 0 ? -1 : 0;
}

int tmpdir_finish(struct run_tmpdir *d, bool keep)
{
	if (!d->path[0])
		return 0;
	d->listing = json_object_new_array();
	memset(&walk, 0, sizeof(walk));
	walk.d = d;
	walk.root_len = strlen(d->path);
	nftw(d->path, visit, 32, FTW_PHYS);
	pidmap_free(&walk.seen);
	if (keep)
		return 0;
	/* The program may have left a directory it cannot be written in:
	 * we are its owner, so make it ours again first. */
	nftw(d->path, open_up, 32, FTW_PHYS);
	if (nftw(d->path, remove_one, 32, FTW_PHYS | FTW_DEPTH) < 0)
		return -errno;
	return 0;
}

struct json_object *tmpdir_json(const struct run_tmpdir *d, bool kept)
{
	struct json_object *o = json_object_new_object();

	if (!d->path[0]) {
		json_object_put(o);
		return NULL;
	}
	json_set_bytes(o, "path", d->path, strlen(d->path));
	json_set_bool(o, "kept", kept);
	json_set_uint(o, "size_bytes", d->size);
	json_set_uint(o, "entries", d->entries);
	json_set_bool(o, "listing_truncated", d->entries > TMPDIR_MAX_LIST);
	json_set(o, "listing", d->listing ? json_object_get(d->listing)
					  : json_object_new_array());
	return o;
}

void tmpdir_free(struct run_tmpdir *d)
{
	if (d->listing)
		json_object_put(d->listing);
	d->listing = NULL;
}
