"""Dialogs that ask for dates: the date range (`d`) and go to a date (`:`).

Each field takes every date form a timeline file takes (the model reads it: the dialog only
shows what the model says), and a wrong value keeps the dialog open with the model's message,
taught as ``timeline check`` teaches it (:func:`timeline.datesuggest.teach`: "did you mean …?").
What the dates then do is the caller's: it passes ``apply``, which returns "" when it is done
or a reason to keep the dialog open (a range that ends before it starts, no event that late).
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from timeline.dates import DateError, FuzzyDate, parse_date
from timeline.datesuggest import teach

from ..widgets.hint import fitting, whole_items

__all__ = ["DateDialog", "GotoDialog", "RangeDialog"]

_HINT = Content.assemble(
    ("enter", "bold"), " apply · ", ("tab", "bold"), " next field · ", ("esc", "bold"), " cancel"
)
_HINT_ONE = Content.assemble(("enter", "bold"), " apply · ", ("esc", "bold"), " cancel")
#: Each field's placeholder: as many of these as fit its width, whole, then "…".
EXAMPLES = ("2023", "2023-07", "1 Aug 2023", "early July 2023", "c. 1988", "300 BC")


class DateField(Input):
    """A date field whose placeholder lists as many whole examples as fit it (``2023, 2023-07,
    1 Aug 2023…`` at 60 columns), never one cut in the middle."""

    def __init__(self, value: str, id: str) -> None:
        self.examples = whole_items(EXAMPLES)
        super().__init__(value=value, placeholder=self.examples[0].plain, id=id, select_on_focus=False)

    def on_resize(self, event: events.Resize) -> None:
        # One cell is the cursor's, at the end.
        self.placeholder = fitting(self.examples, self.content_region.width - 1).plain


class DateDialog(ModalScreen[object]):
    """A small dialog of date fields: Escape cancels, Enter reads every field or says what is wrong."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        # Priority: the focus moves before the keys typed behind Tab are handed on, so a burst
        # (a paste, a slow link) fills the next field, not this one.
        Binding("tab", "next_field(1)", "Next field", show=False, priority=True),
        Binding("shift+tab", "next_field(-1)", "Previous field", show=False, priority=True),
    ]
    TITLE_TEXT = ""
    #: The timeline's date-order (``day-first``/``month-first``): typed numeric dates read as its own.
    order: str | None = None
    #: (field id, label, initial text) for each field, top to bottom.
    fields: list[tuple[str, str, str]]

    def compose(self) -> ComposeResult:
        with Vertical(classes="date-dialog"):
            yield Static(Content(self.TITLE_TEXT), classes="dialog-title")
            for field_id, label, value in self.fields:
                yield Static(Content(label), classes="dialog-label")
                yield DateField(value, field_id)
            yield Static(self.hint, classes="dialog-help", id="date-help")

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    def action_next_field(self, step: int) -> None:
        fields = list(self.query(Input))
        at = fields.index(self.focused) if self.focused in fields else 0
        self.set_focus(fields[(at + step) % len(fields)])  # now, not after the keys queued behind

    @property
    def hint(self) -> Content:
        return _HINT if len(self.fields) > 1 else _HINT_ONE

    def say(self, message: str) -> None:
        said = Content.styled(message, "$error") if message else self.hint
        self.query_one("#date-help", Static).update(said)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.say("")

    def read(self, field_id: str, label: str) -> tuple[bool, FuzzyDate | None]:
        """(ok, date) for one field; an empty field is (True, None). A wrong one is said and focused."""
        field = self.query_one(f"#{field_id}", Input)
        text = field.value.strip()
        if not text:
            return True, None
        try:
            return True, parse_date(text, self.order)
        except DateError as exc:
            # the same teaching refusal as `timeline check` gives: the readings that may have been
            # meant, spelled in the project's forms (the model finds them; this only shows them)
            self.say(f"{label}: {teach(str(exc), text, self.order)}")
            field.focus()
            return False, None

    def action_cancel(self) -> None:
        self.dismiss(None)


class RangeDialog(DateDialog):
    """Asks for a range; ``apply(from, to)`` (either may be None: open-ended) uses it.

    Dismissed with True once applied, None when cancelled.
    """

    TITLE_TEXT = "Show events between two dates (leave a field empty for no limit)"

    def __init__(
        self,
        date_from: FuzzyDate | None,
        date_to: FuzzyDate | None,
        apply: Callable[[FuzzyDate | None, FuzzyDate | None], str],
        order: str | None = None,
    ) -> None:
        super().__init__()
        self.apply = apply
        self.order = order
        self.fields = [
            ("range-from", "From", date_from.display() if date_from else ""),
            ("range-to", "To", date_to.display() if date_to else ""),
        ]

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        ok, lo = self.read("range-from", "From")
        if not ok:
            return
        ok, hi = self.read("range-to", "To")
        if not ok:
            return
        problem = self.apply(lo, hi)
        if problem:
            self.say(problem)
            return
        self.dismiss(True)


class GotoDialog(DateDialog):
    """Asks for a date; ``apply(date)`` goes there. Dismissed with True, or None when cancelled."""

    TITLE_TEXT = "Go to the first shown event on or after a date"

    def __init__(self, apply: Callable[[FuzzyDate], str], order: str | None = None) -> None:
        super().__init__()
        self.apply = apply
        self.order = order
        self.fields = [("goto-date", "Date", "")]

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        ok, date = self.read("goto-date", "Date")
        if not ok:
            return
        if date is None:
            self.say("Type a date, or Esc to cancel.")
            return
        problem = self.apply(date)
        if problem:
            self.say(problem)
            return
        self.dismiss(True)
