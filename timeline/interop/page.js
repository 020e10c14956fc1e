// The page's filters, as timeline/filters.py has them (Filter.apply). Everything compared here
// was computed by the model at export (timeline/interop/html.py, _data): each event's actors
// (Timeline.event_actors), kind, outcome, tags, first and last day, and its id. The text search
// looks in (Timeline.text_haystacks) is the text of each event's elements marked class="h" with its
// kind, id and tags, folded here as str.casefold folds it (tests/test_html.py checks that these hold
// the model's words). Nothing here reads a date: it only compares.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("data").textContent);
  // Each event's row, from the data's columns (html.py, _data): [actors, kind, outcome, tags, first
  // day, last day, id], its actors and tags as lists of numbers (places in data.actors and data.tags).
  var ev = data.events;
  var rows = ev.first.map(function (first, i) {
    return [data.actorLists[ev.actors[i]], ev.kind[i], ev.outcome[i], data.tagLists[ev.tags[i]], first, ev.last[i], ev.id[i]];
  });
  // Where each event is on the overview strip, from its first day, as html.py's _bin and _x have it:
  // its bar, and its place across (in percent of the strip's width).
  var span = data.hi - data.lo + 1;
  var binOf = rows.map(function (row) {
    return Math.min(data.bins - 1, Math.max(0, Math.floor(((row[4] - data.lo) * data.bins) / span)));
  });
  function across(row) {
    return Math.round(((row[4] - data.lo) / span) * 100000) / 1000;
  }
  var actorHay = data.actors.map(function (a) { return a[1]; });
  var actorAt = {};
  data.actors.forEach(function (a, n) { actorAt[a[0]] = n; });
  var tagAt = {};
  data.tags.forEach(function (t, n) { tagAt[t] = n; });
  var fold = data.fold;
  var foldable = new RegExp(
    "[" + Object.keys(fold).map(function (c) { return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4); }).join("") + "]",
    "g"
  );
  var articles = Array.prototype.slice.call(document.querySelectorAll("main article.event"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("main section.year"));
  var chunks = Array.prototype.slice.call(document.querySelectorAll("main div.chunk"));
  var chunkAt = new Map(), sectionAt = new Map();
  chunks.forEach(function (c, j) { chunkAt.set(c, j); });
  sections.forEach(function (c, j) { sectionAt.set(c, j); });
  var chunkOf = articles.map(function (a) { return chunkAt.get(a.parentNode); });
  var sectionOf = articles.map(function (a) { return sectionAt.get(a.parentNode.parentNode); });
  var shown = articles.map(function () { return true; });
  var bars = Array.prototype.slice.call(document.querySelectorAll("#strip .bars rect"));
  var barTop = Number(bars.length ? bars[0].getAttribute("y") : 0) + Number(bars.length ? bars[0].getAttribute("height") : 0);
  var barMax = 46;
  var count = document.getElementById("count");
  var filters = document.getElementById("filters");
  var allBox = document.getElementById("f-all"), anyBox = document.getElementById("f-any"); // no actors: none
  var fromBox = document.getElementById("f-from"), toBox = document.getElementById("f-to");
  var datesError = document.getElementById("f-dates");
  // the year links of the overview, by the year's section (#y-N): hidden with it
  var yearsLine = document.querySelector(".years");
  var yearLinks = Array.prototype.slice.call(document.querySelectorAll('.years a[href^="#y-"]'));
  var yearLinkOf = sections.map(function () { return null; });
  yearLinks.forEach(function (a) {
    var n = sectionAt.get(document.getElementById(a.getAttribute("href").slice(1)).parentNode);
    if (n !== undefined) yearLinkOf[n] = a;
  });
  var total = rows.length;
  var byId = {};
  articles.forEach(function (a, n) { byId[a.id] = n; });

  // Python's str.split(): the characters str.isspace() holds to be whitespace.
  var SPACE = /[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

  // Python's str.casefold(): the lower case, then the table's folding where it is not the lower case.
  function casefold(text) {
    return text.toLowerCase().replace(foldable, function (c) { return fold[c]; });
  }

  // Each event's text as search looks in it (row[6] of the data is its id), made once (when the page
  // is first idle, or first searched): the page's own text, not a second copy of it.
  var hays = null;
  function haystacks() {
    if (hays === null) {
      hays = articles.map(function (art, i) {
        var row = rows[i], parts = [row[1], row[6]];
        var marked = art.querySelectorAll(".h");
        for (var j = 0; j < marked.length; j++) parts.push(marked[j].textContent);
        for (var t = 0; t < row[3].length; t++) parts.push(data.tags[row[3][t]]);
        return casefold(parts.join("\n"));
      });
    }
    return hays;
  }

  function checked(name) {
    return Array.prototype.slice
      .call(document.querySelectorAll('input[name="' + name + '"]:checked'))
      .map(function (box) { return box.value; });
  }

  function day(input) {
    // An <input type="date"> gives YYYY-MM-DD: its day number, as dates.day_number counts them.
    var v = input.value;
    if (!/^\d{4,}-\d\d-\d\d$/.test(v)) return null;
    var parts = v.split("-");
    var d = new Date(0);
    d.setUTCFullYear(Number(parts[0]), Number(parts[1]) - 1, Number(parts[2]));
    return Math.round(d.getTime() / 86400000) + data.epoch;
  }

  // A range whose start is after its end: refused, as `timeline list --from X --to Y` refuses it (no
  // event can match), and not applied: the page says so beside the dates.
  function refuse(s) {
    var bad = s.from !== null && s.to !== null && s.from > s.to;
    if (bad) {
      s.refused = true;
      s.from = s.to = null;
      datesError.textContent =
        "From " + fromBox.value + " is after to " + toBox.value + ": no event can match, so the dates are not applied.";
    }
    if (datesError.hidden === bad) datesError.hidden = !bad;
    [fromBox, toBox].forEach(function (box) {
      if (bad) box.setAttribute("aria-invalid", "true");
      else box.removeAttribute("aria-invalid");
    });
    if (bad) fromBox.setAttribute("aria-errormessage", "f-dates");
    else fromBox.removeAttribute("aria-errormessage");
    return s;
  }

  function spec() {
    var words = document.getElementById("f-text").value.split(SPACE).filter(Boolean).map(casefold);
    var seen = {};
    words = words.filter(function (w) { if (seen[w]) return false; seen[w] = true; return true; });
    return {
      actors: checked("actor").map(function (a) { return actorAt[a]; }),
      all: allBox ? allBox.checked : false,
      kinds: checked("kind"),
      outcomes: checked("outcome"),
      tags: checked("tag").map(function (t) { return tagAt[t]; }),
      from: day(fromBox),
      to: day(toBox),
      words: words,
      refused: false,
    };
  }

  function keeps(row, hay, s) {
    var acts = row[0];
    if (s.actors.length) {
      var hit = s.all
        ? s.actors.every(function (a) { return acts.indexOf(a) >= 0; })
        : s.actors.some(function (a) { return acts.indexOf(a) >= 0; });
      if (!hit) return false;
    }
    if (s.kinds.length && s.kinds.indexOf(row[1]) < 0) return false;
    if (s.outcomes.length && s.outcomes.indexOf(row[2]) < 0) return false;
    if (s.tags.length && !row[3].some(function (t) { return s.tags.indexOf(t) >= 0; })) return false;
    if (s.to !== null && row[4] > s.to) return false;
    if (s.from !== null && row[5] < s.from) return false;
    for (var w = 0; w < s.words.length; w++) {
      var word = s.words[w];
      if (hay.indexOf(word) >= 0) continue;
      if (!acts.some(function (a) { return actorHay[a].indexOf(word) >= 0; })) return false;
    }
    return true;
  }

  function describe(s) {
    var parts = [];
    if (s.actors.length) {
      var names = checkedLabels("actor");
      parts.push((names.length === 1 ? "actor: " : "actors: ") + names.join(s.all ? " and " : " or "));
    }
    if (s.kinds.length) parts.push("kind: " + checkedLabels("kind").join(" or "));
    if (s.tags.length) parts.push("tag: " + checkedLabels("tag").join(" or "));
    if (s.outcomes.length) parts.push("outcome: " + checkedLabels("outcome").join(" or "));
    var from = s.from !== null ? fromBox.value : "", to = s.to !== null ? toBox.value : "";
    if (from && to) parts.push("dates: " + from + " – " + to);
    else if (from) parts.push("from: " + from);
    else if (to) parts.push("to: " + to);
    var text = document.getElementById("f-text").value.trim();
    if (text) parts.push('search: "' + text + '"');
    return parts.join(" · ");
  }

  function checkedLabels(name) {
    return Array.prototype.slice
      .call(document.querySelectorAll('input[name="' + name + '"]:checked'))
      .map(function (box) { return box.parentNode.textContent.replace(/\s*\(\d+ in all\)\s*$/, "").trim(); })
      .sort();
  }

  function apply() {
    var s = refuse(spec());
    var n = 0;
    var perSection = sections.map(function () { return 0; });
    var perChunk = chunks.map(function () { return 0; });
    var perBin = [];
    for (var b = 0; b < data.bins; b++) perBin.push(0);
    var hay = s.words.length ? haystacks() : null;
    for (var i = 0; i < rows.length; i++) {
      var k = keeps(rows[i], hay ? hay[i] : "", s);
      if (k !== shown[i]) {
        articles[i].hidden = !k;
        shown[i] = k;
      }
      if (k) {
        n++;
        perSection[sectionOf[i]]++;
        perChunk[chunkOf[i]]++;
        perBin[binOf[i]]++;
      }
    }
    chunks.forEach(function (chunk, j) {
      var hide = perChunk[j] === 0;
      if (chunk.hidden !== hide) chunk.hidden = hide;
    });
    sections.forEach(function (section, j) {
      var hide = perSection[j] === 0;
      if (section.hidden !== hide) section.hidden = hide;
      var link = yearLinkOf[j];
      if (link && link.hidden !== hide) link.hidden = hide;
    });
    if (yearsLine && yearsLine.hidden !== (n === 0)) yearsLine.hidden = n === 0;
    // the selected event's mark, only while the filters show it
    if (mark && selected != null) mark.setAttribute("visibility", shown[selected] ? "visible" : "hidden");
    var top = Math.max.apply(null, perBin) || 1;
    bars.forEach(function (bar, j) {
      var h = Math.round((perBin[j] / top) * barMax * 100) / 100;
      bar.setAttribute("height", String(h));
      bar.setAttribute("y", String(barTop - h));
    });
    var words = describe(s);
    count.textContent =
      (n === total && !words
        ? "Showing all " + total + " events" + (before ? ": the filters were cleared to show the event you followed." : ".")
        : "Showing " + n + " of " + total + " events" + (words ? ", filtered by " + words : "") + ".") +
      (s.refused ? " The dates are not applied: From is after to." : "");
    if (backButton.hidden !== !before) backButton.hidden = !before;
    document.body.setAttribute("data-shown", String(n));
    // printed: the count and the filters, where they are any (page.css)
    var filtered = Boolean(words);
    filters.classList.toggle("active", filtered);
    document.body.classList.toggle("filtered", filtered);
  }

  // The selected event: the one the address names (#event-ID), or the last one clicked.
  var mark = document.getElementById("mark");
  var selected = null;
  function select(id) {
    var n = byId[id];
    if (n === undefined) return;
    if (selected !== null) {
      articles[selected].classList.remove("selected");
      articles[selected].removeAttribute("aria-current");
    }
    selected = n;
    articles[n].classList.add("selected");
    articles[n].setAttribute("aria-current", "true");
    var x = across(rows[n]) + "%";
    mark.querySelector("line").setAttribute("x1", x);
    mark.querySelector("line").setAttribute("x2", x);
    mark.querySelector("circle").setAttribute("cx", x);
    mark.setAttribute("visibility", "visible");
  }
  // The event an in-page address (an id, without its #) is in: its id, or null where it is in none.
  function eventOf(target) {
    if (byId[target] !== undefined) return target;
    var el = document.getElementById(target);
    var owner = el && el.closest ? el.closest("article.event") : null;
    return owner ? owner.id : null;
  }
  function fromHash() {
    var id = eventOf(decodeURIComponent(location.hash.slice(1)));
    if (id === null) return;
    if (!shown[byId[id]]) {
      // a link to an event the filters hide: show everything, so that it lands, and keep what was
      // chosen, for the button that puts it back (the count says why the filters are gone)
      var was = chosen();
      reset();
      before = was;
      apply();
    }
    select(id);
    land(document.getElementById(decodeURIComponent(location.hash.slice(1))));
  }

  // Scroll to what the address names, and again once the events around it are laid out (those off
  // the screen are not, and take their real height only when drawn: see the style sheet).
  function land(el) {
    if (!el) return;
    el.scrollIntoView();
    requestAnimationFrame(function () {
      requestAnimationFrame(function () { el.scrollIntoView(); });
    });
  }

  function clear() {
    before = null;
    reset();
    apply();
  }
  function reset() {
    document.querySelectorAll('#filters input[type="checkbox"]').forEach(function (box) { box.checked = false; });
    if (anyBox) anyBox.checked = true;
    document.getElementById("f-text").value = "";
    fromBox.value = "";
    toBox.value = "";
  }

  // What the reader has chosen, as the controls hold it (the boxes ticked, any or all, the search
  // text as typed, the dates), to be put back as it was: see fromHash.
  var before = null;
  var backButton = document.getElementById("f-back");
  var boxes = Array.prototype.slice.call(document.querySelectorAll('#filters input[type="checkbox"]'));
  function chosen() {
    return {
      ticked: boxes.map(function (box) { return box.checked; }),
      all: allBox ? allBox.checked : false,
      text: document.getElementById("f-text").value,
      from: fromBox.value,
      to: toBox.value,
    };
  }
  function putBack(was) {
    before = null;
    boxes.forEach(function (box, j) { box.checked = was.ticked[j]; });
    if (allBox) allBox.checked = was.all;
    if (anyBox) anyBox.checked = !was.all;
    document.getElementById("f-text").value = was.text;
    fromBox.value = was.from;
    toBox.value = was.to;
    apply();
  }

  // The eras' names on the strip: each is drawn in its room (from its start to the next era's start),
  // clipped to it; one that does not fit there at this width is hidden, not cut.
  var names = Array.prototype.slice.call(document.querySelectorAll("#strip .era-name"));
  function fitNames() {
    names.forEach(function (text) {
      var room = text.parentNode.width.baseVal.value; // its percentage of the strip, in pixels
      var fits = text.getComputedTextLength() + 6 <= room;
      if (text.getAttribute("visibility") !== (fits ? "visible" : "hidden")) text.setAttribute("visibility", fits ? "visible" : "hidden");
    });
  }
  fitNames();
  window.addEventListener("resize", fitNames);

  // The actors' list is open on a wide screen; on a phone it starts closed, so the events stay near.
  var actorsBox = document.getElementById("f-actors");
  // The eras' list likewise is closed on a phone (it is open without the script), and opened to print.
  var wide = window.matchMedia("(min-width: 48rem)").matches;
  if (actorsBox && wide) actorsBox.open = true;
  var erasBox = document.getElementById("eras-list");
  if (erasBox && !wide) erasBox.open = false;
  window.addEventListener("beforeprint", function () { if (erasBox) erasBox.open = true; });

  // typing, a date picked, a box ticked: each once; the filters a link cleared are then not put back
  filters.addEventListener("input", function () {
    before = null;
    apply();
  });
  document.getElementById("f-clear").addEventListener("click", clear);
  backButton.addEventListener("click", function () {
    if (!before) return;
    putBack(before);
    // the button is gone: the focus goes to the control before it (no keyboard opens on a phone)
    document.getElementById("f-clear").focus();
  });
  // Back from an event a link led to, the filters that link cleared are put back, unless the reader
  // has chosen others since: the link, when clicked, marks the address it is leaving as the one
  // they were cleared from (and unmarks it when it clears nothing, so that no mark is stale).
  document.addEventListener(
    "click",
    function (ev) {
      var a = ev.target.closest ? ev.target.closest('a[href^="#"]') : null;
      if (!a) return;
      var id = eventOf(decodeURIComponent(a.getAttribute("href").slice(1)));
      if (id !== null) history.replaceState(shown[byId[id]] ? null : { putBack: true }, "");
    },
    true
  );
  window.addEventListener("popstate", function (ev) {
    if (ev.state && ev.state.putBack && before) putBack(before);
  });
  document.getElementById("events").addEventListener("click", function (ev) {
    var art = ev.target.closest ? ev.target.closest("article.event") : null;
    if (art) select(art.id);
  });
  window.addEventListener("hashchange", fromHash);
  filters.hidden = false; // the controls need this script: without it they stay out of the way
  apply();
  if (location.hash) fromHash();
  document.documentElement.setAttribute("data-ready", String(Math.round(performance.now())));
  // the events' search text, made once the page is idle, so that the first search need not wait for it
  if (window.requestIdleCallback) window.requestIdleCallback(function () { haystacks(); });
})();
