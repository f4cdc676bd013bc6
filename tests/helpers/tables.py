"""Test data written as tables: one header, then a row of values a line."""


def records(header, *values):
    """[{column: value}] of ``values`` under ``header``; a None leaves its column out of that
    record, as a source leaves out a field it does not know."""
    return [
        {column: value for column, value in zip(header, row, strict=True) if value is not None}
        for row in values
    ]
