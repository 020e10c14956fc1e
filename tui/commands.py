"""Command palette entries for filtering by each actor (names shown as plain text, never markup)."""

from __future__ import annotations

from functools import partial
from typing import Protocol, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from timeline import Timeline

from .matching import match_score
from .view import ExplorerState


class Explorer(Protocol):
    """What the entries need of the app (:class:`tui.app.TimelineApp`), named here rather than
    imported: the app imports this module, so importing the app back would tie the two in a cycle."""

    @property
    def timeline(self) -> Timeline | None: ...

    state: ExplorerState

    def filter_by_actor(self, actor_id: str) -> None: ...


class ActorCommands(Provider):
    """``Filter by actor: X`` for each actor of the loaded timeline."""

    def _entries(self) -> list[tuple[str, str, tuple[str, ...], str]]:
        """(text, actor id, other names, help); help holds no file text: the palette reads it as markup."""
        app = cast(Explorer, self.app)
        tl = app.timeline
        if tl is None:
            return []
        # The actor picker's counts: how many events the view would show with the actor added.
        counts = {choice.key: choice.count for choice in app.state.actor_choices()}
        return [
            (
                f"Filter by actor: {actor.name}",
                actor.id,
                actor.aliases,
                f"{counts.get(actor.id, 0)} events",
            )
            for actor in tl.actors.values()
        ]

    async def discover(self) -> Hits:
        app = cast(Explorer, self.app)
        for text, actor_id, _aliases, help_text in self._entries():
            yield DiscoveryHit(
                Content(text), partial(app.filter_by_actor, actor_id), text=text, help=help_text
            )

    async def search(self, query: str) -> Hits:
        app = cast(Explorer, self.app)
        matcher = self.matcher(query)
        for text, actor_id, aliases, help_text in self._entries():
            # Aliases count too: "Filter by actor Baku" finds Azerbaijan.
            score = match_score(matcher, text, (f"Filter by actor: {alias}" for alias in aliases))
            if score > 0:
                yield Hit(
                    score, Content(text), partial(app.filter_by_actor, actor_id), text=text, help=help_text
                )
