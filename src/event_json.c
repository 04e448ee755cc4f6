/* event_json.c - one event as a JSON object (report entries, event lines)
 *
 * "args" holds every argument in order, decoded by its type the way
 * strace prints it; the fields beside it ("path", "addr", "argv"...) name
 * what a reader looks for, so that jq filters do not depend on argument
 * positions that differ between open and openat.
 */
#include "event_json.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>

#include "decode.h"
#include "flags.h"
#include "jsonutil.h"
#include "syscalls.h"

struct json_object *sockaddr_json(const struct sockaddr_info *sa)
{
	struct json_object *o = json_object_new_object();
	char buf[32];

	json_set_str(o, "family", family_name(sa->family, buf, sizeof(buf)));
	if (sa->family == AF_INET || sa->family == AF_INET6) {
		json_set_str(o, "address", sa->addr);
		json_set_int(o, "port", sa->port);
	} else if (sa->family == AF_UNIX) {
		if (sa->unnamed)
			json_set_bool(o, "unnamed", true);
		else
			json_set_bytes(o, sa->abstract ? "abstract" : "path",
				       sa->path, sa->path_len);
	} else if (sa->addr[0]) {
		json_set_str(o, "address", sa->addr);
	}
	return o;
}

/* A pointer to nothing readable, as a bad pointer argument shows. */
static struct json_object *bad_pointer(uint64_t addr)
{
	struct json_object *o = json_object_new_object();

	json_set(o, "address", json_hex(addr));
	json_set_str(o, "error", "EFAULT");
	return o;
}

/* A value that could not be read: its address and why. */
static struct json_object *unreadable(const struct arg_value *v)
{
	struct json_object *o = json_object_new_object();

	json_set(o, "address", json_hex(v->raw));
	json_set_str(o, "error", v->status == VAL_EFAULT ? "EFAULT" : "unread");
	return o;
}

static struct json_object *str_json(const struct arg_value *v)
{
	return json_bytes(v->u.str.s, v->u.str.len, NULL);
}

static struct json_object *argv_json(const struct arg_value *v)
{
	struct json_object *a = json_object_new_array();
	unsigned i;

	for (i = 0; i < v->u.argv.n; i++)
		json_object_array_add(a, json_bytes(v->u.argv.v[i],
						    v->u.argv.len[i], NULL));
	return a;
}

static struct json_object *clone_json(const struct arg_value *v)
{
	char buf[512];

	return json_object_new_string(clone_flags_format(
		v->u.clone->flags, (int)v->u.clone->exit_signal, buf,
		sizeof(buf)));
}

static struct json_object *open_how_json(const struct arg_value *v)
{
	struct json_object *o = json_object_new_object();
	char buf[256];

	json_set_str(o, "flags", oflags_format(v->u.how->flags, buf, sizeof(buf)));
	snprintf(buf, sizeof(buf), "%#llo", (unsigned long long)v->u.how->mode);
	json_set_str(o, "mode", buf);
	json_set_str(o, "resolve",
		     resolve_flags_format(v->u.how->resolve, buf, sizeof(buf)));
	return o;
}

/* Values read from memory: NULL, unreadable, or the decoded thing. */
static struct json_object *memory_value(const struct arg_value *v)
{
	if (v->status == VAL_NULL)
		return NULL;	/* JSON null */
	if (v->status == VAL_EFAULT || v->status == VAL_UNREAD)
		return unreadable(v);
	switch (v->type) {
	case ARG_PATH:
	case ARG_STR:
		return str_json(v);
	case ARG_SOCKADDR:
		return sockaddr_json(v->u.sa);
	case ARG_ARGV:
		return argv_json(v);
	case ARG_CLONE_ARGS:
		return clone_json(v);
	case ARG_OPEN_HOW:
		return open_how_json(v);
	case ARG_IOV: {
		struct json_object *o = json_object_new_object();

		json_set_int(o, "count", v->u.iov.count);
		json_set_uint(o, "bytes", v->u.iov.bytes);
		return o;
	}
	case ARG_MSGHDR: {
		struct json_object *o = json_object_new_object();

		if (v->u.msg.sa)
			json_set(o, "name", sockaddr_json(v->u.msg.sa));
		else if (v->u.msg.bad_name)
			json_set(o, "name", bad_pointer(v->u.msg.bad_name));
		if (v->u.msg.bad_iov)
			json_set(o, "iov", bad_pointer(v->u.msg.bad_iov));
		json_set_int(o, "iovlen", v->u.msg.count);
		json_set_uint(o, "bytes", v->u.msg.bytes);
		return o;
	}
	default:
		return json_hex(v->raw);
	}
}

