/* test_policy_parse.c - reading a policy: what every construct becomes,
 * and where every mistake is reported (NAME:LINE:COL) */
#include <criterion/criterion.h>

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "policy.h"
#include "policy_parse.h"
#include "traceset.h"

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x80
#endif

static const struct policy_env env = {
	.tmp = "/tmp/gbx", .home = "/home/u", .cwd = "/home/u/proj",
};

static struct policy p;
static char err[1024];
static char *joined;		/* a policy text built by the test */

static void setup(void)
{
	memset(&p, 0, sizeof(p));
	memset(err, 0, sizeof(err));
	joined = NULL;
}

static void teardown(void)
{
	policy_free(&p);
	free(joined);
}

TestSuite(policy_parse, .init = setup, .fini = teardown);
TestSuite(policy_errors, .init = setup, .fini = teardown);

static void parse_ok_len(const char *text, size_t len)
{
	int rc = policy_parse(&p, "test.pol", text, len, &env, err, sizeof(err));

	cr_assert_eq(rc, 0, "policy_parse failed (%d): %s", rc, err);
}

static void parse_ok(const char *text)
{
	parse_ok_len(text, strlen(text));
}

/* The text fails with "test.pol:LINE:COL: " and a message holding phrase. */
static void parse_fails_len(const char *text, size_t len, unsigned line,
			    unsigned col, const char *phrase)
{
	char prefix[64];
	int rc = policy_parse(&p, "test.pol", text, len, &env, err, sizeof(err));

	snprintf(prefix, sizeof(prefix), "test.pol:%u:%u: ", line, col);
	cr_assert_eq(rc, -EINVAL, "policy_parse should fail on:\n%s", text);
	cr_expect(strncmp(err, prefix, strlen(prefix)) == 0,
		  "error '%s' should start with '%s'", err, prefix);
	cr_expect(strstr(err, phrase) != NULL, "error '%s' should say '%s'", err,
		  phrase);
	/* A failed parse leaves the policy empty. */
	cr_expect_eq(p.nrules, 0);
	cr_expect_null(p.rules);
	cr_expect_null(p.path);
}

static void parse_fails(const char *text, unsigned line, unsigned col,
			const char *phrase)
{
	parse_fails_len(text, strlen(text), line, col, phrase);
}

/* --- a policy with every construct -------------------------------------- */

static const char *const full_lines[] = {
	/* 1 */ "# A policy with every construct",
	/* 2 */ "",
	/* 3 */ "default fs deny",
	/* 4 */ "default net deny:ECONNREFUSED",
	/* 5 */ "\tdefault proc kill   # trailing comment",
	/* 6 */ "default sys log",
	/* 7 */ "   ",
	/* 8 */ "fs allow r,x /usr/** /lib/**",
	/* 9 */ "fs deny:EROFS wc \"$HOME/My Files/*\"",
	/* 10 */ "fs log any $TMP/** ${CWD}/out/**",
	/* 11 */ "  fs kill rwxcdm /etc/shadow \t ",
	/* 12 */ "fs deny d,m /srv/a$$b \"/q/\\\"x\\\"\" /h/a#b # comment",
	/* 13 */ "net allow connect,send inet 127.0.0.0/8 10.1.2.3/16 port=80,443,8000-8080",
	/* 14 */ "net deny bind inet6 ::1 fe80::1/10",
	/* 15 */ "net allow connect unix /run/*.sock $TMP/sock",
	/* 16 */ "net log any abstract \"dbus session\" x11-*",
	/* 17 */ "net allow accept any port=22",
	/* 18 */ "net deny connect inet",
	/* 19 */ "proc allow exec /usr/bin/* memfd:jit-*",
	/* 20 */ "proc deny clone newuser,newnet,newns,newpid,newipc,newuts,newcgroup,newtime",
	/* 21 */ "proc allow clone thread,vm,vfork,parent,untraced,ptrace",
	/* 22 */ "proc log clone any",
	/* 23 */ "proc deny signal outside",
	/* 24 */ "proc allow signal any",
	/* 25 */ "proc deny ptrace",
	/* 26 */ "sys deny:ENOSYS io_uring_setup,%net",
	/* 27 */ "sys allow ioctl arg1=0x5401 arg2&0x3 arg0=-1",
	/* 28 */ "sys deny:13 personality arg0=4294967295",
	/* 29 */ "sys kill reboot",
	/* 30 */ "net deny send abstract",
	/* 31 */ "proc deny exec $HOME/bin/x",
	/* 32 */ "# the end",
	NULL
};

static char *join_lines(const char *const *lines, const char *eol)
{
	size_t n = 1, i;
	char *s;

	for (i = 0; lines[i]; i++)
		n += strlen(lines[i]) + strlen(eol);
	s = joined = malloc(n);
	cr_assert_not_null(s);
	s[0] = '\0';
	for (i = 0; lines[i]; i++) {
		strcat(s, lines[i]);
		strcat(s, eol);
	}
	return s;
}

static const struct rule *rule_at(unsigned i, enum pol_cat cat, unsigned line,
				  const char *text, enum pol_action action, int e)
{
	const struct rule *r;

	cr_assert_lt(i, p.nrules, "no rule %u", i);
	r = &p.rules[i];
	cr_expect_eq(r->cat, cat, "rule %u: category %d, want %d", i, r->cat, cat);
	cr_expect_eq(r->line, line, "rule %u: line %u, want %u", i, r->line, line);
	cr_expect_str_eq(r->text, text, "rule %u: text '%s', want '%s'", i, r->text,
			 text);
	cr_expect_eq(r->action, action, "rule %u: action %d, want %d", i,
		     r->action, action);
	cr_expect_eq(r->err, e, "rule %u: errno %d, want %d", i, r->err, e);
	cr_expect_eq(r->hits, 0);
	return r;
}

static void expect_globs(const struct glob *g, unsigned n, unsigned want_n,
			 const char *const *want)
{
	unsigned i;

	cr_assert_eq(n, want_n, "%u patterns, want %u", n, want_n);
	for (i = 0; i < n; i++)
		cr_expect_str_eq(g[i].text, want[i], "pattern %u '%s', want '%s'",
				 i, g[i].text, want[i]);
}

static void expect_cidr(const struct cidr *c, int family, const char *addr,
			unsigned prefix)
{
	struct cidr want;
	char e[128];

	cr_assert_eq(cidr_parse(&want, family, addr, e, sizeof(e)), 0);
	cr_expect_eq(c->family, family);
	cr_expect_eq(c->prefix, prefix);
	cr_expect(memcmp(c->addr, want.addr, 16) == 0, "network is not %s", addr);
}

