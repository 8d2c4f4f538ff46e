"""What a buyer records about a site beyond its country and goods, checked: other names (screened against entity
lists), recruitment corridors (where its migrant workers come from) and raw-material origins (material@country).
Each refusal names the field, as the form and the command line show it."""

from __future__ import annotations

MATERIAL_SYNTAX = "MATERIAL@COUNTRY, e.g. Cotton@CN"
ALIASES, CORRIDORS, MATERIALS = "other names", "recruitment corridors", "raw materials"


def _country(text: str) -> str | None:
    """The ISO code of 'CN', 'cn' or 'China' (usual English names too), or None."""
    from fldd.risk.countries import code_for_name, is_country

    typed = (text or "").strip()
    if len(typed) == 2 and is_country(typed):
        return typed.upper()
    return code_for_name(typed)


def parse_material(text: str) -> dict:
    """'Cotton@CN' (or 'Cotton @ China') -> {"material": "Cotton", "country": "CN"}; the country as typed when it
    is not one, for checked_profile to refuse naming it."""
    material, at, where = text.rpartition("@")
    if not at:
        return {"material": text.strip(), "country": ""}
    return {"material": material.strip(), "country": _country(where) or where.strip()}


def material_text(item: dict) -> str:
    """{"material": "Cotton", "country": "CN"} -> 'Cotton@CN', as the form and --material take it."""
    return f"{item.get('material', '')}@{item.get('country', '')}"


def checked_profile(aliases, corridors, materials, name: str = "") -> tuple[dict, list[str]]:
    """The aliases, corridors and materials cleaned ({aliases, corridors, materials}) and the problems found."""
    problems: list[str] = []
    clean_aliases = []
    for alias in aliases or []:
        alias = " ".join(str(alias).split())
        if alias and alias.casefold() != name.strip().casefold() and alias not in clean_aliases:
            clean_aliases.append(alias)
    clean_corridors = []
    for typed in corridors or []:
        if not str(typed).strip():
            continue
        code = _country(str(typed))
        if code is None:
            problems.append(f"{CORRIDORS}: '{str(typed).strip()}' is not a country: give the ISO 3166-1 code of the "
                            "migrant workers' country of origin, e.g. NP for Nepal")
        elif code not in clean_corridors:
            clean_corridors.append(code)
    clean_materials = []
    for item in materials or []:
        found = parse_material(item) if isinstance(item, str) else {
            "material": str(item.get("material") or "").strip(), "country": str(item.get("country") or "").strip()}
        shown = item if isinstance(item, str) else material_text(found)
        if not found["material"] and not found["country"]:
            continue
        code = _country(found["country"])
        if not found["material"] or not found["country"]:
            problems.append(f"{MATERIALS}: '{shown}' needs a material and its country of origin ({MATERIAL_SYNTAX})")
        elif code is None:
            problems.append(f"{MATERIALS}: '{shown}': '{found['country']}' is not a country (use its ISO 3166-1 "
                            "code, e.g. CN for China)")
        else:
            entry = {"material": found["material"], "country": code}
            if entry not in clean_materials:
                clean_materials.append(entry)
    return {"aliases": clean_aliases, "corridors": clean_corridors, "materials": clean_materials}, problems
