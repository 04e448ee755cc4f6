/* test_files.c - the files and network sections from synthetic events */
#include <criterion/criterion.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "files.h"
#include "netlog.h"
#include "syscalls.h"

static struct event *ev;
static struct files_log fl;
static struct netlog nl;

static void init(void)
{
	ev = calloc(1, sizeof(*ev));
	cr_assert_not_null(ev);
	files_init(&fl, 3, 2);
	netlog_init(&nl);
}

static void fini(void)
{
	files_free(&fl);
	netlog_free(&nl);
	free(ev);
}

TestSuite(files, .init = init, .fini = fini);

/* A finished x86_64 call; its path arguments are given resolved. */
static void call(const char *name, int err, const char *p0, const char *p1)
{
	int nr = syscall_number(ABI_X86_64, name);
	unsigned i, np = 0;

	cr_assert_geq(nr, 0, "no %s", name);
	event_reset(ev);
	ev->abi = ABI_X86_64;
	ev->desc = syscall_lookup(ABI_X86_64, (unsigned)nr);
	ev->name = ev->desc->name;
	ev->finished = true;
	ev->err = err;
	ev->entry_ns = 1000;
	for (i = 0; i < ev->desc->nargs; i++) {
		ev->v[i].type = ev->desc->arg[i];
		if (ev->v[i].type == ARG_PATH) {
			const char *p = np++ ? p1 : p0;

			ev->v[i].u.str.s = p;
			ev->v[i].u.str.len = p ? strlen(p) : 0;
			ev->v[i].u.str.resolved = p;
		}
	}
}

static uint64_t calls_of(const char *path, enum file_class c)
{
	const struct file_rec *r = keytab_find(&fl.paths, path, strlen(path));

	return r ? r->calls[c] : 0;
}

Test(files, each_call_puts_its_path_in_one_class)
{
	call("unlink", 0, "/d/a", NULL);
	files_note(&fl, ev);
	call("mkdir", 0, "/d/b", NULL);
	files_note(&fl, ev);
	call("rename", 0, "/d/b", "/d/c");
	files_note(&fl, ev);
	cr_assert_eq(calls_of("/d/a", FC_DELETED), 1);
	cr_assert_eq(calls_of("/d/a", FC_CREATED), 0);
	cr_assert_eq(calls_of("/d/b", FC_CREATED), 1);
	cr_assert_eq(calls_of("/d/b", FC_DELETED), 1);
	cr_assert_eq(calls_of("/d/c", FC_CREATED), 1);
	cr_assert_eq(fl.renames.n, 1);
	cr_assert_eq(fl.paths.n, 3);
}

Test(files, failed_calls_count_for_nothing)
{
	call("unlink", ENOENT, "/d/a", NULL);
	files_note(&fl, ev);
	cr_assert_eq(fl.paths.n, 0);
}

Test(files, a_full_table_drops_new_paths_and_says_so)
{
	struct json_object *o;
	const char *const paths[] = { "/1", "/2", "/3", "/4", "/5" };
	unsigned i;

	for (i = 0; i < 5; i++) {
		call("rmdir", 0, paths[i], NULL);
		files_note(&fl, ev);
	}
	call("rmdir", 0, "/1", NULL);
	files_note(&fl, ev);
	cr_assert_eq(fl.paths.n, 3);
	cr_assert_eq(calls_of("/1", FC_DELETED), 2);
	o = files_json(&fl, 0, &(struct traceset){ 0 });
	cr_assert_eq(json_object_get_int(json_object_object_get(o, "dropped")), 2);
	cr_assert_eq(json_object_array_length(json_object_object_get(o, "deleted")), 3);
	json_object_put(o);
}

Test(files, renames_are_pairs_and_bounded)
{
	call("rename", 0, "/a", "/b");
	files_note(&fl, ev);
	call("rename", 0, "/b", "/a");
	files_note(&fl, ev);
	call("rename", 0, "/a", "/b");
	files_note(&fl, ev);
	cr_assert_eq(fl.renames.n, 2);
	call("rename", 0, "/x", "/y");
	files_note(&fl, ev);
	cr_assert_eq(fl.renames.n, 2);
	cr_assert_eq(fl.renames.dropped, 1);
	cr_assert_eq(calls_of("/a", FC_DELETED), 2);
	cr_assert_eq(calls_of("/b", FC_CREATED), 2);
}

Test(files, o_creat_creates_only_a_file_that_was_not_there)
{
	call("openat", 0, "/new", NULL);
	ev->v[2].raw = O_CREAT | O_WRONLY;
	ev->existed = true;
	files_note(&fl, ev);
	cr_assert_eq(calls_of("/new", FC_MODIFIED), 1);
	ev->existed = false;
	files_note(&fl, ev);
	cr_assert_eq(calls_of("/new", FC_CREATED), 1);
	ev->v[2].raw = O_RDONLY;
	files_note(&fl, ev);
	cr_assert_eq(calls_of("/new", FC_READ), 1);
}

/* A connect to 127.0.0.1:port on socket ino, with its result. */
static void connect_to(unsigned port, int err, uint64_t ino)
{
	struct sockaddr_info *sa;

	call("connect", err, NULL, NULL);
	sa = event_alloc(ev, sizeof(*sa));
	memset(sa, 0, sizeof(*sa));
	sa->family = AF_INET;
	sa->port = port;
	strcpy(sa->addr, "127.0.0.1");
	ev->v[1].u.sa = sa;
	ev->sock_ino = ino;
	netlog_note(&nl, ev);
}

static void move(const char *name, int64_t bytes, uint64_t ino)
{
	call(name, 0, NULL, NULL);
	ev->rval = bytes;
	ev->sock_ino = ino;
	netlog_note(&nl, ev);
}

Test(files, bytes_go_to_the_peer_of_the_socket)
{
	const struct net_traffic *tr;

	connect_to(80, 0, 7);
	connect_to(81, ECONNREFUSED, 8);
	connect_to(80, EINPROGRESS, 9);
	move("write", 10, 7);
	move("read", 3, 7);
	move("read", 5, 9);
	move("write", 4, 8);
	move("write", 100, 0);	/* not a socket */
	cr_assert_eq(nl.attempts.n, 3);
	cr_assert_eq(nl.peers.n, 1, "a refused connect reaches no one");
	tr = keytab_rec(&nl.peers, 0);
	cr_assert_eq(tr->sent, 10);
	cr_assert_eq(tr->received, 8);
	cr_assert_eq(nl.unattributed_sent, 4);
}

Test(files, a_full_peer_table_leaves_bytes_unattributed)
{
	nl.peers.max = 1;
	connect_to(80, 0, 7);
	connect_to(81, 0, 8);
	move("write", 10, 8);
	cr_assert_eq(nl.peers.n, 1);
	cr_assert_eq(nl.peers.dropped, 1);
	cr_assert_eq(nl.unattributed_sent, 10);
}
