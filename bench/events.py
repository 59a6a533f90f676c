"""Event import and roll-up benchmark on synthetic GDELT 2.0 and POLECAT files.

    .venv/bin/python bench/events.py [--rows 250000 1000000] [--formats gdelt polecat]

For each format and size it writes a synthetic file in that format (made here,
at bench time: no event data is bundled), then measures, each in a fresh
process: DuckDB's own CSV reader loading the same file as text columns (the
baseline: the floor for getting those bytes into DuckDB), our `events import`
(read, check, map, write), its rows per second and peak resident memory, and
on the resulting store the roll-up for one pair (its monthly series, with the
connection opened as the app does) and for all pairs. Peak memory should stay
flat as files grow: rows are streamed in batches.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

STATES = ["USA", "RUS", "CHN", "PRK", "KOR", "JPN", "UKR", "GBR", "FRA", "DEU", "IRN", "ISR",
          "IND", "PAK", "TUR", "SAU", "SYR", "IRQ", "AFG", "EGY", "BRA", "MEX", "CAN", "AUS",
          "POL", "ITA", "ESP", "VNM", "PHL", "TWN", "ROM", "BLR", "GEO", "ARM", "AZE", "KAZ"]
GROUPS = ["UNO", "NAT", "EEC", "AFU", "HMS", "TAL"]  # the last two are not bodies we map
CODES = ["010", "020", "036", "040", "042", "043", "046", "051", "057", "061", "062", "071",
         "072", "0311", "112", "111", "120", "130", "138", "141", "150", "163", "172", "173",
         "181", "190", "193", "195"]
PLOVER = [("CONSULT", "visit"), ("SUPPORT", ""), ("AGREE", ""), ("COOPERATE", "economic"),
          ("COOPERATE", "military"), ("AID", "military"), ("AID", "humanitarian"),
          ("REQUEST", ""), ("ACCUSE", ""), ("REJECT", ""), ("THREATEN", "violence"),
          ("PROTEST", "demo"), ("SANCTION", ""), ("MOBILIZE", "troops"), ("COERCE", "arrest"),
          ("ASSAULT", "firearms"), ("RETREAT", "release")]
#: Goldstein scale by CAMEO root code (roughly GDELT's values) and PLOVER intensities (the
#: PLOVER manual's scores), so that the synthetic scores read like real ones.
GOLDSTEIN = {"01": 0.0, "02": 3.0, "03": 4.0, "04": 1.5, "05": 3.5, "06": 6.0, "07": 7.0,
             "10": -5.0, "11": -2.0, "12": -4.0, "13": -6.0, "14": -6.5, "15": -7.2,
             "16": -4.0, "17": -7.0, "18": -9.0, "19": -10.0}
INTENSITY = {"CONSULT": 2.1, "SUPPORT": 4.6, "AGREE": 4.2, "COOPERATE": 6.8, "AID": 7.4,
             "REQUEST": -5.0, "ACCUSE": -2.0, "REJECT": -4.2, "THREATEN": -5.1, "PROTEST": -6.6,
             "SANCTION": -5.2, "MOBILIZE": -5.3, "COERCE": -7.2, "ASSAULT": -9.3,
             "RETREAT": 7.6}
POLECAT_HEADER = (
    "Event ID\tEvent Date\tEvent Type\tEvent Mode\tEvent Intensity\tQuad Code\tContexts\t"
    "Actor Name\tActor Country\tActor COW\tPrimary Actor Sector\tActor Sectors\tActor Title\t"
    "Actor Name Raw\tWikipedia Actor ID\tRecipient Name\tRecipient Country\tRecipient COW\t"
    "Primary Recipient Sector\tRecipient Sectors\tRecipient Title\tRecipient Name Raw\t"
    "Wikipedia Recipient ID\tPlacename\tCity\tDistrict\tProvince\tCountry\tLatitude\t"
    "Longitude\tGeoNames ID\tRaw Placename\tFeature Type\tSource\tPublication Date\t"
    "Story People\tStory Organizations\tStory Locations\tLanguage\tVersion")


def _day(rng: random.Random) -> tuple[int, int, int]:
    return 2023 + rng.randrange(2), 1 + rng.randrange(12), 1 + rng.randrange(28)


def write_gdelt(path: Path, rows: int, seed: int = 14) -> None:
    """`rows` GDELT 2.0 event rows (61 columns), 1 in 500 malformed."""
    rng = random.Random(seed)
    geo = ["1", "Somewhere", "XX", "XX", "", "10.5", "20.25", "-1"]
    with path.open("w", encoding="utf-8") as f:
        for i in range(rows):
            y, m, d = _day(rng)
            day = f"{y}{m:02d}{d:02d}"
            one, two = rng.choice(STATES), rng.choice(STATES)
            if rng.random() < 0.08:
                a1 = ("IGO" + rng.choice(GROUPS), "", a1g := rng.choice(GROUPS))
            else:
                a1, a1g = (one + "GOV", one, ""), ""
            a2 = (two + "MIL", two, "") if rng.random() > 0.05 else ("", "", "")
            code = rng.choice(CODES)
            row = [str(900000000 + i), day, day[:6], day[:4], f"{y}.{m * 8:04d}",
                   a1[0], "ACTOR ONE", a1[1], a1g, "", "", "", "GOV", "", "",
                   a2[0], "ACTOR TWO", a2[1], "", "", "", "", "MIL", "", "",
                   "1", code, code[:3], code[:2], "1",
                   f"{max(-10.0, min(10.0, GOLDSTEIN[code[:2]] + rng.uniform(-1, 1))):.1f}",
                   "4", "1", "2", f"{rng.uniform(-8, 8):.4f}", *geo, *geo, *geo,
                   day + "120000", f"https://news.example/{y}/{m}/{rng.randrange(rows // 3)}"]
            if i % 500 == 499:
                row = row[:40]  # a short line
            f.write("\t".join(row) + "\n")


def write_polecat(path: Path, rows: int, seed: int = 14) -> None:
    """`rows` POLECAT rows under a header row (40 columns), 1 in 500 malformed."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as f:
        f.write(POLECAT_HEADER + "\n")
        for i in range(rows):
            y, m, d = _day(rng)
            kind, mode = rng.choice(PLOVER)
            one, two = rng.choice(STATES[:20]), rng.choice(STATES)
            actor = ("United Nations", "IGO") if rng.random() < 0.05 else ("Someone", one)
            story = f"{y}{m:02d}{d:02d}-{rng.randrange(10000):04d}-{rng.randrange(rows // 2):012x}"
            row = [f"{story}_{kind}_R", f"{y}-{m:02d}-{d:02d}", kind, mode,
                   f"{INTENSITY[kind]:.1f}", "VERBAL COOPERATION", "political",
                   actor[0], actor[1], "2", "GOV", "GOV", "", actor[0], "None",
                   "Someone Else", two, "365", "GOV", "GOV", "", "Someone Else", "None",
                   "Place", "City", "", "Province", two, "1.0", "2.0", "123", "Place", "PPL",
                   "Example Wire", f"{y}-{m:02d}-{d:02d}", "", "", "", "en", "bench"]
            if i % 500 == 499:
                row = row[:25]
            f.write("\t".join(row) + "\n")


