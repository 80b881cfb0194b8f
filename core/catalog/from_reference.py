#!/usr/bin/env python3
"""Regenerate core/catalog/gpus.json from the reference catalog (../shared/reference/mig-catalog.json).

The repository's gpus.json is the source of truth that the native and the wasm builds embed; this script
records how it was made. It keeps every number with its confidence and its source, drops nothing it does
not understand silently (unknown values stay null), and adds the facts the reference states only in prose:
per-model minimum drivers, per-profile minimum drivers, the A100 4g+3g driver rule, the early GB200
board revision (GB200-189GB, inferred), the H100 SXM5 94GB / 64GB and H20 141GB models (NVIDIA's vGPU
table, PCI IDs from NVIDIA's driver README and pci.ids), the DGX Station's GB300 ID and the RTX PRO 5000's
earlier layout as a driver variant (issue 11 item 5).

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
    "H100-SXM5-94GB": (525, "inferred", "the UG lists H100: R525 (>=525.85.12); assumed for the SXM5 94GB board"),
    "H100-SXM5-64GB": (525, "inferred", "the UG lists H100: R525 (>=525.85.12); assumed for the SXM5 64GB board"),
    "H20-141GB": (535, "inferred", "the UG lists H20: R535 (>=535.161.07); assumed for the 141GB H20-3e"),
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


# ---- Models the reference states in prose only (issue 11 item 5) ------------------------------------------------

VGPU_HOPPER = ("NVIDIA AI Enterprise vGPU Types Reference - 'Hopper Architecture vGPU Types' (MIG-backed vGPU tables "
               "list the GPU instance profile per board; public copy)")
PCI_IDS = "pciutils/pciids pci.ids (The PCI ID Repository, version 2026.08.22, commit c1c12547)"
DRIVER_README = ("NVIDIA/open-gpu-kernel-modules README.md 'Compatible GPUs' PCI-ID table (release 550.40.82)")
HOPPER_IDS = "inferred from Hopper pattern (19/20/15/14/9/5/0)"
NO_NVENC = "inferred: GH100 MIG profiles never expose NVENC (all Hopper -lgip rows show ENC 0)"
COMMON_PLACEMENTS = ("inferred: the common 8-unit pattern; identical on every 7-slice GPU whose -lgipp was seen "
                     "(A100-40GB, H100 SXM5, H100 PCIe, H100 NVL) (reference mig-hardware.md section 6)")
ENGINE_TOTALS = ("7g row of -lgip where visible (Hopper: DEC 7, JPEG 7, OFA 1, CE 8); otherwise inferred from the 1g "
                 "rows and the single +me instance")
UG_CONCEPTS = ("NVIDIA MIG User Guide 'Concepts' (memory slice = 1/8 of memory, SM slice = 1/7 of SMs; 4-mem/4-compute "
               "+ 4-mem/3-compute combination unsupported before R510)")
NAMED_RULE = ("NVIDIA/mig-parted config-default.yaml naming: all-<profile> = the profile at its Instances Total "
              "(reference mig-parted-format.md section 4); no device-filtered entry (all-balanced) names this GPU's "
              "PCI ID (mig-parted-format.md section 5)")
MEMORY_TOTALS = ("nvidia-smi 'Memory-Usage' totals pasted in public issues/notes (B200 183359, GB200 189471, H200/H200 "
                 "NVL/H20-3e 143771, H100 80GB 81559, H100 NVL 95830, RTX PRO 6000 97887, A800 80GB PCIe 81920 "
                 "(Project-HAMi/HAMi issue #1903), GH200 144G 146831)")
REFERENCE_PROSE = "reference mig-hardware.md section 2 'Extra notes per GPU' (H100 NVL, H200 NVL/H20 items)"

# (suffix, lgip ID, compute slices, placements, note) of the 7-slice Hopper pattern, in -lgip order.
HOPPER_PATTERN = [
    ("1g.{s}gb", 19, 1, "{0,1,2,3,4,5,6}:1", None),
    ("1g.{s}gb+me", 20, 1, "{0,1,2,3,4,5,6}:1", None),
    ("1g.{d}gb", 15, 1, "{0,2,4,6}:2",
     "double-memory 1g (NVML 1_SLICE_REV2): occupies 2 memory slices but 1 compute slice"),
    ("2g.{d}gb", 14, 2, "{0,2,4}:2", None),
    ("3g.{h}gb", 9, 3, "{0,4}:4", "occupies 4 memory slices but only 3 compute slices"),
    ("4g.{h}gb", 5, 4, "{0}:4", None),
    ("7g.{f}gb", 0, 7, "{0}:8", None),
]


def hopper_doc_model(key, names, pci_ids, pci_conf, pci_sources, total_mib, total_conf, total_source, gb, counts,
                     vgpu_table, notes):
    """A Hopper board known from NVIDIA's vGPU table (profile names and Instances Total) and PCI-ID lists only:
    written like H20-96GB. IDs and placements follow the common pattern (inferred); memory, SMs and engines that no
    source gives stay null (unknown)."""
    src = Sources()
    i_ids, i_doc, i_none, i_enc, i_place = (src.ref(HOPPER_IDS), src.ref(VGPU_HOPPER + ": " + vgpu_table),
                                            src.ref("not found"), src.ref(NO_NVENC), src.ref(COMMON_PLACEMENTS))
    profiles = []
    for (pattern, pid, slices, placements, note), count in zip(HOPPER_PATTERN, counts):
        p = {
            "name": pattern.format(**gb), "id": pid, "compute_slices": slices, "instances": count,
            "memory_mib": None, "memory_gib": None, "sm": None,
            "dec": None, "enc": 0, "jpeg": None, "ofa": None, "ce": None,
            "placements": placements, "min_driver": None,
            "confidence": {"id": "inferred", "instances": "nvidia-doc", "memory": "unknown", "sm": "unknown",
                           "engines": "unknown", "placements": "inferred"},
            "sources": [i_ids, i_doc, i_none, i_enc, i_place],
        }
        if note:
            p["notes"] = [note]
        profiles.append(p)
    for s in pci_sources:
        src.ref(s)
    if total_source:
        src.ref(total_source)
    src.ref(ENGINE_TOTALS)
    src.ref(UG_CONCEPTS)
    src.ref(NAMED_RULE)
    md = MIN_DRIVER[key]
    named = {allname(p["name"]): {p["name"]: p["instances"]} for p in profiles}
    return {
        "key": key, "family": "Hopper", "architecture": "Hopper GH100, CC 9.0", "names": names, "pci_ids": pci_ids,
        "total_memory_mib": total_mib, "die_sm": None,
        "compute_slices": 7, "memory_slices": 8, "placement_units": 8, "max_instances": 7, "min_driver": md[0],
        "engine_totals": {"dec": None, "enc": None, "jpeg": None, "ofa": 1, "ce": None},
        "confidence": {"pci_ids": pci_conf, "total_memory_mib": total_conf, "die_sm": "unknown",
                       "placement_units": "inferred", "engine_totals": "inferred", "min_driver": md[1],
                       "profiles": "unknown", "placements": "inferred"},
        "driver_rules": [],
        "named_configs": named,
        "profiles": profiles,
        "notes": notes + [
            "Only one 1g.*+me instance (Instances Total 1 in the vGPU table: 'Maximum vGPUs per GPU' 1); on Hopper it "
            "takes the only OFA. [nvidia-doc]",
            "No nvidia-smi -lgip/-lgipp output found: SMs, memory per profile and engines are unknown (not copied "
            "from another board); IDs and placements follow the common Hopper pattern (inferred).",
        ],
        "sources": src.items,
        "min_driver_note": md[2] + " (" + UG_V620 + ")",
        "compute_instance_profiles": ("Per GI: 1c..Nc.<gi> (e.g. 1c.3g.40gb, 2c.3g.40gb, 3g.40gb; 7g: 1c,2c,3c,4c,7c). "
                                      "The double-memory 1g GI creates its CI with CI profile id 7 (NVML "
                                      "COMPUTE_INSTANCE_PROFILE_1_SLICE_REV1)."),
    }


def allname(profile):
    return "all-" + profile.replace("+", ".")


def new_models():
    """H100 SXM5 94GB and 64GB and the 141GB H20 (H20-3e) as their own models."""
    sxm94 = hopper_doc_model(
        "H100-SXM5-94GB", ["NVIDIA H100 SXM5 94GB", "H100-SXM5 94GB"], ["0x2339"], "third-party",
        [PCI_IDS + ": 2339 'GH100 [H100 SXM5 94GB]'",
         DRIVER_README + ": 'NVIDIA H100 | 2339 10DE 17FC' (the ID exists; the README calls it only 'NVIDIA H100')"],
        None, "unknown", None, {"s": 12, "d": 24, "h": 47, "f": 94}, [7, 1, 4, 3, 2, 1, 1],
        "Table 176 'MIG-Backed NVIDIA vGPU for Compute for NVIDIA H100 SXM5 94GB'",
        ["Profile names and instance counts from NVIDIA vGPU Hopper reference (H100 SXM5 94GB: 7g.94gb, 4g.47gb, "
         "3g.47gb x2, 2g.24gb x3, 1g.24gb x4, 1g.12gb x7, 1g.12gb+me x1): the names of the H100 NVL (H100-NVL-94GB), "
         "a different board (PCIe, 0x2321). Minimum driver: the MIG UG lists H100 (R525).",
         "PCI ID 0x2339 from pci.ids ('H100 SXM5 94GB') [third-party]; NVIDIA's driver README lists 0x2339 as "
         "'NVIDIA H100', so the name nvidia-smi prints is probably that generic one and is not used here to find "
         "the model. Name 'H100-SXM5 94GB' as the MIG User Guide spells it (issue 11)."])
    sxm64 = hopper_doc_model(
        "H100-SXM5-64GB", ["NVIDIA H100 SXM5 64GB"], ["0x2337"], "third-party",
        [PCI_IDS + ": 2337 'GH100 [H100 SXM5 64GB]'"],
        None, "unknown", None, {"s": 8, "d": 16, "h": 32, "f": 64}, [7, 1, 4, 3, 2, 1, 1],
        "Table 182 'MIG-Backed NVIDIA vGPU for Compute for NVIDIA H100 SXM5 64GB'",
        ["Profile names and instance counts from NVIDIA vGPU Hopper reference (H100 SXM5 64GB: 7g.64gb, 4g.32gb, "
         "3g.32gb x2, 2g.16gb x3, 1g.16gb x4, 1g.8gb x7, 1g.8gb+me x1). Minimum driver: the MIG UG lists H100 (R525).",
         "PCI ID 0x2337 from pci.ids only ('H100 SXM5 64GB') [third-party]; not in NVIDIA's driver README nor in "
         "mig-parted.",
         "1g.16gb is the 4-instance double-memory 1g here but the 2-instance half-GPU 1g on RTX-PRO-4500-32GB: same "
         "name, different profile."])
    h20 = hopper_doc_model(
        "H20-141GB", ["NVIDIA H20-3e", "NVIDIA H20 SXM5 141GB"], ["0x232C"], "nvidia-code",
        [DRIVER_README + ": 'NVIDIA H20-3e | 232C 10DE 2063' and '232C 10DE 2064'",
         PCI_IDS + ": 232c 'GH100 [H20 HBM3e]'", REFERENCE_PROSE],
        143771, "real-hardware-output", MEMORY_TOTALS, {"s": 18, "d": 35, "h": 71, "f": 141}, [7, 1, 4, 3, 2, 1, 1],
        "Table 184 'MIG-Backed NVIDIA vGPU for Compute for NVIDIA H20 SXM5 141GB'",
        ["Profile names and instance counts from NVIDIA vGPU Hopper reference (H20 SXM5 141GB: 7g.141gb, 4g.71gb, "
         "3g.71gb x2, 2g.35gb x3, 1g.35gb x4, 1g.18gb x7, 1g.18gb+me x1): the H200 names. No nvidia-smi -lgip found: "
         "SM and engine counts unknown (H20 has far fewer SMs than H100/H200, so their SM numbers must NOT be "
         "reused). Minimum driver: the MIG UG lists H20 (R535); not stated for the 141GB board.",
         "nvidia-smi name 'NVIDIA H20-3e' (NVIDIA driver README); the 96GB H20 is 'NVIDIA H20' (0x2329, H20-96GB). "
         "Not in mig-parted's config-default.yaml: no all-balanced of NVIDIA's names it.",
         "1g.35gb is the 4-instance double-memory 1g here (as on H200) but the 7-instance base 1g on GB300-279GB."])
    return [sxm94, sxm64, h20]


def rtx_pro_5000_driver_variant(gpu, ref):
    """The earlier RTX PRO 5000 layout (MIG UG v580, mig-parted builder_test.go) as a driver variant of the model:
    what the drivers up to R580 offer, by the reference's reading of the two documents."""
    sup = ref["profiles_doc_v580_superseded"]
    src = sup["source"]
    sources = gpu["sources"]
    i_src = sources.index(src)
    i_bound = len(sources)
    sources.append("inferred: the MIG User Guide v580 (R580 branch) is the last guide the reference cites with this "
                   "layout; the latest guide lists the 2-slice layout. The first driver with the 2-slice layout is not "
                   "documented.")
    i_builder = len(sources)
    sources.append("NVIDIA/mig-parted pkg/mig/builder/builder_test.go (RTX PRO 5000 fixtures use this 4-slice layout; "
                   "it cannot form all-balanced)")
    profiles = []
    for p in sup["value"]:
        profiles.append({
            "name": p["name"], "id": None, "compute_slices": int(p["name"].split("g.")[0]),
            "instances": p["instances"], "memory_mib": None, "memory_gib": None, "sm": None,
            "dec": None, "enc": None, "jpeg": None, "ofa": None, "ce": None,
            "placements": None, "min_driver": None,
            "confidence": {"id": "unknown", "instances": "nvidia-doc", "memory": "unknown", "sm": "unknown",
                           "engines": "unknown", "placements": "unknown"},
            "sources": [i_src, i_builder],
        })
    return {
        "max_driver": 580,
        "compute_slices": 4, "memory_slices": 4, "placement_units": None, "max_instances": None,
        "engine_totals": {"dec": None, "enc": None, "jpeg": None, "ofa": None, "ce": None},
        "confidence": {"max_driver": "inferred", "compute_slices": "nvidia-doc", "placement_units": "unknown",
                       "profiles": "unknown", "placements": "unknown"},
        "sources": [i_src, i_bound, i_builder],
        "note": ("The earlier layout NVIDIA documented for this GPU (MIG UG v580 and mig-parted's builder tests): "
                 "4 compute slices. Drivers up to R580 (inferred) offer it; newer drivers the 2-slice layout."),
        "profiles": profiles,
    }


