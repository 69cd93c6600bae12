"""Write the example brief: ingest the bundled demo corpus into a temporary store and write the KOR–JPN brief
(with the United States as the third country) to docs/examples/brief-kor-jpn.md and .html.

    .venv/bin/python scripts/make_example_brief.py [--out docs/examples]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from detente.config import DATA_DIR, load_settings
from detente.report.brief import make_brief
from detente.runners.pipeline import ingest, make_coder
from detente.store import open_store

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "examples")
    args = parser.parse_args()
    settings = load_settings()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "demo.duckdb") as store:
        ingest(sorted((DATA_DIR / "demo" / "articles").glob("*.txt")), store, make_coder(settings))
        for fmt in ("md", "html"):
            path = args.out / f"brief-kor-jpn.{fmt}"
            path.write_text(make_brief(store, "KOR", "JPN", settings, with_="USA", fmt=fmt), encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


if __name__ == "__main__":
    main()
