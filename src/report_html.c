/* report_html.c - the report as one self-contained HTML page
 *
 * Made from the JSON report itself, so that a saved report can be shown
 * again (gobox-report). No script, no external asset: CSS and an inline
 * SVG timeline. Every string that comes from the program is escaped.
 */
#include "report_html.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>
#include <openssl/evp.h>

#include "jsonutil.h"
#include "report_read.h"

/* A value to print: "" when it is missing. */
static const char *str(struct json_object *o, const char *path)
{
	const char *s = report_str(o, path);

	return s ? s : "";
}

/*
 * n bytes as HTML text: &, <, >, " and ' as entities; control bytes, DEL
 * and bytes that are not UTF-8 as \xNN (a newline too, unless pre: in a
 * <pre> block it stays a line break).
 */
static void esc_bytes(FILE *f, const char *text, size_t n, bool pre)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i, len;

	for (i = 0; i < n; i++) {
		unsigned char c = s[i];

		if (c == '&')
			fputs("&amp;", f);
		else if (c == '<')
			fputs("&lt;", f);
		else if (c == '>')
			fputs("&gt;", f);
		else if (c == '"')
			fputs("&quot;", f);
		else if (c == '\'')
			fputs("&#39;", f);
		else if (pre && (c == '\n' || c == '\t'))
			fputc(c, f);
		else if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\x%02x", c);
		else if (c < 0x80)
			fputc(c, f);
		else if ((len = utf8_seq(s + i, n - i)) > 0) {
			fwrite(s + i, 1, len, f);
			i += len - 1;
		} else {
			fprintf(f, "\\x%02x", c);
		}
	}
}

static void esc(FILE *f, const char *s)
{
	if (s)
		esc_bytes(f, s, strlen(s), false);
}

/* The bytes a *_base64 twin holds; NULL when it is not base64. */
static char *unbase64(const char *in, size_t *n)
{
	size_t len = strlen(in);
	unsigned char *out = malloc(len / 4 * 3 + 1);
	int got;

	if (!out || len % 4 ||
	    (got = EVP_DecodeBlock(out, (const unsigned char *)in, (int)len)) < 0) {
		free(out);
		return NULL;
	}
	/* EVP_DecodeBlock counts the padding as bytes. */
	while (len && in[len - 1] == '=' && got > 0) {
		len--;
		got--;
	}
	*n = (size_t)got;
	return (char *)out;
}

/* A string of the report as it was: from its *_base64 twin when the
 * program's bytes were not UTF-8 (the string then holds U+FFFD). */
static void esc_value(FILE *f, struct json_object *v, struct json_object *twin,
		      bool pre)
{
	size_t n;
	char *bytes = twin ? unbase64(json_object_get_string(twin), &n) : NULL;

	if (bytes)
		esc_bytes(f, bytes, n, pre);
	else if (v)
		esc_bytes(f, json_object_get_string(v),
			  (size_t)json_object_get_string_len(v), pre);
	free(bytes);
}

/* Key of o, escaped (see esc_value). */
static void field(FILE *f, struct json_object *o, const char *key, bool pre)
{
	char twin[80];

	snprintf(twin, sizeof(twin), "%s_base64", key);
	esc_value(f, json_object_is_type(o, json_type_object) ?
		  json_object_object_get(o, key) : NULL,
		  json_object_is_type(o, json_type_object) ?
		  json_object_object_get(o, twin) : NULL, pre);
}

/* An argv array of o, with its *_base64 twin, one space between. */
static void argv_of(FILE *f, struct json_object *o)
{
	struct json_object *argv = report_get(o, "argv"), *twin = report_get(o, "argv_base64");
	size_t k, n = report_len(argv);

	for (k = 0; k < n; k++) {
		if (k)
			fputc(' ', f);
		esc_value(f, json_object_array_get_idx(argv, k),
			  json_object_is_type(twin, json_type_array) ?
			  json_object_array_get_idx(twin, k) : NULL, false);
	}
}

static void card(FILE *f, const char *label, const char *value, const char *cls)
{
	fprintf(f, "<div class=\"card %s\"><div class=\"label\">", cls);
	esc(f, label);
	fputs("</div><div class=\"value\">", f);
	esc(f, value);
	fputs("</div></div>\n", f);
}

