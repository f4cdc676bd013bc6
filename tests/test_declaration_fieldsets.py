"""The declaration form's page renders its fields from ``DeclarationForm.fieldsets``: each
field the form takes stands in exactly one of them (or in the authority's fieldset, or is
the honeypot), so that a field added to the form cannot be missing from the page."""

from cooperation.forms import DeclarationForm

OWN_MARKUP = ["authority", "website"]  # written out in the template, around their fieldsets


def test_every_field_of_the_declaration_form_is_in_one_fieldset():
    grouped = [name for _legend, names in DeclarationForm.fieldsets for name in names]
    assert sorted(grouped + OWN_MARKUP) == sorted(DeclarationForm.base_fields)
