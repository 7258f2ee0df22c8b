"""A real OpenID Connect provider for the single sign-on tests: tests/oidc_provider/server.js (the certified
oidc-provider package) on a free port of 127.0.0.1, signing with a key the tests make, so that a test can also
sign tokens the provider could have signed (and others it could not)."""

import html
import json
import os
import re
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import jwt
import requests
from cryptography.hazmat.primitives.asymmetric import rsa

ROOT = Path(__file__).resolve().parent.parent
SERVER = ROOT / "tests" / "oidc_provider"
CLIENT_ID = "strategiportal"
CLIENT_SECRET = "strategiportal-test-secret"
KEY_ID = "portal-test-key"

# The directory's groups (server.js) and the portal's roles they give.
COMMITTEE_GROUP = "SG-Beskaeftigelsesudvalg"
MANAGER_GROUP = "SG-Jobcenter-Ledere"
ROLE_MAP = f"{COMMITTEE_GROUP}=Udvalgsmedlem,{MANAGER_GROUP}=Afdelingsleder"
# The accounts server.js knows; any password logs in.
COMMITTEE_MEMBER = "udvalg@kommune.example"
MANAGER = "leder@kommune.example"
NO_ROLE = "kantine@kommune.example"


@dataclass
class Provider:
    url: str
    key: rsa.RSAPrivateKey
    process: subprocess.Popen = field(repr=False)

    @property
    def discovery_url(self) -> str:
        return f"{self.url}/.well-known/openid-configuration"

    def sign(self, claims: dict, key: rsa.RSAPrivateKey | None = None) -> str:
        """An ID token signed with the provider's key (or another), under the provider's key id."""
        return jwt.encode(claims, key or self.key, algorithm="RS256", headers={"kid": KEY_ID})


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_provider() -> Provider:
    if not (SERVER / "node_modules" / "oidc-provider").is_dir():
        subprocess.run([str(ROOT / "bin" / "ensure-oidc-provider")], check=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key)) | {"kid": KEY_ID, "use": "sig", "alg": "RS256"}
    jwk.pop("key_ops", None)  # PyJWT's ["sign"] would keep the provider from verifying its own tokens
    keys = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)  # noqa: SIM115 (kept until stop)
    with keys:
        json.dump({"keys": [jwk]}, keys)
    port = _free_port()
    process = subprocess.Popen(
        ["node", "server.js"],
        cwd=SERVER,
        env=os.environ | {"PORT": str(port), "JWKS_FILE": keys.name},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    provider = Provider(f"http://127.0.0.1:{port}", key, process)
    deadline = time.monotonic() + 20
    while True:
        try:
            if requests.get(provider.discovery_url, timeout=1).ok:
                break
        except requests.ConnectionError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            stop_provider(provider)
            raise RuntimeError("The test OpenID Connect provider did not start (see tests/oidc_provider/).")
        time.sleep(0.1)
    os.unlink(keys.name)  # read at start
    return provider


def stop_provider(provider: Provider) -> None:
    provider.process.terminate()
    try:
        provider.process.wait(5)
    except subprocess.TimeoutExpired:
        provider.process.kill()
        provider.process.wait()


def configure(settings, provider: Provider, **overrides) -> None:
    """The portal's settings for single sign-on against the test provider, as the environment sets them."""
    from operations import sso

    settings.OIDC_ENABLED = True
    settings.OIDC_DISCOVERY_URL = provider.discovery_url
    settings.OIDC_ISSUER = provider.url
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_RP_SCOPES = "openid profile email groups"
    settings.OIDC_ROLE_MAP = ROLE_MAP
    settings.BREAK_GLASS_ACCOUNTS = ["noedadgang"]
    csp = {directive: list(sources) for directive, sources in settings.SECURE_CSP.items()}
    csp["form-action"].append(provider.url)
    settings.SECURE_CSP = csp
    for name, value in overrides.items():
        setattr(settings, name, value)
    sso.forget_provider()


def log_in_without_browser(client, provider: Provider, account: str):
    """The whole authorization code flow with Django's test client on the portal's side and plain HTTP on the
    provider's (its login form, filled in): the portal's answer to the provider's redirect back."""
    start = client.get("/oidc/authenticate/")
    assert start.status_code == 302, start
    browser = requests.Session()
    page = browser.get(start["Location"], timeout=10)
    action = html.unescape(re.search(r'<form[^>]*action="([^"]+)"', page.text).group(1))
    answer = browser.post(
        urljoin(page.url, action),
        data={"prompt": "login", "login": account, "password": "hvad-som-helst"},
        allow_redirects=False,
        timeout=10,
    )
    while not answer.headers["Location"].startswith("http://testserver/"):
        next_url = urljoin(answer.url, answer.headers["Location"])
        answer = browser.get(next_url, allow_redirects=False, timeout=10)
    back = urlsplit(answer.headers["Location"])
    return client.get(back.path, {key: values[0] for key, values in parse_qs(back.query).items()})
