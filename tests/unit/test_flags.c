/* test_flags.c - names of open, clone, mmap and rename flags, errno values,
 * signals and address families */
#include <criterion/criterion.h>

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "flags.h"

static char buf[512];

static const char *oflags(uint64_t f)
{
	memset(buf, 'x', sizeof(buf));
	return oflags_format(f, buf, sizeof(buf));
}

/* As clone(2) passes them: the exit signal in the low byte. */
static const char *cflags(uint64_t f)
{
	memset(buf, 'x', sizeof(buf));
	return clone_flags_format(f & ~0xffULL, (int)(f & 0xff), buf, sizeof(buf));
}

Test(oflags_format, access_modes_alone)
{
	cr_expect_str_eq(oflags(O_RDONLY), "O_RDONLY");
	cr_expect_str_eq(oflags(O_WRONLY), "O_WRONLY");
	cr_expect_str_eq(oflags(O_RDWR), "O_RDWR");
	cr_expect_str_eq(oflags(3), "O_ACCMODE");
}

Test(oflags_format, access_mode_first_then_flags)
{
	cr_expect_str_eq(oflags(O_WRONLY | O_CREAT | O_TRUNC),
			 "O_WRONLY|O_CREAT|O_TRUNC");
	cr_expect_str_eq(oflags(O_RDWR | O_CLOEXEC), "O_RDWR|O_CLOEXEC");
	/* strace's order, checked against strace 6.1. */
	cr_expect_str_eq(oflags(O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC),
			 "O_RDONLY|O_NOFOLLOW|O_CLOEXEC|O_DIRECTORY");
	cr_expect_str_eq(oflags(O_RDONLY | O_NONBLOCK | O_DIRECTORY | O_CLOEXEC),
			 "O_RDONLY|O_NONBLOCK|O_CLOEXEC|O_DIRECTORY");
	cr_expect_str_eq(oflags(O_WRONLY | O_DSYNC | O_ASYNC | O_CLOEXEC),
			 "O_WRONLY|O_DSYNC|O_CLOEXEC|FASYNC");
	cr_expect_str_eq(oflags(O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_NONBLOCK),
			 "O_WRONLY|O_CREAT|O_EXCL|O_APPEND|O_NONBLOCK");
	cr_expect_str_eq(oflags(O_RDONLY | O_PATH), "O_RDONLY|O_PATH");
}

Test(oflags_format, multi_bit_values_are_named_whole)
{
	/* O_TMPFILE includes O_DIRECTORY; O_SYNC includes O_DSYNC. */
	cr_expect_str_eq(oflags(O_RDWR | O_TMPFILE), "O_RDWR|O_TMPFILE");
	cr_expect_str_eq(oflags(O_WRONLY | O_TMPFILE | O_EXCL),
			 "O_WRONLY|O_EXCL|O_TMPFILE");
	cr_expect_str_eq(oflags(O_RDWR | O_EXCL | O_CLOEXEC | O_TMPFILE),
			 "O_RDWR|O_EXCL|O_CLOEXEC|O_TMPFILE");
	cr_expect_str_eq(oflags(O_WRONLY | O_SYNC), "O_WRONLY|O_SYNC");
	cr_expect_str_eq(oflags(O_WRONLY | O_DSYNC), "O_WRONLY|O_DSYNC");
}

Test(oflags_format, kernel_o_largefile_is_named)
{
	/* glibc's O_LARGEFILE is 0 on x86_64; i386 tracees pass 0100000. */
	cr_expect_str_eq(oflags(0100000), "O_RDONLY|O_LARGEFILE");
	cr_expect_str_eq(oflags(O_RDWR | 0100000 | O_CLOEXEC),
			 "O_RDWR|O_LARGEFILE|O_CLOEXEC");
}

Test(oflags_format, unknown_bits_are_hex)
{
	cr_expect_str_eq(oflags(0x40000000), "O_RDONLY|0x40000000");
	cr_expect_str_eq(oflags(O_WRONLY | O_CREAT | 0x80000000ULL),
			 "O_WRONLY|O_CREAT|0x80000000");
	cr_expect_str_eq(oflags(0x100000000ULL), "O_RDONLY|0x100000000");
}

