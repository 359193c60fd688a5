"""The deployment files keep the properties operators rely on."""

from __future__ import annotations

from pathlib import Path

import yaml

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def test_dockerfile_is_slim_non_root_with_healthcheck() -> None:
    text = (DEPLOY / "Dockerfile").read_text()
    assert "FROM python:3.11-slim" in text
    assert "USER civicbot" in text and "USER root" not in text
    assert "HEALTHCHECK" in text and 'VOLUME ["/data"]' in text
    assert 'CMD ["civicbot", "run"]' in text


def test_compose_keeps_the_database_on_a_volume_and_has_a_webhook_profile() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    assert "civicbot-data:/data" in services["bot"]["volumes"]
    assert "civicbot-data" in compose["volumes"]
    assert services["proxy"]["profiles"] == ["webhook"]
    assert services["bot-webhook"]["profiles"] == ["webhook"]
    assert "nginx" in services["proxy"]["image"]
    assert "CIVICBOT_SECRET" not in services["bot"]["environment"]  # a file, not a variable


def test_systemd_unit_is_hardened() -> None:
    lines = set((DEPLOY / "civicbot.service").read_text().splitlines())
    for wanted in (
        "NoNewPrivileges=yes",
        "ProtectSystem=strict",
        "ProtectHome=yes",
        "PrivateTmp=yes",
        "StateDirectory=civicbot",
        "ReadWritePaths=/var/lib/civicbot",
        "Restart=on-failure",
        "LoadCredential=civicbot_secret:/etc/civicbot/secret",
    ):
        assert wanted in lines, wanted


def test_nginx_terminates_tls_and_forwards_only_the_webhook() -> None:
    text = (DEPLOY / "nginx.conf").read_text()
    assert "listen 443 ssl;" in text and "ssl_certificate " in text
    assert text.count("proxy_pass ") == 1 and "location = /telegram" in text
    assert "return 404;" in text and "access_log off;" in text
