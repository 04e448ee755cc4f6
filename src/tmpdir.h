/* tmpdir.h - the run's private temporary directory */
#ifndef GOBOX_TMPDIR_H
#define GOBOX_TMPDIR_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

struct json_object;

/* Entries listed in the report; the size counts them all. */
#define TMPDIR_MAX_LIST 1000

struct run_tmpdir {
	char path[PATH_MAX];		/* empty when none was made */
	uint64_t size;			/* bytes, as du -sb counts them */
	unsigned entries;		/* below path, all of them */
	struct json_object *listing;	/* [{path, type, size}], first ones */
};

/*
 * Make a new directory, mode 0700, in parent (the user's TMPDIR, or /tmp)
 * for the program to use as its TMPDIR. Returns 0 or -errno.
 */
int tmpdir_make(struct run_tmpdir *d, const char *parent);

/* After the run: list it, add its size up, and remove it unless keep.
 * Returns 0 or -errno (of the removal). */
int tmpdir_finish(struct run_tmpdir *d, bool keep);

/* The report's view: {path, kept, size_bytes, entries, listing...}. */
struct json_object *tmpdir_json(const struct run_tmpdir *d, bool kept);

void tmpdir_free(struct run_tmpdir *d);

#endif
