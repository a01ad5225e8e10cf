from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import factory
from django.utils import timezone

from accounts.models import User
from events.models import Event, Meeting, Registration, ScheduleRun, Slot, Table
from matchmaking.models import PublicationStatus, TechnologyNeed, TechnologyOffer
from partners.models import Membership, Organization

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Công ty TNHH Thử nghiệm {n}")
    name_en = factory.Sequence(lambda n: f"Test Company {n}")
    country = "VN"
    kind = Organization.Kind.SME
    tax_code = factory.Sequence(lambda n: f"{200000000 + n:010d}")


class ForeignOrganizationFactory(OrganizationFactory):
    name = factory.Sequence(lambda n: f"Hanbit Tech {n} Co., Ltd.")
    name_en = ""
    country = "KR"
    tax_code = ""


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Membership.Role.MEMBER


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TechnologyOffer
        skip_postgeneration_save = True

    organization = factory.SubFactory(ForeignOrganizationFactory)
    language = "en"
    title = factory.Sequence(lambda n: f"Recirculating shrimp farming system {n}")
    summary = "Indoor shrimp farming reusing 95% of the water."
    trl = 7
    status = PublicationStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def sectors(obj, create, extracted, **kwargs):
        if create:
            obj.sectors.set(extracted if extracted is not None else ["AQU.FAR"])


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TechnologyNeed
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    title = factory.Sequence(lambda n: f"Cần công nghệ nuôi tôm tuần hoàn {n}")
    description = "Trang trại cần nuôi tôm mật độ cao, tiết kiệm nước."
    status = PublicationStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def sectors(obj, create, extracted, **kwargs):
        if create:
            obj.sectors.set(extracted if extracted is not None else ["AQU.FAR"])


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Phiên kết nối cung cầu công nghệ {n}")
    title_en = factory.Sequence(lambda n: f"Technology connection session {n}")
    starts_on = factory.LazyFunction(lambda: date.today() + timedelta(days=30))
    ends_on = factory.SelfAttribute("starts_on")
    host = factory.SubFactory(
        OrganizationFactory, kind=Organization.Kind.GOVERNMENT_AGENCY, tax_code=""
    )
    status = Event.Status.REGISTRATION_OPEN


class SlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Slot

    event = factory.SubFactory(EventFactory)
    starts_at = factory.Sequence(
        lambda n: datetime(2030, 1, 7, 8, 30, tzinfo=TZ) + timedelta(minutes=25 * n)
    )
    ends_at = factory.LazyAttribute(lambda slot: slot.starts_at + timedelta(minutes=20))


class TableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Table

    event = factory.SubFactory(EventFactory)
    label = factory.Sequence(lambda n: f"Bàn {n}")


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    organization = factory.SubFactory(OrganizationFactory)
    status = Registration.Status.APPROVED


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    event = factory.SubFactory(EventFactory)
    slot = factory.SubFactory(SlotFactory, event=factory.SelfAttribute("..event"))
    table = factory.SubFactory(TableFactory, event=factory.SelfAttribute("..event"))
    registration_a = factory.SubFactory(RegistrationFactory, event=factory.SelfAttribute("..event"))
    registration_b = factory.SubFactory(RegistrationFactory, event=factory.SelfAttribute("..event"))


class ScheduleRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScheduleRun

    event = factory.SubFactory(EventFactory)
