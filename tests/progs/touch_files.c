/* touch_files - creates, changes, renames and deletes known files
 *
 * usage: touch_files DIR   (DIR empty, given as an absolute path)
 * Every call below succeeds, or the program fails (exit 1); names are
 * made from DIR, so that the calls hold absolute paths:
 *   new.txt      open O_CREAT|O_EXCL (created), written; opened read-only
 *                (read); opened O_CREAT without O_EXCL while it is there
 *                (read: nothing is made); opened O_APPEND (modified);
 *                truncate, chmod (modified)
 *   c.txt        creat (created), renamed to sub/moved.txt
 *   sub          mkdir (created)
 *   sub/moved.txt  rename target (created); opened read-only (read) and
 *                fchmod through that descriptor (modified)
 *   NL           "nl\nname": openat(dirfd, O_CREAT|O_WRONLY) (created)
 *   BAD          "bad\377name", not UTF-8: open O_CREAT|O_TRUNC (created)
 *   link         symlink to new.txt (created)
 *   hard         link of new.txt (created), then unlink (deleted)
 *   gone         mkdir (created), rmdir (deleted)
 *   an O_TMPFILE in DIR (created: the name the kernel shows for it)
 * Prints the name of the O_TMPFILE file as /proc shows it, then "done".
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *dir;

static const char *at(const char *name)
{
	static char buf[4][4096];
	static unsigned n;
	char *b = buf[n++ % 4];

	snprintf(b, sizeof(buf[0]), "%s/%s", dir, name);
	return b;
}

/* Fail loudly: the test compares the report with this exact plan. */
static int must(int rc, const char *what)
{
	if (rc < 0) {
		perror(what);
		_exit(1);
	}
	return rc;
}

static void made_files(void)
{
	int fd, dfd;

	fd = must(open(at("new.txt"), O_CREAT | O_EXCL | O_WRONLY, 0644), "excl");
	must((int)write(fd, "hello", 5), "write");
	close(fd);
	close(must(creat(at("c.txt"), 0644), "creat"));
	must(mkdir(at("sub"), 0755), "mkdir");
	dfd = must(open(dir, O_RDONLY | O_DIRECTORY), "dir");
	close(must(openat(dfd, "nl\nname", O_CREAT | O_WRONLY, 0644), "nl"));
	close(dfd);
	close(must(open(at("bad\377name"), O_CREAT | O_TRUNC | O_WRONLY, 0644),
		   "bad"));
	must(symlink("new.txt", at("link")), "symlink");
	must(link(at("new.txt"), at("hard")), "link");
	must(mkdir(at("gone"), 0755), "mkdir gone");
}

static void changed_files(void)
{
	char buf[16];
	int fd;

	fd = must(open(at("new.txt"), O_RDONLY), "read");
	must((int)read(fd, buf, sizeof(buf)), "read");
	close(fd);
	close(must(open(at("new.txt"), O_CREAT | O_RDONLY, 0644), "creat-there"));
	close(must(open(at("new.txt"), O_WRONLY | O_APPEND), "append"));
	must(truncate(at("new.txt"), 2), "truncate");
	must(chmod(at("new.txt"), 0600), "chmod");
	must(rename(at("c.txt"), at("sub/moved.txt")), "rename");
	fd = must(open(at("sub/moved.txt"), O_RDONLY), "moved");
	must(fchmod(fd, 0640), "fchmod");
	close(fd);
	must(unlink(at("hard")), "unlink");
	must(rmdir(at("gone")), "rmdir");
}

static void tmpfile_in_dir(void)
{
	char link[64], name[4096];
	ssize_t n;
	int fd = must(open(dir, O_TMPFILE | O_RDWR, 0600), "O_TMPFILE");

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = must((int)readlink(link, name, sizeof(name) - 1), "readlink");
	name[n] = '\0';
	printf("tmpfile %s\n", name);
	close(fd);
}

int main(int argc, char **argv)
{
	if (argc != 2 || argv[1][0] != '/')
		return 2;
	dir = argv[1];
	made_files();
	changed_files();
	tmpfile_in_dir();
	printf("done\n");
	return 0;
}
