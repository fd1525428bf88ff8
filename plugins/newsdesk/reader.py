"""Pelican reads articles' front matter through the guard too.

pelican-yaml-metadata parses front matter with `yaml.safe_load`: an alias bomb an editor
pastes hangs it, `date: 2021-02-30` raises. This reader is that one with Newsdesk's bounded
loader and front-matter schema: a field that breaks it is named with what to do and left
out, and Pelican goes on with the rest of the article.
"""

from __future__ import annotations

import logging

from pelican.plugins.yaml_metadata.yaml_metadata import HEADER_RE, YAMLMetadataReader
from pelican.utils import pelican_open

from . import guard
from .site import rendercache

log = logging.getLogger("newsdesk")


class GuardedYAMLReader(YAMLMetadataReader):
    def _load_yaml_metadata(self, text, source_path):
        try:
            metadata = guard.parse_yaml(text, first_line=2)
        except guard.GuardError as exc:
            log.error("%s: front matter %s; fix it by hand (Newsdesk never overwrites edited articles)", source_path, exc)
            return {}
        fields, problems = guard.check_mapping(metadata, "front_matter", str(source_path), unknown="keep")
        for problem in problems:
            log.warning("%s: %s", source_path, problem)
        fields = {k: list(v) if isinstance(v, tuple) else v for k, v in guard.carriable_values(fields).items()}
        return self._parse_yaml_metadata(fields, source_path)

    def read(self, source_path):
        """Front matter read through the guard; the body rendered once per text (site/rendercache.py);
        the rendered body loses what XML and JSON cannot carry too (it goes into feeds)."""
        with pelican_open(source_path) as text:
            found = HEADER_RE.fullmatch(text)
        if not found:  # no front matter: Pelican's own Markdown reading, as the plugin does
            content, metadata = super().read(source_path)
            return guard.carriable(content), metadata
        metadata = self._load_yaml_metadata(found.group("metadata"), source_path)
        body = found.group("content")
        content = rendercache.for_settings(self.settings).render(body, lambda: self._md.reset().convert(body))
        return guard.carriable(content), metadata


def add_reader(readers) -> None:
    for extension in GuardedYAMLReader.file_extensions:
        readers.reader_classes[extension] = GuardedYAMLReader
