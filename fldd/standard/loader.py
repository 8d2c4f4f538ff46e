"""Read the fldd standard from questionnaires/ and report every problem with file, line and id."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fldd.standard import checks, exchange_rates, next_steps, reporting_laws, translations
from fldd.standard.build import Builder
from fldd.standard.model import Questionnaire, Source, Standard, Term, Text
from fldd.standard.normalise import content_hash
from fldd.standard.problems import Problem, Problems
from fldd.standard.schema_check import check_schema
from fldd.standard.yaml_source import Mapping, YamlError, load_yaml


@dataclass
class Loaded:
    """A standard as read, with the problems found on the way."""

    standard: Standard
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """Problems that make a file unusable."""
        return [p for p in self.problems if p.level == "error"]


class StandardError(Exception):
    """The shipped standard has errors; the app cannot run on it."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


class _Reader:
    """Reads the shared files once, then any number of questionnaire files."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.schemas = root / "schema"
        self.problems = Problems()
        self.sources = self._read_sources()
        self.glossary = self._read_glossary()
        self.labels = self._read_labels()
        self._read_shared_translations()

    def _file(self, path: Path, schema: str) -> Mapping | None:
        """Parse and schema-check one file; None when it cannot be used."""
        try:
            data = load_yaml(path)
        except YamlError as exc:
            self.problems.error(exc.path, exc.line, exc.message)
            return None
        if not isinstance(data, Mapping):
            self.problems.error(path, 1, "expected a mapping of fields at the top of the file")
            return None
        if not check_schema(data, self.schemas / f"{schema}.schema.json", path, self.problems):
            return None
        return data

    def _read_sources(self) -> dict[str, Source]:
        data = self._file(self.root / "sources.yaml", "sources")
        out: dict[str, Source] = {}
        for i, s in enumerate(data["sources"] if data else []):
            if s["key"] in out:
                self.problems.error(self.root / "sources.yaml", data["sources"].line_of(i),
                                    f"duplicate source key '{s['key']}'", s["key"])
            out[s["key"]] = Source(s["key"], s["citation"], s["kind"], s["year"], s.get("check", False))
        return out

    def _read_glossary(self) -> dict[str, Term]:
        path = self.root / "glossary.yaml"
        data = self._file(path, "glossary")
        out: dict[str, Term] = {}
        for i, t in enumerate(data["terms"] if data else []):
            line = data["terms"].line_of(i)
            if t["id"] in out:
                self.problems.error(path, line, f"duplicate term id '{t['id']}'", t["id"])
            out[t["id"]] = Term(t["id"], {"en": t["term"]}, {"en": t["definition"].strip()},
                                tuple(t.get("see_also", [])), tuple(t.get("basis", [])))
            for key in t.get("basis", []):
                if key not in self.sources:
                    self.problems.error(path, line, f"basis '{key}' is not in sources.yaml", t["id"])
        for term in out.values():
            for other in term.see_also:
                if other not in out:
                    self.problems.error(path, 1, f"see_also names a missing term '{other}'", term.id)
        return out

    def _read_labels(self) -> dict[str, dict[str, Text]]:
        try:
            data = load_yaml(self.root / "common.yaml")
        except YamlError as exc:
            self.problems.error(exc.path, exc.line, exc.message)
            return {}
        if not isinstance(data, dict):
            self.problems.error(self.root / "common.yaml", 1, "expected a mapping of label sections")
            return {}
        return {section: {str(k): {"en": str(v)} for k, v in items.items()} for section, items in data.items()}

    def _read_shared_translations(self) -> None:
        """Labels and glossary terms in every language that has a translations/<lang>/ folder."""
        folder = self.root / "translations"
        schema = self.schemas / "translation.schema.json"
        for lang_dir in sorted(p for p in folder.glob("*") if p.is_dir()) if folder.is_dir() else []:
            lang = lang_dir.name
            common = translations.read(lang_dir / "common.yaml", lang, schema, self.problems)
            for section, items in (common or {}).get("labels", {}).items():
                known = self.labels.get(section)
                for key, text in items.items():
                    if known is None or str(key) not in known:
                        self.problems.error(lang_dir / "common.yaml", items.line_of(key),
                                            f"translation of a label that common.yaml does not have: {section}.{key}")
                    else:
                        known[str(key)][lang] = str(text)
            glossary = translations.read(lang_dir / "glossary.yaml", lang, schema, self.problems)
            terms = (glossary or {}).get("terms", {})
            for tid, entry in terms.items():
                term = self.glossary.get(tid)
                if term is None:
                    self.problems.error(lang_dir / "glossary.yaml", terms.line_of(tid),
                                        "translation of a term that is not in glossary.yaml", tid)
                    continue
                if "term" in entry:
                    term.term[lang] = str(entry["term"])
                if "definition" in entry:
                    term.definition[lang] = str(entry["definition"]).strip()

    def questionnaire(self, path: Path) -> Questionnaire | None:
        """Read a questionnaire file and its modules; None when it has errors."""
        before = len(self.problems.errors)
        data = self._file(path, "questionnaire") if _kind(path) != "module" else None
        if data is None:
            if _kind(path) == "module":
                self.problems.error(path, 1, "this is a module file: validate the questionnaire file that lists it")
            return None
        modules = []
        for i, name in enumerate(data["modules"]):
            mpath = path.parent / name
            if not mpath.is_file():
                self.problems.error(path, data["modules"].line_of(i), f"module file '{name}' does not exist")
                continue
            mdata = self._file(mpath, "module")
            if mdata is not None:
                modules.append((mdata, mpath))
        if len(self.problems.errors) > before:
            return None
        checks.check_raw_questionnaire(data, path, self.problems)
        lang = data["questionnaire"]["languages"][0]
        q = Builder(lang, self.labels, self.problems).questionnaire(data, path, modules)
        translations.merge(q, path, [m for _, m in modules], self.root_of(path), self.problems, self.labels,
                           self.root / "common.yaml")
        checks.check_questionnaire(q, self.sources, self.glossary, self.problems)
        if len(self.problems.errors) > before:
            return None
        return _with_hash(q)

    def root_of(self, path: Path) -> Path:
        """The folder a questionnaire's translations/ lives in: two levels up from its file."""
        return path.resolve().parent.parent


