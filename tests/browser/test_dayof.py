"""The day of the event in a real browser: an official checks participants in by search, by the
URL a badge's QR code carries and with the camera scanner (Chromium's fake camera plays a video
of a badge's code), then follows the live board and marks a meeting held (issue 8)."""

from datetime import timedelta

import segno
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import OFFICIALS_GROUP
from events.documents.qr import checkin_url
from events.models import Event, Meeting, Registration
from events.services.dayof import checkin_token
from tests.browser.conftest import ARGS, CHROMIUM, log_in, shot
from tests.conftest import PASSWORD
from tests.factories import (
    EventFactory,
    ForeignOrganizationFactory,
    MeetingFactory,
    OrganizationFactory,
    RegistrationFactory,
    SlotFactory,
    TableFactory,
    UserFactory,
)


def test_official_checks_in_by_search_and_badge_and_follows_the_live_board(page):
    now = timezone.now()
    today = timezone.localdate()
    event = EventFactory(
        title_en="Vietnam–Korea connection day",
        status=Event.Status.RUNNING,
        starts_on=today,
        ends_on=today,
    )
    current = SlotFactory(
        event=event, starts_at=now - timedelta(minutes=5), ends_at=now + timedelta(minutes=15)
    )
    later = SlotFactory(
        event=event, starts_at=now + timedelta(minutes=20), ends_at=now + timedelta(minutes=40)
    )
    t1, t2 = TableFactory(event=event, label="T1"), TableFactory(event=event, label="T2")
    hai_an = RegistrationFactory(
        event=event,
        organization=OrganizationFactory(
            name="Công ty Cổ phần Cơ khí Hải An", name_en="Hai An Mechanical JSC"
        ),
    )
    hanbit = RegistrationFactory(
        event=event,
        organization=ForeignOrganizationFactory(name="Hanbit Robotics Co., Ltd."),
        representatives=[{"name": "Kim Ji-won", "title": "CEO"}],
    )
    do_son = RegistrationFactory(
        event=event,
        organization=OrganizationFactory(
            name="Công ty TNHH Thủy sản Đồ Sơn", name_en="Do Son Seafood"
        ),
    )
    seoul = RegistrationFactory(
        event=event, organization=ForeignOrganizationFactory(name="Seoul Aqua Tech")
    )
    meeting = MeetingFactory(
        event=event, slot=current, table=t1, registration_a=hanbit, registration_b=hai_an
    )
    MeetingFactory(event=event, slot=current, table=t2, registration_a=seoul, registration_b=do_son)
    official = UserFactory(email="canbo@sokhcn.example.vn", is_staff=True)
    official.groups.add(Group.objects.get(name=OFFICIALS_GROUP))
    log_in(page, official.email, PASSWORD)

    # Check-in by search: typing filters the list (htmx), the button checks in in place.
    page.goto(f"/en/events/{event.pk}/manage/check-in/")
    expect(page.get_by_role("button", name="Start the camera")).to_be_visible()
    page.get_by_role("searchbox").fill("hai an")
    rows = page.locator("#checkin-results tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Hai An Mechanical JSC")
    rows.first.get_by_role("button", name="Check in").click()
    expect(page.locator(f"#checkin-{hai_an.pk}")).to_contain_text("Undo")
    shot(page, "d1-checkin-search")
    hai_an.refresh_from_db()
    assert hai_an.checked_in_at is not None

    # What the camera scanner does with a decoded badge: post its token to this event.
    token = checkin_token(hanbit, 0)
    answer = page.evaluate(
        """async (token) => {
            const box = document.getElementById("scanner");
            const csrf = box.querySelector("input[name=csrfmiddlewaretoken]").value;
            const url = box.dataset.tokenUrl.replace("TOKEN", token);
            const response = await fetch(url, {method: "POST",
                headers: {"X-CSRFToken": csrf, "HX-Request": "true"}});
            return [response.status, await response.text()];
        }""",
        token,
    )
    assert answer[0] == 200
    assert "Kim Ji-won" in answer[1] and "Checked in at" in answer[1]

    # The badge URL opened by a phone's camera app: the official confirms.
    page.goto(f"/en/events/{event.pk}/manage/check-in/t/{checkin_token(do_son)}/")
    expect(page.get_by_text("Not checked in yet.")).to_be_visible()
    page.get_by_role("button", name="Check in").click()
    expect(page.get_by_text("is checked in.")).to_be_visible()
    shot(page, "d2-checkin-badge")
    assert Registration.objects.filter(event=event, checked_in_at__isnull=False).count() == 3

    # The live board: who is there, what is on now; mark the first meeting held.
    page.goto(f"/en/events/{event.pk}/manage/live/")
    board = page.locator("#live-board")
    expect(board).to_contain_text("3 / 4")
    expect(board).to_contain_text("Waiting for a participant: Seoul Aqua Tech")
    expect(page.locator("tr.slot-now")).to_have_count(1)
    page.locator("tr.slot-now td").first.get_by_role("button", name="Held").click()
    expect(page.locator("tr.slot-now .badge.meeting-held")).to_have_count(1)
    expect(board).to_contain_text("1 / 2")
    shot(page, "d3-live-board")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    # A free table in the next slot offers a last-minute meeting.
    expect(
        page.locator("tr.slot-future").get_by_role("link", name="free: add a meeting")
    ).to_have_count(2)
    assert later.pk


