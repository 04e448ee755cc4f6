/* regs.c - change a stopped tracee's system call through its registers
 *
 * PTRACE_GETREGS and PTRACE_SETREGS with the x86_64 layout work for
 * 32-bit tracees too: the kernel maps ebx to rbx and so on.
 */
#include "regs.h"

#include <errno.h>
#include <sys/ptrace.h>
#include <sys/user.h>

int regs_skip_syscall(pid_t tid, int64_t retval)
{
	struct user_regs_struct r;

	if (ptrace(PTRACE_GETREGS, tid, 0, &r) < 0)
		return -errno;
	/* -1 tells the kernel to skip the call; rax is what it returns. */
	r.orig_rax = (unsigned long long)-1;
	r.rax = (unsigned long long)retval;
	if (ptrace(PTRACE_SETREGS, tid, 0, &r) < 0)
		return -errno;
	return 0;
}

static unsigned long long *arg_reg(struct user_regs_struct *r, int i386,
				   unsigned i)
{
	unsigned long long *x86_64[6] = { &r->rdi, &r->rsi, &r->rdx,
					  &r->r10, &r->r8, &r->r9 };
	unsigned long long *x86[6] = { &r->rbx, &r->rcx, &r->rdx,
				       &r->rsi, &r->rdi, &r->rbp };

	return i386 ? x86[i] : x86_64[i];
}

int regs_set_arg(pid_t tid, int i386, unsigned i, uint64_t value)
{
	struct user_regs_struct r;

	if (i > 5)
		return -EINVAL;
	if (ptrace(PTRACE_GETREGS, tid, 0, &r) < 0)
		return -errno;
	*arg_reg(&r, i386, i) = value;
	if (ptrace(PTRACE_SETREGS, tid, 0, &r) < 0)
		return -errno;
	return 0;
}
