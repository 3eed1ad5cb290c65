"""Which way the arrows run between the apps (STYLE.md), checked on every import statement."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

DOMAIN_APPS = {
    "actions",
    "inspections",
    "progress",
    "board",
    "spreadsheets",
    "demo",
    "planning",
    "people",
    "measures",
    "voice",
}


def _imports(app: str) -> set[str]:
    """'path: module' for every absolute import in the app's Python files, nested ones too."""
    app_dir = Path(settings.BASE_DIR) / app
    found = set()
    for path in app_dir.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            found.update(f"{path.relative_to(app_dir.parent)}: {name}" for name in modules)
    return found


def _into(app: str, forbidden: set[str]) -> set[str]:
    return {line for line in _imports(app) if line.split(": ")[1].split(".")[0] in forbidden}


@pytest.mark.parametrize(
    "app, forbidden",
    [
        ("ui", DOMAIN_APPS),
        ("inspections", DOMAIN_APPS - {"inspections"}),
        (
            "actions",
            {
                "progress",
                "demo",
                "board",
                "spreadsheets",
                "planning",
                "people",
                "measures",
                "voice",
            },
        ),
        ("measures", {"progress", "demo", "board", "spreadsheets", "planning", "people", "voice"}),
        ("voice", {"progress", "demo", "board", "spreadsheets", "planning", "people"}),
        ("board", {"progress", "demo"}),
        ("spreadsheets", {"board", "progress", "demo"}),
    ],
)
def test_an_app_imports_nothing_from_the_apps_that_stand_on_it(app, forbidden):
    assert _into(app, forbidden) == set()
