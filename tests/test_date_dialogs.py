"""The date range (`d`) and go-to (`:`) dialogs, driven with a Pilot on a bare app."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.widgets import Input, Static

from timeline.dates import parse_date
from tui.screens.dates import GotoDialog, RangeDialog


class Host(App[None]):
    """A bare app that opens one dialog and notes what the dialog applies."""

    def __init__(self, make: Any, answer: str = "") -> None:
        super().__init__()
        self.applied: list[object] = []
        self.results: list[object] = []
        self.answer = answer
        self.dialog = make(self.apply)

    def apply(self, *dates: object) -> str:
        self.applied.append(dates if len(dates) > 1 else dates[0])
        return self.answer

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.results.append)


def range_dialog(lo: Any = None, hi: Any = None) -> Any:
    return lambda apply: RangeDialog(lo, hi, apply)


def help_text(app: Host) -> str:
    return str(app.screen.query_one("#date-help", Static).render())


async def test_range_reads_both_fields_with_tab_between() -> None:
    app = Host(range_dialog())
    async with app.run_test() as pilot:
        await pilot.press(*"2023-03", "tab", *"early August 2023", "enter")
        await pilot.pause()
    assert app.applied == [(parse_date("2023-03"), parse_date("early 2023-08"))]
    assert app.results == [True]


async def test_range_starts_from_the_current_one_and_an_empty_field_is_open() -> None:
    app = Host(range_dialog(parse_date("2020"), parse_date("2023-07")))
    async with app.run_test() as pilot:
        assert app.screen.query_one("#range-from", Input).value == "2020"
        assert app.screen.query_one("#range-to", Input).value == "Jul 2023"
        app.screen.query_one("#range-to", Input).value = ""
        await pilot.press("enter")
        await pilot.pause()
    assert app.applied == [(parse_date("2020"), None)]


async def test_a_wrong_date_keeps_the_dialog_open_with_the_reason() -> None:
    app = Host(range_dialog())
    async with app.run_test() as pilot:
        await pilot.press(*"2023", "tab", *"12/7/1941", "enter")
        await pilot.pause()
        assert isinstance(app.screen, RangeDialog)
        assert help_text(app).startswith("To: ")
        assert app.screen.focused is app.screen.query_one("#range-to", Input)
        # Correcting it applies.
        app.screen.query_one("#range-to", Input).value = "2024"
        await pilot.press("enter")
        await pilot.pause()
    assert app.applied == [(parse_date("2023"), parse_date("2024"))]


async def test_what_the_caller_refuses_keeps_the_dialog_open_with_its_reason() -> None:
    app = Host(range_dialog(), answer="the range ends before it starts")
    async with app.run_test() as pilot:
        await pilot.press(*"2023", "tab", *"2020", "enter")
        await pilot.pause()
        assert isinstance(app.screen, RangeDialog)
        assert "ends before it starts" in help_text(app)
    assert app.results == []


async def test_escape_cancels() -> None:
    app = Host(range_dialog())
    async with app.run_test() as pilot:
        await pilot.press(*"2023", "escape")
        await pilot.pause()
    assert app.results == [None] and app.applied == []


async def test_goto_reads_one_date_and_needs_one() -> None:
    app = Host(GotoDialog)
    async with app.run_test() as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GotoDialog) and "Type a date" in help_text(app)
        await pilot.press(*"1 Aug 2023", "enter")
        await pilot.pause()
    assert app.applied == [parse_date("2023-08-01")] and app.results == [True]


async def test_an_ambiguous_numeric_date_is_refused_with_both_readings_offered() -> None:
    app = Host(range_dialog())
    async with app.run_test() as pilot:
        await pilot.press(*"03/04/2011", "enter")
        await pilot.pause()
        assert isinstance(app.screen, RangeDialog)
        said = help_text(app)
        assert said.startswith("From: ") and "did you mean" in said
        assert "3 April 2011" in said and "4 March 2011" in said  # day first, month first
    assert app.applied == []


async def test_a_refused_date_is_taught_as_timeline_check_teaches_it() -> None:
    # the same message as the loader's and the command line's: the model's teach()
    from timeline.dates import DateError
    from timeline.datesuggest import teach

    try:
        parse_date("3-Mar-2011")
    except DateError as exc:
        taught = teach(str(exc), "3-Mar-2011")
    assert "did you mean 3 March 2011?" in taught
    app = Host(GotoDialog)
    async with app.run_test() as pilot:
        await pilot.press(*"3-Mar-2011", "enter")
        await pilot.pause()
        assert isinstance(app.screen, GotoDialog)
        assert help_text(app) == f"Date: {taught}"
    assert app.applied == []


async def test_the_explorer_reads_a_typed_numeric_date_in_the_files_date_order(tmp_path: Any) -> None:
    from pilot import started, until

    from tui.app import TimelineApp

    path = tmp_path / "t.yaml"
    path.write_text(
        "title: T\ndate-order: day-first\nevents:\n"
        "  - {id: a, date: 01/04/2011, title: A, kind: other, summary: S.}\n"
        "  - {id: b, date: 30/04/2011, title: B, kind: other, summary: S.}\n",
        "utf-8",
    )
    app = TimelineApp([path], None, watch=False, folder=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        await pilot.press("d")
        assert await until(pilot, lambda: isinstance(app.screen, RangeDialog))
        await pilot.press(*"03/04/2011", "enter")  # 3 April in this file, as its own dates are read
        assert await until(pilot, lambda: not isinstance(app.screen, RangeDialog))
        assert app.filter.date_from == parse_date("2011-04-03")
