"""The HTML export in a real browser: headless Chromium (Debian's ``chromium`` and ``chromium-driver``)
through Selenium, with the network blocked.

It checks that the page makes no request and logs no error, that its filters show exactly the events
``timeline list`` gives for the same filters (every actor, any and all, search, dates, kinds,
outcomes, tags), that its anchors land, that it works by keyboard, and it takes the screenshots at
1280×800 and 390×844 (set ``TIMELINE_SCREENSHOTS=DIR`` to keep them; docs/page.png is page.png). On the
bundled events repeated to 10,000 it measures, with ``performance.now()`` in the page, how long the
page takes to become usable and a filter change to redraw, and prints the figures (not asserted:
speed is the benchmark's to judge, not a unit test's).

Where there is no Chromium the tests skip, saying how to install it; nothing is downloaded: the
driver is Debian's, named by its path, so Selenium Manager never runs.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from clirun import run
from test_html import EDGES

from timeline import bundled_path, load
from timeline.interop.html import BINS, _bin, _days, _scale, _x, to_html
from timeline.markdown import anchor

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from bundled_shaped import write as write_shaped

#: How many events the bundled timeline has (the page shows them all when nothing is filtered).
TOTAL = len(load([bundled_path()]).timeline.events)
CHROMIUM = Path("/usr/bin/chromium")
DRIVER = Path("/usr/bin/chromedriver")
HOW = (
    "needs Debian's headless browser: apt-get install chromium chromium-driver "
    "(and pip install -e '.[test]' for selenium)"
)
try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:  # pragma: no cover - the skip below says what to install
    webdriver = None

pytestmark = pytest.mark.skipif(
    webdriver is None or not CHROMIUM.exists() or not DRIVER.exists(), reason=f"no Chromium here: {HOW}"
)

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    # the network, blocked: any host name resolves to nothing
    "--host-resolver-rules=MAP * ~NOTFOUND",
)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.add_argument("--window-size=1280,800")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    driver.set_page_load_timeout(120)
    driver.set_script_timeout(120)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("page") / "talks.html"
    path.write_text(to_html(load([bundled_path()]).timeline), encoding="utf-8")
    return path


def open_page(driver: Any, path: Path, fragment: str = "") -> None:
    """Load the page afresh (not a move within the page already open) and wait for its script."""
    driver.get("about:blank")
    driver.get(path.as_uri() + fragment)
    WebDriverWait(driver, 120).until(
        lambda d: d.execute_script("return document.documentElement.dataset.ready !== undefined")
    )


def requests_made(driver: Any, page: Path) -> list[str]:
    """Every address the browser asked for since the last call, but the page itself (from the
    DevTools network log), and every resource the page's own timing records."""
    asked = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            params = message["params"]
            url = params["request"]["url"]
            # the browser's own pages (its new tab page) are not ours; anything the page asks for is
            if params.get("documentURL", "").startswith(("chrome:", "chrome-untrusted:", "devtools:")):
                continue
            # The browser's own picture in a date field (its calendar icon, a data: address in its
            # built-in style sheet) goes nowhere; a data: address the page asked for would be
            # refused by its policy (img-src 'none'), an error the console check below catches.
            if url.startswith("data:"):
                continue
            if url.split("#")[0] != page.as_uri():
                asked.append(f"{url} (from {params.get('documentURL')})")
    asked += driver.execute_script(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; })"
    )
    return asked


def assert_quiet(driver: Any, page: Path) -> None:
    """No request left the page and the console holds nothing (no error, no policy violation)."""
    assert requests_made(driver, page) == []
    assert driver.get_log("browser") == []


def set_filters(
    driver: Any,
    actors: tuple[str, ...] = (),
    match: str = "any",
    kinds: tuple[str, ...] = (),
    outcomes: tuple[str, ...] = (),
    tags: tuple[str, ...] = (),
    text: str = "",
    date_from: str = "",
    date_to: str = "",
) -> None:
    """Clear the page's filters, then choose these, as clicks and typing would (the same events)."""
    driver.execute_script(
        """
        const [actors, match, kinds, outcomes, tags, text, from, to] = arguments;
        document.getElementById("f-clear").click();
        const tick = (name, value) => {
          const box = [...document.querySelectorAll(`input[name="${name}"]`)].find((b) => b.value === value);
          if (!box) throw new Error(`no ${name} ${value}`);
          box.click();
        };
        actors.forEach((a) => tick("actor", a));
        kinds.forEach((k) => tick("kind", k));
        outcomes.forEach((o) => tick("outcome", o));
        tags.forEach((t) => tick("tag", t));
        document.getElementById(match === "all" ? "f-all" : "f-any").click();
        for (const [id, value] of [["f-text", text], ["f-from", from], ["f-to", to]]) {
          const input = document.getElementById(id);
          input.value = value;
          input.dispatchEvent(new Event("input", { bubbles: true }));
        }
        """,
        list(actors),
        match,
        list(kinds),
        list(outcomes),
        list(tags),
        text,
        date_from,
        date_to,
    )


