/* test_options.c - the command line */
#include <criterion/criterion.h>
#include <criterion/redirect.h>

#include <stdio.h>
#include <string.h>

#include "capture.h"
#include "options.h"
#include "traceset.h"

#define MAXARGS 32

static char *argv_buf[MAXARGS];
static struct options o;
static char err[256];

/* Parse a NULL-terminated list of arguments (argv[0] included). */
static enum options_result parse_list(const char *const *args)
{
	int argc = 0;

	while (args[argc]) {
		cr_assert_lt(argc, MAXARGS - 1);
		argv_buf[argc] = (char *)args[argc];
		argc++;
	}
	argv_buf[argc] = NULL;
	memset(err, 0, sizeof(err));
	return options_parse(argc, argv_buf, &o, err, sizeof(err));
}

#define PARSE(...) parse_list((const char *const[]){ "gobox-strace", __VA_ARGS__, NULL })

static void fini(void)
{
	options_free(&o);
}

TestSuite(options, .fini = fini);

static void expect_program(const char *const *want)
{
	size_t i;

	cr_assert_not_null(o.argv);
	for (i = 0; want[i]; i++) {
		cr_assert_not_null(o.argv[i], "argv[%zu] missing, want %s", i,
				   want[i]);
		cr_expect_str_eq(o.argv[i], want[i], "argv[%zu]", i);
	}
	cr_expect_null(o.argv[i], "argv has more than %zu entries", i);
}

#define EXPECT_PROGRAM(...) expect_program((const char *const[]){ __VA_ARGS__, NULL })

Test(options, program_alone_gets_the_defaults)
{
	cr_assert_eq(PARSE("ls"), OPTIONS_RUN, "%s", err);
	EXPECT_PROGRAM("ls");
	cr_expect_null(o.report_path);
	cr_expect_not(o.quiet);
	cr_expect_eq(o.max_events, DEFAULT_MAX_EVENTS);
	cr_expect(o.capture);
	cr_expect_eq(o.max_output, DEFAULT_MAX_OUTPUT);
	/* The default trace set. */
	cr_expect(traceset_has_name(&o.trace, "openat"));
	cr_expect(traceset_has_name(&o.trace, "execve"));
	cr_expect_not(traceset_has_name(&o.trace, "read"));
}

Test(options, program_and_its_arguments_follow_the_options)
{
	cr_assert_eq(PARSE("-q", "--report", "out.json", "ls", "-l", "/tmp"),
		     OPTIONS_RUN, "%s", err);
	cr_expect(o.quiet);
	cr_expect_str_eq(o.report_path, "out.json");
	EXPECT_PROGRAM("ls", "-l", "/tmp");
}

Test(options, options_after_the_program_name_belong_to_the_program)
{
	cr_assert_eq(PARSE("ls", "-q", "--report", "x", "-e", "trace=all", "--help"),
		     OPTIONS_RUN, "%s", err);
	cr_expect_not(o.quiet);
	cr_expect_null(o.report_path);
	cr_expect_not(traceset_has_name(&o.trace, "read"));
	EXPECT_PROGRAM("ls", "-q", "--report", "x", "-e", "trace=all", "--help");
}

Test(options, double_dash_ends_the_options)
{
	cr_assert_eq(PARSE("-q", "--", "-weird-name", "--x"), OPTIONS_RUN, "%s",
		     err);
	cr_expect(o.quiet);
	EXPECT_PROGRAM("-weird-name", "--x");
}

Test(options, double_dash_after_the_program_is_an_argument)
{
	cr_assert_eq(PARSE("sh", "--", "-c"), OPTIONS_RUN, "%s", err);
	EXPECT_PROGRAM("sh", "--", "-c");
}

Test(options, e_trace_list_replaces_the_default_set)
{
	cr_assert_eq(PARSE("-e", "trace=open,connect", "ls"), OPTIONS_RUN, "%s",
		     err);
	cr_expect(traceset_has_name(&o.trace, "open"));
	cr_expect(traceset_has_name(&o.trace, "connect"));
	cr_expect_not(traceset_has_name(&o.trace, "openat"));
	cr_expect_not(traceset_has_name(&o.trace, "execve"));
	cr_expect_eq(traceset_size(&o.trace), 6);
}

Test(options, e_forms_attached_short_and_bare)
{
	cr_assert_eq(PARSE("-etrace=%net", "ls"), OPTIONS_RUN, "%s", err);
	cr_expect(traceset_has_name(&o.trace, "socket"));
	cr_expect_not(traceset_has_name(&o.trace, "open"));
	options_free(&o);

	cr_assert_eq(PARSE("-e", "t=read", "ls"), OPTIONS_RUN, "%s", err);
	cr_expect(traceset_has_name(&o.trace, "read"));
	cr_expect_not(traceset_has_name(&o.trace, "open"));
	options_free(&o);

	cr_assert_eq(PARSE("-e", "write", "ls"), OPTIONS_RUN, "%s", err);
	cr_expect(traceset_has_name(&o.trace, "write"));
	cr_expect_not(traceset_has_name(&o.trace, "writev"));
	cr_expect_not(traceset_has_name(&o.trace, "open"));
}

