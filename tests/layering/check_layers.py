#!/usr/bin/env python3
"""The layer rule of docs/architecture.md as a test: core never includes Qt, ui never includes
LibTorch (torch/, ATen/, c10/), and a core layer includes only itself and the layers below it (the
DEPS of core/CMakeLists.txt, closed transitively). Prints every violation as FILE:LINE: reason and
exits 1 if there is any.

    check_layers.py SOURCE_DIR
"""
import pathlib
import re
import sys

BELOW = {
    "runtime": set(),
    "media": {"runtime"},
    "library": {"media"},
    "demo": {"library"},
    "sampling": {"library"},
    "data": {"sampling"},
    "model": {"runtime"},
    "train": {"data", "model"},
    "eval": {"train"},
    "experiments": {"eval"},
}


def allowed(layer):
    seen, todo = {layer}, [layer]
    while todo:
        for dep in BELOW[todo.pop()]:
            if dep not in seen:
                seen.add(dep)
                todo.append(dep)
    return seen


INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]')
QT = re.compile(r'^(Q[A-Za-z0-9]+|Qt[A-Za-z0-9]*/.*|q[a-z]+\.h)$')
TORCH = re.compile(r'^(torch|ATen|c10)/')


def main(root):
    root = pathlib.Path(root)
    problems = []
    sources = [p for p in root.glob("core/**/*") if p.suffix in (".h", ".cpp")]
    sources += [p for p in root.glob("ui/**/*") if p.suffix in (".h", ".cpp")]
    for path in sorted(sources):
        rel = path.relative_to(root)
        in_core = rel.parts[0] == "core"
        layer = rel.parts[1] if in_core and len(rel.parts) > 2 else None
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            header = m.group(1)
            if in_core and QT.match(header):
                problems.append(f"{rel}:{number}: core includes the Qt header <{header}>")
            if not in_core and TORCH.match(header):
                problems.append(f"{rel}:{number}: ui includes the LibTorch header <{header}>")
            if layer in BELOW:
                target = header.split("/")[0]
                if target in BELOW and "/" in header and target not in allowed(layer):
                    problems.append(f"{rel}:{number}: core/{layer} includes {header} from the higher or "
                                    f"unrelated layer core/{target}")
    for p in problems:
        print(p)
    print(f"{len(sources)} files checked, {len(problems)} layer violations")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "."))
