/* policy_race_fd - a descriptor swapped under a call by another thread
 *
 * usage: policy_race_fd mmap DIR N
 *        DIR/a and DIR/b are files of one page or more whose first byte is
 *        'a' and 'b'. A thread puts a and b by turns on one descriptor
 *        (dup2) while the main thread maps that descriptor PROT_EXEC N
 *        times. Prints "mapped-a=N", "mapped-b=N" (by the first byte of
 *        what was mapped) and "refused=N" (mmap failed).
 *        policy_race_fd listen N
 *        A thread puts by turns a TCP socket bound to 127.0.0.1 and a new
 *        socket never bound on one descriptor while the main thread
 *        calls listen on it, N times (a new unbound socket each time).
 *        Prints "autobound=N" (unbound sockets that got a port),
 *        "listened=N" and "refused=N".
 *        policy_race_fd procfd FILE OP N
 *        A thread puts by turns a pipe and FILE (opened read-only) on
 *        descriptor 10 while the main thread calls OP on
 *        "/proc/self/fd/10" N times: truncate (truncate to 0), chmod
 *        (mode 04777) or reopen (open O_WRONLY|O_TRUNC, then write "x").
 *        Prints "done=N" (calls that worked) and "refused=N".
 *        policy_race_fd cwd DIR N
 *        A thread moves the working directory by turns (fchdir) between
 *        a directory since deleted and DIR while the main thread calls
 *        chmod("/proc/self/cwd", 01777) N times. Prints "done=N" and
 *        "refused=N".
 *        policy_race_fd map-files FILE N
 *        A thread maps by turns a memfd and FILE (read-only, MAP_FIXED)
 *        at one address while the main thread calls truncate on
 *        /proc/self/map_files/START-END N times. Prints "done=N" and
 *        "refused=N".
 *        policy_race_fd exit-storm
 *        Four threads replace and close descriptors in a loop while the
 *        main thread returns from main after 20 ms. Prints nothing.
 *        policy_race_fd fifo-name DIR
 *        maps PROT_EXEC a deleted file whose old name, with the
 *        " (deleted)" /proc adds, is now a FIFO; prints "mapped ok" or
 *        the errno's name.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static atomic_int stop;
static atomic_int one = -1, two = -1;	/* what the swapper alternates */
static int target;			/* the descriptor swapped */

static void *swapper(void *arg)
{
	(void)arg;
	while (!atomic_load(&stop)) {
		dup2(atomic_load(&one), target);
		dup2(atomic_load(&two), target);
	}
	return NULL;
}

static int race_mmap(const char *dir, int n)
{
	char path[4096];
	int a, b, i, got_a = 0, got_b = 0, refused = 0;
	pthread_t th;

	snprintf(path, sizeof(path), "%s/a", dir);
	a = open(path, O_RDONLY | O_CLOEXEC);
	snprintf(path, sizeof(path), "%s/b", dir);
	b = open(path, O_RDONLY | O_CLOEXEC);
	if (a < 0 || b < 0)
		return 1;
	target = dup(a);
	atomic_store(&one, a);
	atomic_store(&two, b);
	pthread_create(&th, NULL, swapper, NULL);
	for (i = 0; i < n; i++) {
		char *p = mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE,
			       target, 0);

		if (p == MAP_FAILED) {
			refused++;
			continue;
		}
		if (p[0] == 'b')
			got_b++;
		else
			got_a++;
		munmap(p, 4096);
	}
	atomic_store(&stop, 1);
	pthread_join(th, NULL);
	printf("mapped-a=%d\nmapped-b=%d\nrefused=%d\n", got_a, got_b, refused);
	return 0;
}

static int race_listen(int n)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int bound = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int i, autobound = 0, listened = 0, refused = 0;
	pthread_t th;

	if (bound < 0 || bind(bound, (struct sockaddr *)&sin, sizeof(sin)) < 0)
		return 1;
	target = dup(bound);
	atomic_store(&one, bound);
	for (i = 0; i < n; i++) {
		int u = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		struct sockaddr_in got;
		socklen_t len = sizeof(got);

		atomic_store(&two, u);
		if (i == 0)
			pthread_create(&th, NULL, swapper, NULL);
		if (listen(target, 1) == 0)
			listened++;
		else
			refused++;
		if (getsockname(u, (struct sockaddr *)&got, &len) == 0 &&
		    got.sin_port != 0)
			autobound++;
		atomic_store(&two, bound);
		usleep(10);	/* the swapper lets go of u before it closes */
		close(u);
	}
	atomic_store(&stop, 1);
	pthread_join(th, NULL);
	printf("autobound=%d\nlistened=%d\nrefused=%d\n", autobound, listened,
	       refused);
	return 0;
}

/* What /proc/self/fd/10 reaches is swapped under the call. */
static int race_procfd(const char *file, const char *what, int n)
{
	const char *path = "/proc/self/fd/10";
	int p[2], f = open(file, O_RDONLY | O_CLOEXEC), i, done = 0, refused = 0;
	pthread_t th;

	if (f < 0 || pipe2(p, O_CLOEXEC) < 0)
		return 1;
	target = 10;
	dup2(p[0], target);
	atomic_store(&one, p[0]);
	atomic_store(&two, f);
	pthread_create(&th, NULL, swapper, NULL);
	for (i = 0; i < n; i++) {
		long rc;

		if (strcmp(what, "truncate") == 0) {
			rc = truncate(path, 0);
		} else if (strcmp(what, "chmod") == 0) {
			rc = chmod(path, 04777);
		} else {
			rc = open(path, O_WRONLY | O_TRUNC | O_NONBLOCK | O_CLOEXEC);
			if (rc >= 0) {
				if (write((int)rc, "x", 1) < 0)
					rc = -1;
				close((int)(rc < 0 ? 0 : rc));
			}
		}
		if (rc < 0)
			refused++;
		else
			done++;
	}
	atomic_store(&stop, 1);
	pthread_join(th, NULL);
	printf("done=%d\nrefused=%d\n", done, refused);
	return 0;
}

