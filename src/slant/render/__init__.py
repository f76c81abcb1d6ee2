"""Turning Documents into what people read: JSON, a terminal report, a standalone HTML page."""

#: what every page, report and table shows for an article whose source names no outlet (the store
#: keeps ""); counts of such articles' outlets read "outlets not named"
NO_OUTLET = "outlet not named"
#: columns of the corpus tables (slant stats, the report) that hold an outlet's name
OUTLET_COLUMNS = frozenset({"outlet", "first_outlet", "outlet_a", "outlet_b", "relayed_by", "repeated_by"})


def outlet_name(outlet: str | None) -> str:
    """An outlet as shown to people: its name, or ``NO_OUTLET`` when the source named none."""
    return (outlet or "").strip() or NO_OUTLET
