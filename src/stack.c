/* stack.c - the call stack of a stopped thread of the program (-k)
 *
 * libunwind-ptrace walks the stack through the tracee's memory and its
 * modules' unwind tables. Each process has an address space of its own,
 * whose cache keeps what was read of those tables (two processes may map
 * different code at one address); an exec or the end of the process drops
 * it. Each frame names its module and offset from /proc/TID/maps, which
 * stays true when the function has no symbol.
 */
#include "stack.h"

#include <errno.h>
#include <libunwind-ptrace.h>
#include <stdio.h>
#include <string.h>

#include "pidmap.h"

/* The module mapped at ip and ip's offset in it, from /proc/TID/maps. */
static int module_of(pid_t tid, unsigned long long ip, char *name, size_t size,
		     unsigned long long *off)
{
	char path[64], line[4096 + 128];
	int found = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)tid);
	f = fopen(path, "re");
	if (!f)
		return 0;
	while (!found && fgets(line, sizeof(line), f)) {
		unsigned long long start, end, pgoff;
		int n = 0;

		if (sscanf(line, "%llx-%llx %*s %llx %*s %*s %n", &start, &end,
			   &pgoff, &n) < 3 || ip < start || ip >= end || !n)
			continue;
		line[strcspn(line, "\n")] = '\0';
		snprintf(name, size, "%s", line[n] ? line + n : "?");
		*off = ip - start + pgoff;
		found = 1;
	}
	fclose(f);
	return found;
}

static size_t put_frame(pid_t tid, unw_cursor_t *c, char *out, size_t size)
{
	char func[256], module[512];
	unw_word_t ip = 0, off = 0;
	unsigned long long moff = 0;
	int n;

	unw_get_reg(c, UNW_REG_IP, &ip);
	if (unw_get_proc_name(c, func, sizeof(func), &off) < 0)
		snprintf(func, sizeof(func), "?");
	if (!module_of(tid, ip, module, sizeof(module), &moff))
		snprintf(module, sizeof(module), "?");
	n = snprintf(out, size, "%s+%#llx (%s+%#llx)\n", func,
		     (unsigned long long)off, module, moff);
	return n > 0 && (size_t)n < size ? (size_t)n : 0;
}

/* The address space of each process traced with -k: libunwind caches
 * what it read of the modules' unwind tables there, for the next stack. */
static struct pidmap spaces;

static unw_addr_space_t space_of(pid_t pid)
{
	unw_addr_space_t as = pidmap_get(&spaces, pid);

	if (as)
		return as;
	as = unw_create_addr_space(&_UPT_accessors, 0);
	if (!as)
		return NULL;
	unw_set_caching_policy(as, UNW_CACHE_GLOBAL);
	pidmap_put(&spaces, pid, as);
	return as;
}

void stack_forget(pid_t pid)
{
	unw_addr_space_t as = pidmap_del(&spaces, pid);

	if (as)
		unw_destroy_addr_space(as);
}

int stack_capture(pid_t pid, pid_t tid, char *out, size_t size)
{
	unw_addr_space_t as = space_of(pid);
	void *upt = as ? _UPT_create(tid) : NULL;
	unw_cursor_t c;
	size_t used = 0, n;
	int frames = 0;

	if (size)
		out[0] = '\0';
	if (!upt || unw_init_remote(&c, as, upt) < 0) {
		if (upt)
			_UPT_destroy(upt);
		return -EINVAL;
	}
	do {
		n = put_frame(tid, &c, out + used, size - used);
		if (!n)
			break;
		used += n;
		frames++;
	} while (frames < STACK_MAX_FRAMES && unw_step(&c) > 0);
	if (used)
		out[used - 1] = '\0';	/* no newline after the last */
	_UPT_destroy(upt);
	return frames;
}
