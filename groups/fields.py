"""Kept so that old migrations importing ``groups.fields.HTMLField`` keep working.

The field lives in core/fields.py; new code imports it from there.
"""

from core.fields import HTMLField  # noqa: F401
