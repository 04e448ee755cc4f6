/* proc.c - what the report knows of each process and thread of the run */
#include "proc.h"

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "util.h"

struct proc *proc_new(struct proc_list *list, pid_t pid, pid_t ppid,
		      uint64_t now_ns)
{
	struct proc *p = xcalloc(1, sizeof(*p));

	p->pid = pid;
	p->ppid = ppid;
	p->start_ns = now_ns;
	p->created_by = "unknown";
	if (list->last)
		list->last->next = p;
	else
		list->first = p;
	list->last = p;
	list->count++;
	return p;
}

void proc_link_child(struct proc *parent, struct proc *child)
{
	if (child->parent || parent == child)
		return;
	child->parent = parent;
	if (parent->last_child)
		parent->last_child->next_sibling = child;
	else
		parent->first_child = child;
	parent->last_child = child;
}

struct thread_rec *proc_thread_start(struct proc_list *list, struct proc *p,
				     pid_t tid, pid_t creator_tid,
				     uint64_t now_ns)
{
	struct thread_rec *t;

	if (p->nthreads == p->threads_cap) {
		p->threads_cap = p->threads_cap ? p->threads_cap * 2 : 4;
		p->threads = xrealloc(p->threads,
				      p->threads_cap * sizeof(*p->threads));
	}
	t = &p->threads[p->nthreads++];
	memset(t, 0, sizeof(*t));
	t->tid = tid;
	t->creator_tid = creator_tid;
	t->start_ns = now_ns;
	if (++p->threads_alive > p->threads_peak)
		p->threads_peak = p->threads_alive;
	list->threads_total++;
	if (++list->threads_alive > list->threads_peak)
		list->threads_peak = list->threads_alive;
	return t;
}

struct thread_rec *proc_thread_find(struct proc *p, pid_t tid)
{
	unsigned i = p->nthreads;

	/* Newest first: a tid can be reused after its thread ended. */
	while (i-- > 0)
		if (p->threads[i].tid == tid && !p->threads[i].end_ns)
			return &p->threads[i];
	return NULL;
}

struct thread_rec *proc_thread_last(struct proc *p, pid_t tid)
{
	unsigned i = p->nthreads;

	while (i-- > 0)
		if (p->threads[i].tid == tid)
			return &p->threads[i];
	return NULL;
}

void proc_thread_end(struct proc_list *list, struct proc *p, pid_t tid,
		     uint64_t now_ns)
{
	struct thread_rec *t = proc_thread_find(p, tid);

	if (!t)
		return;
	t->end_ns = now_ns ? now_ns : 1;
	p->threads_alive--;
	list->threads_alive--;
	if (p->threads_alive == 0) {
		p->ended = true;
		p->end_ns = now_ns;
	}
}

static void image_free(struct image *im)
{
	unsigned i;

	for (i = 0; i < im->argc; i++)
		free(im->argv[i]);
	free(im->argv);
	free(im->lens);
	free(im->exe);
	memset(im, 0, sizeof(*im));
}

static void image_set(struct image *im, const char *exe,
		      const char *const *argv, const size_t *lens,
		      unsigned argc, bool truncated)
{
	unsigned i;

	image_free(im);
	im->exe = exe ? xstrdup(exe) : NULL;
	im->argv = xcalloc(argc + 1, sizeof(*im->argv));
	im->lens = xcalloc(argc + 1, sizeof(*im->lens));
	for (i = 0; i < argc; i++) {
		im->lens[i] = lens ? lens[i] : strlen(argv[i]);
		im->argv[i] = xstrndup(argv[i], im->lens[i]);
	}
	im->argc = argc;
	im->truncated = truncated;
}

void proc_set_image(struct proc *p, const char *exe, const char *const *argv,
		    const size_t *lens, unsigned argc, bool truncated)
{
	image_set(&p->image, exe, argv, lens, argc, truncated);
}

void proc_exec(struct proc *p, uint64_t now_ns, const char *exe,
	       const char *const *argv, const size_t *lens, unsigned argc,
	       bool truncated)
{
	image_set(&p->image, exe, argv, lens, argc, truncated);
	p->image.time_ns = now_ns;
	p->exec_count++;
	if (p->nexecs == PROC_MAX_EXECS)
		return;
	p->execs = xrealloc(p->execs, (p->nexecs + 1) * sizeof(*p->execs));
	memset(&p->execs[p->nexecs], 0, sizeof(*p->execs));
	image_set(&p->execs[p->nexecs], exe, argv, lens, argc, truncated);
	p->execs[p->nexecs++].time_ns = now_ns;
}

void proc_set_status(struct proc *p, int status)
{
	p->exit_known = true;
	if (WIFEXITED(status)) {
		p->exit_code = WEXITSTATUS(status);
		p->term_signal = 0;
	} else if (WIFSIGNALED(status)) {
		p->term_signal = WTERMSIG(status);
		p->core_dumped = WCOREDUMP(status);
	}
}

void proc_list_free(struct proc_list *list)
{
	struct proc *p = list->first, *next;

	for (; p; p = next) {
		next = p->next;
		image_free(&p->image);
		while (p->nexecs)
			image_free(&p->execs[--p->nexecs]);
		free(p->execs);
		free(p->threads);
		tally_free(&p->tallies);
		free(p);
	}
	memset(list, 0, sizeof(*list));
}
