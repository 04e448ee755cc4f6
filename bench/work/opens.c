/* opens N: N opens in the current directory, every other one of a file
 * that is not there (ENOENT); the others are closed at once. */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 50000, i;
	int fd = open("exists", O_WRONLY | O_CREAT, 0600);

	if (fd < 0)
		return 1;
	close(fd);
	for (i = 0; i < n; i++) {
		fd = open(i % 2 ? "missing" : "exists", O_RDONLY);
		if ((fd >= 0) == (i % 2))
			return 1;
		if (fd >= 0)
			close(fd);
	}
	unlink("exists");
	return 0;
}