def shown(driver: Any) -> tuple[list[str], list[str], str]:
    """The ids and headings of the events the page shows (laid out, not just present), and its count."""
    ids, headings, count = driver.execute_script(
        """
        const shown = [...document.querySelectorAll("main article.event")].filter(
          (a) => a.getClientRects().length > 0);
        return [shown.map((a) => a.id), shown.map((a) => a.querySelector("h3").textContent),
                document.getElementById("count").textContent];
        """
    )
    return ids, headings, count


def cli(capsys: pytest.CaptureFixture[str], *flags: str) -> tuple[list[str], list[str]]:
    """What the command gives for these filters on the bundled file: the events' ids (as anchors,
    from ``export -f json``) and the lines of ``timeline list`` as the page heads them."""
    code, out, err = run(capsys, "export", "-f", "json", *flags)
    assert code == 0, err
    ids = [anchor(e["id"]) for e in json.loads(out)["events"]]
    code, out, err = run(capsys, "list", *flags)
    assert code in (0, 1), err  # 1: no event matches
    lines = [" · ".join(line.split("\t")[:2]) for line in out.splitlines()]
    return ids, lines


def agree(driver: Any, capsys: pytest.CaptureFixture[str], flags: list[str], **chosen: Any) -> int:
    set_filters(driver, **chosen)
    ids, headings, count = shown(driver)
    want_ids, want_lines = cli(capsys, *flags)
    assert sorted(ids) == sorted(want_ids), flags
    assert Counter(headings) == Counter(want_lines), flags
    assert f" {len(want_ids)} " in count or count == f"Showing all {len(want_ids)} events.", count
    return len(ids)


# -- no request, no error, screenshots ----------------------------------------------------------


def _viewport(driver: Any, width: int, height: int) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )


