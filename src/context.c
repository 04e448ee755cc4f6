/* context.c - where, when, by whom and on what a run happens */
#include "context.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "proc_image.h"
#include "spawn.h"
#include "util.h"

static void to_hex(const unsigned char *md, unsigned len, char out[65])
{
	unsigned i;

	out[0] = '\0';
	for (i = 0; i < len && i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

void sha256_hex(const void *data, size_t len, char out[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned mdlen = 0;

	if (!EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL))
		mdlen = 0;
	to_hex(md, mdlen, out);
}

int sha256_file(const char *path, char out[65])
{
	unsigned char buf[65536], md[EVP_MAX_MD_SIZE];
	unsigned mdlen = 0;
	EVP_MD_CTX *ctx;
	ssize_t n;
	/* O_NONBLOCK: a FIFO given as the program must not block us. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK), rc = 0;
	struct stat st;

	out[0] = '\0';
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return -EINVAL;
	}
	ctx = EVP_MD_CTX_new();
	if (!ctx || !EVP_DigestInit_ex(ctx, EVP_sha256(), NULL)) {
		rc = -ENOMEM;
		goto out;
	}
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = -errno;
			goto out;
		}
		EVP_DigestUpdate(ctx, buf, (size_t)n);
	}
	EVP_DigestFinal_ex(ctx, md, &mdlen);
	to_hex(md, mdlen, out);
out:
	EVP_MD_CTX_free(ctx);
	close(fd);
	return rc;
}

static void binary_info(struct context *c)
{
	struct stat st;
	char real[PATH_MAX];

	c->binary_size = -1;
	if (!c->program)
		return;
	if (realpath(c->program, real))
		c->binary_path = xstrdup(real);
	if (stat(c->program, &st) == 0 && S_ISREG(st.st_mode)) {
		c->binary_size = st.st_size;
		sha256_file(c->program, c->binary_sha256);
	}
}

void context_start(struct context *c, char *const argv[])
{
	struct utsname u;
	char *cwd;

	memset(c, 0, sizeof(*c));
	c->start_real_ns = now_real_ns();
	c->start_mono_ns = now_mono_ns();
	cwd = getcwd(NULL, 0);
	c->cwd = cwd ? cwd : xstrdup("");
	if (gethostname(c->hostname, sizeof(c->hostname) - 1) < 0)
		c->hostname[0] = '\0';
	if (uname(&u) == 0)
		snprintf(c->kernel, sizeof(c->kernel), "%s", u.release);
	c->uid = getuid();
	c->euid = geteuid();
	c->gid = getgid();
	c->egid = getegid();
	c->tracer_pid = getpid();
	c->argv = argv;
	c->program = argv ? spawn_find(argv[0], &c->find_errno) : NULL;
	binary_info(c);
}

void context_attached(struct context *c, pid_t pid)
{
	struct proc_image im;
	unsigned i;

	proc_image_read(pid, &im);
	c->owned_argv = xcalloc((size_t)im.argc + 1, sizeof(char *));
	for (i = 0; i < im.argc; i++)
		c->owned_argv[i] = xstrndup(im.argv[i], im.lens[i]);
	c->argv = c->owned_argv;
	free(c->program);
	c->program = im.exe[0] ? xstrdup(im.exe) : NULL;
	binary_info(c);
}

void context_end(struct context *c)
{
	c->end_real_ns = now_real_ns();
	c->end_mono_ns = now_mono_ns();
}

void context_free(struct context *c)
{
	char **a;

	for (a = c->owned_argv; a && *a; a++)
		free(*a);
	free(c->owned_argv);
	free(c->cwd);
	free(c->program);
	free(c->binary_path);
}
