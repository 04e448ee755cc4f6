/* tracer_placement.c - the tracer's side of placement.h: which threads it
 * moves, what it measures, and what the program is told of its CPUs */
#include "tracer_placement.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>

#include "cpu_time.h"
#include "thread.h"
#include "util.h"

static void sole_of(pid_t tid, void *value, void *arg)
{
	(void)value;
	*(pid_t *)arg = tid;
}

static void moved_from_outside(struct tracer *t);

void tracer_placement_changed(struct tracer *t, pid_t born)
{
	pid_t sole = 0;

	if (!t->place.on)
		return;
	if (t->threads.count == 1)
		pidmap_each(&t->threads, sole_of, &sole);
	placement_update(&t->place, t->threads.count, sole, born,
			 now_mono_ns());
	if (t->place.moved && t->place.on)
		moved_from_outside(t);
}

struct window_sum {
	double span;		/* the window's length (ns), 0 at a first look */
	uint64_t run, delay;
	unsigned read;
	bool computing;
};

/* A thread's CPU time and run delay since the last window (one born in
 * it counts from its start; one that ended in it is not counted), and
 * whether it computed: a good part of the window on the CPU, with less
 * than one traced call a millisecond of it. */
static void add_thread(pid_t tid, void *value, void *arg)
{
	struct thread *th = value;
	struct window_sum *w = arg;
	uint64_t calls = th->calls - th->calls_seen, run, delay, ran;

	th->calls_seen = th->calls;
	if (!cpu_time_schedstat(tid, &run, &delay))
		return;
	w->read++;
	ran = run > th->runtime_seen ? run - th->runtime_seen : 0;
	if (delay > th->run_delay_seen)
		w->delay += delay - th->run_delay_seen;
	th->runtime_seen = run;
	th->run_delay_seen = delay;
	w->run += ran;
	if (w->span > 0 && (double)ran >= PLACEMENT_COMPUTING * w->span &&
	    calls * 1000000ull < ran)
		w->computing = true;
}

static void measure(struct tracer *t, uint64_t now,
		    struct placement_sample *s)
{
	uint64_t self = cpu_time_self();
	struct window_sum w = { 0 };

	memset(s, 0, sizeof(*s));
	if (t->place.window_start && now > t->place.window_start)
		w.span = (double)(now - t->place.window_start);
	s->threads = t->threads.count;
	s->too_many = t->threads.count > PLACEMENT_THREADS_MAX;
	if (!s->too_many)
		pidmap_each(&t->threads, add_thread, &w);
	s->program_cpu_ns = w.run;
	s->waiting_ns = w.delay;
	s->computing = w.computing;
	s->known = w.read > 0;
	if (self > t->place_tracer_cpu)
		s->tracer_cpu_ns = self - t->place_tracer_cpu;
	t->place_tracer_cpu = self;
}

/* Is every thread where placement left it? */
static void check_placed(pid_t tid, void *value, void *arg)
{
	struct tracer *t = arg;

	(void)value;
	if (!placement_placed(&t->place, tid, t->place.pinned))
		t->place.moved = true;
}

static void pin_one(pid_t tid, void *value, void *arg)
{
	(void)value;
	placement_pin(arg, tid);
}

/* Back to the program's CPUs, unless someone else has moved it since. */
static void release_one(pid_t tid, void *value, void *arg)
{
	struct tracer *t = arg;

	(void)value;
	if (placement_placed(&t->place, tid, true))
		placement_release(&t->place, tid);
	else
		t->place.moved = true;
}

void tracer_placement_spread(struct tracer *t)
{
	if (!t->place.pinned)
		return;
	pidmap_each(&t->threads, release_one, t);
	placement_unpinned(&t->place);
}

/* Threads moved from outside (taskset -p...): placement leaves the
 * program's CPUs alone from now on. */
static void moved_from_outside(struct tracer *t)
{
	tracer_placement_spread(t);
	placement_give_up(&t->place);
}

void tracer_placement_window(struct tracer *t, uint64_t now)
{
	struct placement_sample s;

	measure(t, now, &s);
	switch (placement_window(&t->place, now, &s)) {
	case PLACEMENT_SHARE:
		/* Moved from outside: given up below, nothing pinned. */
		pidmap_each(&t->threads, check_placed, t);
		if (t->place.moved)
			break;
		pidmap_each(&t->threads, pin_one, &t->place);
		placement_shared(&t->place);
		break;
	case PLACEMENT_SPREAD:
		tracer_placement_spread(t);
		break;
	case PLACEMENT_STAY:
		break;
	}
	if (t->place.moved && t->place.on)
		moved_from_outside(t);
}

