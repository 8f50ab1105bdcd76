"""MkDocs hook: record which language each (nested) build is for.

Listed first in mkdocs.yml; see site_languages.current_language for why.
"""

from mkdocs.plugins import event_priority

from site_languages import begin_build, end_build


@event_priority(1000)
def on_pre_build(config):
    begin_build(config)


@event_priority(-1000)
def on_post_build(config):
    end_build()


def on_build_error(error):
    end_build()
