#!/usr/bin/env bash
# Build the same sites from two revisions and diff what they wrote: output/ and content/articles/.
#
#   bench/compare_builds.sh [REV_A] [REV_B]     REV_A defaults to 9ff17f1, REV_B to the working tree
#
# Sites: the sample site as committed; the sample site ingested from content/raw alone; the sample
# site with publishconf.py (absolute URLs); and COMPARE_N (120) invented articles from
# bench/synthetic.py (stories, syndicated copies, many topics; ingest off, the site side alone).
# COMPARE_OPTS adds Pelican options to every build of both (e.g. `-e KEY=json` to give both
# revisions one setting a change introduced). Both revisions run with this tree's .venv. Differences go to stdout (nothing means identical);
# progress goes to stderr. Skipped from the diff: the local ingest cache (it holds a digest of
# the code, which differs by design) and the output record (what the build wrote, with file times).
set -euo pipefail
ROOT=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
PY="$ROOT/.venv/bin/python"
REV_A=${1:-9ff17f1}
REV_B=${2:-WORKTREE}
N=${COMPARE_N:-120}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

checkout() {  # checkout REV DEST: the revision's files (the working tree's, untracked too)
    mkdir -p "$2"
    if [ "$1" = WORKTREE ]; then
        (cd "$ROOT" && git ls-files -z -co --exclude-standard | xargs -0 -I{} sh -c '[ -e "{}" ] && printf "%s\0" "{}"' \
            | tar -cf - --null -T -) | tar -xf - -C "$2"
    else
        git -C "$ROOT" archive "$1" | tar -xf - -C "$2"
    fi
}

build() {  # build DEST CONF [pelican options]
    local dest=$1 conf=$2
    shift 2
    # shellcheck disable=SC2086
    (cd "$dest" && PYTHONPATH="$dest/plugins" "$PY" -m pelican content -o output -s "$conf" -q "$@" ${COMPARE_OPTS:-}) >"$dest.log" 2>&1 \
        || { echo "build failed in $dest:" >&2; cat "$dest.log" >&2; exit 2; }
}

site() {  # site NAME REV: one tree per site and revision
    local dest="$TMP/$1/$2"
    checkout "$3" "$dest"
    case $1 in
        sample) build "$dest" pelicanconf.py ;;
        fresh) find "$dest/content/articles" -mindepth 1 ! -name .gitkeep -delete; build "$dest" pelicanconf.py ;;
        publish) build "$dest" publishconf.py ;;
        synthetic)
            find "$dest/content/articles" -mindepth 1 ! -name .gitkeep -delete
            "$PY" "$ROOT/bench/synthetic.py" "$dest/content/articles" "$N" >/dev/null
            build "$dest" pelicanconf.py -e NEWSDESK_INGEST=false ;;
    esac
}

for name in sample fresh publish synthetic; do
    echo "building $name: $REV_A and $REV_B" >&2
    site "$name" a "$REV_A"
    site "$name" b "$REV_B"
    for part in output content/articles; do
        diff -r -x .newsdesk-ingest.json -x .newsdesk.lock -x .newsdesk-output.json "$TMP/$name/a/$part" "$TMP/$name/b/$part" \
            | sed "s#$TMP/##g" || true
    done
    files=$(find "$TMP/$name/b/output" -type f | wc -l)
    echo "  $name: $files output files compared" >&2
done
