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
    "rounds",
    "measures",
    "voice",
    "papers",
    "scaledata",
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


# The domain at the bottom, then what stands on it; an app imports nothing from above it.
STANDS_ON = {
    "actions": {"inspections"},
    "measures": {"actions", "inspections"},
    "voice": {"actions", "inspections", "measures"},
    "rounds": {"actions", "inspections"},
    # The generator writes the domain's tables; no screen depends on it.
    "scaledata": {"actions", "inspections"},
}
SCREENS_AND_TOOLS = {"demo", "planning", "people", "scaledata"}


@pytest.mark.parametrize(
    "app, forbidden",
    [
        ("ui", DOMAIN_APPS),
        ("inspections", DOMAIN_APPS - {"inspections"}),
        *[(app, DOMAIN_APPS - below - {app}) for app, below in STANDS_ON.items()],
        ("board", {"progress", "papers"} | SCREENS_AND_TOOLS),
        ("spreadsheets", {"board", "progress", "papers"} | SCREENS_AND_TOOLS),
        ("progress", {"papers"} | SCREENS_AND_TOOLS),
        ("papers", SCREENS_AND_TOOLS),
    ],
)
def test_an_app_imports_nothing_from_the_apps_that_stand_on_it(app, forbidden):
    assert _into(app, forbidden) == set()
