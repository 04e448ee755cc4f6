/* decode.c - turn the raw arguments of a stopped call into an event
 *
 * The argument types of syscalls/signatures.in drive the decoding: each
 * type that needs the tracee's memory has a decoder in its family's file.
 */
#include "decode.h"

#include <fcntl.h>
#include <stdbool.h>
#include <string.h>

#include "syscalls.h"

unsigned abi_ptr_size(enum abi abi)
{
	return abi == ABI_X86_64 ? 8 : 4;
}

uint64_t arg_ptr(const struct event *ev, uint64_t raw)
{
	return abi_ptr_size(ev->abi) == 8 ? raw : (uint32_t)raw;
}

static void decode_arg(struct event *ev, unsigned i)
{
	switch (ev->v[i].type) {
	case ARG_PATH:
		decode_path(ev, i);
		break;
	case ARG_STR:
		decode_str(ev, i);
		break;
	case ARG_OPEN_HOW:
		decode_open_how(ev, i);
		break;
	case ARG_SOCKADDR:
		decode_sockaddr(ev, i);
		break;
	case ARG_MSGHDR:
		decode_msghdr(ev, i);
		break;
	case ARG_MMSGHDR:
		decode_mmsghdr(ev, i);
		break;
	case ARG_CLONE_FLAGS:
		decode_clone_flags(ev, i);
		break;
	case ARG_CLONE_ARGS:
		decode_clone_args(ev, i);
		break;
	case ARG_ARGV:
		decode_argv(ev, i);
		break;
	case ARG_ENVP:
		decode_envp(ev, i);
		break;
	case ARG_IOV:
		decode_iov(ev, i);
		break;
	default:
		/* Numbers need nothing but the register. */
		break;
	}
}

/* open, openat, openat2 and creat: a path in, a new descriptor out. */
bool decode_opens_fd(const struct syscall_desc *d)
{
	unsigned i;
	bool path = false, flags = false;

	for (i = 0; d && i < d->nargs; i++) {
		path |= d->arg[i] == ARG_PATH;
		flags |= d->arg[i] == ARG_OFLAGS || d->arg[i] == ARG_OPEN_HOW;
	}
	return path && (flags || (d && strcmp(d->name, "creat") == 0));
}

static bool opens_fd(const struct event *ev)
{
	return event_arg(ev, ARG_PATH, 0) &&
	       (event_arg(ev, ARG_OFLAGS, 0) || event_arg(ev, ARG_OPEN_HOW, 0) ||
		strcmp(ev->desc->name, "creat") == 0);
}

void decode_entry(struct event *ev)
{
	unsigned i;

	if (!ev->desc)
		return;
	for (i = 0; i < ev->desc->nargs; i++) {
		ev->v[i].type = ev->desc->arg[i];
		ev->v[i].raw = ev->args[i];
	}
	if (ev->desc->nargs && ev->v[0].type == ARG_SOCKETCALL) {
		decode_socketcall(ev);
		if (!ev->via_socketcall)
			return;
	}
	for (i = 0; i < ev->desc->nargs; i++)
		if (ev->v[i].status == VAL_OK)
			decode_arg(ev, i);
	if (opens_fd(ev))
		decode_open_existed(ev);
}

/* clone, clone3, fork and vfork: the parent learns the new task's id. */
static bool creates_task(const struct event *ev)
{
	return event_arg(ev, ARG_CLONE_FLAGS, 0) ||
	       event_arg(ev, ARG_CLONE_ARGS, 0) ||
	       strcmp(ev->desc->name, "fork") == 0 ||
	       strcmp(ev->desc->name, "vfork") == 0;
}

/* Calls that change the file a descriptor (argument 0) refers to: the
 * files section names that file. utimensat does with a NULL path. */
static bool changes_fd_file(const struct event *ev)
{
	static const char *const names[] = {
		"ftruncate", "ftruncate64", "fchmod", "fchown", "fchown32",
		"fsetxattr", "fremovexattr", NULL
	};
	const char *const *n;

	if (strncmp(ev->desc->name, "utimensat", 9) == 0)
		return ev->v[1].status == VAL_NULL;
	for (n = names; *n; n++)
		if (strcmp(*n, ev->desc->name) == 0)
			return true;
	return false;
}

void decode_exit(struct event *ev)
{
	if (!ev->desc)
		return;
	decode_write_target(ev);
	decode_socket_exit(ev);
	if (ev->err)
		return;
	if (opens_fd(ev))
		decode_fd_path(ev);
	else if (creates_task(ev) && ev->rval > 0)
		ev->child = (pid_t)ev->rval;
	else if (changes_fd_file(ev))
		decode_fd_arg_path(ev, 0);
}
