/* files.h - every file the run touched, by what was done to it
 *
 * Fed with every finished call (not only the events the report keeps):
 * each successful call that names a file puts its absolute path in one
 * class, the strongest of what it did (created, then deleted, modified,
 * read); renames are also kept as from -> to pairs. Tables are bounded.
 */
#ifndef GOBOX_FILES_H
#define GOBOX_FILES_H

#include <json-c/json.h>
#include <stdint.h>

#include "event.h"
#include "keytab.h"
#include "traceset.h"

enum file_class { FC_READ, FC_CREATED, FC_MODIFIED, FC_DELETED, FC_COUNT };

#define FILES_MAX_PATHS 10000
#define FILES_MAX_RENAMES 4096

struct files_log {
	struct keytab paths;		/* path -> struct file_rec */
	struct keytab renames;		/* "from\0to" -> struct rename_rec */
};

/* What one path went through. */
struct file_rec {
	uint64_t first_ns[FC_COUNT];	/* entry of the first call, or 0 */
	uint64_t calls[FC_COUNT];
};

struct rename_rec {
	uint64_t first_ns;
	uint64_t calls;
};

void files_init(struct files_log *fl, unsigned max_paths,
		unsigned max_renames);

/* Take in a call that finished (others are ignored). */
void files_note(struct files_log *fl, const struct event *ev);

/* Add the calls the section needs to see whatever the user traces: the
 * ones that create, change or delete files (they are rare). Opens are
 * not added: they are many; files_json says what their absence hides. */
void files_traceset(struct traceset *ts);

/*
 * The "files" section. base_ns is the start of the run; traced is the
 * user's set, to tell which classes are incomplete.
 */
struct json_object *files_json(const struct files_log *fl, uint64_t base_ns,
			       const struct traceset *traced);

void files_free(struct files_log *fl);

#endif
