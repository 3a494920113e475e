"""Keys stored before scoping: the demo's and bulk imports' keys go to the bulk scope (no API caller
reaches it), keys of earlier API submissions to the anonymous scope (their callers were anonymous)."""

from django.db import migrations


def scope_existing(apps, schema_editor):
    Assessment = apps.get_model("assessment", "Assessment")
    keyed = Assessment.objects.filter(client_key__isnull=False, client_scope="")
    keyed.filter(is_demo=True).update(client_scope="bulk")
    keyed.filter(is_demo=False).update(client_scope="anonymous")


def unscope(apps, schema_editor):
    apps.get_model("assessment", "Assessment").objects.update(client_scope="")


class Migration(migrations.Migration):
    dependencies = [("assessment", "0002_client_key_scoped")]
    operations = [migrations.RunPython(scope_existing, unscope)]