static void expect_default(enum pol_cat cat, enum pol_action action, int e,
			   unsigned line, const char *text)
{
	const struct pol_default *d = &p.defaults[cat];

	cr_expect_eq(d->action, action, "default %s: action %d, want %d",
		     pol_cat_name(cat), d->action, action);
	cr_expect_eq(d->err, e, "default %s: errno %d, want %d",
		     pol_cat_name(cat), d->err, e);
	cr_expect_eq(d->line, line, "default %s: line %u, want %u",
		     pol_cat_name(cat), d->line, line);
	if (text)
		cr_expect_str_eq(d->text, text, "default %s: text '%s'",
				 pol_cat_name(cat), d->text);
	else
		cr_expect_null(d->text);
}

static void check_full_policy(void)
{
	const struct rule *r;
	const uint64_t ns = CLONE_NEWUSER | CLONE_NEWNET | CLONE_NEWNS |
			    CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUTS |
			    CLONE_NEWCGROUP | CLONE_NEWTIME;

	cr_expect_str_eq(p.path, "test.pol");
	cr_expect_str_eq(p.tmp, "/tmp/gbx");
	cr_expect_str_eq(p.home, "/home/u");
	cr_expect_str_eq(p.cwd, "/home/u/proj");
	cr_assert_eq(p.nrules, 24, "%u rules, want 24", p.nrules);

	expect_default(CAT_FS, ACT_DENY, EACCES, 3, "default fs deny");
	expect_default(CAT_NET, ACT_DENY, ECONNREFUSED, 4,
		       "default net deny:ECONNREFUSED");
	expect_default(CAT_PROC, ACT_KILL, 0, 5,
		       "default proc kill   # trailing comment");
	expect_default(CAT_SYS, ACT_LOG, 0, 6, "default sys log");

	/* fs */
	r = rule_at(0, CAT_FS, 8, "fs allow r,x /usr/** /lib/**", ACT_ALLOW, 0);
	cr_expect_eq(r->u.fs.modes, MODE_R | MODE_X);
	expect_globs(r->u.fs.pats, r->u.fs.npats, 2,
		     (const char *[]){ "/usr/**", "/lib/**" });

	r = rule_at(1, CAT_FS, 9, "fs deny:EROFS wc \"$HOME/My Files/*\"",
		    ACT_DENY, EROFS);
	cr_expect_eq(r->u.fs.modes, MODE_W | MODE_C);
	expect_globs(r->u.fs.pats, r->u.fs.npats, 1,
		     (const char *[]){ "/home/u/My Files/*" });
	cr_expect(glob_match(&r->u.fs.pats[0], "/home/u/My Files/a.txt"));

	r = rule_at(2, CAT_FS, 10, "fs log any $TMP/** ${CWD}/out/**", ACT_LOG, 0);
	cr_expect_eq(r->u.fs.modes, MODE_ALL);
	expect_globs(r->u.fs.pats, r->u.fs.npats, 2,
		     (const char *[]){ "/tmp/gbx/**", "/home/u/proj/out/**" });

	r = rule_at(3, CAT_FS, 11, "fs kill rwxcdm /etc/shadow", ACT_KILL, 0);
	cr_expect_eq(r->u.fs.modes, MODE_ALL);
	expect_globs(r->u.fs.pats, r->u.fs.npats, 1,
		     (const char *[]){ "/etc/shadow" });

	r = rule_at(4, CAT_FS, 12,
		    "fs deny d,m /srv/a$$b \"/q/\\\"x\\\"\" /h/a#b # comment",
		    ACT_DENY, EACCES);
	cr_expect_eq(r->u.fs.modes, MODE_D | MODE_M);
	expect_globs(r->u.fs.pats, r->u.fs.npats, 3,
		     (const char *[]){ "/srv/a$b", "/q/\"x\"", "/h/a#b" });
	cr_expect(glob_match(&r->u.fs.pats[0], "/srv/a$b"));
	cr_expect(glob_match(&r->u.fs.pats[1], "/q/\"x\""));

	/* net */
	r = rule_at(5, CAT_NET, 13,
		    "net allow connect,send inet 127.0.0.0/8 10.1.2.3/16 "
		    "port=80,443,8000-8080", ACT_ALLOW, 0);
	cr_expect_eq(r->u.net.ops, NET_CONNECT | NET_SEND);
	cr_expect_eq(r->u.net.families, FAM_INET);
	cr_assert_eq(r->u.net.nnets, 2);
	expect_cidr(&r->u.net.nets[0], AF_INET, "127.0.0.0", 8);
	expect_cidr(&r->u.net.nets[1], AF_INET, "10.1.0.0", 16);
	cr_expect_eq(r->u.net.npaths, 0);
	cr_assert_eq(r->u.net.nports, 3);
	cr_expect(r->u.net.ports[0].lo == 80 && r->u.net.ports[0].hi == 80);
	cr_expect(r->u.net.ports[1].lo == 443 && r->u.net.ports[1].hi == 443);
	cr_expect(r->u.net.ports[2].lo == 8000 && r->u.net.ports[2].hi == 8080);

	r = rule_at(6, CAT_NET, 14, "net deny bind inet6 ::1 fe80::1/10", ACT_DENY,
		    EACCES);
	cr_expect_eq(r->u.net.ops, NET_BIND);
	cr_expect_eq(r->u.net.families, FAM_INET6);
	cr_assert_eq(r->u.net.nnets, 2);
	expect_cidr(&r->u.net.nets[0], AF_INET6, "::1", 128);
	expect_cidr(&r->u.net.nets[1], AF_INET6, "fe80::", 10);
	cr_expect_eq(r->u.net.nports, 0);

	r = rule_at(7, CAT_NET, 15, "net allow connect unix /run/*.sock $TMP/sock",
		    ACT_ALLOW, 0);
	cr_expect_eq(r->u.net.ops, NET_CONNECT);
	cr_expect_eq(r->u.net.families, FAM_UNIX);
	cr_expect_eq(r->u.net.nnets, 0);
	expect_globs(r->u.net.paths, r->u.net.npaths, 2,
		     (const char *[]){ "/run/*.sock", "/tmp/gbx/sock" });

	r = rule_at(8, CAT_NET, 16, "net log any abstract \"dbus session\" x11-*",
		    ACT_LOG, 0);
	cr_expect_eq(r->u.net.ops, NET_ALL);
	cr_expect_eq(r->u.net.families, FAM_ABSTRACT);
	expect_globs(r->u.net.paths, r->u.net.npaths, 2,
		     (const char *[]){ "dbus session", "x11-*" });

	r = rule_at(9, CAT_NET, 17, "net allow accept any port=22", ACT_ALLOW, 0);
	cr_expect_eq(r->u.net.ops, NET_ACCEPT);
	cr_expect_eq(r->u.net.families, FAM_ALL);
	cr_expect_eq(r->u.net.nnets, 0);
	cr_expect_eq(r->u.net.npaths, 0);
	cr_assert_eq(r->u.net.nports, 1);
	cr_expect(r->u.net.ports[0].lo == 22 && r->u.net.ports[0].hi == 22);

	r = rule_at(10, CAT_NET, 18, "net deny connect inet", ACT_DENY, EACCES);
	cr_expect_eq(r->u.net.ops, NET_CONNECT);
	cr_expect_eq(r->u.net.families, FAM_INET);
	cr_expect_eq(r->u.net.nnets + r->u.net.npaths + r->u.net.nports, 0);

	/* proc */
	r = rule_at(11, CAT_PROC, 19, "proc allow exec /usr/bin/* memfd:jit-*",
		    ACT_ALLOW, 0);
	cr_expect_eq(r->u.proc.op, PROC_EXEC);
	expect_globs(r->u.proc.pats, r->u.proc.npats, 2,
		     (const char *[]){ "/usr/bin/*", "memfd:jit-*" });
	cr_expect(glob_match(&r->u.proc.pats[1], "memfd:jit-42"));

	r = rule_at(12, CAT_PROC, 20, full_lines[19], ACT_DENY, EPERM);
	cr_expect_eq(r->u.proc.op, PROC_CLONE);
	cr_expect_eq(r->u.proc.clone_flags, ns, "flags %#llx, want %#llx",
		     (unsigned long long)r->u.proc.clone_flags,
		     (unsigned long long)ns);

	r = rule_at(13, CAT_PROC, 21, full_lines[20], ACT_ALLOW, 0);
	cr_expect_eq(r->u.proc.op, PROC_CLONE);
	cr_expect_eq(r->u.proc.clone_flags,
		     (uint64_t)(CLONE_THREAD | CLONE_VM | CLONE_VFORK |
				CLONE_PARENT | CLONE_UNTRACED | CLONE_PTRACE));

	r = rule_at(14, CAT_PROC, 22, "proc log clone any", ACT_LOG, 0);
	cr_expect_eq(r->u.proc.op, PROC_CLONE);
	cr_expect_eq(r->u.proc.clone_flags, ~0ULL);

	r = rule_at(15, CAT_PROC, 23, "proc deny signal outside", ACT_DENY, EPERM);
	cr_expect_eq(r->u.proc.op, PROC_SIGNAL);
	cr_expect_eq(r->u.proc.scope, SIG_OUTSIDE);

	r = rule_at(16, CAT_PROC, 24, "proc allow signal any", ACT_ALLOW, 0);
	cr_expect_eq(r->u.proc.op, PROC_SIGNAL);
	cr_expect_eq(r->u.proc.scope, SIG_ANY);

	r = rule_at(17, CAT_PROC, 25, "proc deny ptrace", ACT_DENY, EPERM);
	cr_expect_eq(r->u.proc.op, PROC_PTRACE);

	/* sys */
	r = rule_at(18, CAT_SYS, 26, "sys deny:ENOSYS io_uring_setup,%net", ACT_DENY,
		    ENOSYS);
	cr_expect(traceset_has_name(&r->u.sys.calls, "io_uring_setup"));
	cr_expect(traceset_has_name(&r->u.sys.calls, "connect"));
	cr_expect(traceset_has_name(&r->u.sys.calls, "sendto"));
	cr_expect_not(traceset_has_name(&r->u.sys.calls, "read"));
	cr_expect_eq(r->u.sys.ntests, 0);

	r = rule_at(19, CAT_SYS, 27, "sys allow ioctl arg1=0x5401 arg2&0x3 arg0=-1",
		    ACT_ALLOW, 0);
	cr_expect(traceset_has_name(&r->u.sys.calls, "ioctl"));
	cr_expect_not(traceset_has_name(&r->u.sys.calls, "open"));
	cr_assert_eq(r->u.sys.ntests, 3);
	cr_expect(r->u.sys.tests[0].arg == 1 && !r->u.sys.tests[0].is_mask &&
		  r->u.sys.tests[0].value == 0x5401);
	cr_expect(r->u.sys.tests[1].arg == 2 && r->u.sys.tests[1].is_mask &&
		  r->u.sys.tests[1].value == 3);
	cr_expect(r->u.sys.tests[2].arg == 0 && !r->u.sys.tests[2].is_mask &&
		  r->u.sys.tests[2].value == UINT64_MAX);

	r = rule_at(20, CAT_SYS, 28, "sys deny:13 personality arg0=4294967295",
		    ACT_DENY, 13);
	cr_expect(traceset_has_name(&r->u.sys.calls, "personality"));
	cr_assert_eq(r->u.sys.ntests, 1);
	cr_expect(r->u.sys.tests[0].arg == 0 && !r->u.sys.tests[0].is_mask &&
		  r->u.sys.tests[0].value == 4294967295ULL);

	r = rule_at(21, CAT_SYS, 29, "sys kill reboot", ACT_KILL, 0);
	cr_expect(traceset_has_name(&r->u.sys.calls, "reboot"));

	r = rule_at(22, CAT_NET, 30, "net deny send abstract", ACT_DENY, EACCES);
	cr_expect_eq(r->u.net.ops, NET_SEND);
	cr_expect_eq(r->u.net.families, FAM_ABSTRACT);
	cr_expect_eq(r->u.net.npaths, 0);

	r = rule_at(23, CAT_PROC, 31, "proc deny exec $HOME/bin/x", ACT_DENY, EPERM);
	expect_globs(r->u.proc.pats, r->u.proc.npats, 1,
		     (const char *[]){ "/home/u/bin/x" });
}

