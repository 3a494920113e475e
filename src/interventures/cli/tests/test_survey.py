from interventures.apps.surveys.models import ImportFormat, ImportMode
from interventures.cli.survey import FORMATS, MODES


def test_the_command_line_offers_the_import_modes_and_formats_of_the_models() -> None:
    # The parser is built before Django is set up, so it cannot read the models' choices itself.
    assert MODES == tuple(ImportMode.values)
    assert MODES[0] == ImportMode.ALL_OR_NOTHING
    assert FORMATS == tuple(ImportFormat.values)
