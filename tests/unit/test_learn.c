/* test_learn.c - --learn: the policy written allows what was recorded, parses,
 * and refuses what was not */
#include <criterion/criterion.h>

#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "learn.h"
#include "ops.h"
#include "policy.h"
#include "policy_eval.h"
#include "policy_parse.h"
#include "syscalls.h"

#define TMP "/tmp/gbx"
#define HOME "/home/u"
#define CWD "/home/u/proj"

static const struct policy_env env = { .tmp = TMP, .home = HOME, .cwd = CWD };

static struct learn *l;
static struct policy p;
static bool have_policy;
static struct event ev;
static struct ops ops;
static char *text;

static void setup(void)
{
	l = learn_new(TMP, HOME, CWD);
	memset(&p, 0, sizeof(p));
	have_policy = false;
	text = NULL;
}

static void teardown(void)
{
	learn_free(l);
	if (have_policy)
		policy_free(&p);
	free(text);
}

TestSuite(learn, .init = setup, .fini = teardown);

/* --- calls made by hand --------------------------------------------------- */

static void call(const char *name)
{
	memset(&ev, 0, sizeof(ev));
	ev.abi = ABI_X86_64;
	ev.name = name;
	ev.nr = syscall_number(ABI_X86_64, name);
	cr_assert_geq(ev.nr, 0, "no call %s", name);
	ev.desc = syscall_lookup(ABI_X86_64, (unsigned)ev.nr);
	memset(&ops, 0, sizeof(ops));
}

static struct op *add(enum pol_cat cat)
{
	struct op *op;

	cr_assert_lt(ops.n, OPS_MAX);
	op = &ops.v[ops.n++];
	memset(op, 0, sizeof(*op));
	op->cat = cat;
	op->arg = -1;
	op->dirfd_arg = -1;
	return op;
}

static void done(void)
{
	add(CAT_SYS);
}

static void open_call(unsigned modes, const char *path)
{
	struct op *op;

	call("openat");
	op = add(CAT_FS);
	op->modes = modes;
	op->path = path;
	op->kind = RESOLVED_FILE;
	done();
}

static void exec_call(const char *path)
{
	struct op *op;

	call("execve");
	op = add(CAT_FS);
	op->modes = MODE_X;
	op->path = path;
	op = add(CAT_PROC);
	op->proc_op = PROC_EXEC;
	op->path = path;
	done();
}

static void memfd_exec_call(const char *name)
{
	struct op *op;

	call("execveat");
	op = add(CAT_FS);
	op->modes = MODE_X;
	op->path = "/memfd:x (deleted)";
	op->kind = RESOLVED_OPAQUE;
	op = add(CAT_PROC);
	op->proc_op = PROC_EXEC;
	op->path = name;
	op->kind = RESOLVED_OPAQUE;
	done();
}

static struct op *net_call(const char *name, unsigned net_op, unsigned family,
			   const char *addr, unsigned port)
{
	struct op *op;

	call(name);
	op = add(CAT_NET);
	op->net_op = net_op;
	op->family = family;
	snprintf(op->addr, sizeof(op->addr), "%s", addr);
	op->port = port;
	done();
	return op;
}

static void unix_call(unsigned net_op, unsigned family, const char *path)
{
	struct op *op;

	call(net_op == NET_BIND ? "bind" : "connect");
	op = add(CAT_NET);
	op->net_op = net_op;
	op->family = family;
	op->path = path;
	done();
}

static void clone_call(const char *name, uint64_t flags)
{
	struct op *op;

	call(name);
	op = add(CAT_PROC);
	op->proc_op = PROC_CLONE;
	op->clone_flags = flags;
	done();
}

static void signal_call(bool outside)
{
	struct op *op;

	call("kill");
	op = add(CAT_PROC);
	op->proc_op = PROC_SIGNAL;
	op->target = outside ? 1 : 4242;
	op->target_outside = outside;
	op->signal = 15;
	done();
}

/* --- learning, writing, reading back -------------------------------------- */

static void learn_it(void)
{
	learn_ops(l, &ev, &ops);
}

/* Write the learned policy and parse it: it must parse. */
static void write_and_parse(void)
{
	char *const argv[] = { "prog", "--flag", "arg", NULL };
	char err[512];
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	cr_assert_not_null(f);
	cr_assert_eq(learn_write(l, f, argv), 0);
	cr_assert_eq(fclose(f), 0);
	cr_assert_eq(policy_parse(&p, "learned.pol", text, len, &env, err,
				  sizeof(err)), 0, "the learned policy does not "
				  "parse: %s\n--- policy ---\n%s", err, text);
	have_policy = true;
}