static struct json_object *arg_json(const struct event *ev,
				    const struct arg_value *v)
{
	char buf[512];

	switch (v->type) {
	case ARG_INT:
	case ARG_FD:
	case ARG_PID:
		return json_object_new_int(arg_int(v->raw));
	case ARG_DIRFD:
		if (arg_int(v->raw) == AT_FDCWD)
			return json_object_new_string("AT_FDCWD");
		return json_object_new_int(arg_int(v->raw));
	case ARG_UINT:
	case ARG_SIZE:
	case ARG_SOCKLEN:
	case ARG_UID:
		return json_object_new_uint64(arg_ptr(ev, v->raw));
	case ARG_OFF:
		return json_object_new_int64((int64_t)arg_ptr(ev, v->raw));
	case ARG_OFLAGS:
		return json_object_new_string(
			oflags_format((uint32_t)v->raw, buf, sizeof(buf)));
	case ARG_MODE:
		snprintf(buf, sizeof(buf), "%#o", (unsigned)(v->raw & 07777));
		return json_object_new_string(buf);
	case ARG_ATFLAGS:
		return json_object_new_string(
			atflags_format((uint32_t)v->raw, buf, sizeof(buf)));
	case ARG_PROT:
		return json_object_new_string(
			prot_format((uint32_t)v->raw, buf, sizeof(buf)));
	case ARG_MMAP_FLAGS:
		return json_object_new_string(
			mmap_flags_format((uint32_t)v->raw, buf, sizeof(buf)));
	case ARG_RENAME_FLAGS:
		return json_object_new_string(
			rename_flags_format((uint32_t)v->raw, buf, sizeof(buf)));
	case ARG_IOCTL_CMD:
		return json_object_new_string(
			ioctl_name(v->raw, buf, sizeof(buf)));
	case ARG_CLOCKID:
		return json_object_new_string(
			clock_id_name((int32_t)v->raw, buf, sizeof(buf)));
	case ARG_CLOCK_FLAGS:
		return json_object_new_string((uint32_t)v->raw == TIMER_ABSTIME ?
					      "TIMER_ABSTIME" : "0");
	case ARG_ACCESS_MODE:
		return json_object_new_string(
			access_mode_format((uint32_t)v->raw, buf, sizeof(buf)));
	case ARG_ACCESS_FLAGS:
		return json_object_new_string(
			access_flags_format((uint32_t)v->raw, buf, sizeof(buf)));
	case ARG_SIGNAL:
		return json_object_new_string(
			signal_name(arg_int(v->raw), buf, sizeof(buf)));
	case ARG_SOCKFAMILY:
		return json_object_new_string(
			family_name(arg_int(v->raw), buf, sizeof(buf)));
	case ARG_SOCKTYPE:
		return json_object_new_string(
			socktype_format((uint32_t)v->raw, buf, sizeof(buf)));
	case ARG_CLONE_FLAGS:
		if (v->u.clone)
			return clone_json(v);
		return json_hex(v->raw);
	case ARG_PATH:
	case ARG_STR:
	case ARG_SOCKADDR:
	case ARG_ARGV:
	case ARG_CLONE_ARGS:
	case ARG_OPEN_HOW:
	case ARG_IOV:
	case ARG_MSGHDR:
		return memory_value(v);
	case ARG_PTR:
	case ARG_STATBUF:
	case ARG_TIMESPEC:
	case ARG_WBUF:
	case ARG_RBUF:
	case ARG_ENVP:
		/* The environment is not shown, but a bad pointer to it is. */
		if (v->type == ARG_ENVP && v->status == VAL_EFAULT)
			return unreadable(v);
		if (!arg_ptr(ev, v->raw))
			return NULL;	/* JSON null */
		return json_hex(arg_ptr(ev, v->raw));
	default:
		return json_hex(v->raw);
	}
}