Test(policy_parse, every_construct_with_lf)
{
	char *text = join_lines(full_lines, "\n");

	parse_ok(text);
	check_full_policy();
}

/* The same policy without the last line end. */
Test(policy_parse, every_construct_without_final_newline)
{
	char *text = join_lines(full_lines, "\n");

	text[strlen(text) - 1] = '\0';
	parse_ok(text);
	check_full_policy();
}

/* Windows line ends: the same policy, the "\r" in no word. */
Test(policy_parse, every_construct_with_crlf)
{
	char *text = join_lines(full_lines, "\r\n");

	parse_ok(text);
	check_full_policy();
}

Test(policy_parse, crlf_line_end_is_not_part_of_the_last_word)
{
	parse_ok("default fs deny\r\nfs allow r /etc/passwd\r\n");
	cr_assert_eq(p.nrules, 1);
	expect_default(CAT_FS, ACT_DENY, EACCES, 1, "default fs deny");
	cr_expect_str_eq(p.rules[0].text, "fs allow r /etc/passwd");
	cr_assert_eq(p.rules[0].u.fs.npats, 1);
	cr_expect_str_eq(p.rules[0].u.fs.pats[0].text, "/etc/passwd");
	cr_expect(glob_match(&p.rules[0].u.fs.pats[0], "/etc/passwd"));
}

