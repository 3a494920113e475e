"""Results completed before the progress towards the next stage was stored: score their stored answers
once, with the model version that scored the result, and keep what the next stage asks for. Results
whose model version has no data file any more keep no progress (their pages show none, as before)."""

from django.db import migrations

BATCH = 500


def store_progress(apps, schema_editor):
    from interventures.core import capacity

    Assessment = apps.get_model("assessment", "Assessment")
    Answer = apps.get_model("assessment", "Answer")
    available = set(capacity.available_versions())
    models = {}
    # The value of Status.COMPLETED when this was written: a migration keeps its own values.
    todo = Assessment.objects.filter(status="completed", progress__isnull=True, result__isnull=False)
    changed = []
    for assessment in todo.only("pk", "result", "model_version").iterator(chunk_size=BATCH):
        version = (assessment.result or {}).get("model_version", assessment.model_version)
        if version not in available:
            continue
        if version not in models:
            models[version] = capacity.load_model(version)
        answers = dict(Answer.objects.filter(assessment_id=assessment.pk).values_list("item_id", "value"))
        assessment.progress = capacity.stage_progress(models[version], answers).to_dict()
        changed.append(assessment)
        if len(changed) >= BATCH:
            Assessment.objects.bulk_update(changed, ["progress"])
            changed = []
    Assessment.objects.bulk_update(changed, ["progress"])


def forget_progress(apps, schema_editor):
    apps.get_model("assessment", "Assessment").objects.update(progress=None)


class Migration(migrations.Migration):
    dependencies = [("assessment", "0001_initial")]
    operations = [migrations.RunPython(store_progress, forget_progress)]
