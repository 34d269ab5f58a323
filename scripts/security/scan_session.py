"""Sign a demo staff user in for `make security`'s scanners, as a browser does, and list targets.

    scan_session.py BASE_URL DEMO_USERS_FILE ROLE OUT_DIR [CA_FILE]

Goes through the real sign-in pages over HTTPS (the password, then a TOTP code computed from the
demo user's authenticator key, which `create_demo_users` printed into DEMO_USERS_FILE), so the
session the scanners use has its second factor passed exactly as a person's would. Writes:

- OUT_DIR/ROLE.cookie: the session's Cookie header, for wapiti (-C) and sqlmap (--cookie);
- OUT_DIR/ROLE.targets: sqlmap targets for the staff forms ROLE can use, one a line as
  "URL|POST DATA|PAGE WITH THE CSRF TOKEN" (data and page empty for a GET), found on the seeded
  pages: a submission the demo handler holds, one awaiting review, the filters, the export form.

Only a loopback address is accepted; CA_FILE is the run's own self-signed certificate. Standard
library only.
"""

import base64
import hashlib
import hmac
import http.cookiejar
import ipaddress
import re
import ssl
import struct
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROLES = ("handler", "supervisor")
_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_REFERENCE = re.compile(r"/staff/submissions/(CPI-[A-Z0-9]{4}-[A-Z0-9]{4})/")
_APPROVAL = re.compile(r"/staff/audit/approvals/(CPI-[A-Z0-9]{4}-[A-Z0-9]{4})/")
_VERSION = re.compile(r'name="version" value="(\d+)"')
_ASSIGNEE = re.compile(r'<option value="(\d+)"')


class SignInFailed(RuntimeError):
    pass


def demo_credentials(text: str, role: str) -> tuple[str, str, str]:
    """(username, password, authenticator key) for ROLE from create_demo_users' output."""
    lines = text.splitlines()
    for number, line in enumerate(lines):
        words = line.split()
        if words[:1] == [role] and len(words) >= 2:
            for following in lines[number + 1 : number + 3]:
                if "authenticator key:" in following:
                    return role, words[1], following.split("authenticator key:")[1].strip()
    raise SignInFailed(f"no demo {role} with an authenticator key in the demo users' output")