def _keep(shot: Path) -> None:
    keep = os.environ.get("TIMELINE_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(keep) / shot.name)


def test_the_page_asks_for_nothing_logs_nothing_and_fits_a_phone_and_a_desktop(
    browser: Any, page_file: Path, tmp_path: Path
) -> None:
    browser.get_log("performance"), browser.get_log("browser")  # what came before
    open_page(browser, page_file)
    assert browser.execute_script("return document.body.dataset.shown") == str(TOTAL)
    assert_quiet(browser, page_file)
    for width, height in ((1280, 800), (390, 844)):
        _viewport(browser, width, height)
        open_page(browser, page_file)
        # nothing wider than the screen: no sideways scrolling
        assert browser.execute_script("return document.documentElement.scrollWidth") <= width
        shot = tmp_path / f"page-{width}.png"
        assert browser.save_screenshot(str(shot))
        assert shot.stat().st_size > 10_000
        _keep(shot)
    _viewport(browser, 1280, 800)
    open_page(browser, page_file)
    set_filters(browser, actors=("russia",), text="statement")
    browser.execute_script("document.getElementById('filters').scrollIntoView()")
    shot = tmp_path / "page-1280-filtered.png"
    assert browser.save_screenshot(str(shot))
    _keep(shot)
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert_quiet(browser, page_file)


# -- the filters agree with the command ---------------------------------------------------------


def test_every_actor_shows_what_timeline_list_gives(
    browser: Any, page_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    open_page(browser, page_file)
    actors = browser.execute_script(
        "return [...document.querySelectorAll('input[name=actor]')].map((b) => b.value)"
    )
    assert len(actors) == len(load([bundled_path()]).timeline.actors)
    for actor in actors:
        assert agree(browser, capsys, ["--actor", actor], actors=(actor,)) > 0
    # two and three at a time, any and all
    for group in [
        *itertools.pairwise(actors),
        tuple(actors[:3]),
        ("armenia", "azerbaijan", "russia"),
    ]:
        flags = [f for a in group for f in ("--actor", a)]
        for match in ("any", "all"):
            agree(browser, capsys, [*flags, "--match", match], actors=tuple(group), match=match)
    assert_quiet(browser, page_file)


@pytest.mark.parametrize(
    ("flags", "chosen"),
    [
        (["--search", "lachin"], {"text": "lachin"}),
        (["--search", "Khankendi"], {"text": "Khankendi"}),  # an alias: found through the actors' names
        (["--search", "TALKS baku"], {"text": "  TALKS   baku "}),
        (["--search", "brussels"], {"text": "brussels"}),
        (["--search", "STRASSE"], {"text": "STRAẞE"}),  # casefolded as Python folds
        (["--search", "zzzz"], {"text": "zzzz"}),
        (["--search", "2023-09"], {"text": "2023-09"}),
        (
            ["--from", "2022-12-12", "--to", "2023-09-19"],
            {"date_from": "2022-12-12", "date_to": "2023-09-19"},
        ),
        (["--from", "2023-09-19"], {"date_from": "2023-09-19"}),
        (["--to", "1994-05-12"], {"date_to": "1994-05-12"}),
        (
            ["--from", "1994-05-13", "--to", "1994-05-13"],
            {"date_from": "1994-05-13", "date_to": "1994-05-13"},
        ),
        (["--kind", "meeting"], {"kinds": ("meeting",)}),
        (["--kind", "meeting", "--kind", "proposal"], {"kinds": ("meeting", "proposal")}),
        (["--outcome", "declined"], {"outcomes": ("declined",)}),
        (["--outcome", "held", "--outcome", "not-held"], {"outcomes": ("held", "not-held")}),
        (["--tag", "lachin-corridor"], {"tags": ("lachin-corridor",)}),
        (
            [
                "--actor",
                "russia",
                "--actor",
                "armenia",
                "--match",
                "all",
                "--search",
                "statement",
                "--from",
                "2021",
            ],
            {"actors": ("russia", "armenia"), "match": "all", "text": "statement", "date_from": "2021-01-01"},
        ),
    ],
)
def test_search_dates_kinds_outcomes_and_tags_agree_with_timeline_list(
    browser: Any,
    page_file: Path,
    capsys: pytest.CaptureFixture[str],
    flags: list[str],
    chosen: dict[str, Any],
) -> None:
    if browser.execute_script("return document.documentElement.dataset.ready") is None:
        open_page(browser, page_file)
    agree(browser, capsys, flags, **chosen)
    assert_quiet(browser, page_file)


# -- anchors, keyboard, no script ---------------------------------------------------------------


def top_of(driver: Any, ident: str) -> float:
    top: float = driver.execute_script(
        "return document.getElementById(arguments[0]).getBoundingClientRect().top", ident
    )
    return top


def test_an_events_anchor_lands_on_it_and_its_links_lead_on(browser: Any, page_file: Path) -> None:
    tl = load([bundled_path()]).timeline
    at = next(i for i, e in enumerate(tl.events) if e.links and i > 30)
    ident = anchor(tl.events[at].id)
    open_page(browser, page_file, f"#{ident}")
    where = browser.execute_script(
        """
        const a = document.getElementById(arguments[0]);
        return [a.classList.contains("selected"), a.matches(":target"),
                document.getElementById("mark").getAttribute("visibility")];
        """,
        ident,
    )
    assert where == [True, True, "visible"]
    WebDriverWait(browser, 10).until(lambda d: 0 <= top_of(d, ident) < 40)
    target = anchor(tl.events[tl.links_of(at)[0].target].id)
    browser.find_element(By.CSS_SELECTOR, f'#{ident} .links a[href="#{target}"]').click()
    WebDriverWait(browser, 10).until(lambda d: d.execute_script("return location.hash") == f"#{target}")
    WebDriverWait(browser, 10).until(lambda d: 0 <= top_of(d, target) < 40)
    assert browser.execute_script(
        "return document.getElementById(arguments[0]).classList.contains('selected')", target
    )
    # a link to an event the filters hide shows everything again, so that it lands
    set_filters(browser, actors=("caliber-az",))
    assert target not in shown(browser)[0]
    browser.execute_script("location.hash = arguments[0]", ident)
    WebDriverWait(browser, 10).until(lambda d: ident in shown(d)[0])
    assert len(shown(browser)[0]) == TOTAL
    WebDriverWait(browser, 10).until(lambda d: 0 <= top_of(d, ident) < 40)
    assert_quiet(browser, page_file)


def test_the_strips_bars_and_mark_place_the_events_as_the_export_does(browser: Any, page_file: Path) -> None:
    """The script places each event on the overview strip from its first day (its bar, and the
    selected event's mark): where the export's own drawing (html.py's _bin and _x) puts it."""
    tl = load([bundled_path()]).timeline
    events = list(enumerate(tl.events))
    lo, hi = _scale(tl, _days(tl, events))
    first = tl.day_bounds[0]
    open_page(browser, page_file)
    set_filters(browser, actors=("russia",))
    ids = set(shown(browser)[0])
    heights = browser.execute_script(
        "return [...document.querySelectorAll('#strip .bars rect')]"
        ".map((r) => Number(r.getAttribute('height')))"
    )
    per_bin = Counter(_bin(first[i], lo, hi) for i, e in events if anchor(e.id) in ids)
    assert len(heights) == BINS and per_bin
    assert {b for b, h in enumerate(heights) if h > 0} == set(per_bin)
    top = max(per_bin.values())
    for b, n in per_bin.items():  # (each bar as high as its count, the highest full)
        assert heights[b] == pytest.approx(max(heights) * n / top, abs=0.02)
    for i in (0, len(events) // 2, len(events) - 1):
        ident = anchor(tl.events[i].id)
        browser.execute_script("location.hash = arguments[0]", ident)
        WebDriverWait(browser, 10).until(
            lambda d, ident=ident: (
                d.execute_script("return document.querySelector('article.selected').id") == ident
            )
        )
        x = browser.execute_script("return document.querySelector('#mark line').getAttribute('x1')")
        assert x.endswith("%") and float(x[:-1]) == pytest.approx(_x(first[i], lo, hi), abs=0.001)

    # the mark shows only while the filters show its event; its dot is not cut off at the strip's ends
    def mark() -> str:
        script = "return document.getElementById('mark').getAttribute('visibility')"
        return str(browser.execute_script(script))

    assert mark() == "visible"
    set_filters(browser, text="no event has this word xyzzy")
    assert not shown(browser)[0] and mark() == "hidden"
    set_filters(browser)
    assert mark() == "visible"
    overflow = browser.execute_script("return getComputedStyle(document.getElementById('strip')).overflow")
    assert overflow == "visible"


def test_an_accounts_citation_lands_on_its_source_and_marks_it(browser: Any, page_file: Path) -> None:
    tl = load([bundled_path()]).timeline
    cited = next(e for e in tl.events[10:-10] if any(a.source in e.sources for a in e.accounts))
    ident = anchor(cited.id)
    open_page(browser, page_file, f"#{ident}")
    link = browser.find_element(By.CSS_SELECTOR, f"#{ident} .accounts a.cite")
    target = link.get_attribute("href").split("#")[1]
    n = cited.sources.index(next(a.source for a in cited.accounts if a.source in cited.sources)) + 1
    assert target == f"{ident}~s{n}"
    link.click()
    WebDriverWait(browser, 10).until(lambda d: d.execute_script("return location.hash") == f"#{target}")
    WebDriverWait(browser, 10).until(lambda d: 16 <= top_of(d, target) < 60)  # not flush with the edge
    seen = browser.execute_script(
        "const li = document.getElementById(arguments[0]);"
        "return [li.matches(':target'), getComputedStyle(li).outlineStyle, li.textContent];",
        target,
    )
    assert seen[:2] == [True, "solid"]
    assert tl.sources[cited.sources[n - 1]].title in seen[2]
    assert_quiet(browser, page_file)


def controls(driver: Any) -> list[Any]:
    """What the reader has chosen, as the page's controls hold it: the boxes ticked, any or all,
    the search text and the dates."""
    chosen: list[Any] = driver.execute_script(
        """
        return [[...document.querySelectorAll('#filters input:checked')].map((b) => b.name + "=" + b.value),
                ...["f-text", "f-from", "f-to"].map((id) => document.getElementById(id).value)];
        """
    )
    return chosen


CLEARED = f"Showing all {TOTAL} events: the filters were cleared to show the event you followed."


def test_a_link_to_an_event_the_filters_hide_says_so_and_the_filters_can_be_put_back(
    browser: Any, page_file: Path
) -> None:
    # the two events that say "autonomous", from 1994, with Azerbaijan and Nagorno-Karabakh both: the
    # first links to the peace talks (hidden by the search) and to the second (shown)
    at, hidden, visible = (
        "event-autonomy-status-offer",
        "event-inter-war-peace-talks",
        "event-status-offer-rescinded",
    )
    open_page(browser, page_file)
    set_filters(
        browser,
        actors=("azerbaijan", "nagorno-karabakh"),
        match="all",
        text="autonomous",
        date_from="1994-01-01",
    )
    before, chosen = shown(browser), controls(browser)
    assert sorted(before[0]) == sorted([at, visible]) and "all" in " ".join(chosen[0])
    back = browser.find_element(By.ID, "f-back")
    assert not back.is_displayed()

    # a link to a shown event leaves the filters alone: no clearing, no button
    browser.find_element(By.CSS_SELECTOR, f'#{at} .links a[href="#{visible}"]').click()
    WebDriverWait(browser, 10).until(lambda d: d.execute_script("return location.hash") == f"#{visible}")
    assert browser.execute_script(
        "return document.getElementById(arguments[0]).classList.contains('selected')", visible
    )
    assert shown(browser) == before and controls(browser) == chosen and not back.is_displayed()

    # a link to a hidden event shows it, selected, and the count says why the filters are gone
    browser.find_element(By.CSS_SELECTOR, f'#{visible} .links a[href="#{at}"]').click()
    browser.find_element(By.CSS_SELECTOR, f'#{at} .links a[href="#{hidden}"]').click()
    WebDriverWait(browser, 10).until(lambda d: hidden in shown(d)[0])
    ids, _, count = shown(browser)
    assert len(ids) == TOTAL and count == CLEARED
    assert browser.execute_script(
        "return document.getElementById(arguments[0]).classList.contains('selected')", hidden
    )
    assert controls(browser) == [["match=any"], "", "", ""]
    assert back.is_displayed() and back.get_attribute("type") == "button"
    # it is not printed
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not back.is_displayed()
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})

    # reached by the keyboard (the next stop after Clear), with a visible focus, and pressed: the
    # filters as they were, applied, and the button gone
    browser.execute_script("document.getElementById('f-clear').focus()")
    browser.switch_to.active_element.send_keys(Keys.TAB)
    assert browser.switch_to.active_element == back
    assert browser.execute_script("return getComputedStyle(document.activeElement).outlineStyle") not in (
        "none",
        "",
    )
    back.send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda d: shown(d) == before)
    assert controls(browser) == chosen and not back.is_displayed()
    assert browser.switch_to.active_element.get_attribute("id") == "f-clear"  # not lost with the button

    # any other change of the filters, or Clear, and the button goes: those are the reader's now
    for change in (
        "document.getElementById('f-clear').click()",
        "const t = document.getElementById('f-text'); t.value = 'x';"
        " t.dispatchEvent(new Event('input', { bubbles: true }))",
        "document.querySelector('input[name=kind]').click()",
    ):
        set_filters(browser, text="autonomous")
        browser.execute_script("location.hash = arguments[0]", at)
        browser.find_element(By.CSS_SELECTOR, f'#{at} .links a[href="#{hidden}"]').click()
        WebDriverWait(browser, 10).until(lambda d: shown(d)[2] == CLEARED)
        assert back.is_displayed()
        browser.execute_script(change)
        WebDriverWait(browser, 10).until(lambda d: shown(d)[2] != CLEARED)
        assert not back.is_displayed()

    # Back, from the event the link led to, puts the filters back too
    set_filters(browser, text="autonomous")
    browser.execute_script("location.hash = arguments[0]", at)
    before, chosen = shown(browser), controls(browser)
    browser.find_element(By.CSS_SELECTOR, f'#{at} .links a[href="#{hidden}"]').click()
    WebDriverWait(browser, 10).until(lambda d: shown(d)[2] == CLEARED)
    browser.back()
    WebDriverWait(browser, 10).until(lambda d: shown(d) == before)
    assert controls(browser) == chosen and not back.is_displayed()
    assert browser.execute_script("return location.hash") == f"#{at}"
    # but not over filters the reader has chosen since the link cleared them
    browser.find_element(By.CSS_SELECTOR, f'#{at} .links a[href="#{hidden}"]').click()
    WebDriverWait(browser, 10).until(lambda d: shown(d)[2] == CLEARED)
    set_filters(browser, text="autonomous status")
    browser.back()
    WebDriverWait(browser, 10).until(
        lambda d: d.execute_script("return document.querySelector('.selected').id") == at
    )
    assert controls(browser)[1] == "autonomous status" and not back.is_displayed()
    assert_quiet(browser, page_file)


