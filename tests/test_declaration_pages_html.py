"""The declaration pages in every state, and their back-office pages, are valid HTML
(Nu validator): the form with its errors and its choices, the pages after it, the
dashboard's « À valider » and a declaration's change form with its duplicates."""

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse
from django.utils import translation

from cooperation.models import Declaration
from tests.admin_helpers import login_verified
from tests.factories import make_agreement
from tests.factories import make_foreign_authority
from tests.helpers.html import validate
from tests.test_cooperation_declarations import PARTNER
from tests.test_cooperation_declarations import confirmation_link
from tests.test_cooperation_declarations import form_data
from tests.test_cooperation_declarations import germany  # noqa: F401  (fixture)
from tests.test_cooperation_declarations import st_etienne  # noqa: F401  (fixture)


@pytest.mark.django_db
def test_declaration_pages_are_valid_html(client, st_etienne, germany, tmp_path):  # noqa: F811
    from cooperation.models import Department
    from tests.factories import make_local_authority

    make_local_authority(
        name="Saint-Étienne-le-Molard",
        insee_code="42225",
        department=Department.objects.get(code="42"),
    )
    pages = []
    for lang in ("fr", "en"):
        with translation.override(lang):
            declare = reverse("cooperation:declare")
            bad_token = reverse("cooperation:declare-confirm", kwargs={"token": "x"})
        # The form with errors, and the choice of authorities shown without JavaScript.
        pages.append(client.post(declare, form_data(germany, authority="etienne", link="")))
        pages.append(client.post(declare, form_data(germany, website="spam")))  # honeypot
        response = client.post(declare, form_data(germany, declarant_email=f"{lang}@x.fr"))
        assert response.status_code == 302
        pages.append(client.get(confirmation_link(mail.outbox[-1])))
        pages.append(client.get(bad_token))
    assert [p.status_code for p in pages] == [400, 400, 200, 400] * 2
    assert 'name="authority_choice"' in pages[0].text

    make_agreement(
        french=[st_etienne],
        foreign=[make_foreign_authority(name_fr=PARTNER, country=germany)],
    )
    declaration = Declaration.objects.filter(status=Declaration.Status.CONFIRMED).first()
    user = User.objects.create_superuser("drip", "drip@example.org", None)
    login_verified(client, user)
    for lang in ("fr", "en"):
        for url in ["/admin/", f"/admin/cooperation/declaration/{declaration.pk}/change/"]:
            response = client.get(url, HTTP_ACCEPT_LANGUAGE=lang)
            assert response.status_code == 200
            pages.append(response)
    assert "À valider" in pages[-4].text
    files = []
    for i, response in enumerate(pages):
        path = tmp_path / f"page-{i:02d}.html"
        path.write_bytes(response.content)
        files.append(path)
    errors = validate(files)
    assert errors == [], "\n".join(f"{name}:{line}: {message}" for name, line, message in errors)
