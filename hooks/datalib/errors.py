"""One error type for every problem a contributor can make in data/."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class DataError(Exception):
    """A mistake in a data file, located as precisely as the loader knows it.

    str() gives the one-line message the build prints:
    ``data/x.yaml:12: tables.t.rows[0].label [hu]: missing text``
    """

    file: str
    message: str
    path: str = ""
    line: int | None = None
    language: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        what = self.path
        if self.language:
            what = f"{what} [{self.language}]" if what else f"[{self.language}]"
        return f"{where}: {what}: {self.message}" if what else f"{where}: {self.message}"
