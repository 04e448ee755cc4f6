/* filter.c - the seccomp-bpf program that decides which calls stop
 *
 * Every ABI the kernel runs is covered: libseccomp translates each call
 * name to the numbers of x86_64, i386 (including the socketcall and ipc
 * multiplexers) and x32. An architecture the filter does not know kills
 * the process, so no call can reach the kernel through a door we did not
 * think of.
 */
#include "filter.h"

#include <errno.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscalls.h"
#include "util.h"

/* Calls libseccomp cannot name, per ABI, for the program of our own. */
struct extra_calls {
	unsigned nr[ABI_COUNT][64];
	unsigned n[ABI_COUNT];
};

static int export_program(scmp_filter_ctx ctx, struct sock_fprog *prog)
{
	int fd = memfd_create("gobox-filter", MFD_CLOEXEC);
	off_t size;
	int rc;

	if (fd < 0)
		return -errno;
	rc = seccomp_export_bpf(ctx, fd);
	if (rc < 0)
		goto out;
	size = lseek(fd, 0, SEEK_END);
	if (size <= 0 || size % sizeof(struct sock_filter) ||
	    size / sizeof(struct sock_filter) > BPF_MAXINSNS) {
		rc = -E2BIG;
		goto out;
	}
	prog->filter = xmalloc((size_t)size);
	prog->len = (unsigned short)(size / sizeof(struct sock_filter));
	if (pread(fd, prog->filter, (size_t)size, 0) != size) {
		free(prog->filter);
		prog->filter = NULL;
		rc = -EIO;
		goto out;
	}
	rc = 0;
out:
	close(fd);
	return rc;
}

static void note_extra(struct extra_calls *x, const char *name)
{
	unsigned abi;

	for (abi = 0; abi < ABI_COUNT; abi++) {
		int nr = syscall_number(abi, name);

		if (nr < 0 || x->n[abi] == ARRAY_SIZE(x->nr[abi]))
			continue;
		x->nr[abi][x->n[abi]++] =
			(unsigned)nr | (abi == ABI_X32 ? X32_SYSCALL_BIT : 0);
	}
}

/* Add a TRACE rule for every traced name; collect names libseccomp lacks. */
static int add_rules(scmp_filter_ctx ctx, const struct traceset *ts,
		     struct extra_calls *x, char *err, size_t errlen)
{
	unsigned abi, nr;

	for (abi = 0; abi < ABI_COUNT; abi++)
		for (nr = 0; nr < syscall_count(abi); nr++) {
			const struct syscall_desc *d = syscall_lookup(abi, nr);
			int snr, rc;

			if (!d || !traceset_has(ts, abi, nr))
				continue;
			snr = seccomp_syscall_resolve_name(d->name);
			if (snr == __NR_SCMP_ERROR) {
				note_extra(x, d->name);
				continue;
			}
			rc = seccomp_rule_add(ctx, SCMP_ACT_TRACE(0), snr, 0);
			if (rc < 0 && rc != -EEXIST) {
				snprintf(err, errlen,
					 "cannot add a seccomp rule for '%s': %s",
					 d->name, strerror(-rc));
				return rc;
			}
		}
	return 0;
}

/* The conditional traps, for calls not trapped outright. */
static int add_conds(scmp_filter_ctx ctx, const struct traceset *ts,
		     const struct filter_cond *conds, unsigned n, char *err,
		     size_t errlen)
{
	unsigned i;

	for (i = 0; i < n; i++) {
		int snr = seccomp_syscall_resolve_name(conds[i].name), rc;

		if (snr == __NR_SCMP_ERROR || traceset_has_name(ts, conds[i].name))
			continue;
		rc = conds[i].ne ?
			seccomp_rule_add(ctx, SCMP_ACT_TRACE(0), snr, 1,
					 SCMP_CMP(conds[i].arg, SCMP_CMP_NE,
						  conds[i].value)) :
			seccomp_rule_add(ctx, SCMP_ACT_TRACE(0), snr, 1,
					 SCMP_CMP(conds[i].arg, SCMP_CMP_MASKED_EQ,
						  conds[i].mask, conds[i].value));
		if (rc < 0 && rc != -EEXIST) {
			snprintf(err, errlen, "cannot add a seccomp rule for '%s': "
				 "%s", conds[i].name, strerror(-rc));
			return rc;
		}
	}
	return 0;
}

static int build_libseccomp(const struct traceset *ts,
			    const struct filter_cond *conds, unsigned nconds,
			    bool everything, struct sock_fprog *prog,
			    struct extra_calls *x, char *err, size_t errlen)
{
	/* Everything: numbers no table knows yet stop too. */
	scmp_filter_ctx ctx = seccomp_init(everything ? SCMP_ACT_TRACE(0)
						      : SCMP_ACT_ALLOW);
	int rc;

