/* policy_sideways - ways around a policy that judges calls one by one
 *
 * usage: policy_sideways SECRET [MEMLINK]
 * Tries, in order, and prints "KEY=VALUE" lines (VALUE "ok", a number,
 * or the errno's name):
 *   uring-setup, uring-openat, uring-secret   io_uring_setup, then an
 *       IORING_OP_OPENAT of SECRET through the ring; uring-secret is 1
 *       when the descriptor it gave is SECRET (same inode)
 *   handle-name, handle-open, handle-secret   name_to_handle_at(SECRET),
 *       open_by_handle_at of the handle (handle-secret as above)
 *   vm-write, vm-flag      process_vm_writev(CHILD) of 1 into the child's
 *       flag; vm-flag is the flag as the child then sees it
 *   self-mem-open, self-flag   open("/proc/self/mem", O_RDWR) and pwrite
 *       of 1 into our own flag; self-flag is its value after
 *   child-mem-open, mem-flag   the same with /proc/CHILD/mem and 2
 *   ptrace-attach, ptrace-flag PTRACE_ATTACH of the child, POKEDATA 3
 *   clone3-newuser          clone3 with CLONE_NEWUSER (the child exits)
 *   unshare-newuser         unshare(CLONE_NEWUSER) in a forked child
 *   fork                    a plain fork
 *   untraced-pid, untraced-open   clone(CLONE_UNTRACED|SIGCHLD): the
 *       child's pid, and what its open(SECRET) got
 *   untraced3-pid, untraced3-open the same through clone3
 *   memv-NAME, memv-flag    other spellings of our own memory file, each
 *       opened O_WRONLY and written 1 into a flag when it opens:
 *       thread-self (/proc/thread-self/mem), task (/proc/self/task/TID/mem),
 *       dirfd (openat of "mem" in /proc/self), dotdot
 *       (/proc/self/../self/mem), link (MEMLINK, a symlink to
 *       /proc/self/mem, when given); memv-flag: the flag after them all
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/io_uring.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int flag;
static const char *secret;

static const char *err_name(int e)
{
	return strerrorname_np(e) ? strerrorname_np(e) : "E?";
}

static const char *res(long rc)
{
	return rc >= 0 ? "ok" : err_name(errno);
}

/* Is fd the secret file? */
static int is_secret(int fd)
{
	struct stat a, b;

	return fd >= 0 && fstat(fd, &a) == 0 && stat(secret, &b) == 0 &&
	       a.st_ino == b.st_ino && a.st_dev == b.st_dev;
}

static void try_uring(void)
{
	struct io_uring_params p;
	struct io_uring_sqe *sqes;
	struct io_uring_cqe *cqes;
	unsigned char *sq, *cq;
	unsigned *tail, *array, *head, mask;
	int fd, res_;

	memset(&p, 0, sizeof(p));
	fd = (int)syscall(SYS_io_uring_setup, 4, &p);
	printf("uring-setup=%s\n", res(fd));
	if (fd < 0) {
		printf("uring-openat=none\nuring-secret=0\n");
		return;
	}
	sq = mmap(NULL, p.sq_off.array + p.sq_entries * sizeof(unsigned),
		  PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd,
		  IORING_OFF_SQ_RING);
	cq = mmap(NULL, p.cq_off.cqes + p.cq_entries * sizeof(*cqes),
		  PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd,
		  IORING_OFF_CQ_RING);
	sqes = mmap(NULL, p.sq_entries * sizeof(*sqes), PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_SQES);
	if (sq == MAP_FAILED || cq == MAP_FAILED || sqes == MAP_FAILED) {
		printf("uring-openat=mmap-failed\nuring-secret=0\n");
		return;
	}
	tail = (unsigned *)(sq + p.sq_off.tail);
	mask = *(unsigned *)(sq + p.sq_off.ring_mask);
	array = (unsigned *)(sq + p.sq_off.array);
	memset(&sqes[0], 0, sizeof(sqes[0]));
	sqes[0].opcode = IORING_OP_OPENAT;
	sqes[0].fd = AT_FDCWD;
	sqes[0].addr = (uint64_t)(uintptr_t)secret;
	sqes[0].open_flags = O_RDONLY;
	array[*tail & mask] = 0;
	__atomic_store_n(tail, *tail + 1, __ATOMIC_RELEASE);
	if (syscall(SYS_io_uring_enter, fd, 1, 1, IORING_ENTER_GETEVENTS,
		    NULL, 0) < 0) {
		printf("uring-openat=enter-%s\nuring-secret=0\n", err_name(errno));
		return;
	}
	head = (unsigned *)(cq + p.cq_off.head);
	cqes = (struct io_uring_cqe *)(cq + p.cq_off.cqes);
	res_ = cqes[*head & *(unsigned *)(cq + p.cq_off.ring_mask)].res;
	printf("uring-openat=%s\n", res_ >= 0 ? "ok" : err_name(-res_));
	printf("uring-secret=%d\n", is_secret(res_));
	close(fd);
}

