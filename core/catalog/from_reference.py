#!/usr/bin/env python3
"""Regenerate core/catalog/gpus.json from the reference catalog (../shared/reference/mig-catalog.json).

The repository's gpus.json is the source of truth that the native and the wasm builds embed; this script
records how it was made. It keeps every number with its confidence and its source, drops nothing it does
not understand silently (unknown values stay null), and adds the facts the reference states only in prose:
per-model minimum drivers, per-profile minimum drivers, the A100 4g+3g driver rule and the early GB200
board revision (GB200-189GB, inferred).

Usage: python3 core/catalog/from_reference.py ../shared/reference/mig-catalog.json > core/catalog/gpus.json
"""
import json
import re
import sys

RANK = ["unknown", "inferred", "third-party", "nvidia-doc", "nvidia-code", "real-hardware-output"]
UG_V620 = "NVIDIA MIG User Guide v620 'Deployment Considerations' (minimum driver per GPU)"
UG_PROFILES = "NVIDIA MIG User Guide 'Supported MIG Profiles' and 'Concepts' (driver availability notes)"

# Minimum driver branch per model: (branch, confidence, note). From the reference's min_driver table.
MIN_DRIVER = {
    "A30-24GB": (460, "nvidia-doc", "A30: R460 (>=460.73.01)"),
    "A100-40GB": (450, "nvidia-doc", "A100: R450 (>=450.80.02)"),
    "A100-80GB": (450, "nvidia-doc", "A100: R450 (>=450.80.02)"),
    "H100-SXM5-80GB": (525, "nvidia-doc", "H100: R525 (>=525.85.12)"),
    "H100-PCIe-80GB": (525, "nvidia-doc", "H100: R525 (>=525.85.12)"),
    "H100-NVL-94GB": (525, "nvidia-doc", "H100: R525 (>=525.85.12)"),
    "GH200-96GB": (525, "inferred", "the UG lists H100 (R525); GH200 96GB is the same Hopper die"),
    "H20-96GB": (535, "nvidia-doc", "H20: R535 (>=535.161.07)"),
    "H200-SXM-141GB": (550, "nvidia-doc", "H200: R550 (>=550.90.07)"),
    "H200-NVL-141GB": (550, "nvidia-doc", "H200: R550 (>=550.90.07)"),
    "GH200-144GB": (550, "inferred", "the UG lists H200 (R550); GH200 144G carries the same HBM3e memory"),
    "B200-180GB": (570, "nvidia-doc", "B200/GB200: R570 (>=570.133.20)"),
    "GB200-186GB": (570, "nvidia-doc", "B200/GB200: R570 (>=570.133.20)"),
    "GB200-189GB": (570, "nvidia-doc", "B200/GB200: R570 (>=570.133.20)"),
    "B300-288GB": (580, "nvidia-doc", "B300: R580 (>=580.82.07)"),
    "GB300-279GB": (595, "inferred", "the UG names GB300 DGX Station: R595 (>=595.58.03); assumed for the GB300"),
    "RTX-PRO-6000-96GB": (575, "nvidia-doc", "RTX PRO 6000: R575 (>=575.51.03)"),
    "RTX-PRO-5000-48GB": (575, "nvidia-doc", "RTX PRO 5000: R575 (>=575.57.08)"),
    "RTX-PRO-4500-32GB": (575, "nvidia-doc", "RTX PRO 4500: R575 (>=575.64)"),
}

# Profiles that need a newer driver than their model (reference section 4, item 7, and the per-GPU notes).
PROFILE_MIN_DRIVER = {
    ("A30-24GB", "1g.6gb+me"): 470,
    ("A30-24GB", "2g.12gb+me"): 525,
    ("A100-40GB", "1g.5gb+me"): 470,
    ("A100-40GB", "1g.10gb"): 525,
    ("A100-80GB", "1g.10gb+me"): 470,
    ("A100-80GB", "1g.20gb"): 525,
}

COMBINATION_RULES = {
    "A100-40GB": [{"together": ["4g.20gb", "3g.20gb"], "min_driver": 510,
                   "source": "NVIDIA MIG User Guide 'Concepts': the 4g.20gb + 3g.20gb combination is supported since R510",
                   "confidence": "nvidia-doc"}],
    "A100-80GB": [{"together": ["4g.40gb", "3g.40gb"], "min_driver": 510,
                   "source": "NVIDIA MIG User Guide 'Concepts': the 4-memory/4-compute + 4-memory/3-compute combination is supported since R510",
                   "confidence": "nvidia-doc"}],
}


def family(arch):
    for name in ("Blackwell Ultra", "Blackwell", "Hopper", "Ampere"):
        if arch.startswith(name):
            return name
    return arch.split()[0]


def clean_pci(raw):
    m = re.match(r"\s*(0x[0-9A-Fa-f]{4})", raw)
    return "0x" + m.group(1)[2:].upper()