Test(options, several_e_options_add_up)
{
	cr_assert_eq(PARSE("-e", "trace=open", "-e", "connect", "ls"),
		     OPTIONS_RUN, "%s", err);
	cr_expect(traceset_has_name(&o.trace, "open"));
	cr_expect(traceset_has_name(&o.trace, "connect"));
	cr_expect_not(traceset_has_name(&o.trace, "openat"));
}

Test(options, e_trace_with_a_bad_item_is_an_error_naming_it)
{
	cr_expect_eq(PARSE("-e", "trace=open,nonsense", "ls"), OPTIONS_ERROR);
	cr_expect_not_null(strstr(err, "nonsense"), "message: %s", err);
}

Test(options, e_trace_with_an_empty_list_is_an_error)
{
	cr_expect_eq(PARSE("-e", "trace=", "ls"), OPTIONS_ERROR);
	cr_expect_neq(err[0], '\0');
}

Test(options, unsupported_e_qualifier_is_an_error_naming_it)
{
	cr_expect_eq(PARSE("-e", "signal=all", "ls"), OPTIONS_ERROR);
	cr_expect_not_null(strstr(err, "signal"), "message: %s", err);
	cr_expect_eq(PARSE("-e", "abbrev=none", "ls"), OPTIONS_ERROR);
	cr_expect_not_null(strstr(err, "abbrev"), "message: %s", err);
	cr_expect_eq(PARSE("-e", "tr=open", "ls"), OPTIONS_ERROR);
}

Test(options, report_takes_a_file)
{
	cr_assert_eq(PARSE("--report=r.json", "ls"), OPTIONS_RUN, "%s", err);
	cr_expect_str_eq(o.report_path, "r.json");
	options_free(&o);
	cr_expect_eq(PARSE("--report", "", "ls"), OPTIONS_ERROR);
	cr_expect_neq(err[0], '\0');
	options_free(&o);
	cr_expect_eq(PARSE("--report"), OPTIONS_ERROR);
	cr_expect_neq(err[0], '\0');
}

Test(options, max_events_takes_a_number)
{
	cr_assert_eq(PARSE("--max-events", "10", "ls"), OPTIONS_RUN, "%s", err);
	cr_expect_eq(o.max_events, 10);
	options_free(&o);
	cr_assert_eq(PARSE("--max-events=0", "ls"), OPTIONS_RUN, "%s", err);
	cr_expect_eq(o.max_events, 0);
	options_free(&o);
	cr_assert_eq(PARSE("--max-events", "4294967295", "ls"), OPTIONS_RUN);
	cr_expect_eq(o.max_events, 4294967295u);
}

Test(options, max_events_rejects_what_is_not_a_number)
{
	static const char *const bad[] = {
		"abc", "-1", "", "10x", " 5", "+5", "4294967296",
		"99999999999999999999999",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cr_expect_eq(PARSE("--max-events", bad[i], "ls"), OPTIONS_ERROR,
			     "'%s' accepted", bad[i]);
		cr_expect_not_null(strstr(err, "max-events"), "message: %s", err);
		if (bad[i][0])
			cr_expect_not_null(strstr(err, bad[i]), "message: %s", err);
		options_free(&o);
	}
}

Test(options, quiet_short_and_long)
{
	cr_assert_eq(PARSE("-q", "ls"), OPTIONS_RUN);
	cr_expect(o.quiet);
	options_free(&o);
	cr_assert_eq(PARSE("--quiet", "ls"), OPTIONS_RUN);
	cr_expect(o.quiet);
}

Test(options, strace_compatible_f_and_c_are_accepted)
{
	cr_assert_eq(PARSE("-f", "-c", "-fcq", "ls"), OPTIONS_RUN, "%s", err);
	cr_expect(o.quiet);
	EXPECT_PROGRAM("ls");
}

Test(options, unknown_short_option_is_an_error_naming_it)
{
	cr_expect_eq(PARSE("-j", "ls"), OPTIONS_ERROR);
	cr_expect_not_null(strstr(err, "-j"), "message: %s", err);
	options_free(&o);
	cr_expect_eq(PARSE("-qx", "ls"), OPTIONS_ERROR);
	cr_expect_not_null(strstr(err, "-x"), "message: %s", err);
}

