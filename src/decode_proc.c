/* decode_proc.c - clone flags, clone3 arguments and exec argument lists */
#include "decode.h"

#include <errno.h>
#include <linux/sched.h>
#include <string.h>

#include "ucopy.h"

/* struct clone_args is 88 bytes today; the kernel takes bigger ones whose
 * extra bytes are zero. We copy at most this much. */
#define CLONE_ARGS_MAX 256

void decode_clone_flags(struct event *ev, unsigned i)
{
	struct arg_value *v = &ev->v[i];

	v->u.clone = event_alloc(ev, sizeof(*v->u.clone));
	if (!v->u.clone) {
		v->status = VAL_UNREAD;
		return;
	}
	memset(v->u.clone, 0, sizeof(*v->u.clone));
	/* clone's flags are an unsigned long: 32 bits for i386. */
	v->u.clone->flags = arg_ptr(ev, v->raw) & ~0xffULL;
	v->u.clone->exit_signal = v->raw & 0xff;
}

void decode_clone_args(struct event *ev, unsigned i)
{
	struct arg_value *v = &ev->v[i];
	uint64_t size = i + 1 < SYSCALL_MAX_ARGS ? ev->args[i + 1] : 0;
	unsigned char raw[CLONE_ARGS_MAX];
	struct clone_args ca;

	if (!arg_ptr(ev, v->raw)) {
		v->status = VAL_NULL;
		return;
	}
	if (size > CLONE_ARGS_MAX)
		size = CLONE_ARGS_MAX;
	/* Version 0 of struct clone_args is 64 bytes; flags come first. The
	 * bytes are read once: what is judged is what a copy would hold. */
	if (size < CLONE_ARGS_SIZE_VER0 ||
	    ucopy(ev->tid, arg_ptr(ev, v->raw), raw, (size_t)size) < 0) {
		v->status = VAL_EFAULT;
		return;
	}
	memset(&ca, 0, sizeof(ca));
	memcpy(&ca, raw, CLONE_ARGS_SIZE_VER0);
	v->u.clone = event_alloc(ev, sizeof(*v->u.clone));
	if (!v->u.clone) {
		v->status = VAL_UNREAD;
		return;
	}
	memset(v->u.clone, 0, sizeof(*v->u.clone));
	v->u.clone->flags = ca.flags;
	v->u.clone->exit_signal = ca.exit_signal;
	v->u.clone->raw = (const unsigned char *)event_strdup(
		ev, (const char *)raw, (size_t)size);
	v->u.clone->raw_len = v->u.clone->raw ? (size_t)size : 0;
}

/* Read up to max pointers of an array at addr, stopping at NULL: as many
 * at a time as lie before the end of addr's page (one read for a short
 * argv), never past it (the next page may not be mapped). */
static int read_pointers(const struct event *ev, uint64_t addr,
			 uint64_t *out, unsigned max, unsigned *n, bool *more)
{
	unsigned psize = abi_ptr_size(ev->abi), k, want;
	unsigned char chunk[512];

	*n = 0;
	*more = false;
	/* One pointer past max tells whether the array goes on. */
	while (*n <= max) {
		uint64_t at = addr + (uint64_t)*n * psize;
		uint64_t to_page_end = 4096 - at % 4096;

		want = (max + 1 - *n) * psize;
		if (want > sizeof(chunk))
			want = sizeof(chunk);
		if (want > to_page_end)
			want = (unsigned)to_page_end;
		if (want < psize)	/* a pointer across the page's end */
			want = psize;
		if (ucopy(ev->tid, at, chunk, want) < 0)
			return *n == max ? 0 : -EFAULT;
		for (k = 0; k + psize <= want; k += psize) {
			uint64_t p = 0;

			memcpy(&p, chunk + k, psize);
			if (!p)
				return 0;
			if (*n == max) {
				*more = true;
				return 0;
			}
			out[(*n)++] = p;
		}
	}
	return 0;
}

/* Entries an environment array holds, read 64 pointers at a time; up to
 * DECODE_ENVP_MAX. */
void decode_envp(struct event *ev, unsigned i)
{
	struct arg_value *v = &ev->v[i];
	unsigned psize = abi_ptr_size(ev->abi), n = 0, k;
	uint64_t addr = arg_ptr(ev, v->raw);
	unsigned char chunk[512];

	if (!addr) {
		v->status = VAL_NULL;
		return;
	}
	while (n < DECODE_ENVP_MAX) {
		/* A whole chunk, or, near the end of a mapping, one pointer. */
		size_t got = sizeof(chunk);

		if (ucopy(ev->tid, addr + (uint64_t)n * psize, chunk, got) < 0) {
			got = psize;
			if (ucopy(ev->tid, addr + (uint64_t)n * psize, chunk,
				  got) < 0) {
				v->status = VAL_EFAULT;
				return;
			}
		}
		for (k = 0; k + psize <= got; k += psize, n++) {
			uint64_t p = 0;

			memcpy(&p, chunk + k, psize);
			if (!p) {
				v->u.envp_n = n;
				v->status = VAL_OK;
				return;
			}
		}
	}
	v->u.envp_n = n;
	v->status = VAL_TRUNCATED;
}

void decode_argv(struct event *ev, unsigned i)
{
	struct arg_value *v = &ev->v[i];
	uint64_t ptrs[DECODE_ARGV_MAX];
	size_t budget = DECODE_ARGV_BYTES;
	const char **strs;
	size_t *lens;
	unsigned n, k;
	bool more;

	if (!v->raw) {
		v->status = VAL_NULL;
		return;
	}
	if (read_pointers(ev, arg_ptr(ev, v->raw), ptrs, DECODE_ARGV_MAX, &n,
			  &more) < 0) {
		v->status = VAL_EFAULT;
		return;
	}
	strs = event_alloc(ev, n * sizeof(*strs) + 1);
	lens = event_alloc(ev, n * sizeof(*lens) + 1);
	if (!strs || !lens) {
		v->status = VAL_UNREAD;
		return;
	}
	v->status = more ? VAL_TRUNCATED : VAL_OK;
	for (k = 0; k < n && budget > 1; k++) {
		char tmp[DECODE_ARGV_BYTES];
		long len = ucopy_str(ev->tid, ptrs[k], tmp, budget);

		if (len == -ENAMETOOLONG) {
			len = (long)strlen(tmp);
			v->status = VAL_TRUNCATED;
		} else if (len < 0) {
			v->status = VAL_EFAULT;
			break;
		}
		strs[k] = event_strdup(ev, tmp, (size_t)len);
		lens[k] = (size_t)len;
		if (!strs[k])
			break;
		budget -= (size_t)len + 1;
	}
	if (k < n && v->status == VAL_OK)
		v->status = VAL_TRUNCATED;
	v->u.argv.v = strs;
	v->u.argv.len = lens;
	v->u.argv.n = k;
}
