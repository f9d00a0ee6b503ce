"""Validate custom resources against the JSON Schemas scripts/infra/crds-fetch made from their CRDs.

    python validate.py SCHEMA_DIR FILE|-  [FILE...]

Reads multi-document YAML. For each document prints one JSON line:
  {"index": n, "apiVersion", "kind", "name", "status": "valid"|"invalid"|"no-schema", "errors": [...]}
"no-schema": a kind this directory has no schema for (built-in Kubernetes kinds, or a custom
resource of an unknown group/version: the caller decides which is acceptable).
Exit status 1 when any document is invalid. Needs PyYAML and jsonschema (the kubernetes-validate
venv has both).
"""
import json
import os
import sys

import jsonschema
import yaml

# PyYAML (YAML 1.1) reads a bare `=` as the obsolete !!value tag; Kubernetes (YAML 1.2) as a string.
yaml.SafeLoader.add_constructor("tag:yaml.org,2002:value", yaml.SafeLoader.construct_yaml_str)


def load(paths):
    for path in paths:
        text = sys.stdin.read() if path == "-" else open(path).read()
        for doc in yaml.safe_load_all(text):
            if doc:
                yield doc


def main(schema_dir, paths):
    cache = {}
    bad = 0
    for index, doc in enumerate(load(paths)):
        api_version, kind = doc.get("apiVersion", ""), doc.get("kind", "")
        group, _, version = api_version.rpartition("/")
        path = os.path.join(schema_dir, group, version, f"{kind}.json") if group else None
        result = {"index": index, "apiVersion": api_version, "kind": kind,
                  "name": (doc.get("metadata") or {}).get("name")}
        if not path or not os.path.exists(path):
            result["status"] = "no-schema"
        else:
            if path not in cache:
                with open(path) as f:
                    cache[path] = jsonschema.Draft202012Validator(json.load(f))
            errors = sorted(cache[path].iter_errors(doc), key=lambda e: list(e.absolute_path))
            result["status"] = "invalid" if errors else "valid"
            result["errors"] = [f"{'.'.join(str(p) for p in e.absolute_path) or '(root)'}: {e.message[:300]}"
                                for e in errors]
            bad += bool(errors)
        print(json.dumps(result))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
