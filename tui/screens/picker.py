"""A picker for actors, or for tags and kinds: Textual's SelectionList under a filter field.

Whatever is typed goes to the field, spaces included (``a``, then ``united states``); the list
shows the rows that match it, best first, matched as the command palette matches. A row is
checked or unchecked with Tab (or Ctrl+Space, or Space while the field is empty, or a click),
keys that cannot be part of a name. Enter applies what is checked; when nothing was toggled
and something is typed, the highlighted row (the best match) is added to it; opened and closed
with Enter alone, the picker leaves the filter as it was. Escape cancels.
"""

from __future__ import annotations

from rich.segment import Segment
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.fuzzy import Matcher
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.widgets import Checkbox, Input, SelectionList, Static
from textual.widgets.option_list import OptionDoesNotExist
from textual.widgets.selection_list import Selection

from ..matching import match_score
from ..view import Choice


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class PickerField(Input):
    """The filter field: Space toggles the highlighted row while the field is empty."""

    def on_key(self, event: events.Key) -> None:
        if event.key == "space" and not self.value:
            event.stop()
            event.prevent_default()  # not Input's handler: no space typed
            screen = self.screen
            if isinstance(screen, Picker):
                screen.action_toggle_choice()


class PickerList(SelectionList[str], can_focus=False):
    """The rows: never focused, so that every key typed goes to the field (a click still toggles).

    A row not chosen has an empty box (``▐ ▌``), a chosen one its ``X``: Textual's list draws the
    ``X`` in both and tells them apart by colour alone, which ``NO_COLOR`` and some palettes lose.
    """

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        try:
            option = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return line
        if option.value in self._selected:
            return line
        segments = list(line)
        if len(segments) > 1 and segments[1].text == Checkbox.BUTTON_INNER:
            segments[1] = Segment(" ", segments[1].style, segments[1].control)
        return Strip(segments, line.cell_length)


class Picker(ModalScreen[frozenset[str] | None]):
    """Returns the chosen keys, or None when cancelled."""

    CSS_PATH = "dialogs.tcss"
    AUTO_FOCUS = "#picker-filter"

    BINDINGS = [
        # Not a priority binding: the field takes the keys typed before Tab first (see _highlighted).
        Binding("tab,ctrl+space", "toggle_choice", "Toggle (Space too, in an empty field)"),
        Binding("enter", "apply", "Apply", show=False),
        Binding("escape", "cancel", "Cancel"),
        Binding("down", "move('cursor_down')", "Next row", show=False),
        Binding("up", "move('cursor_up')", "Previous row", show=False),
        Binding("pagedown", "move('page_down')", "Page down", show=False),
        Binding("pageup", "move('page_up')", "Page up", show=False),
    ]

    def __init__(self, title: str, choices: list[Choice], chosen: frozenset[str], note: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.chosen = set(chosen)
        self.initial = frozenset(chosen)
        self.note = note
        self.matching: list[Choice] = list(choices)
        self.matched_for: str | None = None  # the field's text the rows were last matched against
        self.toggled = False

    @property
    def query_text(self) -> str:
        """What is typed in the filter field."""
        return self.query_one(PickerField).value

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Static(Content(self.title_text), id="picker-title")
            yield PickerField(placeholder="type to narrow", id="picker-filter")
            yield Static(Content(""), id="picker-count")
            yield PickerList(id="picker-options")
            yield Static(
                Content.assemble(
                    ("tab", "bold"),
                    " (or ",
                    ("space", "bold"),
                    " with the field empty, or a click) toggle · ",
                    ("enter", "bold"),
                    " apply · ",
                    ("esc", "bold"),
                    " cancel",
                    ("\n" + self.note) if self.note else "",  # (a line of its own: "cancel events…" misread)
                ),
                id="picker-help",
            )

    def on_mount(self) -> None:
        self._refill()

    def _matches(self, text: str) -> list[Choice]:
        """The rows ``text`` matches, best first (all of them, in order, when nothing is typed)."""
        if not text.strip():
            return list(self.choices)
        matcher = Matcher(text)
        scored = [
            (match_score(matcher, c.label, c.names or (c.key,)), n, c) for n, c in enumerate(self.choices)
        ]
        return [c for score, _, c in sorted(scored, key=lambda s: (-s[0], s[1])) if score > 0]

    def _refill(self) -> None:
        options = self.query_one(PickerList)
        self.matched_for = self.query_text
        self.matching = self._matches(self.matched_for)
        with options.prevent(SelectionList.SelectedChanged):
            options.clear_options()
            options.add_options(
                Selection(self._prompt(c), c.key, c.key in self.chosen) for c in self.matching
            )
        if self.matching:
            options.highlighted = 0
        self.query_one("#picker-count", Static).update(
            Content.styled(f"{len(self.matching)} of {len(self.choices)}", "$text-muted")
        )

    def _prompt(self, choice: Choice) -> Content:
        return Content.assemble(
            (choice.label, choice.style),
            (f"  {choice.count}", "$text-muted"),
            (f"  {_clip(choice.hint, 32)}", "dim") if choice.hint else "",
        )

    @on(Input.Changed, "#picker-filter")
    def _typed(self) -> None:
        self._refill()

    def _highlighted(self) -> Choice | None:
        if self.matched_for != self.query_text:
            # Keys typed in one burst (a paste, a slow link): the field has text whose Changed
            # message is still queued behind the key acting now. Match it first, so Tab or Enter
            # take the row the text picks, not the one highlighted before it was typed.
            self._refill()
        index = self.query_one(PickerList).highlighted
        if index is None or not (0 <= index < len(self.matching)):
            return None
        return self.matching[index]

    def action_move(self, action: str) -> None:
        getattr(self.query_one(PickerList), f"action_{action}")()

    def action_toggle_choice(self) -> None:
        choice = self._highlighted()
        if choice is not None:
            options = self.query_one(PickerList)
            with options.prevent(SelectionList.SelectionToggled):  # noted now, not a message later
                options.toggle(choice.key)
            self.chosen.symmetric_difference_update({choice.key})
            self.toggled = True

    @on(SelectionList.SelectionToggled)
    def _toggled(self, event: SelectionList.SelectionToggled[str]) -> None:
        self.chosen.symmetric_difference_update({event.selection.value})
        self.toggled = True

    @on(Input.Submitted, "#picker-filter")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_apply()

    def action_apply(self) -> None:
        if not self.toggled and self.query_text.strip():
            choice = self._highlighted()  # the best match: the only one, or the first
            if choice is not None:
                self.chosen.add(choice.key)
        self.dismiss(frozenset(self.chosen))

    def action_cancel(self) -> None:
        self.dismiss(None)
