"""A realistic synthetic timeline of N events in the timeline schema (README, "The timeline file").

Fixed seed, so the same N always gives the same bytes.  About 50 actors with
aliases, a few hundred sources, and events with every date form the schema
knows (ISO at year, month and day precision, early/mid/late, EDTF ~ ? %, a few
natural forms such as ``5 August 2023``), spans, multi-paragraph summaries of a
few hundred characters, quotes, tags, places and outcomes; about 500 bytes per
event, so 100,000 events make a file of about 50 MB.

    python3 benchmarks/generate.py 100000 -o /tmp/t100k.yaml
"""

from __future__ import annotations

import argparse
import calendar
import random
import sys
from collections.abc import Iterator

SEED = 20230801

_PEOPLE = [
    "Ilham Aliyev",
    "Nikol Pashinyan",
    "Vladimir Putin",
    "Charles Michel",
    "Antony Blinken",
    "Samvel Shahramanyan",
    "Arayik Harutyunyan",
    "Ruben Vardanyan",
    "Davit Babayan",
    "Hikmet Hajiyev",
    "Jeyhun Bayramov",
    "Ararat Mirzoyan",
    "Sergey Lavrov",
    "Recep Erdogan",
    "Emmanuel Macron",
    "Olaf Scholz",
    "Josep Borrell",
    "Toivo Klaar",
    "Louis Bono",
    "Igor Khovaev",
]
_STATES = [
    ("Azerbaijan", "AZ", ["Baku", "Azerbaijani government", "Republic of Azerbaijan"]),
    ("Armenia", "AM", ["Yerevan", "Armenian government", "Republic of Armenia"]),
    ("Nagorno-Karabakh", "NK", ["Stepanakert", "Artsakh", "Karabakh Armenians"]),
    ("Russia", "RU", ["Moscow", "Kremlin", "Russian peacekeepers"]),
    ("United States", "US", ["Washington", "USA", "U.S. State Department"]),
    ("European Union", "EU", ["Brussels", "EU mission"]),
    ("Turkey", "TR", ["Ankara", "Türkiye"]),
    ("Iran", "IR", ["Tehran", "Islamic Republic of Iran"]),
    ("France", "FR", ["Paris", "Élysée"]),
    ("Georgia", "GE", ["Tbilisi"]),
    ("OSCE Minsk Group", "OSCE", ["Minsk Group", "co-chairs"]),
    ("United Nations", "UN", ["UN Security Council", "UNHCR"]),
    ("ICRC", "ICRC", ["Red Cross", "International Committee of the Red Cross"]),
    ("Kazakhstan", "KZ", ["Astana"]),
    ("Kyrgyzstan", "KG", ["Bishkek"]),
    ("Germany", "DE", ["Berlin", "Bundesregierung"]),
]
_OUTLETS = [
    "Eurasianet",
    "Reuters",
    "BBC News",
    "Radio Free Europe/Radio Liberty",
    "Deutsche Welle",
    "Agence France-Presse",
    "Associated Press",
    "OC Media",
    "CivilNet",
    "APA",
    "Trend",
    "TASS",
    "Al Jazeera",
    "The Guardian",
    "Le Monde",
]
_PLACES = [
    "Baku",
    "Yerevan",
    "Stepanakert",
    "Brussels",
    "Moscow",
    "Washington",
    "Sochi",
    "Prague",
    "Granada",
    "Yevlakh",
    "Lachin corridor",
    "Shusha",
    "Geneva",
    "Vienna",
    "Bishkek",
    "Tehran",
    "Kars",
    "Goris",
    "Aghdam",
    "Munich",
]
_TAGS = [
    "talks",
    "mediation",
    "blockade",
    "war",
    "ceasefire",
    "humanitarian",
    "refugees",
    "border",
    "peace-treaty",
    "corridor",
    "sanctions",
    "prisoners",
    "landmines",
    "energy",
    "elections",
    "protests",
    "peacekeepers",
    "delimitation",
    "transit",
    "rights",
]
_KINDS = [
    ("statement", 30),
    ("meeting", 14),
    ("report", 10),
    ("proposal", 8),
    ("interview", 6),
    ("analysis", 6),
    ("position", 5),
    ("measure", 5),
    ("agreement", 4),
    ("forum", 3),
    ("decree", 3),
    ("offensive", 2),
    ("ceasefire", 1),
    ("displacement", 1),
    ("war", 1),
    ("other", 1),
]
_OUTCOMES = ["held", "held", "held", "declined", "not-held", "pending"]
_VERBS = [
    "discusses",
    "rejects",
    "proposes",
    "welcomes",
    "condemns",
    "postpones",
    "announces",
    "calls for",
    "agrees on",
    "questions",
    "disputes",
    "outlines",
    "reviews",
    "demands",
    "offers",
]
_TOPICS = [
    "the reopening of the Lachin corridor",
    "a new round of talks",
    "the exchange of prisoners",
    "the rights and security of Karabakh Armenians",
    "border delimitation",
    "a peace treaty",
    "humanitarian deliveries",
    "the withdrawal of troops",
    "the status of the region",
    "transport links across the region",
    "the return of displaced people",
    "landmine maps",
    "gas supplies",
    "the mandate of the peacekeepers",
    "the checkpoint on the Hakari bridge",
]
_TEXT = (
    "officials said the meeting had been constructive although several questions remained open "
    "and both sides accused each other of delaying the process while mediators urged restraint "
    "and promised to return with a revised draft before the end of the month observers noted "
    "that the wording of the statement differed from earlier versions and that no date had been "
    "set for the next round the delegation travelled overnight and was received by the deputy "
    "minister who stressed that any agreement must respect international law and the principle "
    "of territorial integrity local residents reported shortages of fuel medicine and flour"
)
_WORDS = _TEXT.split()