Test(policy_parse, deny_without_errno_is_eacces_for_fs_net_eperm_for_proc_sys)
{
	parse_ok("fs deny r /a\nnet deny any any\nproc deny ptrace\nsys deny read\n"
		 "default fs deny\ndefault net deny\ndefault proc deny\n"
		 "default sys deny\n");
	cr_assert_eq(p.nrules, 4);
	cr_expect_eq(p.rules[0].err, EACCES);
	cr_expect_eq(p.rules[1].err, EACCES);
	cr_expect_eq(p.rules[2].err, EPERM);
	cr_expect_eq(p.rules[3].err, EPERM);
	expect_default(CAT_FS, ACT_DENY, EACCES, 5, "default fs deny");
	expect_default(CAT_NET, ACT_DENY, EACCES, 6, "default net deny");
	expect_default(CAT_PROC, ACT_DENY, EPERM, 7, "default proc deny");
	expect_default(CAT_SYS, ACT_DENY, EPERM, 8, "default sys deny");
	cr_expect_eq(pol_default_errno(CAT_FS), EACCES);
	cr_expect_eq(pol_default_errno(CAT_NET), EACCES);
	cr_expect_eq(pol_default_errno(CAT_PROC), EPERM);
	cr_expect_eq(pol_default_errno(CAT_SYS), EPERM);
}

Test(policy_parse, errno_names_and_numbers)
{
	parse_ok("fs deny:EPERM r /a\nfs deny:1 r /b\nfs deny:4095 r /c\n"
		 "sys deny:ENOSYS read\nnet deny:ENETUNREACH any any\n");
	cr_assert_eq(p.nrules, 5);
	cr_expect_eq(p.rules[0].err, EPERM);
	cr_expect_eq(p.rules[1].err, 1);
	cr_expect_eq(p.rules[2].err, 4095);
	cr_expect_eq(p.rules[3].err, ENOSYS);
	cr_expect_eq(p.rules[4].err, ENETUNREACH);
}

Test(policy_parse, unwritten_defaults_are_the_builtin_allow)
{
	parse_ok("fs allow r /a\n");
	expect_default(CAT_FS, ACT_ALLOW, 0, 0, NULL);
	expect_default(CAT_NET, ACT_ALLOW, 0, 0, NULL);
	expect_default(CAT_PROC, ACT_ALLOW, 0, 0, NULL);
	expect_default(CAT_SYS, ACT_ALLOW, 0, 0, NULL);
}

Test(policy_parse, a_default_alone_is_a_policy)
{
	parse_ok("# only a default\ndefault net allow\n");
	cr_expect_eq(p.nrules, 0);
	expect_default(CAT_NET, ACT_ALLOW, 0, 2, "default net allow");
}

Test(policy_parse, modes_letters_lists_and_any)
{
	parse_ok("fs allow r /a\nfs allow w /a\nfs allow x /a\nfs allow c /a\n"
		 "fs allow d /a\nfs allow m /a\nfs allow rw /a\nfs allow r,w /a\n"
		 "fs allow rw,xc /a\nfs allow any /a\nfs allow r,any /a\n"
		 "fs allow ,r,,d, /a\n");
	cr_assert_eq(p.nrules, 12);
	cr_expect_eq(p.rules[0].u.fs.modes, MODE_R);
	cr_expect_eq(p.rules[1].u.fs.modes, MODE_W);
	cr_expect_eq(p.rules[2].u.fs.modes, MODE_X);
	cr_expect_eq(p.rules[3].u.fs.modes, MODE_C);
	cr_expect_eq(p.rules[4].u.fs.modes, MODE_D);
	cr_expect_eq(p.rules[5].u.fs.modes, MODE_M);
	cr_expect_eq(p.rules[6].u.fs.modes, MODE_R | MODE_W);
	cr_expect_eq(p.rules[7].u.fs.modes, MODE_R | MODE_W);
	cr_expect_eq(p.rules[8].u.fs.modes, MODE_R | MODE_W | MODE_X | MODE_C);
	cr_expect_eq(p.rules[9].u.fs.modes, MODE_ALL);
	cr_expect_eq(p.rules[10].u.fs.modes, MODE_ALL);
	cr_expect_eq(p.rules[11].u.fs.modes, MODE_R | MODE_D);
}

Test(policy_parse, net_ops_and_families)
{
	parse_ok("net allow connect inet\nnet allow bind inet6\n"
		 "net allow send unix\nnet allow accept abstract\n"
		 "net allow any any\nnet allow bind,accept any\n"
		 "net allow connect inet6 port=1-65535,0\n");
	cr_assert_eq(p.nrules, 7);
	cr_expect(p.rules[0].u.net.ops == NET_CONNECT &&
		  p.rules[0].u.net.families == FAM_INET);
	cr_expect(p.rules[1].u.net.ops == NET_BIND &&
		  p.rules[1].u.net.families == FAM_INET6);
	cr_expect(p.rules[2].u.net.ops == NET_SEND &&
		  p.rules[2].u.net.families == FAM_UNIX);
	cr_expect(p.rules[3].u.net.ops == NET_ACCEPT &&
		  p.rules[3].u.net.families == FAM_ABSTRACT);
	cr_expect(p.rules[4].u.net.ops == NET_ALL &&
		  p.rules[4].u.net.families == FAM_ALL);
	cr_expect(p.rules[5].u.net.ops == (NET_BIND | NET_ACCEPT));
	cr_assert_eq(p.rules[6].u.net.nports, 2);
	cr_expect(p.rules[6].u.net.ports[0].lo == 1 &&
		  p.rules[6].u.net.ports[0].hi == 65535);
	cr_expect(p.rules[6].u.net.ports[1].lo == 0 &&
		  p.rules[6].u.net.ports[1].hi == 0);
}

Test(policy_parse, variables_expand_and_double_dollar_is_a_dollar)
{
	parse_ok("fs allow r $TMP $HOME/x ${HOME}y $CWD/** /a/$$HOME /$$$$ "
		 "$TMP/$$/$CWD\n");
	cr_assert_eq(p.nrules, 1);
	expect_globs(p.rules[0].u.fs.pats, p.rules[0].u.fs.npats, 7,
		     (const char *[]){ "/tmp/gbx", "/home/u/x", "/home/uy",
				       "/home/u/proj/**", "/a/$HOME", "/$$",
				       "/tmp/gbx/$//home/u/proj" });
	cr_expect(glob_match(&p.rules[0].u.fs.pats[4], "/a/$HOME"));
	cr_expect_not(glob_match(&p.rules[0].u.fs.pats[4], "/a/home/u"));
}

