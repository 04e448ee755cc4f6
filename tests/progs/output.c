/* output - known bytes on stdout and stderr
 *
 * usage: output STEP...
 *   text        "out: text\n" on stdout, "err: text\n" on stderr
 *   binary      every byte 0x00 to 0xff, then invalid UTF-8 (a lone
 *               continuation, a truncated sequence, an overlong, a
 *               surrogate, 0xf8) on stdout; the bytes 0xff down to 0x00
 *               and the same invalid UTF-8 on stderr
 *   big N       N bytes on stdout and N/3 on stderr, in writes of
 *               changing sizes (a pattern that depends on the offset)
 *   orphan      fork a child and return at once; the child waits until
 *               its parent is gone, then writes "orphan: out\n" on
 *               stdout and "orphan: err\n" on stderr
 *   wait DIR    create DIR/ready.PID, wait (at most 30 s) until DIR/go
 *               exists, then write "after go\n" on stdout
 *   isatty      "isatty N N\n" on stdout: isatty() of fd 1 and fd 2
 * Exits 0, or 1 when a write failed (2: bad usage).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char invalid_utf8[] =
	"\x80" "\xc3" "\xc0\xaf" "\xed\xa0\x80" "\xf8\x88\x80\x80\x80" "\n";

static int bad;

static void put(int fd, const void *buf, size_t n)
{
	const char *p = buf;

	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w <= 0) {
			bad = 1;
			return;
		}
		p += w;
		n -= (size_t)w;
	}
}

static void puts_fd(int fd, const char *s)
{
	put(fd, s, strlen(s));
}

static void binary(void)
{
	unsigned char up[256], down[256];
	unsigned i;

	for (i = 0; i < 256; i++) {
		up[i] = (unsigned char)i;
		down[i] = (unsigned char)(255 - i);
	}
	put(1, up, sizeof(up));
	put(1, invalid_utf8, sizeof(invalid_utf8) - 1);
	put(2, down, sizeof(down));
	put(2, invalid_utf8, sizeof(invalid_utf8) - 1);
}

/* n bytes of the pattern to fd, in writes of 1 to 8191 bytes. */
static void pattern(int fd, long n)
{
	static char buf[8192];
	long off = 0, i;
	size_t len = 1;

	while (off < n) {
		if ((long)len > n - off)
			len = (size_t)(n - off);
		for (i = 0; i < (long)len; i++)
			buf[i] = (char)('a' + (off + i) % 26);
		if ((off + (long)len) % 61 == 0)
			buf[len - 1] = '\n';
		put(fd, buf, len);
		off += (long)len;
		len = len * 7 % 8191 + 1;
	}
}

static void nap(void)
{
	struct timespec ts = { 0, 1000 * 1000 };

	nanosleep(&ts, NULL);
}

static void orphan(void)
{
	pid_t parent = getpid();
	int i;

	if (fork() != 0)
		return;
	for (i = 0; i < 30000 && getppid() == parent; i++)
		nap();
	puts_fd(1, "orphan: out\n");
	puts_fd(2, "orphan: err\n");
	_exit(bad);
}

static void wait_go(const char *dir)
{
	char path[4096];
	struct stat st;
	int fd, i;

	snprintf(path, sizeof(path), "%s/ready.%d", dir, (int)getpid());
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd >= 0)
		close(fd);
	snprintf(path, sizeof(path), "%s/go", dir);
	for (i = 0; i < 30000 && stat(path, &st) < 0; i++)
		nap();
	puts_fd(1, "after go\n");
}

int main(int argc, char **argv)
{
	char line[64];
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "text") == 0) {
			puts_fd(1, "out: text\n");
			puts_fd(2, "err: text\n");
		} else if (strcmp(argv[i], "binary") == 0) {
			binary();
		} else if (strcmp(argv[i], "big") == 0 && i + 1 < argc) {
			long n = atol(argv[++i]);

			pattern(1, n);
			pattern(2, n / 3);
		} else if (strcmp(argv[i], "orphan") == 0) {
			orphan();
		} else if (strcmp(argv[i], "wait") == 0 && i + 1 < argc) {
			wait_go(argv[++i]);
		} else if (strcmp(argv[i], "isatty") == 0) {
			snprintf(line, sizeof(line), "isatty %d %d\n", isatty(1),
				 isatty(2));
			puts_fd(1, line);
		} else {
			return 2;
		}
	}
	return bad;
}
