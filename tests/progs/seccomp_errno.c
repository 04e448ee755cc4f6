/* seccomp_errno - a seccomp filter of the program's own that fails
 * openat with EROFS (SECCOMP_RET_ERRNO, which outranks a tracer's
 * SECCOMP_RET_TRACE: the call never reaches it)
 *
 * usage: seccomp_errno seccomp|prctl PATH
 * Installs the filter with seccomp(2) or prctl(PR_SET_SECCOMP), then
 * opens PATH twice (openat). Prints "filter ok" or "filter ERRNO", then
 * "open ERRNO" or "open ok" for each open. Exits 0.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

static void say(const char *what, long rc)
{
	printf("%s %s\n", what, rc >= 0 ? "ok" : errno == EROFS ? "EROFS"
			       : strerror(errno));
	fflush(stdout);
}

int main(int argc, char **argv)
{
	struct sock_filter code[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_openat, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EROFS),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { sizeof(code) / sizeof(code[0]), code };
	long rc;
	int i;

	if (argc != 3)
		return 2;
	prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	if (strcmp(argv[1], "prctl") == 0)
		rc = prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0);
	else
		rc = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
	say("filter", rc);
	for (i = 0; i < 2; i++)
		say("open", syscall(SYS_openat, AT_FDCWD, argv[2], O_RDONLY));
	return 0;
}
