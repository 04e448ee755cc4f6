/* odd_names - create files whose names JSON and terminals find hard
 *
 * usage: odd_names DIR [ARGS...]
 * Creates, in this order, with openat(AT_FDCWD, "DIR/NAME", O_WRONLY |
 * O_CREAT | O_TRUNC, 0644), one file per name of the list below, and
 * writes its index into it. ARGS are ignored: they are there so that the
 * test can give the program odd arguments of its own.
 * The list is repeated in tests/e2e/odd_names.sh: keep them equal.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char *const names[] = {
	"nl\nline",			/* 0 newline */
	"dq\"uote",			/* 1 double quote */
	"back\\slash",			/* 2 backslash */
	"ctl\001\037\177\033[31m",	/* 3 control bytes, an escape sequence */
	"bad\377utf8",			/* 4 0xff: never valid UTF-8 */
	"<script>alert(1)<\\script>",	/* 5 markup */
	"utf8-\303\251-\342\234\223",	/* 6 valid UTF-8: e-acute, check mark */
	"overlong\300\257",		/* 7 overlong encoding of '/' */
	"surrogate\355\240\200",	/* 8 an encoded UTF-16 surrogate */
	"tab\t'single' $x %s %n",	/* 9 tab, quotes, format directives */
	"cut\342\234",			/* 10 a sequence cut short at the end */
	NULL
};

int main(int argc, char **argv)
{
	char path[4096], idx[16];
	int i, fd, bad = 0, len;

	if (argc < 2)
		return 2;
	for (i = 0; names[i]; i++) {
		snprintf(path, sizeof(path), "%s/%s", argv[1], names[i]);
		fd = (int)syscall(SYS_openat, AT_FDCWD, path,
				  O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0) {
			bad++;
			continue;
		}
		len = snprintf(idx, sizeof(idx), "%d\n", i);
		bad += write(fd, idx, (size_t)len) != len;
		close(fd);
	}
	return bad ? 1 : 0;
}