def clean_name(raw):
    name = re.sub(r"\s*\([^)]*\)\s*$", "", raw).strip()
    return name


class Sources:
    def __init__(self):
        self.items = []

    def ref(self, text):
        if not text:
            return None
        if text not in self.items:
            self.items.append(text)
        return self.items.index(text)


def weakest(confs):
    confs = [c for c in confs if c]
    return min(confs, key=RANK.index) if confs else "unknown"


def val(obj):
    return obj.get("value") if isinstance(obj, dict) else obj


def conf(obj):
    if not isinstance(obj, dict):
        return "unknown"
    return obj.get("confidence", "unknown") if obj.get("value") is not None else "unknown"


def convert_profile(model_key, p, src):
    fields = ["gi_profile_id", "instances_total", "memory_gib_printed", "memory_mib", "sm",
              "dec", "enc", "jpeg", "ofa", "ce", "placements", "compute_slices"]
    used = sorted({src.ref(p[f].get("source")) for f in fields if isinstance(p.get(f), dict)} - {None})
    pl = p["placements"]
    out = {
        "name": p["name"],
        "id": val(p["gi_profile_id"]),
        "compute_slices": val(p["compute_slices"]),
        "instances": val(p["instances_total"]),
        "memory_mib": val(p["memory_mib"]),
        "memory_gib": val(p["memory_gib_printed"]),
        "sm": val(p["sm"]),
        "dec": val(p["dec"]), "enc": val(p["enc"]), "jpeg": val(p["jpeg"]), "ofa": val(p["ofa"]), "ce": val(p["ce"]),
        "placements": pl.get("value"),
        "min_driver": PROFILE_MIN_DRIVER.get((model_key, p["name"])),
        "confidence": {
            "id": conf(p["gi_profile_id"]),
            "instances": conf(p["instances_total"]),
            "memory": conf(p["memory_gib_printed"]),
            "sm": conf(p["sm"]),
            "engines": weakest([conf(p[e]) for e in ("dec", "enc", "jpeg", "ofa", "ce")]),
            "placements": conf(pl),
        },
        "sources": used,
    }
    if p.get("notes"):
        out["notes"] = p["notes"]
    return out


def doc_profile(p, source):
    """A profile known only from NVIDIA's documentation table: no ID, memory, SMs or placements."""
    return {
        "name": p["name"], "id": None, "compute_slices": int(p["name"].split("g.")[0].split(".")[-1]),
        "instances": p["instances"], "memory_mib": None, "memory_gib": None, "sm": None,
        "dec": p.get("nvdec"), "enc": p.get("nvenc"), "jpeg": p.get("jpeg"), "ofa": p.get("ofa"), "ce": p.get("ce"),
        "placements": None, "min_driver": None,
        "confidence": {"id": "unknown", "instances": "nvidia-doc", "memory": "unknown", "sm": "unknown",
                       "engines": "nvidia-doc", "placements": "unknown"},
        "sources": [source],
        "notes": ["memory fraction " + p["mem_fraction"] + " (NVIDIA MIG User Guide table)"] if p.get("mem_fraction") else [],
    }


def convert_gpu(g):
    src = Sources()
    key = g["key"]
    profiles = [convert_profile(key, p, src) for p in g.get("profiles", [])]
    if not profiles and "profiles_doc_latest" in g:
        profiles = [doc_profile(p, src.ref(g["profiles_doc_latest"]["source"])) for p in g["profiles_doc_latest"]["value"]]
    md = MIN_DRIVER[key]
    out = {
        "key": key,
        "family": family(g["architecture"]),
        "architecture": g["architecture"],
        "names": [clean_name(n) for n in g["marketing_names"]],
        "pci_ids": [clean_pci(x) for x in g["pci_device_ids"]["value"]],
        "total_memory_mib": val(g["total_memory_mib"]),
        "die_sm": val(g["total_sm"]),
        "compute_slices": val(g["compute_slices"]),
        "memory_slices": val(g["memory_slices"]),
        "placement_units": val(g["placement_units"]),
        "max_instances": val(g["max_instances"]),
        "min_driver": md[0],
        "engine_totals": val(g.get("engine_totals")) or {"dec": None, "enc": None, "jpeg": None, "ofa": None, "ce": None},
        "confidence": {
            "pci_ids": conf(g["pci_device_ids"]),
            "total_memory_mib": conf(g["total_memory_mib"]),
            "die_sm": conf(g["total_sm"]),
            "placement_units": conf(g["placement_units"]),
            "engine_totals": conf(g.get("engine_totals", {})),
            "min_driver": md[1],
            "profiles": weakest([c for p in profiles for k, c in p["confidence"].items() if k != "placements"]) if profiles else "unknown",
            "placements": weakest([p["confidence"]["placements"] for p in profiles]) if profiles else "unknown",
        },
        "driver_rules": COMBINATION_RULES.get(key, []),
        "named_configs": val(g.get("mig_parted_named_configs")) or {},
        "profiles": profiles,
        "notes": list(g.get("notes", [])),
        "sources": None,
    }
    for f in ("pci_device_ids", "total_memory_mib", "total_sm", "placement_units", "engine_totals",
              "mig_parted_named_configs", "compute_slices", "memory_slices", "max_instances"):
        if isinstance(g.get(f), dict):
            src.ref(g[f].get("source"))
    out["min_driver_note"] = md[2] + " (" + UG_V620 + ")"
    for rule in out["driver_rules"]:
        src.ref(rule["source"])
    if any(p["min_driver"] for p in profiles):
        src.ref(UG_PROFILES)
    for c in g.get("constraints", []):
        out["notes"].append(c["value"] + " [" + c.get("confidence", "unknown") + "]")
    if isinstance(g.get("compute_instance_profiles"), dict):
        out["compute_instance_profiles"] = g["compute_instance_profiles"]["value"]
    if "profiles_doc_v580_superseded" in g:
        sup = g["profiles_doc_v580_superseded"]
        out["notes"].append("Superseded 4-slice profile list (MIG UG v580): " + ", ".join(
            "%s x%d" % (p["name"], p["instances"]) for p in sup["value"]) + ". " + sup.get("note", ""))
        src.ref(sup["source"])
    out["sources"] = src.items
    return out