def _kind(path: Path) -> str:
    """'module' when the file starts a module, else 'questionnaire' (cheap look at the first keys)."""
    try:
        head = path.read_text(encoding="utf-8", errors="replace")[:4000]
    except OSError:
        return "questionnaire"
    for line in head.splitlines():
        if line.startswith("module:"):
            return "module"
        if line.startswith("questionnaire:"):
            return "questionnaire"
    return "questionnaire"


def _with_hash(q: Questionnaire) -> Questionnaire:
    object.__setattr__(q, "content_hash", content_hash(q))
    return q


_SHARED_FILES = ("glossary.yaml", "sources.yaml", "common.yaml", exchange_rates.FILE_NAME, reporting_laws.FILE_NAME,
                 "inherent_risk.yaml", next_steps.FILE_NAME)  # fldd/risk/inherent_rules.py checks inherent_risk.yaml


def questionnaire_files(folder: Path) -> list[Path]:
    """Every questionnaire file below `folder` (module files and translations left out)."""
    found = []
    for path in sorted(folder.rglob("*.yaml")):
        if "translations" in path.relative_to(folder).parts:
            continue
        if _kind(path) == "questionnaire" and path.name not in _SHARED_FILES:
            found.append(path)
    return found


def load(root: Path | None = None, paths: list[Path] | None = None) -> Loaded:
    """Read the standard in `root` (default: the shipped one); with `paths`, read those questionnaire
    files instead of the shipped ones, against the shipped glossary, sources and (for `verifies`) tiers."""
    from fldd.paths import questionnaires_dir

    root = root or questionnaires_dir()
    reader = _Reader(root)
    shipped = questionnaire_files(root)
    targets: list[Path] = []
    for p in paths or shipped:
        found_here = questionnaire_files(p) if p.is_dir() else [p]
        if p.is_dir() and not found_here:
            reader.problems.error(p, 0, "no questionnaire file in this folder (a YAML file starting 'questionnaire:')")
        for target in found_here:
            if target.resolve() not in {t.resolve() for t in targets}:
                targets.append(target)
    found: dict[str, Questionnaire] = {}
    for path in targets:
        if not path.exists():
            reader.problems.error(path, 0, "no such file")
            continue
        q = reader.questionnaire(path)
        if q is not None:
            if q.id in found:
                reader.problems.error(path, 1, f"questionnaire id '{q.id}' is used by {found[q.id].where.path} too")
            found[q.id] = q
    context = dict(found)
    if paths:  # cross-references to shipped tiers, without reporting their problems again
        quiet = _Reader(root)
        for path in shipped:
            q = quiet.questionnaire(path)
            if q is not None:
                context.setdefault(q.id, q)
    checks.check_standard(found, context, root, reader.problems, full=not paths)
    _check_rates(root, reader.problems)
    for lang in sorted({lang for q in found.values() for lang in q.languages[1:]}):
        for term in reader.glossary.values():
            if lang not in term.definition:
                reader.problems.warning(root / "glossary.yaml", 1, f"no '{lang}' translation of the term", term.id)
    released = {} if paths else _releases(root, found, reader)
    standard = Standard(found, reader.glossary, reader.sources, reader.labels, released)
    return Loaded(standard, reader.problems.sorted())


def _check_rates(root: Path, problems: Problems) -> None:
    """The exchange-rate table conditions convert fees with (in_currency_of) must be readable. A root
    without one (a test's, a buyer's own tier) is scored with the shipped table."""
    from fldd.paths import questionnaires_dir

    path = root / exchange_rates.FILE_NAME
    if not path.exists() and root.resolve() != questionnaires_dir().resolve():
        return
    try:
        exchange_rates.read(path)
    except exchange_rates.RatesError as exc:
        problems.error(root / exchange_rates.FILE_NAME, 1, str(exc))


def _releases(root: Path, found: dict[str, Questionnaire], reader: _Reader) -> dict[str, dict[str, Questionnaire]]:
    """The released versions frozen under root/releases, checked against the current files and the lock."""
    import json

    from fldd.standard import releases

    frozen = releases.read_releases(root, reader.sources, reader.glossary, reader.problems)
    lock_path = root / checks.LOCK_FILE
    try:
        lock = json.loads(lock_path.read_text(encoding="utf-8")).get("datapoints", {}) if lock_path.is_file() else {}
    except (OSError, ValueError):
        lock = {}  # a broken lock is reported by the lock check
    releases.check_against(found, frozen, lock, root, reader.problems)
    return frozen


def load_shipped() -> Standard:
    """The shipped standard, for the app and the engine; raises StandardError if it has errors."""
    loaded = load()
    if loaded.errors:
        raise StandardError(loaded.errors)
    return loaded.standard
