"""The public form « Déclarer une coopération »."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from groups.models import Country
from reports.services import pdf_validate

from .models import Agreement
from .models import Declaration
from .models import LocalAuthority
from .models import name_spelling

MAX_CHOICES = 8
_TRAILING_CODE = re.compile(r"^(?P<name>.*?)\s*\((?P<code>[0-9AB]{2,9})\)\s*$")


def resolve_authority(text):
    """(authority, candidates): the one authority ``text`` names, else up to MAX_CHOICES
    that it could mean. « Saint-Étienne (42218) », what the suggestions fill in, names one
    by its code; a name typed without JavaScript does when it is the only one, or the only
    one spelt exactly so."""
    text = (text or "").strip()
    found = _TRAILING_CODE.match(text)
    if found:
        candidates = list(
            LocalAuthority.objects.filter(insee_code=found["code"]).select_related("department")
        )
        named = [a for a in candidates if a.name.lower() == found["name"].lower()]
        if len(named) == 1 or len(candidates) == 1:
            return (named or candidates)[0], []
        text = found["name"] or text
    candidates = list(
        LocalAuthority.objects.matching_name(text)
        .exclude(insee_code="")
        .select_related("department")
        .order_by("name", "insee_code")[: MAX_CHOICES + 1]
    )
    exact = [a for a in candidates if name_spelling(a.name) == name_spelling(text)]
    if len(candidates) == 1:
        return candidates[0], []
    if len(exact) == 1:
        return exact[0], []
    return None, candidates[:MAX_CHOICES]


class DeclarationForm(forms.ModelForm):
    authority = forms.CharField(
        label=_("French local authority"),
        max_length=250,
        help_text=_("Commune, intercommunality, département or région: type its name."),
        widget=forms.TextInput(
            attrs={"list": "authority-suggestions", "autocomplete": "off", "spellcheck": "false"}
        ),
    )
    partner_country = forms.ModelChoiceField(
        label=_("Partner's country"), queryset=Country.objects.none()
    )
    # The honeypot: hidden from people (CSS and aria-hidden), filled in by bots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = Declaration
        fields = [
            *Declaration.DECLARED_FIELDS,
            "declarant_name",
            "declarant_role",
            "declarant_email",
        ]
        widgets = {
            "signed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 5}),
            "pdf": forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
        }
        labels = {"pdf": _("Or a PDF (the agreement, 20 MB at most)")}

    field_order = ["authority"]

    # The page's fieldsets after the authority's (which has its suggestions and choices):
    # a legend and its fields, in the page's order.
    fieldsets = [
        (_("The foreign partner"), ["partner_name", "partner_country", "partner_kind"]),
        (
            _("The cooperation"),
            ["kind", "signed_on", "end_date", "themes", "description", "link", "pdf"],
        ),
        (_("You"), ["declarant_name", "declarant_role", "declarant_email"]),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built inside the request: the order follows the active language's names.
        self.fields["partner_country"].queryset = Country.objects.order_by("name")
        self.fields["kind"].choices = [(k.value, k.label) for k in Declaration.KINDS]
        self.fields["declarant_email"].help_text = _(
            "A link to confirm the declaration is sent there; it is valid for 48 hours."
        )
        self.fields["themes"].choices = Agreement.Theme.choices
        self.candidates = []

    def clean_authority(self):
        # Without JavaScript, an ambiguous name comes back with radio buttons to choose from.
        text = self.data.get("authority_choice") or self.cleaned_data["authority"]
        authority, self.candidates = resolve_authority(text)
        if authority is None:
            if self.candidates:
                raise forms.ValidationError(
                    _("Several authorities match: choose one of the suggestions below."),
                    code="ambiguous",
                )
            raise forms.ValidationError(
                _("No French local authority has this name."), code="unknown"
            )
        self.instance.authority = authority
        return authority.label

    def clean_pdf(self):
        pdf = self.cleaned_data.get("pdf")
        if pdf and hasattr(pdf, "content_type"):  # a new upload
            pdf_validate(pdf)
        return pdf

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("link") and not cleaned.get("pdf") and not self.errors:
            raise forms.ValidationError(
                _("Give a link to the agreement or upload it as a PDF."), code="no_source"
            )
        return cleaned

    def bound_fieldsets(self):
        """``fieldsets`` with the bound fields the template renders."""
        return [(legend, [self[name] for name in names]) for legend, names in self.fieldsets]

    @property
    def is_bot(self):
        return bool(self.data.get("website"))
