/* restart - a traced call interrupted by a signal
 *
 * usage: restart [norestart]
 * Fills a pipe (non-blocking 4096-byte writes until EAGAIN), then makes a
 * blocking 1-byte write to it. A periodic SIGALRM (every 20 ms) finds the
 * write blocked, empties the pipe and stops the timer. With SA_RESTART
 * (the default) the kernel restarts the write, which then writes its
 * byte; with "norestart" the write fails with EINTR.
 * Exits 0 when the write ended as the mode says, 1 otherwise.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

static int rfd;
static volatile sig_atomic_t in_write;

static void on_alarm(int sig)
{
	static char buf[65536];
	struct itimerval off;

	(void)sig;
	/* A tick before the blocking write: wait for the next one. */
	if (!in_write)
		return;
	memset(&off, 0, sizeof(off));
	setitimer(ITIMER_REAL, &off, NULL);
	while (read(rfd, buf, sizeof(buf)) == (ssize_t)sizeof(buf))
		;
}

int main(int argc, char **argv)
{
	struct itimerval every = { { 0, 20000 }, { 0, 20000 } };
	int restart = !(argc > 1 && strcmp(argv[1], "norestart") == 0);
	struct sigaction sa;
	char buf[4096];
	int p[2];
	long rc;

	if (pipe2(p, O_NONBLOCK) < 0)
		return 1;
	rfd = p[0];
	memset(buf, 'x', sizeof(buf));
	while (syscall(SYS_write, p[1], buf, sizeof(buf)) > 0)
		;
	if (errno != EAGAIN)
		return 1;
	fcntl(p[1], F_SETFL, 0);
	/* The read end stays non-blocking, for the handler's loop. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sa.sa_flags = restart ? SA_RESTART : 0;
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &every, NULL);
	in_write = 1;
	rc = syscall(SYS_write, p[1], buf, 1);
	if (restart)
		return rc == 1 ? 0 : 1;
	return rc == -1 && errno == EINTR ? 0 : 1;
}
