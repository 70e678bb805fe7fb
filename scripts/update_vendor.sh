#!/usr/bin/env bash
# Refresh the vendored front-end files under static/vendor/ from the npm registry.
# Usage: scripts/update_vendor.sh [utrecht-css-version] [voorbeeld-tokens-version] [htmx-version] [redoc-version]
# The versions in use are written to static/vendor/VERSIONS; commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."

CSS_VERSION="${1:-9.0.4}"
TOKENS_VERSION="${2:-7.4.1}"
HTMX_VERSION="${3:-2.0.11}"
REDOC_VERSION="${4:-2.5.4}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fetch() {  # fetch PACKAGE VERSION -> unpacked directory
  local pkg="$1" version="$2"
  (cd "$work" && npm pack --silent "${pkg}@${version}" >/dev/null)
  local tgz
  tgz=$(ls "$work"/*.tgz | head -1)
  mkdir -p "$work/unpacked"
  tar -xzf "$tgz" -C "$work/unpacked"
  rm "$tgz"
}

rm -rf static/vendor/utrecht static/vendor/htmx static/vendor/redoc
mkdir -p static/vendor/utrecht static/vendor/htmx static/vendor/redoc

fetch @utrecht/component-library-css "$CSS_VERSION"
cp "$work/unpacked/package/dist/index.css" static/vendor/utrecht/component-library.css
cp "$work/unpacked/package/LICENSE"* static/vendor/utrecht/LICENSE.component-library 2>/dev/null || true
rm -rf "$work/unpacked"

# The neutral NL Design System example theme (EUPL-1.2), not a municipality's own brand.
fetch @nl-design-system-unstable/voorbeeld-design-tokens "$TOKENS_VERSION"
cp "$work/unpacked/package/dist/theme.css" static/vendor/utrecht/voorbeeld-theme.css
cp "$work/unpacked/package/LICENSE.md" static/vendor/utrecht/LICENSE.voorbeeld-theme.md
rm -rf "$work/unpacked"

fetch htmx.org "$HTMX_VERSION"
cp "$work/unpacked/package/dist/htmx.min.js" static/vendor/htmx/htmx.min.js
cp "$work/unpacked/package/LICENSE" static/vendor/htmx/LICENSE 2>/dev/null || true
rm -rf "$work/unpacked"

# Redoc for /api/v1/docs. Its side menu shows a logo from cdn.redoc.ly (no option turns it off); the page
# must load nothing from another host, so the copy shows an empty inline image instead. The source map is
# not vendored, so its reference goes too (collectstatic's manifest would look for it).
fetch redoc "$REDOC_VERSION"
sed -e '/^\/\/# sourceMappingURL=/d' -e 's#"https://cdn.redoc.ly/redoc/logo-mini.svg"#"data:image/svg+xml,<svg xmlns=\x27http://www.w3.org/2000/svg\x27/>"#' \
  "$work/unpacked/package/bundles/redoc.standalone.js" > static/vendor/redoc/redoc.standalone.js
if grep -q "cdn.redoc.ly" static/vendor/redoc/redoc.standalone.js; then
  echo "redoc: logo-URL niet vervangen; controleer de sed hierboven" >&2; exit 1
fi
cp "$work/unpacked/package/bundles/redoc.standalone.js.LICENSE.txt" static/vendor/redoc/
cp "$work/unpacked/package/LICENSE" static/vendor/redoc/LICENSE
rm -rf "$work/unpacked"

cat > static/vendor/VERSIONS <<VERSIONS
# Vendored front-end files; refresh with scripts/update_vendor.sh
@utrecht/component-library-css ${CSS_VERSION}
@nl-design-system-unstable/voorbeeld-design-tokens ${TOKENS_VERSION}
htmx.org ${HTMX_VERSION}
redoc ${REDOC_VERSION} (logo URL replaced, see scripts/update_vendor.sh)
VERSIONS
echo "static/vendor bijgewerkt:"; cat static/vendor/VERSIONS

# Chart.js for the verzuimmonitor's trends (issue 12). The UMD build sets window.Chart; the source map is
# not vendored, so its reference goes (collectstatic's manifest would look for it). Usage:
# CHARTJS_VERSION=4.6.1 scripts/update_vendor.sh (the version line above is rewritten by the heredoc, so
# this block appends its own).
CHARTJS_VERSION="${CHARTJS_VERSION:-4.6.1}"
rm -rf static/vendor/chartjs && mkdir -p static/vendor/chartjs
fetch chart.js "$CHARTJS_VERSION"
sed -e '/^\/\/# sourceMappingURL=/d' "$work/unpacked/package/dist/chart.umd.min.js" > static/vendor/chartjs/chart.umd.min.js
cp "$work/unpacked/package/LICENSE.md" static/vendor/chartjs/LICENSE.md
rm -rf "$work/unpacked"
echo "chart.js ${CHARTJS_VERSION} (MIT, dist/chart.umd.min.js without its source map line; static/vendor/chartjs/LICENSE.md)" >> static/vendor/VERSIONS