def test_the_filters_work_by_keyboard_with_a_visible_focus(
    browser: Any, page_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    open_page(browser, page_file)
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)  # the first stop: the skip link, shown when focused
    skip = browser.switch_to.active_element
    assert skip.text == "Skip to the events" and skip.rect["x"] >= 0
    search = browser.find_element(By.ID, "f-text")
    search.send_keys("lachin")  # typed, one key at a time: the count follows as you type
    want, _ = cli(capsys, "--search", "lachin")
    WebDriverWait(browser, 10).until(lambda d: sorted(shown(d)[0]) == sorted(want))
    outline = browser.execute_script("return getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")
    box = browser.find_element(By.CSS_SELECTOR, 'input[name="actor"][value="russia"]')
    browser.execute_script("arguments[0].scrollIntoView()", box)
    box.send_keys(Keys.SPACE)  # a checkbox ticked from the keyboard
    want, _ = cli(capsys, "--search", "lachin", "--actor", "russia")
    WebDriverWait(browser, 10).until(lambda d: sorted(shown(d)[0]) == sorted(want))
    search.clear()
    search.send_keys(Keys.BACKSPACE)
    assert_quiet(browser, page_file)


# -- speed at 10,000 events -----------------------------------------------------------------------

#: Each figure is taken this many times; the median and the spread are printed.
RUNS = 3


