"""Pelican reads articles' front matter through the guard too.

pelican-yaml-metadata parses front matter with `yaml.safe_load`: an alias bomb an editor
pastes hangs it, `date: 2021-02-30` raises. This reader is that one with Newsdesk's bounded
loader and front-matter schema: a field that breaks it is named with what to do and left
out, and Pelican goes on with the rest of the article.
"""

from __future__ import annotations

import logging

from pelican.plugins.yaml_metadata.yaml_metadata import YAMLMetadataReader

from . import guard

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
        """The rendered body loses what XML and JSON cannot carry too (it goes into feeds)."""
        content, metadata = super().read(source_path)
        return guard.carriable(content), metadata


def add_reader(readers) -> None:
    for extension in GuardedYAMLReader.file_extensions:
        readers.reader_classes[extension] = GuardedYAMLReader
