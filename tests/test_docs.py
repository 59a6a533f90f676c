"""The documentation stays readable: a short README that links every other document."""

from __future__ import annotations

import re

from .conftest import ROOT

LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def test_readme_is_short() -> None:
    size = len((ROOT / "README.md").read_bytes())
    assert size <= 10 * 1024, f"README.md is {size} bytes; move detail into docs/"


def test_every_document_is_one_link_from_the_readme() -> None:
    linked = set(LINK.findall((ROOT / "README.md").read_text(encoding="utf-8")))
    documents = {p.relative_to(ROOT).as_posix() for p in (ROOT / "docs").glob("*.md")}
    documents |= {"bench/README.md", "ARCHITECTURE.md", "CONTRIBUTING.md"}
    missing = sorted(documents - linked)
    assert not missing, f"README.md does not link: {missing}"


def test_relative_links_resolve() -> None:
    pages = [ROOT / "README.md", ROOT / "ARCHITECTURE.md", ROOT / "CONTRIBUTING.md",
             ROOT / "bench" / "README.md", *(ROOT / "docs").glob("*.md")]
    broken = [f"{page.relative_to(ROOT)} → {target}"
              for page in pages for target in LINK.findall(page.read_text(encoding="utf-8"))
              if "://" not in target and not (page.parent / target).exists()]
    assert not broken, f"broken links: {broken}"
