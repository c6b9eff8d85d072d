#!/usr/bin/env python3
"""Creates Basalt's Keystone fixture (find-or-create, safe to run again): the roles and their implications,
the service user Basalt validates tokens with, the demo projects and users the tests use, and the
block-storage catalog entries. Every name and password can be overridden by an environment variable; the
table is in README.md beside this file. Runs against an already bootstrapped Keystone
(keystone-manage bootstrap made the admin user, project and the roles admin, member, reader)."""

import os
import sys
import time

from keystoneauth1 import exceptions as ks_exc
from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3
from keystoneclient.v3 import client as ks_client


def env(name, default):
    value = os.environ.get(name)
    return value if value else default


KS_URL = env("KS_URL", "http://127.0.0.1:5000/v3")
REGION = env("KS_REGION", "RegionOne")
DOMAIN = env("KS_DOMAIN", "Default")
ADMIN_USER = env("KS_ADMIN_USER", "admin")
ADMIN_PASSWORD = env("KS_ADMIN_PASSWORD", "basalt-admin")
ADMIN_PROJECT = env("KS_ADMIN_PROJECT", "admin")
SERVICE_PROJECT = env("KS_SERVICE_PROJECT", "service")
SERVICE_USER = env("KS_SERVICE_USER", "basalt")
SERVICE_PASSWORD = env("KS_SERVICE_PASSWORD", "basalt-service")
DEMO_PROJECT = env("KS_DEMO_PROJECT", "basalt-demo")
DEMO_MEMBER = env("KS_DEMO_MEMBER", "demo-member")
DEMO_READER = env("KS_DEMO_READER", "demo-reader")
DEMO_PASSWORD = env("KS_DEMO_PASSWORD", "basalt-demo")
ALT_PROJECT = env("KS_ALT_PROJECT", "basalt-alt")
ALT_MEMBER = env("KS_ALT_MEMBER", "alt-member")
ALT_PASSWORD = env("KS_ALT_PASSWORD", DEMO_PASSWORD)
BASALT_ENDPOINT = env("BASALT_ENDPOINT", "http://127.0.0.1:8776").rstrip("/")
VOLUME_URL = BASALT_ENDPOINT + "/v3/%(project_id)s"
# (type, name): the openstack CLI / openstacksdk look up block-storage, cinderclient and Tempest volumev3.
SERVICES = [("volumev3", env("KS_VOLUMEV3_NAME", "cinderv3")),
            ("block-storage", env("KS_BLOCK_STORAGE_NAME", "cinder"))]
if env("KS_BLOCK_STORAGE_SERVICE", "true").lower() in ("false", "0", "no"):
    SERVICES = SERVICES[:1]

changes = []


def note(what):
    changes.append(what)
    print("keystone fixture: " + what)


def admin_client():
    auth = v3.Password(auth_url=KS_URL, username=ADMIN_USER, password=ADMIN_PASSWORD,
                       user_domain_name=DOMAIN, project_name=ADMIN_PROJECT, project_domain_name=DOMAIN)
    sess = ks_session.Session(auth=auth)
    # Keystone may have just started: its first requests can be slow or refused for a moment.
    for attempt in range(30):
        try:
            sess.get_token()
            break
        except (ks_exc.ConnectFailure, ks_exc.ServiceUnavailable, ks_exc.GatewayTimeout):
            if attempt == 29:
                raise
            time.sleep(1)
    # interface/endpoint_override: the catalog's identity URL may name a host this process cannot reach.
    return ks_client.Client(session=sess, endpoint_override=KS_URL, interface="public")


def only(items, what):
    if len(items) > 1:
        sys.exit("keystone fixture: more than one %s: %s" % (what, [i.id for i in items]))
    return items[0] if items else None


