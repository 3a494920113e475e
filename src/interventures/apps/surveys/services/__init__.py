"""Writes for the surveys domain, one module per purpose. Every write runs inside
`transaction.atomic`; problems raise SurveyError (errors.py) with messages from messages.py.

- questionnaires.py: create, import an XLSForm, copy, adapt, edit question by question;
- campaigns.py: campaigns and their personal invitations;
- files.py: files given on the web form, and the choice files a form names;
- responses.py: a respondent's answers, saved as they are given, then submitted;
- imports.py: responses from files, in batches, rejected rows kept with reasons;
- population.py: the population counts that weights are raked to.

The public names are re-exported here, so callers write `services.campaign_create(...)`.
"""

from .campaigns import (
    campaign_create,
    campaign_is_open,
    invitations_create,
)
from .errors import (
    CampaignClosed,
    QuestionnaireInvalid,
    ResponseInvalid,
    ResponseSubmitted,
    SurveyError,
)
from .files import (
    FileRefused,
    answered_names,
    response_file_attach,
    response_files_prune,
    version_choice_file_attach,
)
from .imports import (
    IMPORT_BATCH,
    IMPORT_WORKER_LOST,
    NUTS3_QUESTION,
    ImportLeaseLost,
    import_lease_seconds,
    import_limits,
    import_recover,
    import_retry,
    import_run,
    import_set_mapping,
    import_start,
    import_upload,
    region_nuts_prefixes,
)
from .messages import (
    CELL_MESSAGES,
    cell_message,
    error_messages,
    limit_message,
)
from .population import (
    population_upload,
)
from .questionnaires import (
    Named,
    questionnaire_adapted_name,
    questionnaire_add_question,
    questionnaire_copy,
    questionnaire_copy_adapted,
    questionnaire_create,
    questionnaire_edit,
    questionnaire_ensure_standard,
    questionnaire_import_xlsform,
    questionnaire_in_use,
    questionnaire_move_question,
    questionnaire_remove_question,
    questionnaire_revise,
    questionnaire_revise_xlsform,
    questionnaire_set_languages,
    questionnaire_update_question,
)
from .responses import (
    RESUME_KEY_BYTES,
    SavedPage,
    new_instance,
    new_resume_key,
    response_create_complete,
    response_repeat_add,
    response_repeat_remove,
    response_save_answers,
    response_save_page,
    response_start,
    response_submit,
)

__all__ = [
    "CELL_MESSAGES",
    "CampaignClosed",
    "IMPORT_BATCH",
    "IMPORT_WORKER_LOST",
    "NUTS3_QUESTION",
    "Named",
    "QuestionnaireInvalid",
    "RESUME_KEY_BYTES",
    "ResponseInvalid",
    "ResponseSubmitted",
    "SurveyError",
    "campaign_create",
    "campaign_is_open",
    "cell_message",
    "error_messages",
    "ImportLeaseLost",
    "import_lease_seconds",
    "import_limits",
    "import_recover",
    "import_retry",
    "import_run",
    "import_set_mapping",
    "import_start",
    "import_upload",
    "invitations_create",
    "limit_message",
    "new_resume_key",
    "population_upload",
    "questionnaire_adapted_name",
    "questionnaire_add_question",
    "questionnaire_copy",
    "questionnaire_copy_adapted",
    "questionnaire_create",
    "questionnaire_edit",
    "questionnaire_ensure_standard",
    "questionnaire_import_xlsform",
    "questionnaire_in_use",
    "questionnaire_move_question",
    "questionnaire_remove_question",
    "questionnaire_revise",
    "questionnaire_revise_xlsform",
    "questionnaire_set_languages",
    "questionnaire_update_question",
    "region_nuts_prefixes",
    "SavedPage",
    "response_create_complete",
    "response_save_answers",
    "new_instance",
    "FileRefused",
    "answered_names",
    "response_file_attach",
    "response_files_prune",
    "version_choice_file_attach",
    "response_repeat_add",
    "response_repeat_remove",
    "response_save_page",
    "response_start",
    "response_submit",
]
