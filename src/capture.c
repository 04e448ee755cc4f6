/* capture.c - the program's stdout and stderr: passed through, and kept
 *
 * The program writes to two pipes. A thread of ours reads them as the
 * bytes come, writes them on to our own stdout and stderr, and keeps the
 * first bytes of each for the report. It never calls ptrace: every ptrace
 * call stays on the tracer's thread. It ends at EOF on both pipes, or
 * when told the run is over and the pipes have gone quiet.
 */
#include "capture.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "util.h"

/* After the run: the pipes are quiet when nothing came for QUIET_MS;
 * we stop reading after DRAIN_MAX_MS whatever comes. */
#define QUIET_MS 100
#define DRAIN_MAX_MS 1000

void kept_add(struct kept *k, const char *buf, size_t n)
{
	size_t room = k->max - k->len, take = n < room ? n : room;

	k->total += n;
	if (!take)
		return;
	if (k->len + take > k->cap) {
		/* Grow by doubling, but never past max. */
		size_t cap = k->cap ? k->cap : 4096;

		while (cap < k->len + take)
			cap *= 2;
		k->cap = cap < k->max ? cap : k->max;
		k->data = xrealloc(k->data, k->cap);
	}
	memcpy(k->data + k->len, buf, take);
	k->len += take;
}

void kept_free(struct kept *k)
{
	free(k->data);
	k->data = NULL;
	k->len = k->cap = 0;
}

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* Move a new descriptor above 0, 1 and 2 (which are free only when we
 * were started with them closed), so that the child's dup2 onto 1 and 2
 * never meets itself and keeps close-on-exec. */
static int above_stdio(int fd)
{
	int moved;

	if (fd > 2)
		return fd;
	moved = fcntl(fd, F_DUPFD_CLOEXEC, 3);
	close(fd);
	return moved;
}

void capture_init(struct capture *c, bool on, size_t max, bool out_to_err)
{
	unsigned i;

	memset(c, 0, sizeof(*c));
	c->on = on;
	c->stop_fd = -1;
	for (i = 0; i < CAPTURE_STREAMS; i++) {
		c->s[i].read_fd = c->s[i].write_fd = -1;
		c->s[i].kept.max = max;
		/* -1 when the descriptor is closed. */
		c->s[i].pass_fd = on ? fcntl(out_to_err ? 2 : (int)i + 1,
					     F_DUPFD_CLOEXEC, 3) : -1;
	}
}

/* Write bytes on to our own stream. A stream that fails (closed, EPIPE)
 * is dropped; the capture goes on. */
static void pass_through(struct capture_stream *s, const char *buf, size_t n)
{
	if (s->pass_fd < 0)
		return;
	if (write_all(s->pass_fd, buf, n) < 0)
		close_fd(&s->pass_fd);
}

/* Read what one pipe has. Returns false at EOF (or an error). */
static bool read_some(struct capture *c, struct capture_stream *s)
{
	char buf[65536];
	ssize_t n = read(s->read_fd, buf, sizeof(buf));

	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return true;
	if (n < 0 && !c->read_err)
		c->read_err = errno;
	if (n <= 0)
		return false;
	pass_through(s, buf, (size_t)n);
	kept_add(&s->kept, buf, (size_t)n);
	return true;
}

/* How long the next poll may wait: for ever until the run is over, then
 * QUIET_MS, within DRAIN_MAX_MS of the end. -2: time is up. */
static int poll_timeout(uint64_t drain_start)
{
	uint64_t now = now_mono_ns(), end;

	if (!drain_start)
		return -1;
	end = drain_start + DRAIN_MAX_MS * 1000000ull;
	if (now >= end)
		return -2;
	return (end - now) / 1000000u < QUIET_MS ? (int)((end - now) / 1000000u)
						  : QUIET_MS;
}

static void read_until_done(struct capture *c)
{
	uint64_t drain_start = 0;

	while (c->s[CAPTURE_STDOUT].read_fd >= 0 ||
	       c->s[CAPTURE_STDERR].read_fd >= 0) {
		struct pollfd pf[CAPTURE_STREAMS + 1];
		int timeout = poll_timeout(drain_start), n;
		unsigned i;

		if (timeout == -2)
			break;
		for (i = 0; i < CAPTURE_STREAMS; i++)
			pf[i] = (struct pollfd){ c->s[i].read_fd, POLLIN, 0 };
		/* Once told, the stop descriptor stays readable: poll it no
		 * more. */
		pf[i] = (struct pollfd){ drain_start ? -1 : c->stop_fd, POLLIN, 0 };
		n = poll(pf, CAPTURE_STREAMS + 1, timeout);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			c->read_err = errno;
			break;
		}
		if (n == 0)	/* quiet after the run: done */
			break;
		if (pf[CAPTURE_STREAMS].revents)
			drain_start = now_mono_ns();
		for (i = 0; i < CAPTURE_STREAMS; i++)
			if (pf[i].revents && !read_some(c, &c->s[i]))
				close_fd(&c->s[i].read_fd);
	}
}

static void *reader(void *arg)
{
	read_until_done(arg);
	return NULL;
}

/* The thread takes no signal: the tracer's SIGINT, SIGTERM and alarm
 * must interrupt the main thread's waitpid. */
static int start_thread(struct capture *c)
{
	sigset_t all, old;
	int rc;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&c->thread, NULL, reader, c);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	c->running = rc == 0;
	return -rc;
}

static int open_pipes(struct capture *c)
{
	unsigned i;
	int p[2];

	for (i = 0; i < CAPTURE_STREAMS; i++) {
		if (pipe2(p, O_CLOEXEC) < 0)
			return -errno;
		c->s[i].read_fd = above_stdio(p[0]);
		c->s[i].write_fd = above_stdio(p[1]);
		if (c->s[i].read_fd < 0 || c->s[i].write_fd < 0)
			return -errno;
	}
	c->stop_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	return c->stop_fd < 0 ? -errno : 0;
}

static void close_all(struct capture *c)
{
	unsigned i;

	for (i = 0; i < CAPTURE_STREAMS; i++) {
		close_fd(&c->s[i].read_fd);
		close_fd(&c->s[i].write_fd);
	}
	close_fd(&c->stop_fd);
}

int capture_open(struct capture *c, char *err, size_t errlen)
{
	int rc;

	if (!c->on)
		return 0;
	rc = open_pipes(c);
	if (rc == 0)
		rc = start_thread(c);
	if (rc < 0) {
		snprintf(err, errlen, "cannot capture the program's output: %s",
			 strerror(-rc));
		close_all(c);
		c->on = false;
	}
	return rc;
}

void capture_forked(struct capture *c)
{
	close_fd(&c->s[CAPTURE_STDOUT].write_fd);
	close_fd(&c->s[CAPTURE_STDERR].write_fd);
}

void capture_finish(struct capture *c)
{
	uint64_t one = 1;

	if (!c->running)
		return;
	capture_forked(c);	/* in case the fork never came */
	if (write(c->stop_fd, &one, sizeof(one)) < 0)
		errorf("cannot stop the output reader: %s", strerror(errno));
	pthread_join(c->thread, NULL);
	c->running = false;
}

void capture_free(struct capture *c)
{
	unsigned i;

	capture_finish(c);
	close_all(c);
	for (i = 0; i < CAPTURE_STREAMS; i++) {
		close_fd(&c->s[i].pass_fd);
		kept_free(&c->s[i].kept);
	}
}
