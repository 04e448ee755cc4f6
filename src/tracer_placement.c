/* tracer_placement.c - the tracer's side of placement.h: which threads it
 * moves, what it measures, and what the program is told of its CPUs */
#include "tracer_placement.h"

#include <string.h>
#include <sys/uio.h>

#include "cpu_time.h"
#include "thread.h"
#include "util.h"

/* Beyond this many threads the run delays are not read at each window
 * (one file each): a full CPU stands for them. */
#define DELAYS_READ_MAX 64

static void sole_of(pid_t tid, void *value, void *arg)
{
	(void)value;
	*(pid_t *)arg = tid;
}

void tracer_placement_changed(struct tracer *t, pid_t born)
{
	pid_t sole = 0;

	if (!t->place.on)
		return;
	if (t->threads.count == 1)
		pidmap_each(&t->threads, sole_of, &sole);
	placement_update(&t->place, t->threads.count, sole, born,
			 now_mono_ns());
}

/* Each process's CPU time since the last window: a process born in this
 * one counts from its start; one that ended in it is not counted. */
static void add_process_cpu(pid_t pid, void *value, void *arg)
{
	struct proc *p = value;
	uint64_t now = cpu_time_process(pid);

	if (now > p->cpu_seen_ns) {
		*(uint64_t *)arg += now - p->cpu_seen_ns;
		p->cpu_seen_ns = now;
	}
}

struct delays {
	uint64_t sum;
	bool known;
};

static void add_run_delay(pid_t tid, void *value, void *arg)
{
	struct thread *th = value;
	struct delays *d = arg;
	uint64_t now;

	if (!cpu_time_run_delay(tid, &now)) {
		d->known = false;
		return;
	}
	if (now > th->run_delay_seen)
		d->sum += now - th->run_delay_seen;
	th->run_delay_seen = now;
}

static void measure(struct tracer *t, struct placement_sample *s)
{
	uint64_t self = cpu_time_self();
	struct delays d = { 0, t->threads.count <= DELAYS_READ_MAX };

	memset(s, 0, sizeof(*s));
	pidmap_each(&t->procs, add_process_cpu, &s->program_cpu_ns);
	if (d.known)
		pidmap_each(&t->threads, add_run_delay, &d);
	s->waiting_ns = d.sum;
	s->waiting_known = d.known;
	if (self > t->place_tracer_cpu)
		s->tracer_cpu_ns = self - t->place_tracer_cpu;
	t->place_tracer_cpu = self;
}

static void pin_one(pid_t tid, void *value, void *arg)
{
	(void)value;
	placement_pin(arg, tid);
}

static void release_one(pid_t tid, void *value, void *arg)
{
	(void)value;
	placement_release(arg, tid);
}

void tracer_placement_spread(struct tracer *t)
{
	if (!t->place.pinned)
		return;
	pidmap_each(&t->threads, release_one, &t->place);
	placement_unpinned(&t->place);
}

void tracer_placement_window(struct tracer *t, uint64_t now)
{
	struct placement_sample s;

	measure(t, &s);
	switch (placement_window(&t->place, now, &s)) {
	case PLACEMENT_SHARE:
		pidmap_each(&t->threads, pin_one, &t->place);
		placement_shared(&t->place);
		break;
	case PLACEMENT_SPREAD:
		tracer_placement_spread(t);
		break;
	case PLACEMENT_STAY:
		break;
	}
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
		placement_give_up(&t->place);
	}
	else if (!strcmp(ev->name, "sched_getaffinity") &&
		 (asked == 0 || pidmap_get(&t->threads, asked)))
		ev->hide_pin = HIDE_PIN_PROGRAM;
	/* Its parent is the tracer, pinned with it at times. */
	else if (!strcmp(ev->name, "sched_getaffinity") &&
		 asked == t->ops_ctx.tracer)
		ev->hide_pin = HIDE_PIN_TRACER;
}

/* sched_getaffinity returned the pin: write the program's CPUs over it,
 * as many bytes as the kernel wrote. */
void tracer_placement_exit(struct tracer *t, struct thread *th,
			   const struct event *ev, int64_t rval)
{
	struct iovec local, remote;

	if (!ev->hide_pin || !t->place.on || rval <= 0 ||
	    (size_t)rval > sizeof(t->place.program_cpus))
		return;
	local.iov_base = ev->hide_pin == HIDE_PIN_TRACER ? &t->place.tracer_cpus
							  : &t->place.program_cpus;
	local.iov_len = (size_t)rval;
	remote.iov_base = (void *)(uintptr_t)ev->args[2];
	remote.iov_len = (size_t)rval;
	(void)process_vm_writev(th->tid, &local, 1, &remote, 1, 0);
}
