"""Who may open what: the declared outcome of every URL of the project for every role.

Each entry is ``URL name: R(GET outcomes, POST outcomes, URL parameter=world value, ...)``. An
outcome string lists, in this order, what the roles get:

    anonymous   org_a (administrator of A, which owns every object)   org_b (a stranger to A)
    delegation (administrator of a delegation's organisation, head of that delegation)   official

with these words: ``200`` (the page), ``login`` (sent to the log-in page), ``302`` (sent
elsewhere: the POST did its work, or a page redirects), or an HTTP status: ``400`` (the empty
POST was refused as invalid), ``401`` (the API asks for a log-in), ``403``, ``404`` ("not
admitted to exist": the house rule for another organisation's records), ``405``, ``409``.
``SAME`` as POST outcomes means "as for GET". POSTs send an empty form (``{}`` to the API).

Adding a URL: add its entry here (the suite fails, naming the URL, until you do). Parameters
name a value of ``tests/security/world.py``; add an object there if none fits.

Rules instead of entries:
- DRF's format-suffix twins (``/api/v1/offers.json``): the API turns them off (JSON is its only
  format, ``api/urls.py``). Should a router bring them back, each must answer exactly like the
  route it copies (asked for ``.json``, GET only) and needs no entry.
- The admin (``/admin/…``): every page is for staff only; any other role, GET or POST, is sent to
  the admin's log-in page. Officials (staff) get what ``ADMIN_OFFICIALS`` grants them per model
  (``view``, ``add``, ``change``, ``delete``) and 403 for the rest; the admin site's own pages,
  and any page a model admin adds, are in ``ADMIN_SITE``. Officials' POSTs to the admin are not
  sent (its forms are Django's own; what matters is who reaches them).
"""

from __future__ import annotations


class R:
    """The declared outcomes of one URL, and the world values its parameters take."""

    def __init__(self, get: str, post: str, *, query: dict | None = None, **params: str):
        self.get = get
        self.post = get if post == SAME else post
        self.query = query or {}  # query-string parameter → world value
        self.params = params  # URL parameter → world value


SAME = "same as GET"

PUBLIC = "200 200 200 200 200"
SIGNED_IN = "login 200 200 200 200"
OFFICIALS = "login 403 403 403 200"
OFFICIALS_POST_ONLY = "login 403 403 403 405"  # GET of an officials' action
OFFICIALS_DONE = "login 403 403 403 302"  # its POST, done, back to a page
OFFICIALS_INVALID = "login 403 403 403 400"  # its empty POST, refused as invalid
POST_ONLY = "405 405 405 405 405"
LOGIN_THEN_POST_ONLY = "login 405 405 405 405"
# The REST API
API_PUBLIC = "200 200 200 200 200"
API_READ_ONLY = "405 405 405 405 405"  # POST to a read-only endpoint
API_SIGNED_IN = "401 200 200 200 200"
API_SIGNED_IN_READ_ONLY = "401 405 405 405 405"
API_WRITE_NEEDS_LOG_IN = "401 405 405 405 405"  # public read; unauthenticated POST → 401 first
API_OFFICIALS = "401 403 403 403 200"
API_OFFICIALS_READ_ONLY = "401 403 403 403 405"
API_OFFICIALS_POST_ONLY = "401 403 403 403 405"
API_OFFICIALS_DONE = "401 403 403 403 200"

