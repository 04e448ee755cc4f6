/* ucopy.c - read the memory of a stopped tracee
 *
 * process_vm_readv is one system call per read and needs no stop of its
 * own. Where it is not allowed (some LSMs, or a kernel without it) the
 * fallback reads /proc/TID/mem, which a tracer may always read.
 */
#include "ucopy.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#define PAGE 4096u

static int ucopy_procmem(pid_t tid, uint64_t addr, void *buf, size_t len)
{
	char path[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/mem", (int)tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = pread(fd, buf, len, (off_t)addr);
	close(fd);
	if (n < 0)
		return errno == EIO ? -EFAULT : -errno;
	return (size_t)n == len ? 0 : -EFAULT;
}

int ucopy(pid_t tid, uint64_t addr, void *buf, size_t len)
{
	struct iovec local = { buf, len };
	struct iovec remote = { (void *)(uintptr_t)addr, len };
	ssize_t n;

	if (len == 0)
		return 0;
	if (addr == 0)
		return -EFAULT;
	n = process_vm_readv(tid, &local, 1, &remote, 1, 0);
	if (n == (ssize_t)len)
		return 0;
	if (n >= 0 || errno == EFAULT)
		return -EFAULT;
	if (errno == ENOSYS || errno == EPERM)
		return ucopy_procmem(tid, addr, buf, len);
	return -errno;
}

long ucopy_str(pid_t tid, uint64_t addr, char *buf, size_t size)
{
	size_t got = 0;

	if (addr == 0) {
		buf[0] = '\0';
		return -EFAULT;
	}
	while (got < size) {
		size_t chunk = PAGE - (size_t)((addr + got) % PAGE);
		char *nul;
		int rc;

		if (chunk > size - got)
			chunk = size - got;
		rc = ucopy(tid, addr + got, buf + got, chunk);
		if (rc < 0) {
			buf[got] = '\0';
			return rc;
		}
		nul = memchr(buf + got, '\0', chunk);
		if (nul)
			return nul - buf;
		got += chunk;
	}
	/* No NUL in size bytes: keep the first size - 1. */
	buf[size - 1] = '\0';
	return -ENAMETOOLONG;
}