def amend(gpus, ref):
    by_key = {g["key"]: g for g in gpus}
    ref_by_key = {g["key"]: g for g in ref["gpus"]}
    # H100 SXM5 94GB is its own model now, not a name of the H100 NVL.
    nvl = by_key["H100-NVL-94GB"]
    nvl["names"] = [n for n in nvl["names"] if n != "NVIDIA H100 SXM5 94GB"]
    nvl["notes"] = [("H100 SXM5 94GB (0x2339) uses the same profile names (NVIDIA vGPU Hopper reference) and is its "
                     "own model, H100-SXM5-94GB; no hardware output found for it.")
                    if n.startswith("H100 SXM5 94GB uses the same profile names") else n for n in nvl["notes"]]
    # The GB300 of the DGX Station: same name in pci.ids, no profile table of its own in any source.
    gb300 = by_key["GB300-279GB"]
    gb300["pci_ids"].append("0x31C3")
    gb300["names"].append("GB300 DGX Station")
    gb300["confidence"]["pci_ids"] = "third-party"
    gb300["sources"].append(PCI_IDS + ": 31c2 'GB110 [GB300]' and 31c3 'GB110 [GB300]'")
    gb300["sources"].append("reference mig-hardware.md section 2 GPU-level facts: 'GB300 | 0x31C2 (DGX Station 0x31C3)'")
    gb300["notes"].append(
        "0x31C3 is the GB300 of the DGX Station (reference mig-hardware.md section 2; pci.ids names 0x31C2 and 0x31C3 "
        "both 'GB300') [third-party]; 0x31C2 is from mig-parted [nvidia-code]. No source gives the DGX Station its own "
        "profile table or memory total: it is taken to have this one (inferred), and NVIDIA's config-default.yaml "
        "filters GB300 entries to 0x31C2 only.")
    # The RTX PRO 5000's earlier layout, as a driver variant.
    rtx = by_key["RTX-PRO-5000-48GB"]
    rtx["driver_variants"] = [rtx_pro_5000_driver_variant(rtx, ref_by_key["RTX-PRO-5000-48GB"])]
    # Names people paste that no other field gives (issue 11: seen in the MIG User Guide's tables and in public MIG
    # projects' configs and issue threads); each names one model only.
    names_from_issue = "issue 11 (names seen in the MIG User Guide and in public MIG projects): "
    for key, extra in (("GH200-96GB", ["NVIDIA GH200 480GB", "H100 on GH200"]), ("H200-SXM-141GB", ["H200-SXM5"])):
        g = by_key[key]
        g["names"] += [n for n in extra if n not in g["names"]]
        g["sources"].append(names_from_issue + ", ".join(extra))
    # New models after their closest relatives.
    sxm94, sxm64, h20 = new_models()
    gpus.insert(gpus.index(nvl) + 1, sxm94)
    gpus.insert(gpus.index(sxm94) + 1, sxm64)
    gpus.insert(gpus.index(by_key["H20-96GB"]) + 1, h20)


def main():
    ref = json.load(open(sys.argv[1]))
    gpus = [convert_gpu(g) for g in ref["gpus"]]
    prod = next(g for g in gpus if g["key"] == "GB200-186GB")
    gpus.insert(gpus.index(prod) + 1, gb200_early(prod))
    amend(gpus, ref)
    out = {
        "catalog_version": "2026-12-02",
        "about": "MIG GPU catalog for migcalc. Every number carries a confidence (real-hardware-output, nvidia-code, "
                 "nvidia-doc, third-party, inferred, unknown) and sources (indices into the model's sources list). "
                 "null means unknown. Placements are '{starts}:size' as nvidia-smi mig -lgipp prints them. "
                 "driver_variants: the layout a model has under older drivers (up to max_driver), in the model's "
                 "own fields.",
        "reference": "../shared/reference/mig-catalog.json (" + ref["title"] + ")",
        "gpus": gpus,
    }
    json.dump(out, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
