"""The dashboard page of ``detente serve``: the HTML shell and its static files.

In: a browser asking for ``/`` or ``/static/<name>``. Out: the page (a Jinja2 template from
``detente/data/web``, autoescaped, with the CAMEO roots and actor sectors for its filters), our own script and
style sheet, and plotly.js from the installed ``plotly`` package (never a CDN: the machine may be offline).
Everything the page shows comes from the JSON API (``detente.web.api``); the script builds the DOM with
``textContent`` only, because evidence sentences are untrusted text from the news.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from detente.config import Settings, load_settings
from detente.lexicon import load_lexicon, load_scale

router = APIRouter(include_in_schema=False)

WEB_DIR = Path(str(resources.files("detente").joinpath("data", "web")))
PLOTLY_JS = ("plotly", "package_data/plotly.min.js")  # package, file inside it
STATIC_TYPES = {"app.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8"}
QUAD_CLASSES = (("1", "Verbal cooperation"), ("2", "Material cooperation"), ("3", "Verbal conflict"),
                ("4", "Material conflict"))
FREQS = ("month", "quarter", "year", "week")
DEFAULT_DYAD = ("KOR", "JPN")
# The page loads only its own script, style sheet and plotly (which adds inline styles): nothing an injected
# evidence sentence could smuggle in would run even if it ever reached the DOM as markup.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'")
STATE_KEY = "detente_ui"


@dataclass(frozen=True, slots=True)
class PageChoices:
    """The options of the page's filters: CAMEO roots (code, name, quad class) and actor sectors (code, name)."""

    roots: tuple[tuple[str, str, int], ...]
    sectors: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Page:
    """What the page needs, built once per app: the template environment and the filter choices."""

    env: Environment
    choices: PageChoices


def make_page_choices(settings: Settings) -> PageChoices:
    """Filter options from the configured CAMEO scale and actor lexicons."""
    scale = load_scale(settings.scale_file)
    lexicon = load_lexicon(settings.lexicon_dirs)
    roots = tuple((r.root, r.name, r.quad_class) for r in sorted(scale.roots, key=lambda r: r.root))
    sectors = tuple(sorted((code, entry.name) for code, entry in lexicon.sectors.items()))
    return PageChoices(roots, sectors)


def make_page(settings: Settings, web_dir: Path = WEB_DIR) -> Page:
    env = Environment(loader=FileSystemLoader(web_dir), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    return Page(env, make_page_choices(settings))


def _page(request: Request) -> Page:
    """The app's page, built on first use and kept on ``app.state`` (per app, never module-wide)."""
    state = request.app.state
    page = getattr(state, STATE_KEY, None)
    if page is None:
        page = make_page(_settings(state))
        setattr(state, STATE_KEY, page)
    return page


def _settings(state: object) -> Settings:
    """The app's settings (kept by its service), else the defaults."""
    for holder in (getattr(state, "service", None), state):
        settings = getattr(holder, "settings", None)
        if isinstance(settings, Settings):
            return settings
    return load_settings()


def render_index(page: Page) -> str:
    template = page.env.get_template("index.html")
    return template.render(roots=page.choices.roots, sectors=page.choices.sectors, quads=QUAD_CLASSES,
                           freqs=FREQS, default_a=DEFAULT_DYAD[0], default_b=DEFAULT_DYAD[1])


@router.get("/", response_class=HTMLResponse)
def index(request: Request) -> HTMLResponse:
    """The dashboard."""
    return HTMLResponse(render_index(_page(request)), headers={
        "Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-store"})


def static_file(name: str) -> tuple[Path, str]:
    """The file behind ``/static/<name>`` and its media type; only the listed names exist (no paths)."""
    if name == "plotly.min.js":
        package, inner = PLOTLY_JS
        return Path(str(resources.files(package).joinpath(inner))), "text/javascript; charset=utf-8"
    if name in STATIC_TYPES:
        return WEB_DIR / name, STATIC_TYPES[name]
    raise HTTPException(status_code=404, detail=f"no static file {name!r}")


@router.get("/static/{path}")
def static(path: str) -> FileResponse:
    """The page's script, style sheet and plotly.js."""
    file, media_type = static_file(path)
    if not file.is_file():
        raise HTTPException(status_code=404, detail=f"static file {path!r} is missing from the installation")
    return FileResponse(file, media_type=media_type,
                        headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"})
