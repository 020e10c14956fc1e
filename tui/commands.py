"""Command palette entries for filtering by each actor (names shown as plain text, never markup)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

if TYPE_CHECKING:
    from .app import TimelineApp


class ActorCommands(Provider):
    """``Filter by actor: X`` for each actor of the loaded timeline."""

    def _entries(self) -> list[tuple[str, str, str, str]]:
        """(text, actor id, other names, help); help holds no file text: the palette reads it as markup."""
        app = cast("TimelineApp", self.app)
        tl = app.timeline
        if tl is None:
            return []
        counts = tl.actor_counts(range(len(tl.events)))
        return [
            (
                f"Filter by actor: {actor.name}",
                actor.id,
                " ".join(actor.aliases),
                f"{counts.get(actor.id, 0)} events",
            )
            for actor in tl.actors.values()
        ]

    async def discover(self) -> Hits:
        app = cast("TimelineApp", self.app)
        for text, actor_id, _aliases, help_text in self._entries():
            yield DiscoveryHit(
                Content(text), partial(app.filter_by_actor, actor_id), text=text, help=help_text
            )

    async def search(self, query: str) -> Hits:
        app = cast("TimelineApp", self.app)
        matcher = self.matcher(query)
        for text, actor_id, aliases, help_text in self._entries():
            # Aliases count too: "Filter by actor Baku" finds Azerbaijan.
            score = max(matcher.match(text), matcher.match(f"Filter by actor: {aliases}") * 0.9)
            if score > 0:
                yield Hit(
                    score, Content(text), partial(app.filter_by_actor, actor_id), text=text, help=help_text
                )
