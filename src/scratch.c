/* scratch.c - read-only memory in the tracee where checked arguments live */
#include "scratch.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "inject.h"
#include "util.h"

#define NR64_MMAP 9
#define NR32_MMAP2 192
#define NR_MSEAL 462		/* the same on x86_64 and i386 */

struct mm *mm_new(pid_t pid)
{
	struct mm *m = xcalloc(1, sizeof(*m));

	m->refs = 1;
	m->pid = pid;
	m->mem_fd = -1;
	return m;
}

struct mm *mm_ref(struct mm *m)
{
	m->refs++;
	return m;
}

void mm_unref(struct mm *m)
{
	if (!m || --m->refs)
		return;
	if (m->mem_fd >= 0)
		close(m->mem_fd);
	free(m);
}

struct mm *mm_fork(const struct mm *parent, pid_t child)
{
	struct mm *m = mm_new(child);
	int i;

	for (i = 0; i < REGION_COUNT; i++) {
		m->region[i].addr = parent->region[i].addr;
		m->region[i].sealed = parent->region[i].sealed;
		m->region[i].failed = parent->region[i].failed;
	}
	return m;
}

void mm_exec(struct mm *m, pid_t pid)
{
	if (m->mem_fd >= 0)
		close(m->mem_fd);
	m->mem_fd = -1;
	m->pid = pid;
	memset(m->region, 0, sizeof(m->region));
}

int scratch_region_for(enum abi abi)
{
	return abi == ABI_X86_64 ? REGION_WIDE : REGION_LOW;
}

bool scratch_ready(const struct mm *m, enum abi abi)
{
	const struct scratch_region *r = &m->region[scratch_region_for(abi)];

	return r->sealed || r->failed;
}

/* After sealing: is [addr, addr + SCRATCH_SIZE) one anonymous read-only
 * private mapping, as we made it (not one another thread put there)? */
static bool region_is_ours(pid_t tid, uint64_t addr)
{
	char path[64], line[512];
	bool ok = false;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)tid);
	f = fopen(path, "re");
	if (!f)
		return false;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long start, end, off, ino;
		char perms[8], dev[16];

		if (sscanf(line, "%llx-%llx %7s %llx %15s %llu", &start, &end, perms,
			   &off, dev, &ino) != 6 || start != addr)
			continue;
		ok = end == addr + SCRATCH_SIZE && strcmp(perms, "r--p") == 0 &&
		     ino == 0 && strcmp(dev, "00:00") == 0;
		break;
	}
	fclose(f);
	return ok;
}

int scratch_prepare(struct mm *m, pid_t tid, enum abi abi, int *gone)
{
	struct scratch_region *r = &m->region[scratch_region_for(abi)];
	uint64_t args[6] = { 0, SCRATCH_SIZE, PROT_READ,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
			     (uint64_t)-1, 0 };
	int64_t ret;
	long nr = NR64_MMAP;
	int rc;

	if (abi == ABI_I386) {
		nr = NR32_MMAP2;
		args[4] = 0xffffffffu;
	} else if (abi != ABI_X86_64) {
		r->failed = true;	/* x32 calls never run on this kernel */
		return -ENOSYS;
	}
	if (r->addr) {
		uint64_t seal[6] = { r->addr, SCRATCH_SIZE, 0, 0, 0, 0 };

		nr = NR_MSEAL;
		memcpy(args, seal, sizeof(args));
	}
	rc = inject_syscall(tid, abi, nr, args, &ret, gone);
	if (rc < 0) {
		if (rc != -ESRCH)
			r->failed = true;
		return rc;	/* nothing ran: the call goes on as it is */
	}
	/* From here the thread is set to make its call again, whether or
	 * not the injected call did what we wanted. */
	if (!r->addr && !(ret < 0 && ret > -4096) && ret != 0) {
		/* An i386 address is 32 bits, whatever its top bit. */
		r->addr = abi == ABI_I386 ? (uint32_t)ret : (uint64_t)ret;
		memset(r->used, 0, sizeof(r->used));
	} else if (r->addr && ret == 0 && region_is_ours(tid, r->addr)) {
		r->sealed = true;
	} else {
		r->failed = true;
	}
	return 0;
}

int scratch_take(struct mm *m, enum abi abi, uint64_t *addr)
{
	struct scratch_region *r = &m->region[scratch_region_for(abi)];
	int i;

	if (!r->sealed)
		return -ENOMEM;
	for (i = 0; i < SCRATCH_SLOTS; i++)
		if (!(r->used[i / 8] & (1u << (i % 8)))) {
			r->used[i / 8] |= (uint8_t)(1u << (i % 8));
			*addr = r->addr + (uint64_t)i * SCRATCH_SLOT_SIZE;
			return i;
		}
	return -EAGAIN;
}

void scratch_give(struct mm *m, enum abi abi, int slot)
{
	struct scratch_region *r = &m->region[scratch_region_for(abi)];

	if (slot >= 0 && slot < SCRATCH_SLOTS)
		r->used[slot / 8] &= (uint8_t)~(1u << (slot % 8));
}

int scratch_write(struct mm *m, uint64_t addr, const void *buf, size_t len)
{
	char path[64];
	ssize_t n;

	if (m->mem_fd < 0) {
		snprintf(path, sizeof(path), "/proc/%d/mem", (int)m->pid);
		m->mem_fd = open(path, O_RDWR | O_CLOEXEC);
		if (m->mem_fd < 0)
			return -errno;
	}
	/* /proc/PID/mem may write a read-only private page: it copies it. */
	n = pwrite(m->mem_fd, buf, len, (off_t)addr);
	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EIO;
}

bool scratch_overlaps(const struct mm *m, uint64_t addr, uint64_t len)
{
	uint64_t end = addr + (len ? len : 1);
	int i;

	if (end < addr)		/* wraps around: reaches everything above */
		end = UINT64_MAX;
	for (i = 0; i < REGION_COUNT; i++) {
		uint64_t a = m->region[i].addr;

		if (a && addr < a + SCRATCH_SIZE && end > a)
			return true;
	}
	return false;
}
