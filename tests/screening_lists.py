"""A fictional entity list for the screening tests: put in force by replacing current_risk_data, as the buyer
loading a list would (the risk-data loader lands separately)."""

from __future__ import annotations

import dataclasses

from fldd.risk.data import Edition, Entity, risk_data

LIST = "Test Entity List"
LISTED = Entity(LIST, "Kashgar Brightway Textile Co., Ltd.", ("Brightway Textiles Kashgar", "喀什明途纺织有限公司"),
                "CN", reference="Test notice 1")
OTHER = Entity(LIST, "Hetian Lantern Apparel Company Limited", ("Lantern Apparel (Group)",), "CN")
EDITION = Edition("entity_list", LIST, "2026-05", "2026-05-12", "loaded from test-list.csv")


def with_entities(monkeypatch, *entities: Entity, edition: Edition = EDITION) -> None:
    """Put these entities in force for every use case (none: an empty list)."""
    data = dataclasses.replace(risk_data(), entities=tuple(entities), editions=(edition,))
    monkeypatch.setattr("fldd.usecases.risk_data.current_risk_data", lambda ctx: data)
