"""core.http.file_response: an upload as the response, its type named or read from its name."""

import pytest
from django.core.files.base import ContentFile
from django.http import Http404

from core.http import file_response
from tests.factories import make_senator

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_type_read_from_the_name_and_never_sniffed():
    senator = make_senator()
    senator.photo.save("curie.png", ContentFile(b"not really a png"))
    response = file_response(senator.photo)
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"not really a png"
    assert "attachment" not in response.get("Content-Disposition", "")


def test_an_unknown_extension_is_served_as_bytes():
    senator = make_senator()
    senator.photo.save("curie.weird", ContentFile(b"x"))
    assert file_response(senator.photo)["Content-Type"] == "application/octet-stream"


def test_given_type_and_attachment_name():
    senator = make_senator()
    senator.photo.save("curie.png", ContentFile(b"%PDF"))
    response = file_response(
        senator.photo, content_type="application/pdf", as_attachment=True, filename="r.pdf"
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="r.pdf"'


def test_a_file_the_storage_lost_is_404():
    senator = make_senator()
    senator.photo.save("curie.png", ContentFile(b"x"))
    senator.photo.storage.delete(senator.photo.name)
    with pytest.raises(Http404):
        file_response(senator.photo)
