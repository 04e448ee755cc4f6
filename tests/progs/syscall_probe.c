/* syscall_probe - call every x86_64 system call once, harmlessly
 *
 * A seccomp filter of its own makes every call fail with ENOSYS before
 * the kernel runs it (exit_group(77) excepted, to end), so the program
 * only shows a tracer which names it tries: strace's classes can be read
 * off strace's trace of it. 335 and 336 (uretprobe, uprobe) are skipped:
 * they bypass seccomp and kill a caller that is not a probe trampoline.
 */
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#define LAST_NR 470

int main(void)
{
	struct sock_filter code[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_exit_group, 0, 3),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, args[0])),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 77, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
	};
	struct sock_fprog prog = { sizeof(code) / sizeof(code[0]), code };
	long nr;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0)
		return 1;
	for (nr = 0; nr <= LAST_NR; nr++)
		if (nr != 335 && nr != 336)
			syscall(nr, 0, 0, 0, 0, 0, 0);
	syscall(SYS_exit_group, 77);
	return 0;
}