ROUTES: dict[str, R] = {
    # --- Django and the language switch -----------------------------------------------------
    "set_language": R("302 302 302 302 302", SAME),
    "healthz": R(PUBLIC, POST_ONLY),
    # --- REST API: catalogue ----------------------------------------------------------------
    "api:sector-list": R(API_PUBLIC, API_READ_ONLY),
    "api:sector-detail": R(API_PUBLIC, API_READ_ONLY, pk="sector"),
    "api:transfer-mode-list": R(API_PUBLIC, API_READ_ONLY),
    "api:organisation-list": R(API_PUBLIC, API_WRITE_NEEDS_LOG_IN),
    "api:organisation-mine": R(API_SIGNED_IN, API_SIGNED_IN_READ_ONLY),
    "api:organisation-detail": R(API_PUBLIC, API_WRITE_NEEDS_LOG_IN, pk="org_a"),
    "api:offer-list": R(API_PUBLIC, "401 400 400 400 400"),
    "api:offer-mine": R(API_SIGNED_IN, API_SIGNED_IN_READ_ONLY),
    "api:offer-detail": R("404 200 404 404 200", API_WRITE_NEEDS_LOG_IN, reference="draft_offer"),
    "api:offer-archive": R(API_READ_ONLY, "401 200 404 404 200", reference="draft_offer"),
    "api:offer-submit": R(API_READ_ONLY, "401 200 404 404 200", reference="draft_offer"),
    "api:need-list": R(API_PUBLIC, "401 400 400 400 400"),
    "api:need-mine": R(API_SIGNED_IN, API_SIGNED_IN_READ_ONLY),
    "api:need-detail": R("404 200 404 404 200", API_WRITE_NEEDS_LOG_IN, reference="draft_need"),
    "api:need-archive": R(API_READ_ONLY, "401 200 404 404 200", reference="draft_need"),
    "api:need-publish": R(API_READ_ONLY, "401 200 404 404 200", reference="draft_need"),
    "api:match-score-list": R(API_SIGNED_IN, API_SIGNED_IN_READ_ONLY),
    "api:match-score-detail": R("401 200 404 404 200", API_SIGNED_IN_READ_ONLY, pk="score"),
    # --- REST API: events -------------------------------------------------------------------
    "api:event-list": R(API_PUBLIC, API_READ_ONLY),
    "api:event-detail": R(API_PUBLIC, API_READ_ONLY, pk="open_event"),
    "api:event-participants": R("401 200 404 404 200", API_SIGNED_IN_READ_ONLY, pk="open_event"),
    "api:event-slots": R(API_PUBLIC, API_READ_ONLY, pk="open_event"),
    "api:registration-list": R(API_SIGNED_IN, "401 400 400 400 400"),
    "api:registration-detail": R("401 200 404 404 200", API_SIGNED_IN_READ_ONLY, pk="reg_a"),
    "api:registration-cancel": R(API_SIGNED_IN_READ_ONLY, "401 200 404 404 200", pk="reg_a"),
    "api:meeting-request-list": R(API_SIGNED_IN, "401 400 400 400 400"),
    "api:meeting-request-detail": R("401 200 404 404 404", API_SIGNED_IN_READ_ONLY, pk="to_a"),
    "api:meeting-request-accept": R(API_SIGNED_IN_READ_ONLY, "401 200 404 404 404", pk="to_a"),
    "api:meeting-request-decline": R(API_SIGNED_IN_READ_ONLY, "401 200 404 404 404", pk="to_a"),
    "api:meeting-request-withdraw": R(API_SIGNED_IN_READ_ONLY, "401 200 404 404 404", pk="from_a"),
    "api:meeting-list": R(API_SIGNED_IN, API_SIGNED_IN_READ_ONLY),
    "api:meeting-detail": R("401 200 404 404 404", API_SIGNED_IN_READ_ONLY, pk="meeting"),
    # --- REST API: officials ----------------------------------------------------------------
    "api:manage-event-list": R(API_OFFICIALS, "401 403 403 403 400"),
    "api:manage-event-detail": R(API_OFFICIALS, API_OFFICIALS_READ_ONLY, pk="open_event"),
    "api:manage-event-publish": R(API_OFFICIALS_POST_ONLY, "401 403 403 403 409", pk="open_event"),
    "api:manage-event-transition": R(
        API_OFFICIALS_POST_ONLY, "401 403 403 403 400", pk="open_event"
    ),
    "api:manage-session-list": R(API_OFFICIALS, "401 403 403 403 400"),
    "api:manage-session-detail": R(API_OFFICIALS, API_OFFICIALS_READ_ONLY, pk="session"),
    "api:manage-table-list": R(API_OFFICIALS, "401 403 403 403 400"),
    "api:manage-table-detail": R(API_OFFICIALS, API_OFFICIALS_READ_ONLY, pk="open_table"),
    "api:manage-registration-list": R(API_OFFICIALS, API_OFFICIALS_READ_ONLY),
    "api:manage-registration-detail": R(API_OFFICIALS, API_OFFICIALS_READ_ONLY, pk="reg_a"),
    "api:manage-registration-approve": R(API_OFFICIALS_POST_ONLY, API_OFFICIALS_DONE, pk="reg_a"),
    "api:manage-registration-reject": R(API_OFFICIALS_POST_ONLY, API_OFFICIALS_DONE, pk="reg_a"),
    "api:manage-run-list": R(API_OFFICIALS, "401 403 403 403 400"),
    "api:manage-run-detail": R(API_OFFICIALS, API_OFFICIALS_READ_ONLY, pk="run"),
    # The world's run has ended: an official's cancel is refused as a conflict.
    "api:manage-run-cancel": R(API_OFFICIALS_POST_ONLY, "401 403 403 403 409", pk="run"),
    "api:manage-meeting-list": R(API_OFFICIALS, API_OFFICIALS_READ_ONLY),
    "api:manage-meeting-detail": R(API_OFFICIALS, API_OFFICIALS_READ_ONLY, pk="meeting"),
    "api:manage-meeting-cancel": R(API_OFFICIALS_POST_ONLY, API_OFFICIALS_DONE, pk="meeting"),
    "api:manage-meeting-lock": R(API_OFFICIALS_POST_ONLY, API_OFFICIALS_DONE, pk="meeting"),
    "api:manage-meeting-move": R(API_OFFICIALS_POST_ONLY, "401 403 403 403 400", pk="meeting"),
    # --- REST API: documentation ------------------------------------------------------------
    "api:not-found": R("404 404 404 404 404", SAME),
    "api:schema": R(API_PUBLIC, API_READ_ONLY),
    "api:docs": R(PUBLIC, SAME),
    "api:problems": R(PUBLIC, SAME),
    # --- Core pages -------------------------------------------------------------------------
    "core:home": R(PUBLIC, SAME),
    "core:dashboard": R(SIGNED_IN, SAME),
    "core:officials": R(OFFICIALS, SAME),
    # --- Accounts ---------------------------------------------------------------------------
    "accounts:login": R("200 302 302 302 302", SAME),
    "accounts:logout": R(POST_ONLY, "302 302 302 302 302"),
    "accounts:profile": R(SIGNED_IN, SAME),
    "accounts:password_change": R(SIGNED_IN, SAME),
    "accounts:password_reset": R(PUBLIC, SAME),
    "accounts:password_reset_done": R(PUBLIC, POST_ONLY),
    "accounts:password_reset_confirm": R(
        "302 302 302 302 302", SAME, uidb64="uidb64", token="reset_token"
    ),
    "accounts:password_reset_complete": R(PUBLIC, POST_ONLY),
    "api_tokens:list": R(SIGNED_IN, SAME),
    "api_tokens:revoke": R(LOGIN_THEN_POST_ONLY, "login 302 404 404 404", pk="api_token"),
    # --- Organisations ----------------------------------------------------------------------
    "partners:sign_up": R("200 302 302 302 302", SAME),
    "partners:detail": R(PUBLIC, SAME, pk="org_a"),
    "partners:logo": R(PUBLIC, POST_ONLY, pk="org_a"),
    "partners:edit": R("login 200 403 403 200", SAME, pk="org_a"),
    "partners:members": R("login 200 403 403 200", SAME, pk="org_a"),
    "partners:invitation_accept": R("200 403 403 403 403", SAME, token="invitation_token"),
    "partners:manage_list": R(OFFICIALS, SAME),
    "partners:verification": R(OFFICIALS, SAME),
    "partners:invite": R(OFFICIALS, SAME),
    "partners:manage": R(OFFICIALS, SAME, pk="org_a"),
    "partners:verify": R(OFFICIALS_POST_ONLY, OFFICIALS_DONE, pk="org_a"),
    "partners:return": R(OFFICIALS_POST_ONLY, OFFICIALS_DONE, pk="org_a"),
    "partners:delegation_list": R(OFFICIALS, SAME),
    "partners:delegation_create": R(OFFICIALS, SAME),
    "partners:delegation": R("login 403 403 200 200", SAME, pk="delegation"),
    "partners:delegation_edit": R(OFFICIALS, SAME, pk="delegation"),
    "partners:agreement_list": R(OFFICIALS, SAME),
    "partners:agreement_create": R(OFFICIALS, SAME),
    "partners:agreement": R(OFFICIALS, SAME, pk="agreement"),
    "partners:agreement_edit": R(OFFICIALS, SAME, pk="agreement"),
    "partners:agreement_status": R(OFFICIALS_POST_ONLY, "login 403 403 403 400", pk="agreement"),
    "partners:agreement_document": R(OFFICIALS, SAME, pk="agreement"),
    # --- Catalogue --------------------------------------------------------------------------
    "matchmaking:offer_list": R(PUBLIC, SAME),
    "matchmaking:my_offers": R(SIGNED_IN, SAME),
    "matchmaking:offer_create": R("login 200 200 200 403", SAME),
    "matchmaking:offer_import": R("login 200 200 200 403", SAME),
    "matchmaking:offer_import_template_xlsx": R(PUBLIC, SAME),
    "matchmaking:offer_import_template_csv": R(PUBLIC, SAME),
    "matchmaking:offer_import_preview": R("login 404 404 404 404", SAME, token="import_token"),
    "matchmaking:offer_detail": R("404 200 404 404 200", SAME, reference="draft_offer"),
    # A draft's brochure stays as private as the draft.
    "matchmaking:offer_brochure": R("404 200 404 404 200", POST_ONLY, reference="draft_offer"),
    "matchmaking:offer_edit": R("login 200 404 404 200", SAME, reference="draft_offer"),
    "matchmaking:offer_submit": R(
        LOGIN_THEN_POST_ONLY, "login 302 404 404 302", reference="draft_offer"
    ),
    "matchmaking:offer_archive": R(
        LOGIN_THEN_POST_ONLY, "login 302 404 404 302", reference="draft_offer"
    ),
    "matchmaking:need_list": R(PUBLIC, SAME),
    "matchmaking:my_needs": R(SIGNED_IN, SAME),
    "matchmaking:need_create": R("login 200 200 200 403", SAME),
    "matchmaking:need_detail": R("404 200 404 404 200", SAME, reference="draft_need"),
    "matchmaking:need_edit": R("login 200 404 404 200", SAME, reference="draft_need"),
    "matchmaking:need_publish": R(
        LOGIN_THEN_POST_ONLY, "login 302 404 404 302", reference="draft_need"
    ),
    "matchmaking:need_archive": R(
        LOGIN_THEN_POST_ONLY, "login 302 404 404 302", reference="draft_need"
    ),
    "matchmaking:review": R(OFFICIALS, SAME),
    "matchmaking:review_approve": R(
        OFFICIALS_POST_ONLY, OFFICIALS_DONE, kind="offers", reference="pending_offer"
    ),
    "matchmaking:review_return": R(
        OFFICIALS_POST_ONLY, OFFICIALS_DONE, kind="offers", reference="pending_offer"
    ),
    "matchmaking:match_list": R(OFFICIALS, SAME),
    "matchmaking:recompute": R(OFFICIALS_POST_ONLY, OFFICIALS_DONE),
    "matchmaking:run_progress": R(OFFICIALS, SAME, pk="scoring_run"),
    # --- Events: participants ---------------------------------------------------------------
    "events:list": R(PUBLIC, SAME),
    "events:mine": R(SIGNED_IN, SAME),
    "events:detail": R(PUBLIC, SAME, pk="open_event"),
    "events:register": R(
        "login 302 403 403 403", SAME, pk="open_event", query={"organization": "org_a"}
    ),
    "events:registration_edit": R("login 200 404 404 200", SAME, pk="open_event", rid="reg_a"),
    "events:registration_cancel": R(
        LOGIN_THEN_POST_ONLY, "login 302 404 404 302", pk="open_event", rid="reg_a"
    ),
    "events:participants": R("login 200 404 404 200", SAME, pk="open_event", rid="reg_a"),
    "events:requests": R("login 200 404 404 200", SAME, pk="open_event", rid="reg_a"),
    "events:request_new": R(
        "login 200 404 404 200", SAME, pk="open_event", rid="reg_a", to="reg_c"
    ),
    "events:request_accept": R(
        LOGIN_THEN_POST_ONLY, "login 302 404 404 404", pk="open_event", req="to_a"
    ),
    "events:request_decline": R(
        LOGIN_THEN_POST_ONLY, "login 302 404 404 404", pk="open_event", req="to_a"
    ),
    "events:request_withdraw": R(
        LOGIN_THEN_POST_ONLY, "login 302 404 404 404", pk="open_event", req="from_a"
    ),
    "events:agenda": R("login 200 404 404 200", SAME, pk="published", rid="preg_a"),
    "events:agenda_pdf": R("login 200 404 404 200", SAME, pk="published", rid="preg_a"),
    "events:agenda_ics": R("login 200 404 404 200", SAME, pk="published", rid="preg_a"),
    "events:my_badges": R("login 200 404 404 200", SAME, pk="published", rid="preg_a"),
    "events:meeting_held": R(
        LOGIN_THEN_POST_ONLY,
        "login 302 404 404 302",
        pk="published",
        rid="preg_a",
        mid="meeting",
    ),
    "events:feedback": R(PUBLIC, SAME, token="feedback_token"),
    # --- Events: officials ------------------------------------------------------------------
    "events:manage_list": R(OFFICIALS, SAME),
    "events:create": R(OFFICIALS, SAME),
    "events:manage": R(OFFICIALS, SAME, pk="open_event"),
    "events:edit": R(OFFICIALS, SAME, pk="open_event"),
    "events:status": R(OFFICIALS_POST_ONLY, OFFICIALS_DONE, pk="open_event"),
    "events:sessions": R(OFFICIALS, SAME, pk="open_event"),
    "events:tables": R(OFFICIALS, SAME, pk="open_event"),
    "events:interpreters": R(OFFICIALS, SAME, pk="open_event"),
    "events:registrations": R(OFFICIALS, SAME, pk="open_event"),
    "events:registration_approve": R(
        OFFICIALS_POST_ONLY, OFFICIALS_DONE, pk="open_event", rid="reg_a"
    ),
    "events:registration_reject": R(
        OFFICIALS_POST_ONLY, OFFICIALS_DONE, pk="open_event", rid="reg_a"
    ),
    "events:schedule": R(OFFICIALS, SAME, pk="published"),
    "events:schedule_participant": R(OFFICIALS, SAME, pk="published", rid="preg_a"),
    "events:run_start": R(OFFICIALS_POST_ONLY, OFFICIALS_DONE, pk="open_event"),
    "events:run_status": R(OFFICIALS, SAME, pk="published", run="run"),
    "events:run_cancel": R(OFFICIALS_POST_ONLY, OFFICIALS_DONE, pk="published", run="run"),
    "events:meeting_add": R(OFFICIALS, OFFICIALS_INVALID, pk="published"),
    "events:publish": R(OFFICIALS_POST_ONLY, OFFICIALS_DONE, pk="published"),
    "events:meeting": R(OFFICIALS, SAME, pk="published", mid="meeting"),
    "events:meeting_move": R(OFFICIALS_POST_ONLY, OFFICIALS_INVALID, pk="published", mid="meeting"),
    "events:meeting_swap": R(OFFICIALS_POST_ONLY, OFFICIALS_INVALID, pk="published", mid="meeting"),
    "events:meeting_cancel": R(OFFICIALS_POST_ONLY, OFFICIALS_DONE, pk="published", mid="meeting"),
    "events:meeting_lock": R(OFFICIALS_POST_ONLY, OFFICIALS_DONE, pk="published", mid="meeting"),
    "events:door_list": R(OFFICIALS, SAME, pk="published"),
    "events:table_signs": R(OFFICIALS, SAME, pk="published"),
    "events:checkin": R(OFFICIALS, SAME, pk="published"),
    "events:checkin_participant": R(
        OFFICIALS_POST_ONLY, OFFICIALS_DONE, pk="published", rid="preg_a"
    ),
    "events:checkin_token": R(OFFICIALS, OFFICIALS_DONE, pk="published", token="checkin_token"),
    "events:live": R(OFFICIALS, SAME, pk="published"),
    "events:meeting_add_on_site": R(
        OFFICIALS, OFFICIALS_INVALID, pk="published", slot="free_slot", table="free_table"
    ),
    "events:meeting_mark": R(OFFICIALS_POST_ONLY, OFFICIALS_DONE, pk="published", mid="meeting"),
    "events:badges": R(OFFICIALS, SAME, pk="published"),
    # --- Deals ------------------------------------------------------------------------------
    "deals:board": R(OFFICIALS, SAME),
    "deals:mine": R("login 302 302 302 302", SAME),
    "deals:organization": R("login 200 403 403 200", SAME, org="org_a"),
    "deals:start": R(LOGIN_THEN_POST_ONLY, "login 302 404 404 302", mid="meeting"),
    "deals:edit": R("login 200 404 404 200", "login 400 404 404 400", pk="deal"),
    "deals:move": R(LOGIN_THEN_POST_ONLY, "login 302 404 404 302", pk="deal"),
    # --- Reports and audit ------------------------------------------------------------------
    "reports:index": R(OFFICIALS, SAME),
    "reports:export_xlsx": R(OFFICIALS, SAME),
    "reports:export_csv": R(OFFICIALS, SAME),
    "audit:list": R(OFFICIALS, SAME),
}

