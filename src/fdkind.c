/* fdkind.c - what a descriptor of the program refers to, cheaply
 *
 * A write is classed by what its descriptor refers to. Reading the link
 * /proc/TID/fd/N and parsing it costs a path walk and a name; an fstatat
 * on the open directory /proc/TID/fd costs one lookup and gives the type
 * and the inode directly (named FIFOs and sockets included).
 */
#include "fdkind.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "pidmap.h"

/* Directories kept open at most: one a thread that writes. Beyond, the
 * thread's is opened for the call and closed. */
#define FDKIND_MAX_DIRS 256

static struct pidmap dirs;	/* tid -> its /proc/TID/fd descriptor + 1 */

static int open_dir(pid_t tid)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/fd", (int)tid);
	return open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

/* Terminals: the virtual consoles and serial lines, /dev/tty and the
 * console, the pseudo-terminals, USB serial lines. */
static int is_tty(dev_t rdev)
{
	unsigned m = major(rdev);

	return m == 4 || m == 5 || (m >= 136 && m <= 143) || m == 166 ||
	       m == 188 || m == 204;
}

static enum fd_kind kind_of(const struct stat *st)
{
	switch (st->st_mode & S_IFMT) {
	case S_IFREG:
	case S_IFDIR:
		return FD_FILE;
	case S_IFIFO:
		return FD_PIPE;
	case S_IFSOCK:
		return FD_SOCKET;
	case S_IFCHR:
		return is_tty(st->st_rdev) ? FD_TTY : FD_DEVICE;
	case S_IFBLK:
		return FD_DEVICE;
	default:
		return FD_OTHER;	/* anon inodes: eventfd, epoll... */
	}
}

static int stat_fd(int dir, int fd, struct stat *st)
{
	char name[16];

	snprintf(name, sizeof(name), "%d", fd);
	return fstatat(dir, name, st, 0) < 0 ? -errno : 0;
}

int fdkind_get(pid_t tid, int fd, enum fd_kind *kind, uint64_t *ino)
{
	uintptr_t kept = (uintptr_t)pidmap_get(&dirs, tid);
	struct stat st;
	int dir, rc;

	if (fd < 0)
		return -EBADF;
	dir = kept ? (int)kept - 1 : open_dir(tid);
	if (dir < 0)
		return -errno;
	rc = stat_fd(dir, fd, &st);
	if (!kept && dirs.count < FDKIND_MAX_DIRS)
		pidmap_put(&dirs, tid, (void *)(uintptr_t)(dir + 1));
	else if (!kept)
		close(dir);
	if (rc < 0)
		return rc;
	*kind = kind_of(&st);
	*ino = st.st_ino;
	return 0;
}

void fdkind_forget(pid_t tid)
{
	uintptr_t kept = (uintptr_t)pidmap_del(&dirs, tid);

	if (kept)
		close((int)kept - 1);
}
