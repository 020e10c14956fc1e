"""One colour per actor, the same everywhere in the app, readable on dark and light themes; and
the colours that stay apart where the terminal has only 16 (``TERM=xterm``, no ``COLORTERM``).

With 16 colours the terminal shows each colour as the nearest of its 16 ANSI colours, and most
of a truecolour palette falls on the same one or two: every actor tag white, and the theme's
orange accent (the year separators, the focus edges) bright red, like an error. There the actors
take the ANSI colours themselves, in an order that keeps neighbours apart (the tags' letters
tell actors apart where the colours run out), and the accent and warning take ANSI colours that
are not red.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from timeline import Timeline

if TYPE_CHECKING:  # (this module loads no Textual: tests/test_import_hygiene.py)
    from textual.theme import Theme

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

#: The 16 ANSI colours as a terminal with 16 colours is told them: Rich maps each of these to
#: its own number (tests/test_colours.py checks it), which the terminal shows in its own shade.
ANSI = (
    "#000000",  # 0 black
    "#aa0000",  # 1 red
    "#00aa00",  # 2 green
    "#aa5500",  # 3 yellow
    "#0000aa",  # 4 blue
    "#aa00aa",  # 5 magenta
    "#00aaaa",  # 6 cyan
    "#aaaaaa",  # 7 white
    "#555555",  # 8 bright black
    "#ff5555",  # 9 bright red
    "#55ff55",  # 10 bright green
    "#ffff55",  # 11 bright yellow
    "#5555ff",  # 12 bright blue
    "#ff55ff",  # 13 bright magenta
    "#55ffff",  # 14 bright cyan
    "#ffffff",  # 15 bright white
)
#: Actor colours among the 16, by ANSI number: readable on a dark background (no blue, no
#: black), the reds last; and on a light one (no bright yellow, green or cyan, no white).
_DARK_16 = (14, 11, 13, 10, 12, 6, 3, 5, 2, 15, 9, 1)
_LIGHT_16 = (4, 5, 2, 6, 1, 3, 12, 13, 9, 8, 0)
#: The accent and the warning among the 16 (dark, light): cyan and yellow, never red.
_ACCENT_16 = (14, 4)
_WARNING_16 = (11, 3)

#: Rich's names of the colour systems with 16 colours (``Console.color_system``).
FEW_COLOURS = frozenset({"standard", "windows"})


def few_colours(color_system: str | None) -> bool:
    """Whether a console with ``color_system`` (Rich's name) shows only the 16 ANSI colours."""
    return color_system in FEW_COLOURS


def actor_colours(timeline: Timeline, dark: bool, color_system: str | None = "truecolor") -> dict[str, str]:
    """Actor id → colour, by the order actors are declared (stable across runs); among the 16
    ANSI colours where the console has only those (``color_system`` as Rich names it)."""
    if few_colours(color_system):
        palette = tuple(ANSI[n] for n in (_DARK_16 if dark else _LIGHT_16))
    else:
        palette = _DARK if dark else _LIGHT
    return {actor_id: palette[n % len(palette)] for n, actor_id in enumerate(timeline.actors)}


def theme_for(theme: Theme, color_system: str | None) -> Theme:
    """``theme`` as shown on a console with ``color_system``: with 16 colours, its accent and
    warning become ANSI colours that are not red (a theme of ANSI colours is left as it is)."""
    if not few_colours(color_system) or theme.ansi:
        return theme
    side = 0 if theme.dark else 1
    return replace(theme, accent=ANSI[_ACCENT_16[side]], warning=ANSI[_WARNING_16[side]])
