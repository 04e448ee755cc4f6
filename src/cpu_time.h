/* cpu_time.h - what the program's processes and threads, and the tracer,
 * have spent of the CPUs */
#ifndef GOBOX_CPU_TIME_H
#define GOBOX_CPU_TIME_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

/* CPU time process pid (every thread of it) has used, in ns; 0 when it
 * is gone. */
uint64_t cpu_time_process(pid_t pid);

/* How long thread tid has waited, runnable, for a CPU (its run delay,
 * from /proc/TID/schedstat), in ns. false: not known (the thread is
 * gone, or the kernel keeps no such figure). */
bool cpu_time_run_delay(pid_t tid, uint64_t *ns);

/* CPU time of the calling thread, in ns. */
uint64_t cpu_time_self(void);

#endif