static bool has_line(const char *line)
{
	const char *s = text;
	size_t n = strlen(line);

	while ((s = strstr(s, line)) != NULL) {
		if ((s == text || s[-1] == '\n') && (s[n] == '\n' || !s[n]))
			return true;
		s++;
	}
	return false;
}

#define HAS_LINE(line) cr_expect(has_line(line), "no line '%s' in:\n%s", line, text)

static const char *describe(void)
{
	static char buf[512];
	size_t i, n = 0;

	n += (size_t)snprintf(buf, sizeof(buf), "%s:", ev.name);
	for (i = 0; i < ops.n && n < sizeof(buf); i++) {
		const struct op *op = &ops.v[i];

		n += (size_t)snprintf(buf + n, sizeof(buf) - n, " [%s %s%s%s:%u]",
				      pol_cat_name(op->cat),
				      op->path ? op->path : "", op->addr[0] ? " " : "",
				      op->addr, op->port);
	}
	return buf;
}

static void expect_allowed(void)
{
	struct verdict v = policy_judge(&p, &ev, &ops);

	cr_expect_eq(v.action, ACT_ALLOW, "%s is %s (rule %u, default %u, %s) "
		     "under:\n%s", describe(), pol_action_name(v.action),
		     v.rule ? v.rule->line : 0, v.default_line,
		     v.builtin ? v.builtin : "-", text);
}

static void expect_refused(void)
{
	struct verdict v = policy_judge(&p, &ev, &ops);

	cr_expect_geq(v.action, ACT_DENY, "%s is %s (rule %u) under:\n%s",
		      describe(), pol_action_name(v.action),
		      v.rule ? v.rule->line : 0, text);
}

/* --- a run ---------------------------------------------------------------- */

/* What the run did; with learn, recorded, else judged. */
static void the_run(bool learn)
{
#define DO(x) do { x; if (learn) learn_it(); else expect_allowed(); } while (0)
	DO(open_call(MODE_R, "/usr/lib/x86_64-linux-gnu/libc.so.6"));
	DO(open_call(MODE_R, "/usr/lib/x86_64-linux-gnu/libm.so.6"));
	DO(open_call(MODE_R, "/usr/lib/x86_64-linux-gnu/libz.so.1"));
	DO(open_call(MODE_R, "/etc/ld.so.cache"));
	DO(open_call(MODE_W | MODE_C, TMP "/out/result.txt"));
	DO(open_call(MODE_R | MODE_W, TMP "/scratch"));
	DO(open_call(MODE_R, "/proc/1234/status"));
	DO(open_call(MODE_R, "/proc/1234/task/1240/comm"));
	DO(open_call(MODE_R, CWD "/input.txt"));
	DO(open_call(MODE_R, HOME "/.config/app.ini"));
	DO(net_call("connect", NET_CONNECT, FAM_INET, "127.0.0.1", 8080));
	DO(net_call("sendto", NET_SEND, FAM_INET6, "2001:db8::53", 53));
	DO(exec_call("/usr/bin/true"));
	DO(clone_call("fork", 0));
	DO(clone_call("clone", CLONE_VM | CLONE_THREAD));
	DO(signal_call(false));
#undef DO
}

Test(learn, the_run_is_allowed_by_the_policy_it_wrote)
{
	the_run(true);
	write_and_parse();
	the_run(false);
}

Test(learn, what_was_written)
{
	the_run(true);
	write_and_parse();
	cr_expect(strncmp(text, "# ", 2) == 0, "%s", text);
	cr_expect(strstr(text, "prog --flag arg") != NULL, "%s", text);
	HAS_LINE("default fs deny");
	HAS_LINE("default net deny");
	HAS_LINE("default proc deny");
	HAS_LINE("default sys allow");
	/* three files read in a system directory: the directory */
	HAS_LINE("fs allow r /usr/lib/x86_64-linux-gnu/*");
	HAS_LINE("fs allow r /etc/ld.so.cache");
	/* the temporary directory as a whole */
	/* (what it made there, it may later replace: d) */
	HAS_LINE("fs allow r,w,c,d $TMP/**");
	/* the pid as a star */
	HAS_LINE("fs allow r /proc/*/status");
	HAS_LINE("fs allow r /proc/*/task/*/comm");
	HAS_LINE("fs allow r $CWD/input.txt");
	HAS_LINE("fs allow r $HOME/.config/app.ini");
	HAS_LINE("fs allow x /usr/bin/true");
	HAS_LINE("net allow connect inet 127.0.0.1/32 port=8080");
	HAS_LINE("net allow send inet6 2001:db8::53/128 port=53");
	HAS_LINE("proc allow exec /usr/bin/true");
	HAS_LINE("proc allow clone any");
	HAS_LINE("proc deny signal outside");
	HAS_LINE("proc allow signal any");
	cr_expect_eq(p.defaults[CAT_SYS].action, ACT_ALLOW);
}