def gb200_early(production):
    """The early GB200 board (7g.189gb) as an inferred entry: profile names from the reference's GB200 notes,
    everything else copied from the production board where the placement pattern is shared, and unknown
    where the two boards may differ (memory, SMs)."""
    rename = {"1g.23gb": "1g.24gb", "1g.23gb+me": "1g.24gb+me", "1g.47gb": "1g.47gb", "2g.47gb": "2g.47gb",
              "3g.93gb": "3g.95gb", "4g.93gb": "4g.95gb", "7g.186gb": "7g.189gb"}
    e = json.loads(json.dumps(production))
    e["key"] = "GB200-189GB"
    e["total_memory_mib"] = None
    e["die_sm"] = None
    note = ("Early (pre-production) GB200 board revision. Profile names from NVIDIA/gpu-operator PR #1303 "
            "(Mar 2025) as summarised in the reference's GB200 notes; IDs, counts, engines and placements "
            "assumed equal to the production board (inferred).")
    e["notes"] = [note, "1g.24gb printed 20.00 GiB on this board (reference GB200 notes)."]
    e["sources"] = ["NVIDIA/gpu-operator PR #1303 (via the reference catalog's GB200 notes)",
                    "inferred from GB200-186GB (production board) in this catalog"]
    for k in e["confidence"]:
        if e["confidence"][k] not in ("unknown",):
            e["confidence"][k] = "inferred"
    e["confidence"]["total_memory_mib"] = "unknown"
    e["confidence"]["die_sm"] = "unknown"
    e["confidence"]["min_driver"] = "inferred"
    e["named_configs"] = {
        "all-1g.24gb": {"1g.24gb": 4}, "all-1g.24gb.me": {"1g.24gb+me": 1}, "all-1g.47gb": {"1g.47gb": 4},
        "all-2g.47gb": {"2g.47gb": 3}, "all-3g.95gb": {"3g.95gb": 2}, "all-4g.95gb": {"4g.95gb": 1},
        "all-7g.189gb": {"7g.189gb": 1},
    }
    for p in e["profiles"]:
        p["name"] = rename[p["name"]]
        p["memory_mib"] = None
        p["memory_gib"] = 20.0 if p["name"] == "1g.24gb" else None
        p["sm"] = None
        p["sources"] = [1]
        p.pop("notes", None)
        for k in p["confidence"]:
            if p["confidence"][k] != "unknown":
                p["confidence"][k] = "inferred"
        p["confidence"]["memory"] = "real-hardware-output" if p["name"] == "1g.24gb" else "unknown"
        if p["name"] == "1g.24gb":
            p["sources"] = [0]
        p["confidence"]["sm"] = "unknown"
    return e


def main():
    ref = json.load(open(sys.argv[1]))
    gpus = [convert_gpu(g) for g in ref["gpus"]]
    prod = next(g for g in gpus if g["key"] == "GB200-186GB")
    gpus.insert(gpus.index(prod) + 1, gb200_early(prod))
    out = {
        "catalog_version": "2026-11-25",
        "about": "MIG GPU catalog for migcalc. Every number carries a confidence (real-hardware-output, nvidia-code, "
                 "nvidia-doc, third-party, inferred, unknown) and sources (indices into the model's sources list). "
                 "null means unknown. Placements are '{starts}:size' as nvidia-smi mig -lgipp prints them.",
        "reference": "../shared/reference/mig-catalog.json (" + ref["title"] + ")",
        "gpus": gpus,
    }
    json.dump(out, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