	if (!ctx) {
		snprintf(err, errlen, "cannot create a seccomp filter");
		return -ENOMEM;
	}
	rc = seccomp_arch_add(ctx, SCMP_ARCH_X86);
	if (rc == 0)
		rc = seccomp_arch_add(ctx, SCMP_ARCH_X32);
	/* libseccomp refuses KILL_PROCESS when it cannot ask the kernel
	 * through seccomp() (under valgrind, which does not know the call):
	 * no other architecture reaches us on x86_64, KILL does as well. */
	if (rc == 0) {
		rc = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH,
				      SCMP_ACT_KILL_PROCESS);
		if (rc == -EINVAL)
			rc = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH,
					      SCMP_ACT_KILL);
	}
	/* No NO_NEW_PRIVS from libseccomp: filter_install sets it itself. */
	if (rc == 0)
		rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0);
	/* A binary tree of syscall numbers: cost grows with log(calls). */
	if (rc == 0)
		rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2);
	if (rc < 0) {
		snprintf(err, errlen, "cannot set up the seccomp filter: %s",
			 strerror(-rc));
		goto out;
	}
	if (!everything) {
		rc = add_rules(ctx, ts, x, err, errlen);
		if (rc == 0)
			rc = add_conds(ctx, ts, conds, nconds, err, errlen);
		if (rc < 0)
			goto out;
	}
	rc = export_program(ctx, prog);
	if (rc < 0)
		snprintf(err, errlen, "cannot export the seccomp filter: %s",
			 strerror(-rc));
out:
	seccomp_release(ctx);
	return rc;
}

static void emit(struct sock_filter *code, unsigned *n, struct sock_filter s)
{
	code[(*n)++] = s;
}

/* Compare the syscall number with each listed number; jump to TRACE. */
static void emit_matches(struct sock_filter *code, unsigned *n,
			 const unsigned *nrs, unsigned count, unsigned trace_at)
{
	unsigned i;

	emit(code, n, (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			offsetof(struct seccomp_data, nr)));
	for (i = 0; i < count; i++) {
		unsigned jt = trace_at - (*n + 1);

		emit(code, n, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
				nrs[i], (unsigned char)jt, 0));
	}
	emit(code, n, (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
			SECCOMP_RET_ALLOW));
}

/*
 * The program for calls libseccomp does not know:
 *   0 load arch
 *   1 arch == x86_64 ? goto 4 : goto 2
 *   2 arch == i386 ? goto i386 block : goto 3
 *   3 allow (other architectures are the libseccomp program's business)
 *   4 x86_64 block: load nr; nr == each x86_64 or x32 number ? trace; allow
 *     i386 block: load nr; nr == each i386 number ? trace; allow
 *     trace
 * The lists hold at most 64 numbers each, so every jump fits in 8 bits.
 */
static void build_extra(const struct extra_calls *x, struct sock_fprog *prog)
{
	unsigned n64 = x->n[ABI_X86_64] + x->n[ABI_X32], n32 = x->n[ABI_I386];
	unsigned i386_at = 4 + 2 + n64;
	unsigned trace_at = i386_at + 2 + n32, n = 0;
	struct sock_filter *code = xcalloc(trace_at + 1, sizeof(*code));
	unsigned nrs64[ARRAY_SIZE(x->nr[0]) * 2];

	memcpy(nrs64, x->nr[ABI_X86_64], x->n[ABI_X86_64] * sizeof(unsigned));
	memcpy(nrs64 + x->n[ABI_X86_64], x->nr[ABI_X32],
	       x->n[ABI_X32] * sizeof(unsigned));
	emit(code, &n, (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			offsetof(struct seccomp_data, arch)));
	emit(code, &n, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
			AUDIT_ARCH_X86_64, 2, 0));
	emit(code, &n, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
			AUDIT_ARCH_I386, (unsigned char)(i386_at - 3), 0));
	emit(code, &n, (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
			SECCOMP_RET_ALLOW));
	emit_matches(code, &n, nrs64, n64, trace_at);
	emit_matches(code, &n, x->nr[ABI_I386], n32, trace_at);
	emit(code, &n, (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
			SECCOMP_RET_TRACE));
	prog->filter = code;
	prog->len = (unsigned short)n;
}

int filter_build(const struct traceset *ts, const struct filter_cond *conds,
		 unsigned nconds, bool everything, struct filter *f, char *err,
		 size_t errlen)
{
	struct extra_calls x;
	int rc;

	memset(f, 0, sizeof(*f));
	memset(&x, 0, sizeof(x));
	rc = build_libseccomp(ts, conds, nconds, everything, &f->prog[1], &x,
			      err, errlen);
	if (rc < 0)
		return rc;
	/* Our small program goes in first: it never traps seccomp(), so
	 * installing the second program is not a traced call. */
	if (x.n[ABI_X86_64] + x.n[ABI_X32] + x.n[ABI_I386] > 0) {
		build_extra(&x, &f->prog[0]);
		f->nprog = 2;
	} else {
		f->prog[0] = f->prog[1];
		memset(&f->prog[1], 0, sizeof(f->prog[1]));
		f->nprog = 1;
	}
	return 0;
}

int filter_install(const struct filter *f)
{
	unsigned i;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -errno;
	for (i = 0; i < f->nprog; i++)
		if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0,
			    &f->prog[i]) < 0 &&
		    /* Where seccomp() is unknown (valgrind), prctl does the
		     * same: our flags are 0. */
		    (errno != ENOSYS ||
		     prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &f->prog[i],
			   0, 0) < 0))
			return -errno;
	return 0;
}

void filter_free(struct filter *f)
{
	unsigned i;

	for (i = 0; i < f->nprog; i++)
		free(f->prog[i].filter);
	memset(f, 0, sizeof(*f));
}
