/* pidmap.h - a hash map from process or thread ids to pointers */
#ifndef GOBOX_PIDMAP_H
#define GOBOX_PIDMAP_H

#include <sys/types.h>

struct pidmap_slot {
	pid_t key;		/* 0: empty */
	void *value;
};

struct pidmap {
	struct pidmap_slot *slots;
	unsigned size;		/* a power of two, or 0 */
	unsigned shift;		/* 32 - log2(size) */
	unsigned count;
};

/* The value of key, or NULL. */
void *pidmap_get(const struct pidmap *m, pid_t key);

/* Set key (> 0) to value, replacing any value it had. */
void pidmap_put(struct pidmap *m, pid_t key, void *value);

/* Remove key; returns its value or NULL. */
void *pidmap_del(struct pidmap *m, pid_t key);

/* Call fn on every entry (the map must not change meanwhile). */
void pidmap_each(const struct pidmap *m, void (*fn)(pid_t, void *, void *),
		 void *arg);

void pidmap_free(struct pidmap *m);

#endif
