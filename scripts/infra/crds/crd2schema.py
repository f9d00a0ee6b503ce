"""Convert CustomResourceDefinitions into strict JSON Schemas (used by scripts/infra/crds-fetch).

    python crd2schema.py OUT_DIR CRD.yaml...

Writes OUT_DIR/<group>/<version>/<kind>.json for every served version of every CRD. The result is
what the API server would accept for a create with strict field validation, as far as a JSON
Schema can say it:
  * objects with `properties` reject unknown fields (the API server prunes or, with
    --validate=strict, rejects them), unless `x-kubernetes-preserve-unknown-fields` is set;
  * `nullable: true` admits null, `x-kubernetes-int-or-string` admits an integer or a string;
  * OpenAPI 3.0 boolean exclusiveMinimum/exclusiveMaximum become JSON Schema numbers;
  * apiVersion and kind must be this CRD's, metadata must look like ObjectMeta (name, namespace,
    labels and annotations as string maps, ...).
Not checked: CEL rules (`x-kubernetes-validations`), `format`s, list-type/map-type uniqueness.
Needs PyYAML (present in the kubernetes-validate venv).
"""
import json
import os
import sys

import yaml

# PyYAML (YAML 1.1) reads a bare `=` as the obsolete !!value tag; Kubernetes (YAML 1.2) as a string.
yaml.SafeLoader.add_constructor("tag:yaml.org,2002:value", yaml.SafeLoader.construct_yaml_str)

COPIED = (
    "enum", "pattern", "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems",
    "uniqueItems", "minProperties", "maxProperties", "multipleOf", "required",
)

STRING_MAP = {"type": "object", "additionalProperties": {"type": "string"}}
OBJECT_META = {
    "type": "object",
    "properties": {
        "name": {"type": "string", "pattern": "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", "maxLength": 253},
        "generateName": {"type": "string"},
        "namespace": {"type": "string"},
        "labels": STRING_MAP,
        "annotations": STRING_MAP,
        "finalizers": {"type": "array", "items": {"type": "string"}},
        "ownerReferences": {"type": "array", "items": {"type": "object"}},
    },
    "additionalProperties": False,
}


def convert(node):
    if not isinstance(node, dict):
        return node
    out = {}
    preserve = node.get("x-kubernetes-preserve-unknown-fields") is True
    for key in COPIED:
        if key in node:
            out[key] = node[key]
    if node.get("exclusiveMinimum") is True and "minimum" in node:
        out["exclusiveMinimum"] = out.pop("minimum")
    if node.get("exclusiveMaximum") is True and "maximum" in node:
        out["exclusiveMaximum"] = out.pop("maximum")
    if "properties" in node:
        out["properties"] = {k: convert(v) for k, v in node["properties"].items()}
    if "items" in node:
        out["items"] = convert(node["items"])
    if "additionalProperties" in node:
        ap = node["additionalProperties"]
        out["additionalProperties"] = ap if isinstance(ap, bool) else convert(ap)
    elif node.get("type") == "object" and "properties" in node and not preserve:
        out["additionalProperties"] = False
    for key in ("anyOf", "oneOf", "allOf"):
        if key in node:
            # Structural schemas put only value validations under these: no additionalProperties.
            out[key] = [convert_partial(n) for n in node[key]]
    if "not" in node:
        out["not"] = convert_partial(node["not"])
    if node.get("x-kubernetes-int-or-string"):
        # Value validations (pattern, enum...) stay beside it: pattern applies to strings only.
        either = [{"type": "integer"}, {"type": "string"}]
        if "anyOf" in out:
            out["allOf"] = out.get("allOf", []) + [{"anyOf": either}]
        else:
            out["anyOf"] = either
    elif "type" in node:
        out["type"] = [node["type"], "null"] if node.get("nullable") else node["type"]
        if node.get("nullable") and "enum" in out:
            out["enum"] = list(out["enum"]) + [None]
    return out


def convert_partial(node):
    """A branch of anyOf/oneOf/allOf/not: value validations only, no pruning semantics."""
    if not isinstance(node, dict):
        return node
    out = {k: node[k] for k in COPIED if k in node}
    if "properties" in node:
        out["properties"] = {k: convert_partial(v) for k, v in node["properties"].items()}
    if "items" in node:
        out["items"] = convert_partial(node["items"])
    for key in ("anyOf", "oneOf", "allOf"):
        if key in node:
            out[key] = [convert_partial(n) for n in node[key]]
    if "not" in node:
        out["not"] = convert_partial(node["not"])
    if "type" in node:
        out["type"] = node["type"]
    return out


def main(out_dir, files):
    written = 0
    for path in files:
        with open(path) as f:
            for doc in yaml.safe_load_all(f):
                if not doc or doc.get("kind") != "CustomResourceDefinition":
                    continue
                spec = doc["spec"]
                group, kind = spec["group"], spec["names"]["kind"]
                for version in spec["versions"]:
                    if not version.get("served", True):
                        continue
                    root = version.get("schema", {}).get("openAPIV3Schema")
                    if root is None:
                        continue
                    schema = convert(root)
                    schema.setdefault("properties", {})
                    schema["properties"]["apiVersion"] = {"const": f"{group}/{version['name']}"}
                    schema["properties"]["kind"] = {"const": kind}
                    schema["properties"]["metadata"] = OBJECT_META
                    schema["required"] = sorted(set(schema.get("required", [])) | {"apiVersion", "kind", "metadata"})
                    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
                    schema["title"] = f"{kind} {group}/{version['name']} (from {os.path.basename(path)})"
                    target = os.path.join(out_dir, group, version["name"])
                    os.makedirs(target, exist_ok=True)
                    with open(os.path.join(target, f"{kind}.json"), "w") as out:
                        json.dump(schema, out, indent=1, sort_keys=True)
                    written += 1
    print(f"crd2schema: {written} schemas in {out_dir}", file=sys.stderr)
    if written == 0:
        sys.exit("crd2schema: no CustomResourceDefinition found")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