def _spread(values: list[float]) -> str:
    return f"median {statistics.median(values):.0f} ms (runs: {', '.join(f'{v:.0f}' for v in values)})"


def test_ten_thousand_events_open_and_filter_in_time(
    browser: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    yaml_path = tmp_path / "bundled-10000.yaml"
    write_shaped(10_000, str(yaml_path))
    page = tmp_path / "big.html"
    page.write_text(to_html(load([yaml_path]).timeline), encoding="utf-8")
    opened, ready = [], []
    for _ in range(RUNS):
        open_page(browser, page)
        # from the start of navigation: the page laid out and loaded, and the script done (usable)
        load_end, script_done = browser.execute_script(
            "return [performance.getEntriesByType('navigation')[0].loadEventEnd,"
            " Number(document.documentElement.dataset.ready)]"
        )
        opened.append(load_end)
        ready.append(script_done)
    assert browser.execute_script("return document.body.dataset.shown") == "10000"
    redraw: dict[str, list[float]] = {}
    changes = {
        "actor": "document.querySelector('input[name=actor][value=russia]').click()",
        "search word": "const t = document.getElementById('f-text'); t.value = 'lachin';"
        " t.dispatchEvent(new Event('input', {bubbles: true}))",
        "date range": "const f = document.getElementById('f-from'); f.value = '2023-01-01';"
        " f.dispatchEvent(new Event('input', {bubbles: true}))",
        "clear": "document.getElementById('f-clear').click()",
    }
    for _ in range(RUNS):
        for name, change in changes.items():
            # from the change to the next frame drawn with it (two animation frames: the style,
            # layout and paint of the change are done by the second)
            took = browser.execute_async_script(
                f"""
                const done = arguments[arguments.length - 1];
                const t0 = performance.now();
                {change};
                document.body.offsetHeight;
                requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0)));
                """
            )
            redraw.setdefault(name, []).append(took)
    size = page.stat().st_size
    lines = [
        f"10,000 events, page of {size / 1e6:.1f} MB:",
        f"  opened (load event end): {_spread(opened)}",
        f"  usable (script done):    {_spread(ready)}",
        *(f"  redraw after {name:12} {_spread(v)}" for name, v in redraw.items()),
    ]
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    assert_quiet(browser, page)


def test_printing_leaves_out_the_controls_and_keeps_every_event(browser: Any, page_file: Path) -> None:
    open_page(browser, page_file)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        filters, events, links = browser.execute_script(
            """
            return [getComputedStyle(document.getElementById("filters")).display,
                    [...document.querySelectorAll("main article.event")].filter(
                      (a) => a.getClientRects().length > 0).length,
                    getComputedStyle(document.querySelector(".sources a[href^=http]"), "::after").content];
            """
        )
        assert filters == "none" and events == TOTAL
        assert links.startswith('" <http')  # the address printed after the source's title
        pdf = browser.execute_cdp_cmd("Page.printToPDF", {})["data"]
        assert len(pdf) > 10_000
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert_quiet(browser, page_file)


def test_without_javascript_every_event_is_shown_and_the_controls_are_not(
    browser: Any, page_file: Path
) -> None:
    browser.get("about:blank")
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        browser.get(page_file.as_uri())
        assert browser.find_element(By.ID, "data")  # the page is there, its script did not run
        assert not browser.find_element(By.ID, "filters").is_displayed()
        articles = browser.find_elements(By.CSS_SELECTOR, "main article.event")
        assert len(articles) == TOTAL
        assert all(a.get_attribute("hidden") is None for a in articles)
        assert browser.find_element(By.TAG_NAME, "html").get_attribute("data-ready") is None
        last = articles[-1]
        browser.execute_script("arguments[0].scrollIntoView()", last)
        assert last.is_displayed()
    finally:
        browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})