def totp_now(key: str, *, at: float | None = None, step: int = 30, digits: int = 6) -> str:
    """RFC 6238 (HMAC-SHA1), as django-otp's TOTPDevice and authenticator apps compute it."""
    secret = base64.b32decode(key.upper() + "=" * (-len(key) % 8))
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(secret, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**digits
    return f"{code:0{digits}d}"


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class Browser:
    """Cookies, a Referer on every request (Django's CSRF check wants it over HTTPS), TLS."""

    def __init__(self, base: str, ca_file: str | None = None):
        parts = urllib.parse.urlsplit(base)
        if parts.scheme not in ("http", "https") or not _loopback(parts.hostname or ""):
            raise SignInFailed(f"{base} is not an http(s) address on this machine's loopback")
        self.base = base.rstrip("/")
        self.jar = http.cookiejar.CookieJar()
        handlers: list = [urllib.request.HTTPCookieProcessor(self.jar)]
        if self.base.startswith("https:"):
            context = ssl.create_default_context(cafile=ca_file)
            handlers.append(urllib.request.HTTPSHandler(context=context))
        self.opener = urllib.request.build_opener(*handlers)

    def open(self, path: str, data: dict | None = None) -> tuple[str, str]:
        """(final URL path, page) after following redirects."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        # Only http(s) to a loopback address (checked in __init__): S310's concern is other schemes.
        request = urllib.request.Request(  # noqa: S310
            self.base + path, data=body, headers={"Referer": self.base + "/"}
        )
        with self.opener.open(request, timeout=30) as response:
            final = urllib.parse.urlsplit(response.geturl())
            return final.path + (f"?{final.query}" if final.query else ""), response.read().decode()

    def post_form(self, path: str, fields: dict, *, page: str | None = None) -> tuple[str, str]:
        """Post to path with the form token of page (path itself unless given)."""
        _, html = self.open(page or path)
        token = _TOKEN.search(html)
        if token is None:
            raise SignInFailed(f"no form token on {page or path}")
        return self.open(path, {"csrfmiddlewaretoken": token.group(1), **fields})

    def cookie_header(self) -> str:
        return "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.jar)


def sign_in(browser: Browser, username: str, password: str, key: str) -> None:
    landed, _ = browser.post_form(
        "/accounts/sign-in/?next=/staff/",
        {"username": username, "password": password, "next": "/staff/"},
    )
    if not landed.startswith("/accounts/two-factor/"):
        raise SignInFailed(f"the password step did not lead to the code step (at {landed})")
    landed, page = browser.post_form(landed, {"otp_token": totp_now(key)})
    if not landed.startswith("/staff/") or "Sign out" not in page:
        raise SignInFailed(f"the code step did not sign {username} in (at {landed})")


def _first(pattern: re.Pattern, page: str, what: str) -> str:
    found = pattern.search(page)
    if found is None:
        raise SignInFailed(f"the seeded pages have no {what}")
    return found.group(1)


def targets(browser: Browser, role: str) -> list[str]:
    """sqlmap targets for the forms this role uses, with real references from the seeded data."""
    base = browser.base
    found = [f"{base}/staff/?q=Jade&status=new&risk=&priority=&assigned=&sort=priority||"]
    if role == "handler":
        _, queue = browser.open("/staff/?assigned=me&status=in_progress")
        if _REFERENCE.search(queue) is None:
            # Nothing held yet: take the next new submission, as a handler starting work does.
            landed, _ = browser.post_form("/staff/take-next/", {}, page="/staff/")
            queue = landed
        reference = _first(_REFERENCE, queue, "submission held by the demo handler")
        detail = f"{base}/staff/submissions/{reference}/"
        _, assessment = browser.open(f"/staff/submissions/{reference}/assessment/")
        version = _first(_VERSION, assessment, "assessment form")
        found += [
            f"{detail}notes/|text=Spoke+to+the+school|{detail}",
            f"{detail}reveal/|reason=To+ask+the+source+about+the+car|{detail}reveal/",
            f"{detail}assessment/|version={version}&risk=medium&priority=2&source_evaluation=2"
            "&intelligence_assessment=C&handling_code=P&handling_conditions=&outcome=no_action"
            f"&no_action_rationale=Already+known&action=save|{detail}assessment/",
            f"{base}/staff/bulk/|action=release&references={reference}|{base}/staff/",
        ]
    else:
        _, queue = browser.open("/staff/?status=awaiting_review")
        reference = _first(_REFERENCE, queue, "submission awaiting review")
        detail = f"{base}/staff/submissions/{reference}/"
        found += [
            f"{base}/staff/audit/?user=&reference=CPI&action=&date_from=&date_to=||",
            f"{detail}review/|decision=return&comment=Say+more+about+the+car|{detail}",
            f"{base}/staff/intelligence/exports/new/|format=csv&purpose=Briefing&recipient=Team"
            f"&category=&approval=|{base}/staff/intelligence/exports/new/",
        ]
        # Assigning is offered on open work that is not waiting for review.
        _, queue = browser.open("/staff/?status=new")
        open_work = _REFERENCE.search(queue)
        if open_work:
            page_url = f"/staff/submissions/{open_work.group(1)}/"
            _, page = browser.open(page_url)
            assignee = _ASSIGNEE.search(page)
            if assignee:
                found.append(
                    f"{base}{page_url}assign/|assignee={assignee.group(1)}|{base}{page_url}"
                )
        _, approvals = browser.open("/staff/audit/approvals/")
        approval = _APPROVAL.search(approvals)
        if approval:
            page = f"{base}/staff/audit/approvals/{approval.group(1)}/"
            found.append(f"{page}|decision=return&comment=Say+more|{page}")
    return found


def main(argv: list[str]) -> int:
    if len(argv) not in (4, 5):
        print(__doc__, file=sys.stderr)
        return 2
    base, users_file, role, out_dir = argv[:4]
    if role not in ROLES:
        print(f"ROLE must be one of {', '.join(ROLES)}", file=sys.stderr)
        return 2
    username, password, key = demo_credentials(Path(users_file).read_text(), role)
    browser = Browser(base, argv[4] if len(argv) == 5 else None)
    try:
        sign_in(browser, username, password, key)
        listed = targets(browser, role)
    except SignInFailed as error:
        print(f"scan session for {role}: {error}", file=sys.stderr)
        return 1
    out = Path(out_dir)
    (out / f"{role}.cookie").write_text(browser.cookie_header() + "\n")
    (out / f"{role}.targets").write_text("\n".join(listed) + "\n")
    print(f"{role} signed in (password and TOTP code); {len(listed)} sqlmap targets")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
