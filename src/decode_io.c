/* decode_io.c - I/O vectors and the byte counts of reads and writes */
#include "decode.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "ucopy.h"

#define IOV_BATCH 64

int iov_total(const struct event *ev, uint64_t addr, uint64_t count,
	      uint64_t *bytes)
{
	unsigned psize = abi_ptr_size(ev->abi);
	uint64_t done = 0;

	*bytes = 0;
	/* The kernel refuses more than UIO_MAXIOV (1024) entries. */
	if (count > 1024)
		count = 1024;
	while (done < count) {
		uint64_t raw[IOV_BATCH * 2];
		uint32_t *raw32 = (uint32_t *)raw;
		unsigned n = count - done > IOV_BATCH ? IOV_BATCH
						      : (unsigned)(count - done);
		unsigned i;

		if (ucopy(ev->tid, addr + done * 2 * psize, raw, n * 2 * psize) < 0)
			return -EFAULT;
		for (i = 0; i < n; i++)
			*bytes += psize == 8 ? raw[2 * i + 1] : raw32[2 * i + 1];
		done += n;
	}
	return 0;
}

void decode_iov(struct event *ev, unsigned i)
{
	struct arg_value *v = &ev->v[i];
	uint64_t count = i + 1 < SYSCALL_MAX_ARGS ? (uint32_t)ev->args[i + 1] : 0;

	v->u.iov.count = (unsigned)count;
	if (!v->raw && count) {
		v->status = VAL_NULL;
		return;
	}
	if (iov_total(ev, arg_ptr(ev, v->raw), count, &v->u.iov.bytes) < 0)
		v->status = VAL_EFAULT;
}

static bool is_write(const char *name)
{
	return !strcmp(name, "write") || !strcmp(name, "writev") ||
	       !strcmp(name, "pwrite64") || !strcmp(name, "pwritev") ||
	       !strcmp(name, "pwritev2");
}

enum fd_kind fd_kind_of(const char *target)
{
	struct stat st;

	if (strncmp(target, "socket:[", 8) == 0)
		return FD_SOCKET;
	if (strncmp(target, "pipe:[", 6) == 0)
		return FD_PIPE;
	if (target[0] != '/')
		return FD_OTHER;
	if (strncmp(target, "/dev/pts/", 9) == 0 ||
	    strncmp(target, "/dev/tty", 8) == 0 ||
	    strcmp(target, "/dev/console") == 0)
		return FD_TTY;
	/* A device, or a FIFO with a name, shows as its path: looked at in
	 * /dev only (a stat a write elsewhere would cost too much). */
	if (strncmp(target, "/dev/", 5) != 0 || stat(target, &st) < 0 ||
	    S_ISREG(st.st_mode) || S_ISDIR(st.st_mode))
		return FD_FILE;
	if (S_ISFIFO(st.st_mode))
		return FD_PIPE;
	return S_ISSOCK(st.st_mode) ? FD_SOCKET : FD_DEVICE;
}

void decode_write_target(struct event *ev)
{
	char buf[DECODE_PATH_MAX];
	unsigned long long ino;
	int fd = arg_int(ev->args[0]);

	if (ev->err || ev->rval <= 0 || !is_write(ev->desc->name) || fd < 0 ||
	    fd_target(ev->tid, fd, buf, sizeof(buf)) < 0)
		return;
	ev->fd_kind = fd_kind_of(buf);
	if (ev->fd_kind == FD_SOCKET && sscanf(buf, "socket:[%llu]", &ino) == 1)
		ev->sock_ino = ino;
}