static void cards(FILE *f, struct json_object *r)
{
	char buf[128];
	struct json_object *sig = report_get(r, "signal");
	long denied = json_object_get_int64(report_get(r, "policy.counts.deny")) +
		      json_object_get_int64(report_get(r, "policy.counts.kill"));

	fputs("<div class=\"cards\">\n", f);
	if (sig && json_object_get_type(sig) == json_type_string)
		snprintf(buf, sizeof(buf), "killed by %s", json_object_get_string(sig));
	else
		snprintf(buf, sizeof(buf), "%s", str(r, "exit_code")[0] ?
			 str(r, "exit_code") : "none");
	card(f, "exit", buf, sig && json_object_get_type(sig) == json_type_string ?
	     "bad" : "");
	snprintf(buf, sizeof(buf), "%s ms", str(r, "execution_duration"));
	card(f, "duration", buf, "");
	snprintf(buf, sizeof(buf), "%s + %s ms", str(r, "cpu_user_time_ms"),
		 str(r, "cpu_system_time_ms"));
	card(f, "CPU user + system", buf, "");
	/* MiB with one decimal, as the summary writes it. */
	snprintf(buf, sizeof(buf), "%.1f MiB",
		 json_object_get_double(report_get(r, "peak_memory_mb")));
	card(f, "peak memory", buf, "");
	snprintf(buf, sizeof(buf), "%ld", denied);
	card(f, "refused", buf, denied ? "bad" : "");
	snprintf(buf, sizeof(buf), "%s of %s", str(r, "syscalls.total_errors"),
		 str(r, "syscalls.total_calls"));
	card(f, "failed calls", buf, "");
	if (json_object_get_boolean(report_get(r, "was_killed")))
		card(f, "killed by gobox-strace", str(r, "kill_reason"), "bad");
	fputs("</div>\n", f);
}

static void syscall_table(FILE *f, struct json_object *r)
{
	struct json_object *t = report_get(r, "syscalls.table");
	size_t i, n = t ? report_len(t) : 0;

	fputs("<h2>System calls</h2>\n<table><tr><th>call</th><th>ABI</th>"
	      "<th>calls</th><th>errors</th><th>errno</th><th>time (µs)</th></tr>\n", f);
	for (i = 0; i < n; i++) {
		struct json_object *e = json_object_array_get_idx(t, i);
		struct json_object *errnos = report_get(e, "errnos");

		fputs("<tr><td>", f);
		esc(f, str(e, "name"));
		fputs("</td><td>", f);
		esc(f, str(e, "abi"));
		fprintf(f, "</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td>",
			str(e, "calls"), str(e, "errors"));
		if (errnos) {
			json_object_object_foreach(errnos, name, count) {
				esc(f, name);
				fprintf(f, ":%s ", json_object_get_string(count));
			}
		}
		fprintf(f, "</td><td class=\"n\">%s</td></tr>\n", str(e, "time_us"));
	}
	fputs("</table>\n", f);
}

