/* test_decode.c - path cleaning, argument helpers, reading tracee memory and
 * decoding real arguments. The "tracee" is the test process itself: ucopy
 * reads its own memory through process_vm_readv (or /proc/self/mem). */
#include <criterion/criterion.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/net.h>
#include <linux/openat2.h>
#include <linux/sched.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

#include "decode.h"
#include "event.h"
#include "syscalls.h"
#include "ucopy.h"

#define PAGE_SIZE_ 4096

/* ------------------------------------------------------------------ */
/* path_join_clean                                                     */

static char out[DECODE_PATH_MAX * 2];

static const char *join(const char *base, const char *path)
{
	long n = path_join_clean(base, path, out, sizeof(out));

	cr_assert_geq(n, 0, "path_join_clean(%s, %s) = %ld", base, path, n);
	cr_assert_eq((size_t)n, strlen(out), "returned length %ld for '%s'", n,
		     out);
	return out;
}

Test(path_join_clean, relative_path_is_appended_to_base)
{
	cr_expect_str_eq(join("/home/user", "a/b.txt"), "/home/user/a/b.txt");
	cr_expect_str_eq(join("/", "etc"), "/etc");
	cr_expect_str_eq(join("/home/user/", "x"), "/home/user/x");
}

Test(path_join_clean, absolute_path_ignores_base)
{
	cr_expect_str_eq(join("/home/user", "/etc/passwd"), "/etc/passwd");
	cr_expect_str_eq(join("not/even/absolute", "/tmp"), "/tmp");
	cr_expect_str_eq(join("/home", "/"), "/");
}

Test(path_join_clean, dot_components_vanish)
{
	cr_expect_str_eq(join("/home/./user/.", "./a/./b/."), "/home/user/a/b");
	cr_expect_str_eq(join("/", "."), "/");
	cr_expect_str_eq(join("/x", "./"), "/x");
}

Test(path_join_clean, dotdot_removes_the_previous_component)
{
	cr_expect_str_eq(join("/home/user", "../other/file"), "/home/other/file");
	cr_expect_str_eq(join("/a/b/c", "../../d"), "/a/d");
	cr_expect_str_eq(join("/a", "b/../c/./../d"), "/a/d");
	cr_expect_str_eq(join("/a/b", ".."), "/a");
	cr_expect_str_eq(join("/a/b", "../.."), "/");
}

Test(path_join_clean, dotdot_above_root_stays_at_root)
{
	cr_expect_str_eq(join("/", ".."), "/");
	cr_expect_str_eq(join("/a", "../../../../etc/passwd"), "/etc/passwd");
	cr_expect_str_eq(join("/home", "/../../x/.."), "/");
}

Test(path_join_clean, repeated_and_trailing_slashes_collapse)
{
	cr_expect_str_eq(join("//home///user//", "a//b///"), "/home/user/a/b");
	cr_expect_str_eq(join("/", "//etc//passwd"), "/etc/passwd");
	cr_expect_str_eq(join("/", "///"), "/");
}

Test(path_join_clean, names_that_only_start_with_dots_are_kept)
{
	cr_expect_str_eq(join("/d", "...//.hidden/..x/x.."), "/d/.../.hidden/..x/x..");
}

Test(path_join_clean, empty_path_is_the_base)
{
	cr_expect_str_eq(join("/home/user", ""), "/home/user");
	cr_expect_str_eq(join("", ""), "/");
	cr_expect_str_eq(join("", "a"), "/a");
}

Test(path_join_clean, too_long_is_enametoolong)
{
	static char longname[DECODE_PATH_MAX * 3];

	memset(longname, 'a', sizeof(longname) - 1);
	cr_expect_eq(path_join_clean("/", longname, out, sizeof(out)),
		     -ENAMETOOLONG);
	cr_expect_eq(path_join_clean(longname, "b", out, sizeof(out)),
		     -ENAMETOOLONG);
}

Test(path_join_clean, result_that_exactly_fits_is_accepted)
{
	char small[8];

	/* "/abcdef" is 7 bytes plus the NUL. */
	cr_expect_eq(path_join_clean("/", "abcdef", small, sizeof(small)), 7);
	cr_expect_str_eq(small, "/abcdef");
	cr_expect_eq(path_join_clean("/", "abcdefg", small, sizeof(small)),
		     -ENAMETOOLONG);
	cr_expect_eq(path_join_clean("/ab", "cde", small, sizeof(small)), 7);
	cr_expect_str_eq(small, "/ab/cde");
	cr_expect_eq(path_join_clean("/ab", "cdef", small, sizeof(small)),
		     -ENAMETOOLONG);
	cr_expect_eq(path_join_clean("/", "x", small, 1), -ENAMETOOLONG);
}

Test(path_join_clean, long_intermediate_that_dotdot_shortens_fits)
{
	char small[16];

	cr_expect_eq(path_join_clean("/", "abc/../def", small, sizeof(small)), 4);
	cr_expect_str_eq(small, "/def");
}

/* ------------------------------------------------------------------ */
/* arg_int, arg_ptr                                                    */

static struct event *new_event(enum abi abi, const char *name)
{
	struct event *ev = calloc(1, sizeof(*ev));
	int nr;

	cr_assert_not_null(ev);
	ev->tid = ev->pid = getpid();
	ev->abi = (uint8_t)abi;
	if (name) {
		nr = syscall_number(abi, name);
		cr_assert_geq(nr, 0, "%s has no %s", abi_name(abi), name);
		ev->nr = nr;
		ev->desc = syscall_lookup(abi, (unsigned)nr);
		cr_assert_not_null(ev->desc);
		ev->name = ev->desc->name;
	}
	return ev;
}

Test(args, arg_int_ignores_the_upper_32_bits)
{
	cr_expect_eq(arg_int(0xdeadbeef00000005ULL), 5);
	cr_expect_eq(arg_int(0x0000000100000000ULL), 0);
	cr_expect_eq(arg_int(3), 3);
}

