"""MkDocs hook: compile each theme template once per run, not once per language.

static-i18n runs a full MkDocs build per language, and every build creates a
fresh Jinja environment that compiles Material's templates again. A bytecode
cache kept in memory for the whole run lets the later builds reuse the
compiled code (Jinja keys it by template name and source checksum, so an
edited template is compiled anew).
"""

from __future__ import annotations

from jinja2 import BytecodeCache


class MemoryBytecodeCache(BytecodeCache):
    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        code = self._store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


_cache = MemoryBytecodeCache()


def on_env(env, config, files):
    env.bytecode_cache = _cache
    return env