Test(oflags_format, small_buffer_is_cut_and_terminated)
{
	char small[10];

	memset(small, 'x', sizeof(small));
	oflags_format(O_WRONLY | O_CREAT | O_TRUNC, small, sizeof(small));
	cr_expect_eq(small[sizeof(small) - 1], '\0');
	cr_expect_eq(strncmp(small, "O_WRONLY|", 9), 0);
}

Test(clone_flags_format, thread_flags_in_table_order)
{
	cr_expect_str_eq(cflags(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
				CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS |
				CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID),
			 "CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|"
			 "CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|"
			 "CLONE_CHILD_CLEARTID");
}

Test(clone_flags_format, exit_signal_in_the_low_byte_is_a_signal_name)
{
	cr_expect_str_eq(cflags(CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID | SIGCHLD),
			 "CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD");
	cr_expect_str_eq(cflags(CLONE_VM | CLONE_VFORK | SIGCHLD),
			 "CLONE_VM|CLONE_VFORK|SIGCHLD");
	cr_expect_str_eq(cflags(SIGCHLD), "SIGCHLD");
	cr_expect_str_eq(cflags(SIGUSR1), "SIGUSR1");
	cr_expect_str_eq(cflags(CLONE_NEWPID | 34), "CLONE_NEWPID|SIGRT_2");
	/* The whole low byte is the signal (CSIGNAL is 0xff). */
	cr_expect_str_eq(cflags(CLONE_VM | 200), "CLONE_VM|SIG200");
}

Test(clone_flags_format, clone3_flags_are_all_flags_and_the_signal_apart)
{
	/* clone3 has no signal byte: 0x80 is CLONE_NEWTIME. */
	cr_expect_str_eq(clone_flags_format(CLONE_NEWTIME | CLONE_NEWPID, SIGCHLD,
					    buf, sizeof(buf)),
			 "CLONE_NEWPID|CLONE_NEWTIME|SIGCHLD");
	cr_expect_str_eq(clone_flags_format(CLONE_NEWTIME, 0, buf, sizeof(buf)),
			 "CLONE_NEWTIME");
}

Test(clone_flags_format, zero_is_0)
{
	cr_expect_str_eq(cflags(0), "0");
}

Test(clone_flags_format, unknown_high_bits_are_hex)
{
	cr_expect_str_eq(cflags(CLONE_VM | 0x1000000000ULL | SIGCHLD),
			 "CLONE_VM|0x1000000000|SIGCHLD");
	cr_expect_str_eq(cflags(0x100000000ULL), "CLONE_CLEAR_SIGHAND");
}

Test(other_flags, at_and_resolve_flags)
{
	cr_expect_str_eq(atflags_format(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH, buf,
					sizeof(buf)),
			 "AT_SYMLINK_NOFOLLOW|AT_EMPTY_PATH");
	cr_expect_str_eq(atflags_format(0, buf, sizeof(buf)), "0");
	cr_expect_str_eq(atflags_format(0x10000000, buf, sizeof(buf)), "0x10000000");
	cr_expect_str_eq(resolve_flags_format(0x08 | 0x04, buf, sizeof(buf)),
			 "RESOLVE_NO_SYMLINKS|RESOLVE_BENEATH");
}

Test(errno_name, known_errno_values)
{
	char b[32];

	cr_expect_str_eq(errno_name(ENOENT, b, sizeof(b)), "ENOENT");
	cr_expect_str_eq(errno_name(EACCES, b, sizeof(b)), "EACCES");
	cr_expect_str_eq(errno_name(EPERM, b, sizeof(b)), "EPERM");
	cr_expect_str_eq(errno_name(ENOSYS, b, sizeof(b)), "ENOSYS");
	cr_expect_str_eq(errno_name(EHWPOISON, b, sizeof(b)), "EHWPOISON");
}

