#!/usr/bin/env bash
# Checks the fixture the way Basalt uses it: a token of the service user validates each fixture user's
# token (GET /v3/auth/tokens?nocatalog with X-Auth-Token and X-Subject-Token); prints user, project and roles
# (implied roles included). Exits non-zero when anything fails. Same environment variables as bootstrap.py.
set -euo pipefail
: "${KS_URL:=http://127.0.0.1:5000/v3}"

# token USER PASSWORD PROJECT -> prints the token id
token() {
  local body headers
  body=$(printf '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"%s","domain":{"name":"Default"},"password":"%s"}}},"scope":{"project":{"name":"%s","domain":{"name":"Default"}}}}}' "$1" "$2" "$3")
  headers=$(curl -sf -D - -o /dev/null -H 'Content-Type: application/json' -d "$body" "$KS_URL/auth/tokens?nocatalog") ||
    { echo "cannot get a token for $1 on $3" >&2; return 1; }
  awk 'tolower($1) == "x-subject-token:" {print $2}' <<<"$headers" | tr -d '\r'
}

service=$(token "${KS_SERVICE_USER:-basalt}" "${KS_SERVICE_PASSWORD:-basalt-service}" "${KS_SERVICE_PROJECT:-service}")
demo_pw=${KS_DEMO_PASSWORD:-basalt-demo}
while read -r user password project; do
  subject=$(token "$user" "$password" "$project")
  curl -sf -H "X-Auth-Token: $service" -H "X-Subject-Token: $subject" "$KS_URL/auth/tokens?nocatalog" |
    /usr/bin/python3 -c 'import json, sys
t = json.load(sys.stdin)["token"]
print("%-12s project %-12s roles %s" % (t["user"]["name"], t["project"]["name"],
      ",".join(sorted(r["name"] for r in t["roles"]))))' ||
    { echo "the service token could not validate the token of $user" >&2; exit 1; }
done <<USERS
${KS_SERVICE_USER:-basalt} ${KS_SERVICE_PASSWORD:-basalt-service} ${KS_SERVICE_PROJECT:-service}
${KS_ADMIN_USER:-admin} ${KS_ADMIN_PASSWORD:-basalt-admin} ${KS_ADMIN_PROJECT:-admin}
${KS_DEMO_MEMBER:-demo-member} $demo_pw ${KS_DEMO_PROJECT:-basalt-demo}
${KS_DEMO_READER:-demo-reader} $demo_pw ${KS_DEMO_PROJECT:-basalt-demo}
${KS_ALT_MEMBER:-alt-member} ${KS_ALT_PASSWORD:-$demo_pw} ${KS_ALT_PROJECT:-basalt-alt}
USERS
