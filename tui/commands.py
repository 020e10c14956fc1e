"""Command palette entries for filtering by each actor (names shown as plain text, never markup)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

if TYPE_CHECKING:
    from .app import TimelineApp


def match_score(matcher: Matcher, name: str, other_names: Iterable[str] = ()) -> float:
    """How well what is typed matches a row: its name, or a little less, its best other name.

    The one rule for the command palette and the pickers (0: no match). Each name is matched on
    its own: Textual's fuzzy search takes time exponential in the length of what it searches, and
    an actor's aliases joined in one string took half a minute for "filter by actor r".
    """
    return max([matcher.match(name)] + [matcher.match(other) * 0.9 for other in other_names])


class ActorCommands(Provider):
    """``Filter by actor: X`` for each actor of the loaded timeline."""

    def _entries(self) -> list[tuple[str, str, tuple[str, ...], str]]:
        """(text, actor id, other names, help); help holds no file text: the palette reads it as markup."""
        app = cast("TimelineApp", self.app)
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
            score = match_score(matcher, text, (f"Filter by actor: {alias}" for alias in aliases))
            if score > 0:
                yield Hit(
                    score, Content(text), partial(app.filter_by_actor, actor_id), text=text, help=help_text
                )