Test(errno_name, kernel_internal_restart_codes)
{
	char b[32];

	cr_expect_str_eq(errno_name(512, b, sizeof(b)), "ERESTARTSYS");
	cr_expect_str_eq(errno_name(513, b, sizeof(b)), "ERESTARTNOINTR");
	cr_expect_str_eq(errno_name(514, b, sizeof(b)), "ERESTARTNOHAND");
	cr_expect_str_eq(errno_name(516, b, sizeof(b)), "ERESTART_RESTARTBLOCK");
}

Test(errno_name, unknown_values_are_e_and_the_number)
{
	char b[32];

	cr_expect_str_eq(errno_name(999, b, sizeof(b)), "E999");
	cr_expect_str_eq(errno_name(520, b, sizeof(b)), "E520");
	cr_expect_str_eq(errno_name(0, b, sizeof(b)), "E0");
	cr_expect_str_eq(errno_name(-3, b, sizeof(b)), "E-3");
}

Test(errno_from_name, names_map_back_to_numbers)
{
	cr_expect_eq(errno_from_name("ENOENT"), ENOENT);
	cr_expect_eq(errno_from_name("EACCES"), EACCES);
	cr_expect_eq(errno_from_name("ERESTARTSYS"), 512);
	cr_expect_eq(errno_from_name("ERESTART_RESTARTBLOCK"), 516);
	cr_expect_eq(errno_from_name("ENOPE"), -1);
	cr_expect_eq(errno_from_name(""), -1);
	cr_expect_eq(errno_from_name("enoent"), -1);
}

Test(errno_from_name, round_trips_with_errno_name)
{
	char b[32];
	int err;

	for (err = 1; err < 134; err++) {
		const char *n = errno_name(err, b, sizeof(b));
		int back;

		if (n[1] >= '0' && n[1] <= '9')
			continue;	/* unused number (41, 58): no name */
		back = errno_from_name(n);

		/* Aliases (EWOULDBLOCK, EDEADLOCK) name the same number. */
		cr_expect_eq(back, err, "%d -> %s -> %d", err, n, back);
	}
}

Test(signal_name, classic_signals)
{
	char b[32];

	cr_expect_str_eq(signal_name(SIGKILL, b, sizeof(b)), "SIGKILL");
	cr_expect_str_eq(signal_name(SIGCHLD, b, sizeof(b)), "SIGCHLD");
	cr_expect_str_eq(signal_name(SIGSEGV, b, sizeof(b)), "SIGSEGV");
	cr_expect_str_eq(signal_name(SIGHUP, b, sizeof(b)), "SIGHUP");
	cr_expect_str_eq(signal_name(SIGSYS, b, sizeof(b)), "SIGSYS");
}

Test(signal_name, realtime_signals_in_kernel_numbering)
{
	char b[32];

	cr_expect_str_eq(signal_name(32, b, sizeof(b)), "SIGRTMIN");
	cr_expect_str_eq(signal_name(33, b, sizeof(b)), "SIGRT_1");
	cr_expect_str_eq(signal_name(34, b, sizeof(b)), "SIGRT_2");
	cr_expect_str_eq(signal_name(64, b, sizeof(b)), "SIGRT_32");
}

Test(signal_name, out_of_range_is_sig_and_the_number)
{
	char b[32];

	cr_expect_str_eq(signal_name(0, b, sizeof(b)), "SIG0");
	cr_expect_str_eq(signal_name(65, b, sizeof(b)), "SIG65");
	cr_expect_str_eq(signal_name(-1, b, sizeof(b)), "SIG-1");
}

Test(family_name, known_and_unknown_families)
{
	char b[32];

	cr_expect_str_eq(family_name(AF_INET, b, sizeof(b)), "AF_INET");
	cr_expect_str_eq(family_name(AF_INET6, b, sizeof(b)), "AF_INET6");
	cr_expect_str_eq(family_name(AF_UNIX, b, sizeof(b)), "AF_UNIX");
	cr_expect_str_eq(family_name(AF_NETLINK, b, sizeof(b)), "AF_NETLINK");
	cr_expect_str_eq(family_name(AF_UNSPEC, b, sizeof(b)), "AF_UNSPEC");
	cr_expect_str_eq(family_name(AF_PACKET, b, sizeof(b)), "AF_PACKET");
	cr_expect_str_eq(family_name(999, b, sizeof(b)), "AF_999");
	cr_expect_str_eq(family_name(-1, b, sizeof(b)), "AF_-1");
}

