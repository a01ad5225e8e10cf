"""Number and date formats per language (``FORMAT_MODULE_PATH``), over Django's own.

Django's Vietnamese formats set the separators but no grouping, so 120000000 printed as
"120000000"; these modules complete them. Only what differs from Django is defined here.
"""
