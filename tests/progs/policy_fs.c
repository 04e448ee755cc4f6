/* policy_fs - opens of every kind, each by raw system call, one per argument
 *
 * usage: policy_fs STEP...
 * Each STEP is done in order and prints one line "STEP RESULT", RESULT
 * being "ok" (the file was opened, or created) or the errno's name:
 *   open:PATH        open(PATH, O_RDONLY)
 *   openw:PATH       open(PATH, O_WRONLY)
 *   openat:PATH      openat(AT_FDCWD, PATH, O_RDONLY)
 *   openat2:PATH     openat2(AT_FDCWD, PATH, {O_RDONLY})
 *   creat:PATH       creat(PATH, 0644)
 *   dirat:DIR:NAME   openat(dirfd of DIR, NAME, O_RDONLY)
 *   chdir:DIR        chdir(DIR) (then relative paths are from there)
 *   inroot:DIR:NAME  openat2(dirfd of DIR, NAME, RESOLVE_IN_ROOT)
 *   beneath:DIR:NAME openat2(dirfd of DIR, NAME, RESOLVE_BENEATH)
 *   nosym:DIR:NAME   openat2(dirfd of DIR, NAME, RESOLVE_NO_SYMLINKS)
 * A STEP that opened something also reads one byte, to show it could;
 * the openat2 steps print it ("ok:c"), to show which file it was.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The openat2 resolve flags of a scoped step, or 0 for another step. */
static unsigned long long scope_of(const char *step)
{
	if (strncmp(step, "inroot:", 7) == 0)
		return RESOLVE_IN_ROOT;
	if (strncmp(step, "beneath:", 8) == 0)
		return RESOLVE_BENEATH;
	if (strncmp(step, "nosym:", 6) == 0)
		return RESOLVE_NO_SYMLINKS;
	return 0;
}

/* openat2(DIR, NAME, resolve) for the step "KIND:DIR:NAME"; prints the
 * first byte of what it opened. */
static int scoped_open(char *step, char *arg, unsigned long long resolve)
{
	struct open_how how = { .flags = O_RDONLY, .resolve = resolve };
	char *name = strrchr(arg, ':'), c;
	long dfd, rc;

	if (!name)
		return -1;
	*name++ = '\0';
	dfd = syscall(SYS_open, arg, O_RDONLY | O_DIRECTORY, 0);
	if (dfd < 0)
		return -1;
	rc = syscall(SYS_openat2, (int)dfd, name, &how, sizeof(how));
	if (rc < 0)
		printf("%s:%s %s\n", step, name, strerrorname_np(errno));
	else
		printf("%s:%s ok:%c\n", step, name,
		       read((int)rc, &c, 1) == 1 ? c : '-');
	if (rc >= 0)
		close((int)rc);
	close((int)dfd);
	return 0;
}

static const char *result(long rc)
{
	static char buf[64];
	char c;

	if (rc < 0)
		return strerrorname_np(errno) ? strerrorname_np(errno) : "E?";
	/* Something was opened: say so, and close it. */
	snprintf(buf, sizeof(buf), "ok%s",
		 read((int)rc, &c, 1) == 1 ? "" : "-unread");
	close((int)rc);
	return buf;
}

int main(int argc, char **argv)
{
	int i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 1; i < argc; i++) {
		char *step = argv[i], *colon = strchr(step, ':'), *arg, *name;
		struct open_how how;
		long rc, dfd;

		if (!colon) {
			fprintf(stderr, "bad step '%s'\n", step);
			return 2;
		}
		arg = colon + 1;
		errno = 0;
		if (scope_of(step)) {
			if (scoped_open(step, arg, scope_of(step)) < 0)
				return 2;
			continue;
		} else if (strncmp(step, "open:", 5) == 0) {
			rc = syscall(SYS_open, arg, O_RDONLY, 0);
		} else if (strncmp(step, "openw:", 6) == 0) {
			rc = syscall(SYS_open, arg, O_WRONLY, 0);
			if (rc >= 0) {
				close((int)rc);
				printf("%s ok\n", step);
				continue;
			}
		} else if (strncmp(step, "openat:", 7) == 0) {
			rc = syscall(SYS_openat, AT_FDCWD, arg, O_RDONLY, 0);
		} else if (strncmp(step, "openat2:", 8) == 0) {
			memset(&how, 0, sizeof(how));
			how.flags = O_RDONLY;
			rc = syscall(SYS_openat2, AT_FDCWD, arg, &how, sizeof(how));
		} else if (strncmp(step, "creat:", 6) == 0) {
			rc = syscall(SYS_creat, arg, 0644);
			if (rc >= 0) {
				close((int)rc);
				printf("%s ok\n", step);
				continue;
			}
		} else if (strncmp(step, "dirat:", 6) == 0) {
			name = strrchr(arg, ':');
			if (!name)
				return 2;
			*name++ = '\0';
			dfd = syscall(SYS_open, arg, O_RDONLY | O_DIRECTORY, 0);
			if (dfd < 0) {
				printf("%s:%s dirfd-%s\n", step, name,
				       strerrorname_np(errno));
				continue;
			}
			rc = syscall(SYS_openat, (int)dfd, name, O_RDONLY, 0);
			printf("%s:%s %s\n", step, name, result(rc));
			close((int)dfd);
			continue;
		} else if (strncmp(step, "chdir:", 6) == 0) {
			rc = chdir(arg);
			printf("%s %s\n", step, rc == 0 ? "ok" :
			       strerrorname_np(errno));
			continue;
		} else {
			fprintf(stderr, "bad step '%s'\n", step);
			return 2;
		}
		printf("%s %s\n", step, result(rc));
	}
	return 0;
}
