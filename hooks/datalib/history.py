"""Earlier versions of the English pages, read from git history.

A translation records only the content hash of the English page it was
reviewed against; the version itself is found by hashing the page as it was
in each commit. This is the one module that asks git anything. Without
history (a tarball, a copy, a shallow clone that lacks the commit) callers
get None and fall back to the hash status.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Callable


@dataclass(frozen=True)
class Version:
    commit: str
    date: str  # YYYY-MM-DD, the commit date
    text: str


class History:
    def __init__(self, root: Path):
        self.root = root.resolve()
        self._versions: dict[str, list[Version]] = {}
        top = self._git("rev-parse", "--show-toplevel")
        # A folder inside some other repository has no history of its own.
        self.available = top is not None and Path(top.strip()).resolve() == self.root
        self.shallow = self.available and (self._git("rev-parse", "--is-shallow-repository") or "").strip() == "true"

    @property
    def unavailable_reason(self) -> str | None:
        if not self.available:
            return f"{self.root} is not a git repository"
        if self.shallow:
            return "this is a shallow clone (fetch the full history: git fetch --unshallow)"
        return None

    def versions(self, path: str) -> list[Version]:
        """Every committed version of `path` (relative to the root), newest first."""
        if not self.available:
            return []
        if path not in self._versions:
            log = self._git("log", "--format=%H %cs", "--", path) or ""
            versions = []
            for line in log.splitlines():
                commit, _, date = line.partition(" ")
                text = self._git("show", f"{commit}:{path}")
                if text is not None:
                    versions.append(Version(commit, date, text))
            self._versions[path] = versions
        return self._versions[path]

    def version_with_hash(self, path: str, wanted: str, content_hash: Callable[[str], str]) -> Version | None:
        """The newest committed version of `path` whose content hash is `wanted`."""
        return next((v for v in self.versions(path) if content_hash(v.text) == wanted), None)

    def text_at(self, revision: str, path: str) -> str | None:
        return self._git("show", f"{revision}:{path}") if self.available else None

    def _git(self, *args: str) -> str | None:
        try:
            result = subprocess.run(["git", "-C", str(self.root), *args], capture_output=True, text=True, encoding="utf-8", timeout=60)
        except (OSError, subprocess.TimeoutExpired):
            return None
        return result.stdout if result.returncode == 0 else None
