/* test_resolve.c - the path resolver, checked against the kernel itself
 *
 * Each case resolves a path with resolve_path() and opens the same path
 * with openat2(O_PATH) in this process: both must reach the same object
 * (compared by the name /proc gives the descriptor) or fail with the
 * same errno. The kernel is the oracle; the resolver must agree with it.
 */
#include <criterion/criterion.h>

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "resolve.h"

static char top[64];
static int topfd = -1;

static void mk(const char *rel, bool dir)
{
	char p[256];

	snprintf(p, sizeof(p), "%s/%s", top, rel);
	if (dir)
		cr_assert_eq(mkdir(p, 0755), 0, "mkdir %s: %m", p);
	else
		cr_assert_eq(close(open(p, O_CREAT | O_WRONLY, 0644)), 0);
}

static void ln(const char *target, const char *rel)
{
	char p[256];

	snprintf(p, sizeof(p), "%s/%s", top, rel);
	cr_assert_eq(symlink(target, p), 0, "symlink %s: %m", p);
}

/* top/a/b/file, and links up, out, across, around and to nowhere. */
static void setup(void)
{
	snprintf(top, sizeof(top), "/tmp/gobox-resolve-XXXXXX");
	cr_assert_not_null(mkdtemp(top));
	mk("a", true);
	mk("a/b", true);
	mk("a/b/file", false);
	mk("etc", true);
	ln("..", "a/up");
	ln("/etc", "abs");
	ln("a/b", "rel");
	ln("loop2", "loop1");
	ln("loop1", "loop2");
	ln("nowhere", "dangling");
	ln("a/b/file", "file_link");
	ln("/a/b/file", "rooted");
	topfd = open(top, O_PATH | O_DIRECTORY);
	cr_assert_geq(topfd, 0);
}

static void teardown(void)
{
	char cmd[128];

	close(topfd);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", top);
	cr_expect_eq(system(cmd), 0);
}

TestSuite(resolve, .init = setup, .fini = teardown);

/* The kernel's answer: the path of the object, or -errno. */
static int kernel_open(int dirfd, const char *path, unsigned how, char *out,
		       size_t size)
{
	struct open_how oh = { .flags = O_PATH };
	char link[64];
	long fd;
	ssize_t n;

	if (!(how & RP_FOLLOW))
		oh.flags |= O_NOFOLLOW;
	oh.resolve = (how & RP_BENEATH ? RESOLVE_BENEATH : 0) |
		     (how & RP_IN_ROOT ? RESOLVE_IN_ROOT : 0) |
		     (how & RP_NO_SYMLINKS ? RESOLVE_NO_SYMLINKS : 0) |
		     (how & RP_NO_MAGICLINKS ? RESOLVE_NO_MAGICLINKS : 0) |
		     (how & RP_NO_XDEV ? RESOLVE_NO_XDEV : 0);
	fd = syscall(SYS_openat2, dirfd, path, &oh, sizeof(oh));
	if (fd < 0)
		return -errno;
	snprintf(link, sizeof(link), "/proc/self/fd/%ld", fd);
	n = readlink(link, out, size - 1);
	close((int)fd);
	cr_assert_gt(n, 0);
	out[n] = '\0';
	return 0;
}

/* Resolve path from dirfd both ways and compare. */
static void agree(int dirfd, const char *path, unsigned how)
{
	char ours[4096] = "", theirs[4096] = "";
	enum resolved_kind kind;
	int rc = resolve_path(getpid(), getpid(), dirfd, path, how, ours,
			      sizeof(ours), &kind);
	int krc = kernel_open(dirfd, path, how, theirs, sizeof(theirs));

	if (krc == -ENOENT && rc == 0 && kind == RESOLVED_MISSING)
		return;	/* a name still to be made, in a directory that is */
	cr_expect_eq(rc, krc, "'%s' how=%#x: resolver %d (%s), kernel %d (%s)",
		     path, how, rc, ours, krc, theirs);
	if (rc == 0 && krc == 0)
		cr_expect_str_eq(ours, theirs, "'%s' how=%#x", path, how);
}

Test(resolve, plain_walks)
{
	agree(topfd, "a/b/file", RP_FOLLOW);
	agree(topfd, "a/./b//file", RP_FOLLOW);
	agree(topfd, "a/../a/b/file", RP_FOLLOW);
	agree(topfd, "a/b/../../a/b", 0);
	agree(topfd, "../../../../..", RP_FOLLOW);
	agree(AT_FDCWD, "/etc/hostname", RP_FOLLOW);
	agree(AT_FDCWD, "/", RP_FOLLOW);
}

Test(resolve, symbolic_links)
{
	agree(topfd, "a/up/a/b/file", RP_FOLLOW);
	agree(topfd, "rel/file", RP_FOLLOW);
	agree(topfd, "abs/hostname", RP_FOLLOW);
	agree(topfd, "file_link", RP_FOLLOW);
	agree(topfd, "file_link", 0);	/* the link itself */
	agree(topfd, "rel", 0);
	agree(topfd, "rel/", 0);	/* a trailing slash follows it */
	agree(topfd, "rooted", RP_FOLLOW);
}