Test(options, trace_options_as_strace_has_them)
{
	cr_assert_eq(PARSE("-o", "t.txt", "-tt", "-T", "-y", "-Z", "ls"),
		     OPTIONS_RUN, "%s", err);
	cr_expect_str_eq(o.trace_path, "t.txt");
	cr_expect_eq(o.trace_times, 2);
	cr_expect(o.trace_durations);
	cr_expect(o.trace_paths);
	cr_expect_eq(o.only, TRACE_FAILED);
	options_free(&o);
	cr_assert_eq(PARSE("-z", "--events", "-", "ls"), OPTIONS_RUN, "%s", err);
	cr_expect_eq(o.only, TRACE_SUCCEEDED);
	cr_expect_str_eq(o.events_path, "-");
	options_free(&o);
	cr_expect_eq(PARSE("-o", "", "ls"), OPTIONS_ERROR);
	cr_expect_not_null(strstr(err, "empty file name for -o"), "message: %s", err);
}

Test(options, unknown_long_option_is_an_error_naming_it)
{
	cr_expect_eq(PARSE("--bogus", "ls"), OPTIONS_ERROR);
	cr_expect_not_null(strstr(err, "--bogus"), "message: %s", err);
}

Test(options, option_missing_its_argument_is_an_error)
{
	cr_expect_eq(PARSE("-e"), OPTIONS_ERROR);
	cr_expect_not_null(strstr(err, "-e"), "message: %s", err);
	options_free(&o);
	cr_expect_eq(PARSE("--max-events"), OPTIONS_ERROR);
	cr_expect_not_null(strstr(err, "--max-events"), "message: %s", err);
}

Test(options, no_program_is_an_error)
{
	cr_expect_eq(parse_list((const char *const[]){ "gobox-strace", NULL }),
		     OPTIONS_ERROR);
	cr_expect_neq(err[0], '\0');
	options_free(&o);
	cr_expect_eq(PARSE("-q"), OPTIONS_ERROR);
	cr_expect_neq(err[0], '\0');
	options_free(&o);
	cr_expect_eq(PARSE("-q", "--"), OPTIONS_ERROR);
	cr_expect_neq(err[0], '\0');
}

/* What the parse printed on the redirected stdout. */
static const char *stdout_text(void)
{
	static char text[8192];
	FILE *f;
	size_t n;

	fflush(stdout);
	f = cr_get_redirected_stdout();
	cr_assert_not_null(f);
	n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = '\0';
	return text;
}

Test(options, help_prints_usage_and_exits, .init = cr_redirect_stdout)
{
	cr_expect_eq(PARSE("--help"), OPTIONS_EXIT);
	cr_expect_not_null(strstr(stdout_text(), "usage:"));
}

Test(options, short_help_exits_even_before_a_program, .init = cr_redirect_stdout)
{
	cr_expect_eq(PARSE("-h", "ls"), OPTIONS_EXIT);
	cr_expect_not_null(strstr(stdout_text(), "--report"));
}

Test(options, version_prints_the_version_and_exits, .init = cr_redirect_stdout)
{
	cr_expect_eq(PARSE("--version"), OPTIONS_EXIT);
	cr_expect_not_null(strstr(stdout_text(), "gobox-strace 0.1.0"));
	options_free(&o);
	cr_expect_eq(PARSE("-V"), OPTIONS_EXIT);
}

/* options_parse resets getopt, so a second parse sees only its own argv. */
Test(options, a_second_parse_is_not_affected_by_the_first,
     .init = cr_redirect_stdout)
{
	cr_expect_eq(PARSE("-Vq", "first"), OPTIONS_EXIT);
	options_free(&o);
	cr_assert_eq(PARSE("second"), OPTIONS_RUN, "%s", err);
	cr_expect_not(o.quiet, "-q of the first command line leaked into the second");
	EXPECT_PROGRAM("second");
}

Test(options, max_output_takes_a_number_up_to_its_limit)
{
	static const char *const bad[] = { "abc", "-1", "", "1k", "268435457" };
	size_t i;

	cr_assert_eq(PARSE("--max-output", "100", "ls"), OPTIONS_RUN, "%s", err);
	cr_expect_eq(o.max_output, 100);
	options_free(&o);
	cr_assert_eq(PARSE("--max-output=0", "ls"), OPTIONS_RUN, "%s", err);
	cr_expect_eq(o.max_output, 0);
	options_free(&o);
	cr_assert_eq(PARSE("--max-output", "268435456", "ls"), OPTIONS_RUN);
	cr_expect_eq(o.max_output, MAX_OUTPUT_LIMIT);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		options_free(&o);
		cr_expect_eq(PARSE("--max-output", bad[i], "ls"), OPTIONS_ERROR,
			     "'%s' accepted", bad[i]);
		cr_expect_not_null(strstr(err, "max-output"), "message: %s", err);
	}
}

Test(options, no_capture_turns_capture_off)
{
	cr_assert_eq(PARSE("--no-capture", "ls"), OPTIONS_RUN, "%s", err);
	cr_expect_not(o.capture);
	options_free(&o);
	cr_expect_eq(PARSE("--no-capture=1", "ls"), OPTIONS_ERROR);
	cr_expect_str_eq(err, "option '--no-capture' takes no argument");
}
