"""Running the portal's own commands in a separate process, under production settings."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_in_production(
    *command: str, timeout: int = 120, **settings: str | None
) -> subprocess.CompletedProcess[str]:
    """Run `python *command` with DEBUG off and the required settings; a setting given as None is left out."""
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "strategy_portal.settings",
        "DEBUG": "False",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "portal.kommune.dk",
    }
    env = {name: value for name, value in (env | settings).items() if value is not None}
    return subprocess.run(
        [sys.executable, *command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
