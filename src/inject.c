/* inject.c - make a stopped tracee run a system call of our choosing
 *
 * At a seccomp stop the tracer may change the call the thread makes. We
 * change it to ours, let it run to its exit stop, read the result, and
 * rewind the instruction pointer over the 2-byte syscall instruction
 * (syscall, int $0x80, or the vDSO's sysenter, which the kernel makes
 * restartable the same way) with the original number back in rax: the
 * thread then enters its own call again, as after -ERESTARTNOINTR.
 */
#include "inject.h"

#include <errno.h>
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>

static void set_args(struct user_regs_struct *r, enum abi abi,
		     const uint64_t a[6])
{
	if (abi == ABI_I386) {
		r->rbx = a[0], r->rcx = a[1], r->rdx = a[2];
		r->rsi = a[3], r->rdi = a[4], r->rbp = a[5];
	} else {
		r->rdi = a[0], r->rsi = a[1], r->rdx = a[2];
		r->r10 = a[3], r->r8 = a[4], r->r9 = a[5];
	}
}

/* Wait for tid's exit stop of the injected call. */
static int wait_exit_stop(pid_t tid, int *gone)
{
	int status;

	for (;;) {
		if (waitpid(tid, &status, __WALL) < 0)
			return -errno;
		if (WIFEXITED(status) || WIFSIGNALED(status)) {
			*gone = status;
			return -ESRCH;
		}
		if (WSTOPSIG(status) == (SIGTRAP | 0x80))
			return 0;
		/* Dying (PTRACE_EVENT_EXIT) or any other stop: let it go on;
		 * the exit status follows. */
		ptrace(PTRACE_CONT, tid, 0, 0);
	}
}

int inject_syscall(pid_t tid, enum abi abi, long nr, const uint64_t args[6],
		   int64_t *ret, int *gone)
{
	struct user_regs_struct saved, r;
	int rc;

	if (ptrace(PTRACE_GETREGS, tid, 0, &saved) < 0)
		return -errno;
	r = saved;
	r.orig_rax = (unsigned long long)nr;
	set_args(&r, abi, args);
	if (ptrace(PTRACE_SETREGS, tid, 0, &r) < 0 ||
	    ptrace(PTRACE_SYSCALL, tid, 0, 0) < 0)
		return -errno;
	rc = wait_exit_stop(tid, gone);
	if (rc < 0)
		return rc;
	if (ptrace(PTRACE_GETREGS, tid, 0, &r) < 0)
		return -errno;
	*ret = abi == ABI_I386 ? (int64_t)(int32_t)r.rax : (int64_t)r.rax;
	saved.rip -= 2;
	saved.rax = saved.orig_rax;
	if (ptrace(PTRACE_SETREGS, tid, 0, &saved) < 0)
		return -errno;
	return 0;
}