static void try_handle(void)
{
	struct file_handle *h = calloc(1, sizeof(*h) + MAX_HANDLE_SZ);
	char dir[4096], *slash;
	int mount_id, mfd, fd;

	h->handle_bytes = MAX_HANDLE_SZ;
	printf("handle-name=%s\n",
	       res(name_to_handle_at(AT_FDCWD, secret, h, &mount_id, 0)));
	snprintf(dir, sizeof(dir), "%s", secret);
	slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	mfd = open(dir, O_RDONLY | O_DIRECTORY);
	fd = (int)syscall(SYS_open_by_handle_at, mfd, h, O_RDONLY);
	printf("handle-open=%s\n", res(fd));
	printf("handle-secret=%d\n", is_secret(fd));
	free(h);
}

/* The child: answers 'r' with its flag, ends at 'q'. */
static pid_t child_start(int *cmd, int *ans)
{
	int a[2], b[2];
	pid_t pid;

	if (pipe(a) < 0 || pipe(b) < 0 || (pid = fork()) < 0)
		exit(1);
	if (pid == 0) {
		char c;

		close(a[1]);
		close(b[0]);
		while (read(a[0], &c, 1) == 1 && c == 'r') {
			int v = flag;

			if (write(b[1], &v, sizeof(v)) != sizeof(v))
				break;
		}
		_exit(0);
	}
	close(a[0]);
	close(b[1]);
	*cmd = a[1];
	*ans = b[0];
	return pid;
}

static int child_flag(int cmd, int ans)
{
	int v = -1;

	if (write(cmd, "r", 1) != 1 || read(ans, &v, sizeof(v)) != sizeof(v))
		return -1;
	return v;
}

static void try_memory(void)
{
	int one = 1, two = 2, cmd, ans, fd, st;
	struct iovec local = { &one, sizeof(one) };
	struct iovec remote = { (void *)&flag, sizeof(flag) };
	char path[64];
	pid_t pid = child_start(&cmd, &ans);
	long rc;

	rc = process_vm_writev(pid, &local, 1, &remote, 1, 0);
	printf("vm-write=%s\n", res(rc));
	printf("vm-flag=%d\n", child_flag(cmd, ans));

	fd = open("/proc/self/mem", O_RDWR);
	printf("self-mem-open=%s\n", res(fd));
	if (fd >= 0) {
		if (pwrite(fd, &one, sizeof(one), (off_t)(uintptr_t)&flag) < 0)
			printf("self-mem-write=%s\n", err_name(errno));
		close(fd);
	}
	printf("self-flag=%d\n", flag);
	flag = 0;

	snprintf(path, sizeof(path), "/proc/%d/mem", (int)pid);
	fd = open(path, O_RDWR);
	printf("child-mem-open=%s\n", res(fd));
	if (fd >= 0) {
		if (pwrite(fd, &two, sizeof(two), (off_t)(uintptr_t)&flag) < 0)
			printf("child-mem-write=%s\n", err_name(errno));
		close(fd);
	}
	printf("mem-flag=%d\n", child_flag(cmd, ans));

	rc = ptrace(PTRACE_ATTACH, pid, NULL, NULL);
	printf("ptrace-attach=%s\n", res(rc));
	if (rc == 0) {
		waitpid(pid, &st, __WALL);
		ptrace(PTRACE_POKEDATA, pid, (void *)&flag, (void *)3L);
		ptrace(PTRACE_DETACH, pid, NULL, NULL);
	}
	printf("ptrace-flag=%d\n", child_flag(cmd, ans));
	if (write(cmd, "q", 1) != 1)
		exit(1);
	waitpid(pid, &st, 0);
}

