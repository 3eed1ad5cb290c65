import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from wsoa.lib.env import env_bool, env_int, env_list


@pytest.mark.parametrize(
    "raw,expected", [("true", True), ("False", False), ("1", True), ("", False)]
)
def test_booleans_are_parsed_strictly(monkeypatch, raw, expected):
    monkeypatch.setenv("FLAG", raw)
    assert env_bool("FLAG", default=not expected) is expected


def test_a_mistyped_boolean_is_an_error_not_false(monkeypatch):
    monkeypatch.setenv("FLAG", "ture")
    with pytest.raises(ImproperlyConfigured, match="FLAG='ture' is not a boolean"):
        env_bool("FLAG", default=False)


def test_lists_are_comma_separated(monkeypatch):
    monkeypatch.setenv("HOSTS", "wsoa.example.org, localhost,")
    assert env_list("HOSTS", []) == ["wsoa.example.org", "localhost"]


def test_settings_refuse_to_start_without_a_secret_key_when_debug_is_off():
    env = {"DEBUG": "false", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", "import wsoa.settings"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off." in result.stderr


def test_settings_use_london_time_and_british_english():
    from django.conf import settings

    assert settings.TIME_ZONE == "Europe/London"
    assert settings.LANGUAGE_CODE == "en-gb"


def test_whole_numbers_are_parsed_strictly(monkeypatch):
    monkeypatch.setenv("LIMIT", " 25 ")
    assert env_int("LIMIT", 10) == 25
    monkeypatch.setenv("LIMIT", "25MB")
    with pytest.raises(ImproperlyConfigured, match="LIMIT='25MB' is not a whole number."):
        env_int("LIMIT", 10)
