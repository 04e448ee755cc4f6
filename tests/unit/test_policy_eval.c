/* test_policy_eval.c - what a policy decides for hand-made operations, the
 * built-in protections, and the calls a policy needs traced */
#include <criterion/criterion.h>

#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "event.h"
#include "ops.h"
#include "policy.h"
#include "policy_eval.h"
#include "policy_parse.h"
#include "syscalls.h"
#include "traceset.h"

static const struct policy_env env = {
	.tmp = "/tmp/gbx", .home = "/home/u", .cwd = "/home/u/proj",
};

static struct policy p;
static bool have_policy;
static struct event ev;
static struct ops ops;

static void setup(void)
{
	memset(&p, 0, sizeof(p));
	have_policy = false;
	memset(&ev, 0, sizeof(ev));
	memset(&ops, 0, sizeof(ops));
}

static void teardown(void)
{
	if (have_policy)
		policy_free(&p);
}

TestSuite(eval, .init = setup, .fini = teardown);
TestSuite(builtin, .init = setup, .fini = teardown);
TestSuite(traceset_of_policy, .init = setup, .fini = teardown);

static void pol(const char *text)
{
	char err[512];

	if (have_policy)
		policy_free(&p);
	cr_assert_eq(policy_parse(&p, "t.pol", text, strlen(text), &env, err,
				  sizeof(err)), 0, "%s", err);
	have_policy = true;
}

/* A new call: its sys operation comes last, as ops_classify puts it. */
static void call_abi(enum abi abi, const char *name)
{
	memset(&ev, 0, sizeof(ev));
	ev.abi = abi;
	ev.name = name;
	ev.nr = syscall_number(abi, name);
	cr_assert_geq(ev.nr, 0, "no call %s", name);
	ev.desc = syscall_lookup(abi, (unsigned)ev.nr);
	ops.n = 0;
}