Test(policy_parse, variables_come_from_the_env_given)
{
	static const struct policy_env other = {
		.tmp = "/var/tmp", .home = "/root", .cwd = "/srv/w",
	};

	const char *text = "fs allow r $TMP/a $HOME/b $CWD/c\n";

	cr_assert_eq(policy_parse(&p, "o.pol", text, strlen(text), &other, err,
				  sizeof(err)), 0, "%s", err);
	expect_globs(p.rules[0].u.fs.pats, p.rules[0].u.fs.npats, 3,
		     (const char *[]){ "/var/tmp/a", "/root/b", "/srv/w/c" });
	cr_expect_str_eq(p.tmp, "/var/tmp");
	cr_expect_str_eq(p.home, "/root");
	cr_expect_str_eq(p.cwd, "/srv/w");
	cr_expect_str_eq(p.path, "o.pol");
}

/* A variable stands for a directory: its value is a path, not a pattern. */
Test(policy_parse, variable_values_are_literal_paths)
{
	static const struct policy_env odd = {
		.tmp = "/tmp/a*b", .home = "/home/x[1]", .cwd = "/w/a?c",
	};

	const char *text = "fs allow r $TMP/f $HOME/f $CWD/f\n";

	cr_assert_eq(policy_parse(&p, "o.pol", text, strlen(text), &odd, err,
				  sizeof(err)), 0, "%s", err);
	cr_assert_eq(p.nrules, 1);
	cr_assert_eq(p.rules[0].u.fs.npats, 3);
	cr_expect(glob_match(&p.rules[0].u.fs.pats[0], "/tmp/a*b/f"));
	cr_expect_not(glob_match(&p.rules[0].u.fs.pats[0], "/tmp/aXXb/f"));
	cr_expect(glob_match(&p.rules[0].u.fs.pats[1], "/home/x[1]/f"));
	cr_expect_not(glob_match(&p.rules[0].u.fs.pats[1], "/home/x1/f"));
	cr_expect(glob_match(&p.rules[0].u.fs.pats[2], "/w/a?c/f"));
	cr_expect_not(glob_match(&p.rules[0].u.fs.pats[2], "/w/abc/f"));
}

Test(policy_parse, quoting)
{
	parse_ok("fs allow r \"/a b/c\" /x/\"y z\"/w \"/q\\\"q\" \"/back\\slash\" "
		 "\"/h#sh\" \"\"/e \"/t\tab\"\n");
	cr_assert_eq(p.nrules, 1);
	expect_globs(p.rules[0].u.fs.pats, p.rules[0].u.fs.npats, 7,
		     (const char *[]){ "/a b/c", "/x/y z/w", "/q\"q",
				       "/back\\slash", "/h#sh", "/e", "/t\tab" });
	cr_expect(glob_match(&p.rules[0].u.fs.pats[0], "/a b/c"));
	cr_expect(glob_match(&p.rules[0].u.fs.pats[2], "/q\"q"));
	/* other backslashes stay, for the pattern: "\s" is "s" */
	cr_expect(glob_match(&p.rules[0].u.fs.pats[3], "/backslash"));
	cr_expect(glob_match(&p.rules[0].u.fs.pats[6], "/t\tab"));
}

Test(policy_parse, quoted_star_escape_is_literal)
{
	parse_ok("fs allow r \"/a b/\\*\"\n");
	cr_assert_eq(p.rules[0].u.fs.npats, 1);
	cr_expect(glob_match(&p.rules[0].u.fs.pats[0], "/a b/*"));
	cr_expect_not(glob_match(&p.rules[0].u.fs.pats[0], "/a b/c"));
}

Test(policy_parse, comments_blank_lines_and_tabs)
{
	parse_ok("# header\n\n\t\n  # indented comment\n"
		 "fs\tallow\tr\t/a # the rest is a comment: fs deny r /b\n"
		 "#fs allow r /c\n"
		 "\t  sys  log   read   \n");
	cr_assert_eq(p.nrules, 2);
	cr_expect_eq(p.rules[0].line, 5);
	cr_expect_str_eq(p.rules[0].text,
			 "fs\tallow\tr\t/a # the rest is a comment: fs deny r /b");
	expect_globs(p.rules[0].u.fs.pats, p.rules[0].u.fs.npats, 1,
		     (const char *[]){ "/a" });
	cr_expect_eq(p.rules[1].line, 7);
	cr_expect_str_eq(p.rules[1].text, "sys  log   read");
	cr_expect_eq(p.rules[1].cat, CAT_SYS);
}

Test(policy_parse, memfd_exec_patterns)
{
	parse_ok("proc allow exec memfd:* memfd:a\\*b\n");
	cr_assert_eq(p.rules[0].u.proc.npats, 2);
	cr_expect(glob_match(&p.rules[0].u.proc.pats[0], "memfd:anything"));
	cr_expect_not(glob_match(&p.rules[0].u.proc.pats[0], "/usr/bin/x"));
	cr_expect(glob_match(&p.rules[0].u.proc.pats[1], "memfd:a*b"));
	cr_expect_not(glob_match(&p.rules[0].u.proc.pats[1], "memfd:axb"));
}

Test(policy_parse, clone_flag_any_with_others_is_everything)
{
	parse_ok("proc allow clone newuser,any\nproc allow clone any,vm\n");
	cr_expect_eq(p.rules[0].u.proc.clone_flags, ~0ULL);
	cr_expect_eq(p.rules[1].u.proc.clone_flags, ~0ULL);
}

Test(policy_parse, sys_classes_and_arg_tests)
{
	parse_ok("sys allow %file arg5&0xff arg4=010 arg3=7\n"
		 "sys deny write,read\n");
	cr_assert_eq(p.nrules, 2);
	cr_expect(traceset_has_name(&p.rules[0].u.sys.calls, "openat"));
	cr_expect_not(traceset_has_name(&p.rules[0].u.sys.calls, "getpid"));
	cr_assert_eq(p.rules[0].u.sys.ntests, 3);
	cr_expect(p.rules[0].u.sys.tests[0].arg == 5 &&
		  p.rules[0].u.sys.tests[0].is_mask &&
		  p.rules[0].u.sys.tests[0].value == 0xff);
	cr_expect(p.rules[0].u.sys.tests[1].arg == 4 &&
		  p.rules[0].u.sys.tests[1].value == 8);	/* octal */
	cr_expect(p.rules[0].u.sys.tests[2].arg == 3 &&
		  p.rules[0].u.sys.tests[2].value == 7);
	cr_expect(traceset_has_name(&p.rules[1].u.sys.calls, "write"));
	cr_expect(traceset_has_name(&p.rules[1].u.sys.calls, "read"));
	cr_expect_not(traceset_has_name(&p.rules[1].u.sys.calls, "open"));
}

/* --- errors: NAME:LINE:COL: message ------------------------------------- */

