"""The export dialog: pick the format, propose a file name, confirm before overwriting."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widgets import Input, RadioButton, RadioSet, Static
from textual.widgets.input import Selection
from textual.worker import Worker, WorkerState

from timeline.atomic import same_file
from timeline.interop.formats import DEFAULT_EXPORT, EXPORTS, FORMATS, export_format_of

#: Writes the export: (path, overwrite, format) -> "" when written, else why not (one line).
Writer = Callable[[Path, bool, str], str]

#: The formats are laid out in rows of at most this many.
FORMATS_A_ROW = 3


class FormatChoice(RadioButton):
    """A format to choose: ``(•)`` when chosen, ``( )`` when not, so the choice shows without
    colour (Textual's radio button draws the same ``▐●▌`` for both, told apart by colour alone)."""

    def render(self) -> Content:
        mark = Content.styled("(•)", "bold") if self.value else Content("( )")
        label = self.label.pad(1, 1).stylize_before(self.get_visual_style("toggle--label"))
        return Content.assemble(mark, label)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return 3 + 2 + self.label.cell_length


class FormatSet(RadioSet, inherit_bindings=False):
    """The formats: the arrows move and choose (the highlighted format is always the chosen
    one, so the title, the ``(•)`` and the file name never name another than Enter writes);
    Enter writes (as it writes from the file name)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,right", "move(1)", "Next format", show=False),
        Binding("up,left", "move(-1)", "Previous format", show=False),
        Binding("space", "toggle_button", "Choose this format", show=False),
        Binding("enter", "screen.write", "Write", show=False),
    ]

    def on_mount(self) -> None:
        """The highlight starts on the chosen format, so that the arrows move on from it (Textual's
        radio set starts it on the first button, once it is mounted: hence after a refresh). The
        highlight is the set's private ``_selected``, which Textual has no public way to set
        (Textual is pinned below 8.3 in pyproject.toml)."""

        def start() -> None:
            if self.pressed_button is not None:
                self._selected = self.pressed_index

        self.call_after_refresh(start)

    def action_move(self, step: int) -> None:
        """Highlight the next (1) or previous (-1) format, and choose it."""
        if step > 0:
            self.action_next_button()
        else:
            self.action_previous_button()
        self.action_toggle_button()  # a chosen button stays chosen: this only ever chooses

    @property
    def chosen(self) -> str | None:
        """The format chosen now, even before the set's message saying so is handled (Enter
        typed right behind an arrow): the highlighted one if it is on, else the one on."""
        on = [c for c in self.query(FormatChoice) if c.value]
        latest = [c for c in on if c.has_class("-selected")] or on
        return latest[0].name if latest else None


class ExportDialog(ModalScreen[tuple[Path, str] | None]):
    """Writes the export with ``write`` and returns (path, format) once written, or None when
    cancelled. A write that fails keeps the dialog open, saying why, with the name to correct.

    The formats offered, their labels and their file names are those of
    :mod:`timeline.interop.formats`; ``proposed`` is the name proposed for ``fmt``, the format
    chosen first (the app's last), and choosing another format gives the name its extension
    (``talks.md`` → ``talks.timelinejs.json``). The other way, a name given another format's
    extension chooses that format (:func:`~timeline.interop.formats.export_format_of`): typing
    ``talks.html`` over the proposed name's stem writes the web page ``talks.html``, not Markdown
    into ``talks.html.md``.
    """

    CSS_PATH = "dialogs.tcss"
    #: The file name has the focus from the first moment, so keys typed right after ``e`` land
    #: in it (the format choice above it comes first in the focus chain otherwise).
    AUTO_FOCUS = "#export-path"

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        proposed: str,
        count: int,
        folder: Path,
        write: Writer,
        protected: Sequence[str] = (),
        fmt: str = DEFAULT_EXPORT,
    ) -> None:
        super().__init__()
        self.write = write
        self.writing: tuple[Path, str] | None = None  # the file being written, and its format
        self.protected = list(protected)  # the timeline files being explored: never overwritten
        self.proposed = proposed
        self.count = count
        self.folder = folder
        self.confirm_for: Path | None = None
        self.format = fmt
        #: a format the name chose, until the format set says it has it too (see _write)
        self.named: str | None = None
        #: the name's extension was just changed: show the name's end once the field has it
        self.end_in_sight = False

    def _title(self) -> Content:
        noun = "event" if self.count == 1 else "events"
        return Content(f"Export the current view ({self.count} {noun}) as {FORMATS[self.format].label}")

    def compose(self) -> ComposeResult:
        with Vertical(id="export"):
            yield Static(self._title(), id="export-title")
            with FormatSet(id="export-format") as formats:
                # In rows of at most FORMATS_A_ROW, as even as they can be (4: 2 and 2; 6: 3 and 3).
                formats.styles.grid_size_columns = math.ceil(
                    len(EXPORTS) / math.ceil(len(EXPORTS) / FORMATS_A_ROW)
                )
                for fmt in EXPORTS:
                    yield FormatChoice(FORMATS[fmt].label, value=fmt == self.format, name=fmt)
            yield Input(value=self.proposed, id="export-path", select_on_focus=False)
            yield Static(self._help(), id="export-help")

    @staticmethod
    def _help() -> Content:
        return Content.assemble(
            ("enter", "bold"),
            " write · ",
            ("tab", "bold"),
            " then ",
            ("← →", "bold"),
            ": format · ",
            ("esc", "bold"),
            " cancel",
        )

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        fmt = event.pressed.name or DEFAULT_EXPORT
        if fmt == self.named:
            self.named = None  # the set has caught up with the name
        if fmt != self.format:
            self._choose(fmt)

    def _choose(self, fmt: str, rename: bool = True) -> None:
        """Export in ``fmt``: the title says it, the file name takes its extension (unless the
        name chose it: ``rename`` false)."""
        old, new = FORMATS[self.format].extension, FORMATS[fmt].extension
        self.format = fmt
        self.query_one("#export-title", Static).update(self._title())
        field = self.query_one(Input)
        if rename and field.value.endswith(old) and old != new:
            field.value = field.value[: -len(old)] + new
            self.end_in_sight = True  # (once the field has taken the new name: on_input_changed)

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.focus()
        ending = FORMATS[self.format].extension  # (".timelinejs.json" is all extension)
        name = self.proposed
        stem_end = len(name) - len(ending) if name.endswith(ending) else len(Path(name).stem)
        if stem_end:
            field.selection = Selection(0, stem_end)

    def _target(self, value: str) -> Path:
        path = Path(value).expanduser()
        return path if path.is_absolute() else self.folder / path

    def on_input_changed(self, event: Input.Changed) -> None:
        self.confirm_for = None
        self._say("")
        if self.end_in_sight:
            # The end in sight: a name wider than the field shows the extension just changed (the
            # selection of the stem, to type over, is kept). Done once the field has taken the
            # name, and laid it out: scrolled before, it could be scrolled back.
            self.end_in_sight = False
            field = self.query_one(Input)
            field.call_after_refresh(
                lambda: field.scroll_to(x=field.max_scroll_x, animate=False, immediate=True)
            )
        # The field as it is now, not as the message has it: keys typed fast may be in it already.
        field = self.query_one(Input)
        value, ending = field.value, FORMATS[self.format].extension
        typed = len(value) - len(ending)
        if (
            value.lower().endswith(ending)
            and field.cursor_position <= typed
            and export_format_of(value[:typed])
        ):
            # a whole name typed over the stem, the extension still behind it: the name typed
            cursor = field.cursor_position
            value = field.value = value[:typed]
            field.cursor_position = cursor
        named = export_format_of(value)
        if named is not None and named != self.format:
            self.named = named
            self._choose(named, rename=False)
            next(c for c in self.query(FormatChoice) if c.name == named).value = True

    def _say(self, message: str, style: str = "$warning") -> None:
        help_line = self.query_one("#export-help", Static)
        if message:
            help_line.update(Content.styled(message, style))
        else:
            help_line.update(self._help())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._write()

    def action_write(self) -> None:
        """Enter on the formats: the file is written in the chosen (the highlighted) one."""
        self._write()

    def _write(self) -> None:
        # The format marked (•) is the one written, even when Enter comes right behind the arrow
        # that chose it, before the set's message saying so: the title and the name follow first.
        marked = self.query_one(FormatSet).chosen
        if marked and marked != self.format and self.named is None:
            self._choose(marked)
        value = self.query_one(Input).value.strip()
        if not value:
            self._say("Give a file name.", "$error")
            return
        target = self._target(value)
        if target.is_dir():
            self._say(f"{target} is a folder: give a file name.", "$error")
            return
        if not target.parent.is_dir():
            self._say(f"Folder {target.parent} does not exist.", "$error")
            return
        if any(same_file(target, p) for p in self.protected):
            self._say(f"{target.name} is the timeline being explored: choose another name.", "$error")
            return
        if target.exists() and self.confirm_for != target:
            self.confirm_for = target
            self._say(f"{target.name} exists. Press Enter again to overwrite it, Esc to cancel.")
            return
        if self.writing is not None:
            return  # Enter again while the file is being written
        self.writing = (target, self.format)
        self._say(f"Writing {target.name}…", "$text-muted")
        fmt, overwrite = self.format, target.exists()
        self.run_worker(
            lambda: self.write(target, overwrite, fmt), thread=True, group="export-write", exit_on_error=False
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        done = (WorkerState.SUCCESS, WorkerState.ERROR)
        if event.worker.group != "export-write" or event.state not in done:
            return
        writing, self.writing = self.writing, None
        problem = event.worker.result if event.state == WorkerState.SUCCESS else str(event.worker.error)
        if problem or writing is None:
            self.confirm_for = None
            self._say(f"Not written: {problem}", "$error")
            self.query_one(Input).focus()
            return
        self.dismiss(writing)

    def action_cancel(self) -> None:
        self.dismiss(None)
