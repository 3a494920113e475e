# Intentionally empty. The surveys app's first migration was generated while the partnership models
# were being rewritten and depends on this name; 0001_initial now holds the whole partnership schema.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("partnership", "0001_initial"),
    ]

    operations: list = []
