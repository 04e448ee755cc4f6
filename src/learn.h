/* learn.h - write the policy that allows what a run did (--learn) */
#ifndef GOBOX_LEARN_H
#define GOBOX_LEARN_H

#include <stdio.h>

#include "event.h"
#include "ops.h"

struct learn;

/* $TMP, $HOME and $CWD are written back into the paths under them. */
struct learn *learn_new(const char *tmp, const char *home, const char *cwd);
void learn_free(struct learn *l);

/* Record the operations of an allowed call (paths resolved). */
void learn_ops(struct learn *l, const struct event *ev, const struct ops *ops);

/* A process now runs exe: the program the kernel ran for an exec, the
 * interpreter of a script ("#!/usr/bin/env sh") included, which a policy
 * must allow too. */
void learn_image(struct learn *l, const char *exe);

/* Record the peer of an accepted connection. */
void learn_peer(struct learn *l, const struct op *peer);

/* Write the policy; argv is the command, for the header comment.
 * Returns 0 or -EIO. */
int learn_write(const struct learn *l, FILE *f, char *const argv[]);

#endif
