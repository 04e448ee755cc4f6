/* decode_io.c - I/O vectors and the byte counts of reads and writes */
#include "decode.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "fdkind.h"
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

void decode_write_target(struct event *ev)
{
	int fd = arg_int(ev->args[0]);
	enum fd_kind kind;
	uint64_t ino;

	if (ev->err || ev->rval <= 0 || !is_write(ev->desc->name) || fd < 0 ||
	    fdkind_get(ev->tid, fd, &kind, &ino) < 0)
		return;
	ev->fd_kind = kind;
	if (kind == FD_SOCKET)
		ev->sock_ino = ino;
}
