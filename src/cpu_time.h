/* cpu_time.h - what the program's threads, and the tracer, have spent of
 * the CPUs and waited for them */
#ifndef GOBOX_CPU_TIME_H
#define GOBOX_CPU_TIME_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

/* Thread tid's CPU time and run delay (how long it waited, runnable, for
 * a CPU), in ns, from /proc/TID/schedstat. false: not known (the thread
 * is gone, or the kernel keeps no such figures). */
bool cpu_time_schedstat(pid_t tid, uint64_t *run_ns, uint64_t *delay_ns);

/* CPU time of the calling thread, in ns. */
uint64_t cpu_time_self(void);

#endif
