/* metrics.h - what the kernel counted for each process: CPU, faults,
 * context switches, I/O */
#ifndef GOBOX_METRICS_H
#define GOBOX_METRICS_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

struct json_object;

struct proc_metrics {
	bool known;		/* read at a thread's exit at least once */
	uint64_t utime_ms, stime_ms;	/* the whole process, its children
					 * not included */
	uint64_t minflt, majflt;
	uint64_t vcsw, ivcsw;	/* added up over the threads seen exit */
	uint64_t vcsw_all, ivcsw_all;	/* over all threads, read before a
					 * kill of ours (no exit stop follows) */
	bool io_known;
	uint64_t rchar, wchar;	/* bytes read and written by calls */
	uint64_t read_bytes, write_bytes;	/* from and to storage */
	uint64_t cancelled_write_bytes;	/* written, then truncated away */
};

/*
 * At the exit stop of thread tid of process pid, while /proc/PID is whole:
 * the thread's own context switches; when it is the last thread of the
 * process to exit, the process's totals (they only grow: the largest
 * reading is kept). Returns the process's VmHWM in KiB, or -1.
 */
long metrics_at_thread_exit(struct proc_metrics *m, pid_t pid, pid_t tid,
			    bool last);

/*
 * Before we kill process pid with SIGKILL (after which it stops nowhere):
 * its figures as they are, and its peak resident size (VmHWM) into
 * *peak_kb when larger.
 */
void metrics_before_kill(struct proc_metrics *m, long *peak_kb, pid_t pid);

/* -p: what a process did while watched: now less base (its figures when
 * it was found running). */
void metrics_since(struct proc_metrics *out, const struct proc_metrics *now,
		   const struct proc_metrics *base);

/* Add one process's figures to a sum of them. */
void metrics_add(struct proc_metrics *sum, const struct proc_metrics *m);

/* {cpu_user_ms, cpu_system_ms, minor_faults, ...}, or NULL if unknown. */
struct json_object *metrics_json(const struct proc_metrics *m);

/* The kernel's count of processes it killed for memory (/proc/vmstat
 * oom_kill), or -1. */
long long metrics_oom_kills(void);

#endif
