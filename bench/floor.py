"""The floor: read every file okla-lint reads, compose YAML with libyaml, json.loads JSON.

    python bench/floor.py FILELIST

FILELIST holds one path per line. Nothing is interpreted or checked: this is the least work
any linter of these files must do, run as a whole process like the tools it is compared with.
"""
from __future__ import annotations

import json
import sys

import yaml


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as fh:
        paths = [line.rstrip("\n") for line in fh if line.strip()]
    for p in paths:
        try:
            with open(p, "rb") as fh:
                text = fh.read().decode("utf-8-sig", "replace")
            if p.lower().endswith(".json"):
                json.loads(text)
            else:
                for _ in yaml.compose_all(text, Loader=yaml.CSafeLoader):
                    pass
        except Exception:
            pass


if __name__ == "__main__":
    main()
