#!/usr/bin/env bash
# How resources/web/ was fetched. The map page must work with no network at all, so every
# script, style sheet, image and font it uses is vendored here from the npm registry, each
# package with its licence file. Re-run to refresh; pin versions so diffs stay reviewable.
set -euo pipefail
cd "$(dirname "$0")/.."
WEB=resources/web
LEAFLET=1.9.4
CLUSTER=1.5.3
FONT=5.3.0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "leaflet@$LEAFLET" "leaflet.markercluster@$CLUSTER" \
    "@fontsource/noto-sans-sc@$FONT" >/dev/null)
for f in "$work"/*.tgz; do d="${f%.tgz}"; mkdir -p "$d"; tar xzf "$f" -C "$d"; done

rm -rf "$WEB/leaflet" "$WEB/leaflet.markercluster" "$WEB/fonts/noto-sans-sc"
mkdir -p "$WEB/leaflet" "$WEB/leaflet.markercluster" "$WEB/fonts/noto-sans-sc/files"

src="$work/leaflet-$LEAFLET/package"
cp "$src/dist/leaflet.js" "$src/dist/leaflet.css" "$src/LICENSE" "$WEB/leaflet/"
cp -r "$src/dist/images" "$WEB/leaflet/"

src="$work/leaflet.markercluster-$CLUSTER/package"
cp "$src/dist/leaflet.markercluster.js" "$src/dist/MarkerCluster.css" \
   "$src/dist/MarkerCluster.Default.css" "$src/MIT-LICENCE.txt" "$WEB/leaflet.markercluster/"

# District names and incident titles are Chinese and a fresh machine has no CJK font. Only the
# woff2 files of two weights are kept (~7 MB); the unicode-range split means the page loads
# just the chunks it draws.
src="$work/fontsource-noto-sans-sc-$FONT/package"
cp "$src/LICENSE" "$WEB/fonts/noto-sans-sc/"
for w in 400 700; do
    cp "$src"/files/noto-sans-sc-*-"$w"-normal.woff2 "$WEB/fonts/noto-sans-sc/files/"
    sed -E "s#, url\(\./files/[^)]*\.woff\) format\('woff'\)##" "$src/$w.css" \
        > "$WEB/fonts/noto-sans-sc/$w.css"
done

# qwebchannel.js is not fetched: it ships inside Qt (qrc:///qtwebchannel/qwebchannel.js) and
# the app:// handler serves it from there, so it always matches the Qt version in use.
echo "vendored into $WEB"
