"""How each class looks, shared by the viewer and the Gephi export: colour, shape and size."""
from __future__ import annotations

import calendar

COLOURS = {
    "Person": "#1f77b4", "State": "#d62728", "Organization": "#9467bd", "Place": "#2ca02c",
    "Position": "#8c8c8c", "Agreement": "#ff7f0e",
    "Ceasefire": "#17becf", "Meeting": "#bcbd22", "Negotiation": "#e377c2", "MilitaryOperation": "#7f0000",
    "ArmedConflict": "#8c564b", "Statement": "#7f7f7f", "Signing": "#ffbb78", "Release": "#98df8a",
    "Visit": "#aec7e8", "Event": "#c7c7c7",
}
SHAPES = {"Person": "dot", "State": "square", "Organization": "diamond", "Place": "triangle", "Position": "dot",
          "Agreement": "star"}
EVENT_SHAPE = "box"
SIZES = {"actor": 14.0, "position": 6.0, "event": 10.0, "agreement": 16.0}


def colour(cls: str) -> str:
    return COLOURS.get(cls, "#999999")


def rgb(cls: str) -> tuple[int, int, int]:
    value = colour(cls).lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def shape(kind: str, cls: str) -> str:
    return EVENT_SHAPE if kind == "event" else SHAPES.get(cls, "dot")


def period(value: str, last: bool = False) -> str:
    """The first (or last) day of an xsd date, gYearMonth or gYear value; "" for anything else."""
    if not value or value.startswith("--"):
        return ""
    parts = value.split("-")
    try:
        if len(parts) == 1:
            return f"{int(parts[0]):04d}-12-31" if last else f"{int(parts[0]):04d}-01-01"
        if len(parts) == 2:
            year, month = int(parts[0]), int(parts[1])
            day = calendar.monthrange(year, month)[1] if last else 1
            return f"{year:04d}-{month:02d}-{day:02d}"
        return value
    except ValueError:
        return ""
