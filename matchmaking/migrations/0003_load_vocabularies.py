from django.db import migrations


def load(apps, schema_editor):
    from matchmaking.taxonomy import load_vocabularies

    load_vocabularies(apps.get_model("matchmaking", "Sector"), apps.get_model("matchmaking", "TransferMode"))


class Migration(migrations.Migration):
    dependencies = [("matchmaking", "0002_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
