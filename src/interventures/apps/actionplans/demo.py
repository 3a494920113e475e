"""A synthetic draft Action Plan for Hungary–Croatia, grounded in what the seed says about the
Beneficiary Light scheme (pre-financing and the programme language discourage SMEs; applications
fell by the 2nd call), citing the demo's figures by their identifiers. Marked as demo content."""

from __future__ import annotations

from decimal import Decimal
from typing import TextIO

from interventures.apps.accounts.permissions import OPERATOR
from interventures.apps.analysis.selectors import figure_list, run_latest
from interventures.apps.common.models import Region
from interventures.apps.learning.models import GoodPractice
from interventures.apps.partnership.models import Organisation
from interventures.apps.partnership.selectors import instrument_for_region

from . import services
from .models import ActionPlan, ImprovementType

REGION = "hu-hr"


def load(*, out: TextIO) -> None:
    region = Region.objects.filter(code=REGION).first()
    instrument = instrument_for_region(region) if region is not None else None
    if region is None or instrument is None:
        print(
            "actionplans demo: no hu-hr region or instrument (run `interventures reference load`)", file=out
        )
        return
    ActionPlan.objects.filter(is_demo=True).delete()
    plan = services.plan_create(user=OPERATOR, region=region, instrument=instrument, is_demo=True)
    organisations = list(Organisation.objects.filter(region=region))
    services.plan_context_save(
        user=OPERATOR,
        plan=plan,
        organisation=organisations[0] if organisations else None,
        other_organisations=organisations[1:],
        contact="Demo contact (synthetic)",
        improvement_type=ImprovementType.MANAGEMENT,
        context=(
            "The Beneficiary Light scheme of the Interreg V-A Hungary-Croatia programme allocates "
            "7.6 M EUR to SMEs on both sides of the border. Two calls were announced; no grant contract "
            "was signed yet and fewer SMEs applied to the 2nd call. Pre-financing conditions and the "
            "programme language (English) discourage SMEs from applying."
        ),
    )
    action = services.action_save(
        user=OPERATOR,
        plan=plan,
        action=None,
        title="Amend the Beneficiary Light scheme: preparedness test, development plan, pre-financing",
        background=(
            "The partners' study visits showed schemes that screen applicants with a short "
            "preparedness test and support them with a development plan before the call."
        ),
        description=(
            "Propose to the Joint Secretariat a preparedness test for applicants, a development plan "
            "as part of the application, an advance payment for micro enterprises and call documents "
            "in Hungarian and Croatian."
        ),
    )
    services.action_money_save(
        user=OPERATOR,
        action=action,
        players=organisations[:1],
        timeframe="2021 Q1 – 2022 Q2",
        costs=Decimal("25000.00"),
        funding="Technical assistance of the programme (synthetic)",
    )
    services.indicator_add(
        user=OPERATOR,
        action=action,
        name="SMEs applying to the next call",
        unit="SMEs",
        baseline=Decimal("40"),
        target=Decimal("80"),
        source="Joint Secretariat monitoring (synthetic)",
    )
    run = run_latest(region=region)
    published = figure_list(run=run).filter(suppressed=False)
    cited = 0
    notes = {
        "CAP-finance": "SMEs' financial capacity, the weakness the scheme was built for",
        "BAR-prefinancing": "pre-financing named as a barrier by SMEs",
        "BAR-programme_language": "the programme language named as a barrier by SMEs",
    }
    for key, note in notes.items():
        identifier = f"SAR-{REGION}-{key}"
        if published.filter(identifier=identifier).exists():
            services.evidence_add(user=OPERATOR, action=action, kind="figure", key=identifier, note=note)
            cited += 1
    practice = (
        GoodPractice.objects.filter(validated=True, slug="b-light-hu-hr").first()
        or GoodPractice.objects.filter(validated=True).order_by("slug").first()
    )
    if practice is not None:
        services.evidence_add(user=OPERATOR, action=action, kind="practice", key=practice.slug)
        cited += 1
    print(f"actionplans demo: draft Action Plan for {REGION} with 1 action citing {cited} findings", file=out)
