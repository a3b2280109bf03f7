#!/usr/bin/env bash
# Builds the Teams app package, target/holdfast-teams.zip, for upload to Teams
# (Apps > Manage your apps > Upload an app) or the Teams admin center.
#
#   MICROSOFT_APP_ID=<your Azure Bot's App (client) id> manifests/teams/package.sh
#
# The zip holds manifest.json (with {{MICROSOFT_APP_ID}} replaced by the id), color.png and
# outline.png at its root, as Teams requires. Runs from any directory; running it again
# replaces the zip.
set -euo pipefail

guid='^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
app_id="${MICROSOFT_APP_ID:-}"
if [[ -z "$app_id" ]]; then
    echo "package.sh: set MICROSOFT_APP_ID to your Azure Bot's App (client) id, e.g. MICROSOFT_APP_ID=... $0" >&2
    exit 2
fi
if [[ ! "$app_id" =~ $guid ]]; then
    echo "package.sh: MICROSOFT_APP_ID must be the App (client) id, a GUID such as 00000000-0000-0000-0000-000000000000" >&2
    exit 2
fi

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/target/holdfast-teams.zip"

if ! command -v jar >/dev/null 2>&1; then
    echo "package.sh: the JDK's jar tool is not on PATH (Java 17 or later is needed)" >&2
    exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mkdir "$work/app"
sed "s/{{MICROSOFT_APP_ID}}/$app_id/g" "$here/manifest.json" > "$work/app/manifest.json"
if grep -q '{{' "$work/app/manifest.json"; then
    echo "package.sh: manifest.json still has a {{placeholder}} after substitution" >&2
    exit 1
fi
cp "$here/color.png" "$here/outline.png" "$work/app/"

mkdir -p "$root/target"
jar --create --no-manifest --file "$work/holdfast-teams.zip" -C "$work/app" .
mv -f "$work/holdfast-teams.zip" "$out"
echo "$out"