CHILD = r"""
import json, resource, sys, time
from pathlib import Path
what, path, fmt, store = sys.argv[1], Path(sys.argv[2]), sys.argv[3], Path(sys.argv[4])
start = time.perf_counter()
result = {}
if what == "duckdb-read":
    import duckdb
    con = duckdb.connect(str(store), config={"autoinstall_known_extensions": False,
                                             "autoload_known_extensions": False})
    con.execute("CREATE TABLE raw AS SELECT * FROM read_csv(?, delim='\t', header=false, "
                "all_varchar=true, null_padding=true, ignore_errors=true, quote='')",
                [str(path)])
    result["rows"] = con.execute("SELECT count(*) FROM raw").fetchone()[0]
    con.close()
elif what == "import":
    from explorer.events.importer import import_files
    [report] = import_files([path], fmt, store)
    result.update(rows=report.rows_read, events=report.events_added,
                  malformed=report.malformed)
elif what == "rollup":
    from explorer.events import database, rollup
    with database.connect(store) as con:
        pairs = rollup.pair_totals(con)
    a, b = pairs.iloc[0]["a"], pairs.iloc[0]["b"]
    times, cpu = [], []
    for _ in range(21):
        t, c = time.perf_counter(), time.process_time()
        with database.connect(store) as con:
            series = rollup.monthly(con, a, b)
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    times.sort()
    cpu.sort()
    result["pair_ms"] = times[len(times) // 2] * 1000
    result["pair_cpu_ms"] = cpu[len(cpu) // 2] * 1000
    result["pair_rows"] = len(series)
    result["pair"] = f"{a}-{b}"
    t = time.perf_counter()
    with database.connect(store) as con:
        result["all_pairs"] = len(rollup.pair_totals(con))
    result["all_pairs_s"] = time.perf_counter() - t
    t = time.perf_counter()
    with database.connect(store) as con:
        result["rollup_rows"] = len(rollup.summary(con))
    result["rollup_s"] = time.perf_counter() - t
result["seconds"] = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_SELF)
result["cpu"] = usage.ru_utime + usage.ru_stime  # every thread's CPU time, DuckDB's included
result["peak_mb"] = usage.ru_maxrss / 1024
print(json.dumps(result))
"""


