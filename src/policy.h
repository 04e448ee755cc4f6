/* policy.h - the policy: rules by category, each with an action */
#ifndef GOBOX_POLICY_H
#define GOBOX_POLICY_H

#include <stdbool.h>
#include <stdint.h>

#include "cidr.h"
#include "glob.h"
#include "traceset.h"

enum pol_cat { CAT_FS, CAT_NET, CAT_PROC, CAT_SYS, CAT_COUNT };

/* Ordered by severity: a call with several operations takes the worst. */
enum pol_action { ACT_ALLOW, ACT_LOG, ACT_DENY, ACT_KILL };

/* fs modes. */
enum {
	MODE_R = 1 << 0,	/* read */
	MODE_W = 1 << 1,	/* write (includes truncate) */
	MODE_X = 1 << 2,	/* execute */
	MODE_C = 1 << 3,	/* create a name */
	MODE_D = 1 << 4,	/* delete a name (unlink, rmdir, rename away) */
	MODE_M = 1 << 5,	/* metadata: chmod, chown, xattr, times */
	MODE_ALL = (1 << 6) - 1,
};

/* The letter of each fs mode, in bit order: MODE_R is "rwxcdm"[0]. */
#define POL_MODE_LETTERS "rwxcdm"

/* net operations. */
enum {
	NET_CONNECT = 1 << 0,
	NET_BIND = 1 << 1,
	NET_SEND = 1 << 2,	/* sendto, sendmsg, sendmmsg with an address */
	NET_ACCEPT = 1 << 3,
	NET_ALL = (1 << 4) - 1,
};

/* net families a rule names. */
enum {
	FAM_INET = 1 << 0,
	FAM_INET6 = 1 << 1,
	FAM_UNIX = 1 << 2,	/* unix sockets with a path */
	FAM_ABSTRACT = 1 << 3,	/* unix sockets in the abstract namespace */
	FAM_OTHER = 1 << 4,	/* netlink, packet, vsock... */
	FAM_ALL = (1 << 5) - 1,
};

/* PROC_CHANGE (limits, priority, affinity of another process) has no
 * rule of its own: only the built-in protection of the tracer judges it. */
enum proc_op { PROC_EXEC, PROC_CLONE, PROC_SIGNAL, PROC_PTRACE, PROC_CHANGE };

/* Whose processes a signal rule covers. */
enum sig_scope { SIG_OUTSIDE, SIG_ANY };

struct port_range {
	unsigned lo, hi;
};

/* An argument test of a sys rule: argN == value, or argN & mask != 0. */
struct arg_test {
	unsigned arg;
	bool is_mask;
	uint64_t value;
};

#define RULE_MAX_ARG_TESTS 6

struct rule {
	unsigned line;			/* its name in the report */
	char *text;			/* the line as written, trimmed */
	enum pol_cat cat;
	enum pol_action action;
	int err;			/* deny: the errno to return */
	uint64_t hits;			/* operations it decided */
	union {
		struct {
			unsigned modes;
			struct glob *pats;
			unsigned npats;
		} fs;
		struct {
			unsigned ops, families;
			struct cidr *nets;	/* inet, inet6: none = any */
			unsigned nnets;
			struct glob *paths;	/* unix, abstract: none = any */
			unsigned npaths;
			struct port_range *ports;	/* none = any */
			unsigned nports;
		} net;
		struct {
			enum proc_op op;
			struct glob *pats;	/* exec */
			unsigned npats;
			uint64_t clone_flags;	/* clone: any of these */
			enum sig_scope scope;	/* signal */
		} proc;
		struct {
			struct traceset calls;
			struct traceset named;	/* the calls named, not
						 * reached by a class */
			struct arg_test tests[RULE_MAX_ARG_TESTS];
			unsigned ntests;
		} sys;
	} u;
};

struct pol_default {
	enum pol_action action;
	int err;
	unsigned line;			/* 0: not written, the built-in allow */
	char *text;			/* the line as written, or NULL */
};

struct policy {
	char *path;
	char sha256[65];
	struct rule *rules;
	unsigned nrules;
	struct pol_default defaults[CAT_COUNT];
	/* Values of $TMP, $HOME and $CWD used when it was read. */
	char *tmp, *home, *cwd;
};

/* "fs", "net"... */
const char *pol_cat_name(enum pol_cat cat);

/* "allow", "log", "deny", "kill". */
const char *pol_action_name(enum pol_action action);

/* The errno a deny returns by default in each category. */
int pol_default_errno(enum pol_cat cat);

/* fs modes as the policy writes them ("r,w,c"), in buf of 12 bytes. */
const char *pol_modes_word(unsigned modes, char *buf);

void policy_free(struct policy *p);

#endif
