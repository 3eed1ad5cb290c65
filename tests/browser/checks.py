"""Accessibility and HTML checks run against real pages: axe-core in chromium, the Nu checker."""

import json
import subprocess
import tempfile
from pathlib import Path

from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# WCAG 2.0, 2.1 and 2.2 at levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page: Page) -> list[dict]:
    # Evaluated by the browser's tooling rather than added as a <script>: the page's
    # Content-Security-Policy, rightly, runs no inline script without its nonce.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async (tags) => await axe.run(document, {
            runOnly: {type: "tag", values: tags},
            resultTypes: ["violations"],
        })""",
        WCAG_TAGS,
    )
    return result["violations"]


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {' '.join(node['target'])}: {node['failureSummary']}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    ... and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


def html_errors(documents: dict[str, str]) -> dict[str, list[dict]]:
    """Errors the Nu HTML Checker (vnu.jar, on the machine's Java) finds, by document name.

    One run checks every document: starting Java costs seconds.
    """
    with tempfile.TemporaryDirectory() as folder:
        paths = {}
        for number, (name, html) in enumerate(documents.items()):
            path = Path(folder) / f"page-{number}.html"
            path.write_text(html, encoding="utf-8")
            paths[str(path.resolve())] = name
        completed = subprocess.run(
            ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *paths],
            capture_output=True,
            check=False,
        )
    report = json.loads(completed.stderr or completed.stdout)
    errors: dict[str, list[dict]] = {}
    for message in report["messages"]:
        if message["type"] in ("error", "non-document-error"):
            name = paths.get(message.get("url", "").removeprefix("file:"), "?")
            errors.setdefault(name, []).append(message)
    return errors


def describe_html_errors(errors: dict[str, list[dict]]) -> str:
    return "\n".join(
        f"{name}, line {e.get('lastLine', '?')}: {e['message']}\n    {e.get('extract', '').strip()}"
        for name, messages in errors.items()
        for e in messages
    )


# Styles that change when an element shows a visible focus indicator.
_FOCUS_STYLE_JS = """(el) => {
    const s = getComputedStyle(el);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow,
            s.backgroundColor, s.color, s.textDecorationLine, s.textDecorationThickness,
            s.borderColor].join("|");
}"""

_INTERACTIVE = (
    "a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), "
    "select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1'])"
)


def keyboard_walk(page: Page) -> tuple[set[int], set[int], list[str]]:
    """Tab through the page once.

    Returns the interactive elements expected to take focus (by index), those that did,
    and a description of each element that took focus without a visible change.
    """
    page.evaluate(
        """(selector) => {
            const visible = (el) => {
                const s = getComputedStyle(el);
                // The content of a closed <details> is not on show (Chromium still gives
                // it boxes): only its summary takes focus until it is opened.
                let inClosedDetails = false;
                for (let d = el.closest("details"); d; d = d.parentElement.closest("details")) {
                    const ownSummary = el.tagName === "SUMMARY" && el.parentElement === d;
                    if (!d.open && !ownSummary) inClosedDetails = true;
                    if (!d.parentElement) break;
                }
                return s.visibility !== "hidden" && s.display !== "none"
                    && !el.closest("[hidden]") && !inClosedDetails
                    && el.getClientRects().length > 0;
            };
            window.__interactive = [...document.querySelectorAll(selector)].filter(
                (el) => visible(el) || el.classList.contains("govuk-skip-link"));
            window.__interactive.forEach((el, i) => el.setAttribute("data-kb-index", i));
        }""",
        _INTERACTIVE,
    )
    expected = set(range(page.evaluate("window.__interactive.length")))
    page.evaluate("document.activeElement && document.activeElement.blur()")
    blurred = {
        i: page.locator(f"[data-kb-index='{i}']").evaluate(_FOCUS_STYLE_JS) for i in expected
    }
    reached: set[int] = set()
    invisible: list[str] = []
    for _ in range(len(expected) + 5):
        page.keyboard.press("Tab")
        index = page.evaluate(
            "document.activeElement && document.activeElement.getAttribute('data-kb-index')"
        )
        if index is None:
            continue
        index = int(index)
        if index in reached:
            break
        reached.add(index)
        focused = page.locator(f"[data-kb-index='{index}']").evaluate(_FOCUS_STYLE_JS)
        if focused == blurred[index]:
            invisible.append(page.evaluate("document.activeElement.outerHTML.slice(0, 120)"))
    return expected, reached, invisible


# WCAG 1.4.12 Text Spacing: content must survive these overrides without loss.
TEXT_SPACING_CSS = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""


def sideways_scrolling(page: Page, *, width: int = 320, text_spacing: bool = False) -> str:
    """How far the whole page scrolls sideways at `width` CSS px (WCAG 1.4.10 Reflow).

    Returns "" when it does not, else the widths and the elements that stick out furthest.
    The viewport is put back afterwards and the text-spacing overrides taken off.
    """
    size = page.viewport_size
    page.set_viewport_size({"width": width, "height": 640})
    if text_spacing:
        add_text_spacing(page)
    try:
        return page.evaluate(
            """() => {
                const root = document.documentElement;
                if (root.scrollWidth <= root.clientWidth) return "";
                // The outermost elements that stick out: those whose parent fits.
                const sticksOut = (el) => el.getBoundingClientRect().right > root.clientWidth + 1;
                const wide = [...document.querySelectorAll("body *")]
                    .filter((el) => sticksOut(el) && !sticksOut(el.parentElement)
                        && !el.closest(".govuk-visually-hidden"))
                    .map((el) => [el.getBoundingClientRect().right,
                        el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
                        + (typeof el.className === "string" && el.className.trim()
                           ? "." + el.className.trim().split(/\\s+/).join(".") : "")])
                    .sort((a, b) => b[0] - a[0]).slice(0, 4)
                    .map(([right, name]) => `${name} to ${Math.round(right)}px`);
                return `${root.scrollWidth}px wide: ${wide.join(", ")}`;
            }"""
        )
    finally:
        if text_spacing:
            page.evaluate("() => { document.adoptedStyleSheets = []; }")
        page.set_viewport_size(size)


def add_text_spacing(page: Page) -> None:
    """Apply the WCAG 1.4.12 overrides as a constructed style sheet: the Content Security
    Policy refuses an injected <style> element, as it should, but not the CSS object model."""
    page.evaluate(
        """(css) => {
            const sheet = new CSSStyleSheet();
            sheet.replaceSync(css);
            document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
        }""",
        TEXT_SPACING_CSS,
    )
