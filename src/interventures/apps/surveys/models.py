"""Targeted regional SME surveys: questionnaires (versioned XLSForm-like forms), campaigns per region,
invitations, responses, imports (with their rejected rows) and population counts for weighting."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from interventures.apps.accounts.permissions_fields import AccessFields
from interventures.apps.common.models import SizeClass
from interventures.apps.common.translated import translations_field
from interventures.core.survey import Form


class Questionnaire(models.Model):
    """A questionnaire owned by one region, or partnership-wide (region empty) like the standard one."""

    name = models.CharField(_("name"), max_length=200)
    region = models.ForeignKey(
        "common.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("Empty for partnership-wide questionnaires."),
    )
    is_standard = models.BooleanField(_("standard Inter Ventures questionnaire"), default=False)
    published = models.BooleanField(_("visible to all partners"), default=False)
    copied_from = models.ForeignKey(
        "self", verbose_name=_("copied from"), null=True, blank=True, on_delete=models.SET_NULL
    )
    is_demo = models.BooleanField(_("synthetic demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    translations = translations_field()

    access = AccessFields(region="region", published="published")

    class Meta:
        ordering = ["name"]
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")

    def __str__(self) -> str:
        return self.name

    @property
    def current(self) -> QuestionnaireVersion:
        """The latest version; every questionnaire is created with one (services.questionnaires)."""
        version = self.versions.order_by("-number").first()
        if version is None:
            raise QuestionnaireVersion.DoesNotExist(f"questionnaire {self.pk} has no version")
        return version


class QuestionnaireVersion(models.Model):
    """One frozen version of a questionnaire's form; campaigns field a version, never a moving target."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    form_json = models.JSONField(_("form"))
    languages = models.JSONField(_("languages"), default=list)
    # The choice files the form's select_one_from_file / select_multiple_from_file questions name
    # ("markets.csv"), as their choices, read when the file is attached: {file name: [choice, ...]}.
    attachments = models.JSONField(_("attached choice files"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    access = AccessFields(region="questionnaire__region", published="questionnaire__published")

    class Meta:
        ordering = ["questionnaire", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "number"], name="survey_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire} v{self.number}"

    @property
    def form(self) -> Form:
        cached = getattr(self, "_form", None)
        if cached is None:
            cached = Form.from_dict(self.form_json)
            self._form = cached
        return cached

    @property
    def web_form(self) -> Form:
        """The form as the web form asks it: with the choices of its attached choice files (the
        form itself, exported as an XLSForm, names the files and holds none of their rows)."""
        cached = getattr(self, "_web_form", None)
        if cached is None:
            from interventures.core.survey.choicefiles import with_choice_files

            cached = with_choice_files(self.form, self.attachments or {})
            self._web_form = cached
        return cached


class Campaign(models.Model):
    """A survey fielded in one region: a questionnaire version, languages, dates, a target and a link."""

    region = models.ForeignKey("common.Region", verbose_name=_("region"), on_delete=models.PROTECT)
    name = models.CharField(_("name"), max_length=200)
    version = models.ForeignKey(
        QuestionnaireVersion, verbose_name=_("questionnaire"), on_delete=models.PROTECT
    )
    languages = models.JSONField(_("languages"), default=list)
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    target_n = models.PositiveIntegerField(_("target number of responses"), default=0)
    slug = models.SlugField(_("public link"), max_length=64, unique=True)
    public = models.BooleanField(_("open link (anyone with the link may answer)"), default=True)
    is_demo = models.BooleanField(_("synthetic demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    translations = translations_field()

    access = AccessFields(region="region")

    class Meta:
        ordering = ["region", "name"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self) -> str:
        return self.name

    @property
    def respondent_languages(self) -> list[str]:
        """The languages a respondent may answer in: the campaign's, else its questionnaire's."""
        return list(self.languages or self.version.form.languages)


class Invitation(models.Model):
    """A personal link: its token admits one response."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="invitations")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    access = AccessFields(region="campaign__region", confidential=True)

    def __str__(self) -> str:
        return self.token[:8]


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", _("in progress")
    SUBMITTED = "submitted", _("submitted")
    # Written by an import still running: counted nowhere until the import finishes, deleted if it fails.
    IMPORTING = "importing", _("being imported")


class ResponseSource(models.TextChoices):
    WEB = "web", _("web form")
    IMPORT = "import", _("imported")
    API = "api", _("sent through the API")
    DEMO = "demo", _("synthetic demo data")


class Response(models.Model):
    """One respondent's answers (microdata: only the region's partner and the coordinator see them)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="responses")
    invitation = models.OneToOneField(
        Invitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="response"
    )
    respondent_id = models.CharField(_("respondent id"), max_length=100, blank=True)
    # The creator's key (an import's row, a demo row, an invitation, a retrying caller), unique in the
    # campaign so a repeated creation never makes a second response. It is never an address: imports
    # and demo keys are sequential.
    idempotency_key = models.CharField(max_length=64)
    # The respondent's address: random (secrets.token_urlsafe), made by the server for web responses
    # only. Imported and generated responses have none, so no link reaches them.
    resume_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    status = models.CharField(max_length=10, choices=ResponseStatus.choices, default=ResponseStatus.DRAFT)
    source = models.CharField(max_length=10, choices=ResponseSource.choices, default=ResponseSource.WEB)
    language = models.CharField(max_length=8, blank=True)
    answers = models.JSONField(default=dict)
    # Columns of an imported file that are no question of this form (an earlier form version's, a
    # tool's own), by their header: kept with the response and written back on export.
    extra = models.JSONField(default=dict, blank=True)
    import_job = models.ForeignKey(
        "ImportJob", null=True, blank=True, on_delete=models.CASCADE, related_name="responses"
    )
    is_demo = models.BooleanField(_("synthetic demo data"), default=False)
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    access = AccessFields(region="campaign__region", confidential=True)

    class Meta:
        ordering = ["campaign", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "idempotency_key"], name="survey_response_idempotent"
            ),
            models.UniqueConstraint(
                fields=["campaign", "respondent_id"],
                condition=~Q(respondent_id=""),
                name="survey_response_respondent_unique",
            ),
        ]
        indexes = [models.Index(fields=["campaign", "status"])]

    def __str__(self) -> str:
        return f"{self.campaign} #{self.pk}"