# -- what a new reader met: the filters far down, a range backwards, the print, the strip ------------

SIZES = ((1280, 800), (390, 844))


def _at(driver: Any, width: int, height: int, path: Path, fragment: str = "") -> None:
    _viewport(driver, width, height)
    open_page(driver, path, fragment)


@pytest.fixture
def sized(browser: Any) -> Iterator[Any]:
    """The browser, its viewport set by the test, and put back after it."""
    try:
        yield browser
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def _bottom(driver: Any, selector: str) -> float:
    bottom: float = driver.execute_script(
        "return document.querySelector(arguments[0]).getBoundingClientRect().bottom", selector
    )
    return bottom


def test_the_filters_are_on_the_first_screen_at_both_sizes(
    sized: Any, page_file: Path, tmp_path: Path
) -> None:
    for width, height in SIZES:
        _at(sized, width, height, page_file)
        # the search field, the count, the dates and the actors' list (its summary) as the page opens
        for selector in ("#f-text", "#count", "#f-from", "#f-actors > summary"):
            assert 0 < _bottom(sized, selector) <= height, (width, selector)
        shot = tmp_path / f"page-{width}-opened.png"
        assert sized.save_screenshot(str(shot))
        _keep(shot)
    # on a phone the actors' list starts closed, and once opened and a box ticked the first event
    # shown is less than a screen below the box
    assert not sized.execute_script("return document.getElementById('f-actors').open")
    sized.find_element(By.CSS_SELECTOR, "#f-actors > summary").click()
    box = sized.find_element(By.CSS_SELECTOR, 'input[name="actor"][value="russia"]')
    sized.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
    box.click()
    ids, _, count = shown(sized)
    assert count.startswith("Showing 16 of ")
    gap = sized.execute_script(
        "return document.getElementById(arguments[0]).getBoundingClientRect().top"
        " - arguments[1].getBoundingClientRect().bottom",
        ids[0],
        box,
    )
    assert 0 < gap < 844
    assert sized.execute_script("return document.documentElement.scrollWidth") <= 390
    assert_quiet(sized, page_file)


