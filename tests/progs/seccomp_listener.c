/* seccomp_listener - a seccomp filter of the program's own that hands
 * openat to a thread of its own (SECCOMP_RET_USER_NOTIF), which lets each
 * call go on (SECCOMP_USER_NOTIF_FLAG_CONTINUE)
 *
 * usage: seccomp_listener PATH
 * Prints "listener ok" or "listener ERRNO" (installing the filter), then
 * "open ok" or "open ERRNO" (openat(PATH, O_RDONLY)).
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

static int listener = -1;

/* Answer every notification: go on with the call. */
static void *answer(void *arg)
{
	struct seccomp_notif req;
	struct seccomp_notif_resp resp;

	(void)arg;
	for (;;) {
		memset(&req, 0, sizeof(req));
		if (ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, &req) < 0)
			return NULL;
		memset(&resp, 0, sizeof(resp));
		resp.id = req.id;
		resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
		ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &resp);
	}
}

static int install(void)
{
	struct sock_filter code[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_openat, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { sizeof(code) / sizeof(code[0]), code };

	prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
			    SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
}

int main(int argc, char **argv)
{
	pthread_t th;
	int fd;

	if (argc != 2)
		return 2;
	setvbuf(stdout, NULL, _IOLBF, 0);
	listener = install();
	printf("listener %s\n", listener >= 0 ? "ok" : strerrorname_np(errno));
	if (listener >= 0)
		pthread_create(&th, NULL, answer, NULL);
	fd = (int)syscall(SYS_openat, AT_FDCWD, argv[1], O_RDONLY);
	printf("open %s\n", fd >= 0 ? "ok" : strerrorname_np(errno));
	return 0;
}