def child(*args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD, *args], check=True,
                          capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parent.parent)
    return json.loads(done.stdout.strip().splitlines()[-1])


def generate(fmt: str, path: Path, rows: int) -> None:
    """In a child process, so that this one stays small (children inherit ru_maxrss)."""
    code = (f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); import events; "
            f"events.write_{fmt}(__import__('pathlib').Path({str(path)!r}), {rows})")
    subprocess.run([sys.executable, "-c", code], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[250_000, 1_000_000])
    parser.add_argument("--formats", nargs="+", default=["gdelt", "polecat"])
    args = parser.parse_args()
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}, "
          f"{os.cpu_count()} cores")
    print(f"{'format':>8} {'rows':>10} {'MB':>6} | {'duckdb read':>11} | {'import':>8} "
          f"{'cpu':>7} {'rows/s':>9} {'peak':>7} {'ratio':>6} | {'pair':>8} {'all pairs':>9} "
          f"{'roll-up':>8}")
    with tempfile.TemporaryDirectory() as folder:
        for fmt in args.formats:
            for rows in args.rows:
                path = Path(folder) / (f"{fmt}-{rows}.export.CSV" if fmt == "gdelt"
                                       else f"{fmt}-{rows}.txt")
                generate(fmt, path, rows)
                base = child("duckdb-read", str(path), fmt, str(Path(folder) / "raw.duckdb"))
                store = Path(folder) / f"{fmt}-{rows}.events.duckdb"
                done = child("import", str(path), fmt, str(store))
                query = child("rollup", str(path), fmt, str(store))
                print(f"{fmt:>8} {rows:>10,} {path.stat().st_size / 2**20:>6.0f} | "
                      f"{base['seconds']:>10.2f}s | {done['seconds']:>7.2f}s "
                      f"{done['cpu']:>6.1f}s {done['rows'] / done['seconds']:>9,.0f} "
                      f"{done['peak_mb']:>5.0f}MB "
                      f"{done['seconds'] / base['seconds']:>5.1f}× | "
                      f"{query['pair_ms']:>6.1f}ms {query['pair_cpu_ms']:>5.1f}ms "
                      f"{query['all_pairs_s']:>8.2f}s "
                      f"{query['rollup_s']:>7.2f}s", flush=True)
                print(f"{'':>8} {'':>10} {'':>6}   ({done['events']:,} events stored, "
                      f"{done['malformed']:,} malformed rows; pair {query['pair']}: "
                      f"{query['pair_rows']} roll-up rows; {query['all_pairs']:,} pairs, "
                      f"{query['rollup_rows']:,} roll-up rows in all)", flush=True)
                for p in (store, Path(folder) / "raw.duckdb", path):
                    p.unlink(missing_ok=True)
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} (after)")
    print("duckdb read: DuckDB's read_csv of the same file as text (the floor); ratio: import "
          "÷ that (wall clock); cpu: the import's CPU seconds, all threads (less swayed by "
          "other work on the machine than wall clock); pair: one pair's monthly series, "
          "median of 21, connection included (and its CPU time); peak: the importing "
          "process's maximum resident memory")


if __name__ == "__main__":
    main()
