"""The front matter apiref writes, read back: PyYAML when the Python has it, else a reader of
the subset apiref writes (key: JSON value, one nested mapping, "- " lists), so that the host
tests need nothing beyond the standard library."""
import json

try:
    import yaml as _yaml
except ImportError:  # pragma: no cover - depends on the machine
    _yaml = None


def _scalar(text):
    text = text.strip()
    if text == "":
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def safe_load(text):
    if _yaml is not None:
        return _yaml.safe_load(text)
    out, current, key = {}, None, None
    for line in text.splitlines():
        if not line.strip():
            continue
        if line.startswith("  - ") and key is not None:
            if not isinstance(out.get(key), list):
                out[key], current = [], None
            out[key].append(_scalar(line[4:]))
            continue
        if line.startswith("  ") and current is not None:
            k, _, v = line.strip().partition(": ")
            current[k.strip('"')] = _scalar(v)
            continue
        k, _, v = line.partition(":")
        k = _scalar(k) if k.startswith('"') else k
        if v.strip() == "":
            out[k] = current = {}
            key = k
        else:
            out[k] = _scalar(v)
            current, key = None, None
    for k, v in list(out.items()):
        if v == {} and isinstance(v, dict):
            out[k] = None
    return out
