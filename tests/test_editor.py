"""Choosing the editor for `E`, and the arguments that put it on the event's line."""

from __future__ import annotations

import pytest

from tui.editor import EditorError, editor_command


def every(name: str) -> str:
    return "/usr/bin/" + name


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("vim", ["vim", "+12", "t.yaml"]),
        ("nvim", ["nvim", "+12", "t.yaml"]),
        ("nano", ["nano", "+12", "t.yaml"]),
        ("emacsclient -t", ["emacsclient", "-t", "+12", "t.yaml"]),
        ("hx", ["hx", "+12", "t.yaml"]),
        ("micro", ["micro", "+12", "t.yaml"]),
        ("code -w", ["code", "-w", "--goto", "t.yaml:12"]),
        ("'/opt/Sublime Text/subl' -w", ["/opt/Sublime Text/subl", "-w", "t.yaml:12"]),
    ],
)
def test_each_editor_gets_its_spelling(value: str, expected: list[str]) -> None:
    assert editor_command("t.yaml", 12, {"EDITOR": value}, every) == expected


def test_visual_wins_over_editor() -> None:
    assert editor_command("f", 3, {"VISUAL": "nvim", "EDITOR": "nano"}, every)[0] == "nvim"
    assert editor_command("f", 3, {"VISUAL": "  ", "EDITOR": "nano"}, every)[0] == "nano"


def test_without_a_variable_a_fallback_on_the_path() -> None:
    assert editor_command("f", 0, {}, lambda n: every(n) if n == "vi" else None) == ["vi", "+1", "f"]


def test_no_editor_at_all_is_one_clear_line() -> None:
    with pytest.raises(EditorError, match=r"set \$VISUAL or \$EDITOR"):
        editor_command("f", 1, {}, lambda n: None)


def test_an_editor_that_is_not_installed() -> None:
    with pytest.raises(EditorError, match=r"\$EDITOR names 'nosuch'"):
        editor_command("f", 1, {"EDITOR": "nosuch -x"}, lambda n: None)


def test_an_unreadable_variable() -> None:
    with pytest.raises(EditorError, match=r"cannot read \$VISUAL"):
        editor_command("f", 1, {"VISUAL": "vim 'unclosed"}, every)


def test_a_file_inside_the_installed_packages_is_an_installed_copy(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tui.editor import installed_copy

    site = tmp_path / "site-packages"
    (site / "timeline").mkdir(parents=True)
    inside = site / "timeline" / "events.yaml"
    inside.write_text("x")
    outside = tmp_path / "events.yaml"
    outside.write_text("x")
    assert installed_copy(str(inside), (str(site),))
    assert not installed_copy(str(outside), (str(site),))
    assert not installed_copy(str(outside))  # with the real folders of this Python
