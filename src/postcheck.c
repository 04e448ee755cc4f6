/* postcheck.c - checks only the result of a call can answer
 *
 * Arguments are pinned before the call, so these checks find nothing in
 * normal runs. They are the last line: a descriptor swapped under a dirfd,
 * a link the resolver could not see, a script's interpreter, the peer of
 * an accepted connection.
 */
#include "postcheck.h"

#include <errno.h>
#include <linux/kcmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "decode.h"
#include "ops.h"
#include "policy_eval.h"
#include "tracee_socket.h"
#include "tracer_int.h"
#include "util.h"

struct sharers {
	pid_t pid;
	const char *why;
};

/* Does process b share a's descriptor table or memory (CLONE_FILES,
 * CLONE_VM without CLONE_THREAD)? Unknown (no kcmp) counts as yes. */
static bool shares_with(pid_t a, pid_t b)
{
	long files = syscall(SYS_kcmp, a, b, KCMP_FILES, 0, 0);
	long vm = syscall(SYS_kcmp, a, b, KCMP_VM, 0, 0);

	return (files < 0 && errno == ENOSYS) || files == 0 || vm == 0;
}

static void kill_if_sharer(pid_t pid, void *value, void *arg)
{
	struct sharers *s = arg;
	struct proc *p = value;

	if (pid != s->pid && shares_with(s->pid, pid)) {
		if (!p->killed_by)
			p->killed_by = s->why;
		kill(pid, SIGKILL);
	}
}

/*
 * The process, and every process sharing its descriptors or memory: what
 * the call gave the one (a descriptor, a mapping), the others hold too,
 * and could use before the kill reaches them if they were spared.
 */
static void kill_process(struct tracer *t, struct thread *th, const char *why)
{
	struct sharers s = { th->proc->pid, why };

	th->proc->killed_by = why;
	kill(th->proc->pid, SIGKILL);
	pidmap_each(&t->procs, kill_if_sharer, &s);
}

static struct verdict judge_one(struct tracer *t, const struct event *ev,
				const struct op *op)
{
	struct ops ops;

	ops.n = 1;
	ops.v[0] = *op;
	return policy_judge(t->policy, ev, &ops);
}

static bool check_open(struct tracer *t, struct thread *th)
{
	struct event *ev = th->ev;
	char actual[DECODE_PATH_MAX];
	struct op op;
	struct verdict v;

	bool unnamed;
	int rc;

	memset(&op, 0, sizeof(op));
	if (ev->err || ev->rval < 0)
		return false;
	rc = resolve_fd(ev->tid, (int)ev->rval, actual, sizeof(actual), &op.kind);
	/* A file another name we cannot tell reaches: refused. */
	unnamed = rc == -EACCES;
	if (rc < 0 && !unnamed)
		return false;
	if (th->post_path && strcmp(actual, th->post_path) == 0)
		return false;
	op.cat = CAT_FS;
	op.arg = op.dirfd_arg = -1;
	op.modes = th->post_modes;
	op.path = actual;
	v = judge_one(t, ev, &op);
	if (v.action < ACT_DENY && !unnamed)
		return false;
	policy_log_violation(&t->audit->policy, ev, "opened another file than "
			     "the one judged", th->post_path, actual,
			     t->audit->start_ns);
	kill_process(t, th, "violation");
	return true;
}

static bool check_peer(struct tracer *t, struct thread *th, bool accept)
{
	struct event *ev = th->ev;
	struct op op;
	struct verdict v;
	char peer[96];
	int fd = accept ? (int)ev->rval : arg_int(ev->args[0]);

	/* A connect in progress has a peer as well. */
	if (accept ? ev->err || ev->rval < 0 : ev->err && ev->err != EINPROGRESS)
		return false;
	if (!tracee_socket_addr(th->proc->pid, fd, true, &op))
		return false;
	op.net_op = accept ? NET_ACCEPT : NET_CONNECT;
	if (t->learn) {
		learn_peer(t->learn, &op);
		return false;
	}
	v = judge_one(t, ev, &op);
	if (v.action < ACT_DENY)
		return false;
	snprintf(peer, sizeof(peer), "%s port %u", op.addr, op.port);
	if (accept) {
		/* Not a violation: the policy's own verdict, which only the
		 * result of the call could tell. The fd is open: kill. */
		struct ops one = { .n = 1 };

		one.v[0] = op;
		v.action = ACT_KILL;
		v.op = 0;
		policy_log_verdict(&t->audit->policy, ev, &one, &v,
				   t->audit->start_ns);
		kill_process(t, th, "policy");
		return true;
	}
	policy_log_violation(&t->audit->policy, ev, "connected to another peer "
			     "than the one judged", NULL, peer, t->audit->start_ns);
	kill_process(t, th, "violation");
	return true;
}

const char *postcheck_local_addr(struct thread *th)
{
	struct op op;
	char buf[96];

	if (!tracee_socket_addr(th->proc->pid, arg_int(th->ev->args[0]), false,
				&op))
		return "not an inet socket";
	snprintf(buf, sizeof(buf), "%s port %u", op.addr, op.port);
	return event_strdup(th->ev, buf, strlen(buf));
}

/*
 * A listen judged as nothing new (a bound socket, or not inet) must find
 * the same socket address at the exit: a descriptor swapped meanwhile
 * (dup2 from another thread) for a socket never bound would bind,
 * unjudged, to a port of the kernel's choice.
 */