static void call(const char *name)
{
	call_abi(ABI_X86_64, name);
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

static struct op *fs(unsigned modes, const char *path)
{
	struct op *op = add(CAT_FS);

	op->modes = modes;
	op->path = path;
	op->kind = RESOLVED_FILE;
	return op;
}

static struct op *net(unsigned net_op, unsigned family, const char *addr,
		      unsigned port)
{
	struct op *op = add(CAT_NET);

	op->net_op = net_op;
	op->family = family;
	snprintf(op->addr, sizeof(op->addr), "%s", addr);
	op->port = port;
	return op;
}

static struct op *sock(unsigned net_op, unsigned family, const char *path)
{
	struct op *op = add(CAT_NET);

	op->net_op = net_op;
	op->family = family;
	op->path = path;
	return op;
}

static struct op *exec_op(const char *path)
{
	struct op *op = add(CAT_PROC);

	op->proc_op = PROC_EXEC;
	op->path = path;
	return op;
}

static struct op *clone_op(uint64_t flags)
{
	struct op *op = add(CAT_PROC);

	op->proc_op = PROC_CLONE;
	op->clone_flags = flags;
	return op;
}

static struct op *signal_op(pid_t target, bool outside)
{
	struct op *op = add(CAT_PROC);

	op->proc_op = PROC_SIGNAL;
	op->target = target;
	op->target_outside = outside;
	op->signal = 15;
	return op;
}

static struct op *ptrace_op(pid_t target)
{
	struct op *op = add(CAT_PROC);

	op->proc_op = PROC_PTRACE;
	op->target = target;
	op->target_outside = true;
	return op;
}

static void sys_op(void)
{
	add(CAT_SYS);
}

static struct verdict judge(void)
{
	return policy_judge(have_policy ? &p : NULL, &ev, &ops);
}

/* The verdict is action (with errno e) from rule number rule (0-based),
 * or from the default when rule is -1. line: the caller's. */
static void expect_rule_at(int line, struct verdict v, enum pol_action action,
			   int e, int rule)
{
	cr_expect_eq(v.action, action, "line %d: action %s, want %s", line,
		     pol_action_name(v.action), pol_action_name(action));
	cr_expect_eq(v.err, e, "line %d: errno %d, want %d", line, v.err, e);
	cr_expect_null(v.builtin, "line %d: built-in '%s' decided", line,
		       v.builtin);
	cr_expect_not(v.kernel_error, "line %d: a kernel error", line);
	if (rule < 0) {
		cr_expect_null(v.rule, "line %d: rule on line %u decided, want the "
			       "default", line, v.rule ? v.rule->line : 0);
	} else {
		cr_assert_lt((unsigned)rule, p.nrules);
		cr_expect_eq(v.rule, &p.rules[rule], "line %d: rule on line %u "
			     "decided, want line %u", line,
			     v.rule ? v.rule->line : 0, p.rules[rule].line);
	}
}

static void expect_builtin_at(int line, struct verdict v,
			      enum pol_action action, int e)
{
	cr_expect_eq(v.action, action, "line %d: action %s, want %s", line,
		     pol_action_name(v.action), pol_action_name(action));
	cr_expect_eq(v.err, e, "line %d: errno %d, want %d", line, v.err, e);
	cr_expect_not_null(v.builtin, "line %d: no built-in protection decided "
			   "(rule on line %u)", line, v.rule ? v.rule->line : 0);
	cr_expect_null(v.rule, "line %d: a rule decided", line);
}

#define expect_rule(...) expect_rule_at(__LINE__, __VA_ARGS__)
#define expect_builtin(...) expect_builtin_at(__LINE__, __VA_ARGS__)

/* --- first match, defaults ---------------------------------------------- */

Test(eval, first_matching_rule_wins)
{
	pol("fs deny r /etc/shadow\nfs allow r /etc/**\nfs kill r /etc/passwd\n");
	call("openat");
	fs(MODE_R, "/etc/shadow");
	sys_op();
	expect_rule(judge(), ACT_DENY, EACCES, 0);

	call("openat");
	fs(MODE_R, "/etc/passwd");
	sys_op();
	expect_rule(judge(), ACT_ALLOW, 0, 1);

	pol("fs allow r /etc/**\nfs deny r /etc/shadow\n");
	call("openat");
	fs(MODE_R, "/etc/shadow");
	sys_op();
	expect_rule(judge(), ACT_ALLOW, 0, 0);
}

Test(eval, rules_of_other_categories_do_not_match)
{
	pol("sys deny openat\nproc deny exec /etc/**\nnet deny any any\n"
	    "fs allow r /etc/**\n");
	call("open");
	fs(MODE_R, "/etc/passwd");
	sys_op();
	expect_rule(judge(), ACT_ALLOW, 0, 3);
}

Test(eval, written_default_decides_when_no_rule_matches)
{
	struct verdict v;

	pol("default fs deny:EROFS\nfs allow r /usr/**\n");
	call("openat");
	fs(MODE_R, "/etc/passwd");
	sys_op();
	v = judge();
	expect_rule(v, ACT_DENY, EROFS, -1);
	cr_expect_eq(v.cat, CAT_FS);
	cr_expect_eq(v.default_line, 1);
	cr_expect_str_eq(v.default_text, "default fs deny:EROFS");
	cr_expect_eq(v.op, 0);
}

Test(eval, unwritten_default_allows)
{
	struct verdict v;

	pol("fs deny r /etc/shadow\n");
	call("openat");
	fs(MODE_R, "/etc/passwd");
	sys_op();
	v = judge();
	expect_rule(v, ACT_ALLOW, 0, -1);
	cr_expect_eq(v.default_line, 0);
	cr_expect_null(v.default_text);
}

Test(eval, default_of_each_category)
{
	pol("default fs log\ndefault net deny\ndefault proc kill\n"
	    "default sys deny:ENOSYS\n");
	call("getpid");
	sys_op();
	expect_rule(judge(), ACT_DENY, ENOSYS, -1);
	call("connect");
	net(NET_CONNECT, FAM_INET, "1.2.3.4", 80);
	expect_rule(judge(), ACT_DENY, EACCES, -1);
	call("fork");
	clone_op(0);
	expect_rule(judge(), ACT_KILL, 0, -1);
	call("openat");
	fs(MODE_R, "/x");
	expect_rule(judge(), ACT_LOG, 0, -1);
}

/* --- fs, mode by mode ----------------------------------------------------- */

Test(eval, read_write_needs_both_modes)
{
	struct verdict v;

	pol("default fs deny\nfs allow r /data/**\n");
	call("openat");
	fs(MODE_R | MODE_W, "/data/f");
	sys_op();
	v = judge();
	expect_rule(v, ACT_DENY, EACCES, -1);
	cr_expect_eq(v.default_line, 1);

	call("openat");
	fs(MODE_R, "/data/f");
	sys_op();
	expect_rule(judge(), ACT_ALLOW, 0, 0);

	pol("default fs deny\nfs allow r /data/**\nfs allow w /data/**\n");
	call("openat");
	fs(MODE_R | MODE_W, "/data/f");
	sys_op();
	expect_rule(judge(), ACT_ALLOW, 0, 0);
}

Test(eval, deny_of_w_wins_over_allow_of_r)
{
	pol("fs allow r /data/**\nfs deny:EROFS w /data/**\n");
	call("openat");
	fs(MODE_R | MODE_W, "/data/f");
	sys_op();
	expect_rule(judge(), ACT_DENY, EROFS, 1);

	pol("fs deny w /data/**\nfs allow r,w /data/**\n");
	call("openat");
	fs(MODE_R | MODE_W, "/data/f");
	sys_op();
	expect_rule(judge(), ACT_DENY, EACCES, 0);
	/* reading alone: the deny names no r */
	call("openat");
	fs(MODE_R, "/data/f");
	sys_op();
	expect_rule(judge(), ACT_ALLOW, 0, 1);
}

Test(eval, each_mode_takes_its_own_first_rule)
{
	pol("fs log r /x/**\nfs kill c /x/new\nfs allow any /x/**\n");
	call("openat");
	fs(MODE_R | MODE_W | MODE_C, "/x/new");
	sys_op();
	expect_rule(judge(), ACT_KILL, 0, 1);

	call("openat");
	fs(MODE_R | MODE_W | MODE_C, "/x/other");
	sys_op();
	expect_rule(judge(), ACT_LOG, 0, 0);

	call("openat");
	fs(MODE_W | MODE_C, "/x/other");
	sys_op();
	expect_rule(judge(), ACT_ALLOW, 0, 2);
}

/* --- several operations: the worst decides ------------------------------- */

Test(eval, worst_action_across_operations)
{
	struct verdict v;

	pol("fs allow d /a/**\nfs deny c /b/**\nfs kill c /k/**\nfs log d /l/**\n");
	/* rename(/a/x, /b/y): d allowed, c denied */
	call("rename");
	fs(MODE_D, "/a/x");
	fs(MODE_C, "/b/y");
	sys_op();
	v = judge();
	expect_rule(v, ACT_DENY, EACCES, 1);
	cr_expect_eq(v.op, 1);

	/* kill before deny */
	call("rename");
	fs(MODE_C, "/b/y");
	fs(MODE_C, "/k/z");
	sys_op();
	v = judge();
	expect_rule(v, ACT_KILL, 0, 2);
	cr_expect_eq(v.op, 1);

	/* log before allow */
	call("rename");
	fs(MODE_D, "/l/x");
	fs(MODE_D, "/a/y");
	sys_op();
	v = judge();
	expect_rule(v, ACT_LOG, 0, 3);
	cr_expect_eq(v.op, 0);

	/* deny before log, whatever the order */
	call("rename");
	fs(MODE_D, "/l/x");
	fs(MODE_C, "/b/y");
	sys_op();
	v = judge();
	expect_rule(v, ACT_DENY, EACCES, 1);

	/* two denials: the first operation's */
	call("rename");
	fs(MODE_C, "/b/1");
	fs(MODE_C, "/b/2");
	sys_op();
	v = judge();
	cr_expect_eq(v.op, 0);
}

Test(eval, sys_rule_and_fs_rule_on_one_call)
{
	struct verdict v;

	pol("fs allow r /etc/**\nsys kill openat\n");
	call("openat");
	fs(MODE_R, "/etc/passwd");
	sys_op();
	v = judge();
	expect_rule(v, ACT_KILL, 0, 1);
	cr_expect_eq(v.cat, CAT_SYS);
	cr_expect_eq(v.op, 1);

	/* execve: fs x and proc exec, the worst */
	pol("fs allow x /bin/**\nproc deny:ENOEXEC exec /bin/sh\n");
	call("execve");
	fs(MODE_X, "/bin/sh");
	exec_op("/bin/sh");
	sys_op();
	v = judge();
	expect_rule(v, ACT_DENY, ENOEXEC, 1);
	cr_expect_eq(v.cat, CAT_PROC);
}

/* --- net ---------------------------------------------------------------- */

Test(eval, net_cidr_ports_ops_families)
{
	pol("default net deny:ECONNREFUSED\n"
	    "net allow connect,send inet 127.0.0.0/8 10.1.0.0/16 port=80,8000-8080\n"
	    "net allow bind inet6 ::1 port=5000\n");
	call("connect");
	net(NET_CONNECT, FAM_INET, "127.0.0.1", 80);
	expect_rule(judge(), ACT_ALLOW, 0, 0);
	call("connect");
	net(NET_CONNECT, FAM_INET, "10.1.255.3", 8080);
	expect_rule(judge(), ACT_ALLOW, 0, 0);
	call("sendto");
	net(NET_SEND, FAM_INET, "127.9.9.9", 8000);
	expect_rule(judge(), ACT_ALLOW, 0, 0);
	/* the port */
	call("connect");
	net(NET_CONNECT, FAM_INET, "127.0.0.1", 8081);
	expect_rule(judge(), ACT_DENY, ECONNREFUSED, -1);
	call("connect");
	net(NET_CONNECT, FAM_INET, "127.0.0.1", 81);
	expect_rule(judge(), ACT_DENY, ECONNREFUSED, -1);
	/* the network */
	call("connect");
	net(NET_CONNECT, FAM_INET, "10.2.0.1", 80);
	expect_rule(judge(), ACT_DENY, ECONNREFUSED, -1);
	/* the operation */
	call("bind");
	net(NET_BIND, FAM_INET, "127.0.0.1", 80);
	expect_rule(judge(), ACT_DENY, ECONNREFUSED, -1);
	/* the family */
	call("connect");
	net(NET_CONNECT, FAM_INET6, "::1", 80);
	expect_rule(judge(), ACT_DENY, ECONNREFUSED, -1);
	call("bind");
	net(NET_BIND, FAM_INET6, "::1", 5000);
	expect_rule(judge(), ACT_ALLOW, 0, 1);
	call("bind");
	net(NET_BIND, FAM_INET6, "::2", 5000);
	expect_rule(judge(), ACT_DENY, ECONNREFUSED, -1);
}

/* ops.c makes an IPv4 peer reached through an IPv6 socket FAM_INET. */
Test(eval, v4_mapped_peer_is_judged_as_inet)
{
	pol("default net deny\nnet allow connect inet 127.0.0.0/8\n");
	call("connect");
	net(NET_CONNECT, FAM_INET, "127.0.0.1", 443);
	expect_rule(judge(), ACT_ALLOW, 0, 0);
	/* not by an inet6 rule for the mapped network */
	pol("default net deny\nnet allow connect inet6 ::ffff:0:0/96\n");
	call("connect");
	net(NET_CONNECT, FAM_INET, "127.0.0.1", 443);
	expect_rule(judge(), ACT_DENY, EACCES, -1);
}

Test(eval, family_any_and_ports)
{
	pol("default net deny\nnet allow any any port=53\nnet allow bind any\n");
	call("sendto");
	net(NET_SEND, FAM_INET, "8.8.8.8", 53);
	expect_rule(judge(), ACT_ALLOW, 0, 0);
	call("sendto");
	net(NET_SEND, FAM_INET6, "2001:db8::1", 53);
	expect_rule(judge(), ACT_ALLOW, 0, 0);
	call("sendto");
	net(NET_SEND, FAM_INET, "8.8.8.8", 54);
	expect_rule(judge(), ACT_DENY, EACCES, -1);
	/* a port rule never matches what has no port */
	call("connect");
	sock(NET_CONNECT, FAM_UNIX, "/run/x");
	expect_rule(judge(), ACT_DENY, EACCES, -1);
	/* family any holds netlink and the others */
	call("bind");
	net(NET_BIND, FAM_OTHER, "pid=0,groups=0x1", 0);
	expect_rule(judge(), ACT_ALLOW, 0, 1);
}

Test(eval, other_families_only_by_any)
{
	pol("default net deny\nnet allow bind inet\nnet allow bind unix\n");
	call("bind");
	net(NET_BIND, FAM_OTHER, "pid=0,groups=0x1", 0);
	expect_rule(judge(), ACT_DENY, EACCES, -1);
}

Test(eval, unix_paths_and_abstract_names)
{
	pol("default net deny\nnet allow connect unix /run/*.sock $TMP/**\n"
	    "net log connect abstract dbus-*\n");
	call("connect");
	sock(NET_CONNECT, FAM_UNIX, "/run/x.sock");
	expect_rule(judge(), ACT_ALLOW, 0, 0);
	call("connect");
	sock(NET_CONNECT, FAM_UNIX, "/run/a/x.sock");
	expect_rule(judge(), ACT_DENY, EACCES, -1);
	call("connect");
	sock(NET_CONNECT, FAM_UNIX, "/tmp/gbx/a/b");
	expect_rule(judge(), ACT_ALLOW, 0, 0);
	call("connect");
	sock(NET_CONNECT, FAM_ABSTRACT, "dbus-1234");
	expect_rule(judge(), ACT_LOG, 0, 1);
	call("connect");
	sock(NET_CONNECT, FAM_ABSTRACT, "/run/x.sock");
	expect_rule(judge(), ACT_DENY, EACCES, -1);
	call("connect");
	sock(NET_CONNECT, FAM_UNIX, "dbus-1234");
	expect_rule(judge(), ACT_DENY, EACCES, -1);
	/* a unix socket without a path never matches a path pattern */
	call("connect");
	sock(NET_CONNECT, FAM_UNIX, NULL);
	expect_rule(judge(), ACT_DENY, EACCES, -1);
}

/* --- proc --------------------------------------------------------------- */

Test(eval, proc_exec_patterns)
{
	pol("default proc deny\nproc allow exec /usr/bin/* memfd:jit-*\n");
	call("execve");
	exec_op("/usr/bin/ls");
	expect_rule(judge(), ACT_ALLOW, 0, 0);
	call("execve");
	exec_op("/usr/bin/x/ls");
	expect_rule(judge(), ACT_DENY, EPERM, -1);
	call("execve");
	exec_op("/usr/local/bin/x");
	expect_rule(judge(), ACT_DENY, EPERM, -1);
	call("execveat");
	exec_op("memfd:jit-12");
	expect_rule(judge(), ACT_ALLOW, 0, 0);
	call("execveat");
	exec_op("memfd:evil");
	expect_rule(judge(), ACT_DENY, EPERM, -1);
}

Test(eval, clone_flags_intersect)
{
	pol("proc deny clone newuser,newnet\nproc kill clone newpid\n"
	    "proc allow clone any\ndefault proc deny\n");
	call("clone");
	clone_op(CLONE_NEWUSER | CLONE_NEWPID);
	expect_rule(judge(), ACT_DENY, EPERM, 0);
	call("unshare");
	clone_op(CLONE_NEWPID);
	expect_rule(judge(), ACT_KILL, 0, 1);
	call("clone");
	clone_op(CLONE_VM | CLONE_THREAD);
	expect_rule(judge(), ACT_ALLOW, 0, 2);
	/* a plain fork: only "any" */
	call("fork");
	clone_op(0);
	expect_rule(judge(), ACT_ALLOW, 0, 2);

	pol("default proc deny\nproc allow clone thread,vm\n");
	call("fork");
	clone_op(0);
	expect_rule(judge(), ACT_DENY, EPERM, -1);
	call("clone");
	clone_op(CLONE_VM);
	expect_rule(judge(), ACT_ALLOW, 0, 0);
	call("clone");
	clone_op(CLONE_NEWNS);
	expect_rule(judge(), ACT_DENY, EPERM, -1);
}

Test(eval, signal_outside_and_any)
{
	pol("default proc deny\nproc deny:ESRCH signal outside\n"
	    "proc allow signal any\n");
	call("kill");
	signal_op(4321, true);
	expect_rule(judge(), ACT_DENY, ESRCH, 0);
	call("kill");
	signal_op(4322, false);
	expect_rule(judge(), ACT_ALLOW, 0, 1);

	pol("default proc deny\nproc allow signal outside\n");
	call("kill");
	signal_op(4321, true);
	expect_rule(judge(), ACT_ALLOW, 0, 0);
	call("kill");
	signal_op(4322, false);
	expect_rule(judge(), ACT_DENY, EPERM, -1);
}

/* --- sys ------------------------------------------------------------------ */

Test(eval, sys_rules_with_argument_tests)
{
	pol("default sys deny\nsys deny:EINVAL ioctl arg1=0x5401\n"
	    "sys kill personality arg0&0x400000\nsys allow ioctl,personality\n"
	    "sys log prctl arg0=-1 arg1=2\n");
	call("ioctl");
	ev.args[1] = 0x5401;
	sys_op();
	expect_rule(judge(), ACT_DENY, EINVAL, 0);
	call("ioctl");
	ev.args[1] = 0x5402;
	sys_op();
	expect_rule(judge(), ACT_ALLOW, 0, 2);
	call("personality");
	ev.args[0] = 0x400008;
	sys_op();
	expect_rule(judge(), ACT_KILL, 0, 1);
	call("personality");
	ev.args[0] = 0x8;
	sys_op();
	expect_rule(judge(), ACT_ALLOW, 0, 2);
	/* all tests must hold */
	call("prctl");
	ev.args[0] = UINT64_MAX;
	ev.args[1] = 2;
	sys_op();
	expect_rule(judge(), ACT_LOG, 0, 3);
	call("prctl");
	ev.args[0] = UINT64_MAX;
	ev.args[1] = 3;
	sys_op();
	expect_rule(judge(), ACT_DENY, EPERM, -1);
	call("getpid");
	sys_op();
	expect_rule(judge(), ACT_DENY, EPERM, -1);
}

/* An int argument's high 32 bits are not the kernel's: a refusal cannot
 * be dodged with them, nor an allowance stretched over them. */
Test(eval, sys_argument_tests_and_the_width_the_kernel_reads)
{
	pol("default sys deny\nsys deny socket arg0=17\nsys deny socket arg1&3\n"
	    "sys allow socket arg0=2\nsys deny chmod arg1&0x800\n"
	    "sys allow chmod\n");
	call("socket");
	ev.args[0] = 17 | 1ULL << 32;
	sys_op();
	expect_rule(judge(), ACT_DENY, EPERM, 0);
	call("socket");
	ev.args[0] = 1;
	ev.args[1] = 3 | 1ULL << 32;
	sys_op();
	expect_rule(judge(), ACT_DENY, EPERM, 1);
	call("socket");
	ev.args[0] = 2;
	sys_op();
	expect_rule(judge(), ACT_ALLOW, 0, 2);
	/* The allowance holds for exactly 2, not for what reads 2 in 32 bits. */
	call("socket");
	ev.args[0] = 2 | 1ULL << 32;
	sys_op();
	expect_rule(judge(), ACT_DENY, EPERM, -1);
	/* A mode is 16 bits: setuid is refused whatever is above. */
	call("chmod");
	ev.args[1] = 0x10800;
	sys_op();
	expect_rule(judge(), ACT_DENY, EPERM, 3);
}

Test(eval, sys_rules_by_class_and_on_other_abis)
{
	pol("sys deny:ENOSYS %net\n");
	call("socket");
	sys_op();
	expect_rule(judge(), ACT_DENY, ENOSYS, 0);
	call_abi(ABI_I386, "socket");
	sys_op();
	expect_rule(judge(), ACT_DENY, ENOSYS, 0);
	call_abi(ABI_X32, "getpid");
	sys_op();
	expect_rule(judge(), ACT_ALLOW, 0, -1);
}

/* i386 socketcall decoded as its sub-call: judged by the sub-call's name. */
Test(eval, sys_rule_names_a_socketcall_subcall)
{
	pol("sys deny:EACCES connect\n");
	call_abi(ABI_I386, "socketcall");
	ev.name = "connect";
	ev.via_socketcall = true;
	sys_op();
	expect_rule(judge(), ACT_DENY, EACCES, 0);
}

/* --- hits ---------------------------------------------------------------- */

Test(eval, hits_count_on_the_deciding_rule_only)
{
	unsigned i;

	pol("default fs deny\nfs log r /a/**\nfs allow r,w /a/**\n"
	    "fs allow r /never/**\n");
	for (i = 0; i < 3; i++) {
		call("openat");
		fs(MODE_R | MODE_W, "/a/f");
		sys_op();
		expect_rule(judge(), ACT_LOG, 0, 0);
	}
	call("openat");
	fs(MODE_W, "/a/f");
	sys_op();
	expect_rule(judge(), ACT_ALLOW, 0, 1);
	call("openat");
	fs(MODE_R, "/b");
	sys_op();
	expect_rule(judge(), ACT_DENY, EACCES, -1);
	cr_expect_eq(p.rules[0].hits, 3);
	cr_expect_eq(p.rules[1].hits, 1);
	cr_expect_eq(p.rules[2].hits, 0);
}

/* --- built-in protections ------------------------------------------------- */

Test(builtin, nothing_may_signal_the_tracer_even_without_a_policy)
{
	struct op *op;
	struct verdict v;

	call("kill");
	op = signal_op(getpid(), true);
	op->target_tracer = true;
	sys_op();
	v = judge();
	expect_builtin(v, ACT_DENY, EPERM);
	cr_expect_eq(v.op, 0);
	cr_expect_not(v.emulate_group_signal);

	pol("proc allow signal any\nsys allow kill\n");
	v = judge();
	expect_builtin(v, ACT_DENY, EPERM);
}

Test(builtin, nothing_may_trace_the_tracer_even_without_a_policy)
{
	struct op *op;

	call("ptrace");
	op = ptrace_op(getpid());
	op->target_tracer = true;
	sys_op();
	expect_builtin(judge(), ACT_DENY, EPERM);
	pol("proc allow ptrace\nsys allow ptrace\n");
	expect_builtin(judge(), ACT_DENY, EPERM);
}

Test(builtin, nothing_may_reach_the_tracer_through_proc)
{
	char path[64], sub[80], other[80];

	snprintf(path, sizeof(path), "/proc/%d", (int)getpid());
	snprintf(sub, sizeof(sub), "/proc/%d/environ", (int)getpid());
	snprintf(other, sizeof(other), "/proc/%d0/environ", (int)getpid());
	call("openat");
	fs(MODE_R, sub);
	sys_op();
	expect_builtin(judge(), ACT_DENY, EACCES);
	call("openat");
	fs(MODE_R, path);
	sys_op();
	expect_builtin(judge(), ACT_DENY, EACCES);
	/* another pid that starts with the same digits */
	call("openat");
	fs(MODE_R, other);
	sys_op();
	cr_expect_eq(judge().action, ACT_ALLOW);
	/* whatever the policy allows */
	pol("fs allow any /**\n");
	call("openat");
	fs(MODE_R, sub);
	sys_op();
	expect_builtin(judge(), ACT_DENY, EACCES);
}

Test(builtin, group_signals_are_emulated)
{
	struct op *op;
	struct verdict v;

	call("kill");
	op = signal_op(0, false);
	op->group_signal = true;
	sys_op();
	v = judge();
	cr_expect_eq(v.action, ACT_ALLOW);
	cr_expect(v.emulate_group_signal);
	cr_expect_not_null(v.builtin);

	pol("proc allow signal any\n");
	call("kill");
	op = signal_op(-1, true);
	op->group_signal = true;
	sys_op();
	v = judge();
	cr_expect_eq(v.action, ACT_ALLOW);
	cr_expect(v.emulate_group_signal);

	/* an ordinary signal is not */
	call("kill");
	signal_op(1234, false);
	sys_op();
	v = judge();
	cr_expect_not(v.emulate_group_signal);
}

Test(builtin, no_policy_allows_everything_else)
{
	struct verdict v;

	call("openat");
	fs(MODE_W, "/etc/shadow");
	sys_op();
	v = judge();
	cr_expect_eq(v.action, ACT_ALLOW);
	cr_expect_null(v.rule);
	call("io_uring_setup");
	sys_op();
	cr_expect_eq(judge().action, ACT_ALLOW);
	call("ptrace");
	ptrace_op(999999);
	sys_op();
	cr_expect_eq(judge().action, ACT_ALLOW);
	call("openat");
	fs(MODE_W, "/proc/1234/mem");
	sys_op();
	cr_expect_eq(judge().action, ACT_ALLOW);
}

Test(builtin, io_uring_setup_denied_under_an_fs_policy)
{
	pol("fs allow any /**\n");
	call("io_uring_setup");
	sys_op();
	expect_builtin(judge(), ACT_DENY, ENOSYS);

	pol("fs allow any /**\nsys allow io_uring_setup\n");
	call("io_uring_setup");
	sys_op();
	expect_rule(judge(), ACT_ALLOW, 0, 1);

	pol("default net deny\n");
	call("io_uring_setup");
	sys_op();
	expect_builtin(judge(), ACT_DENY, ENOSYS);
}

/* io_uring could connect where a net rule refuses. */
Test(builtin, io_uring_setup_denied_under_net_rules)
{
	pol("net deny connect inet 10.0.0.0/8\n");
	call("io_uring_setup");
	sys_op();
	expect_builtin(judge(), ACT_DENY, ENOSYS);
}

Test(builtin, open_by_handle_at_denied_under_an_fs_policy)
{
	pol("default fs deny\nfs allow r /**\n");
	call("open_by_handle_at");
	sys_op();
	expect_builtin(judge(), ACT_DENY, EPERM);
	pol("fs allow r /**\nsys allow open_by_handle_at\n");
	call("open_by_handle_at");
	sys_op();
	expect_rule(judge(), ACT_ALLOW, 0, 1);
}

Test(builtin, mounts_denied_under_an_fs_policy)
{
	static const char *const calls[] = {
		"mount", "umount2", "pivot_root", "chroot", "move_mount",
		"open_tree", "fsopen", "fsmount", "fspick", "mount_setattr",
	};
	size_t i;

	pol("fs allow any /**\n");
	for (i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
		call(calls[i]);
		sys_op();
		expect_builtin(judge(), ACT_DENY, EPERM);
	}
	/* proc exec rules judge paths too */
	pol("proc allow exec /usr/**\n");
	call("chroot");
	sys_op();
	expect_builtin(judge(), ACT_DENY, EPERM);
	/* allowed by name */
	pol("fs allow any /**\nsys allow mount\n");
	call("mount");
	sys_op();
	expect_rule(judge(), ACT_ALLOW, 0, 1);
	call("chroot");
	sys_op();
	expect_builtin(judge(), ACT_DENY, EPERM);
	/* a policy that judges no path leaves them */
	pol("net deny connect inet\n");
	call("mount");
	sys_op();
	expect_rule(judge(), ACT_ALLOW, 0, -1);
}

Test(builtin, ptrace_denied_without_a_proc_ptrace_rule)
{
	struct verdict v;

	pol("fs allow any /**\n");
	call("ptrace");
	ptrace_op(4321);
	sys_op();
	v = judge();
	expect_builtin(v, ACT_DENY, EPERM);
	cr_expect_eq(v.op, 0);
	call("process_vm_writev");
	ptrace_op(4321);
	sys_op();
	expect_builtin(judge(), ACT_DENY, EPERM);

	pol("proc allow ptrace\n");
	call("ptrace");
	ptrace_op(4321);
	sys_op();
	expect_rule(judge(), ACT_ALLOW, 0, 0);

	pol("proc deny:ESRCH ptrace\n");
	call("ptrace");
	ptrace_op(4321);
	sys_op();
	expect_rule(judge(), ACT_DENY, ESRCH, 0);
}

/* gobox-policy(5): io_uring_setup, open_by_handle_at, mounts and chroot are
 * refused "unless a sys rule allows them by name": a class that happens to
 * hold them (an allowlist of %desc or %file calls) is not their name. */
Test(builtin, sys_class_rule_does_not_lift_the_protections)
{
	pol("fs allow any /**\nsys allow %desc\n");
	call("io_uring_setup");
	sys_op();
	expect_builtin(judge(), ACT_DENY, ENOSYS);
	call("open_by_handle_at");
	sys_op();
	expect_builtin(judge(), ACT_DENY, EPERM);
	pol("fs allow any /**\nsys allow %file\n");
	call("chroot");
	sys_op();
	expect_builtin(judge(), ACT_DENY, EPERM);
}

/* gobox-policy(5): "ptrace and process_vm_writev are refused unless a proc
 * ptrace rule allows them" - a sys rule is not one. */
Test(builtin, sys_rule_does_not_lift_the_ptrace_protection)
{
	pol("sys allow ptrace,process_vm_writev\n");
	call("ptrace");
	ptrace_op(4321);
	sys_op();
	expect_builtin(judge(), ACT_DENY, EPERM);
}

Test(builtin, proc_mem_may_not_be_written)
{
	pol("fs allow any /**\n");
	call("openat");
	fs(MODE_W, "/proc/1234/mem");
	sys_op();
	expect_builtin(judge(), ACT_DENY, EACCES);
	call("openat");
	fs(MODE_R | MODE_W, "/proc/1234/task/1240/mem");
	sys_op();
	expect_builtin(judge(), ACT_DENY, EACCES);
	/* reading is the policy's to judge */
	call("openat");
	fs(MODE_R, "/proc/1234/mem");
	sys_op();
	expect_rule(judge(), ACT_ALLOW, 0, 0);
	/* other files of /proc/PID */
	call("openat");
	fs(MODE_W, "/proc/1234/memx");
	sys_op();
	expect_rule(judge(), ACT_ALLOW, 0, 0);
	call("openat");
	fs(MODE_W, "/proc/1234/comm");
	sys_op();
	expect_rule(judge(), ACT_ALLOW, 0, 0);
	/* any policy, not only an fs one */
	pol("net deny connect inet\n");
	call("openat");
	fs(MODE_W, "/proc/1/mem");
	sys_op();
	expect_builtin(judge(), ACT_DENY, EACCES);
}

/* gobox-policy(5): "no /proc/PID/mem may be opened for writing" - a sys
 * rule allowing the open call does not change that. */
Test(builtin, sys_rule_for_open_does_not_lift_the_proc_mem_protection)
{
	pol("fs allow any /**\nsys allow openat\n");
	call("openat");
	fs(MODE_W, "/proc/1234/mem");
	sys_op();
	expect_builtin(judge(), ACT_DENY, EACCES);
}

Test(builtin, unresolvable_path_fails_with_the_kernel_error)
{
	struct op *op;
	struct verdict v;

	pol("fs allow any /**\n");
	call("openat");
	op = fs(MODE_R, NULL);
	op->resolve_err = -ENOENT;
	sys_op();
	v = judge();
	cr_expect_eq(v.action, ACT_DENY);
	cr_expect_eq(v.err, ENOENT);
	cr_expect(v.kernel_error);
	cr_expect_null(v.rule);
	cr_expect_eq(v.op, 0);

	/* the second operation of a rename */
	call("rename");
	fs(MODE_D, "/a");
	op = fs(MODE_C, NULL);
	op->resolve_err = -ENOTDIR;
	sys_op();
	v = judge();
	cr_expect_eq(v.err, ENOTDIR);
	cr_expect(v.kernel_error);
	cr_expect_eq(v.op, 1);

	/* an exec */
	pol("proc allow exec /**\n");
	call("execve");
	op = exec_op(NULL);
	op->resolve_err = -ELOOP;
	sys_op();
	v = judge();
	cr_expect_eq(v.action, ACT_DENY);
	cr_expect_eq(v.err, ELOOP);
	cr_expect(v.kernel_error);
}

/* Something without a name is allowed when the program holds it (its
 * descriptor), or reopens or runs it through /proc/PID/fd; any other
 * change through /proc has nothing to be judged by. */
Test(builtin, opaque_paths_held_or_reopened_are_allowed)
{
	struct op *op;
	struct verdict v;

	pol("default fs deny\nfs allow r /usr/**\n");
	call("fchmod");
	op = fs(MODE_M, "pipe:[1234]");
	op->kind = RESOLVED_OPAQUE;
	op->via_fd = true;
	sys_op();
	v = judge();
	cr_expect_eq(v.action, ACT_ALLOW);
	cr_expect_not(v.kernel_error);
	cr_expect_null(v.rule);
	call("openat");
	op = fs(MODE_R | MODE_W, "pipe:[1234]");
	op->kind = RESOLVED_OPAQUE;
	sys_op();
	cr_expect_eq(judge().action, ACT_ALLOW);
	call("chmod");
	op = fs(MODE_M, "/tmp/d (deleted)");
	op->kind = RESOLVED_OPAQUE;
	sys_op();
	v = judge();
	cr_expect_eq(v.action, ACT_DENY);
	cr_expect_eq(v.err, EACCES);
	cr_expect_not(v.kernel_error);
	/* a real path is still judged */
	call("fchmod");
	fs(MODE_M, "/etc/passwd");
	sys_op();
	expect_rule(judge(), ACT_DENY, EACCES, -1);
}

/* --- the traced set ------------------------------------------------------- */

static struct traceset ts;

static void traced(const char *text)
{
	pol(text);
	traceset_free(&ts);
	traceset_init(&ts);
	policy_traceset(&p, &ts);
}

#define HAS(name) cr_expect(traceset_has_name(&ts, name), "%s not traced", name)
#define HAS_NOT(name) cr_expect_not(traceset_has_name(&ts, name), "%s traced", name)

static void expect_protection(void)
{
	HAS("kill");
	HAS("tgkill");
	HAS("ptrace");
	HAS("clone");
	HAS("clone3");
	HAS("pidfd_open");
	HAS("process_vm_writev");
}

Test(traceset_of_policy, fs_policy_traces_fs_calls)
{
	traced("fs allow r /usr/**\n");
	expect_protection();
	HAS("open");
	HAS("openat");
	HAS("openat2");
	HAS("execve");
	HAS("unlinkat");
	HAS("renameat2");
	HAS("fchmod");
	HAS("mount");
	HAS("chroot");
	HAS("io_uring_setup");
	HAS("open_by_handle_at");
	HAS_NOT("read");
	HAS_NOT("getpid");
	HAS_NOT("sendto");
	HAS_NOT("fork");
	traceset_free(&ts);
}

Test(traceset_of_policy, net_policy_traces_net_calls)
{
	traced("net deny connect inet\n");
	expect_protection();
	HAS("connect");
	HAS("bind");
	HAS("sendto");
	HAS("sendmsg");
	HAS("sendmmsg");
	HAS("accept");
	HAS("accept4");
	HAS("io_uring_setup");
	HAS_NOT("openat");
	HAS_NOT("fork");
	HAS_NOT("read");
	traceset_free(&ts);
}

Test(traceset_of_policy, proc_policy_traces_proc_calls)
{
	traced("proc deny clone newuser\n");
	expect_protection();
	HAS("fork");
	HAS("vfork");
	HAS("unshare");
	HAS("setns");
	HAS("execve");
	HAS("execveat");
	HAS("tkill");
	HAS_NOT("openat");
	HAS_NOT("connect");
	traceset_free(&ts);

	/* an exec rule judges paths: fs calls too */
	traced("proc allow exec /usr/**\n");
	HAS("openat");
	HAS("mount");
	traceset_free(&ts);
}

Test(traceset_of_policy, sys_rules_add_their_calls)
{
	traced("sys deny reboot,personality\n");
	expect_protection();
	HAS("reboot");
	HAS("personality");
	HAS_NOT("openat");
	HAS_NOT("connect");
	HAS_NOT("read");
	traceset_free(&ts);
}

Test(traceset_of_policy, default_sys_other_than_allow_traces_everything)
{
	struct traceset all;

	traceset_init(&all);
	traceset_add_all(&all);
	traced("default sys deny\nsys allow read\n");
	cr_expect_eq(traceset_size(&ts), traceset_size(&all));
	HAS("getpid");
	traceset_free(&ts);
	traced("default sys log\n");
	cr_expect_eq(traceset_size(&ts), traceset_size(&all));
	traceset_free(&ts);
	traced("default sys allow\n");
	cr_expect_lt(traceset_size(&ts), traceset_size(&all));
	HAS_NOT("getpid");
	traceset_free(&ts);
	traceset_free(&all);
}

Test(traceset_of_policy, defaults_other_than_allow_use_a_category)
{
	traced("default fs log\n");
	HAS("openat");
	HAS_NOT("sendto");
	cr_expect(policy_category_used(&p, CAT_FS));
	cr_expect_not(policy_category_used(&p, CAT_NET));
	cr_expect(policy_needs_paths(&p));
	traceset_free(&ts);
	traced("default fs allow\ndefault net kill\n");
	HAS("connect");
	HAS_NOT("openat");
	cr_expect_not(policy_category_used(&p, CAT_FS));
	cr_expect(policy_category_used(&p, CAT_NET));
	cr_expect_not(policy_needs_paths(&p));
	traceset_free(&ts);
	/* a unix path rule judges paths */
	traced("net allow connect unix /run/**\n");
	cr_expect(policy_needs_paths(&p));
	traceset_free(&ts);
	cr_expect_not(policy_needs_paths(NULL));
}

Test(traceset_of_policy, everything_holds_every_category)
{
	traceset_init(&ts);
	policy_traceset_everything(&ts);
	expect_protection();
	HAS("openat");
	HAS("mount");
	HAS("connect");
	HAS("accept4");
	HAS("fork");
	HAS("setns");
	HAS("io_uring_setup");
	HAS_NOT("read");
	traceset_free(&ts);
}
