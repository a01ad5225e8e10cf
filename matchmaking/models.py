from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.files import GeneratedName
from core.models import BackgroundRun, TimeStamped, localized
from core.references import new_need_reference, new_offer_reference

TRL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(9)]


class Currency(models.TextChoices):
    VND = "VND", "VND"
    USD = "USD", "USD"
    EUR = "EUR", "EUR"
    KRW = "KRW", "KRW"
    TWD = "TWD", "TWD"
    JPY = "JPY", "JPY"
    CAD = "CAD", "CAD"


class Language(models.TextChoices):
    VI = "vi", _("Vietnamese")
    EN = "en", _("English")
    KO = "ko", _("Korean")
    ZH = "zh", _("Chinese")
    JA = "ja", _("Japanese")


class Sector(models.Model):
    """A node of the two-level sector taxonomy (sectors.csv), keyed by a language-neutral code."""

    code = models.CharField(_("code"), max_length=16, primary_key=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    name_vi = models.CharField(_("Vietnamese name"), max_length=150)
    name_en = models.CharField(_("English name"), max_length=150)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["position", "code"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return localized(self.name_vi, self.name_en)


class TransferMode(models.Model):
    """How a technology changes hands (licence, turnkey, joint venture …); a fixed list."""

    code = models.CharField(_("code"), max_length=32, primary_key=True)
    name_vi = models.CharField(_("Vietnamese name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("transfer mode")
        verbose_name_plural = _("transfer modes")
        ordering = ["position"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return localized(self.name_vi, self.name_en)


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING_REVIEW = "pending_review", _("Pending review")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class TechnologyOffer(TimeStamped):
    """A technology a supplier offers (supply)."""

    class IPStatus(models.TextChoices):
        PATENTED = "patented", _("Patented")
        PATENT_PENDING = "patent_pending", _("Patent pending")
        UTILITY_SOLUTION = "utility_solution", _("Utility solution")
        TRADE_SECRET = "trade_secret", _("Trade secret / know-how")
        COPYRIGHT = "copyright", _("Copyright (software)")
        OPEN = "open", _("Open / public domain")
        NONE = "none", _("Not protected")

    Status = PublicationStatus

    reference = models.CharField(
        _("reference"), max_length=20, unique=True, editable=False, default=new_offer_reference
    )
    organization = models.ForeignKey(
        "partners.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="offers",
    )
    language = models.CharField(
        _("original language"), max_length=2, choices=Language.choices, default=Language.VI
    )
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    title_en = models.CharField(_("English title"), max_length=255, blank=True)
    summary_en = models.TextField(_("English summary"), blank=True)
    description = models.TextField(_("description"), blank=True)
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    sectors = models.ManyToManyField(Sector, verbose_name=_("sectors"), related_name="offers")
    trl = models.PositiveSmallIntegerField(
        _("technology readiness level"),
        validators=TRL_VALIDATORS,
        help_text=_("1 (basic principles) to 9 (proven in operation)."),
    )
    transfer_modes = models.ManyToManyField(
        TransferMode, verbose_name=_("transfer modes"), related_name="offers", blank=True
    )
    ip_status = models.CharField(
        _("intellectual property"), max_length=20, choices=IPStatus.choices, blank=True
    )
    price_min = models.DecimalField(
        _("price from"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    price_max = models.DecimalField(
        _("price up to"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.USD
    )
    target_countries = CountryField(_("target countries"), multiple=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
    )
    review_note = models.TextField(_("reviewer's note"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    score_floor = models.FloatField(
        _("score floor"),
        default=0,
        editable=False,
        help_text=_("The K-th best stored score of this record: a new pair enters above it."),
    )
    # Derived on save (matchmaking.search): accent-folded text for search, prices in VND for
    # filtering across currencies.
    search_document = models.TextField(editable=False, blank=True, default="")
    price_min_vnd = models.DecimalField(
        max_digits=22, decimal_places=0, null=True, blank=True, editable=False
    )
    price_max_vnd = models.DecimalField(
        max_digits=22, decimal_places=0, null=True, blank=True, editable=False
    )
    brochure = models.FileField(_("brochure"), upload_to=GeneratedName("brochures"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("technology offer")
        verbose_name_plural = _("technology offers")
        ordering = ["-published_at", "-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(trl__gte=1, trl__lte=9), name="offer_trl_1_9"),
            models.CheckConstraint(
                condition=Q(price_min__isnull=True)
                | Q(price_max__isnull=True)
                | Q(price_min__lte=F("price_max")),
                name="offer_price_min_le_max",
            ),
            models.CheckConstraint(
                condition=Q(price_min__isnull=True) | Q(price_min__gte=0),
                name="offer_price_min_nonnegative",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"]),
            # The worker compares the newest change with its cached index on every rescoring.
            models.Index(fields=["updated_at"]),
            # The catalogue's sort orders over published offers: a page of 20 reads 20 index
            # entries instead of sorting every published offer.
            *(
                models.Index(
                    fields=[field, "id"],
                    condition=Q(status="published"),
                    name=f"offer_catalogue_{name}",
                )
                for field, name in [
                    ("-published_at", "newest"),
                    ("-trl", "trl"),
                    ("price_min_vnd", "price"),
                    ("title", "title"),
                    # Counting the offers of a country's (or a kind's) organisations.
                    ("organization", "organization"),
                ]
            ),
        ]

    def __str__(self):
        return self.display_title

    def get_absolute_url(self) -> str:
        return reverse("matchmaking:offer_detail", args=[self.reference])

    @property
    def brochure_url(self) -> str:
        """The brochure's download view (media files have no public URL), or ""."""
        if not self.brochure:
            return ""
        return reverse("matchmaking:offer_brochure", args=[self.reference])

    def save(self, *args, **kwargs):
        from matchmaking import search

        search.refresh_offer(self)  # derived columns follow every save, admin included
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                "search_document",
                "price_min_vnd",
                "price_max_vnd",
            }
        super().save(*args, **kwargs)

    @property
    def display_title(self) -> str:
        return localized(self.title, self.title_en)

    @property
    def display_summary(self) -> str:
        return localized(self.summary, self.summary_en)


class TechnologyNeed(TimeStamped):
    """A technology an organisation is looking for (demand, "đặt hàng công nghệ")."""

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        MEMBERS = "members", _("Registered members only")

    Status = PublicationStatus

    reference = models.CharField(
        _("reference"), max_length=20, unique=True, editable=False, default=new_need_reference
    )
    organization = models.ForeignKey(
        "partners.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="needs",
    )
    language = models.CharField(
        _("original language"), max_length=2, choices=Language.choices, default=Language.VI
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(
        _("problem statement"), help_text=_("What problem the technology must solve.")
    )
    title_en = models.CharField(_("English title"), max_length=255, blank=True)
    summary_en = models.TextField(_("English summary"), blank=True)
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    sectors = models.ManyToManyField(Sector, verbose_name=_("sectors"), related_name="needs")
    min_trl = models.PositiveSmallIntegerField(
        _("minimum TRL"), validators=TRL_VALIDATORS, null=True, blank=True
    )
    transfer_modes = models.ManyToManyField(
        TransferMode, verbose_name=_("wanted transfer modes"), related_name="needs", blank=True
    )
    budget_min = models.DecimalField(
        _("budget from"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    budget_max = models.DecimalField(
        _("budget up to"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.VND
    )
    deadline = models.DateField(_("wanted by"), null=True, blank=True)
    preferred_countries = CountryField(_("preferred countries"), multiple=True, blank=True)
    score_floor = models.FloatField(
        _("score floor"),
        default=0,
        editable=False,
        help_text=_("The K-th best stored score of this record: a new pair enters above it."),
    )
    search_document = models.TextField(editable=False, blank=True, default="")
    visibility = models.CharField(
        _("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
    )
    review_note = models.TextField(_("reviewer's note"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("technology need")
        verbose_name_plural = _("technology needs")
        ordering = ["-published_at", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_trl__isnull=True) | Q(min_trl__gte=1, min_trl__lte=9),
                name="need_min_trl_1_9",
            ),
            models.CheckConstraint(
                condition=Q(budget_min__isnull=True)
                | Q(budget_max__isnull=True)
                | Q(budget_min__lte=F("budget_max")),
                name="need_budget_min_le_max",
            ),
            models.CheckConstraint(
                condition=Q(budget_min__isnull=True) | Q(budget_min__gte=0),
                name="need_budget_min_nonnegative",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"]),
            # The worker compares the newest change with its cached index on every rescoring.
            models.Index(fields=["updated_at"]),
        ]

    def __str__(self):
        return self.display_title

    def get_absolute_url(self) -> str:
        return reverse("matchmaking:need_detail", args=[self.reference])

    def save(self, *args, **kwargs):
        from matchmaking import search

        search.refresh_need(self)  # the search text follows every save, admin included
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_document"}
        super().save(*args, **kwargs)

    @property
    def display_title(self) -> str:
        return localized(self.title, self.title_en)

    @property
    def display_description(self) -> str:
        return localized(self.description, self.summary_en)


class ScoringRun(BackgroundRun):
    """One computation of match scores: a full recompute or the rescoring of one record."""

    class Kind(models.TextChoices):
        FULL = "full", _("Full recompute")
        OFFER = "offer", _("One offer")
        NEED = "need", _("One need")

    class Stage(models.TextChoices):
        LOADING = "loading", _("Loading records")
        SCORING = "scoring", _("Scoring pairs")
        SAVING = "saving", _("Saving scores")
        DONE = "done", _("Done")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    stage = models.CharField(_("stage"), max_length=8, choices=Stage.choices, default=Stage.LOADING)
    algorithm_version = models.CharField(_("algorithm version"), max_length=32)
    weights = models.JSONField(_("weights"), default=dict)
    top_k = models.PositiveIntegerField(_("kept per record"), default=50)
    total = models.PositiveIntegerField(_("records to score"), default=0)
    done = models.PositiveIntegerField(_("records scored"), default=0)
    pairs_kept = models.PositiveIntegerField(_("pairs kept"), default=0)

    class Meta:
        verbose_name = _("scoring run")
        verbose_name_plural = _("scoring runs")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(done__lte=F("total")), name="scoring_run_done_le_total"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0


class MatchScore(models.Model):
    """How well an offer answers a need, with the components and reasons behind the score."""

    # No single-column indexes on offer and need: the (offer, need) constraint and the
    # (need, -score) and (offer, -score) indexes start with them and serve every lookup, and
    # each extra index costs a full recompute's COPY of 1.4 M rows several seconds.
    offer = models.ForeignKey(
        TechnologyOffer,
        verbose_name=_("offer"),
        on_delete=models.CASCADE,
        related_name="scores",
        db_index=False,
    )
    need = models.ForeignKey(
        TechnologyNeed,
        verbose_name=_("need"),
        on_delete=models.CASCADE,
        related_name="scores",
        db_index=False,
    )
    score = models.FloatField(_("score"))
    components = models.JSONField(_("components"), default=dict)
    reasons = models.JSONField(_("reasons"), default=list)
    algorithm_version = models.CharField(_("algorithm version"), max_length=32)
    run = models.ForeignKey(
        ScoringRun,
        verbose_name=_("run"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="scores",
    )
    computed_at = models.DateTimeField(_("computed at"), auto_now=True)

    class Meta:
        verbose_name = _("match score")
        verbose_name_plural = _("match scores")
        ordering = ["-score"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "need"], name="matchscore_offer_need_uniq"),
            models.CheckConstraint(condition=Q(score__gte=0, score__lte=1), name="matchscore_0_1"),
        ]
        indexes = [
            models.Index(fields=["need", "-score"]),
            models.Index(fields=["offer", "-score"]),
        ]

    def __str__(self):
        return f"{self.offer} ↔ {self.need}: {self.score:.2f}"


class Deal(TimeStamped):
    """What a meeting (or a match) led to, from first contact to a signed contract."""

    class Stage(models.TextChoices):
        CONTACTED = "contacted", _("Contacted")
        NEGOTIATING = "negotiating", _("Negotiating")
        NDA = "nda", _("NDA signed")
        CONTRACT_SIGNED = "contract_signed", _("Contract signed")
        LOST = "lost", _("Lost")

    title = models.CharField(_("title"), max_length=255, blank=True)
    offer = models.ForeignKey(
        TechnologyOffer,
        verbose_name=_("offer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deals",
    )
    need = models.ForeignKey(
        TechnologyNeed,
        verbose_name=_("need"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deals",
    )
    supplier = models.ForeignKey(
        "partners.Organization",
        verbose_name=_("supplier"),
        on_delete=models.PROTECT,
        related_name="deals_as_supplier",
    )
    seeker = models.ForeignKey(
        "partners.Organization",
        verbose_name=_("technology seeker"),
        on_delete=models.PROTECT,
        related_name="deals_as_seeker",
    )
    source_meeting = models.ForeignKey(
        "events.Meeting",
        verbose_name=_("source meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deals",
    )
    stage = models.CharField(
        _("stage"), max_length=16, choices=Stage.choices, default=Stage.CONTACTED
    )
    contract_value = models.DecimalField(
        _("contract value"), max_digits=20, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.VND
    )
    rate_to_vnd = models.DecimalField(
        _("rate to VND on signing"),
        max_digits=16,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("VND per unit of the contract currency on the signing date."),
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("deal")
        verbose_name_plural = _("deals")
        ordering = ["-updated_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(supplier=F("seeker")), name="deal_parties_differ"),
            models.CheckConstraint(
                condition=Q(contract_value__isnull=True) | Q(contract_value__gte=0),
                name="deal_value_nonnegative",
            ),
            # A meeting leads to one deal: its two sides and officials all edit that one.
            models.UniqueConstraint(
                fields=["source_meeting"],
                condition=Q(source_meeting__isnull=False),
                name="deal_one_per_meeting",
                violation_error_message=_("This meeting already has its deal."),
            ),
        ]

    def __str__(self):
        return self.title or f"{self.supplier} ↔ {self.seeker}"

    @property
    def value_vnd(self):
        if self.contract_value is None:
            return None
        if self.currency == Currency.VND:
            return self.contract_value
        return self.contract_value * self.rate_to_vnd if self.rate_to_vnd else None
