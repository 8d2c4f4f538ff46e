"""Merge translation files into a built questionnaire; a missing translation is a warning, never a crash."""

from __future__ import annotations

from pathlib import Path

from fldd.standard.model import Module, Questionnaire, Text
from fldd.standard.problems import Problems
from fldd.standard.schema_check import check_schema
from fldd.standard.yaml_source import Mapping, YamlError, load_yaml


def translation_path(root: Path, lang: str, source: Path) -> Path:
    """Where the `lang` translation of `source` lives."""
    return root / "translations" / lang / source.resolve().relative_to(root)


def read(path: Path, lang: str, schema: Path, problems: Problems) -> Mapping | None:
    """Parse and check one translation file; None when absent or unusable."""
    if not path.is_file():
        return None
    try:
        data = load_yaml(path)
    except YamlError as exc:
        problems.error(exc.path, exc.line, exc.message)
        return None
    if not isinstance(data, Mapping) or not check_schema(data, schema, path, problems):
        return None
    if data.get("language") != lang:
        problems.error(path, data.line_of("language"), f"language is '{data.get('language')}', expected '{lang}'")
        return None
    return data


def merge(q: Questionnaire, qpath: Path, module_paths: list[Path], root: Path, problems: Problems,
          labels: dict[str, dict[str, Text]], labels_path: Path) -> None:
    """Add every declared language's texts to `q`, warning about each text still missing."""
    schema = root / "schema" / "translation.schema.json"
    if not schema.is_file():
        from fldd.paths import questionnaires_dir

        schema = questionnaires_dir() / "schema" / "translation.schema.json"
    for lang in q.languages[1:]:
        _merge_head(q, qpath, lang, read(translation_path(root, lang, qpath), lang, schema, problems),
                    root, problems)
        for module, mpath in zip(q.modules, module_paths):
            try:
                tpath = translation_path(root, lang, mpath)
            except ValueError:
                problems.error(mpath, module.where.line, f"a module outside {root} cannot be translated; "
                               "keep module files beside their questionnaire", module.id)
                continue
            data = read(tpath, lang, schema, problems)
            if data is None and not tpath.exists():
                problems.warning(mpath, module.where.line,
                                 f"no '{lang}' translation file ({tpath.relative_to(root)}); English is shown",
                                 module.id)
                continue
            _merge_module(q, module, mpath, tpath, lang, data or Mapping(), problems)
        for section, items in labels.items():
            for key, text in items.items():
                if lang not in text:
                    problems.warning(labels_path, 1, f"no '{lang}' translation of label {section}.{key}")


def _put(target: Text, source: Mapping, key: str, lang: str, warn: list[str]) -> None:
    """Copy one translated text, or note that it is missing when the source language has it."""
    if key in source:
        target[lang] = str(source[key]).strip()
    elif target:
        warn.append(key)


def _merge_head(q: Questionnaire, qpath: Path, lang: str, data: Mapping | None, root: Path,
                problems: Problems) -> None:
    if data is None:
        problems.warning(qpath, 1, f"no '{lang}' translation file ({translation_path(root, lang, qpath).relative_to(root)}); "
                         "English is shown")
        return
    head = data.get("questionnaire", Mapping())
    missing: list[str] = []
    _put(q.title, head, "title", lang, missing)
    _put(q.description, head, "description", lang, missing)
    labels = data.get("sampling", Mapping())
    rules = {r.id: r for r in q.sampling}
    for rid in labels:
        if rid not in rules:
            problems.error(translation_path(root, lang, qpath), labels.line_of(rid),
                           "translation of a sampling rule that is not in the questionnaire", rid)
    for rid, rule in rules.items():
        _put(rule.label, labels, rid, lang, missing)
    facts = data.get("facts", Mapping())
    for fid in facts:
        if fid not in q.facts:
            problems.error(translation_path(root, lang, qpath), facts.line_of(fid),
                           "translation of a fact that is not in the questionnaire", fid)
    for fid, fact in q.facts.items():
        entry = facts.get(fid)
        if entry is not None and "title" in entry:
            fact.title[lang] = str(entry["title"]).strip()
        else:
            missing.append(f"fact '{fid}'")
    reasons = data.get("floors", [])
    if len(reasons) not in (0, len(q.floors)):
        problems.error(translation_path(root, lang, qpath), data.line_of("floors"),
                       f"floors: {len(reasons)} reasons translated for the {len(q.floors)} rating floors")
    for floor, reason in zip(q.floors, reasons):
        floor.reason[lang] = str(reason).strip()
    if q.floors and not reasons:
        missing.append("floors")
    for key in missing:
        problems.warning(qpath, 1, f"no '{lang}' translation of the questionnaire {key}")
    tpath = translation_path(root, lang, qpath)
    _merge_rules(q, [t for t in q.thresholds if t.module is None], tpath, lang, data, problems)
    _merge_derived(q, qpath, tpath, lang, data, problems)