Test(args, arg_int_sign_extends_the_low_32_bits)
{
	cr_expect_eq(arg_int(0xffffffffULL), -1);
	cr_expect_eq(arg_int(0xffffff9cULL), AT_FDCWD);
	cr_expect_eq(arg_int((uint64_t)(int64_t)AT_FDCWD), AT_FDCWD);
	cr_expect_eq(arg_int(0x80000000ULL), INT32_MIN);
	cr_expect_eq(arg_int(0x7fffffffULL), INT32_MAX);
}

Test(args, arg_ptr_keeps_64_bits_on_x86_64_and_32_on_i386_and_x32)
{
	struct event *ev = new_event(ABI_X86_64, NULL);

	cr_expect_eq(arg_ptr(ev, 0x00007ffc12345678ULL), 0x00007ffc12345678ULL);
	cr_expect_eq(arg_ptr(ev, 0xffffffff80001000ULL), 0xffffffff80001000ULL);
	ev->abi = ABI_I386;
	cr_expect_eq(arg_ptr(ev, 0xdeadbeef08049000ULL), 0x08049000ULL);
	cr_expect_eq(arg_ptr(ev, 0xfffff000ULL), 0xfffff000ULL);
	ev->abi = ABI_X32;
	cr_expect_eq(arg_ptr(ev, 0x1234567800401000ULL), 0x00401000ULL);
	cr_expect_eq(abi_ptr_size(ABI_X86_64), 8);
	cr_expect_eq(abi_ptr_size(ABI_I386), 4);
	cr_expect_eq(abi_ptr_size(ABI_X32), 4);
	free(ev);
}

/* ------------------------------------------------------------------ */
/* ucopy, ucopy_str on the test's own memory                           */

static uint64_t addr_of(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}