static bool check_listen(struct tracer *t, struct thread *th)
{
	struct event *ev = th->ev;
	const char *now;

	if (ev->err || ev->rval < 0 || !th->post_path)
		return false;
	now = postcheck_local_addr(th);
	if (strcmp(now, th->post_path) == 0 ||
	    strcmp(now, "not an inet socket") == 0)
		return false;
	policy_log_violation(&t->audit->policy, ev, "listened on another socket "
			     "than the one judged", th->post_path, now,
			     t->audit->start_ns);
	kill_process(t, th, "violation");
	return true;
}

/* The file mapped at addr in thread tid, from /proc/TID/maps, and what it
 * is; or false. */
static bool mapped_file(pid_t tid, uint64_t addr, char *out, size_t size,
			enum resolved_kind *kind)
{
	char path[64], line[DECODE_PATH_MAX + 128];
	bool found = false;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)tid);
	f = fopen(path, "re");
	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		unsigned long long start, end, ino;
		int n = 0;

		if (sscanf(line, "%llx-%llx %*s %*s %*s %llu %n", &start, &end,
			   &ino, &n) < 3 || !n || addr < start || addr >= end)
			continue;
		line[strcspn(line, "\n")] = '\0';
		*kind = ops_mapped_kind(line + n, ino);
		snprintf(out, size, "%s", line + n);
		found = true;
	}
	fclose(f);
	return found;
}

/*
 * An mmap with PROT_EXEC was judged on the file its descriptor held at
 * the entry; another thread may have put another file on that descriptor
 * (dup2) since. What is mapped at the address returned is what counts.
 */
static bool check_map(struct tracer *t, struct thread *th)
{
	struct event *ev = th->ev;
	char actual[DECODE_PATH_MAX];
	struct op op;
	struct verdict v;

	memset(&op, 0, sizeof(op));
	if (ev->err || !th->post_path ||
	    !mapped_file(ev->tid, (uint64_t)ev->rval, actual, sizeof(actual),
			 &op.kind) ||
	    strcmp(actual, th->post_path) == 0)
		return false;
	op.cat = CAT_FS;
	op.arg = op.dirfd_arg = -1;
	op.modes = MODE_X;
	op.path = actual;
	v = judge_one(t, ev, &op);
	if (v.action < ACT_DENY)
		return false;
	policy_log_violation(&t->audit->policy, ev, "mapped another file than "
			     "the one judged", th->post_path, actual,
			     t->audit->start_ns);
	kill_process(t, th, "violation");
	return true;
}

bool postcheck_exit(struct tracer *t, struct thread *th)
{
	enum post_kind kind = th->post_kind;

	th->post_kind = POST_NONE;
	/* Policy or not: an open that reached the tracer through /proc (a
	 * link swapped after the check) ends the process. */
	if (th->ev && th->ev->fd_path && in_tracer_proc(th->ev->fd_path)) {
		policy_log_violation(&t->audit->policy, th->ev, "opened the "
				     "tracer's /proc", NULL, th->ev->fd_path,
				     t->audit->start_ns);
		kill_process(t, th, "violation");
		return true;
	}
	if ((!t->policy && !t->learn) || !th->ev || !th->ev->finished)
		return false;
	switch (kind) {
	case POST_OPEN:
		return check_open(t, th);
	case POST_CONNECT:
		return check_peer(t, th, false);
	case POST_ACCEPT:
		return check_peer(t, th, true);
	case POST_LISTEN:
		return check_listen(t, th);
	case POST_MAP:
		return check_map(t, th);
	default:
		return false;
	}
}

bool postcheck_exec(struct tracer *t, struct thread *th)
{
	char exe[DECODE_PATH_MAX], path[64], name[DECODE_PATH_MAX];
	struct event probe;
	bool memfd;
	struct op op;
	struct verdict v;
	ssize_t n;

	if (!policy_needs_paths(t->policy))
		return false;
	snprintf(path, sizeof(path), "/proc/%d/exe", (int)th->tid);
	n = readlink(path, exe, sizeof(exe) - 1);
	if (n < 0)
		return false;
	exe[n] = '\0';
	memset(&probe, 0, offsetof(struct event, buf));
	probe.tid = th->tid;
	probe.pid = th->proc->pid;
	probe.name = "execve";
	memset(&op, 0, sizeof(op));
	op.cat = CAT_PROC;
	op.arg = op.dirfd_arg = -1;
	op.proc_op = PROC_EXEC;
	op.path = exe;
	/* A memfd is known by its name (a script's interpreter may be one,
	 * through /proc/self/fd/N); only the proc exec rules name it. */
	memfd = ops_memfd_name(exe, name, sizeof(name));
	if (memfd)
		op.path = name;
	v = judge_one(t, &probe, &op);
	if (v.action < ACT_DENY && !memfd) {
		op.cat = CAT_FS;
		op.modes = MODE_X;
		v = judge_one(t, &probe, &op);
	}
	if (v.action < ACT_DENY)
		return false;
	policy_log_violation(&t->audit->policy, th->ev ? th->ev : &probe,
			     "runs a program the policy refuses", NULL, exe,
			     t->audit->start_ns);
	kill_process(t, th, "violation");
	return true;
}