Test(prot_format, none_bits_and_unknown)
{
	char b[64];

	cr_expect_str_eq(prot_format(0, b, sizeof(b)), "PROT_NONE");
	cr_expect_str_eq(prot_format(PROT_READ | PROT_EXEC, b, sizeof(b)),
			 "PROT_READ|PROT_EXEC");
	cr_expect_str_eq(prot_format(PROT_READ | 0x100, b, sizeof(b)),
			 "PROT_READ|0x100");
}

Test(mmap_flags_format, sharing_type_first_then_bits)
{
	char b[128];

	cr_expect_str_eq(mmap_flags_format(MAP_PRIVATE, b, sizeof(b)),
			 "MAP_PRIVATE");
	cr_expect_str_eq(mmap_flags_format(MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
					   b, sizeof(b)),
			 "MAP_PRIVATE|MAP_FIXED|MAP_ANONYMOUS");
	cr_expect_str_eq(mmap_flags_format(MAP_SHARED_VALIDATE, b, sizeof(b)),
			 "MAP_SHARED_VALIDATE");
	cr_expect_str_eq(mmap_flags_format(0, b, sizeof(b)), "0");
	cr_expect_str_eq(mmap_flags_format(MAP_SHARED | 0x80000000u, b, sizeof(b)),
			 "MAP_SHARED|0x80000000");
}

Test(rename_flags_format, names)
{
	char b[64];

	cr_expect_str_eq(rename_flags_format(0, b, sizeof(b)), "0");
	cr_expect_str_eq(rename_flags_format(RENAME_EXCHANGE, b, sizeof(b)),
			 "RENAME_EXCHANGE");
	cr_expect_str_eq(rename_flags_format(RENAME_NOREPLACE | 8, b, sizeof(b)),
			 "RENAME_NOREPLACE|0x8");
}

Test(access_mode_format, f_ok_and_bits)
{
	char b[64];

	cr_expect_str_eq(access_mode_format(F_OK, b, sizeof(b)), "F_OK");
	cr_expect_str_eq(access_mode_format(R_OK | X_OK, b, sizeof(b)), "R_OK|X_OK");
	cr_expect_str_eq(access_mode_format(W_OK | 0x40, b, sizeof(b)), "W_OK|0x40");
}

Test(access_flags_format, eaccess_is_not_removedir)
{
	char b[64];

	/* 0x200 is AT_EACCESS here, AT_REMOVEDIR for unlinkat. */
	cr_expect_str_eq(access_flags_format(AT_EACCESS, b, sizeof(b)), "AT_EACCESS");
	cr_expect_str_eq(access_flags_format(AT_EACCESS | AT_SYMLINK_NOFOLLOW, b,
					     sizeof(b)),
			 "AT_SYMLINK_NOFOLLOW|AT_EACCESS");
}

Test(ioctl_name, names_and_ioc_form)
{
	char b[96];

	cr_expect_str_eq(ioctl_name(TCGETS, b, sizeof(b)), "TCGETS");
	cr_expect_str_eq(ioctl_name(TIOCGWINSZ, b, sizeof(b)), "TIOCGWINSZ");
	cr_expect_str_eq(ioctl_name(FIONREAD, b, sizeof(b)), "FIONREAD");
	/* As strace writes one it has no name for. */
	cr_expect_str_eq(ioctl_name(0x1234, b, sizeof(b)),
			 "_IOC(_IOC_NONE, 0x12, 0x34, 0)");
	cr_expect_str_eq(ioctl_name(_IOR('x', 7, int), b, sizeof(b)),
			 "_IOC(_IOC_READ, 0x78, 0x7, 0x4)");
}
