"""Runs the Nu Html Checker once over many documents (its JVM takes seconds to start)."""

import json
import subprocess
import tempfile
from pathlib import Path


def check(java, jar, documents):
    """{key: html bytes} in, {key: [vnu error messages]} out."""
    with tempfile.TemporaryDirectory(prefix="outlet-vnu-") as folder:
        names = {}
        for number, (key, html) in enumerate(documents.items()):
            path = Path(folder) / f"document-{number:03}.html"
            path.write_bytes(html)
            names[path.name] = key
        command = [java, "-jar", jar, "--format", "json", "--stdout", "--exit-zero-always"]
        run = subprocess.run(
            [*command, *sorted(Path(folder).iterdir())], capture_output=True, timeout=300
        )
    if run.returncode:
        raise RuntimeError(f"vnu failed ({run.returncode}): {run.stderr.decode()[-2000:]}")
    errors = {key: [] for key in documents}
    for message in json.loads(run.stdout)["messages"]:
        if message["type"] == "info":  # notes and warnings; "error" and "non-document-error" fail
            continue
        key = names.get(message.get("url", "").rsplit("/", 1)[-1])
        if key is None:
            raise RuntimeError(f"vnu could not check the documents: {message['message']}")
        errors[key].append(message)
    return errors


def describe(message):
    """One line a person can act on: where, what, and the markup around it."""
    extract = " ".join(message.get("extract", "").split())
    return f"line {message.get('lastLine', '?')}: {message['message']}  ⟨{extract}⟩"