ADMIN_POST = "admin-login admin-login admin-login admin-login -"

# What officials may do in the admin, per model ("app_label.model_name", or "app_label.*").
ADMIN_OFFICIALS: dict[str, set[str]] = {
    "partners.*": {"view", "add", "change", "delete"},
    "matchmaking.*": {"view", "add", "change", "delete"},
    "events.*": {"view", "add", "change", "delete"},
    "accounts.user": {"view", "change"},
    "auth.group": set(),
    "audit.auditentry": set(),
    "axes.*": set(),
}

# The admin site's own pages. Officials' POSTs are not sent ("-").
ADMIN_SITE: dict[str, R] = {
    "admin:index": R("admin-login admin-login admin-login admin-login 200", ADMIN_POST),
    "admin:login": R("200 200 200 200 302", "200 200 200 200 -"),
    # Logging out of the admin when not logged in to it just goes to its index.
    "admin:logout": R("302 302 302 302 405", "302 302 302 302 -"),
    "admin:password_change": R("admin-login admin-login admin-login admin-login 200", ADMIN_POST),
    "admin:password_change_done": R(
        "admin-login admin-login admin-login admin-login 200", ADMIN_POST
    ),
    "admin:autocomplete": R("admin-login admin-login admin-login admin-login 403", ADMIN_POST),
    "admin:jsi18n": R("admin-login admin-login admin-login admin-login 200", ADMIN_POST),
    "admin:view_on_site": R("admin-login admin-login admin-login admin-login 302", ADMIN_POST),
    "admin:app_list": R("admin-login admin-login admin-login admin-login 200", ADMIN_POST),
    "admin/(?P<url>.*)$": R("admin-login admin-login admin-login admin-login 404", ADMIN_POST),
}
