/* metrics.c - what the kernel counted for each process: CPU, faults,
 * context switches, I/O
 *
 * Read at each thread's PTRACE_EVENT_EXIT stop, the last moment /proc/PID
 * is whole. /proc/PID/stat and /proc/PID/io count the whole process (its
 * ended threads included); context switches are only per thread, so they
 * are added up thread by thread. A process killed by SIGKILL may never
 * stop there: then only the run's totals (getrusage) know it.
 */
#include "metrics.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>

#include "jsonutil.h"
#include "util.h"

static void keep_max(uint64_t *have, uint64_t v)
{
	if (v > *have)
		*have = v;
}

/* /proc/PID/stat: faults and CPU after the command's closing ")". */
static void read_stat(struct proc_metrics *m, pid_t pid)
{
	char path[64], buf[2048], *p;
	unsigned long long minflt, majflt, utime, stime;
	long hz = sysconf(_SC_CLK_TCK);

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if (read_small_file(path, buf, sizeof(buf)) < 0 || !(p = strrchr(buf, ')')))
		return;
	/* state ppid pgrp session tty tpgid flags minflt cminflt majflt
	 * cmajflt utime stime */
	if (sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %llu %*u %llu %*u %llu %llu",
		   &minflt, &majflt, &utime, &stime) != 4 || hz <= 0)
		return;
	m->known = true;
	keep_max(&m->minflt, minflt);
	keep_max(&m->majflt, majflt);
	keep_max(&m->utime_ms, utime * 1000 / (unsigned long long)hz);
	keep_max(&m->stime_ms, stime * 1000 / (unsigned long long)hz);
}

static uint64_t field(const char *buf, const char *name)
{
	const char *p = strstr(buf, name);
	unsigned long long v = 0;

	if (p)
		sscanf(p + strlen(name), " %llu", &v);
	return v;
}

static void read_io(struct proc_metrics *m, pid_t pid)
{
	char path[64], buf[1024];

	snprintf(path, sizeof(path), "/proc/%d/io", (int)pid);
	if (read_small_file(path, buf, sizeof(buf)) < 0)
		return;
	m->io_known = true;
	keep_max(&m->rchar, field(buf, "rchar:"));
	keep_max(&m->wchar, field(buf, "wchar:"));
	keep_max(&m->read_bytes, field(buf, "\nread_bytes:"));
	keep_max(&m->write_bytes, field(buf, "\nwrite_bytes:"));
	keep_max(&m->cancelled_write_bytes, field(buf, "cancelled_write_bytes:"));
}

/* The thread's own status: its context switches, and the process's
 * VmHWM (returned, in KiB, or -1). */
static long read_thread_status(struct proc_metrics *m, pid_t pid, pid_t tid)
{
	char path[64], buf[4096];
	const char *hwm;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/status", (int)pid, (int)tid);
	if (read_small_file(path, buf, sizeof(buf)) < 0)
		return -1;
	m->vcsw += field(buf, "\nvoluntary_ctxt_switches:");
	m->ivcsw += field(buf, "nonvoluntary_ctxt_switches:");
	hwm = strstr(buf, "\nVmHWM:");
	return hwm ? (long)field(hwm, "\nVmHWM:") : -1;
}

long metrics_at_thread_exit(struct proc_metrics *m, pid_t pid, pid_t tid,
			    bool last)
{
	if (last) {
		read_stat(m, pid);
		read_io(m, pid);
	}
	return read_thread_status(m, pid, tid);
}

