"""One colour per actor, the same everywhere in the app, readable on dark and light themes."""

from __future__ import annotations

from timeline import Timeline

# Categorical palettes (ordered so neighbours differ); the light one is darker.
_DARK = (
    "#61afef",
    "#e06c75",
    "#98c379",
    "#e5c07b",
    "#c678dd",
    "#56b6c2",
    "#d19a66",
    "#ff9cac",
    "#82aaff",
    "#b5e890",
    "#f78c6c",
    "#a9b1d6",
)
_LIGHT = (
    "#1f5fa8",
    "#b3262f",
    "#2f7d32",
    "#8a6a00",
    "#7b3fa0",
    "#117a85",
    "#a0522d",
    "#b0306a",
    "#3949ab",
    "#4a7a12",
    "#c2410c",
    "#4b5563",
)


def actor_colours(timeline: Timeline, dark: bool) -> dict[str, str]:
    """Actor id → colour, by the order actors are declared (stable across runs)."""
    palette = _DARK if dark else _LIGHT
    return {actor_id: palette[n % len(palette)] for n, actor_id in enumerate(timeline.actors)}
