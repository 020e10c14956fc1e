"""The title bar: the app's icon and the timeline's title, on the top line."""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

#: Cells taken by the icon on the left and kept free on the right, as in Textual's Header.
ICON_WIDTH = 8
RIGHT_WIDTH = 10
#: The icon with a blank cell on either side: all a long title leaves it.
ICON_CELLS = 3


class TitleBar(Widget):
    """The title and sub-title, centred, after an icon that opens the command palette.

    Looks and works like Textual's Header (without its clock and its tall mode), drawn as one
    line by one widget where the Header composes four: the app's first frame comes sooner.
    The title comes from the timeline file, so it is shown as plain text, never markup.
    """

    COMPONENT_CLASSES = {"title-bar--icon-hover"}

    icon: reactive[str] = reactive("⭘")
    _icon_cells = ICON_WIDTH  #: the cells of the icon, where a click opens the palette (as last drawn)
    _icon_hover: reactive[bool] = reactive(False)

    def __init__(self, *, icon: str | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        if icon is not None:
            self.icon = icon

    def on_mount(self) -> None:
        for node in (self.app, self.screen):
            self.watch(node, "title", self._title_changed, init=False)
            self.watch(node, "sub_title", self._title_changed, init=False)

    def _title_changed(self) -> None:
        self.refresh()

    def render(self) -> Content:
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        width = self.size.width
        text = app.format_title(title, sub_title)
        lead, right = ICON_WIDTH, RIGHT_WIDTH
        if text.cell_length > width - lead - right:
            # Too long to centre between the icon's cells and the right margin: it takes them,
            # leaving one blank cell on either side.
            lead, right = ICON_CELLS, 1
        self._icon_cells = lead
        icon = Content(f" {self.icon}").truncate(lead, pad=True)
        if self._icon_hover:
            icon = icon.stylize(self.get_visual_style("title-bar--icon-hover"))
        title_line = text.center(max(0, width - lead - right), ellipsis=True)
        # (center pads the right beyond the width it is given: cut the line to the bar's width)
        return Content.assemble(icon, title_line, " " * right).truncate(width)

    def _on_icon(self, x: int) -> bool:
        return x < self._icon_cells and self.app.ENABLE_COMMAND_PALETTE

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._icon_hover = self._on_icon(event.x)
        self.tooltip = "Open the command palette" if self._icon_hover else None

    def on_leave(self, event: events.Leave) -> None:
        self._icon_hover = False

    async def on_click(self, event: events.Click) -> None:
        if self._on_icon(event.x):
            event.stop()
            await self.run_action("app.command_palette")