Test(learn, what_was_not_done_is_refused)
{
	the_run(true);
	write_and_parse();

	/* another port, another address */
	net_call("connect", NET_CONNECT, FAM_INET, "127.0.0.1", 8081);
	expect_refused();
	net_call("connect", NET_CONNECT, FAM_INET, "127.0.0.2", 8080);
	expect_refused();
	net_call("bind", NET_BIND, FAM_INET, "127.0.0.1", 8080);
	expect_refused();
	net_call("connect", NET_CONNECT, FAM_INET6, "2001:db8::53", 53);
	expect_refused();
	/* a file not read, a file read but not written */
	open_call(MODE_R, "/etc/passwd");
	expect_refused();
	open_call(MODE_R | MODE_W, "/etc/ld.so.cache");
	expect_refused();
	open_call(MODE_W, "/usr/lib/x86_64-linux-gnu/libc.so.6");
	expect_refused();
	open_call(MODE_R, CWD "/other.txt");
	expect_refused();
	open_call(MODE_R, "/proc/1234/environ");
	expect_refused();
	open_call(MODE_R, "/usr/lib/x86_64-linux-gnu/sub/libx.so");
	expect_refused();
	/* a program not run */
	exec_call("/usr/bin/false");
	expect_refused();
	/* a namespace not used, a signal outside the run */
	clone_call("unshare", CLONE_NEWUSER);
	expect_refused();
	clone_call("clone", CLONE_NEWNET | CLONE_VM);
	expect_refused();
	signal_call(true);
	expect_refused();
}

Test(learn, nothing_recorded_refuses_everything)
{
	write_and_parse();
	cr_expect_eq(p.defaults[CAT_FS].action, ACT_DENY);
	open_call(MODE_R, "/etc/passwd");
	expect_refused();
	clone_call("fork", 0);
	expect_refused();
	net_call("connect", NET_CONNECT, FAM_INET, "127.0.0.1", 80);
	expect_refused();
	signal_call(true);
	expect_refused();
}

Test(learn, accepted_peer_is_allowed_from_any_port)
{
	struct op peer;

	memset(&peer, 0, sizeof(peer));
	peer.cat = CAT_NET;
	peer.net_op = NET_ACCEPT;
	peer.family = FAM_INET;
	snprintf(peer.addr, sizeof(peer.addr), "10.0.0.5");
	peer.port = 51234;
	learn_peer(l, &peer);
	write_and_parse();
	HAS_LINE("net allow accept inet 10.0.0.5/32");
	net_call("accept4", NET_ACCEPT, FAM_INET, "10.0.0.5", 40000);
	expect_allowed();
	net_call("accept4", NET_ACCEPT, FAM_INET, "10.0.0.6", 51234);
	expect_refused();
}

Test(learn, unresolved_and_opaque_paths_are_not_written)
{
	struct op *op;

	call("openat");
	op = add(CAT_FS);
	op->modes = MODE_R;
	op->resolve_err = -ENOENT;
	done();
	learn_it();
	call("fchmod");
	op = add(CAT_FS);
	op->modes = MODE_M;
	op->path = "pipe:[77]";
	op->kind = RESOLVED_OPAQUE;
	done();
	learn_it();
	write_and_parse();
	cr_expect_null(strstr(text, "pipe:"), "%s", text);
	cr_expect_null(strstr(text, "fs allow"), "%s", text);
}

Test(learn, unix_sockets_by_path_and_abstract_name)
{
	unix_call(NET_CONNECT, FAM_UNIX, "/run/dbus/system_bus_socket");
	learn_it();
	unix_call(NET_CONNECT, FAM_ABSTRACT, "my-abstract");
	learn_it();
	write_and_parse();
	unix_call(NET_CONNECT, FAM_UNIX, "/run/dbus/system_bus_socket");
	expect_allowed();
	unix_call(NET_CONNECT, FAM_ABSTRACT, "my-abstract");
	expect_allowed();
	unix_call(NET_CONNECT, FAM_UNIX, "/run/other");
	expect_refused();
	unix_call(NET_CONNECT, FAM_ABSTRACT, "other");
	expect_refused();
}

