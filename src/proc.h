/* proc.h - what the report knows of each process and thread of the run */
#ifndef GOBOX_PROC_H
#define GOBOX_PROC_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "metrics.h"
#include "tally.h"

/* A program image and its command line. */
struct image {
	char *exe;		/* from /proc/PID/exe, or NULL */
	char **argv;
	size_t *lens;		/* argv[i] may hold any byte but NUL */
	unsigned argc;
	bool truncated;		/* argv was cut at our limit */
	uint64_t time_ns;	/* when it was exec'd (0: inherited) */
};

/* Execs kept per process; exec_count counts them all. */
#define PROC_MAX_EXECS 16

/* One thread of a process, alive or gone. */
struct thread_rec {
	pid_t tid;
	pid_t former_tid;	/* a thread that called execve takes the
				 * leader's id: its id before, else 0 */
	pid_t creator_tid;	/* 0 for the first thread of a process */
	uint64_t start_ns;	/* CLOCK_MONOTONIC */
	uint64_t end_ns;	/* 0 while alive */
	bool exec_replaced;	/* ended by an execve in another thread */
};

struct proc {
	pid_t pid;
	pid_t ppid;		/* the kernel's parent when first seen */
	pid_t creator_tid;	/* the thread whose clone/fork made it */
	const char *created_by;	/* "spawn", "fork", "vfork", "clone", "clone3" */
	uint64_t clone_flags;	/* CLONE_* as asked, when flags_known */
	int exit_signal;	/* and the signal its parent gets at its end */
	bool flags_known;
	struct proc *parent;	/* record of the creator's process, or NULL */
	struct proc *first_child, *last_child, *next_sibling;
	struct proc *next;	/* every process, in the order first seen */

	struct image image;	/* what it runs now */
	struct image *execs;	/* its first PROC_MAX_EXECS execs */
	unsigned nexecs;
	unsigned exec_count;	/* successful execs */

	uint64_t start_ns, end_ns;
	bool ended;
	bool exit_known;	/* the leader's wait status was seen */
	int exit_code;		/* when exited normally */
	int term_signal;	/* when killed by a signal, else 0 */
	bool core_dumped;
	bool detached;		/* -p: let go of while it ran on */
	struct proc_metrics attach_base;	/* -p: its figures when found */
	uint64_t began_real_ns;	/* -p: when it started, long before the
				 * watch (CLOCK_REALTIME), or 0 */
	const char *killed_by;	/* "policy", "violation"... when we killed
				 * it, else NULL */
	long peak_rss_kb;	/* largest VmHWM read at a thread's exit */
	struct proc_metrics metrics;	/* CPU, faults, switches, I/O */
	int fault_signal;	/* the last SIGSEGV, SIGBUS, SIGILL, SIGFPE
				 * the kernel sent it, or 0 */
	int fault_code;		/* its si_code (SEGV_MAPERR...) */
	uint64_t fault_addr;	/* its si_addr */
	uint64_t sigs_got;	/* signals sent to the tracer that it got by
				 * itself (bit sig - 1): not passed on */

	struct thread_rec *threads;
	unsigned nthreads, threads_cap;
	unsigned threads_exiting;	/* alive, past their exit stop */
	unsigned threads_alive, threads_peak;

	struct tally_set tallies;
};

/* All processes of a run, in the order they were first seen. */
struct proc_list {
	struct proc *first, *last;
	unsigned count;
	unsigned threads_total;
	unsigned threads_alive, threads_peak;	/* over the whole run */
};

/* Add a process record (no threads yet). */
struct proc *proc_new(struct proc_list *list, pid_t pid, pid_t ppid,
		      uint64_t now_ns);

/* Attach a child record to its creator's record in the tree. */
void proc_link_child(struct proc *parent, struct proc *child);

/* A thread starts in p. Returns its record. */
struct thread_rec *proc_thread_start(struct proc_list *list, struct proc *p,
				     pid_t tid, pid_t creator_tid,
				     uint64_t now_ns);

/* The live record of tid in p, or NULL. */
struct thread_rec *proc_thread_find(struct proc *p, pid_t tid);

/* The newest record of tid in p, alive or ended, or NULL. */
struct thread_rec *proc_thread_last(struct proc *p, pid_t tid);

/* A thread of p is gone. The process ends with its last thread. */
void proc_thread_end(struct proc_list *list, struct proc *p, pid_t tid,
		     uint64_t now_ns);

/* Set the image a process runs without an exec (at its start). lens may
 * be NULL for C strings. */
void proc_set_image(struct proc *p, const char *exe, const char *const *argv,
		    const size_t *lens, unsigned argc, bool truncated);

/* Record a successful exec of a new image. */
void proc_exec(struct proc *p, uint64_t now_ns, const char *exe,
	       const char *const *argv, const size_t *lens, unsigned argc,
	       bool truncated);

/* Record the leader's wait status. */
void proc_set_status(struct proc *p, int status);

void proc_list_free(struct proc_list *list);

#endif
