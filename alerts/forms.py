from django import forms
from django.utils.translation import gettext_lazy as _


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    # The honeypot: hidden from people (CSS, aria-hidden), filled in by form-filling bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def is_bot(self):
        return bool(self.cleaned_data.get("website"))
