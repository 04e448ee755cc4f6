/* live.c - what is written while the program runs: the -o trace and the
 * --events stream
 *
 * Both are line-buffered and written as calls end, so that tail -f and a
 * log shipper see them at once. The event lines are the report's event
 * entries with a "type" ("syscall", "start", "exit") and, for a call the
 * policy refused or logged, its "verdict".
 */
#include "live.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>

#include "event_json.h"
#include "flags.h"
#include "jsonutil.h"
#include "options.h"
#include "proc.h"
#include "util.h"

/* "-" is our stdout; anything else a file made anew. */
static FILE *open_sink(const char *path, char *err, size_t errlen)
{
	/* Close-on-exec: the program must not write into our stream. */
	int fd = strcmp(path, "-") == 0 ? fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3) :
		 open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	FILE *f;

	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		snprintf(err, errlen, "cannot open '%s': %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	setvbuf(f, NULL, _IOLBF, 0);
	return f;
}

int live_open(struct live *l, const struct options *o, uint64_t start_real_ns,
	      uint64_t start_mono_ns, char *err, size_t errlen)
{
	memset(l, 0, sizeof(*l));
	l->base_ns = start_mono_ns;
	l->opts.pids = true;
	l->opts.times = o->trace_times > 3 ? 3 : o->trace_times;
	l->opts.durations = o->trace_durations;
	l->opts.paths = o->trace_paths;
	l->opts.only = o->only;
	l->opts.start_real_ns = start_real_ns;
	l->opts.start_mono_ns = start_mono_ns;
	if (o->trace_path && !(l->trace = open_sink(o->trace_path, err, errlen)))
		return -EINVAL;
	if (o->events_path && !(l->events = open_sink(o->events_path, err, errlen))) {
		if (l->trace)
			fclose(l->trace);
		l->trace = NULL;
		return -EINVAL;
	}
	return 0;
}

static void put_line(FILE *f, struct json_object *o)
{
	fputs(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
					     JSON_C_TO_STRING_NOSLASHESCAPE), f);
	fputc('\n', f);
	json_object_put(o);
}

void live_call(struct live *l, const struct event *ev, const char *verdict)
{
	struct json_object *o;

	if (l->trace)
		trace_text_event(l->trace, ev, &l->opts, verdict);
	if (!l->events || !trace_text_wanted(ev, &l->opts))
		return;
	o = event_json(ev, l->base_ns);
	json_set_str(o, "type", "syscall");
	if (verdict)
		json_set_str(o, "verdict", verdict);
	put_line(l->events, o);
}

void live_start(struct live *l, const struct proc *p, uint64_t now_ns)
{
	struct json_object *o;

	if (!l->events)
		return;
	o = json_object_new_object();
	json_set_str(o, "type", "start");
	json_set_double(o, "time_ms", (now_ns - l->base_ns) / 1e6, 3);
	json_set_int(o, "pid", p->pid);
	json_set_int(o, "ppid", p->ppid);
	if (p->created_by)
		json_set_str(o, "created_by", p->created_by);
	put_line(l->events, o);
}

void live_thread_end(struct live *l, pid_t tid, int status, uint64_t now_ns)
{
	if (l->trace)
		trace_text_exit(l->trace, tid, status, &l->opts, now_ns);
}

void live_end(struct live *l, const struct proc *p, int status,
	      uint64_t now_ns)
{
	struct json_object *o;
	char buf[32];

	if (l->trace)
		trace_text_exit(l->trace, p->pid, status, &l->opts, now_ns);
	if (!l->events)
		return;
	o = json_object_new_object();
	json_set_str(o, "type", "exit");
	json_set_double(o, "time_ms", (now_ns - l->base_ns) / 1e6, 3);
	json_set_int(o, "pid", p->pid);
	if (WIFSIGNALED(status))
		json_set_str(o, "signal", signal_name(WTERMSIG(status), buf,
						      sizeof(buf)));
	else
		json_set_int(o, "exit_code", WEXITSTATUS(status));
	if (p->killed_by)
		json_set_str(o, "killed_by", p->killed_by);
	put_line(l->events, o);
}

void live_signal(struct live *l, pid_t tid, const siginfo_t *si)
{
	if (l->trace)
		trace_text_signal(l->trace, tid, si, &l->opts, now_mono_ns());
}

int live_close(struct live *l)
{
	int rc = 0;

	if (l->trace && fclose(l->trace) != 0)
		rc = -errno;
	if (l->events && fclose(l->events) != 0 && !rc)
		rc = -errno;
	l->trace = l->events = NULL;
	return rc;
}
