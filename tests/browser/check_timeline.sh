#!/usr/bin/env bash
# Renders a `geokg timeline --format html` page in headless Chromium and checks it: the screenshot
# exists and is not blank, and the rendered DOM holds the SVG timeline, its event marks and each
# TEXT given (event labels).
#
# Usage: tests/browser/check_timeline.sh PAGE.html [TEXT...]
# Env:   CHROMIUM (default /usr/bin/chromium, Debian's `chromium` package);
#        SCREENSHOT=FILE.png keeps the screenshot (default: a temporary file).
set -euo pipefail

if [[ $# -lt 1 || ! -f $1 ]]; then
    echo "usage: $0 PAGE.html [TEXT...]" >&2
    exit 64
fi
page="$(realpath "$1")"
shift
chromium="${CHROMIUM:-/usr/bin/chromium}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
shot="${SCREENSHOT:-$work/timeline.png}"

# No network, no first-run or sync machinery: the page must render from the file alone.
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
    --disable-background-networking --disable-component-update --disable-sync
    --user-data-dir="$work/profile" --window-size=1400,900)

fail() {
    echo "check_timeline: $*" >&2
    exit 1
}

timeout 120 "$chromium" "${flags[@]}" --screenshot="$shot" "file://$page" >"$work/shot.log" 2>&1 ||
    fail "chromium could not take the screenshot: $(tail -5 "$work/shot.log")"
[[ -s $shot ]] || fail "no screenshot at $shot"
[[ "$(head -c 8 "$shot" | od -An -tx1 | tr -d ' \n')" == 89504e470d0a1a0a ]] ||
    fail "$shot is not a PNG"
# A blank 1400x900 page compresses to a few kilobytes; a drawn timeline is several times that.
size="$(stat -c %s "$shot")"
((size > 20000)) || fail "the screenshot is only $size bytes: is the page blank?"

timeout 120 "$chromium" "${flags[@]}" --dump-dom "file://$page" >"$work/dom.html" 2>"$work/dom.log" ||
    fail "chromium could not dump the DOM: $(tail -5 "$work/dom.log")"
grep -q '<svg[^>]*class="timeline"' "$work/dom.html" || fail "no SVG timeline in the rendered DOM"
marks="$(grep -o '<g class="event ' "$work/dom.html" | wc -l)"
((marks > 0)) || fail "no event marks in the SVG"
for text in "$@"; do
    grep -qF -- "$text" "$work/dom.html" || fail "the rendered page lacks \"$text\""
done
echo "check_timeline: ok: $marks event marks, screenshot $size bytes"
