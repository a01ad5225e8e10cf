"""Thin serializers: they shape and validate input and output; the services do the work."""
