/* errors.c - execution_errors: what went wrong outside the program */
#include "errors.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "util.h"

void errors_add(struct error_list *l, const char *code, const char *path,
		int err, const char *fmt, ...)
{
	struct exec_error *e;
	va_list ap;

	l->v = xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	e = &l->v[l->n++];
	e->code = xstrdup(code);
	e->path = path ? xstrdup(path) : NULL;
	e->err = err;
	va_start(ap, fmt);
	if (vasprintf(&e->message, fmt, ap) < 0)
		e->message = xstrdup(code);
	va_end(ap);
}

void errors_free(struct error_list *l)
{
	unsigned i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].code);
		free(l->v[i].message);
		free(l->v[i].path);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}