def _response_file_path(instance: ResponseFile, filename: str) -> str:
    """Stored under a random name chosen by the service; the respondent's file name is never a path."""
    return f"surveys/files/{instance.token}{instance.extension}"


class ResponseFile(models.Model):
    """A file a respondent gave on the web form (an image, audio, video or file question). The
    answer is its name, as KoboToolbox and ODK write it; the file is stored under a random name
    and served only to those who may see the campaign's microdata."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="files")
    key = models.CharField(max_length=300)
    """The question's name, or its instance key in a repeat (`site[2]/photo`), when it was given."""
    token = models.CharField(max_length=43, unique=True, editable=False)
    name = models.CharField(_("file name"), max_length=120)
    extension = models.CharField(max_length=8, editable=False)
    file = models.FileField(_("file"), upload_to=_response_file_path, max_length=200)
    content_type = models.CharField(max_length=100, editable=False)
    size = models.PositiveIntegerField(_("size (bytes)"), editable=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    access = AccessFields(region="response__campaign__region", confidential=True)

    class Meta:
        ordering = ["response", "pk"]
        constraints = [models.UniqueConstraint(fields=["response", "name"], name="survey_file_name_unique")]

    def __str__(self) -> str:
        return self.name


class ImportFormat(models.TextChoices):
    CSV = "csv", _("CSV")
    XLSX = "xlsx", _("Excel (.xlsx)")
    KOBO = "kobo", _("KoboToolbox export")
    ODK = "odk", _("ODK Central submissions (CSV or zip)")
    LIMESURVEY = "limesurvey", _("LimeSurvey CSV export")


class ImportMode(models.TextChoices):
    ALL_OR_NOTHING = "all_or_nothing", _("all or nothing")
    VALID_ONLY = "valid_only", _("valid rows only")


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("uploaded, waiting for the column mapping")
    RUNNING = "running", _("importing")
    DONE = "done", _("imported")
    REJECTED = "rejected", _("rejected (nothing imported)")
    FAILED = "failed", _("failed")


class ImportJob(models.Model):
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="imports"
    )
    file = models.FileField(_("file"), upload_to="survey-imports/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    format = models.CharField(_("format"), max_length=12, choices=ImportFormat.choices)
    options = models.JSONField(_("reading options"), default=dict, blank=True)
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    mode = models.CharField(
        _("mode"), max_length=16, choices=ImportMode.choices, default=ImportMode.ALL_OR_NOTHING
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    n_rows = models.PositiveIntegerField(_("rows in the file"), default=0)
    n_imported = models.PositiveIntegerField(_("rows imported"), default=0)
    n_rejected = models.PositiveIntegerField(_("rows rejected"), default=0)
    message = models.TextField(_("message"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # The lease of a running import: the worker writes heartbeat_at while it works (services.imports);
    # a RUNNING job whose heartbeat is older than the lease lost its worker and is recovered
    # (import_recover). `attempt` counts the runs, so a worker that lost its lease cannot write on.
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    attempt = models.PositiveSmallIntegerField(_("attempt"), default=0)

    # Seeing that an import exists is regional; its file and rows are microdata, so views fetch a job
    # with Action.EXPORT (the region's partner and the coordinator only).
    access = AccessFields(region="campaign__region")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("survey import")
        verbose_name_plural = _("survey imports")

    def __str__(self) -> str:
        return self.original_name

    @property
    def n_held_back(self) -> int:
        """Valid rows not imported because an all-or-nothing import had rows with errors."""
        if self.status != ImportStatus.REJECTED:
            return 0
        return max(self.n_rows - self.n_imported - self.n_rejected, 0)


class RejectedRow(models.Model):
    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="rejected_rows")
    row_number = models.PositiveIntegerField()
    raw = models.JSONField(default=dict)
    reasons = models.JSONField(default=list)

    access = AccessFields(region="job__campaign__region")

    class Meta:
        ordering = ["job", "row_number"]

    def __str__(self) -> str:
        return f"{self.job} row {self.row_number}"


class PopulationCount(models.Model):
    """Number of enterprises in a cell (region × size class × NACE section), for weighting."""

    region = models.ForeignKey("common.Region", verbose_name=_("region"), on_delete=models.CASCADE)
    nuts = models.CharField(_("NUTS code"), max_length=5, blank=True)
    size_class = models.CharField(_("size class"), max_length=8, choices=SizeClass.choices)
    nace_section = models.CharField(_("NACE section"), max_length=1)
    count = models.PositiveIntegerField(_("enterprises"))
    source = models.CharField(_("source"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year"))
    is_demo = models.BooleanField(_("synthetic demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    access = AccessFields(region="region")

    class Meta:
        ordering = ["region", "nuts", "size_class", "nace_section"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "nuts", "size_class", "nace_section", "year"],
                name="survey_population_cell_unique",
            )
        ]

    def __str__(self) -> str:
        where = " ".join(str(part) for part in (self.region, self.nuts) if part)
        return f"{where} · {self.get_size_class_display()} · {self.nace_section}: {self.count}"