Test(policy_errors, unknown_category)
{
	parse_fails("fs allow r /a\nfoo allow r /a\n", 2, 1,
		    "unknown category 'foo'");
	policy_free(&p);
	parse_fails("# c\n\n   files allow r /a\n", 3, 4,
		    "unknown category 'files'");
}

Test(policy_errors, unknown_action)
{
	parse_fails("fs allw r /a\n", 1, 4, "unknown action 'allw'");
	policy_free(&p);
	parse_fails("default fs maybe\n", 1, 12, "unknown action 'maybe'");
	policy_free(&p);
	parse_fails("sys\t denyx read\n", 1, 6, "unknown action");
}

Test(policy_errors, rule_without_action)
{
	parse_fails("net\n", 1, 4, "needs an action");
}

/* The column of the ":" that brings the errno. */
Test(policy_errors, errno_on_an_action_other_than_deny)
{
	parse_fails("fs allow:EPERM r /a\n", 1, 9, "only deny takes an errno");
	policy_free(&p);
	parse_fails("\nproc kill:9 ptrace\n", 2, 10, "only deny takes an errno");
	policy_free(&p);
	parse_fails("default sys log:EPERM\n", 1, 16, "only deny takes an errno");
}

/* The column of the errno after "deny:". */
Test(policy_errors, bad_errno)
{
	parse_fails("fs deny:EFOO r /a\n", 1, 9, "unknown errno 'EFOO'");
	policy_free(&p);
	parse_fails("fs deny:0 r /a\n", 1, 9, "unknown errno '0'");
	policy_free(&p);
	parse_fails("fs deny:4096 r /a\n", 1, 9, "unknown errno '4096'");
	policy_free(&p);
	parse_fails("fs deny: r /a\n", 1, 9, "unknown errno");
	policy_free(&p);
	parse_fails("fs deny:eperm r /a\n", 1, 9, "unknown errno 'eperm'");
	policy_free(&p);
	parse_fails("default net deny:-1\n", 1, 18, "unknown errno '-1'");
	policy_free(&p);
	/* kernel-internal codes are not errnos a call can return */
	parse_fails("sys deny:ERESTARTSYS read\n", 1, 10, "unknown errno");
}

Test(policy_errors, missing_modes_or_patterns)
{
	parse_fails("fs allow\n", 1, 9, "fs rule needs modes");
	policy_free(&p);
	parse_fails("fs allow rw\n", 1, 12, "needs at least one path pattern");
	policy_free(&p);
	parse_fails("fs allow rw # /a\n", 1, 12, "needs at least one path pattern");
	policy_free(&p);
	parse_fails("fs allow , /a\n", 1, 10, "empty list");
}

Test(policy_errors, unknown_mode_letter_at_its_column)
{
	parse_fails("fs allow rwq /a\n", 1, 12, "unknown fs mode 'q'");
	policy_free(&p);
	parse_fails("fs allow r,w,z /a\n", 1, 14, "unknown fs mode 'z'");
	policy_free(&p);
	parse_fails("fs allow r,any,wk /a\n", 1, 17, "unknown fs mode 'k'");
	policy_free(&p);
	parse_fails("fs allow all /a\n", 1, 10, "unknown fs mode 'a'");
}

Test(policy_errors, relative_pattern)
{
	parse_fails("fs allow r /a etc/passwd\n", 1, 15, "is not absolute");
	policy_free(&p);
	parse_fails("fs allow r *\n", 1, 12, "is not absolute");
	policy_free(&p);
	parse_fails("net allow connect unix sock\n", 1, 24, "is not absolute");
	policy_free(&p);
	parse_fails("proc allow exec bin/sh\n", 1, 17, "is not absolute");
}

Test(policy_errors, unterminated_quote_at_the_quote)
{
	parse_fails("fs allow r \"/a b\n", 1, 12, "unterminated quote");
	policy_free(&p);
	parse_fails("fs allow r /x/\"a b\n", 1, 15, "unterminated quote");
	policy_free(&p);
	parse_fails("fs allow r \"/a b\\\"\n", 1, 12, "unterminated quote");
}

/* The column of the "[" that starts the class. */
Test(policy_errors, bad_character_class)
{
	parse_fails("fs allow r /a/[bc\n", 1, 15, "character class");
	policy_free(&p);
	parse_fails("fs allow r /a/[b/c]\n", 1, 15, "character class");
	policy_free(&p);
	parse_fails("proc allow exec memfd:[x\n", 1, 23, "character class");
	policy_free(&p);
	/* after expansion the offset is in the expanded text: the word */
	parse_fails("fs allow r $TMP/[x\n", 1, 12, "character class");
}

Test(policy_errors, bad_character_class_in_a_quoted_word)
{
	/* "fs allow r " is 11 columns, the quote is 12, the "[" 17 */
	parse_fails("fs allow r \"/a b[c\"\n", 1, 17, "character class");
}

Test(policy_errors, unknown_variable)
{
	parse_fails("fs allow r $FOO/x\n", 1, 12, "unknown variable");
	policy_free(&p);
	parse_fails("fs allow r /a/$HOMEX/b\n", 1, 15, "unknown variable");
	policy_free(&p);
	parse_fails("fs allow r /a/${TMP\n", 1, 15, "unknown variable");
	policy_free(&p);
	parse_fails("fs allow r /a/$\n", 1, 15, "unknown variable");
	policy_free(&p);
	parse_fails("net allow connect abstract $USER\n", 1, 28, "unknown variable");
}

Test(policy_errors, unknown_net_operation)
{
	parse_fails("net allow conect inet\n", 1, 11,
		    "unknown net operation 'conect'");
	policy_free(&p);
	parse_fails("net allow connect,sned inet\n", 1, 19,
		    "unknown net operation 'sned'");
}

Test(policy_errors, net_rule_without_family)
{
	parse_fails("net allow connect\n", 1, 11, "needs operations and a family");
	policy_free(&p);
	parse_fails("net allow\n", 1, 10, "needs operations and a family");
}

Test(policy_errors, unknown_family)
{
	parse_fails("net allow connect inet5\n", 1, 19,
		    "unknown address family 'inet5'");
	policy_free(&p);
	parse_fails("net allow connect netlink\n", 1, 19, "unknown address family");
}

Test(policy_errors, bad_cidr_address)
{
	parse_fails("net allow connect inet 10.0.0.1 10.0.0.256\n", 1, 33,
		    "not an IPv4 address");
	policy_free(&p);
	parse_fails("net allow connect inet ::1\n", 1, 24, "not an IPv4 address");
	policy_free(&p);
	parse_fails("net allow connect inet6 10.0.0.1\n", 1, 25,
		    "not an IPv6 address");
}

