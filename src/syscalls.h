/* syscalls.h - look up system calls and classes by ABI, number and name */
#ifndef GOBOX_SYSCALLS_H
#define GOBOX_SYSCALLS_H

#include <stdbool.h>
#include <stdint.h>

#include "syscall_table.h"

#define X32_SYSCALL_BIT 0x40000000u

/* "x86_64", "i386" or "x32". */
const char *abi_name(enum abi abi);

/* The description of number nr in abi (x32 bit cleared), or NULL. */
const struct syscall_desc *syscall_lookup(enum abi abi, unsigned nr);

/* The name of a call: its table name, or "syscall_N" (one string per
 * number, kept for the life of the program) when the table has none. */
const char *syscall_unknown_name(enum abi abi, unsigned nr);

/* The highest number an ABI's table knows, plus one. */
unsigned syscall_count(enum abi abi);

/* The number of name in abi, or -1 when that ABI has no such call. */
int syscall_number(enum abi abi, const char *name);

/* True when some ABI has a system call of that name. */
bool syscall_name_known(const char *name);

/*
 * The class bit of a class name ("file", "net", "network", "proc",
 * "process", "write", ...), or 0 when there is no such class.
 */
uint32_t syscall_class_bit(const char *name);

/* The name of one class bit, or NULL. */
const char *syscall_class_name(uint32_t bit);

#endif
