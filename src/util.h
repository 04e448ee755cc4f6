/* util.h - memory, messages and small helpers shared by every file */
#ifndef GOBOX_UTIL_H
#define GOBOX_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Allocators that end the program with a message when memory runs out. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The program name messages start with ("gobox-strace"). */
extern const char *progname;

/* Print "gobox-strace: MESSAGE" on stderr. */
void errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Nanoseconds of CLOCK_MONOTONIC and CLOCK_REALTIME. */
uint64_t now_mono_ns(void);
uint64_t now_real_ns(void);

/* Format a CLOCK_REALTIME time in ns as RFC 3339 UTC with milliseconds. */
void format_rfc3339(uint64_t real_ns, char *buf, size_t size);

/* Read a whole small file (at most max bytes) into a NUL-terminated buffer.
 * Returns the length, or -errno. */
long read_small_file(const char *path, char *buf, size_t max);

/* Numeric field number field (4 and on, as proc(5) counts them: 4 is the
 * parent's pid) of /proc/PID/stat. false when the process is gone. */
bool proc_stat_field(pid_t pid, int field, long long *value);

/* Write all of buf to fd, retrying on EINTR and waiting out EAGAIN.
 * Returns 0 or -errno. */
int write_all(int fd, const void *buf, size_t len);

/* Parse a decimal unsigned number that fills the whole string.
 * Returns 0 or -EINVAL / -ERANGE. */
int parse_uint(const char *s, unsigned long long max, unsigned long long *out);

#endif