def _slug(text: str) -> str:
    out = "".join(c if c.isalnum() else "-" for c in text.lower())
    return "-".join(p for p in out.split("-") if p)


def _q(text: str) -> str:
    """A YAML double-quoted string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _actors() -> list[tuple[str, str, str, list[str], str]]:
    out = []
    for name, short, aliases in _STATES:
        out.append((_slug(name), name, short, aliases, f"{name}, a party to or mediator in the conflict."))
    for person in _PEOPLE:
        last = person.split()[-1]
        out.append((_slug(person), person, last[:6].upper(), [last], f"{person}, an official."))
    for outlet in _OUTLETS[:14]:
        short = "".join(w[0] for w in outlet.replace("/", " ").split())[:6].upper() + "X"
        out.append((_slug(outlet) + "-desk", outlet + " desk", short, [], f"The newsroom of {outlet}."))
    return out  # 16 + 20 + 14 = 50


_MONTHS = [calendar.month_name[m] for m in range(1, 13)]


def _date(rng: random.Random, year: int) -> tuple[str, tuple[int, int, int]]:
    """A date as written, and a (year, month, day) at or after which it falls, for ordering."""
    month = rng.randint(1, 12)
    day = rng.randint(1, calendar.monthrange(year, month)[1])
    r = rng.random()
    if r < 0.45:
        text, key = f"{year:04d}-{month:02d}-{day:02d}", (year, month, day)
    elif r < 0.70:
        text, key = f"{year:04d}-{month:02d}", (year, month, 1)
    elif r < 0.80:
        q = rng.choice(["early", "mid", "late"])
        text, key = f"{q} {year:04d}-{month:02d}", (year, month, {"early": 1, "mid": 11, "late": 21}[q])
    elif r < 0.86:
        q = rng.choice(["early", "mid", "late"])
        text, key = f"{q} {year:04d}", (year, {"early": 1, "mid": 5, "late": 9}[q], 1)
    elif r < 0.92:
        text, key = f"{year:04d}-{month:02d}-{day:02d}{rng.choice('~?%')}", (year, month, day)
    elif r < 0.96:
        text, key = f"{year:04d}{rng.choice('~?')}", (year, 1, 1)
    elif r < 0.98:
        text, key = f"{day} {_MONTHS[month - 1]} {year}", (year, month, day)
    else:
        text, key = f"{_MONTHS[month - 1]} {year}", (year, month, 1)
    return text, key


def _sentence(rng: random.Random, lo: int, hi: int) -> str:
    n = rng.randint(lo, hi)
    start = rng.randrange(len(_WORDS) - n)
    words = _WORDS[start : start + n]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def generate(n: int, seed: int = SEED) -> Iterator[str]:
    """The lines of a timeline of ``n`` events (joined, a valid YAML file)."""
    rng = random.Random(seed)
    actors = _actors()
    actor_ids = [a[0] for a in actors]
    yield "title: Synthetic South Caucasus chronology\n"
    yield "description: |\n"
    yield f"  A generated timeline of {n:,} events for benchmarks (seed {seed}).\n"
    yield "  Dates, actors and wording are random; the structure is that of a curated file.\n\n"
    yield "actors:\n"
    for actor_id, name, short, aliases, description in actors:
        yield f"  {actor_id}:\n    name: {name}\n    short: {short}\n"
        if aliases:
            yield f"    aliases: [{', '.join(aliases)}]\n"
        yield f"    description: {description}\n"
    n_sources = max(10, min(2000, n // 50))
    sources = []
    yield "\nsources:\n"
    for s in range(n_sources):
        outlet = rng.choice(_OUTLETS)
        year = rng.randint(1990, 2024)
        source_id = f"{_slug(outlet)}-{s:04d}"
        sources.append(source_id)
        who = f"{rng.choice(_PEOPLE)} and {rng.choice(_STATES)[0]}"
        title = f"{who} {rng.choice(_VERBS)} {rng.choice(_TOPICS)}"
        yield f"  {source_id}:\n    title: {_q(title)}\n    publisher: {outlet}\n"
        if rng.random() < 0.5:
            yield f"    authors: [{rng.choice(_PEOPLE)}]\n"
        yield f'    date: "{year}-{rng.randint(1, 12):02d}"\n'
        yield f"    url: https://news.example.org/{_slug(outlet)}/{year}/{s}-{_slug(title)[:40]}\n"
    yield "\nevents:\n"
    # Years spread over 1988-2024, file order mostly chronological with some shuffling.
    years = sorted(rng.randint(1988, 2024) for _ in range(n))
    for i in range(n):
        if i and rng.random() < 0.1:
            years[i], years[i - 1] = years[i - 1], years[i]
    for i in range(n):
        year = years[i]
        date, _ = _date(rng, year)
        kind = rng.choices([k for k, _ in _KINDS], weights=[w for _, w in _KINDS])[0]
        who = rng.sample(actor_ids, rng.choice((1, 1, 2, 2, 2, 3, 4)))
        topic = rng.choice(_TOPICS)
        title = f"{actors[actor_ids.index(who[0])][1]} {rng.choice(_VERBS)} {topic}"
        event_id = f"{_slug(title)[:40].strip('-')}-{i}"
        yield f"  - id: {event_id}\n"
        yield f'    date: "{date}"\n'
        if kind in ("war", "offensive", "measure", "displacement") or rng.random() < 0.06:
            end_year = min(9999, year + rng.choice((0, 0, 1, 2, 5)))
            end, _ = _date(rng, end_year)
            # keep the end after the start: use a later year, or the whole end year
            end = f"{end_year + 1}" if end_year == year else end
            yield f'    end: "{end}"\n'
        yield f"    title: {_q(title)}\n"
        yield f"    kind: {kind}\n"
        if kind in ("meeting", "proposal"):
            outcome = rng.choice(_OUTCOMES)
            yield f"    outcome: {outcome}\n"
            if outcome == "declined":
                yield f"    declined_by: [{who[-1]}]\n"
        yield f"    actors: [{', '.join(who)}]\n"
        if rng.random() < 0.6:
            yield f"    location: {rng.choice(_PLACES)}\n"
        tags = rng.sample(_TAGS, rng.choice((0, 1, 1, 2, 3)))
        if tags:
            yield f"    tags: [{', '.join(tags)}]\n"
        yield "    summary: |\n"
        yield f"      {_sentence(rng, 10, 20)} {_sentence(rng, 6, 14)}\n"
        if rng.random() < 0.3:
            yield "\n"
            yield f"      {_sentence(rng, 8, 16)}\n"
        if rng.random() < 0.3:
            speaker = who[0]
            yield "    quotes:\n"
            yield f"      - text: {_q(_sentence(rng, 6, 16))}\n"
            yield f"        by: {actors[actor_ids.index(speaker)][1]}\n"
            yield f"        actor: {speaker}\n"
            if rng.random() < 0.5:
                yield f"        source: {rng.choice(sources)}\n"
        cited = rng.sample(sources, rng.choice((1, 1, 1, 2, 3)))
        yield f"    sources: [{', '.join(cited)}]\n"


def write(n: int, path: str, seed: int = SEED) -> int:
    """Write the timeline of ``n`` events to ``path``; return its size in bytes."""
    data = "".join(generate(n, seed)).encode("utf-8")
    with open(path, "wb") as fh:
        fh.write(data)
    return len(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of events")
    parser.add_argument("-o", "--output", default="-", help="file to write (default: standard output)")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    if args.output == "-":
        for line in generate(args.n, args.seed):
            sys.stdout.write(line)
        return 0
    size = write(args.n, args.output, args.seed)
    print(f"{args.output}: {args.n:,} events, {size:,} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
