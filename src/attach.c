/* attach.c - watching processes that already run (-p PID)
 *
 * A running process cannot be given a seccomp filter: every one of its
 * calls makes two syscall stops, and the tracer keeps those it traces.
 * Its threads are seized one by one from /proc/PID/task, again until no
 * new one appears (a thread may be born while we list them). Releasing
 * them interrupts each and detaches it at the stop that follows, handing
 * back a signal it was about to take; the process runs on unharmed.
 */
#include "attach.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "metrics.h"
#include "proc.h"
#include "proc_image.h"
#include "thread.h"
#include "tracer_int.h"
#include "util.h"

#define ATTACH_OPTIONS                                                      \
	(PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACECLONE | PTRACE_O_TRACEFORK |    \
	 PTRACE_O_TRACEVFORK | PTRACE_O_TRACEEXEC | PTRACE_O_TRACEEXIT)

/* When process pid started, on the wall clock (ns), or 0: its start in
 * clock ticks after boot (/proc/PID/stat), and the boot's time. */
static uint64_t began_at(pid_t pid)
{
	char buf[4096], *p;
	unsigned long long btime = 0;
	long long ticks = 0;
	long hz = sysconf(_SC_CLK_TCK);

	if (!proc_stat_field(pid, 22, &ticks) || ticks < 0 || hz <= 0 ||
	    read_small_file("/proc/stat", buf, sizeof(buf)) < 0 ||
	    !(p = strstr(buf, "\nbtime ")) || sscanf(p + 7, "%llu", &btime) != 1)
		return 0;
	return (btime * 1000000000ull) +
	       (unsigned long long)ticks * (1000000000ull / (unsigned long long)hz);
}

/* From /proc/PID/status: the state letter of pid ('R', 'S', 'Z'...) and
 * the pid of its tracer (0: none). Returns 0, or -ESRCH. */
static int status_of(pid_t pid, char *state, long *tracer)
{
	char path[64], buf[2048], *p;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	if (read_small_file(path, buf, sizeof(buf)) < 0)
		return -ESRCH;
	p = strstr(buf, "\nState:");
	*state = p ? p[strspn(p + 7, " \t") + 7] : 0;
	p = strstr(buf, "\nTracerPid:");
	*tracer = p ? strtol(p + 11, NULL, 10) : 0;
	return 0;
}

/* Why ptrace refused: what a user can do about it. */
static void explain(pid_t pid, int err, char *msg, size_t len)
{
	char buf[16] = "";
	long scope = 0;

	if (read_small_file("/proc/sys/kernel/yama/ptrace_scope", buf,
			    sizeof(buf)) > 0)
		scope = strtol(buf, NULL, 10);
	if (err == EPERM && scope >= 1 && geteuid() != 0)
		snprintf(msg, len, "cannot attach to %d: not permitted "
			 "(kernel.yama.ptrace_scope is %ld: only root, or a "
			 "parent of the process, may trace it)", (int)pid, scope);
	else if (err == EPERM)
		snprintf(msg, len, "cannot attach to %d: not permitted (it "
			 "belongs to another user, or is not dumpable)", (int)pid);
	else
		snprintf(msg, len, "cannot attach to %d: %s", (int)pid,
			 strerror(err));
}

/* The command line and executable of a process found running. */
static void read_image(pid_t pid, struct proc *p)
{
	struct proc_image im;

	proc_image_read(pid, &im);
	proc_set_image(p, im.exe[0] ? im.exe : NULL, im.argv, im.lens, im.argc,
		       im.truncated);
}

/* Seize the threads of pid not seized yet; returns how many were new,
 * or -errno. */
static int seize_new_threads(struct tracer *t, pid_t pid)
{
	char path[64];
	struct dirent *d;
	DIR *dir;
	int added = 0;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	if (!(dir = opendir(path)))
		return -ESRCH;
	while ((d = readdir(dir))) {
		pid_t tid = (pid_t)strtol(d->d_name, NULL, 10);
		struct thread *th;

		if (tid <= 0 || thread_get(t, tid))
			continue;
		if (ptrace(PTRACE_SEIZE, tid, 0, ATTACH_OPTIONS) < 0) {
			if (errno == ESRCH)
				continue;	/* ended meanwhile */
			closedir(dir);
			return -errno;
		}
		ptrace(PTRACE_INTERRUPT, tid, 0, 0);
		th = thread_discover(t, tid);
		th->linked = true;
		added++;
	}
	closedir(dir);
	return added;
}

int attach_process(struct tracer *t, pid_t pid, char *err, size_t errlen)
{
	char state;
	long by;
	struct thread *th;
	int rc;

	/* Given twice, or a thread of a process already watched. */
	if (thread_get(t, pid))
		return 0;
	if (pid == getpid()) {
		snprintf(err, errlen, "cannot attach to %d: it is gobox-strace "
			 "itself", (int)pid);
		return -EINVAL;
	}
	if (status_of(pid, &state, &by) < 0) {
		snprintf(err, errlen, "cannot attach to %d: no such process",
			 (int)pid);
		return -ESRCH;
	}
	if (state == 'Z') {
		snprintf(err, errlen, "cannot attach to %d: it is a zombie (it "
			 "ended; its parent has not waited for it)", (int)pid);
		return -ESRCH;
	}
	if (by > 0) {
		snprintf(err, errlen, "cannot attach to %d: it is already traced "
			 "by process %ld", (int)pid, by);
		return -EBUSY;
	}
	while ((rc = seize_new_threads(t, pid)) > 0)
		;
	if (rc < 0) {
		explain(pid, -rc, err, errlen);
		attach_release_all(t);
		return rc;
	}
	th = thread_get(t, pid);
	if (!th) {
		snprintf(err, errlen, "cannot attach to %d: it is a thread, not "
			 "a process (its process is in /proc/%d/status, Tgid)",
			 (int)pid, (int)pid);
		return -EINVAL;
	}
	th->proc->created_by = "attach";
	th->proc->began_real_ns = began_at(pid);
	read_image(pid, th->proc);
	/* What it did before is not the watch's: counted from here. */
	metrics_before_kill(&th->proc->attach_base, &th->proc->peak_rss_kb, pid);
	return 0;
}

static void interrupt_one(pid_t tid, void *value, void *arg)
{
	(void)value;
	(void)arg;
	ptrace(PTRACE_INTERRUPT, tid, 0, 0);
}

void attach_release_all(struct tracer *t)
{
	if (t->releasing)
		return;
	t->releasing = true;
	pidmap_each(&t->threads, interrupt_one, NULL);
}

void attach_release(struct tracer *t, pid_t tid, int status)
{
	struct thread *th = thread_get(t, tid);
	int sig = WSTOPSIG(status), event = (unsigned)status >> 16;

	/* A signal-delivery stop hands its signal back; any other stop
	 * (the interrupt's, a syscall's, an event's) gives none. */
	if (event || sig == (SIGTRAP | 0x80))
		sig = 0;
	/* Its figures as it is let go, while /proc/PID is ours to read. */
	if (th && !th->proc->detached)
		metrics_before_kill(&th->proc->metrics, &th->proc->peak_rss_kb,
				    th->proc->pid);
	ptrace(PTRACE_DETACH, tid, 0, (long)sig);
	if (th) {
		th->proc->detached = true;
		event_done(t, th);
		thread_forget(t, th, now_mono_ns());
	}
}