def test_the_readme_screenshot_is_the_page_as_it_opens(sized: Any, page_file: Path, tmp_path: Path) -> None:
    """docs/page.png: at 1280×800 as the page opens, its filters in sight (kept with TIMELINE_SCREENSHOTS)."""
    _at(sized, 1280, 800, page_file)
    assert _bottom(sized, "#f-actor") <= 800
    shot = tmp_path / "page.png"
    assert sized.save_screenshot(str(shot))
    _keep(shot)


def test_a_range_from_after_to_is_refused_in_place(
    browser: Any, page_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    open_page(browser, page_file)
    set_filters(browser, date_from="2023-05-01", date_to="2022-01-01")
    error = browser.find_element(By.ID, "f-dates")
    assert error.is_displayed()
    assert (
        error.text
        == "From 2023-05-01 is after to 2022-01-01: no event can match, so the dates are not applied."
    )
    assert browser.find_element(By.ID, "f-from").get_attribute("aria-invalid") == "true"
    ids, _, count = shown(browser)
    # not a filter that shows nothing: the dates are left out, and the count says so
    assert len(ids) == TOTAL
    assert count == f"Showing all {TOTAL} events. The dates are not applied: From is after to."
    # the other filters still apply
    set_filters(browser, actors=("russia",), date_from="2023-05-01", date_to="2022-01-01")
    want, _ = cli(capsys, "--actor", "russia")
    assert sorted(shown(browser)[0]) == sorted(want)
    assert shown(browser)[2].endswith(
        "filtered by actor: Russia. The dates are not applied: From is after to."
    )
    # a range the right way round: the message goes
    set_filters(browser, date_from="2022-01-01", date_to="2023-05-01")
    assert not error.is_displayed()
    assert browser.find_element(By.ID, "f-from").get_attribute("aria-invalid") is None
    assert_quiet(browser, page_file)


def test_printing_a_filtered_page_states_its_filter_and_count(browser: Any, page_file: Path) -> None:
    open_page(browser, page_file)
    set_filters(browser, actors=("russia",))
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        printed = browser.execute_script(
            """
            const seen = (el) => el.getClientRects().length > 0;
            return [seen(document.getElementById("made")), seen(document.getElementById("count")),
                    document.getElementById("count").textContent, seen(document.getElementById("f-text")),
                    seen(document.getElementById("filters-h")),
                    [...document.querySelectorAll("main article.event")].filter(seen).length];
            """
        )
        assert printed == [
            False,
            True,
            f"Showing 16 of {TOTAL} events, filtered by actor: Russia.",
            False,
            False,
            16,
        ]
        assert len(browser.execute_cdp_cmd("Page.printToPDF", {})["data"]) > 10_000
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    set_filters(browser)  # nothing chosen: the page prints as exported, "All 70 events."
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert browser.execute_script(
            "return [document.getElementById('made').getClientRects().length > 0,"
            " document.getElementById('count').getClientRects().length > 0]"
        ) == [True, False]
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert_quiet(browser, page_file)


def test_the_year_links_follow_the_filters(
    browser: Any, page_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    open_page(browser, page_file)

    def years() -> list[str]:
        listed: list[str] = browser.execute_script(
            "return [...document.querySelectorAll('.years a')].filter((a) => a.getClientRects().length > 0)"
            ".map((a) => a.textContent)"
        )
        return listed

    everything = years()
    assert everything == sorted({str(e.when.first_year) for e in load([bundled_path()]).timeline.events})
    set_filters(browser, actors=("caliber-az",))
    want, _lines = cli(capsys, "--actor", "caliber-az")
    listed = years()
    assert listed and listed != everything
    tl = load([bundled_path()]).timeline
    assert listed == sorted({str(e.when.first_year) for e in tl.events if anchor(e.id) in want})
    set_filters(browser, text="zzzz")  # nothing shown: no year listed, nor the line
    assert years() == [] and not browser.find_element(By.CSS_SELECTOR, ".years").is_displayed()
    set_filters(browser)
    assert years() == everything
    assert_quiet(browser, page_file)


@pytest.fixture(scope="module")
def kitchensink(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The TimelineJS kitchen sink, imported: no actors, eras that overlap ("Another Era" and "Yet
    Another Era")."""
    folder = tmp_path_factory.mktemp("kitchensink")
    data = Path(__file__).parent / "data" / "timelinejs" / "v2-kitchensink.json"
    subprocess.run(
        [sys.executable, "-m", "timeline", "import", str(data), "-o", str(folder / "k.yaml")],
        check=True,
        capture_output=True,
    )
    path = folder / "k.html"
    path.write_text(to_html(load([folder / "k.yaml"]).timeline), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def edges(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("edges")
    (folder / "edges.yaml").write_text(EDGES, encoding="utf-8")
    path = folder / "edges.html"
    path.write_text(to_html(load([folder / "edges.yaml"]).timeline), encoding="utf-8")
    return path


def test_a_timeline_without_actors_has_no_actors_section_and_filters(sized: Any, kitchensink: Path) -> None:
    _at(sized, 390, 844, kitchensink)
    assert sized.find_elements(By.ID, "f-actors") == [] and sized.find_elements(By.ID, "f-any") == []
    sized.find_element(By.ID, "f-text").send_keys("zzzz")
    assert shown(sized)[0] == []
    sized.find_element(By.ID, "f-clear").click()
    assert len(shown(sized)[0]) == 14
    assert sized.execute_script("return document.body.dataset.shown") == str(len(shown(sized)[0]))
    assert_quiet(sized, kitchensink)


def test_the_strips_labels_fit_it_and_do_not_overlap(
    sized: Any, kitchensink: Path, page_file: Path, edges: Path
) -> None:
    for path in (kitchensink, page_file, edges):
        for width, height in SIZES:
            _at(sized, width, height, path)
            strip, names, years = sized.execute_script(
                """
                const box = (el) => { const r = el.getBoundingClientRect(); return [r.left, r.right]; };
                const seen = (t) => t.getAttribute("visibility") !== "hidden";
                const left = document.getElementById("strip").getBoundingClientRect().left + 1;
                const room = (svg) => {
                  if (!svg.x) return box(document.getElementById("strip"));  // not in a room of its own
                  const x = left + svg.x.baseVal.value;
                  return [x, x + svg.width.baseVal.value];
                };
                return [box(document.getElementById("strip")),
                        [...document.querySelectorAll("#strip .era-name")].filter(seen).map(
                          (t) => [t.textContent, box(t), box(t.parentNode)]),
                        [...document.querySelectorAll("#strip .axis text")].map(box)];
                """
            )
            assert years
            for left, right in years:
                assert strip[0] <= left and right <= strip[1] + 0.5, (path.name, width, years)
            spans = sorted(b for _, b, _ in names)
            for (_, right), (left, _) in itertools.pairwise(spans):
                assert right <= left, (path.name, width, names)
            for name, (left, right), (room_left, room_right) in names:
                assert room_left <= left and right <= room_right, (path.name, width, name)
            if path == kitchensink and width == 1280:
                assert {"Another Era", "Yet Another Era"} <= {n for n, _, _ in names}
            if path == kitchensink and width == 390:
                assert "Another Era" not in {n for n, _, _ in names}  # no room for it at 390 px
            assert_quiet(sized, path)