/* "path", "resolved_path", "path2"... beside the positional args. */
static void add_paths(struct json_object *o, const struct event *ev)
{
	static const char *const keys[][2] = {
		{ "path", "resolved_path" }, { "path2", "resolved_path2" }
	};
	unsigned n;

	for (n = 0; n < 2; n++) {
		const struct arg_value *v = event_arg(ev, ARG_PATH, n);

		if (!v || !v->u.str.s)
			continue;
		json_set_bytes(o, keys[n][0], v->u.str.s, v->u.str.len);
		if (v->u.str.resolved)
			json_set_bytes(o, keys[n][1], v->u.str.resolved,
				       strlen(v->u.str.resolved));
		if (v->status == VAL_TRUNCATED)
			json_set_bool(o, n ? "path2_truncated" : "path_truncated",
				      true);
	}
}

static void add_semantic(struct json_object *o, const struct event *ev)
{
	const struct arg_value *v;

	add_paths(o, ev);
	if ((v = event_arg(ev, ARG_SOCKADDR, 0)) && v->u.sa)
		json_set(o, "addr", sockaddr_json(v->u.sa));
	else if ((v = event_arg(ev, ARG_MSGHDR, 0)) && v->u.msg.sa)
		json_set(o, "addr", sockaddr_json(v->u.msg.sa));
	if ((v = event_arg(ev, ARG_ARGV, 0)) && v->status != VAL_EFAULT &&
	    v->status != VAL_NULL && v->u.argv.v) {
		json_set_bytes_array(o, "argv", v->u.argv.v, v->u.argv.len,
				     v->u.argv.n);
		if (v->status == VAL_TRUNCATED)
			json_set_bool(o, "argv_truncated", true);
	}
	if (((v = event_arg(ev, ARG_CLONE_FLAGS, 0)) ||
	     (v = event_arg(ev, ARG_CLONE_ARGS, 0))) && v->u.clone &&
	    v->status == VAL_OK)
		json_set(o, "clone_flags", clone_json(v));
	if (ev->child)
		json_set_int(o, "child_tid", ev->child);
	if (ev->resumes)
		json_set_str(o, "resumes", ev->resumes);
	if (ev->fd_path)
		json_set_bytes(o, "fd_path", ev->fd_path, strlen(ev->fd_path));
	if (ev->finished && !ev->err && ev->desc &&
	    (ev->desc->classes & (SC_WRITE | SC_READ)))
		json_set_int(o, "bytes", ev->rval);
}

static void add_result(struct json_object *o, const struct event *ev)
{
	char buf[32];

	if (!ev->finished) {
		json_set_bool(o, "unfinished", true);
		return;
	}
	if (ev->err) {
		json_set_int(o, "result", -1);
		json_set_str(o, "errno", errno_name(ev->err, buf, sizeof(buf)));
	} else {
		json_set_int(o, "result", ev->rval);
	}
	json_set_double(o, "duration_us", (ev->exit_ns - ev->entry_ns) / 1e3, 1);
}

/* -k: the frames, a line each, as an array. */
static struct json_object *stack_json(const char *stack)
{
	struct json_object *a = json_object_new_array();
	const char *p = stack, *nl;

	while (*p) {
		nl = strchr(p, '\n');
		json_object_array_add(a, json_bytes(p, nl ? (size_t)(nl - p)
							  : strlen(p), NULL));
		if (!nl)
			break;
		p = nl + 1;
	}
	return a;
}

struct json_object *event_json(const struct event *ev, uint64_t base_ns)
{
	struct json_object *o = json_object_new_object();
	struct json_object *args = json_object_new_array();
	unsigned i;

	if (ev->seq)
		json_set_uint(o, "seq", ev->seq);
	json_set_double(o, "time_ms", (ev->entry_ns - base_ns) / 1e6, 3);
	json_set_int(o, "pid", ev->pid);
	json_set_int(o, "tid", ev->tid);
	json_set_str(o, "abi", abi_name(ev->abi));
	json_set_str(o, "syscall", ev->name);
	if (ev->via_socketcall)
		json_set_str(o, "via", "socketcall");
	for (i = 0; ev->desc && i < ev->desc->nargs; i++)
		json_object_array_add(args, arg_json(ev, &ev->v[i]));
	if (!ev->desc)
		for (i = 0; i < SYSCALL_MAX_ARGS; i++)
			json_object_array_add(args, json_hex(ev->args[i]));
	json_set(o, "args", args);
	add_semantic(o, ev);
	add_result(o, ev);
	if (ev->stack)
		json_set(o, "stack", stack_json(ev->stack));
	return o;
}
