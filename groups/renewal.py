"""« Renouveler le bureau »: the forms of the back office's renewal page (groups/admin.py).

The writes are ``groups.services.group_renew_bureau``; these forms only collect the date,
who stays and each one's new function.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Membership


class RenewalDateForm(forms.Form):
    on = forms.DateField(
        label=_("Renewal date"),
        help_text=_("The new terms start on this day; the current ones end the day before."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def day(self):
        """The chosen day, or today when none (or a wrong one) was given."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["on"]
        return timezone.localdate()


class RenewalRowForm(forms.Form):
    membership = forms.IntegerField(widget=forms.HiddenInput)
    stays = forms.BooleanField(label=_("Stays"), required=False)
    role = forms.ChoiceField(label=_("New function"), choices=Membership.Role.choices)
    rank = forms.IntegerField(label=_("election rank"), required=False, min_value=1)
    country = forms.ModelChoiceField(label=_("country"), queryset=None, required=False)

    def __init__(self, *args, countries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = countries
        # Each control is named by its column and its row (the senator), as a screen
        # reader reads the table: « Reste — Dupont » (templates/…/renew.html has the ids).
        for name in ("stays", "role", "rank", "country"):
            labelled_by = f"renewal-{name} {self.prefix}-senator"
            self.fields[name].widget.attrs["aria-labelledby"] = labelled_by

    def clean(self):
        data = super().clean()
        if data.get("role") == Membership.Role.DELEGATE_PRESIDENT and not data.get("country"):
            self.add_error("country", _("A delegate president needs the country they follow."))
        return data


class BaseRenewalFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        stays = [f.cleaned_data for f in self.forms if f.cleaned_data.get("stays")]
        presidents = [d for d in stays if d["role"] == Membership.Role.PRESIDENT]
        if len(presidents) > 1:
            raise forms.ValidationError(_("A group has one president."))
        delegates = [d["country"] for d in stays if d["role"] == Membership.Role.DELEGATE_PRESIDENT]
        if len(delegates) != len(set(delegates)):
            raise forms.ValidationError(_("A country has one delegate president in a group."))


RenewalFormSet = forms.formset_factory(RenewalRowForm, formset=BaseRenewalFormSet, extra=0)
