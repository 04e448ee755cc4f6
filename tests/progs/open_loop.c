/* open_loop - try to open a file again and again, saying how it went
 *
 * usage: open_loop FILE OUT
 * Every 20 ms opens FILE for reading and appends to OUT a line: "ok", or
 * the errno's name (EACCES, ENOENT...). Ends only when killed: a process
 * to watch under a policy, whose refusals it writes down itself.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	FILE *out;
	int fd;

	if (argc != 3 || !(out = fopen(argv[2], "a")))
		return 2;
	setvbuf(out, NULL, _IOLBF, 0);
	for (;;) {
		fd = open(argv[1], O_RDONLY);
		if (fd >= 0) {
			fputs("ok\n", out);
			close(fd);
		} else {
			fprintf(out, "%s\n", errno == EACCES ? "EACCES" :
				errno == ENOENT ? "ENOENT" : strerror(errno));
		}
		usleep(20000);
	}
}
