/* demo.c - a small program for the README's first command
 *
 * It does a little of everything gobox-strace reports: reads a file, looks
 * for a configuration file that is not there, writes a scratch file,
 * tries a loopback port where nothing listens, runs two threads, starts a
 * child that execs another program, and, as an untrusted program might,
 * peeks at /etc/passwd (refused by doc/examples/demo.conf).
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static void *worker(void *arg)
{
	char line[64];
	int n = snprintf(line, sizeof(line), "worker %ld says hello\n",
			 (long)(size_t)arg);

	if (write(STDOUT_FILENO, line, (size_t)n) < 0)
		perror("write");
	return NULL;
}

static void read_files(void)
{
	char buf[256];
	int fd = open("/etc/hostname", O_RDONLY | O_CLOEXEC);

	if (fd >= 0) {
		ssize_t n = read(fd, buf, sizeof(buf));

		close(fd);
		printf("read %zd bytes of /etc/hostname\n", n);
	}
	if (open("demo-missing.conf", O_RDONLY) < 0)
		printf("no demo-missing.conf here, using defaults\n");
	fd = open("/etc/passwd", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		perror("/etc/passwd");
	else
		close(fd);
}

static void write_scratch(void)
{
	const char *tmp = getenv("TMPDIR");
	char path[4096];
	int fd;

	snprintf(path, sizeof(path), "%s/gobox-demo.XXXXXX", tmp ? tmp : "/tmp");
	fd = mkstemp(path);

	if (fd < 0)
		return;
	if (write(fd, "scratch\n", 8) != 8)
		perror("write");
	close(fd);
	unlink(path);
}

static void try_network(void)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(9) };
	int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	inet_pton(AF_INET, "127.0.0.1", &sin.sin_addr);
	if (s >= 0 && connect(s, (struct sockaddr *)&sin, sizeof(sin)) < 0)
		perror("connect to 127.0.0.1:9");
	if (s >= 0)
		close(s);
}

int main(void)
{
	pthread_t t[2];
	pid_t pid;
	long i;

	setvbuf(stdout, NULL, _IONBF, 0);
	read_files();
	write_scratch();
	try_network();
	for (i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, worker, (void *)i);
	for (i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	pid = fork();
	if (pid == 0) {
		execl("/bin/echo", "echo", "child ran /bin/echo", (char *)NULL);
		_exit(127);
	}
	waitpid(pid, NULL, 0);
	return 0;
}