/* Threads not seen yet (made by a clone or fork whose event has not come)
 * may have been made while the CPU was shared: every task of the known
 * processes, and every child of the known threads, that is not known
 * gets the program's CPUs. The program's own sched_setaffinity has not
 * run yet: none of them has an affinity of the program's making. */
static void release_unseen(struct tracer *t, pid_t tid)
{
	if (tid > 0 && !pidmap_get(&t->threads, tid))
		placement_release(&t->place, tid);
}

static void release_unseen_of_proc(pid_t pid, void *value, void *arg)
{
	char path[48];
	struct dirent *e;
	DIR *d;

	(void)value;
	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	if (!(d = opendir(path)))
		return;
	while ((e = readdir(d)))
		release_unseen(arg, (pid_t)strtol(e->d_name, NULL, 10));
	closedir(d);
}

static void release_unseen_of_thread(pid_t tid, void *value, void *arg)
{
	char path[64], buf[4096], *p, *end;

	(void)value;
	snprintf(path, sizeof(path), "/proc/%d/task/%d/children", (int)tid,
		 (int)tid);
	if (read_small_file(path, buf, sizeof(buf)) < 0)
		return;
	for (p = buf; ; p = end) {
		long pid = strtol(p, &end, 10);

		if (end == p)
			break;
		release_unseen(arg, (pid_t)pid);
	}
}

/* Is thread tid in another PID namespace than the tracer? Then the pids
 * it names are of its namespace: those of its own processes, which are
 * the program's. */
static bool in_other_pid_ns(pid_t tid)
{
	char path[48];
	struct stat mine, its;

	snprintf(path, sizeof(path), "/proc/%d/ns/pid", (int)tid);
	if (stat("/proc/self/ns/pid", &mine) < 0 || stat(path, &its) < 0)
		return false;
	return mine.st_ino != its.st_ino || mine.st_dev != its.st_dev;
}

/* Is pid a process of the program that has ended, not yet waited for (a
 * zombie keeps the CPUs it had)? Its parent says: one of the program's. */
static bool ended_child_of_program(struct tracer *t, pid_t pid)
{
	long long ppid;

	return proc_stat_field(pid, 4, &ppid) &&
	       pidmap_get(&t->procs, (pid_t)ppid) != NULL;
}

/* The program sets an affinity: placement stops. It asks for one of its
 * threads': while placement goes on, their CPUs are the program's, pinned
 * or not (one may be pinned or let go while the call runs), and that is
 * the answer it gets. */
void tracer_placement_entry(struct tracer *t, struct event *ev)
{
	pid_t asked = (pid_t)ev->args[0];

	if (!t->place.on || !ev->desc)
		return;
	if (!strcmp(ev->name, "sched_setaffinity")) {
		tracer_placement_spread(t);
		if (t->place.pins) {
			pidmap_each(&t->procs, release_unseen_of_proc, t);
			pidmap_each(&t->threads, release_unseen_of_thread, t);
		}
		placement_give_up(&t->place);
		return;
	}
	if (strcmp(ev->name, "sched_getaffinity"))
		return;
	/* Its parent is the tracer, pinned with it at times. Only the
	 * shared CPU is hidden (tracer_placement_exit). */
	if (asked == t->ops_ctx.tracer && asked)
		ev->hide_pin = HIDE_PIN_TRACER;
	else if (asked == 0 || pidmap_get(&t->threads, asked) ||
		 (asked > 0 && (in_other_pid_ns(ev->tid) ||
				ended_child_of_program(t, asked))))
		ev->hide_pin = HIDE_PIN_PROGRAM;
}

/* sched_getaffinity, asked while placement went on, returned the shared
 * CPU: write the CPUs the program (or the tracer) had over it, as many
 * bytes as the kernel wrote. Any other answer is the truth, and stands
 * (the CPUs had been given back, or someone set them). */
void tracer_placement_exit(struct tracer *t, struct thread *th,
			   const struct event *ev, int64_t rval)
{
	struct iovec local, remote;
	cpu_set_t answer;

	if (!ev->hide_pin || rval <= 0 || (size_t)rval > sizeof(answer))
		return;
	local.iov_base = &answer;
	local.iov_len = (size_t)rval;
	remote.iov_base = (void *)(uintptr_t)ev->args[2];
	remote.iov_len = (size_t)rval;
	if (process_vm_readv(th->tid, &local, 1, &remote, 1, 0) != rval ||
	    !placement_is_pin(&t->place, &answer, (size_t)rval))
		return;
	local.iov_base = ev->hide_pin == HIDE_PIN_TRACER ? &t->place.tracer_cpus
							  : &t->place.program_cpus;
	(void)process_vm_writev(th->tid, &local, 1, &remote, 1, 0);
}
