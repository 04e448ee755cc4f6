/* ucopy.c - read the memory of a stopped tracee
 *
 * process_vm_readv is one system call per read and needs no stop of its
 * own. Where it is not allowed (some LSMs, a kernel without it, a process
 * that is not dumpable) the fallback reads /proc/TID/mem, then peeks.
 */
#include "ucopy.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <unistd.h>

#define PAGE 4096u

/* A word at a time: the tracer may always peek, even into a process
 * that made itself not dumpable, which process_vm_readv and /proc/PID/mem
 * refuse to a tracer without CAP_SYS_PTRACE. */
static int ucopy_peek(pid_t tid, uint64_t addr, void *buf, size_t len)
{
	unsigned char *out = buf;
	uint64_t start = addr & ~7ULL;
	size_t done = 0;

	while (done < len) {
		uint64_t at = start + ((addr + done - start) & ~7ULL);
		size_t skip = (size_t)(addr + done - at), n;
		long word;

		errno = 0;
		word = ptrace(PTRACE_PEEKDATA, tid, (void *)(uintptr_t)at, NULL);
		if (errno)
			return errno == EIO ? -EFAULT : -errno;
		n = 8 - skip < len - done ? 8 - skip : len - done;
		memcpy(out + done, (unsigned char *)&word + skip, n);
		done += n;
	}
	return 0;
}

static int ucopy_procmem(pid_t tid, uint64_t addr, void *buf, size_t len)
{
	char path[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/mem", (int)tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == EACCES || errno == EPERM ?
		       ucopy_peek(tid, addr, buf, len) : -errno;
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