# Each kind of object is listed once (one request each): every request costs Keystone a token validation and
# policy check, which takes a second or more on a busy 2-core machine.
class Fixture:
    def __init__(self, ks, domain):
        self.ks = ks
        self.domain = domain
        self.roles = [r for r in ks.roles.list() if getattr(r, "domain_id", None) is None]
        self.projects = ks.projects.list(domain=domain)
        self.users = ks.users.list(domain=domain)
        self.assignments = {(a.user["id"], a.scope["project"]["id"], a.role["id"])
                            for a in ks.role_assignments.list()
                            if hasattr(a, "user") and "project" in getattr(a, "scope", {})}

    def role(self, name):
        found = only([r for r in self.roles if r.name == name], "role " + name)
        if found:
            return found
        note("role %s created" % name)
        return self.ks.roles.create(name=name)

    def implications(self, pairs):
        existing = {(r.prior_role["id"], implied["id"])
                    for r in self.ks.inference_rules.list_inference_roles() for implied in r.implies}
        for prior, implied in pairs:
            if (prior.id, implied.id) not in existing:
                note("implied role %s -> %s created" % (prior.name, implied.name))
                self.ks.inference_rules.create(prior.id, implied.id)

    def project(self, name, create=True):
        found = only([p for p in self.projects if p.name == name], "project " + name)
        if found:
            if not found.enabled:
                note("project %s enabled" % name)
                found = self.ks.projects.update(found, enabled=True)
            return found
        if not create:
            sys.exit("keystone fixture: no project %s" % name)
        note("project %s created" % name)
        return self.ks.projects.create(name=name, domain=self.domain, description="Basalt fixture")

    def user(self, name, password, proj, roles, check_password=True):
        found = only([u for u in self.users if u.name == name], "user " + name)
        if found is None:
            note("user %s created" % name)
            found = self.ks.users.create(name=name, domain=self.domain, password=password,
                                         default_project=proj, enabled=True)
            check_password = False
        elif not found.enabled:
            note("user %s enabled" % name)
            found = self.ks.users.update(found, enabled=True)
        for r in roles:
            if (found.id, proj.id, r.id) not in self.assignments:
                note("role %s granted to %s on %s" % (r.name, name, proj.name))
                self.ks.roles.grant(r, user=found, project=proj)
        # Only when the password differs: changing it revokes the user's tokens that others may be using.
        if check_password and not password_works(name, password, proj):
            note("password of %s updated" % name)
            self.ks.users.update(found, password=password)
        return found


def password_works(name, password, proj):
    auth = v3.Password(auth_url=KS_URL, username=name, password=password, user_domain_name=DOMAIN,
                       project_id=proj.id)
    try:
        ks_session.Session(auth=auth).get_token()
        return True
    except ks_exc.Unauthorized:
        return False


def catalog(ks, region):
    endpoints = ks.endpoints.list()
    services = ks.services.list()
    for stype, sname in SERVICES:
        svc = only([s for s in services if s.type == stype], "service of type " + stype)
        if svc is None:
            note("service %s (%s) created" % (sname, stype))
            svc = ks.services.create(name=sname, type=stype, description="Basalt block storage",
                                     enabled=True)
        elif svc.name != sname or not svc.enabled:
            note("service %s (%s) updated" % (sname, stype))
            svc = ks.services.update(svc, name=sname, enabled=True)
        for interface in ("public", "internal", "admin"):
            mine = [e for e in endpoints if e.service_id == svc.id and e.interface == interface
                    and e.region_id == region]
            if not mine:
                note("%s endpoint of %s created: %s" % (interface, stype, VOLUME_URL))
                ks.endpoints.create(service=svc, url=VOLUME_URL, interface=interface, region=region,
                                    enabled=True)
                continue
            for extra in mine[1:]:
                note("duplicate %s endpoint of %s deleted" % (interface, stype))
                ks.endpoints.delete(extra)
            if mine[0].url != VOLUME_URL or not mine[0].enabled:
                note("%s endpoint of %s updated: %s" % (interface, stype, VOLUME_URL))
                ks.endpoints.update(mine[0], url=VOLUME_URL, enabled=True)


def main():
    ks = admin_client()
    domain = ks.domains.get("default") if DOMAIN == "Default" else \
        only(ks.domains.list(name=DOMAIN), "domain " + DOMAIN)
    f = Fixture(ks, domain)
    admin, member, reader, service = (f.role(n) for n in ("admin", "member", "reader", "service"))
    # keystone-manage bootstrap makes admin -> member -> reader; make sure they are there.
    f.implications([(admin, member), (member, reader)])
    service_project = f.project(SERVICE_PROJECT)
    demo = f.project(DEMO_PROJECT)
    alt = f.project(ALT_PROJECT)
    # The admin's password is the one this process just authenticated with.
    f.user(ADMIN_USER, ADMIN_PASSWORD, f.project(ADMIN_PROJECT, create=False), [admin], check_password=False)
    f.user(SERVICE_USER, SERVICE_PASSWORD, service_project, [service, admin])
    f.user(DEMO_MEMBER, DEMO_PASSWORD, demo, [member])
    f.user(DEMO_READER, DEMO_PASSWORD, demo, [reader])
    f.user(ALT_MEMBER, ALT_PASSWORD, alt, [member])
    catalog(ks, REGION)
    print("keystone fixture: %s (%d change%s)" % ("up to date" if not changes else "ready", len(changes),
                                                  "" if len(changes) == 1 else "s"))


if __name__ == "__main__":
    main()
