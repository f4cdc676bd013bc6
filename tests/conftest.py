import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in French, the site's default, whatever the last one activated."""
    with translation.override("fr"):
        yield
