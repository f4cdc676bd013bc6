"""Reading what a download gives: the CSV exports as a spreadsheet would."""

import csv
import io


def read_csv(response):
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    raw = b"".join(response.streaming_content)
    assert raw.startswith("\ufeff".encode())  # the BOM: Excel reads UTF-8
    text = raw.decode("utf-8-sig")
    # A French page's file has semicolons, an English page's commas.
    delimiter = "," if response["Content-Language"] == "en" else ";"
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
