"""Writes the demo data set: real organisations and agreements from the articles, generated
enterprises, offers and needs, past connection sessions with their meetings and deals, and an
upcoming event open for registration, and an event whose schedule is published
(`published_event`).

Idempotent: every row has a natural key (organisation name and country, offer reference, event
title and date …) and is only created when missing, so a second run changes nothing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group
from django.db import transaction

from accounts.models import OFFICIALS_GROUP, User
from core.demo import generate
from core.demo.catalogue import AGREEMENTS, HOST, REAL_ORGANIZATIONS
from core.demo.generate import OrgSpec, RecordSpec
from events.models import Event
from matchmaking import search
from matchmaking.models import TechnologyNeed, TechnologyOffer
from partners.models import Agreement, Delegation, Membership, Organization

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DEFAULT_SCALE = 150
DEMO_PASSWORD = "demo-HaiPhong-2026"
OFFERS_PER_SUPPLIER = 5
NEEDS_PER_SEEKER = 4
BATCH = 2000

DEMO_USERS = [
    # email, full name, language, organisation key, role label shown in the README and console
    ("official@demo.test", "Nguyễn Thu Hà", "vi", "dost", "Department official"),
    ("sme@demo.test", "Trần Văn Minh", "vi", "vn-0", "SME staff"),
    ("delegation@demo.test", "Kim Ji-won", "en", "kr-0", "Foreign delegation member"),
]


@dataclass
class SeedReport:
    created: dict[str, int] = field(default_factory=dict)

    def add(self, what: str, count: int) -> None:
        self.created[what] = self.created.get(what, 0) + count


# --- Organisations ---------------------------------------------------------------------------


def _spec_from_dict(data: dict) -> OrgSpec:
    return OrgSpec(
        key=data["key"],
        name=data["name"],
        name_en=data.get("name_en", ""),
        country=data["country"],
        kind=data["kind"],
        size=data.get("size", ""),
        province=data.get("province", ""),
        sectors=list(data.get("sectors", [])),
    )


def ensure_orgs(specs: list[OrgSpec], report: SeedReport, extra: dict | None = None) -> dict:
    """Organisations by key, created in bulk where missing (identity: name and country)."""
    unique = {(s.name.lower(), s.country): s for s in specs}
    names = sorted({s.name for s in specs})
    by_identity = {}
    for start in range(0, len(names), 900):
        for org in Organization.objects.filter(name__in=names[start : start + 900]):
            by_identity[(org.name.lower(), str(org.country))] = org
    missing = [s for identity, s in unique.items() if identity not in by_identity]
    Organization.objects.bulk_create(
        [
            Organization(
                name=s.name,
                name_en=s.name_en,
                country=s.country,
                kind=s.kind,
                size=s.size,
                province=s.province,
                tax_code=s.tax_code,
                verified=True,
                **(extra or {}).get(s.key, {}),
            )
            for s in missing
        ],
        batch_size=BATCH,
    )
    missing_names = sorted({s.name for s in missing})
    for start in range(0, len(missing_names), 900):
        for org in Organization.objects.filter(name__in=missing_names[start : start + 900]):
            by_identity[(org.name.lower(), str(org.country))] = org
    through = Organization.sectors.through
    through.objects.bulk_create(
        [
            through(organization_id=by_identity[(s.name.lower(), s.country)].pk, sector_id=code)
            for s in missing
            for code in s.sectors
        ],
        batch_size=BATCH,
    )
    report.add("organisations", len(missing))
    return {s.key: by_identity[(s.name.lower(), s.country)] for s in specs}


def real_orgs(report: SeedReport) -> dict[str, Organization]:
    specs = [_spec_from_dict(HOST)] + [_spec_from_dict(d) for d in REAL_ORGANIZATIONS]
    extra = {
        d["key"]: {
            "website": d.get("website", ""),
            "description": d.get("description", ""),
            "description_en": d.get("description_en", ""),
        }
        for d in [HOST, *REAL_ORGANIZATIONS]
    }
    return ensure_orgs(specs, report, extra)


# --- People ----------------------------------------------------------------------------------


def ensure_users(orgs: dict[str, Organization], report: SeedReport) -> dict[str, User]:
    users = {}
    officials = Group.objects.get(name=OFFICIALS_GROUP)
    for email, full_name, language, org_key, _label in DEMO_USERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                password=DEMO_PASSWORD,
                full_name=full_name,
                language=language,
                is_staff=org_key == "dost",
            )
            report.add("users", 1)
        if org_key == "dost":
            user.groups.add(officials)
        Membership.objects.get_or_create(
            user=user, organization=orgs[org_key], defaults={"role": Membership.Role.ADMIN}
        )
        users[org_key] = user
    return users


# --- Agreements and delegations --------------------------------------------------------------


def ensure_agreements(orgs, report: SeedReport) -> None:
    host = orgs["dost"]
    rows = AGREEMENTS
    made = {}
    for row in rows:
        partner = orgs[row["key"][0]]
        follows = made.get(row.get("follows"))
        agreement = Agreement.objects.filter(
            partner=partner, kind=row["kind"], title=row["title"]
        ).first()
        if agreement is None:
            agreement = Agreement.objects.create(
                partner=partner,
                counterpart=host,
                title=row["title"],
                title_en=row["title_en"],
                kind=row["kind"],
                status=row["status"],
                signed_on=row.get("signed_on"),
                starts_on=row.get("starts_on"),
                ends_on=row.get("ends_on"),
                expected_on=row.get("expected_on"),
                summary=row["summary"],
                follows=follows,
            )
            agreement.sectors.set(row["sectors"])
            report.add("agreements", 1)
        made[row["key"]] = agreement


def ensure_delegation(
    *,
    name,
    name_en,
    country,
    lead,
    members,
    arrives,
    departs,
    head=None,
    head_name="",
    report: SeedReport,
) -> Delegation:
    delegation = Delegation.objects.filter(name=name, arrives_on=arrives).first()
    if delegation is None:
        delegation = Delegation.objects.create(
            name=name,
            name_en=name_en,
            country=country,
            lead_partner=lead,
            head=head,
            head_name=head_name,
            arrives_on=arrives,
            departs_on=departs,
        )
        delegation.members.set(members)
        report.add("delegations", 1)
    return delegation


# --- Offers and needs ------------------------------------------------------------------------


def _published_at(spec: RecordSpec):
    if spec.status != "published":
        return None
    return datetime.combine(spec.published_on, time(9, 0), tzinfo=TZ)


def _bulk_records(model, specs: list[RecordSpec], orgs: dict, build, report: SeedReport, label):
    """Insert the records whose reference is missing, then their sector and mode rows."""
    prefix = specs[0].reference[:5]
    existing = set(
        model.objects.filter(reference__startswith=prefix).values_list("reference", flat=True)
    )
    missing = [s for s in specs if s.reference not in existing]
    model.objects.bulk_create([build(s, orgs[s.org_key]) for s in missing], batch_size=BATCH)
    if missing:
        ids = dict(
            model.objects.filter(reference__startswith=prefix).values_list("reference", "id")
        )
        fk = model._meta.model_name + "_id"
        sector_through = model.sectors.through
        sector_through.objects.bulk_create(
            [
                sector_through(**{fk: ids[s.reference], "sector_id": c})
                for s in missing
                for c in s.sectors
            ],
            batch_size=BATCH,
        )
        mode_through = model.transfer_modes.through
        mode_through.objects.bulk_create(
            [
                mode_through(**{fk: ids[s.reference], "transfermode_id": m})
                for s in missing
                for m in s.modes
            ],
            batch_size=BATCH,
        )
    report.add(label, len(missing))


def _build_offer(spec: RecordSpec, org: Organization) -> TechnologyOffer:
    offer = TechnologyOffer(
        reference=spec.reference,
        organization=org,
        language=spec.language,
        title=spec.title,
        summary=spec.summary,
        title_en=spec.title_en,
        summary_en=spec.summary_en,
        description=spec.description,
        keywords=spec.keywords,
        trl=spec.trl,
        ip_status=spec.ip_status,
        price_min=spec.price_min,
        price_max=spec.price_max,
        currency=spec.currency,
        target_countries=spec.countries,
        status=spec.status,
        published_at=_published_at(spec),
    )
    search.refresh_offer(offer)
    return offer


def _build_need(spec: RecordSpec, org: Organization) -> TechnologyNeed:
    need = TechnologyNeed(
        reference=spec.reference,
        organization=org,
        language=spec.language,
        title=spec.title,
        description=spec.description,
        title_en=spec.title_en,
        summary_en=spec.summary_en,
        keywords=spec.keywords,
        min_trl=spec.trl,
        budget_min=spec.price_min,
        budget_max=spec.price_max,
        currency=spec.currency,
        deadline=spec.deadline,
        preferred_countries=spec.countries,
        visibility=spec.visibility,
        status=spec.status,
        published_at=_published_at(spec),
    )
    search.refresh_need(need)
    return need


FIXED_SUPPLIERS = ["rimf", "cbtp", "tw-lead"]  # each owns the first offers, two apiece


def seed_records(scale: int, fixed_orgs: dict, report: SeedReport) -> dict[str, Organization]:
    """``scale`` offers and ``scale`` needs in all; returns the organisations they belong to."""
    fixed_count = 2 * len(FIXED_SUPPLIERS)
    generated_offers = max(0, scale - fixed_count)
    supplier_specs = generate.supplier_orgs(math.ceil(generated_offers / OFFERS_PER_SUPPLIER))
    seeker_specs = [
        generate.vietnamese_org(j) for j in range(math.ceil(scale / NEEDS_PER_SEEKER) + 1)
    ]
    orgs = dict(fixed_orgs)
    orgs.update(ensure_orgs(supplier_specs + seeker_specs, report))

    offers = []
    for i in range(scale):
        if i < fixed_count:
            owner = fixed_orgs[FIXED_SUPPLIERS[i // 2]]
            spec_org = OrgSpec(
                key=FIXED_SUPPLIERS[i // 2],
                name=owner.name,
                name_en=owner.name_en,
                country=str(owner.country),
                kind=owner.kind,
                size=owner.size,
            )
        else:
            spec_org = supplier_specs[(i - fixed_count) // OFFERS_PER_SUPPLIER]
        offers.append(generate.offer(i, spec_org))
    needs = [generate.need(i, seeker_specs[i // NEEDS_PER_SEEKER]) for i in range(scale)]
    _bulk_records(TechnologyOffer, offers, orgs, _build_offer, report, "offers")
    _bulk_records(TechnologyNeed, needs, orgs, _build_need, report, "needs")
    return orgs


# --- Everything ------------------------------------------------------------------------------


def seed(*, scale: int = DEFAULT_SCALE) -> SeedReport:
    """Create whatever of the demo data set is missing (see the module docstring)."""
    from core.demo import history, published_event

    report = SeedReport()
    with transaction.atomic():
        orgs = real_orgs(report)
        pools, seekers = history.participant_pools(lambda specs, r: ensure_orgs(specs, r), report)
        orgs["vn-0"], orgs["kr-0"] = seekers[0], pools["KR"][0]
        users = ensure_users(orgs, report)
        ensure_agreements(orgs, report)
        taiwan = ensure_delegation(
            name="Đoàn doanh nghiệp Đài Loan (Trung Quốc) 2023",
            name_en="Taiwan enterprise delegation 2023",
            country="TW",
            lead=orgs["tw-lead"],
            members=pools["TW"][:6],
            arrives=date(2023, 7, 19),
            departs=date(2023, 7, 22),
            head_name="Lã Minh Tuấn",
            report=report,
        )
        chungbuk = ensure_delegation(
            name="Đoàn doanh nghiệp đổi mới sáng tạo tỉnh Chungbuk – Techfest Hải Phòng 2023",
            name_en="Chungbuk innovative enterprise delegation – Techfest Hai Phong 2023",
            country="KR",
            lead=orgs["cbtp"],
            members=[orgs["cbfez"], *pools["KR"][:8]],
            arrives=date(2023, 12, 14),
            departs=date(2023, 12, 16),
            head_name="Oh Won Geon",
            report=report,
        )
        korea_2026 = ensure_delegation(
            name="Đoàn doanh nghiệp Hàn Quốc 2026",
            name_en="Korean enterprise delegation 2026",
            country="KR",
            lead=orgs["cbtp"],
            members=pools["KR"][:8],
            arrives=date(2026, 12, 9),
            departs=date(2026, 12, 11),
            head=users["kr-0"],
            report=report,
        )
        orgs.update(seed_records(scale, orgs, report))
        history.seed_history(orgs, pools, seekers, report)
        for delegation, title_start in (
            (taiwan, "Phiên kết nối cung cầu công nghệ giữa doanh nghiệp Việt Nam và Đài Loan"),
            (chungbuk, "Hội nghị kết nối doanh nghiệp đổi mới sáng tạo"),
        ):
            delegation.events.add(*Event.objects.filter(title__startswith=title_start))
        history.seed_upcoming(orgs, pools, seekers, users, korea_2026, report)
        published_event.seed_published_event(orgs, pools, seekers, users, report)
    return report
