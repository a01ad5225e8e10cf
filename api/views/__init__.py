"""The API's views: thin wrappers that read through the selectors and write through the
services of each app (the same functions the HTML views call)."""
