class CountryCodeConverter:
    """An ISO 3166-1 alpha-2 code as it appears in URLs: two lower-case ASCII letters.

    Anything else (capitals, a NUL byte PostgreSQL would refuse, a long string) does
    not match the URL pattern, so it is a plain 404 before any view runs.
    """

    regex = "[a-z]{2}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value.lower()
