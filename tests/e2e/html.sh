#!/bin/sh
# html: --html writes one self-contained page (no script, no external
# asset) with the run's headline figures, its refusals with their stacks,
# its processes, files and output; everything from the program escaped.
# gobox-report writes the same page again from the saved JSON report, and
# a page still from a report with values of the wrong type.
# Headless Chromium loads it and shows the figures (when installed).
. "$TESTLIB"

cd "$TMP"
mkdir on
echo secret >refused
printf 'default fs allow\nfs deny r %s/refused\n' "$TMP" >policy
# An odd argument: a script tag, quotes, an ampersand.
ODD='<script>alert("x")</script> & '"'"'q'"'"
gobox -k --policy policy --html "$TMP/run.html" sh -c \
	'"$2" refused; "$1" on; echo "<b>out</b> &"' "$ODD" "$PROGS/odd_names" \
	"$PROGS/stack_chain"
check_valid
[ -s run.html ] || fail "no page written"
head -c 15 run.html | grep -q '^<!DOCTYPE html>' || fail "not an HTML page"
! grep -qi '<script' run.html || fail "a script tag got through unescaped"
grep -q '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;' run.html ||
	fail "the odd argument is not escaped as expected"
grep -q '&lt;b&gt;out&lt;/b&gt; &amp;' run.html || fail "stdout not escaped"
! grep -Eqi '(src|href)=' run.html || fail "an external asset: $(grep -Eoi '(src|href)=[^ >]*' run.html | head -3)"
grep -q "line 2: fs deny r $TMP/refused" run.html || fail "the refusal's rule is not shown"
grep -q '&gt; stack_f2+0x' run.html || fail "the refusal's stack is not shown"
grep -q '<svg' run.html || fail "no timeline"
# The odd names as they are, byte for byte: a newline, control bytes and
# DEL as \xNN, bytes that are not UTF-8 (0xff, an overlong, a surrogate)
# as \xNN too, valid UTF-8 as it is.
for name in 'nl\x0aline' 'ctl\x01\x1f\x7f\x1b[31m' 'bad\xffutf8' \
	'overlong\xc0\xaf' 'surrogate\xed\xa0\x80' 'utf8-é-✓'; do
	grep -qF "$name" run.html || fail "the name '$name' is not shown as it is"
done
! grep -q '_base64' run.html || fail "a *_base64 key is shown"
# Output with a NUL, DEL and a byte that is not UTF-8: all of it shown.
"$GOBOX" -q --html "$TMP/nul.html" -- sh -c 'printf "a\\000b\\177c\\377d <i>e</i>\\n"' >/dev/null
grep -qF 'a\x00b\x7fc\xffd &lt;i&gt;e&lt;/i&gt;' nul.html ||
	fail "the output is not shown whole: $(grep -A1 '<h2>stdout' nul.html)"
for figure in "$(q .execution_duration) ms" "$(awk -v m="$(q .peak_memory_mb)" 'BEGIN { printf "%.1f MiB", m }')" \
	"$(q .syscalls.total_errors) of $(q .syscalls.total_calls)"; do
	grep -qF "$figure" run.html || fail "the figure '$figure' is not on the page"
done

# The same page from the saved report.
cp "$REPORT" saved.json
"$GOBOX_REPORT" --html again.html saved.json || fail "gobox-report failed"
cmp -s run.html again.html || fail "gobox-report's page differs from --html's"
! "$GOBOX_REPORT" --html x.html /nonexistent.json 2>/dev/null ||
	fail "gobox-report read a report that is not there"
# A saved report may hold anything anywhere: values of the wrong type are
# left out of the page, they do not end gobox-report.
printf '%s' '{"tool":{"name":"gobox-strace"},"command":{"argv":"x"},
	"processes":{"list":[{"pid":1,"threads":5,"children":"x","stack":1}]},
	"syscalls":{"table":{"a":1}},"policy":{"denied":3},"files":{"read":7},
	"network":{"connections":"z"},"events":{"list":2}}' >odd.json
"$GOBOX_REPORT" --html odd.html odd.json 2>odd.err ||
	fail "gobox-report on values of the wrong type: $(tail -n 2 odd.err)"
grep -q '</html>' odd.html || fail "no whole page for values of the wrong type"

# Headless Chromium: the page loads and shows the figures.
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
[ -n "$CHROMIUM" ] || { echo "note: no chromium: not rendered"; exit 0; }
timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
	--dump-dom "file://$TMP/run.html" >dom.html 2>chromium.err ||
	fail "chromium could not load the page: $(tail -n 3 chromium.err)"
grep -qF "$(q .syscalls.total_errors) of $(q .syscalls.total_calls)" dom.html ||
	fail "the rendered page lacks the figures"
timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
	--window-size=1200,1600 --screenshot="$TMP/run.png" "file://$TMP/run.html" \
	>/dev/null 2>&1 || fail "no screenshot"
[ "$(head -c 4 run.png | od -An -c | tr -d ' ')" = '211PNG' ] ||
	fail "the screenshot is not a PNG"
