/* syscalls.c - look up system calls and classes by ABI, number and name */
#include "syscalls.h"

#include <string.h>

#include "util.h"

struct abi_table {
	const char *name;
	const struct syscall_desc *table;
	const unsigned *base;
	const unsigned *size;
};

static const struct abi_table abis[ABI_COUNT] = {
	[ABI_X86_64] = { "x86_64", syscall_table_x86_64,
			 &syscall_table_x86_64_base, &syscall_table_x86_64_size },
	[ABI_I386] = { "i386", syscall_table_i386,
		       &syscall_table_i386_base, &syscall_table_i386_size },
	[ABI_X32] = { "x32", syscall_table_x32,
		      &syscall_table_x32_base, &syscall_table_x32_size },
};

static const struct {
	const char *name;
	uint32_t bit;
} classes[] = {
	{ "file", SC_FILE },     { "desc", SC_DESC },
	{ "net", SC_NET },       { "network", SC_NET },
	{ "proc", SC_PROC },     { "process", SC_PROC },
	{ "write", SC_WRITE },   { "read", SC_READ },
	{ "memory", SC_MEMORY }, { "signal", SC_SIGNAL },
	{ "ipc", SC_IPC },       { "creds", SC_CREDS },
	{ "clock", SC_TIME },    { "time", SC_TIME },
	{ "system", SC_SYSTEM },
	{ "meta", SC_META },     { "create", SC_CREATE },
	{ "delete", SC_DELETE },
};

const char *abi_name(enum abi abi)
{
	return abi < ABI_COUNT ? abis[abi].name : "unknown";
}

static const struct syscall_desc *table_entry(enum abi abi, unsigned nr)
{
	const struct abi_table *t = &abis[abi];
	const struct syscall_desc *d;

	if (nr < *t->base || nr - *t->base >= *t->size)
		return NULL;
	d = &t->table[nr - *t->base];
	return d->name ? d : NULL;
}

const struct syscall_desc *syscall_lookup(enum abi abi, unsigned nr)
{
	const struct syscall_desc *d;

	if (abi >= ABI_COUNT)
		return NULL;
	if (abi != ABI_X32)
		return table_entry(abi, nr);
	/* x32 has its own numbers from 512 and shares the rest with x86_64. */
	d = table_entry(ABI_X32, nr);
	if (d || nr >= *abis[ABI_X32].base)
		return d;
	return table_entry(ABI_X86_64, nr);
}

unsigned syscall_count(enum abi abi)
{
	if (abi == ABI_X32)
		return *abis[ABI_X32].base + *abis[ABI_X32].size;
	return *abis[abi].base + *abis[abi].size;
}

static int table_scan(enum abi abi, const char *name)
{
	const struct abi_table *t = &abis[abi];
	unsigned i;

	for (i = 0; i < *t->size; i++)
		if (t->table[i].name && strcmp(t->table[i].name, name) == 0)
			return (int)(*t->base + i);
	return -1;
}

int syscall_number(enum abi abi, const char *name)
{
	int nr;

	if (abi >= ABI_COUNT)
		return -1;
	nr = table_scan(abi, name);
	/* x32 calls without an x32-specific number use the x86_64 one. */
	if (nr < 0 && abi == ABI_X32)
		nr = table_scan(ABI_X86_64, name);
	return nr;
}

/* Names made up for numbers the tables do not know, interned so that
 * tallies can key on the pointer. A program can try any number (its own
 * filter may send them to us), so the table is bounded. */
#define UNKNOWN_NAMES_MAX 4096

const char *syscall_unknown_name(enum abi abi, unsigned nr)
{
	static struct {
		unsigned key;
		char *name;
	} slots[UNKNOWN_NAMES_MAX * 2];
	static unsigned used;
	unsigned key = (nr & 0x3fffffffu) << 2 | (unsigned)abi, i;

	key++;	/* 0 marks an empty slot */
	for (i = (key * 2654435761u) % ARRAY_SIZE(slots); slots[i].key;
	     i = (i + 1) % ARRAY_SIZE(slots))
		if (slots[i].key == key)
			return slots[i].name;
	if (used == UNKNOWN_NAMES_MAX)
		return "syscall_unknown";
	used++;
	slots[i].key = key;
	slots[i].name = xasprintf("syscall_%u", nr);
	return slots[i].name;
}

bool syscall_name_known(const char *name)
{
	unsigned abi;

	for (abi = 0; abi < ABI_COUNT; abi++)
		if (syscall_number(abi, name) >= 0)
			return true;
	return false;
}

uint32_t syscall_class_bit(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(classes); i++)
		if (strcmp(classes[i].name, name) == 0)
			return classes[i].bit;
	return 0;
}

const char *syscall_class_name(uint32_t bit)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(classes); i++)
		if (classes[i].bit == bit)
			return classes[i].name;
	return NULL;
}
