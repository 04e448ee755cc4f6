/* flags.h - names of flag bits and constants, for decoding and printing */
#ifndef GOBOX_FLAGS_H
#define GOBOX_FLAGS_H

#include <stddef.h>
#include <stdint.h>

struct flag_name {
	uint64_t value;
	const char *name;
};

/*
 * Format value as NAME|NAME|0x.. using a table (multi-bit names first).
 * Returns buf. An empty value prints as "0".
 */
char *flags_format(const struct flag_name *table, uint64_t value, char *buf,
		   size_t size);

/* O_* open flags in strace's style: access mode first. */
char *oflags_format(uint64_t flags, char *buf, size_t size);

/* CLONE_* flags (every bit a flag, as clone3 has them), then the exit
 * signal by name when it is not 0. */
char *clone_flags_format(uint64_t flags, int exit_signal, char *buf,
			 size_t size);

/* SOCK_* type, then SOCK_NONBLOCK and SOCK_CLOEXEC. */
char *socktype_format(uint64_t type, char *buf, size_t size);

/* AT_* flags. */
char *atflags_format(uint64_t flags, char *buf, size_t size);

/* PROT_* ("PROT_NONE" for 0); MAP_* (the sharing type, then the bits);
 * RENAME_*. */
char *prot_format(uint64_t prot, char *buf, size_t size);
char *mmap_flags_format(uint64_t flags, char *buf, size_t size);
char *rename_flags_format(uint64_t flags, char *buf, size_t size);
/* access's mode: "F_OK", or "R_OK|W_OK"... */
char *access_mode_format(uint64_t mode, char *buf, size_t size);
/* faccessat2's flags: "AT_EACCESS|AT_SYMLINK_NOFOLLOW"... */
char *access_flags_format(uint64_t flags, char *buf, size_t size);

/* RESOLVE_* flags of openat2. */
char *resolve_flags_format(uint64_t flags, char *buf, size_t size);

/* "AF_INET", or "AF_123" for an unknown family. */
const char *family_name(int family, char *buf, size_t size);

/* "ENOENT", "ERESTARTSYS", or "E123" for an unknown one. */
const char *errno_name(int err, char *buf, size_t size);

/* For the kernel's restart codes (ERESTARTSYS...), what strace says of
 * them; NULL for any other errno. */
const char *restart_message(int err);

/* errno from a name such as "ENOENT", or -1. */
int errno_from_name(const char *name);

/* "SIGKILL", or "SIG123" for an unknown one. */
/* An ioctl request: "TCGETS", or "_IOC(_IOC_READ, 0x54, 0x13, 0x8)" as
 * strace writes one it has no name for. */
char *ioctl_name(uint64_t cmd, char *buf, size_t size);

/* A clock: "CLOCK_MONOTONIC", or its number. */
char *clock_id_name(int64_t id, char *buf, size_t size);

const char *signal_name(int sig, char *buf, size_t size);

/* The name of the si_code of a fault the kernel raised (SEGV_MAPERR...),
 * or the number in buf. */
const char *fault_code_name(int sig, int code, char *buf, size_t size);

#endif
