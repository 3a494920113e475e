from __future__ import annotations

from decimal import Decimal

import pytest

from interventures.apps.classifications.models import EsifPlannedAmount, NaceActivity, NutsRegion
from interventures.apps.classifications.services import classifications_load
from interventures.apps.common.models import Region
from interventures.apps.partnership.models import (
    Activity,
    Call,
    DataInconsistency,
    ExpectedResult,
    FigureComparison,
    Organisation,
    PartnerRole,
    PolicyInstrument,
    PriorityAxis,
    Project,
    Scheme,
    Weakness,
)
from interventures.apps.partnership.services import partnership_reference_load

pytestmark = pytest.mark.django_db


def test_the_project_and_its_partnership_are_loaded(reference_data):
    project = Project.objects.get()
    assert (project.start_date.isoformat(), project.end_date.isoformat()) == ("2019-08-01", "2022-07-31")
    assert project.topic == "SME competitiveness"
    assert set(Region.objects.values_list("code", flat=True)) >= {
        "hu-hr",
        "lombardia",
        "podkarpackie",
        "castilla-y-leon",
        "lt-klaipeda",
    }
    lead = Organisation.objects.get(role=PartnerRole.LEAD_PARTNER)
    assert lead.short_name == "Pannon EGTC"
    assert lead.region.code == "hu-hr"
    assert Organisation.objects.get(short_name="AEBR").role == PartnerRole.ADVISORY_PARTNER
    assert Organisation.objects.count() == 9
    assert Region.objects.get(code="podkarpackie").nuts["2016"] == ["PL82"]
    assert Region.objects.get(code="lombardia").translations["it"]["name"] == "Lombardia"


def test_the_seed_figures_are_kept_exactly(reference_data):
    hu = PolicyInstrument.objects.get(region__code="hu-hr")
    assert hu.total_budget == Decimal("60800000")
    pa1 = hu.axes.get(code="PA1")
    assert (pa1.budget, pa1.share) == (Decimal("9960300"), Decimal("16.38"))
    scheme = Scheme.objects.get(instrument=hu)
    assert scheme.budget == Decimal("7600000")
    assert "HAMAG-BICRO" in scheme.lead_beneficiary
    assert hu.priority_axes_count == 4
    assert hu.technical_assistance is True

    lombardy = PolicyInstrument.objects.get(region__code="lombardia")
    assert lombardy.total_budget == Decimal("970474516")
    pa3 = lombardy.axes.get(code="PA3")
    assert (pa3.budget, pa3.share) == (Decimal("294645000"), Decimal("30.36"))

    pk = PolicyInstrument.objects.get(region__code="podkarpackie")
    assert pk.total_budget == Decimal("2480000000")
    assert ExpectedResult.objects.get(instrument=pk, kind="result").value == Decimal("2000")
    assert pk.objectives.get().budget == Decimal("47000000")

    cyl = PolicyInstrument.objects.get(region__code="castilla-y-leon")
    assert cyl.total_budget == Decimal("628806438")
    assert cyl.axes.get(code="PA3").budget == Decimal("117878")  # as stated, not "fixed"

    lt = PolicyInstrument.objects.get(region__code="lt-klaipeda")
    assert lt.total_budget == Decimal("7887798000")
    assert lt.axes.get(code="PA3").share == Decimal("7.92")
    call = Call.objects.get(instrument=lt, applications__isnull=False)
    assert (call.applications, call.granted_share, call.granted_amount) == (
        507,
        Decimal("50"),
        Decimal("14580000"),
    )

    texts = " ".join(Weakness.objects.values_list("text", flat=True))
    assert "pre-financing" in texts
    assert "English" in texts
    assert Activity.objects.get(slug="thematic-study-visits").count == 2
    assert Activity.objects.get(slug="interregional-meetings").count == 4
    assert Activity.objects.get(slug="rsg-meetings-and-webinars").count == 5
    assert Activity.objects.get(slug="regional-action-plans").count == 5


def test_the_castilla_y_leon_inconsistency_is_recorded_and_reported(reference_data):
    found = DataInconsistency.objects.get()
    assert found.instrument.region.code == "castilla-y-leon"
    assert "117.878 €" in found.stated
    assert "28,29%" in found.stated
    assert "177,878,430" in found.message  # the ESIF figure that matches the stated share
    assert (found.axis_code, found.amount_stated, found.share_stated) == ("PA3", "117.878 €", "28,29%")
    assert round(found.computed_share, 2) == Decimal("0.02")
    assert round(found.implied_amount) == Decimal("177889341")
    assert found.esif_amount == Decimal("177878430")
    assert len(reference_data.inconsistencies) == 1
    assert "castilla-y-leon" in reference_data.inconsistencies[0]


def test_seed_and_esif_figures_are_both_kept_with_source_and_date(reference_data):
    hu_total = FigureComparison.objects.get(instrument__region__code="hu-hr", subject="Programme total")
    assert hu_total.esif_column == "eu"
    assert hu_total.esif_value == Decimal("60824406")
    assert not hu_total.differs
    hu_pa1 = FigureComparison.objects.get(instrument__region__code="hu-hr", subject="PA1 budget")
    assert hu_pa1.esif_value == Decimal("9960300")
    assert not hu_pa1.differs
    cyl_total = FigureComparison.objects.get(
        instrument__region__code="castilla-y-leon", subject="Programme total"
    )
    assert cyl_total.differs
    assert (cyl_total.seed_value, cyl_total.esif_value) == (Decimal("628806438"), Decimal("669877226"))
    assert (cyl_total.seed_date, cyl_total.esif_date, cyl_total.esif_version) == ("2019", "2019-04-11", "3.1")
    lt_share = FigureComparison.objects.get(
        instrument__region__code="lt-klaipeda", subject="PA3 share of the total"
    )
    assert lt_share.differs
    assert round(lt_share.esif_value, 2) == Decimal("8.06")
    lombardy = FigureComparison.objects.filter(instrument__region__code="lombardia")
    assert lombardy.count() == 3
    assert not lombardy.filter(differs=True).exists()


def test_reloading_changes_nothing(reference_data):
    before = {
        model.__name__: sorted(model.objects.values_list("pk", flat=True))
        for model in (PolicyInstrument, PriorityAxis, Call, Weakness, DataInconsistency, FigureComparison)
    }
    report = partnership_reference_load()
    assert all(c.created == c.updated == c.deleted == 0 for c in report.counts.values()), report.counts
    after = {
        name: sorted(m.objects.values_list("pk", flat=True))
        for name, m in (
            (m.__name__, m)
            for m in (PolicyInstrument, PriorityAxis, Call, Weakness, DataInconsistency, FigureComparison)
        )
    }
    assert before == after


def test_an_edited_row_is_restored_from_the_file(reference_data):
    PriorityAxis.objects.filter(code="PA1", instrument__region__code="hu-hr").update(share=Decimal("99"))
    report = partnership_reference_load()
    assert report.counts["priority axes"].updated == 1
    assert PriorityAxis.objects.get(code="PA1", instrument__region__code="hu-hr").share == Decimal("16.38")


def test_the_full_classification_load_is_complete_and_idempotent(db):
    first = classifications_load()
    assert first["ESIF planned amounts"].created == 7524
    assert first["ESIF programmes"].created == 541
    assert NaceActivity.objects.filter(level=1).count() == 21
    assert NutsRegion.objects.filter(version=2016, code="HR04B").exists()
    assert EsifPlannedAmount.objects.filter(programme__cci="2014TC16RFCB008").count() == 5
    second = classifications_load()
    assert all(c.created == c.updated == c.deleted == 0 for c in second.values())