Test(resolve, failures)
{
	agree(topfd, "loop1", RP_FOLLOW);
	agree(topfd, "loop1/x", 0);
	agree(topfd, "dangling/x", RP_FOLLOW);
	agree(topfd, "a/b/file/", RP_FOLLOW);
	agree(topfd, "a/b/file/x", RP_FOLLOW);
	agree(topfd, "nothere/x", RP_FOLLOW);
	agree(topfd, "", RP_FOLLOW);
	agree(12345, "x", RP_FOLLOW);
}

Test(resolve, missing_last_component)
{
	char out[4096], want[256];
	enum resolved_kind kind;

	cr_assert_eq(resolve_path(getpid(), getpid(), topfd, "a/b/new", 0, out,
				  sizeof(out), &kind), 0);
	cr_expect_eq(kind, RESOLVED_MISSING);
	snprintf(want, sizeof(want), "%s/a/b/new", top);
	cr_expect_str_eq(out, want);
	/* Through a dangling link: the name the link gives. */
	cr_assert_eq(resolve_path(getpid(), getpid(), topfd, "dangling",
				  RP_FOLLOW, out, sizeof(out), &kind), 0);
	snprintf(want, sizeof(want), "%s/nowhere", top);
	cr_expect_str_eq(out, want);
}

Test(resolve, empty_path_names_the_descriptor)
{
	char out[4096];
	enum resolved_kind kind;
	int fds[2];

	cr_assert_eq(resolve_path(getpid(), getpid(), topfd, "", RP_EMPTY_OK, out,
				  sizeof(out), &kind), 0);
	cr_expect_str_eq(out, top);
	cr_assert_eq(pipe(fds), 0);
	cr_assert_eq(resolve_path(getpid(), getpid(), fds[0], "", RP_EMPTY_OK,
				  out, sizeof(out), &kind), 0);
	cr_expect_eq(kind, RESOLVED_OPAQUE);
	close(fds[0]);
	close(fds[1]);
}

Test(resolve, proc_self_is_the_thread_not_the_resolver)
{
	char out[4096], want[64];
	enum resolved_kind kind;

	agree(AT_FDCWD, "/proc/self/status", RP_FOLLOW);
	agree(AT_FDCWD, "/proc/thread-self/status", RP_FOLLOW);
	/* For another pid, /proc/self is that pid. */
	cr_assert_eq(resolve_path(1, 1, AT_FDCWD, "/proc/self/status",
				  RP_FOLLOW, out, sizeof(out), &kind), 0);
	snprintf(want, sizeof(want), "/proc/1/status");
	cr_expect_str_eq(out, want);
}

Test(resolve, magic_links)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/self/fd/%d/a/b/file", topfd);
	agree(AT_FDCWD, path, RP_FOLLOW);
	agree(AT_FDCWD, path, RP_FOLLOW | RP_NO_MAGICLINKS);
	agree(AT_FDCWD, "/proc/self/cwd", RP_FOLLOW | RP_NO_MAGICLINKS);
}

Test(resolve, beneath)
{
	agree(topfd, "a/b/file", RP_FOLLOW | RP_BENEATH);
	agree(topfd, "a/up/a/b", RP_FOLLOW | RP_BENEATH);
	agree(topfd, "a/../..", RP_FOLLOW | RP_BENEATH);
	agree(topfd, "..", RP_FOLLOW | RP_BENEATH);
	agree(topfd, "/etc/hostname", RP_FOLLOW | RP_BENEATH);
	agree(topfd, "abs/hostname", RP_FOLLOW | RP_BENEATH);
	agree(topfd, "rooted", RP_FOLLOW | RP_BENEATH);
}

Test(resolve, in_root)
{
	agree(topfd, "/a/b/file", RP_FOLLOW | RP_IN_ROOT);
	agree(topfd, "../../a/b/file", RP_FOLLOW | RP_IN_ROOT);
	agree(topfd, "rooted", RP_FOLLOW | RP_IN_ROOT);
	agree(topfd, "abs", RP_FOLLOW | RP_IN_ROOT);
	agree(topfd, "abs/hostname", RP_FOLLOW | RP_IN_ROOT);
	agree(topfd, "/", RP_FOLLOW | RP_IN_ROOT);
}

Test(resolve, no_symlinks)
{
	agree(topfd, "a/b/file", RP_FOLLOW | RP_NO_SYMLINKS);
	agree(topfd, "rel/file", RP_FOLLOW | RP_NO_SYMLINKS);
	agree(topfd, "file_link", RP_FOLLOW | RP_NO_SYMLINKS);
}

Test(resolve, no_xdev)
{
	agree(topfd, "a/b/file", RP_FOLLOW | RP_NO_XDEV);
	agree(AT_FDCWD, "/proc/self/status", RP_FOLLOW | RP_NO_XDEV);
	agree(topfd, "abs/hostname", RP_FOLLOW | RP_NO_XDEV);
	agree(topfd, "a/../abs/hostname", RP_FOLLOW | RP_NO_XDEV);
	agree(topfd, "a/up/abs/hostname", RP_FOLLOW | RP_NO_XDEV);
	agree(topfd, "../../../proc/self/status", RP_FOLLOW | RP_NO_XDEV);
	agree(topfd, "a/..", RP_FOLLOW | RP_NO_XDEV);
}
