/* thread.c - the tracer's live state of each traced thread */
#include "thread.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enforce.h"
#include "fdkind.h"
#include "stack.h"
#include "tracer_placement.h"
#include "util.h"

struct thread *thread_get(struct tracer *t, pid_t tid)
{
	return pidmap_get(&t->threads, tid);
}

/* Tgid and PPid of a task from /proc; both tid when it is gone. */
static void task_ids(pid_t tid, pid_t *tgid, pid_t *ppid)
{
	char path[64], buf[2048], *p;

	*tgid = tid;
	*ppid = 0;
	snprintf(path, sizeof(path), "/proc/%d/status", (int)tid);
	if (read_small_file(path, buf, sizeof(buf)) < 0)
		return;
	p = strstr(buf, "\nTgid:");
	if (p)
		*tgid = (pid_t)strtol(p + 6, NULL, 10);
	p = strstr(buf, "\nPPid:");
	if (p)
		*ppid = (pid_t)strtol(p + 6, NULL, 10);
}

struct thread *thread_discover(struct tracer *t, pid_t tid)
{
	struct thread *th = xcalloc(1, sizeof(*th));
	uint64_t now = now_mono_ns();
	pid_t tgid, ppid;
	struct proc *p;

	task_ids(tid, &tgid, &ppid);
	p = pidmap_get(&t->procs, tgid);
	if (!p) {
		p = proc_new(&t->audit->procs, tgid, ppid, now);
		pidmap_put(&t->procs, tgid, p);
	}
	th->tid = tid;
	th->proc = p;
	th->slot = -1;
	th->mm = mm_ref(thread_mm_of(t, tgid));
	proc_thread_start(&t->audit->procs, p, tid, 0, now);
	pidmap_put(&t->threads, tid, th);
	tracer_placement_changed(t, tid);
	return th;
}

struct mm *thread_mm_of(struct tracer *t, pid_t tgid)
{
	struct mm *m = pidmap_get(&t->mms, tgid);

	if (!m) {
		m = mm_new(tgid);
		pidmap_put(&t->mms, tgid, m);
	}
	return m;
}

struct retarget {
	pid_t pid;
	struct mm *m;
};

/* Threads of process r->pid move to r->m (a vfork parent sharing the old
 * one keeps it). */
static void retarget(pid_t tid, void *value, void *arg)
{
	struct thread *th = value;
	struct retarget *r = arg;

	(void)tid;
	if (th->proc->pid == r->pid && th->mm != r->m) {
		mm_unref(th->mm);
		th->mm = mm_ref(r->m);
	}
}

void thread_set_mm(struct tracer *t, pid_t pid, struct mm *m)
{
	struct mm *old = pidmap_get(&t->mms, pid);
	struct retarget r = { pid, m };

	pidmap_put(&t->mms, pid, mm_ref(m));
	pidmap_each(&t->threads, retarget, &r);
	mm_unref(old);
}

void thread_release_slot(struct tracer *t, struct thread *th)
{
	(void)t;
	if (th->slot < 0)
		return;
	scratch_give(th->mm, th->slot_abi, th->slot);
	th->slot = -1;
}

void thread_forget(struct tracer *t, struct thread *th, uint64_t now_ns)
{
	struct proc *p = th->proc;

	if (th->exiting && p->threads_exiting)
		p->threads_exiting--;
	proc_thread_end(&t->audit->procs, p, th->tid, now_ns);
	if (pidmap_get(&t->threads, th->tid) == th)
		pidmap_del(&t->threads, th->tid);
	if (!th->linked)
		pidmap_put(&t->unlinked, th->tid, p);
	if (p->ended && pidmap_get(&t->procs, p->pid) == p) {
		pidmap_del(&t->procs, p->pid);
		mm_unref(pidmap_del(&t->mms, p->pid));
		stack_forget(p->pid);
	}
	enforce_forget_waiting(t, th);
	call_done(t, th);
	fdkind_forget(th->tid);
	mm_unref(th->mm);
	free(th);
	tracer_placement_changed(t, 0);
	enforce_wake(t);
}

void thread_rename(struct tracer *t, struct thread *th, pid_t new_tid)
{
	struct thread_rec *rec = proc_thread_find(th->proc, th->tid);

	if (pidmap_get(&t->threads, th->tid) == th)
		pidmap_del(&t->threads, th->tid);
	if (rec) {
		rec->former_tid = th->tid;
		rec->tid = new_tid;
	}
	th->tid = new_tid;
	pidmap_put(&t->threads, new_tid, th);
	/* The only thread left may have been pinned by its old id. */
	tracer_placement_changed(t, 0);
}