/* What a refused call was on, as "key value" pairs: "modes r, path /x". */
static void operation(FILE *f, struct json_object *op)
{
	bool first = true;

	if (!json_object_is_type(op, json_type_object))
		return;
	json_object_object_foreach(op, key, v) {
		size_t kl = strlen(key);

		if (!strcmp(key, "category") || (kl > 7 &&
		    !strcmp(key + kl - 7, "_base64")))
			continue;
		if (!first)
			fputs(", ", f);
		first = false;
		esc(f, key);
		fputc(' ', f);
		if (json_object_is_type(v, json_type_string))
			field(f, op, key, false);
		else
			esc(f, json_object_to_json_string_ext(v,
				JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	}
}

static void denied(FILE *f, struct json_object *r)
{
	struct json_object *d = report_get(r, "policy.denied");
	size_t i, k, n = d ? report_len(d) : 0;

	if (!n)
		return;
	fputs("<h2>Refused by the policy</h2>\n<table><tr><th>time (ms)</th>"
	      "<th>pid</th><th>call</th><th>operation</th><th>action</th>"
	      "<th>rule</th></tr>\n", f);
	for (i = 0; i < n; i++) {
		struct json_object *e = json_object_array_get_idx(d, i);
		struct json_object *stack = report_get(e, "stack");

		fprintf(f, "<tr><td class=\"n\">%s</td><td class=\"n\">%s</td><td>",
			str(e, "time_ms"), str(e, "pid"));
		esc(f, str(e, "syscall"));
		fputs("</td><td>", f);
		operation(f, report_get(e, "operation"));
		fputs("</td><td>", f);
		esc(f, str(e, "action"));
		fputs("</td><td>", f);
		if (report_get(e, "rule.line") && json_object_get_type(report_get(e, "rule.line")) ==
		    json_type_int)
			fprintf(f, "line %s: ", str(e, "rule.line"));
		esc(f, str(e, "rule.text"));
		if (report_get(e, "rule.why")) {
			fputs(" (", f);
			esc(f, str(e, "rule.why"));
			fputs(")", f);
		}
		fputs("</td></tr>\n", f);
		for (k = 0; stack && k < report_len(stack); k++) {
			fputs("<tr class=\"frame\"><td colspan=\"6\">&gt; ", f);
			esc(f, json_object_get_string(json_object_array_get_idx(stack, k)));
			fputs("</td></tr>\n", f);
		}
	}
	fputs("</table>\n", f);
}

static void tree_node(FILE *f, struct json_object *list, struct json_object *p,
		      unsigned depth)
{
	struct json_object *kids = report_get(p, "children");
	size_t i, k, n = report_len(list);

	if (depth > 64)
		return;
	fprintf(f, "<li><span class=\"pid\">%s</span> ", str(p, "pid"));
	argv_of(f, p);
	fputc(' ', f);
	if (report_get(p, "signal") && json_object_get_type(report_get(p, "signal")) == json_type_string) {
		fputs("<span class=\"bad\">killed by ", f);
		esc(f, str(p, "signal"));
		fputs("</span>", f);
	} else {
		fprintf(f, "→ %s", str(p, "exit_code"));
	}
	if (report_get(p, "killed_by")) {
		fputs(" <span class=\"bad\">(", f);
		esc(f, str(p, "killed_by"));
		fputs(")</span>", f);
	}
	fprintf(f, " <span class=\"dim\">%s thread%s, peak %s kB</span>",
		str(p, "threads_total"),
		json_object_get_int(report_get(p, "threads_total")) == 1 ? "" : "s",
		str(p, "peak_memory_kb"));
	if (kids && report_len(kids)) {
		fputs("\n<ul>\n", f);
		for (k = 0; k < report_len(kids); k++) {
			int pid = json_object_get_int(json_object_array_get_idx(kids, k));

			for (i = 0; i < n; i++) {
				struct json_object *c = json_object_array_get_idx(list, i);

				if (json_object_get_int(report_get(c, "pid")) == pid)
					tree_node(f, list, c, depth + 1);
			}
		}
		fputs("</ul>\n", f);
	}
	fputs("</li>\n", f);
}

static void tree(FILE *f, struct json_object *r)
{
	struct json_object *list = report_get(r, "processes.list");
	size_t i, n = list ? report_len(list) : 0;

	fputs("<h2>Processes</h2>\n<ul class=\"tree\">\n", f);
	for (i = 0; i < n; i++) {
		struct json_object *p = json_object_array_get_idx(list, i);

		if (!report_get(p, "parent") || json_object_get_type(report_get(p, "parent")) ==
		    json_type_null)
			tree_node(f, list, p, 0);
	}
	fputs("</ul>\n", f);
}

/* Processes and their threads as bars on one time axis. */
static void timeline(FILE *f, struct json_object *r)
{
	struct json_object *list = report_get(r, "processes.list");
	size_t i, k, n = list ? report_len(list) : 0, rows = 0;
	double total = json_object_get_double(report_get(r, "execution_duration"));
	const double width = 900, row = 14, left = 80;

	/* The axis covers every bar: the duration is whole milliseconds,
	 * an end can come a fraction later. */
	for (i = 0; i < n; i++) {
		double end = json_object_get_double(report_get(json_object_array_get_idx(
			list, i), "end_ms"));

		if (end > total)
			total = end;
	}
	if (total <= 0)
		total = 1;
	for (i = 0; i < n && i < 200; i++)
		rows += 1 + report_len(report_get(json_object_array_get_idx(
				list, i), "threads"));
	fprintf(f, "<h2>Timeline</h2>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
		"width=\"%.0f\" height=\"%.0f\" role=\"img\">\n", width + left + 10,
		(double)rows * row + 20);
	rows = 0;
	for (i = 0; i < n && i < 200; i++) {
		struct json_object *p = json_object_array_get_idx(list, i);
		struct json_object *th = report_get(p, "threads");
		double s = json_object_get_double(report_get(p, "start_ms"));
		double e = report_get(p, "end_ms") ? json_object_get_double(report_get(p, "end_ms"))
					    : total;

		fprintf(f, "<text x=\"2\" y=\"%.0f\" class=\"t\">pid %s</text>"
			"<rect x=\"%.1f\" y=\"%.0f\" width=\"%.1f\" height=\"%.0f\" "
			"class=\"proc\"><title>pid %s: %.3f to %.3f ms</title></rect>\n",
			rows * row + 11, str(p, "pid"), left + s / total * width,
			rows * row + 2, (e - s) / total * width + 1, row - 4,
			str(p, "pid"), s, e);
		rows++;
		for (k = 0; th && k < report_len(th); k++) {
			struct json_object *t = json_object_array_get_idx(th, k);
			double ts = json_object_get_double(report_get(t, "start_ms"));
			double te = report_get(t, "end_ms") && json_object_get_type(
				report_get(t, "end_ms")) != json_type_null ?
				json_object_get_double(report_get(t, "end_ms")) : total;

			fprintf(f, "<rect x=\"%.1f\" y=\"%.0f\" width=\"%.1f\" "
				"height=\"%.0f\" class=\"thread\"><title>tid %s</title>"
				"</rect>\n", left + ts / total * width, rows * row + 4,
				(te - ts) / total * width + 1, row - 8, str(t, "tid"));
			rows++;
		}
	}
	fputs("</svg>\n", f);
}

static void file_list(FILE *f, struct json_object *r, const char *what)
{
	char path[32];
	struct json_object *l;
	size_t i, n;

	snprintf(path, sizeof(path), "files.%s", what);
	l = report_get(r, path);
	n = l ? report_len(l) : 0;
	fprintf(f, "<h3>%s (%zu)</h3>\n<ul class=\"files\">\n", what, n);
	for (i = 0; i < n && i < 500; i++) {
		struct json_object *e = json_object_array_get_idx(l, i);

		fputs("<li>", f);
		if (report_get(e, "from")) {
			field(f, e, "from", false);
			fputs(" → ", f);
			field(f, e, "to", false);
		} else {
			field(f, e, "path", false);
		}
		fputs("</li>\n", f);
	}
	fputs("</ul>\n", f);
}

static void files(FILE *f, struct json_object *r)
{
	static const char *const kinds[] = {
		"read", "created", "modified", "deleted", "renamed"
	};
	size_t i;

	fputs("<h2>Files</h2>\n", f);
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		file_list(f, r, kinds[i]);
}

static void network(FILE *f, struct json_object *r)
{
	struct json_object *c = report_get(r, "network.connections");
	size_t i, n = c ? report_len(c) : 0;

	fputs("<h2>Network</h2>\n<table><tr><th>call</th><th>family</th>"
	      "<th>address</th><th>result</th><th>count</th></tr>\n", f);
	for (i = 0; i < n; i++) {
		struct json_object *e = json_object_array_get_idx(c, i);

		fputs("<tr><td>", f);
		esc(f, str(e, "call"));
		fputs("</td><td>", f);
		esc(f, str(e, "family"));
		fputs("</td><td>", f);
		field(f, e, report_get(e, "path") ? "path" : "address", false);
		if (report_get(e, "port"))
			fprintf(f, " port %s", str(e, "port"));
		fputs("</td><td>", f);
		esc(f, str(e, "result"));
		fprintf(f, "</td><td class=\"n\">%s</td></tr>\n", str(e, "count"));
	}
	fputs("</table>\n", f);
}

static void output(FILE *f, struct json_object *r)
{
	static const char *const streams[] = { "stdout", "stderr" };
	size_t i;

	for (i = 0; i < 2; i++) {
		fprintf(f, "<h2>%s</h2>\n<pre>", streams[i]);
		field(f, r, streams[i], true);
		fputs("</pre>\n", f);
	}
}

static const char style[] =
	"body{font:14px sans-serif;margin:1.5em;color:#222}"
	"h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}"
	".cards{display:flex;flex-wrap:wrap;gap:.6em}"
	".card{border:1px solid #ccc;border-radius:6px;padding:.5em .9em;min-width:9em}"
	".card .label{font-size:.8em;color:#666}.card .value{font-size:1.3em}"
	".card.bad{border-color:#c33}.bad{color:#c33}.dim{color:#888}"
	"table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:2px 6px;"
	"text-align:left;vertical-align:top}td.n{text-align:right}"
	"tr.frame td{font-family:monospace;font-size:.85em;color:#555;border:none}"
	"pre{background:#f6f6f6;padding:.6em;max-height:30em;overflow:auto;"
	"white-space:pre-wrap}.pid{font-family:monospace}"
	"rect.proc{fill:#4a7bd0}rect.thread{fill:#9bb7e6}text.t{font-size:10px}";

int report_html_write(struct json_object *r, FILE *f)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
	      "<title>gobox-strace: ", f);
	argv_of(f, report_get(r, "command"));
	fprintf(f, "</title><style>%s</style></head><body>\n<h1>", style);
	argv_of(f, report_get(r, "command"));
	fputs("</h1>\n<p class=\"dim\">", f);
	esc(f, str(r, "start_time"));
	fputs(" · ", f);
	esc(f, str(r, "hostname"));
	fputs(" · ", f);
	esc(f, str(r, "tool.name"));
	fputc(' ', f);
	esc(f, str(r, "tool.version"));
	fputs("</p>\n", f);
	cards(f, r);
	syscall_table(f, r);
	denied(f, r);
	tree(f, r);
	timeline(f, r);
	files(f, r);
	network(f, r);
	output(f, r);
	fputs("</body></html>\n", f);
	return ferror(f) ? -1 : 0;
}
