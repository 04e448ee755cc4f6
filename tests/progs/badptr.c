/* badptr - calls whose pointer arguments point nowhere, and paths of
 * PATH_MAX bytes and longer
 *
 * usage: badptr bad SELF
 *   Every decoded argument kind at an unmapped address (a page mapped,
 *   then unmapped): paths, a path that runs into the unmapped page with
 *   no NUL, sockaddrs, iovecs (the array, and a buffer in it), msghdrs
 *   (the header, its name, its iovec), execve's path, argv (the array
 *   and one string) and envp, clone3's struct, openat2's open_how. SELF
 *   is a program execve would run if it got that far. Prints one line
 *   "CALL ERRNO-NAME" per call, in order.
 * usage: badptr long DIR
 *   Makes directories under DIR until DIR/.../file is PATH_MAX - 1
 *   bytes long, creates that file by its absolute path (openat), then
 *   opens a path of PATH_MAX bytes and one of 64 KiB (both
 *   ENAMETOOLONG). Prints "long LEN" (the file's path length),
 *   "path4096 ERRNO", "path65536 ERRNO". Exits 0 when all went so.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <linux/sched.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

static const char *errname(int e)
{
	switch (e) {
	case 0: return "OK";
	case EFAULT: return "EFAULT";
	case ENAMETOOLONG: return "ENAMETOOLONG";
	case ENOENT: return "ENOENT";
	case EINVAL: return "EINVAL";
	default: return "OTHER";
	}
}

static void say(const char *call, long rc)
{
	printf("%s %s\n", call, errname(rc < 0 ? errno : 0));
	fflush(stdout);
}

static int bad_calls(const char *self)
{
	long page = sysconf(_SC_PAGESIZE);
	char *two = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *bad, *edge, *args[3], *good_argv[2] = { (char *)self, NULL };
	struct sockaddr_in sin;
	struct iovec iov[2];
	struct msghdr msg;
	struct open_how how;
	int sock = socket(AF_INET, SOCK_DGRAM, 0), pfd[2], fd;

	/* A pipe reads its buffers (/dev/null would not: no EFAULT). */
	if (two == MAP_FAILED || sock < 0 || pipe(pfd) < 0)
		return 1;
	fd = pfd[1];
	/* The second page goes: BAD points at nothing, EDGE at 16 bytes
	 * without a NUL just before it. */
	bad = two + page;
	munmap(bad, page);
	edge = bad - 16;
	memset(edge, 'x', 16);

	say("open", syscall(SYS_open, bad, O_RDONLY));
	say("openat", syscall(SYS_openat, AT_FDCWD, bad, O_RDONLY));
	say("openat-edge", syscall(SYS_openat, AT_FDCWD, edge, O_RDONLY));
	say("creat", syscall(SYS_creat, bad, 0600));
	memset(&how, 0, sizeof(how));
	how.flags = O_RDONLY;
	say("openat2-path", syscall(SYS_openat2, AT_FDCWD, bad, &how, sizeof(how)));
	say("openat2-how", syscall(SYS_openat2, AT_FDCWD, "/", bad, sizeof(how)));
	say("connect", syscall(SYS_connect, sock, bad, sizeof(sin)));
	say("write", syscall(SYS_write, fd, bad, 10));
	say("writev", syscall(SYS_writev, fd, bad, 2));
	/* pwritev on a pipe would be ESPIPE before the iovec is read. */
	say("pwritev", syscall(SYS_pwritev, memfd_create("badptr", 0), bad, 2, 0, 0));
	iov[0].iov_base = bad;
	iov[0].iov_len = 10;
	iov[1].iov_base = bad;
	iov[1].iov_len = 10;
	say("writev-base", syscall(SYS_writev, fd, iov, 2));
	say("sendmsg", syscall(SYS_sendmsg, sock, bad, 0));
	memset(&sin, 0, sizeof(sin));
	memset(&msg, 0, sizeof(msg));
	msg.msg_name = bad;
	msg.msg_namelen = sizeof(sin);
	say("sendmsg-name", syscall(SYS_sendmsg, sock, &msg, 0));
	msg.msg_name = NULL;
	msg.msg_namelen = 0;
	msg.msg_iov = (struct iovec *)bad;
	msg.msg_iovlen = 1;
	say("sendmsg-iov", syscall(SYS_sendmsg, sock, &msg, 0));
	say("execve-path", syscall(SYS_execve, bad, good_argv, NULL));
	say("execve-argv", syscall(SYS_execve, self, bad, NULL));
	args[0] = (char *)self;
	args[1] = bad;
	args[2] = NULL;
	say("execve-arg", syscall(SYS_execve, self, args, NULL));
	/* argv's last two pointers end the page, with no NULL after them:
	 * read a page's end at a time, the array still runs into nothing. */
	((char **)bad)[-2] = (char *)self;
	((char **)bad)[-1] = (char *)self;
	say("execve-argv-edge", syscall(SYS_execve, self, (char **)bad - 2, NULL));
	say("execve-envp", syscall(SYS_execve, self, good_argv, bad));
	say("execveat", syscall(SYS_execveat, AT_FDCWD, bad, good_argv, NULL, 0));
	say("clone3", syscall(SYS_clone3, bad, sizeof(struct clone_args)));
	return 0;
}

/* DIR/ then components of up to 200 bytes until PATH_MAX - 1 is near. */
static int long_paths(const char *dir)
{
	size_t len = strlen(dir), want = PATH_MAX - 1;
	char *path = malloc(65537);
	char comp[256];
	long rc;

	if (!path || len + 400 > want)
		return 1;
	strcpy(path, dir);
	/* No name may pass NAME_MAX: components of up to 200 bytes, the
	 * last leaving the file's name 100 to 255 bytes. */
	while (want - len - 1 > NAME_MAX) {
		size_t k = want - len - 1 - 1 - 100;

		if (k > 200)
			k = 200;
		memset(comp, 'd', k);
		comp[k] = 0;
		path[len++] = '/';
		strcpy(path + len, comp);
		len += k;
		if (mkdir(path, 0700) < 0 && errno != EEXIST)
			return 1;
	}
	/* The file's name makes the whole PATH_MAX - 1 bytes. */
	path[len++] = '/';
	memset(path + len, 'f', want - len);
	path[want] = 0;
	rc = syscall(SYS_openat, AT_FDCWD, path, O_WRONLY | O_CREAT, 0600);
	if (rc < 0)
		return 1;
	close((int)rc);
	printf("long %zu\n", strlen(path));
	memset(path, 'a', 65536);
	path[0] = '/';
	path[PATH_MAX] = 0;
	rc = syscall(SYS_openat, AT_FDCWD, path, O_RDONLY);
	say("path4096", rc);
	if (rc >= 0 || errno != ENAMETOOLONG)
		return 1;
	path[PATH_MAX] = 'a';
	path[65536] = 0;
	rc = syscall(SYS_openat, AT_FDCWD, path, O_RDONLY);
	say("path65536", rc);
	return rc >= 0 || errno != ENAMETOOLONG;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "bad") == 0)
		return bad_calls(argv[2]);
	if (argc == 3 && strcmp(argv[1], "long") == 0)
		return long_paths(argv[2]);
	fprintf(stderr, "usage: badptr bad SELF | badptr long DIR\n");
	return 2;
}
