import io

from interventures.apps.surveys import demo
from interventures.apps.surveys.models import Campaign, PopulationCount, Response


def test_demo_load_is_synthetic_marked_and_idempotent(make_region, monkeypatch):
    make_region("hu-hr", "Hungary–Croatia")
    make_region("lt-klaipeda", "Klaipėda")
    monkeypatch.setattr(
        demo, "PROFILES", {k: v.__class__(**{**v.__dict__, "n": 60}) for k, v in demo.PROFILES.items()}
    )
    out = io.StringIO()
    demo.load(out=out)
    demo.load(out=out)
    assert Campaign.objects.filter(is_demo=True).count() == 2
    assert Response.objects.count() == 120
    assert not Response.objects.filter(is_demo=False).exists()
    assert PopulationCount.objects.filter(is_demo=True).exists()
    assert all("Synthetic" in s for s in PopulationCount.objects.values_list("source", flat=True))
    languages = set(
        Response.objects.filter(campaign__region__code="hu-hr").values_list("language", flat=True)
    )
    assert languages <= {"hu", "hr", "en"}