/* Two pages with the second one unmapped: returns the first. */
static char *page_before_hole(void)
{
	char *p = mmap(NULL, 2 * PAGE_SIZE_, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	cr_assert_neq(p, MAP_FAILED);
	cr_assert_eq(munmap(p + PAGE_SIZE_, PAGE_SIZE_), 0);
	memset(p, 'z', PAGE_SIZE_);
	return p;
}

/* An unmapped address. */
static uint64_t hole(void)
{
	char *p = page_before_hole();

	return addr_of(p + PAGE_SIZE_);
}

Test(ucopy, copies_own_memory)
{
	static const char src[] = "the quick brown fox";
	char buf[sizeof(src)];

	memset(buf, 0, sizeof(buf));
	cr_expect_eq(ucopy(getpid(), addr_of(src), buf, sizeof(src)), 0);
	cr_expect_str_eq(buf, src);
	cr_expect_eq(ucopy(getpid(), addr_of(src), buf, 0), 0);
}

Test(ucopy, null_unmapped_and_partly_mapped_are_efault)
{
	char buf[64];
	char *p = page_before_hole();

	cr_expect_eq(ucopy(getpid(), 0, buf, 8), -EFAULT);
	cr_expect_eq(ucopy(getpid(), addr_of(p + PAGE_SIZE_), buf, 8), -EFAULT);
	cr_expect_eq(ucopy(getpid(), addr_of(p + PAGE_SIZE_ - 8), buf, 16),
		     -EFAULT);
	cr_expect_eq(ucopy(getpid(), addr_of(p + PAGE_SIZE_ - 8), buf, 8), 0);
}

Test(ucopy_str, reads_a_string)
{
	static const char src[] = "/etc/passwd";
	char buf[64];

	cr_expect_eq(ucopy_str(getpid(), addr_of(src), buf, sizeof(buf)), 11);
	cr_expect_str_eq(buf, src);
}

Test(ucopy_str, empty_string_is_length_0)
{
	static const char src[] = "";
	char buf[64];

	memset(buf, 'x', sizeof(buf));
	cr_expect_eq(ucopy_str(getpid(), addr_of(src), buf, sizeof(buf)), 0);
	cr_expect_eq(buf[0], '\0');
}

Test(ucopy_str, string_ending_exactly_at_a_page_before_an_unmapped_page)
{
	char *p = page_before_hole();
	char *s = p + PAGE_SIZE_ - 6;
	char buf[DECODE_PATH_MAX];

	memcpy(s, "hello", 6);	/* the NUL is the page's last byte */
	cr_expect_eq(ucopy_str(getpid(), addr_of(s), buf, sizeof(buf)), 5);
	cr_expect_str_eq(buf, "hello");
	/* Starting right on the last byte: the empty string. */
	cr_expect_eq(ucopy_str(getpid(), addr_of(p + PAGE_SIZE_ - 1), buf,
			       sizeof(buf)), 0);
	cr_expect_str_eq(buf, "");
}

Test(ucopy_str, whole_page_string_before_a_hole)
{
	char *p = page_before_hole();
	char buf[DECODE_PATH_MAX * 2];

	p[PAGE_SIZE_ - 1] = '\0';
	cr_expect_eq(ucopy_str(getpid(), addr_of(p), buf, sizeof(buf)),
		     PAGE_SIZE_ - 1);
	cr_expect_eq(strlen(buf), PAGE_SIZE_ - 1);
}

Test(ucopy_str, string_running_into_an_unmapped_page_is_efault)
{
	char *p = page_before_hole();
	char buf[DECODE_PATH_MAX];

	/* No NUL before the hole. */
	cr_expect_eq(ucopy_str(getpid(), addr_of(p + PAGE_SIZE_ - 10), buf,
			       sizeof(buf)), -EFAULT);
}

Test(ucopy_str, string_crossing_a_page_boundary_is_read_whole)
{
	char *p = mmap(NULL, 2 * PAGE_SIZE_, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char buf[64];

	cr_assert_neq(p, MAP_FAILED);
	memcpy(p + PAGE_SIZE_ - 4, "abcdefgh", 9);
	cr_expect_eq(ucopy_str(getpid(), addr_of(p + PAGE_SIZE_ - 4), buf,
			       sizeof(buf)), 8);
	cr_expect_str_eq(buf, "abcdefgh");
}

Test(ucopy_str, null_pointer_is_efault_with_an_empty_buffer)
{
	char buf[16];

	memset(buf, 'x', sizeof(buf));
	cr_expect_eq(ucopy_str(getpid(), 0, buf, sizeof(buf)), -EFAULT);
	cr_expect_eq(buf[0], '\0');
}

Test(ucopy_str, unmapped_pointer_is_efault)
{
	char buf[16];

	cr_expect_eq(ucopy_str(getpid(), hole(), buf, sizeof(buf)), -EFAULT);
}

Test(ucopy_str, too_long_is_enametoolong_with_the_first_size_minus_1_bytes)
{
	static char src[10000];
	char buf[DECODE_PATH_MAX];

	memset(src, 'q', sizeof(src) - 1);
	cr_expect_eq(ucopy_str(getpid(), addr_of(src), buf, sizeof(buf)),
		     -ENAMETOOLONG);
	cr_expect_eq(strlen(buf), sizeof(buf) - 1);
	cr_expect_eq(buf[0], 'q');
	cr_expect_eq(ucopy_str(getpid(), addr_of("abcd"), buf, 4), -ENAMETOOLONG);
	cr_expect_str_eq(buf, "abc");
}

/* Documented: "Returns the string length (< size)". A string of size - 1
 * bytes plus its NUL fits buf exactly. */
Test(ucopy_str, string_of_exactly_size_minus_1_bytes_fits)
{
	char buf[4];

	memset(buf, 'x', sizeof(buf));
	cr_expect_eq(ucopy_str(getpid(), addr_of("abc"), buf, sizeof(buf)), 3);
	cr_expect_str_eq(buf, "abc");
	cr_expect_eq(ucopy_str(getpid(), addr_of(""), buf, 1), 0);
	cr_expect_str_eq(buf, "");
}

/* ------------------------------------------------------------------ */
/* decode_entry on hand-built events                                   */

static char tmpdir[PATH_MAX];	/* as created */
static char realdir[PATH_MAX];	/* with symbolic links resolved */
static char oldcwd[PATH_MAX];

static void make_tmpdir(void)
{
	const char *t = getenv("TMPDIR");

	snprintf(tmpdir, sizeof(tmpdir), "%s/gobox-decode.XXXXXX",
		 t && *t ? t : "/tmp");
	cr_assert_not_null(mkdtemp(tmpdir));
	cr_assert_not_null(realpath(tmpdir, realdir));
	cr_assert_not_null(getcwd(oldcwd, sizeof(oldcwd)));
	cr_assert_eq(chdir(tmpdir), 0);
	cr_assert_eq(mkdir("sub", 0700), 0);
}

static void remove_tmpdir(void)
{
	if (chdir(oldcwd) != 0)
		return;
	if (chdir(tmpdir) == 0) {
		unlink("sub/file");
		unlink("file");
		rmdir("sub");
		if (chdir(oldcwd) != 0)
			return;
	}
	rmdir(tmpdir);
}

TestSuite(decode_path, .init = make_tmpdir, .fini = remove_tmpdir);

static char *strcat3(const char *a, const char *b, const char *c)
{
	static char buf[PATH_MAX * 2];

	snprintf(buf, sizeof(buf), "%s%s%s", a, b, c);
	return buf;
}

static struct event *openat_event(uint64_t dirfd, const char *path)
{
	struct event *ev = new_event(ABI_X86_64, "openat");

	ev->args[0] = dirfd;
	ev->args[1] = addr_of(path);
	ev->args[2] = O_RDONLY;
	ev->args[3] = 0;
	decode_entry(ev);
	return ev;
}

Test(decode_path, openat_relative_to_cwd_is_resolved_against_the_cwd)
{
	/* AT_FDCWD with garbage above the low 32 bits, as a tracee may pass. */
	struct event *ev = openat_event(0xabcd0000ffffff9cULL, "sub/./../file");

	cr_assert_eq(ev->v[0].type, ARG_DIRFD);
	cr_assert_eq(ev->v[1].type, ARG_PATH);
	cr_assert_eq(ev->v[2].type, ARG_OFLAGS);
	cr_expect_eq(ev->v[1].status, VAL_OK);
	cr_assert_not_null(ev->v[1].u.str.s);
	cr_expect_str_eq(ev->v[1].u.str.s, "sub/./../file");
	cr_expect_eq(ev->v[1].u.str.len, 13);
	cr_expect_eq(ev->v[1].raw, ev->args[1]);
	cr_assert_not_null(ev->v[1].u.str.resolved);
	cr_expect_str_eq(ev->v[1].u.str.resolved, strcat3(realdir, "/", "file"));
	free(ev);
}

Test(decode_path, openat_relative_to_a_dirfd_is_resolved_against_it)
{
	int fd = open("sub", O_RDONLY | O_DIRECTORY);
	struct event *ev;

	cr_assert_geq(fd, 0);
	ev = openat_event((uint64_t)fd, "x/../file");
	cr_expect_eq(ev->v[1].status, VAL_OK);
	cr_expect_str_eq(ev->v[1].u.str.s, "x/../file");
	cr_assert_not_null(ev->v[1].u.str.resolved);
	cr_expect_str_eq(ev->v[1].u.str.resolved,
			 strcat3(realdir, "/sub/", "file"));
	free(ev);
	close(fd);
}

Test(decode_path, absolute_path_is_cleaned_and_ignores_the_dirfd)
{
	int fd = open("sub", O_RDONLY | O_DIRECTORY);
	struct event *ev;

	cr_assert_geq(fd, 0);
	ev = openat_event((uint64_t)fd, "//etc/./ssl/../passwd");
	cr_expect_str_eq(ev->v[1].u.str.s, "//etc/./ssl/../passwd");
	cr_assert_not_null(ev->v[1].u.str.resolved);
	cr_expect_str_eq(ev->v[1].u.str.resolved, "/etc/passwd");
	free(ev);
	close(fd);
}

Test(decode_path, relative_to_a_pipe_is_not_resolved)
{
	int p[2];
	struct event *ev;

	cr_assert_eq(pipe(p), 0);
	ev = openat_event((uint64_t)p[0], "file");
	cr_expect_eq(ev->v[1].status, VAL_OK);
	cr_expect_str_eq(ev->v[1].u.str.s, "file");
	cr_expect_null(ev->v[1].u.str.resolved);
	free(ev);
}

Test(decode_path, null_and_unmapped_paths)
{
	struct event *ev = new_event(ABI_X86_64, "openat");

	ev->args[0] = (uint32_t)AT_FDCWD;
	ev->args[1] = 0;
	decode_entry(ev);
	cr_expect_eq(ev->v[1].status, VAL_NULL);
	cr_expect_null(ev->v[1].u.str.s);
	free(ev);

	ev = new_event(ABI_X86_64, "openat");
	ev->args[0] = (uint32_t)AT_FDCWD;
	ev->args[1] = hole();
	decode_entry(ev);
	cr_expect_eq(ev->v[1].status, VAL_EFAULT);
	cr_expect_null(ev->v[1].u.str.s);
	free(ev);
}

Test(decode_path, path_longer_than_path_max_is_truncated)
{
	static char longpath[DECODE_PATH_MAX + 100];
	struct event *ev;

	memset(longpath, 'a', sizeof(longpath) - 1);
	ev = openat_event((uint32_t)AT_FDCWD, longpath);
	cr_expect_eq(ev->v[1].status, VAL_TRUNCATED);
	cr_expect_eq(ev->v[1].u.str.len, DECODE_PATH_MAX - 1);
	cr_expect_eq(strlen(ev->v[1].u.str.s), DECODE_PATH_MAX - 1);
	free(ev);
}

/* PATH_MAX counts the NUL: a 4095-byte path is a valid, whole path. */
Test(decode_path, path_of_path_max_minus_1_bytes_is_whole)
{
	static char longpath[DECODE_PATH_MAX];
	struct event *ev;
	size_t i;

	memset(longpath, 'a', sizeof(longpath) - 1);
	for (i = 100; i < sizeof(longpath) - 1; i += 100)
		longpath[i] = '/';
	ev = openat_event((uint32_t)AT_FDCWD, longpath);
	cr_expect_eq(ev->v[1].status, VAL_OK,
		     "a %d-byte path is reported with status %d, not VAL_OK",
		     DECODE_PATH_MAX - 1, ev->v[1].status);
	cr_expect_eq(ev->v[1].u.str.len, DECODE_PATH_MAX - 1);
	free(ev);
}

Test(decode_path, i386_pointer_uses_only_the_low_32_bits)
{
	char *low = mmap(NULL, PAGE_SIZE_, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	struct event *ev;

	cr_assert_neq(low, MAP_FAILED);
	cr_assert_lt(addr_of(low), 1ULL << 32);
	strcpy(low, "/etc/hosts");
	ev = new_event(ABI_I386, "openat");
	ev->args[0] = 0xffffff9c;
	ev->args[1] = addr_of(low) | 0xffffffff00000000ULL;
	decode_entry(ev);
	cr_expect_eq(ev->v[1].status, VAL_OK);
	cr_expect_str_eq(ev->v[1].u.str.s, "/etc/hosts");
	cr_expect_str_eq(ev->v[1].u.str.resolved, "/etc/hosts");
	free(ev);
}

Test(decode_path, open_without_dirfd_resolves_against_cwd)
{
	struct event *ev = new_event(ABI_X86_64, "open");

	ev->args[0] = addr_of("sub/../sub/file");
	ev->args[1] = O_WRONLY | O_CREAT;
	ev->args[2] = 0644;
	decode_entry(ev);
	cr_expect_eq(ev->v[0].status, VAL_OK);
	cr_expect_str_eq(ev->v[0].u.str.resolved,
			 strcat3(realdir, "/sub/", "file"));
	free(ev);
}

Test(decode_path, exit_of_an_open_records_what_the_new_fd_refers_to)
{
	int fd = open("file", O_WRONLY | O_CREAT, 0600);
	struct event *ev;

	cr_assert_geq(fd, 0);
	ev = openat_event((uint32_t)AT_FDCWD, "file");
	ev->finished = true;
	ev->rval = fd;
	decode_exit(ev);
	cr_assert_not_null(ev->fd_path);
	cr_expect_str_eq(ev->fd_path, strcat3(realdir, "/", "file"));
	free(ev);

	/* A failed open has no descriptor. */
	ev = openat_event((uint32_t)AT_FDCWD, "nonexistent");
	ev->finished = true;
	ev->rval = -1;
	ev->err = ENOENT;
	decode_exit(ev);
	cr_expect_null(ev->fd_path);
	free(ev);
	close(fd);
}

Test(decode_path, fd_target_reads_cwd_and_descriptors)
{
	char buf[PATH_MAX];
	int fd = open("sub", O_RDONLY | O_DIRECTORY);

	cr_expect_eq(fd_target(getpid(), AT_FDCWD, buf, sizeof(buf)),
		     (long)strlen(realdir));
	cr_expect_str_eq(buf, realdir);
	cr_assert_geq(fd, 0);
	cr_expect_gt(fd_target(getpid(), fd, buf, sizeof(buf)), 0);
	cr_expect_str_eq(buf, strcat3(realdir, "/sub", ""));
	cr_expect_eq(fd_target(getpid(), 9999, buf, sizeof(buf)), -ENOENT);
	close(fd);
}

/* ------------------------------------------------------------------ */
/* socket addresses                                                    */

static struct event *connect_event(const void *sa, uint64_t len)
{
	struct event *ev = new_event(ABI_X86_64, "connect");

	ev->args[0] = 3;
	ev->args[1] = addr_of(sa);
	ev->args[2] = len;
	decode_entry(ev);
	cr_assert_eq(ev->v[1].type, ARG_SOCKADDR);
	return ev;
}

Test(sockaddr, af_inet_address_and_port)
{
	struct sockaddr_in in = { .sin_family = AF_INET, .sin_port = htons(8080) };
	struct event *ev;

	inet_pton(AF_INET, "192.0.2.33", &in.sin_addr);
	ev = connect_event(&in, sizeof(in));
	cr_expect_eq(ev->v[1].status, VAL_OK);
	cr_assert_not_null(ev->v[1].u.sa);
	cr_expect_eq(ev->v[1].u.sa->family, AF_INET);
	cr_expect_str_eq(ev->v[1].u.sa->addr, "192.0.2.33");
	cr_expect_eq(ev->v[1].u.sa->port, 8080);
	free(ev);
}

Test(sockaddr, af_inet6_address_and_port)
{
	struct sockaddr_in6 in6 = { .sin6_family = AF_INET6,
				    .sin6_port = htons(443) };
	struct event *ev;

	inet_pton(AF_INET6, "2001:db8::1", &in6.sin6_addr);
	ev = connect_event(&in6, sizeof(in6));
	cr_expect_eq(ev->v[1].status, VAL_OK);
	cr_assert_not_null(ev->v[1].u.sa);
	cr_expect_eq(ev->v[1].u.sa->family, AF_INET6);
	cr_expect_str_eq(ev->v[1].u.sa->addr, "2001:db8::1");
	cr_expect_eq(ev->v[1].u.sa->port, 443);
	free(ev);
}

Test(sockaddr, af_unix_path)
{
	struct sockaddr_un un = { .sun_family = AF_UNIX };
	struct event *ev;

	strcpy(un.sun_path, "/run/x.sock");
	ev = connect_event(&un, offsetof(struct sockaddr_un, sun_path) + 12);
	cr_assert_not_null(ev->v[1].u.sa);
	cr_expect_eq(ev->v[1].u.sa->family, AF_UNIX);
	cr_expect_not(ev->v[1].u.sa->abstract);
	cr_expect_not(ev->v[1].u.sa->unnamed);
	cr_expect_eq(ev->v[1].u.sa->path_len, 11);
	cr_expect_str_eq(ev->v[1].u.sa->path, "/run/x.sock");
	free(ev);

	/* The whole struct as length: the path still ends at its NUL. */
	ev = connect_event(&un, sizeof(un));
	cr_expect_eq(ev->v[1].u.sa->path_len, 11);
	cr_expect_str_eq(ev->v[1].u.sa->path, "/run/x.sock");
	free(ev);
}

Test(sockaddr, af_unix_path_filling_sun_path_without_nul)
{
	struct sockaddr_un un = { .sun_family = AF_UNIX };
	struct event *ev;

	memset(un.sun_path, 'p', sizeof(un.sun_path));
	ev = connect_event(&un, sizeof(un));
	cr_assert_not_null(ev->v[1].u.sa);
	cr_expect_eq(ev->v[1].u.sa->path_len, sizeof(un.sun_path));
	cr_expect_eq(strlen(ev->v[1].u.sa->path), sizeof(un.sun_path));
	free(ev);
}

Test(sockaddr, af_unix_abstract_name_keeps_its_bytes)
{
	struct sockaddr_un un = { .sun_family = AF_UNIX };
	struct event *ev;

	memcpy(un.sun_path, "\0ab\0c", 5);
	ev = connect_event(&un, offsetof(struct sockaddr_un, sun_path) + 5);
	cr_assert_not_null(ev->v[1].u.sa);
	cr_expect(ev->v[1].u.sa->abstract);
	cr_expect_not(ev->v[1].u.sa->unnamed);
	cr_expect_eq(ev->v[1].u.sa->path_len, 4);
	cr_expect_eq(memcmp(ev->v[1].u.sa->path, "ab\0c", 4), 0);
	free(ev);
}

Test(sockaddr, af_unix_unnamed)
{
	struct sockaddr_un un = { .sun_family = AF_UNIX };
	struct event *ev = connect_event(&un, sizeof(sa_family_t));

	cr_assert_not_null(ev->v[1].u.sa);
	cr_expect_eq(ev->v[1].u.sa->family, AF_UNIX);
	cr_expect(ev->v[1].u.sa->unnamed);
	cr_expect_not(ev->v[1].u.sa->abstract);
	cr_expect_eq(ev->v[1].u.sa->path_len, 0);
	free(ev);
}

Test(sockaddr, null_and_unmapped_addresses)
{
	struct event *ev = connect_event(NULL, 16);

	cr_expect_eq(ev->v[1].status, VAL_NULL);
	cr_expect_null(ev->v[1].u.sa);
	free(ev);
	ev = new_event(ABI_X86_64, "connect");
	ev->args[1] = hole();
	ev->args[2] = 16;
	decode_entry(ev);
	cr_expect_eq(ev->v[1].status, VAL_EFAULT);
	cr_expect_null(ev->v[1].u.sa);
	free(ev);
}

/* ------------------------------------------------------------------ */
/* argv                                                                */

static struct event *execve_event(const char *path, const char *const *argv)
{
	struct event *ev = new_event(ABI_X86_64, "execve");

	ev->args[0] = addr_of(path);
	ev->args[1] = addr_of(argv);
	ev->args[2] = 0;
	decode_entry(ev);
	cr_assert_eq(ev->v[1].type, ARG_ARGV);
	return ev;
}

Test(argv, strings_are_decoded_in_order)
{
	static const char *const argv[] = { "ls", "-l", "", "a b", NULL };
	struct event *ev = execve_event("/bin/ls", argv);
	const struct arg_value *v = &ev->v[1];

	cr_expect_str_eq(ev->v[0].u.str.s, "/bin/ls");
	cr_expect_eq(v->status, VAL_OK);
	cr_assert_eq(v->u.argv.n, 4);
	cr_expect_str_eq(v->u.argv.v[0], "ls");
	cr_expect_str_eq(v->u.argv.v[1], "-l");
	cr_expect_str_eq(v->u.argv.v[2], "");
	cr_expect_str_eq(v->u.argv.v[3], "a b");
	cr_expect_eq(v->u.argv.len[0], 2);
	cr_expect_eq(v->u.argv.len[2], 0);
	cr_expect_eq(v->u.argv.len[3], 3);
	/* envp is not decoded. */
	cr_expect_eq(ev->v[2].type, ARG_ENVP);
	free(ev);
}

Test(argv, empty_null_and_unmapped_arrays)
{
	static const char *const none[] = { NULL };
	struct event *ev = execve_event("/bin/true", none);

	cr_expect_eq(ev->v[1].status, VAL_OK);
	cr_expect_eq(ev->v[1].u.argv.n, 0);
	free(ev);
	ev = execve_event("/bin/true", NULL);
	cr_expect_eq(ev->v[1].status, VAL_NULL);
	free(ev);
	ev = execve_event("/bin/true", (const char *const *)(uintptr_t)hole());
	cr_expect_eq(ev->v[1].status, VAL_EFAULT);
	free(ev);
}

static const char **numbered_argv(unsigned n)
{
	const char **v = calloc(n + 1, sizeof(*v));
	unsigned i;

	cr_assert_not_null(v);
	for (i = 0; i < n; i++) {
		char *s = malloc(16);

		snprintf(s, 16, "arg%u", i);
		v[i] = s;
	}
	return v;
}

Test(argv, more_than_argv_max_entries_is_truncated_at_argv_max)
{
	const char **v = numbered_argv(DECODE_ARGV_MAX + 36);
	struct event *ev = execve_event("/bin/echo", v);

	cr_expect_eq(ev->v[1].status, VAL_TRUNCATED);
	cr_assert_eq(ev->v[1].u.argv.n, DECODE_ARGV_MAX);
	cr_expect_str_eq(ev->v[1].u.argv.v[0], "arg0");
	cr_expect_str_eq(ev->v[1].u.argv.v[DECODE_ARGV_MAX - 1], "arg63");
	free(ev);
}

Test(argv, exactly_argv_max_entries_is_whole)
{
	const char **v = numbered_argv(DECODE_ARGV_MAX);
	struct event *ev = execve_event("/bin/echo", v);

	cr_expect_eq(ev->v[1].u.argv.n, DECODE_ARGV_MAX);
	cr_expect_eq(ev->v[1].status, VAL_OK,
		     "argv of exactly %d entries reported as truncated",
		     DECODE_ARGV_MAX);
	free(ev);
}

Test(argv, one_less_than_argv_max_entries_is_whole)
{
	const char **v = numbered_argv(DECODE_ARGV_MAX - 1);
	struct event *ev = execve_event("/bin/echo", v);

	cr_expect_eq(ev->v[1].status, VAL_OK);
	cr_expect_eq(ev->v[1].u.argv.n, DECODE_ARGV_MAX - 1);
	free(ev);
}

Test(argv, byte_budget_truncates_long_arguments)
{
	static char big[3][5000];
	const char *argv[4] = { big[0], big[1], big[2], NULL };
	struct event *ev;
	size_t total = 0;
	unsigned i;

	for (i = 0; i < 3; i++)
		memset(big[i], 'a' + (int)i, sizeof(big[i]) - 1);
	ev = execve_event("/bin/echo", argv);
	cr_expect_eq(ev->v[1].status, VAL_TRUNCATED);
	cr_assert_geq(ev->v[1].u.argv.n, 1);
	cr_expect_eq(ev->v[1].u.argv.len[0], 4999);
	for (i = 0; i < ev->v[1].u.argv.n; i++) {
		cr_expect_eq(strlen(ev->v[1].u.argv.v[i]), ev->v[1].u.argv.len[i]);
		total += ev->v[1].u.argv.len[i] + 1;
	}
	cr_expect_leq(total, DECODE_ARGV_BYTES);
	free(ev);
}

Test(argv, i386_argv_is_an_array_of_32_bit_pointers)
{
	char *low = mmap(NULL, PAGE_SIZE_, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	uint32_t *vec;
	struct event *ev;

	cr_assert_neq(low, MAP_FAILED);
	strcpy(low, "/bin/sh");
	strcpy(low + 16, "sh");
	strcpy(low + 32, "-c");
	vec = (uint32_t *)(void *)(low + 64);
	vec[0] = (uint32_t)addr_of(low + 16);
	vec[1] = (uint32_t)addr_of(low + 32);
	vec[2] = 0;
	vec[3] = (uint32_t)addr_of(low);	/* past the end: not read */
	ev = new_event(ABI_I386, "execve");
	ev->args[0] = addr_of(low) | 0xffffffff00000000ULL;
	ev->args[1] = addr_of(vec) | 0xffffffff00000000ULL;
	decode_entry(ev);
	cr_expect_str_eq(ev->v[0].u.str.s, "/bin/sh");
	cr_expect_eq(ev->v[1].status, VAL_OK);
	cr_assert_eq(ev->v[1].u.argv.n, 2);
	cr_expect_str_eq(ev->v[1].u.argv.v[0], "sh");
	cr_expect_str_eq(ev->v[1].u.argv.v[1], "-c");
	free(ev);
}

/* ------------------------------------------------------------------ */
/* clone flags                                                         */

Test(clone, flags_and_exit_signal_are_split)
{
	struct event *ev = new_event(ABI_X86_64, "clone");

	ev->args[0] = CLONE_VM | CLONE_FS | CLONE_THREAD | SIGCHLD;
	decode_entry(ev);
	cr_assert_not_null(ev->v[0].u.clone);
	cr_expect_eq(ev->v[0].u.clone->flags, CLONE_VM | CLONE_FS | CLONE_THREAD);
	cr_expect_eq(ev->v[0].u.clone->exit_signal, SIGCHLD);
	ev->finished = true;
	ev->rval = 4321;
	decode_exit(ev);
	cr_expect_eq(ev->child, 4321);
	free(ev);
}

Test(clone, i386_flags_are_32_bits)
{
	struct event *ev = new_event(ABI_I386, "clone");

	ev->args[0] = 0xffffffff00000000ULL | CLONE_VM | SIGCHLD;
	decode_entry(ev);
	cr_assert_not_null(ev->v[0].u.clone);
	cr_expect_eq(ev->v[0].u.clone->flags, CLONE_VM);
	cr_expect_eq(ev->v[0].u.clone->exit_signal, SIGCHLD);
	free(ev);
}

/* ------------------------------------------------------------------ */
/* I/O vectors                                                         */

Test(iov, iov_total_sums_64_bit_iovecs)
{
	static char b[200];
	struct iovec iov[3] = { { b, 1 }, { b, 10 }, { b, 100 } };
	struct event *ev = new_event(ABI_X86_64, NULL);
	uint64_t bytes = 99;

	cr_expect_eq(iov_total(ev, addr_of(iov), 3, &bytes), 0);
	cr_expect_eq(bytes, 111);
	cr_expect_eq(iov_total(ev, addr_of(iov), 1, &bytes), 0);
	cr_expect_eq(bytes, 1);
	cr_expect_eq(iov_total(ev, addr_of(iov), 0, &bytes), 0);
	cr_expect_eq(bytes, 0);
	free(ev);
}

Test(iov, iov_total_sums_32_bit_iovecs)
{
	uint32_t iov32[6] = { 0x1000, 5, 0x2000, 7, 0x3000, 0x80000000u };
	struct event *ev = new_event(ABI_I386, NULL);
	uint64_t bytes = 0;

	cr_expect_eq(iov_total(ev, addr_of(iov32), 3, &bytes), 0);
	cr_expect_eq(bytes, 12ULL + 0x80000000ULL);
	ev->abi = ABI_X32;
	cr_expect_eq(iov_total(ev, addr_of(iov32), 2, &bytes), 0);
	cr_expect_eq(bytes, 12);
	free(ev);
}

Test(iov, iov_total_crosses_its_read_batches)
{
	enum { N = 200 };
	static struct iovec iov[N];
	struct event *ev = new_event(ABI_X86_64, NULL);
	uint64_t bytes = 0, want = 0;
	unsigned i;

	for (i = 0; i < N; i++) {
		iov[i].iov_base = NULL;
		iov[i].iov_len = i + 1;
		want += i + 1;
	}
	cr_expect_eq(iov_total(ev, addr_of(iov), N, &bytes), 0);
	cr_expect_eq(bytes, want);
	free(ev);
}

Test(iov, iov_total_of_unmapped_array_is_efault)
{
	struct event *ev = new_event(ABI_X86_64, NULL);
	uint64_t bytes = 5;

	cr_expect_eq(iov_total(ev, hole(), 2, &bytes), -EFAULT);
	cr_expect_eq(bytes, 0);
	cr_expect_eq(iov_total(ev, 0, 1, &bytes), -EFAULT);
	free(ev);
}

Test(iov, writev_event_carries_count_and_bytes)
{
	static char b[64];
	struct iovec iov[2] = { { b, 3 }, { b, 4 } };
	struct event *ev = new_event(ABI_X86_64, "writev");

	ev->args[0] = 1;
	ev->args[1] = addr_of(iov);
	ev->args[2] = 2;
	decode_entry(ev);
	cr_assert_eq(ev->v[1].type, ARG_IOV);
	cr_expect_eq(ev->v[1].status, VAL_OK);
	cr_expect_eq(ev->v[1].u.iov.count, 2);
	cr_expect_eq(ev->v[1].u.iov.bytes, 7);
	free(ev);
}

/* ------------------------------------------------------------------ */
/* openat2, clone3 and i386 socketcall                                 */

/* A page below 4 GiB, where 32-bit tracee pointers can point. */
static char *low_page(void)
{
	char *low = mmap(NULL, PAGE_SIZE_, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);

	cr_assert_neq(low, MAP_FAILED);
	cr_assert_lt(addr_of(low), 1ULL << 32);
	return low;
}

Test(structs, openat2_open_how_is_decoded)
{
	struct open_how how = { .flags = O_RDONLY | O_CLOEXEC, .mode = 0,
				.resolve = RESOLVE_BENEATH };
	struct event *ev = new_event(ABI_X86_64, "openat2");

	ev->args[0] = (uint32_t)AT_FDCWD;
	ev->args[1] = addr_of("/etc/hosts");
	ev->args[2] = addr_of(&how);
	ev->args[3] = sizeof(how);
	decode_entry(ev);
	cr_expect_str_eq(ev->v[1].u.str.s, "/etc/hosts");
	cr_assert_eq(ev->v[2].type, ARG_OPEN_HOW);
	cr_expect_eq(ev->v[2].status, VAL_OK);
	cr_assert_not_null(ev->v[2].u.how);
	cr_expect_eq(ev->v[2].u.how->flags, O_RDONLY | O_CLOEXEC);
	cr_expect_eq(ev->v[2].u.how->resolve, RESOLVE_BENEATH);
	free(ev);

	/* A size smaller than the structure cannot be decoded. */
	ev = new_event(ABI_X86_64, "openat2");
	ev->args[1] = addr_of("x");
	ev->args[2] = addr_of(&how);
	ev->args[3] = 8;
	decode_entry(ev);
	cr_expect_eq(ev->v[2].status, VAL_EFAULT);
	free(ev);
}

/* Every decoder reads a pointer through arg_ptr: 32 bits for i386. */
Test(structs, i386_openat2_how_pointer_uses_only_the_low_32_bits)
{
	char *low = low_page();
	struct open_how *how = (struct open_how *)(void *)(low + 64);
	struct event *ev = new_event(ABI_I386, "openat2");

	strcpy(low, "/etc/hosts");
	memset(how, 0, sizeof(*how));
	how->flags = O_WRONLY;
	how->mode = 0600;
	ev->args[0] = 0xffffff9c;
	ev->args[1] = addr_of(low) | 0xffffffff00000000ULL;
	ev->args[2] = addr_of(how) | 0xffffffff00000000ULL;
	ev->args[3] = sizeof(*how);
	decode_entry(ev);
	cr_expect_str_eq(ev->v[1].u.str.s, "/etc/hosts");
	cr_expect_eq(ev->v[2].status, VAL_OK,
		     "i386 open_how pointer %#llx read without masking to 32 bits",
		     (unsigned long long)ev->args[2]);
	if (ev->v[2].status == VAL_OK && ev->v[2].u.how) {
		cr_expect_eq(ev->v[2].u.how->flags, O_WRONLY);
		cr_expect_eq(ev->v[2].u.how->mode, 0600);
	}
	free(ev);
}

Test(structs, clone3_clone_args_are_decoded)
{
	struct clone_args ca;
	struct event *ev = new_event(ABI_X86_64, "clone3");

	memset(&ca, 0, sizeof(ca));
	ca.flags = CLONE_VM | CLONE_VFORK;
	ca.exit_signal = SIGCHLD;
	ev->args[0] = addr_of(&ca);
	ev->args[1] = sizeof(ca);
	decode_entry(ev);
	cr_assert_eq(ev->v[0].type, ARG_CLONE_ARGS);
	cr_expect_eq(ev->v[0].status, VAL_OK);
	cr_assert_not_null(ev->v[0].u.clone);
	cr_expect_eq(ev->v[0].u.clone->flags, CLONE_VM | CLONE_VFORK);
	cr_expect_eq(ev->v[0].u.clone->exit_signal, SIGCHLD);
	free(ev);
}

Test(structs, i386_socketcall_connect_becomes_connect)
{
	char *low = low_page();
	struct sockaddr_in *in = (struct sockaddr_in *)(void *)(low + 128);
	uint32_t *sub = (uint32_t *)(void *)low;
	struct event *ev = new_event(ABI_I386, "socketcall");

	in->sin_family = AF_INET;
	in->sin_port = htons(53);
	inet_pton(AF_INET, "10.1.2.3", &in->sin_addr);
	sub[0] = 7;
	sub[1] = (uint32_t)addr_of(in);
	sub[2] = sizeof(*in);
	ev->args[0] = SYS_CONNECT;
	ev->args[1] = addr_of(sub);
	decode_entry(ev);
	cr_expect(ev->via_socketcall);
	cr_assert_not_null(ev->desc);
	cr_expect_str_eq(ev->desc->name, "connect");
	cr_expect_str_eq(ev->name, "connect");
	cr_expect_eq(ev->args[0], 7);
	cr_assert_eq(ev->v[1].type, ARG_SOCKADDR);
	cr_assert_not_null(ev->v[1].u.sa);
	cr_expect_str_eq(ev->v[1].u.sa->addr, "10.1.2.3");
	cr_expect_eq(ev->v[1].u.sa->port, 53);
	free(ev);
}

Test(structs, i386_socketcall_send_has_a_legacy_description)
{
	char *low = low_page();
	uint32_t *sub = (uint32_t *)(void *)low;
	struct event *ev = new_event(ABI_I386, "socketcall");

	sub[0] = 4;
	sub[1] = (uint32_t)addr_of(low + 64);
	sub[2] = 10;
	sub[3] = 0;
	ev->args[0] = SYS_SEND;
	ev->args[1] = addr_of(sub);
	decode_entry(ev);
	cr_expect(ev->via_socketcall);
	cr_expect_str_eq(ev->name, "send");
	cr_expect(ev->desc->classes & SC_WRITE);
	free(ev);
}

Test(structs, i386_socketcall_unknown_stays_socketcall)
{
	struct event *ev = new_event(ABI_I386, "socketcall");

	ev->args[0] = 99;
	ev->args[1] = 0x1000;
	decode_entry(ev);
	cr_expect_not(ev->via_socketcall);
	cr_expect_str_eq(ev->name, "socketcall");
	free(ev);
}

Test(structs, i386_socketcall_unreadable_is_still_its_sub_call)
{
	/* The sub-call number is a register: the call is known even when
	 * its argument block is not readable. */
	struct event *ev = new_event(ABI_I386, "socketcall");

	ev->args[0] = SYS_CONNECT;
	ev->args[1] = 0;
	decode_entry(ev);
	cr_expect(ev->via_socketcall);
	cr_expect_str_eq(ev->name, "connect");
	cr_expect_eq(ev->v[0].status, VAL_EFAULT);
	cr_expect_eq(ev->v[1].status, VAL_EFAULT);
	cr_expect_eq(ev->v[2].status, VAL_EFAULT);
	free(ev);
}

Test(decode, event_without_description_is_left_alone)
{
	struct event *ev = new_event(ABI_X86_64, NULL);

	ev->args[0] = 12345;
	decode_entry(ev);
	cr_expect_eq(ev->v[0].type, ARG_NONE);
	cr_expect_eq(ev->used, 0);
	free(ev);
}
