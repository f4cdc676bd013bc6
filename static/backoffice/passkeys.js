// The passkeys page (templates/admin/two_factor/passkeys.html): once django-otp-webauthn's
// front end has registered a passkey, reload so that the list shows it.
document.addEventListener("otp_webauthn.register_complete", () => {
  window.setTimeout(() => window.location.reload(), 800);
});
