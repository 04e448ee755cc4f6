/* main.c - gobox-strace: options in, one run, exit status out */
#include <stdio.h>

#include "options.h"
#include "run.h"
#include "util.h"

int main(int argc, char **argv)
{
	struct options o;
	char err[512];
	int status;

	switch (options_parse(argc, argv, &o, err, sizeof(err))) {
	case OPTIONS_EXIT:
		options_free(&o);
		return 0;
	case OPTIONS_ERROR:
		errorf("%s (try '%s --help')", err, progname);
		options_free(&o);
		return EXIT_USAGE;
	case OPTIONS_RUN:
		break;
	}
	status = run(&o);
	options_free(&o);
	return status;
}
