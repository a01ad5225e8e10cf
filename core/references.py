"""Short public reference codes such as ``OF-26-7K3Q9`` for offers and needs."""

import secrets

from django.utils import timezone

# Crockford's base32 without I, L, O, U: nothing to misread when a code is said on the phone.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def make_reference(prefix: str) -> str:
    code = "".join(secrets.choice(_ALPHABET) for _ in range(6))
    return f"{prefix}-{timezone.now():%y}-{code}"


def new_offer_reference() -> str:
    return make_reference("OF")


def new_need_reference() -> str:
    return make_reference("NE")