def _camera_video(path, text: str) -> None:
    """A Y4M video (Chromium's fake camera) showing the QR code of ``text``, made with segno."""
    width, height = 640, 480
    matrix = [list(row) for row in segno.make(text, error="m").matrix_iter(scale=1, border=4)]
    scale = min(width, height) * 8 // 10 // len(matrix)
    x0 = (width - len(matrix) * scale) // 2
    y0 = (height - len(matrix) * scale) // 2
    luma = bytearray([235]) * (width * height)
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                for dy in range(scale):
                    start = (y0 + r * scale + dy) * width + x0 + c * scale
                    luma[start : start + scale] = bytes([16]) * scale
    chroma = bytes([128]) * (width * height // 4)
    with open(path, "wb") as video:
        video.write(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(10):
            video.write(b"FRAME\n" + bytes(luma) + chroma + chroma)


def test_camera_scanner_reads_a_badge_and_checks_in(_browser, live_server, tmp_path):
    """Chromium's fake camera shows a badge's QR code; the scanner reads it and checks in."""
    today = timezone.localdate()
    event = EventFactory(status=Event.Status.PUBLISHED, starts_on=today, ends_on=today)
    guest = RegistrationFactory(
        event=event,
        organization=ForeignOrganizationFactory(name="Hanbit Robotics Co., Ltd."),
        representatives=[{"name": "Kim Ji-won"}],
    )
    official = UserFactory(email="scan@sokhcn.example.vn", is_staff=True)
    official.groups.add(Group.objects.get(name=OFFICIALS_GROUP))
    video = tmp_path / "badge.y4m"
    _camera_video(video, checkin_url(guest, 0))
    browser = _browser.browser_type.launch(
        executable_path=CHROMIUM,
        args=[
            *ARGS,
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={video}",
        ],
    )
    try:
        context = browser.new_context(base_url=live_server.url, permissions=["camera"])
        page = context.new_page()
        problems = []
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on(
            "console",
            lambda m: (
                problems.append(m.text)
                if m.type == "error" and "Content Security Policy" in m.text
                else None
            ),
        )
        log_in(page, official.email, PASSWORD)
        page.goto(f"/en/events/{event.pk}/manage/check-in/")
        page.get_by_role("button", name="Start the camera").click()
        expect(page.locator("#scan-result")).to_contain_text("Kim Ji-won", timeout=20000)
        expect(page.locator("#scan-result")).to_contain_text("Checked in at")
        expect(page.locator("#scanner-video")).to_be_visible()
        expect(page.locator("#checkin-count")).to_have_text("1")
        shot(page, "d4-camera-scan")
        assert problems == []
    finally:
        browser.close()
    guest.refresh_from_db()
    assert guest.checked_in_at is not None
