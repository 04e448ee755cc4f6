/* errors.h - execution_errors: what went wrong outside the program */
#ifndef GOBOX_ERRORS_H
#define GOBOX_ERRORS_H

struct exec_error {
	char *code;		/* machine-readable: "exec_failed", ... */
	char *message;		/* one lowercase line */
	char *path;		/* the file concerned, or NULL */
	int err;		/* errno, or 0 */
};

struct error_list {
	struct exec_error *v;
	unsigned n;
};

/* Add an error; path may be NULL, err 0. */
void errors_add(struct error_list *l, const char *code, const char *path,
		int err, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

void errors_free(struct error_list *l);

#endif
