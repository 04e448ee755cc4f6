/* floor.c - the least a seccomp + ptrace tracer can do, for comparison
 *
 * usage: floor [-p] [-i] -e CALL[,CALL...] -- PROGRAM ARGS...
 * Traps the named calls (every ABI's number, as gobox-strace does) with
 * SECCOMP_RET_TRACE, follows forks, clones and execs, and for each trapped
 * call takes the seccomp stop and the exit stop, reading nothing and
 * deciding nothing. It is the floor of the design: what two ptrace stops a
 * traced call cost. -p pins the tracer and the program to the CPU the
 * tracer runs on. -i reads the call at each of its two stops
 * (PTRACE_GET_SYSCALL_INFO: the call and its arguments, then its result),
 * the least a tracer that reports anything must do. Exit status: the
 * program's.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#define OPTIONS (PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACESECCOMP |        \
		 PTRACE_O_TRACECLONE | PTRACE_O_TRACEFORK |              \
		 PTRACE_O_TRACEVFORK | PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL)

static int read_info;

static void die(const char *what)
{
	perror(what);
	exit(125);
}

/* The filter: the listed calls stop the program, all others run. */
static scmp_filter_ctx filter_of(char *calls)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	char *name;

	if (!ctx || seccomp_arch_add(ctx, SCMP_ARCH_X86) < 0 ||
	    seccomp_arch_add(ctx, SCMP_ARCH_X32) < 0 ||
	    seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2) < 0)
		die("seccomp");
	for (name = strtok(calls, ","); name; name = strtok(NULL, ",")) {
		int nr = seccomp_syscall_resolve_name(name);

		if (nr == __NR_SCMP_ERROR) {
			fprintf(stderr, "floor: unknown call '%s'\n", name);
			exit(2);
		}
		seccomp_rule_add(ctx, SCMP_ACT_TRACE(0), nr, 0);
	}
	return ctx;
}

static void pin_here(void)
{
	cpu_set_t one;

	CPU_ZERO(&one);
	CPU_SET(sched_getcpu(), &one);
	if (sched_setaffinity(0, sizeof(one), &one) < 0)
		die("sched_setaffinity");
}

static pid_t start(char **argv, scmp_filter_ctx ctx)
{
	int sync[2];
	pid_t pid;
	char c;

	if (pipe(sync) < 0 || (pid = fork()) < 0)
		die("fork");
	if (pid == 0) {
		close(sync[1]);
		/* Until the tracer has seized us. */
		if (read(sync[0], &c, 1) != 0 || seccomp_load(ctx) < 0)
			_exit(125);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (ptrace(PTRACE_SEIZE, pid, 0, OPTIONS) < 0)
		die("PTRACE_SEIZE");
	close(sync[0]);
	close(sync[1]);
	return pid;
}

/* The stop of tid and its status: resume it as little as possible. */
static void resume(pid_t tid, int status)
{
	int sig = WSTOPSIG(status), event = status >> 16;
	struct __ptrace_syscall_info info;

	if (read_info && (event == PTRACE_EVENT_SECCOMP || sig == (SIGTRAP | 0x80)))
		ptrace(PTRACE_GET_SYSCALL_INFO, tid, sizeof(info), &info);
	if (event == PTRACE_EVENT_SECCOMP)
		ptrace(PTRACE_SYSCALL, tid, 0, 0);	/* to the exit stop */
	else if (sig == (SIGTRAP | 0x80) || event)
		ptrace(PTRACE_CONT, tid, 0, 0);
	else if (event == 0 && (sig == SIGSTOP || sig == SIGTSTP ||
				sig == SIGTTIN || sig == SIGTTOU) &&
		 ptrace(PTRACE_GETSIGINFO, tid, 0, &(siginfo_t){ 0 }) < 0)
		ptrace(PTRACE_LISTEN, tid, 0, 0);	/* a group stop */
	else
		ptrace(PTRACE_CONT, tid, 0, sig);	/* a signal: deliver it */
}

int main(int argc, char **argv)
{
	char *calls = NULL;
	int opt, status, code = 125;
	pid_t pid, tid;
	scmp_filter_ctx ctx;

	while ((opt = getopt(argc, argv, "+pie:")) != -1) {
		if (opt == 'p')
			pin_here();
		else if (opt == 'i')
			read_info = 1;
		else if (opt == 'e')
			calls = optarg;
		else
			return 2;
	}
	if (!calls || optind >= argc) {
		fprintf(stderr, "usage: floor [-p] [-i] -e CALL[,CALL...] -- PROGRAM ARGS...\n");
		return 2;
	}
	ctx = filter_of(calls);
	pid = start(argv + optind, ctx);
	while ((tid = waitpid(-1, &status, __WALL)) > 0) {
		if (WIFEXITED(status) || WIFSIGNALED(status)) {
			if (tid == pid)
				code = WIFEXITED(status) ? WEXITSTATUS(status)
							 : 128 + WTERMSIG(status);
			continue;
		}
		resume(tid, status);
	}
	if (errno != ECHILD)
		die("waitpid");
	return code;
}
