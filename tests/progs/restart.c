/* restart - a traced call interrupted by a signal
 *
 * usage: restart [norestart]
 *        restart sleep|sleep-norestart|sleep-ign|poll|poll-ign
 * Fills a pipe (non-blocking 4096-byte writes until EAGAIN), then makes a
 * blocking 1-byte write to it. A periodic SIGALRM (every 20 ms) finds the
 * write blocked, empties the pipe and stops the timer. With SA_RESTART
 * (the default) the kernel restarts the write, which then writes its
 * byte; with "norestart" the write fails with EINTR.
 * The sleep and poll modes block in nanosleep or poll (300 ms) until a
 * SIGALRM 50 ms later: with a handler (SA_RESTART for sleep and poll, not
 * for sleep-norestart) the call fails with EINTR whatever SA_RESTART says,
 * as the kernel has it for these calls; an ignored SIGALRM ("-ign")
 * interrupts them only under a tracer, which then sees restart_syscall
 * finish them; either way they return 0.
 * Exits 0 when the call ended as the mode says, 1 otherwise.
 */
#include <errno.h>
#include <poll.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
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

static void on_tick(int sig)
{
	(void)sig;
}

/* A SIGALRM in 50 ms, handled (with or without SA_RESTART) or ignored,
 * while the program sleeps or polls for 300 ms. */
static int wait_mode(const char *mode)
{
	struct itimerval once = { { 0, 0 }, { 0, 50000 } };
	struct timespec ts = { 0, 300 * 1000 * 1000 };
	int ign = strstr(mode, "-ign") != NULL;
	struct sigaction sa;
	int rc;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = ign ? SIG_IGN : on_tick;
	sa.sa_flags = strstr(mode, "norestart") ? 0 : SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &once, NULL);
	if (strncmp(mode, "poll", 4) == 0)
		rc = poll(NULL, 0, 300);
	else
		rc = nanosleep(&ts, NULL);
	if (ign)
		return rc == 0 ? 0 : 1;
	return rc == -1 && errno == EINTR ? 0 : 1;
}

int main(int argc, char **argv)
{
	struct itimerval every = { { 0, 20000 }, { 0, 20000 } };
	int restart = !(argc > 1 && strcmp(argv[1], "norestart") == 0);
	struct sigaction sa;
	char buf[4096];
	int p[2];
	long rc;

	if (argc > 1 && (strncmp(argv[1], "sleep", 5) == 0 ||
			 strncmp(argv[1], "poll", 4) == 0))
		return wait_mode(argv[1]);
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