Test(policy_errors, bad_prefix_length)
{
	parse_fails("net allow connect inet 10.0.0.0/40\n", 1, 24,
		    "not a prefix length");
	policy_free(&p);
	parse_fails("net allow bind inet6 fe80::/129\n", 1, 22,
		    "not a prefix length");
}

/* The column of the port in its list. */
Test(policy_errors, bad_port)
{
	parse_fails("net allow connect inet port=http\n", 1, 29, "bad port 'http'");
	policy_free(&p);
	parse_fails("net allow connect inet port=80,99999\n", 1, 32,
		    "bad port '99999'");
	policy_free(&p);
	parse_fails("net allow connect inet port=80-x\n", 1, 32, "bad port 'x'");
	policy_free(&p);
	parse_fails("net allow connect inet port=-5\n", 1, 29, "bad port");
	policy_free(&p);
	parse_fails("net allow connect inet port=\n", 1, 29, "empty list");
	parse_fails("net allow connect inet port=,\n", 1, 29, "empty list");
}

Test(policy_errors, reversed_port_range)
{
	parse_fails("net allow connect inet port=22,90-80\n", 1, 32,
		    "port range '90-80' runs backwards");
}

Test(policy_errors, port_on_unix_or_abstract)
{
	parse_fails("net allow connect unix /x port=80\n", 1, 27,
		    "only inet, inet6 and any have ports");
	policy_free(&p);
	parse_fails("net allow connect abstract port=80\n", 1, 28,
		    "only inet, inet6 and any have ports");
}

Test(policy_errors, address_on_family_any)
{
	parse_fails("net allow connect any 10.0.0.1\n", 1, 23,
		    "take no address, only port=");
}

Test(policy_errors, unknown_proc_operation)
{
	parse_fails("proc allow fork\n", 1, 12, "unknown proc operation 'fork'");
	policy_free(&p);
	parse_fails("proc allow\n", 1, 11, "proc rule needs an operation");
}

Test(policy_errors, proc_exec_without_pattern)
{
	parse_fails("proc allow exec\n", 1, 16, "proc exec needs at least one");
}

Test(policy_errors, bad_clone_flag)
{
	parse_fails("proc deny clone newuser,newfoo\n", 1, 25,
		    "unknown clone flag 'newfoo'");
	policy_free(&p);
	parse_fails("proc deny clone\n", 1, 16, "one comma list of flags");
	policy_free(&p);
	parse_fails("proc deny clone vm thread\n", 1, 20, "one comma list of flags");
}

Test(policy_errors, bad_signal_target)
{
	parse_fails("proc deny signal inside\n", 1, 18,
		    "unknown signal target 'inside'");
	policy_free(&p);
	parse_fails("proc deny signal\n", 1, 17, "proc signal takes outside or any");
	policy_free(&p);
	parse_fails("proc deny signal any now\n", 1, 22,
		    "proc signal takes outside or any");
}

Test(policy_errors, extra_word_after_ptrace)
{
	parse_fails("proc deny ptrace now\n", 1, 18, "proc ptrace takes nothing more");
}

Test(policy_errors, sys_unknown_call_name)
{
	parse_fails("sys deny frobnicate\n", 1, 10, "frobnicate");
	policy_free(&p);
	parse_fails("sys deny read,%nosuchclass\n", 1, 10, "nosuchclass");
	policy_free(&p);
	parse_fails("sys deny\n", 1, 9, "sys rule needs system call names");
}

Test(policy_errors, bad_arg_test_syntax)
{
	parse_fails("sys deny ioctl arg7=1\n", 1, 16, "expected argN=VALUE");
	policy_free(&p);
	parse_fails("sys deny ioctl foo\n", 1, 16, "expected argN=VALUE");
	policy_free(&p);
	parse_fails("sys deny ioctl arg1<5\n", 1, 16, "expected argN=VALUE");
	policy_free(&p);
	parse_fails("sys deny ioctl arg0=1 arg1=1 arg2=1 arg3=1 arg4=1 arg5=1 "
		    "arg0=2\n", 1, 58, "too many argument tests");
}

Test(policy_errors, bad_arg_test_number)
{
	parse_fails("sys deny ioctl arg1=12ab\n", 1, 21, "bad number '12ab'");
	policy_free(&p);
	parse_fails("sys deny ioctl arg1=\n", 1, 21, "bad number");
	policy_free(&p);
	parse_fails("sys deny ioctl arg2&99999999999999999999\n", 1, 21,
		    "bad number");
}

Test(policy_errors, default_with_wrong_word_count)
{
	parse_fails("default fs\n", 1, 1, "expected: default CATEGORY ACTION");
	policy_free(&p);
	parse_fails("default\n", 1, 1, "expected: default CATEGORY ACTION");
	policy_free(&p);
	parse_fails("  default fs deny now\n", 1, 19,
		    "expected: default CATEGORY ACTION");
	policy_free(&p);
	parse_fails("default files deny\n", 1, 9, "unknown category 'files'");
}

Test(policy_errors, second_default_for_a_category)
{
	parse_fails("default fs deny\n# x\ndefault net deny\n default fs allow\n",
		    4, 2, "second default for fs (the first is on line 1)");
}

Test(policy_errors, nul_byte)
{
	static const char text[] = "fs allow r /x\nfs al\0low r /y\n";

	parse_fails_len(text, sizeof(text) - 1, 2, 6, "NUL byte");
}

Test(policy_errors, empty_file)
{
	cr_assert_eq(policy_parse(&p, "test.pol", "", 0, &env, err, sizeof(err)),
		     -EINVAL);
	cr_expect(strncmp(err, "test.pol: ", 10) == 0, "error '%s'", err);
	cr_expect(strstr(err, "has no rule and no default") != NULL, "error '%s'",
		  err);
	cr_expect_null(p.path);
}

Test(policy_errors, only_comments_and_blank_lines)
{
	const char *text = "# nothing\n\n   \n\t# still nothing\n";

	cr_assert_eq(policy_parse(&p, "test.pol", text, strlen(text), &env, err,
				  sizeof(err)), -EINVAL);
	cr_expect(strncmp(err, "test.pol: ", 10) == 0, "error '%s'", err);
	cr_expect(strstr(err, "has no rule and no default") != NULL, "error '%s'",
		  err);
}

/* The first mistake is reported, with the line counted over earlier
 * comments, blank lines and rules. */
Test(policy_errors, line_numbers_count_every_line)
{
	parse_fails("# 1\n\nfs allow r /a\n  # 4\n\t\nnet allow connect inet "
		    "port=1\nproc allow exec /x\nsys deny nosuch\nfoo bar\n",
		    8, 10, "nosuch");
}

/* --- policy_load -------------------------------------------------------- */

static char tmpdir[] = "/tmp/gbx-policy-test-XXXXXX";
static char written[256];

