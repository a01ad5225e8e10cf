from django.urls import path

from matchmaking.views import imports, matches, needs, offers, review

app_name = "matchmaking"

urlpatterns = [
    path("offers/", offers.offer_list, name="offer_list"),
    path("offers/mine/", offers.my_offers, name="my_offers"),
    path("offers/new/", offers.offer_create, name="offer_create"),
    path("offers/import/", imports.offer_import, name="offer_import"),
    path(
        "offers/import/template.xlsx",
        imports.offer_import_template_xlsx,
        name="offer_import_template_xlsx",
    ),
    path(
        "offers/import/template.csv",
        imports.offer_import_template_csv,
        name="offer_import_template_csv",
    ),
    path("offers/import/<str:token>/", imports.offer_import_preview, name="offer_import_preview"),
    path("offers/<str:reference>/", offers.offer_detail, name="offer_detail"),
    path("offers/<str:reference>/brochure/", offers.offer_brochure, name="offer_brochure"),
    path("offers/<str:reference>/edit/", offers.offer_edit, name="offer_edit"),
    path("offers/<str:reference>/submit/", offers.offer_submit, name="offer_submit"),
    path("offers/<str:reference>/archive/", offers.offer_archive, name="offer_archive"),
    path("needs/", needs.need_list, name="need_list"),
    path("needs/mine/", needs.my_needs, name="my_needs"),
    path("needs/new/", needs.need_create, name="need_create"),
    path("needs/<str:reference>/", needs.need_detail, name="need_detail"),
    path("needs/<str:reference>/edit/", needs.need_edit, name="need_edit"),
    path("needs/<str:reference>/publish/", needs.need_publish, name="need_publish"),
    path("needs/<str:reference>/archive/", needs.need_archive, name="need_archive"),
    path("review/", review.review, name="review"),
    path(
        "review/<str:kind>/<str:reference>/approve/", review.review_approve, name="review_approve"
    ),
    path("review/<str:kind>/<str:reference>/return/", review.review_return, name="review_return"),
    path("matches/", matches.match_list, name="match_list"),
    path("matches/recompute/", matches.recompute, name="recompute"),
    path("matches/runs/<int:pk>/", matches.run_progress, name="run_progress"),
]