def _merge_module(q: Questionnaire, module: Module, mpath: Path, tpath: Path, lang: str, data: Mapping,
                  problems: Problems) -> None:
    head = data.get("module", Mapping())
    missing: list[str] = []
    _put(module.title, head, "title", lang, missing)
    _put(module.intro, head, "intro", lang, missing)
    for key in missing:
        problems.warning(mpath, module.where.line, f"no '{lang}' translation of the module {key}", module.id)
    texts = data.get("questions", Mapping())
    ids = {qu.id for qu in module.questions}
    for qid in texts:
        if qid not in ids:
            problems.error(tpath, texts.line_of(qid), f"translation of a question that is not in {mpath.name}", qid)
    for question in module.questions:
        tr = texts.get(question.id)
        if tr is None:
            problems.warning(mpath, question.where.line, f"no '{lang}' translation", question.id)
            continue
        missing = []
        for key, target in (("text", question.text), ("guidance", question.guidance),
                            ("evidence", question.evidence), ("unit", question.unit), ("ask", question.ask)):
            _put(target, tr, key, lang, missing)
        if question.check is not None:
            _put(question.check.item, tr, "check", lang, missing)
        elif "check" in tr:
            problems.error(tpath, tr.line_of("check"), "translation of a checklist item the question does not have",
                           question.id)
        option_labels = tr.get("options", Mapping())
        declared = {o.value for o in question.options}
        for value in option_labels:
            if value not in declared:
                problems.error(tpath, option_labels.line_of(value), f"translation of a missing option '{value}'",
                               question.id)
        for opt in question.options:
            if opt.value in option_labels:
                opt.label[lang] = str(option_labels[opt.value])
            elif lang not in opt.label:
                missing.append(f"option '{opt.value}'")
        for key in missing:
            problems.warning(mpath, question.where.line, f"no '{lang}' translation of {key}", question.id)
    _merge_rules(q, [t for t in q.thresholds if t.module == module.id], tpath, lang, data, problems)
    _merge_derived(q, mpath, tpath, lang, data, problems)


def _merge_derived(q: Questionnaire, source: Path, tpath: Path, lang: str, data: Mapping, problems: Problems) -> None:
    """Labels of the derived values defined in `source`; a translation of any other id is an error."""
    texts = data.get("derived", Mapping())
    mine = {d.id: d for d in q.derived if d.where.path == str(source)}
    for did in texts:
        if did not in mine:
            problems.error(tpath, texts.line_of(did), f"translation of a derived value that is not in {source.name}",
                           did)
    for did, d in mine.items():
        if did in texts:
            _put(d.label, texts[did], "label", lang, [])
        elif d.label:
            problems.warning(d.where.path, d.where.line, f"no '{lang}' translation of the label", did)


def _merge_rules(q: Questionnaire, thresholds: list, tpath: Path, lang: str, data: Mapping,
                 problems: Problems) -> None:
    texts = data.get("thresholds", Mapping())
    known = {t.id for t in thresholds}
    for tid in texts:
        if tid not in known:
            problems.error(tpath, texts.line_of(tid), "translation of a threshold that is not in the source file", tid)
    for t in thresholds:
        tr = texts.get(t.id)
        if tr is None:
            problems.warning(t.where.path, t.where.line, f"no '{lang}' translation", t.id)
            continue
        missing: list[str] = []
        _put(t.title, tr, "title", lang, missing)
        _put(t.remedy, tr, "remedy", lang, missing)
        for key in missing:
            problems.warning(t.where.path, t.where.line, f"no '{lang}' translation of the {key}", t.id)
