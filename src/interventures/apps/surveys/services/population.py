"""Writes for the population counts that weights are raked to."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from interventures.apps.common.models import SizeClass
from interventures.core.survey.tabular import (
    Format,
    TableError,
    read_table,
)

from ..models import (
    PopulationCount,
)
from .errors import SurveyError

# ---- population figures ------------------------------------------------------------------------


def population_upload(
    *, data: bytes, region_id: int | None = None, encoding: str | None = None, is_demo: bool = False
) -> int:
    """Counts of enterprises (CSV: region or nuts, size_class, nace_section, count, source, year).
    All rows or none: any bad row raises SurveyError listing every problem."""
    from interventures.apps.common.models import Region

    try:
        table = read_table(data, Format.CSV, encoding=encoding)
    except TableError as exc:
        raise SurveyError(_("The file cannot be read: %(reason)s") % {"reason": exc}) from exc
    cols = [c.lower() for c in table.columns]
    needed = {"size_class", "nace_section", "count", "source", "year"}
    missing = sorted(needed - set(cols))
    if missing or not ({"region", "nuts"} & set(cols) or region_id):
        raise SurveyError(_("Missing columns: %(columns)s") % {"columns": ", ".join(missing or ["region"])})
    all_regions = list(Region.objects.all())
    regions = {r.code: r.pk for r in all_regions}
    # NUTS prefixes of each region (any NUTS version), longest first, to place rows given by NUTS code.
    prefixes = sorted(
        ((code, r.pk) for r in all_regions for codes in (r.nuts or {}).values() for code in codes),
        key=lambda item: -len(item[0]),
    )

    def region_of_nuts(nuts: str) -> int | None:
        return next((pk for code, pk in prefixes if nuts.upper().startswith(code)), None)

    sizes = set(SizeClass.values)
    problems: list[str] = []
    objs: list[PopulationCount] = []
    for number, cells in table.rows:
        row = dict(zip(cols, (str(c).strip() for c in cells), strict=False))
        if row.get("region"):
            rid = regions.get(row["region"])
        elif row.get("nuts"):
            rid = region_of_nuts(row["nuts"])
        else:
            rid = region_id
        where = _("row %(row)s") % {"row": number}
        if rid is None or (region_id is not None and rid != region_id):
            problems.append(f"{where}: " + _("unknown region or not your region"))
            continue
        try:
            count = int(row["count"].replace(" ", ""))
            year = int(row["year"])
            if count < 0 or not 1990 <= year <= 2100:
                raise ValueError
        except (ValueError, KeyError):
            problems.append(f"{where}: " + _("count and year must be whole numbers"))
            continue
        section = row.get("nace_section", "").upper()
        if row.get("size_class") not in sizes or len(section) != 1 or not section.isalpha():
            problems.append(f"{where}: " + _("unknown size class or NACE section"))
            continue
        objs.append(
            PopulationCount(
                region_id=rid,
                nuts=row.get("nuts", "")[:5],
                size_class=row["size_class"],
                nace_section=section,
                count=count,
                source=row["source"][:300],
                year=year,
                is_demo=is_demo,
            )
        )
    if problems:
        raise SurveyError(_("The population figures were not saved."), problems)
    with transaction.atomic():
        for obj in objs:
            PopulationCount.objects.update_or_create(
                region_id=obj.region_id,
                nuts=obj.nuts,
                size_class=obj.size_class,
                nace_section=obj.nace_section,
                year=obj.year,
                defaults={"count": obj.count, "source": obj.source, "is_demo": obj.is_demo},
            )
    return len(objs)
