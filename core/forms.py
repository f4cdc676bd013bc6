"""Public forms: the few public pages that take a POST."""


def public_form(view):
    """Mark a public view that takes a POST (its form), which the public pages otherwise
    refuse with a 405 (senat_groups.security.ReadOnlyPublicPagesMiddleware). The CSRF
    check still applies."""
    view.takes_post = True
    return view
