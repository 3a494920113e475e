"""A random resume key addresses a web response (before: the creation key, `inv-<pk>` for invitations).

Existing rows get none: an invitation's draft gets one the next time its link is opened; a public
draft was addressed by a key the client could choose, which is not carried over."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="response",
            name="resume_key",
            field=models.CharField(blank=True, editable=False, max_length=64, null=True, unique=True),
        ),
    ]
