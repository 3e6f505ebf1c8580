#!/usr/bin/env python3
"""Logs in to the masar realm as a demo user through the masar-ui client (authorization code with PKCE, as the
browser does) and prints the roles in the access token. Checks a deployed realm after an import or a change:

    python3 ops/keycloak/check-login.py worker                          # Keycloak of docker-compose.yml
    python3 ops/keycloak/check-login.py manager http://localhost:18180  # another Keycloak
    python3 ops/keycloak/check-login.py worker http://localhost:18180 --token   # also prints the access token

The demo users are those of the embedded mode, with the same passwords ("worker-demo" for worker, ...;
ops/keycloak/masar-realm.json): delete them before real use. MASAR_PASSWORD gives another password.
"""
import base64, hashlib, html, json, os, re, sys, urllib.parse, urllib.request
args = [a for a in sys.argv[1:] if not a.startswith("--")]
user = args[0]
BASE = args[1] if len(args) > 1 else "http://localhost:8180"
KC = BASE + "/realms/masar/protocol/openid-connect"
password = os.environ.get("MASAR_PASSWORD", user + "-demo")
verifier = base64.urlsafe_b64encode(os.urandom(32)).rstrip(b"=").decode()
challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
redirect = "http://localhost:8080/callback"
class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k): return None
opener = urllib.request.build_opener(NoRedirect)
# Keycloak's cookies are Secure; browsers send them to http://localhost, Python's cookie jar does not: by hand
cookies = {}
def call(url, data=None):
    req = urllib.request.Request(url, data=data, headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())})
    try:
        resp = opener.open(req)
    except urllib.error.HTTPError as e:
        resp = e
    for c in resp.headers.get_all("Set-Cookie") or []:
        k, v = c.split(";")[0].split("=", 1)
        cookies[k] = v
    return resp
q = urllib.parse.urlencode({"client_id": "masar-ui", "response_type": "code", "scope": "openid",
    "redirect_uri": redirect, "code_challenge": challenge, "code_challenge_method": "S256"})
page = call(f"{KC}/auth?{q}").read().decode()
action = html.unescape(re.search(r'action="([^"]+)"', page).group(1))
resp = call(action, urllib.parse.urlencode({"username": user, "password": password}).encode())
location = resp.headers["Location"]
code = urllib.parse.parse_qs(urllib.parse.urlparse(location).query)["code"][0]
tok = json.load(call(f"{KC}/token", urllib.parse.urlencode({"grant_type": "authorization_code",
    "client_id": "masar-ui", "code": code, "redirect_uri": redirect, "code_verifier": verifier}).encode()))
payload = tok["access_token"].split(".")[1]
claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
print(user, "->", claims["preferred_username"], "roles:", claims.get("roles"), "iss:", claims["iss"])
if "--token" in sys.argv:
    print(tok["access_token"])
