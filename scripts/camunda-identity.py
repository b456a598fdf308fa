#!/usr/bin/env python3
"""Sets up CivicFlow's users, groups, roles, tenants and authorizations on a Camunda 8.8 cluster (the
docker-compose.yml path), from the same users file the embedded engine reads, through Camunda's identity API
(/v2/users, /v2/groups, /v2/roles, /v2/tenants, /v2/authorizations):

    python3 scripts/camunda-identity.py [--url http://localhost:8080] [--admin demo:demo] [--password demo]
                                        [--users engine/src/main/resources/io/civicflow/engine/web/auth/default-users.yaml]

Every user gets --password (the users file keeps only BCrypt hashes, which Camunda's API does not take), its
name and e-mail, and membership of its groups, roles and tenants; groups, roles and tenants are created as
needed; every entry of the file's authorizations section is granted unless the same grant exists (so the built-in
roles analyst and modeller get their permissions: modeller1 deploys, migrates and modifies, nothing else). Run it
again at will: what exists already (409, or an identical authorization) is left as it is. The administrators (group admin) and the service user are skipped:
Camunda's own admin (demo) plays their part.

Tasklist on Camunda 8.8 shows an official only the tasks where they are assignee, candidate user or in a
candidate group in its V1 mode (user task access restrictions); in the default V2 mode authorizations apply
per process definition only. processes/README.md, "Who is offered what".
"""
import argparse
import base64
import json
import re
import sys
import urllib.error
import urllib.request

SKIPPED = {"demo", "admin", "civicflow-workers"}


def read_users(path):
    users, current = {}, None
    in_users = False
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("users:"):
                in_users = True
                continue
            if in_users and re.match(r"^\S", line) and not line.startswith("#"):
                break
            m = re.match(r"^  ([\w.-]+):\s*$", line)
            if in_users and m:
                current = users.setdefault(m.group(1), {})
                continue
            m = re.match(r"^    (\w+):\s*(.*)$", line)
            if in_users and current is not None and m:
                key, value = m.group(1), m.group(2).strip()
                if value.startswith("["):
                    current[key] = [v.strip() for v in value.strip("[]").split(",") if v.strip()]
                else:
                    current[key] = value.strip('"')
    return users


def read_authorizations(path):
    grants, current, inside = [], None, False
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("authorizations:"):
                inside = True
                continue
            if not inside or line.lstrip().startswith("#") or not line.strip():
                continue
            if re.match(r"^\S", line):
                break
            m = re.match(r"^  (-| ) (\w+):\s*(.*)$", line)
            if not m:
                continue
            if m.group(1) == "-":
                current = {}
                grants.append(current)
            value = m.group(3).strip()
            if value.startswith("["):
                current[m.group(2)] = [v.strip() for v in value.strip("[]").split(",") if v.strip()]
            else:
                current[m.group(2)] = value.strip('"')
    return grants


def call(url, admin, method, path, body=None):
    request = urllib.request.Request(
        url.rstrip("/") + path,
        method=method,
        data=None if body is None else json.dumps(body).encode("utf-8"),
        headers={
            "Content-Type": "application/json",
            "Authorization": "Basic " + base64.b64encode(admin.encode("utf-8")).decode("ascii"),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read().decode("utf-8")
            return json.loads(text) if text.strip() else response.status
    except urllib.error.HTTPError as error:
        if error.code == 409:
            return 409
        sys.exit(f"{method} {path}: {error.code} {error.read().decode('utf-8', 'replace')}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://localhost:8080")
    parser.add_argument("--admin", default="demo:demo")
    parser.add_argument("--password", default="demo")
    parser.add_argument(
        "--users", default="engine/src/main/resources/io/civicflow/engine/web/auth/default-users.yaml"
    )
    args = parser.parse_args()
    users = read_users(args.users)
    groups = sorted({g for u, e in users.items() if u not in SKIPPED for g in e.get("groups", [])})
    for group in groups:
        call(args.url, args.admin, "POST", "/v2/groups", {"groupId": group, "name": group})
    for username, entry in users.items():
        if username in SKIPPED:
            continue
        call(
            args.url,
            args.admin,
            "POST",
            "/v2/users",
            {
                "username": username,
                "password": args.password,
                "name": entry.get("name", username),
                "email": entry.get("email", f"{username}@example.org.cn"),
            },
        )
        for group in entry.get("groups", []):
            call(args.url, args.admin, "PUT", f"/v2/groups/{group}/users/{username}")
        for role in entry.get("roles", []):
            call(args.url, args.admin, "POST", "/v2/roles", {"roleId": role, "name": role})
            call(args.url, args.admin, "PUT", f"/v2/roles/{role}/users/{username}")
        for tenant in entry.get("tenants", []):
            call(args.url, args.admin, "POST", "/v2/tenants", {"tenantId": tenant, "name": tenant})
            call(args.url, args.admin, "PUT", f"/v2/tenants/{tenant}/users/{username}")
    granted = 0
    for grant in read_authorizations(args.users):
        if grant["ownerType"] == "ROLE":
            call(args.url, args.admin, "POST", "/v2/roles", {"roleId": grant["ownerId"], "name": grant["ownerId"]})
        elif grant["ownerType"] == "GROUP":
            call(args.url, args.admin, "POST", "/v2/groups", {"groupId": grant["ownerId"], "name": grant["ownerId"]})
        existing = call(
            args.url,
            args.admin,
            "POST",
            "/v2/authorizations/search",
            {
                "filter": {
                    "ownerType": grant["ownerType"],
                    "ownerId": grant["ownerId"],
                    "resourceType": grant["resourceType"],
                    "resourceIds": [grant["resourceId"]],
                },
                "page": {"limit": 1000},
            },
        )
        wanted = sorted(grant["permissionTypes"])
        if any(sorted(item.get("permissionTypes", [])) == wanted for item in existing.get("items", [])):
            continue
        call(args.url, args.admin, "POST", "/v2/authorizations", grant)
        granted += 1
    print(
        f"{len(users) - len(SKIPPED & users.keys())} users, {len(groups)} groups, "
        f"{granted} new authorizations on {args.url}"
    )


if __name__ == "__main__":
    main()