/* What a child's exit status says: 0 ok, else an errno. */
static const char *child_result(pid_t pid)
{
	int st;

	if (waitpid(pid, &st, __WALL) < 0)
		return "wait-failed";
	if (!WIFEXITED(st))
		return "killed";
	return WEXITSTATUS(st) == 0 ? "ok" : err_name(WEXITSTATUS(st));
}

static void try_clones(void)
{
	struct clone_args ca;
	long pid;

	memset(&ca, 0, sizeof(ca));
	ca.flags = CLONE_NEWUSER;
	ca.exit_signal = SIGCHLD;
	pid = syscall(SYS_clone3, &ca, sizeof(ca));
	if (pid == 0)
		_exit(0);
	printf("clone3-newuser=%s\n", pid > 0 ? child_result((pid_t)pid) :
	       err_name(errno));

	pid = fork();
	if (pid == 0)
		_exit(unshare(CLONE_NEWUSER) == 0 ? 0 : errno);
	printf("unshare-newuser=%s\n", pid > 0 ? child_result((pid_t)pid) : "fork-failed");

	pid = fork();
	if (pid == 0)
		_exit(0);
	printf("fork=%s\n", pid > 0 ? child_result((pid_t)pid) : err_name(errno));

	/* clone(2) on x86_64: flags, stack, parent_tid, child_tid, tls. */
	pid = syscall(SYS_clone, CLONE_UNTRACED | SIGCHLD, 0, 0, 0, 0);
	if (pid == 0) {
		long fd = syscall(SYS_open, secret, O_RDONLY, 0);

		_exit(fd >= 0 ? 0 : errno);
	}
	printf("untraced-pid=%ld\n", pid);
	printf("untraced-open=%s\n", pid > 0 ? child_result((pid_t)pid) :
	       err_name(errno));

	/* The same through clone3. */
	memset(&ca, 0, sizeof(ca));
	ca.flags = CLONE_UNTRACED;
	ca.exit_signal = SIGCHLD;
	pid = syscall(SYS_clone3, &ca, sizeof(ca));
	if (pid == 0) {
		long fd = syscall(SYS_open, secret, O_RDONLY, 0);

		_exit(fd >= 0 ? 0 : errno);
	}
	printf("untraced3-pid=%ld\n", pid);
	printf("untraced3-open=%s\n", pid > 0 ? child_result((pid_t)pid) :
	       err_name(errno));
}

static volatile int vflag;

static void mem_write(const char *name, int dfd, const char *path)
{
	int one = 1, fd = openat(dfd, path, O_WRONLY);

	printf("memv-%s=%s\n", name, res(fd));
	if (fd >= 0) {
		if (pwrite(fd, &one, sizeof(one), (off_t)(uintptr_t)&vflag) < 0)
			printf("memv-%s-write=%s\n", name, err_name(errno));
		close(fd);
	}
}

static void try_mem_variants(const char *link)
{
	char path[64];
	int dfd = open("/proc/self", O_RDONLY | O_DIRECTORY);

	mem_write("thread-self", AT_FDCWD, "/proc/thread-self/mem");
	snprintf(path, sizeof(path), "/proc/self/task/%d/mem", (int)gettid());
	mem_write("task", AT_FDCWD, path);
	mem_write("dirfd", dfd, "mem");
	mem_write("dotdot", AT_FDCWD, "/proc/self/../self/mem");
	if (link)
		mem_write("link", AT_FDCWD, link);
	printf("memv-flag=%d\n", vflag);
	close(dfd);
}

int main(int argc, char **argv)
{
	if (argc != 2 && argc != 3)
		return 2;
	secret = argv[1];
	setvbuf(stdout, NULL, _IOLBF, 0);
	try_uring();
	try_handle();
	try_memory();
	try_clones();
	try_mem_variants(argc == 3 ? argv[2] : NULL);
	return 0;
}