/* --- odd paths round-trip ------------------------------------------------- */

/* Each path is read; the policy allows it and not what its characters
 * would mean as a pattern or a variable. */
Test(learn, paths_with_blanks_quotes_stars_and_dollars_round_trip)
{
	static const char *const paths[] = {
		"/data/with space/file name.txt",
		"/data/tab\there",
		"/data/quote\"d/x",
		"/data/star*name",
		"/data/dollar$HOME/x",
		"/data/dollar$$/y",
		"/data/q?mark[1]",
		"/data/back\\slash",
		"/data/hash#x",
		"/data/all of \"$*?[\\ #",
		HOME "/we*rd $TMP",
		TMP "x/not-tmp*",
	};
	static const char *const not_them[] = {
		"/data/with space/file name_txt",
		"/data/starXname",
		"/data/dollar" HOME "/x",
		"/data/dollar$/y",
		"/data/qXmark1",
		"/data/qXmark[1]",
		"/data/backslash",
		HOME "/weXrd " TMP,
		TMP "x/not-tmpX",
		"/data/hash",
	};
	size_t i;

	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		open_call(MODE_R, paths[i]);
		learn_it();
	}
	exec_call("/srv/my app/$bin*");
	learn_it();
	write_and_parse();
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		open_call(MODE_R, paths[i]);
		expect_allowed();
	}
	exec_call("/srv/my app/$bin*");
	expect_allowed();
	for (i = 0; i < sizeof(not_them) / sizeof(not_them[0]); i++) {
		open_call(MODE_R, not_them[i]);
		expect_refused();
	}
	exec_call("/srv/my app/$binX");
	expect_refused();
	exec_call("/srv/my app/" HOME "bin*");
	expect_refused();
}

/* A directory generalised with a star keeps its own characters literal. */
Test(learn, generalised_directory_with_odd_characters)
{
	open_call(MODE_R, "/usr/share/my*dir [x]/a");
	learn_it();
	open_call(MODE_R, "/usr/share/my*dir [x]/b");
	learn_it();
	open_call(MODE_R, "/usr/share/my*dir [x]/c");
	learn_it();
	write_and_parse();
	open_call(MODE_R, "/usr/share/my*dir [x]/d");
	expect_allowed();
	open_call(MODE_R, "/usr/share/myXdir [x]/a");
	expect_refused();
	open_call(MODE_R, "/usr/share/my*dir x/a");
	expect_refused();
	open_call(MODE_R, "/usr/share/my*dir [x]/sub/a");
	expect_refused();
}

/* A blank makes the word quoted; a backslash at its end must not then
 * escape the closing quote. */
Test(learn, quoted_path_ending_in_a_backslash_round_trips)
{
	open_call(MODE_R, "/data/x y\\");
	learn_it();
	write_and_parse();
	open_call(MODE_R, "/data/x y\\");
	expect_allowed();
	open_call(MODE_R, "/data/x y");
	expect_refused();
}

Test(learn, unix_socket_path_with_pattern_characters_round_trips)
{
	unix_call(NET_CONNECT, FAM_UNIX, "/run/s*ck$HOME");
	learn_it();
	write_and_parse();
	unix_call(NET_CONNECT, FAM_UNIX, "/run/s*ck$HOME");
	expect_allowed();
	unix_call(NET_CONNECT, FAM_UNIX, "/run/sXck$HOME");
	expect_refused();
}

Test(learn, abstract_name_with_pattern_characters_round_trips)
{
	unix_call(NET_CONNECT, FAM_ABSTRACT, "a*b$c");
	learn_it();
	write_and_parse();
	unix_call(NET_CONNECT, FAM_ABSTRACT, "a*b$c");
	expect_allowed();
	unix_call(NET_CONNECT, FAM_ABSTRACT, "aXb$c");
	expect_refused();
}

Test(learn, memfd_exec_round_trips)
{
	memfd_exec_call("memfd:jit");
	learn_it();
	memfd_exec_call("memfd:a*b");
	learn_it();
	write_and_parse();
	memfd_exec_call("memfd:jit");
	expect_allowed();
	memfd_exec_call("memfd:a*b");
	expect_allowed();
	memfd_exec_call("memfd:other");
	expect_refused();
	memfd_exec_call("memfd:aXb");
	expect_refused();
}