void metrics_before_kill(struct proc_metrics *m, long *peak_kb, pid_t pid)
{
	char path[320], buf[4096];
	struct dirent *d;
	uint64_t v = 0, iv = 0;
	DIR *dir;
	long kb;

	read_stat(m, pid);
	read_io(m, pid);
	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	if (read_small_file(path, buf, sizeof(buf)) >= 0) {
		kb = (long)field(buf, "\nVmHWM:");
		if (kb > *peak_kb)
			*peak_kb = kb;
	}
	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	dir = opendir(path);
	while (dir && (d = readdir(dir))) {
		if (d->d_name[0] < '0' || d->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%d/task/%s/status", (int)pid,
			 d->d_name);
		if (read_small_file(path, buf, sizeof(buf)) < 0)
			continue;
		v += field(buf, "\nvoluntary_ctxt_switches:");
		iv += field(buf, "nonvoluntary_ctxt_switches:");
	}
	if (dir)
		closedir(dir);
	keep_max(&m->vcsw_all, v);
	keep_max(&m->ivcsw_all, iv);
}

static uint64_t less(uint64_t a, uint64_t b)
{
	return a > b ? a - b : 0;
}

void metrics_since(struct proc_metrics *out, const struct proc_metrics *now,
		   const struct proc_metrics *base)
{
	*out = *now;
	if (!base->known)
		return;
	out->utime_ms = less(now->utime_ms, base->utime_ms);
	out->stime_ms = less(now->stime_ms, base->stime_ms);
	out->minflt = less(now->minflt, base->minflt);
	out->majflt = less(now->majflt, base->majflt);
	out->vcsw_all = less(now->vcsw_all, base->vcsw_all);
	out->ivcsw_all = less(now->ivcsw_all, base->ivcsw_all);
	if (!base->io_known)
		return;
	out->rchar = less(now->rchar, base->rchar);
	out->wchar = less(now->wchar, base->wchar);
	out->read_bytes = less(now->read_bytes, base->read_bytes);
	out->write_bytes = less(now->write_bytes, base->write_bytes);
	out->cancelled_write_bytes = less(now->cancelled_write_bytes,
					  base->cancelled_write_bytes);
}

void metrics_add(struct proc_metrics *sum, const struct proc_metrics *m)
{
	if (m->known) {
		sum->known = true;
		sum->utime_ms += m->utime_ms;
		sum->stime_ms += m->stime_ms;
		sum->minflt += m->minflt;
		sum->majflt += m->majflt;
		sum->vcsw += m->vcsw;
		sum->ivcsw += m->ivcsw;
	}
	if (m->io_known) {
		sum->io_known = true;
		sum->rchar += m->rchar;
		sum->wchar += m->wchar;
		sum->read_bytes += m->read_bytes;
		sum->write_bytes += m->write_bytes;
		sum->cancelled_write_bytes += m->cancelled_write_bytes;
	}
}

struct json_object *metrics_json(const struct proc_metrics *m)
{
	struct json_object *o, *io;

	if (!m->known)
		return NULL;
	o = json_object_new_object();
	json_set_uint(o, "cpu_user_ms", m->utime_ms);
	json_set_uint(o, "cpu_system_ms", m->stime_ms);
	json_set_uint(o, "minor_faults", m->minflt);
	json_set_uint(o, "major_faults", m->majflt);
	json_set_uint(o, "voluntary_context_switches",
		      m->vcsw > m->vcsw_all ? m->vcsw : m->vcsw_all);
	json_set_uint(o, "involuntary_context_switches",
		      m->ivcsw > m->ivcsw_all ? m->ivcsw : m->ivcsw_all);
	if (m->io_known) {
		io = json_object_new_object();
		json_set_uint(io, "rchar", m->rchar);
		json_set_uint(io, "wchar", m->wchar);
		json_set_uint(io, "read_bytes", m->read_bytes);
		json_set_uint(io, "write_bytes", m->write_bytes);
		json_set_uint(io, "cancelled_write_bytes", m->cancelled_write_bytes);
		json_set(o, "io", io);
	}
	return o;
}

long long metrics_oom_kills(void)
{
	char buf[16384];
	const char *p;

	if (read_small_file("/proc/vmstat", buf, sizeof(buf)) < 0 ||
	    !(p = strstr(buf, "\noom_kill ")))
		return -1;
	return (long long)field(p, "oom_kill");
}
