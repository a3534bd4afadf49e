#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Validates JSON files against ntm's JSON Schemas.

usage: validate_json.py SCHEMA_DIR SCHEMA_NAME FILE [FILE ...]
   or: validate_json.py SCHEMA_DIR SCHEMA_NAME -    (one document on standard input)
A .jsonl or .ndjson file holds one document a line (blank lines skipped), each validated.
Exit 0 when every document is valid; 1 with the errors otherwise.
"""
import json
import pathlib
import sys

import jsonschema


def main() -> int:
    schema_dir = pathlib.Path(sys.argv[1])
    store = {}
    for path in schema_dir.glob("*.schema.json"):
        doc = json.loads(path.read_text(encoding="utf-8"))
        store[doc.get("$id", path.name)] = doc
        store[path.name] = doc
    schema = json.loads((schema_dir / sys.argv[2]).read_text(encoding="utf-8"))
    resolver = jsonschema.RefResolver(base_uri=schema.get("$id", ""), referrer=schema, store=store)
    validator = jsonschema.Draft7Validator(schema, resolver=resolver)
    failed = False
    for name in sys.argv[3:]:
        text = sys.stdin.read() if name == "-" else pathlib.Path(name).read_text(encoding="utf-8")
        if name.endswith((".jsonl", ".ndjson")):
            documents = [(f"{name}:{k}", line) for k, line in enumerate(text.splitlines(), 1) if line.strip()]
        else:
            documents = [(name, text)]
        bad = 0
        for where, doc in documents:
            errors = sorted(validator.iter_errors(json.loads(doc)), key=lambda e: list(e.absolute_path))
            bad += bool(errors)
            for e in errors:
                print(f"{where}: /{'/'.join(str(p) for p in e.absolute_path)}: {e.message}")
        failed = failed or bad > 0
        if not bad:
            print(f"{name}: valid against {sys.argv[2]}" + (f" ({len(documents)} lines)" if len(documents) > 1 else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