/* Write a file in a fresh directory; the suite's teardown removes both. */
static const char *write_file(const char *name, const char *text, size_t len)
{
	FILE *f;

	if (strstr(tmpdir, "XXXXXX"))
		cr_assert_not_null(mkdtemp(tmpdir));
	snprintf(written, sizeof(written), "%s/%s", tmpdir, name);
	f = fopen(written, "wb");
	cr_assert_not_null(f);
	cr_assert_eq(fwrite(text, 1, len, f), len);
	cr_assert_eq(fclose(f), 0);
	return written;
}

static void load_teardown(void)
{
	policy_free(&p);
	if (written[0])
		unlink(written);
	if (!strstr(tmpdir, "XXXXXX"))
		rmdir(tmpdir);
}

TestSuite(policy_load, .init = setup, .fini = load_teardown);

static void sha256sum_of(const char *path, char out[65])
{
	char cmd[512];
	FILE *f;

	snprintf(cmd, sizeof(cmd), "sha256sum '%s'", path);
	f = popen(cmd, "r");
	cr_assert_not_null(f);
	cr_assert_not_null(fgets(out, 65, f));
	pclose(f);
	cr_assert_eq(strlen(out), 64, "sha256sum gave '%s'", out);
}

Test(policy_load, records_the_sha256_of_the_bytes_parsed)
{
	const char *text = "# policy\ndefault fs deny\nfs allow r /usr/**\n";
	const char *path = write_file("good.pol", text, strlen(text));
	char want[65];

	sha256sum_of(path, want);
	cr_assert_eq(policy_load(&p, path, &env, err, sizeof(err)), 0, "%s", err);
	cr_expect_str_eq(p.sha256, want);
	cr_expect_str_eq(p.path, path);
	cr_expect_eq(p.nrules, 1);
	cr_expect_eq(p.defaults[CAT_FS].line, 2);
}

Test(policy_load, sha256_of_a_fixed_content)
{
	const char *text = "default sys allow\n";
	const char *path = write_file("fixed.pol", text, strlen(text));

	cr_assert_eq(policy_load(&p, path, &env, err, sizeof(err)), 0, "%s", err);
	/* printf 'default sys allow\n' | sha256sum */
	cr_expect_str_eq(p.sha256, "86b5e7c391fc20f996a5a4a851a62a540292c545c1cdb47b"
				   "8c6ab9612f030eaa");
}

Test(policy_load, parse_errors_are_named_by_the_path)
{
	const char *text = "default fs deny\nfs alow r /a\n";
	const char *path = write_file("bad.pol", text, strlen(text));
	char prefix[300];

	snprintf(prefix, sizeof(prefix), "%s:2:4: ", path);
	cr_assert_eq(policy_load(&p, path, &env, err, sizeof(err)), -EINVAL);
	cr_expect(strncmp(err, prefix, strlen(prefix)) == 0, "'%s' vs '%s'", err,
		  prefix);
	cr_expect(strstr(err, "unknown action 'alow'") != NULL, "%s", err);
}

Test(policy_load, missing_file)
{
	cr_assert_eq(policy_load(&p, "/nonexistent/dir/p.pol", &env, err,
				 sizeof(err)), -ENOENT);
	cr_expect(strstr(err, "/nonexistent/dir/p.pol") != NULL, "%s", err);
	cr_expect(strstr(err, "cannot open") != NULL, "%s", err);
}

Test(policy_load, directory)
{
	int rc = policy_load(&p, "/tmp", &env, err, sizeof(err));

	cr_assert_lt(rc, 0, "policy_load of a directory gave %d", rc);
	cr_expect_eq(rc, -EISDIR);
	cr_expect(strstr(err, "'/tmp'") != NULL, "%s", err);
	cr_expect(strstr(err, "directory") != NULL, "%s", err);
	cr_expect_eq(p.nrules, 0);
}

Test(policy_load, larger_than_4_mib)
{
	const char *text = "default fs deny\n";
	const char *path = write_file("big.pol", text, strlen(text));
	int fd = open(path, O_WRONLY), rc;

	cr_assert_geq(fd, 0);
	cr_assert_eq(ftruncate(fd, 4 * 1024 * 1024 + 1), 0);
	close(fd);
	rc = policy_load(&p, path, &env, err, sizeof(err));
	cr_assert_lt(rc, 0, "policy_load of 4 MiB + 1 gave %d", rc);
	cr_expect_eq(rc, -EFBIG);
	cr_expect(strstr(err, "larger than 4 MiB") != NULL, "%s", err);
	cr_expect(strstr(err, path) != NULL, "%s", err);
}

/* --policy <(...): a pipe is read to its end. */
Test(policy_load, from_a_pipe)
{
	const char *text = "default net deny\nnet allow connect inet 127.0.0.1\n";
	char fifo[300], want[65];
	pid_t pid;

	write_file("same.pol", text, strlen(text));
	sha256sum_of(written, want);
	snprintf(fifo, sizeof(fifo), "%s/fifo", tmpdir);
	cr_assert_eq(mkfifo(fifo, 0600), 0);
	pid = fork();
	cr_assert_geq(pid, 0);
	if (pid == 0) {
		int fd = open(fifo, O_WRONLY);
		size_t i;

		/* in small pieces, so that it takes several reads */
		for (i = 0; fd >= 0 && i < strlen(text); i += 5) {
			if (write(fd, text + i, strlen(text) - i < 5 ?
					  strlen(text) - i : 5) < 0)
				_exit(1);
			usleep(1000);
		}
		_exit(0);
	}
	cr_assert_eq(policy_load(&p, fifo, &env, err, sizeof(err)), 0, "%s", err);
	waitpid(pid, NULL, 0);
	unlink(fifo);
	cr_expect_eq(p.nrules, 1);
	cr_expect_eq(p.defaults[CAT_NET].line, 1);
	cr_expect_str_eq(p.sha256, want);
}

Test(policy_load, exactly_4_mib_is_read)
{
	char *text = malloc(4 * 1024 * 1024);
	const char *path;
	size_t i;

	cr_assert_not_null(text);
	/* comment lines, then a rule on the last line */
	for (i = 0; i < 4 * 1024 * 1024; i++)
		text[i] = (i % 64 == 63) ? '\n' : '#';
	memcpy(text + 4 * 1024 * 1024 - 16, "default fs deny\n", 16);
	text[4 * 1024 * 1024 - 17] = '\n';
	path = write_file("4mib.pol", text, 4 * 1024 * 1024);
	free(text);
	cr_assert_eq(policy_load(&p, path, &env, err, sizeof(err)), 0, "%s", err);
	cr_expect_eq(p.defaults[CAT_FS].action, ACT_DENY);
	cr_expect_eq(p.defaults[CAT_FS].line, 4 * 1024 * 1024 / 64 + 1);
}
