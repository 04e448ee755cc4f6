/* fuzz_trace_text.c - libFuzzer target: a line of -o FILE for an openat
 * whose path, and an execve whose path and argv (the input cut at NUL
 * bytes), are the input: every byte is quoted as strace quotes it, so a
 * line stays one line of printable ASCII. */
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

#include "event.h"
#include "syscalls.h"
#include "trace_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_line(const char *line, size_t len)
{
	size_t i;

	if (!len || line[len - 1] != '\n')
		abort();
	for (i = 0; i + 1 < len; i++)
		if ((unsigned char)line[i] < 0x20 || (unsigned char)line[i] >= 0x7f)
			abort();
}

static void one(const struct event *ev)
{
	static const struct trace_text_opts o = { .pids = true, .durations = true };
	char *line = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&line, &len);

	if (!f)
		abort();
	trace_text_event(f, ev, &o, "denied by line 1");
	fclose(f);
	check_line(line, len);
	free(line);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct event ev;
	const char *s = (const char *)data;
	const char *argv[64];
	size_t lens[64];
	unsigned n = 0;
	size_t at = 0;

	memset(&ev, 0, sizeof(ev));
	ev.tid = ev.pid = 42;
	ev.abi = ABI_X86_64;
	ev.finished = true;
	ev.rval = 3;
	ev.exit_ns = 1000;
	ev.nr = SYS_openat;
	ev.name = "openat";
	ev.desc = syscall_lookup(ABI_X86_64, SYS_openat);
	if (!ev.desc)
		abort();
	ev.v[0].type = ARG_DIRFD;
	ev.v[0].raw = (uint64_t)(int64_t)AT_FDCWD;
	ev.v[1].type = ARG_PATH;
	ev.v[1].status = VAL_OK;
	ev.v[1].raw = 0x1000;
	ev.v[1].u.str.s = s;
	ev.v[1].u.str.len = size;
	ev.v[2].type = ARG_OFLAGS;
	ev.v[2].raw = O_RDONLY | O_CLOEXEC;
	ev.v[3].type = ARG_MODE;
	one(&ev);

	while (n < 64 && at <= size) {
		const char *nul = memchr(s + at, 0, size - at);
		size_t l = nul ? (size_t)(nul - (s + at)) : size - at;

		argv[n] = s + at;
		lens[n++] = l;
		at += l + 1;
	}
	memset(&ev, 0, sizeof(ev));
	ev.tid = ev.pid = 42;
	ev.abi = ABI_X86_64;
	ev.finished = true;
	ev.err = 2;
	ev.nr = SYS_execve;
	ev.name = "execve";
	ev.desc = syscall_lookup(ABI_X86_64, SYS_execve);
	if (!ev.desc)
		abort();
	ev.v[0].type = ARG_PATH;
	ev.v[0].status = VAL_OK;
	ev.v[0].raw = 0x1000;
	ev.v[0].u.str.s = argv[0];
	ev.v[0].u.str.len = lens[0];
	ev.v[1].type = ARG_ARGV;
	ev.v[1].status = VAL_OK;
	ev.v[1].raw = 0x2000;
	ev.v[1].u.argv.v = argv;
	ev.v[1].u.argv.len = lens;
	ev.v[1].u.argv.n = n;
	ev.v[2].type = ARG_ENVP;
	ev.v[2].raw = 0x3000;
	ev.v[2].status = VAL_OK;
	one(&ev);
	return 0;
}
