"""The resource center's search box: results as the visitor types (same service as REST)."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from konduct.domain.errors import ValidationFailed
from konduct.services import resources
from konduct.state.session import SessionState


@dataclass
class SnippetPart:
    text: str
    match: bool


@dataclass
class SearchResult:
    url: str
    title: str
    kind: str
    parts: list[SnippetPart]


class ResourcesState(SessionState):
    query: str = ""
    results: list[SearchResult] = []

    @rx.var
    def searching(self) -> bool:
        return self.query.strip() != ""

    @rx.event
    def set_query(self, value: str):
        self._search(value)

    def _search(self, value: str) -> None:
        self.query = value[: resources.MAX_QUERY]
        try:
            found = resources.search(self.query, limit=8)
        except ValidationFailed:
            found = []
        self.results = [
            SearchResult(
                url=hit["url"],
                title=hit["title"],
                kind="Tutorial" if hit["kind"] == "video" else "Guide",
                parts=[SnippetPart(p["text"], p["match"]) for p in hit["snippet_parts"]],
            )
            for hit in found
        ]

    @rx.event
    async def open_center(self):
        """``/resources?q=words`` opens with that search (links from elsewhere can use it)."""
        await self.load()
        query = self.router.url.query_parameters.get("q", "")
        if query:
            self._search(query)

    @rx.event
    def clear(self):
        self.query, self.results = "", []