static atomic_int cwd_fds[2];

static void *cwd_flipper(void *arg)
{
	(void)arg;
	while (!atomic_load(&stop)) {
		fchdir(atomic_load(&cwd_fds[0]));
		fchdir(atomic_load(&cwd_fds[1]));
	}
	return NULL;
}

/* /proc/self/cwd moved under the call (the working directory is shared
 * by the threads). */
static int race_cwd(const char *dir, int n)
{
	char gone[] = "/tmp/gobox-cwd.XXXXXX";
	int i, done = 0, refused = 0;
	pthread_t th;

	if (!mkdtemp(gone))
		return 1;
	atomic_store(&cwd_fds[0], open(gone, O_RDONLY | O_DIRECTORY | O_CLOEXEC));
	atomic_store(&cwd_fds[1], open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC));
	if (rmdir(gone) < 0 || atomic_load(&cwd_fds[1]) < 0)
		return 1;
	pthread_create(&th, NULL, cwd_flipper, NULL);
	for (i = 0; i < n; i++)
		if (chmod("/proc/self/cwd", 01777) == 0)
			done++;
		else
			refused++;
	atomic_store(&stop, 1);
	pthread_join(th, NULL);
	printf("done=%d\nrefused=%d\n", done, refused);
	return 0;
}

static void *volatile map_at;
static atomic_int map_fds[2];

static void *map_flipper(void *arg)
{
	(void)arg;
	while (!atomic_load(&stop)) {
		mmap(map_at, 4096, PROT_READ, MAP_SHARED | MAP_FIXED,
		     atomic_load(&map_fds[0]), 0);
		mmap(map_at, 4096, PROT_READ, MAP_SHARED | MAP_FIXED,
		     atomic_load(&map_fds[1]), 0);
	}
	return NULL;
}

/* /proc/self/map_files/A-B moved under the call by another mmap. */
static int race_map_files(const char *file, int n)
{
	int mem = (int)syscall(SYS_memfd_create, "m", MFD_CLOEXEC);
	int f = open(file, O_RDONLY | O_CLOEXEC), i, done = 0, refused = 0;
	char path[96];
	pthread_t th;

	if (mem < 0 || f < 0 || ftruncate(mem, 4096) < 0)
		return 1;
	map_at = mmap(NULL, 4096, PROT_READ, MAP_SHARED, mem, 0);
	if (map_at == MAP_FAILED)
		return 1;
	atomic_store(&map_fds[0], mem);
	atomic_store(&map_fds[1], f);
	snprintf(path, sizeof(path), "/proc/self/map_files/%lx-%lx",
		 (unsigned long)map_at, (unsigned long)map_at + 4096);
	pthread_create(&th, NULL, map_flipper, NULL);
	for (i = 0; i < n; i++)
		if (truncate(path, 0) == 0)
			done++;
		else
			refused++;
	atomic_store(&stop, 1);
	pthread_join(th, NULL);
	printf("done=%d\nrefused=%d\n", done, refused);
	return 0;
}

static void *storm(void *arg)
{
	int fd = (int)(long)arg;

	for (;;) {
		dup2(0, fd);
		close(fd);
	}
	return NULL;
}

/* Threads in calls that wait their turn while the process ends. */
static int exit_storm(void)
{
	pthread_t th;
	long i;

	for (i = 0; i < 4; i++)
		pthread_create(&th, NULL, storm, (void *)(50 + i));
	usleep(20 * 1000);
	return 0;
}

/* A reader of the descriptor's name (rather than of the descriptor)
 * would block on the FIFO. */
static int fifo_name(const char *dir)
{
	char path[4096], fifo[4200];
	int fd;
	void *p;

	snprintf(path, sizeof(path), "%s/lib", dir);
	snprintf(fifo, sizeof(fifo), "%s (deleted)", path);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
	if (fd < 0 || ftruncate(fd, 4096) < 0 || unlink(path) < 0 ||
	    mkfifo(fifo, 0600) < 0)
		return 1;
	p = mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0);
	printf("mapped %s\n", p == MAP_FAILED ? strerrorname_np(errno) : "ok");
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 4 && strcmp(argv[1], "mmap") == 0)
		return race_mmap(argv[2], atoi(argv[3]));
	if (argc == 3 && strcmp(argv[1], "listen") == 0)
		return race_listen(atoi(argv[2]));
	if (argc == 4 && strcmp(argv[1], "cwd") == 0)
		return race_cwd(argv[2], atoi(argv[3]));
	if (argc == 4 && strcmp(argv[1], "map-files") == 0)
		return race_map_files(argv[2], atoi(argv[3]));
	if (argc == 2 && strcmp(argv[1], "exit-storm") == 0)
		return exit_storm();
	if (argc == 5 && strcmp(argv[1], "procfd") == 0)
		return race_procfd(argv[2], argv[3], atoi(argv[4]));
	if (argc == 3 && strcmp(argv[1], "fifo-name") == 0)
		return fifo_name(argv[2]);
	fprintf(stderr, "usage: policy_race_fd mmap DIR N | listen N | "
		"procfd FILE OP N | cwd DIR N | map-files FILE N | exit-storm | "
		"fifo-name DIR\n");
	return 2;
}
