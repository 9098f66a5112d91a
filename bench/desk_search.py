"""Benchmark of the desk's client search (issue 16): one keystroke's search must not grow
with the register.

For each register size (default 5,000 and 50,000 clients with Polish names and Gryfino
streets) it measures the median time of ``ReceptionService.search_clients`` for what a clerk
types ("jankowska j", "jan", a PESEL's start, a street and number, a first name, starts many
share narrowed by the next word), in the service layer, its audit entry included, on one
SQLite file per size, the sizes taking turns run by run. Target: <= 20 ms per keystroke at
50,000 and <= 1.2x the time at 5,000.

    .venv/bin/python bench/desk_search.py [--sizes 5000 50000] [--repeat 50]

Not a test: it prints numbers, it asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reception import office

from opsdesk.domain.pesel import make_pesel
from opsdesk.domain.text import address_key, fold, name_key
from opsdesk.i18n import set_language

FIRST = [
    "Janina",
    "Alicja",
    "Anna",
    "Maria",
    "Zofia",
    "Krystyna",
    "Łukasz",
    "Jan",
    "Piotr",
    "Józef",
    "Stanisław",
    "Grażyna",
    "Ewa",
    "Marek",
    "Tomasz",
    "Agnieszka",
]
LAST = [
    "Jankowska",
    "Nowak",
    "Kowalski",
    "Wiśniewska",
    "Wójcik",
    "Kamińska",
    "Lewandowski",
    "Zieliński",
    "Szymańska",
    "Woźniak",
    "Dąbrowski",
    "Kozłowska",
    "Jankowski",
    "Mazur",
    "Krawczyk",
    "Piotrowska",
    "Grabowski",
    "Nowakowska",
    "Pawłowski",
    "Michalska",
]
STREETS = [
    "Łużycka",
    "Kościuszki",
    "Pomorska",
    "Szczecińska",
    "Wojska Polskiego",
    "Krzywoustego",
    "Armii Krajowej",
    "Flisacza",
    "Reymonta",
    "Żeromskiego",
]
QUERIES = ["jankowska j", "jan", "kowalski lukasz", "8", "luzycka 1", "grazyna", "xyz"]
# starts many share, narrowed by the next word: read a bounded part of a range, then the
# completed surname ("now zof" -> "nowak zof") or the PESEL's own range ("nowak 85")
QUERIES += ["now zof", "nowak 85", "jan x"]


def fill(path: Path, clients: int) -> None:
    rng = random.Random(16)
    con = sqlite3.connect(path)
    con.execute("PRAGMA synchronous = OFF")
    now = datetime(2026, 11, 1, 8, 0).isoformat(" ")
    rows = []
    for n in range(clients):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        # a few surnames only: the hard case, many people share the typed start
        last = last if rng.random() < 0.9 else f"{last}-{rng.choice(LAST)}"
        born = date(rng.randint(1930, 2005), rng.randint(1, 12), rng.randint(1, 28))
        pesel = make_pesel(born, "F" if first.endswith("a") else "M", rng.randint(0, 999))
        street, number = rng.choice(STREETS), str(rng.randint(1, 120))
        rows.append(
            (
                first,
                last,
                pesel,
                None,
                born.isoformat(),
                "",
                "Gryfino",
                street,
                number,
                "",
                "74-100",
                "",
                "",
                None,
                0,
                None,
                None,
                fold(" ".join(p for p in (last, first, pesel or "") if p)),
                name_key(first, last),
                address_key(street, number, "Gryfino"),
                f"K-{n + 1:06d}",
                now,
                now,
                None,
            )
        )
    con.executemany(
        "INSERT OR IGNORE INTO client (first_name, last_name, pesel, document_number, birth_date,"
        " sex, locality, street, house_number, flat_number, postal_code, phone, email,"
        " region_id, region_overridden, household_id, household_relation, search_key,"
        " name_key, address_key, code, created_at, updated_at, anonymised_at)"
        " VALUES (" + ", ".join("?" * 24) + ")",
        rows,
    )
    con.commit()
    con.execute("ANALYZE")
    con.close()


def measure(sizes: list[int], repeat: int) -> dict[int, dict[str, tuple[float, float]]]:
    """Size -> query -> median (wall, CPU) milliseconds of the whole call (its audit entry
    queued; it is committed behind the call). The sizes take turns, run by run, so a load
    that comes and goes on the machine falls on each alike; CPU time moves less than wall
    time on a loaded machine."""
    with tempfile.TemporaryDirectory() as folder:
        offices = {}
        for size in sizes:
            path = Path(folder) / f"bench-{size}.sqlite3"
            db, _clock, clerk, _teams, _purposes = office(path)
            fill(path, size)
            offices[size] = (db, clerk)
        times: dict[int, dict[str, tuple[float, float]]] = {size: {} for size in sizes}
        for query in QUERIES:
            runs: dict[int, tuple[list[float], list[float]]] = {s: ([], []) for s in sizes}
            for size in sizes:
                offices[size][1].reception.search_clients(query)  # warm
            for _ in range(repeat):
                for size in sizes:
                    # the last keystroke's audit entry is committed, as it is ~50 ms after
                    # (opsdesk/storage/write_behind.py) while a clerk types a key each ~150 ms
                    offices[size][0].behind.flush()
                    start, cpu = time.perf_counter(), time.process_time()
                    offices[size][1].reception.search_clients(query)
                    runs[size][0].append((time.perf_counter() - start) * 1000)
                    runs[size][1].append((time.process_time() - cpu) * 1000)
            for size in sizes:
                walls, cpus = runs[size]
                times[size][query] = (statistics.median(walls), statistics.median(cpus))
        for db, _clerk in offices.values():
            db.dispose()
        return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5_000, 50_000])
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    set_language("pl")
    results = measure(args.sizes, args.repeat)
    for title, which in (("wall", 0), ("CPU", 1)):
        print(f"\n{title} ms (median of {args.repeat})\n")
        print("| query | " + " | ".join(f"{s:,} clients" for s in args.sizes) + " | ratio |")
        print("|---|" + "---:|" * (len(args.sizes) + 1))
        for query in QUERIES:
            times = [results[s][query][which] for s in args.sizes]
            print(
                f"| `{query}` | "
                + " | ".join(f"{t:.2f}" for t in times)
                + f" | ×{times[-1] / times[0]:.2f} |"
            )
        worst = [max(t[which] for t in results[s].values()) for s in args.sizes]
        print(
            f"\nslowest keystroke ({title}): "
            + ", ".join(f"{w:.2f} ms" for w in worst)
            + f"; largest/smallest ×{worst[-1] / worst[0]:.2f}"
        )


if __name__ == "__main__":
    main()
