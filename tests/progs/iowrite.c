/* iowrite - write a known amount to a file, to storage
 *
 * usage: iowrite FILE BYTES
 * Writes BYTES bytes to FILE in 64 KiB write(2) calls, fsyncs it, then
 * prints what /proc/self/io says of itself: "write_bytes=N", "wchar=N",
 * "rchar=N", "read_bytes=N".
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static unsigned long long io_field(const char *buf, const char *name)
{
	const char *p = strstr(buf, name);

	return p ? strtoull(p + strlen(name), NULL, 10) : 0;
}

int main(int argc, char **argv)
{
	static char chunk[65536];
	long long left = argc == 3 ? atoll(argv[2]) : -1;
	char buf[1024];
	ssize_t n;
	int fd, io;

	if (left < 0)
		return 2;
	fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return 1;
	memset(chunk, 'x', sizeof(chunk));
	while (left > 0) {
		n = write(fd, chunk, left < (long long)sizeof(chunk) ?
				     (size_t)left : sizeof(chunk));
		if (n <= 0)
			return 1;
		left -= n;
	}
	if (fsync(fd) < 0 || close(fd) < 0)
		return 1;
	io = open("/proc/self/io", O_RDONLY | O_CLOEXEC);
	n = io < 0 ? -1 : read(io, buf, sizeof(buf) - 1);
	if (n <= 0)
		return 1;
	buf[n] = '\0';
	printf("write_bytes=%llu\nwchar=%llu\nrchar=%llu\nread_bytes=%llu\n",
	       io_field(buf, "\nwrite_bytes: "), io_field(buf, "wchar: "),
	       io_field(buf, "rchar: "), io_field(buf, "\nread_bytes: "));
	return 0;
}
