/* outfile.h - where reports go: opened before the run, committed after */
#ifndef GOBOX_OUTFILE_H
#define GOBOX_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * An output file. A regular file (or a new one, or a symlink to one) is
 * written to a hidden temporary file in its directory and renamed over it
 * on commit, so that a reader never sees half of it. Anything else (a
 * terminal, a pipe, /dev/stdout, "-" for standard output) is written in
 * place. Everything is opened before the program starts, so the program
 * cannot redirect it later by changing a path.
 */
struct outfile {
	char *path;		/* as the user gave it */
	int fd;			/* where the bytes go */
	int dirfd;		/* atomic: the directory of the target */
	bool unnamed;		/* atomic: fd is an O_TMPFILE, not linked yet */
	char *tmp_name;		/* atomic: the temporary file in dirfd */
	char *final_name;	/* atomic: the name to rename it to */
};

/* Open path for writing. Returns 0, or -errno with a message in err. */
int outfile_open(struct outfile *o, const char *path, char *err,
		 size_t errlen);

/* Before writing: empty our temporary file, in case something wrote to
 * it meanwhile (the program can reach it through /proc/PID/fd as root).
 * Returns 0 or -errno. */
int outfile_rewind(struct outfile *o);

/* Flush and put the file in place. Returns 0, or -errno with a message
 * in err. The outfile is closed either way. */
int outfile_commit(struct outfile *o, char *err, size_t errlen);

/* Close and remove what was written (nothing replaces the target). */
void outfile_abort(struct outfile *o);

#endif
