from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.files import GeneratedName, version_tag
from core.models import TimeStamped, WebAddressField, localized

tax_code_validator = RegexValidator(
    r"^\d{10}(-\d{3})?$",
    _("A Vietnamese tax code has 10 digits, or 10 digits, a hyphen and 3 digits for a branch."),
)


class Organization(TimeStamped):
    class Kind(models.TextChoices):
        SME = "sme", _("SME")
        LARGE_ENTERPRISE = "large_enterprise", _("Large enterprise")
        STARTUP = "startup", _("Startup")
        RESEARCH_INSTITUTE = "research_institute", _("Research institute")
        UNIVERSITY = "university", _("University")
        GOVERNMENT_AGENCY = "government_agency", _("Government agency")
        BUSINESS_ASSOCIATION = "business_association", _("Business association")
        TECHNOPARK = "technopark", _("Technopark")
        INVESTOR = "investor", _("Investor")
        SUPPORT_ORGANIZATION = "support_organization", _("Support organisation")

    class Size(models.TextChoices):
        MICRO = "micro", _("Micro")
        SMALL = "small", _("Small")
        MEDIUM = "medium", _("Medium")
        LARGE = "large", _("Large")

    # Kinds that are firms: a Vietnamese firm of these kinds must give its tax code.
    COMPANY_KINDS = {Kind.SME, Kind.LARGE_ENTERPRISE, Kind.STARTUP}

    name = models.CharField(_("name"), max_length=255, help_text=_("In the original language."))
    name_en = models.CharField(_("English name"), max_length=255, blank=True)
    country = CountryField(_("country"), default="VN")
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.SME)
    size = models.CharField(_("size"), max_length=16, choices=Size.choices, blank=True)
    tax_code = models.CharField(
        _("tax code"),
        max_length=14,
        blank=True,
        validators=[tax_code_validator],
        help_text=_("Vietnamese enterprise tax code (mã số thuế)."),
    )
    website = WebAddressField(_("website"), blank=True)
    email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    province = models.CharField(_("province or city"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("English description"), blank=True)
    sectors = models.ManyToManyField(
        "matchmaking.Sector", verbose_name=_("sectors"), blank=True, related_name="organizations"
    )
    logo = models.ImageField(_("logo"), upload_to=GeneratedName("logos"), blank=True)
    verified = models.BooleanField(_("verified"), default=False)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    # An official who cannot verify the organisation sends it back with a reason; the
    # organisation's next profile change puts it back in the verification queue.
    review_note = models.TextField(_("reviewer's note"), blank=True)
    returned_at = models.DateTimeField(_("sent back at"), null=True, blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"), "country", name="organization_name_country_uniq"
            ),
            models.UniqueConstraint(
                fields=["tax_code"], condition=~Q(tax_code=""), name="organization_tax_code_uniq"
            ),
            models.CheckConstraint(
                condition=Q(tax_code="") | Q(country="VN"), name="organization_tax_code_vn_only"
            ),
        ]
        indexes = [models.Index(fields=["country", "kind"])]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return localized(self.name, self.name_en)

    @property
    def display_description(self) -> str:
        return localized(self.description, self.description_en)

    @property
    def logo_url(self) -> str:
        """The logo's view (media files have no public URL), tagged so it may be cached."""
        if not self.logo:
            return ""
        return f"{reverse('partners:logo', args=[self.pk])}?v={version_tag(self.logo)}"


class Membership(TimeStamped):
    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        MEMBER = "member", _("Member")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organization__name", "user__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization"], name="membership_user_org_uniq"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.organization} ({self.get_role_display()})"


class Invitation(TimeStamped):
    """A one-time link for a person to join an organisation; only a hash of the token is kept."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("email address"))
    role = models.CharField(
        _("role"), max_length=16, choices=Membership.Role.choices, default=Membership.Role.MEMBER
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.organization}"

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()


class Agreement(TimeStamped):
    """A cooperation agreement with a partner, from letter of intent to an active or expired MOU."""

    class Kind(models.TextChoices):
        LETTER_OF_INTENT = "loi", _("Letter of intent")
        MOU = "mou", _("Memorandum of understanding")
        COOPERATION = "cooperation", _("Cooperation agreement")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        NEGOTIATING = "negotiating", _("Negotiating")
        SIGNED = "signed", _("Signed")
        ACTIVE = "active", _("Active")
        EXPIRED = "expired", _("Expired")
        TERMINATED = "terminated", _("Terminated")

    title = models.CharField(_("title"), max_length=255)
    title_en = models.CharField(_("English title"), max_length=255, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PROPOSED
    )
    partner = models.ForeignKey(
        Organization,
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    counterpart = models.ForeignKey(
        Organization,
        verbose_name=_("signed by (our side)"),
        on_delete=models.PROTECT,
        related_name="counterpart_agreements",
    )
    follows = models.ForeignKey(
        "self",
        verbose_name=_("follows"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="followed_by",
        help_text=_("The earlier agreement this one builds on."),
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    starts_on = models.DateField(_("in force from"), null=True, blank=True)
    ends_on = models.DateField(_("in force until"), null=True, blank=True)
    expected_on = models.DateField(
        _("expected signing"),
        null=True,
        blank=True,
        help_text=_("For an agreement not yet signed: when signing is expected."),
    )
    sectors = models.ManyToManyField(
        "matchmaking.Sector", verbose_name=_("sectors"), blank=True, related_name="agreements"
    )
    summary = models.TextField(_("summary"), blank=True)
    document = models.FileField(_("document"), upload_to=GeneratedName("agreements"), blank=True)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-signed_on", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="agreement_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(partner=F("counterpart")), name="agreement_parties_differ"
            ),
        ]

    def __str__(self):
        return self.display_title

    @property
    def display_title(self) -> str:
        return localized(self.title, self.title_en)


class Delegation(TimeStamped):
    """A visiting group of foreign organisations, led by a partner."""

    name = models.CharField(_("name"), max_length=255)
    name_en = models.CharField(_("English name"), max_length=255, blank=True)
    country = CountryField(_("country"))
    lead_partner = models.ForeignKey(
        Organization,
        verbose_name=_("lead partner"),
        on_delete=models.PROTECT,
        related_name="led_delegations",
    )
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("head of delegation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="headed_delegations",
    )
    head_name = models.CharField(
        _("head of delegation (name)"),
        max_length=150,
        blank=True,
        help_text=_("As announced, when the head has no account."),
    )
    members = models.ManyToManyField(
        Organization,
        verbose_name=_("member organisations"),
        blank=True,
        related_name="delegations",
    )
    arrives_on = models.DateField(_("arrives on"), null=True, blank=True)
    departs_on = models.DateField(_("departs on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["-arrives_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(departs_on__isnull=True)
                | Q(arrives_on__isnull=True)
                | Q(departs_on__gte=F("arrives_on")),
                name="delegation_departs_after_arrival",
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return localized(self.name, self.name_en)
