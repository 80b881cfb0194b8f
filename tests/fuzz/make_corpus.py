#!/usr/bin/env python3
"""Seed tests/fuzz/corpus/<reader>/ from the test fixtures and the inline examples of tests/*.cpp.

Run from anywhere: python3 tests/fuzz/make_corpus.py [--cli build/cli/migcalc]. With the CLI, the fleet-export
corpus also gets `migcalc plan --json` answers (the other shape fleetFromPlanText reads). The corpus is committed;
rerun only to reseed. Each file is small (the whole corpus stays well under 1 MB)."""
import argparse, glob, json, os, shutil, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIX = os.path.join(ROOT, "tests", "fixtures")
OUT = os.path.join(HERE, "corpus")

def put(reader, name, data):
    d = os.path.join(OUT, reader)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)

def copy(reader, path, name=None):
    with open(path, "rb") as f:
        put(reader, name or os.path.basename(path), f.read())

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", default=os.path.join(ROOT, "build", "cli", "migcalc"))
    args = ap.parse_args()
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)

    # YAML and mig-parted: every YAML fixture (good, bad, unsupported).
    for p in sorted(glob.glob(os.path.join(FIX, "**", "*.yaml"), recursive=True)):
        rel = os.path.relpath(p, FIX).replace(os.sep, "_")
        copy("yaml", p, rel)
        copy("mig_parted", p, rel)
    put("yaml", "flow-and-scalars.yaml", 'a: [1, 2.5, "x", \'y\', {b: null}]\nc: |\n  line\nd: >-\n  folded\n  text\ne: ~\nf: 0x1F\n')
    put("yaml", "multi-doc.yaml", "---\na: 1\n---\nb: [true, false]\n...\n")
    put("mig_parted", "minimal.yaml", "version: v1\nmig-configs:\n  all-1g.10gb:\n    - devices: all\n      mig-enabled: true\n"
        "      mig-devices:\n        \"1g.10gb\": 7\n  custom:\n    - device-filter: [\"0x20B510DE\", \"0x233010DE\"]\n"
        "      devices: [0, 1]\n      mig-enabled: true\n      mig-devices:\n        \"1c.3g.40gb\": 3\n        \"4g.40gb\": 1\n"
        "    - devices: [2]\n      mig-enabled: false\n")

    # nvidia-smi transcripts.
    for p in sorted(glob.glob(os.path.join(FIX, "interop", "smi", "*.txt"))):
        b = os.path.basename(p)
        if "lgip" in b or b.startswith(("bad-lgip", "garbage")):
            copy("smi_profiles", p)
        if "lgi." in b or "lgi-" in b or b.startswith(("bad-lgi-", "empty-lgi", "garbage")):
            copy("smi_instances", p)

    # Plan inputs (also the fleet export's plan text, after one format byte).
    plans = {
        "issue-example.json": open(os.path.join(FIX, "plan", "issue-example.json")).read(),
        "fleet-h100.json": '{"demand": [{"profile": "3g.40gb", "count": 3}, {"profile": "1g.10gb", "count": 5}, '
                           '{"profile": "2g.20gb", "count": 2}], "gpus": [{"model": "H100-SXM5-80GB"}]}',
        "compare.json": '{"demand":[{"profile":"2g.20gb","count":3}],"gpus":[{"model":"A100-80GB"}],"compare":true}',
        "driver.json": '{"demand":[{"profile":"1g.20gb","count":1}],"gpus":[{"model":"A100-80GB"}],"driver":"R510"}',
        "existing.json": '{"demand":[{"profile":"1g.10gb","count":2}],"gpus":[{"model":"H100-SXM5-80GB","available":4,"cost":2.5}],'
                         '"existing":[{"model":"H100-SXM5-80GB","count":2,"instances":[{"profile":"3g.40gb","start":4}]}],"time_limit_s":0.5}',
        "workloads.json": '{"workloads":[{"name":"llm","memory_gib":30,"count":4,"min_compute_slices":2},'
                          '{"name":"asr","memory_gib":8,"count":6,"media":true,"min_sms":10}],'
                          '"gpus":[{"model":"A100-80GB"},{"model":"H100-SXM5-80GB","cost":3}]}',
        "model-pinned.json": '{"demand":[{"profile":"1g.10gb","count":3,"model":"H100-SXM5-80GB"}],"gpus":[{"model":"H100-SXM5-80GB"}]}',
        "bad-count.json": '{"demand":[{"profile":"1g.10gb","count":"ten"}],"gpus":[{"model":"A100-80GB"}]}',
        "bad-trailing.json": '{"demand":[{"profile":"1g.10gb","count":1}],"gpus":[{"model":"A100-80GB"}],',
        "groups.json": '{"groups": [{"model": "A100-80GB", "count": 3, "instances": [{"profile": "1g.10gb", "start": 0}, '
                       '{"profile": "3g.40gb", "start": 4}]}]}',
        "groups-under-plan.json": '{"plan": {"groups": [{"model": "A100-80GB", "count": 2, "existing": true, "instances": '
                                  '[{"profile": "7g.80gb", "start": 0}]}]}}',
    }
    if os.path.exists(args.cli):
        for name in ("issue-example.json", "workloads.json"):
            out = subprocess.run([args.cli, "plan", "--json", "-"], input=plans[name].encode(), capture_output=True)
            if out.returncode == 0:
                plans["answer-" + name] = json.dumps(json.loads(out.stdout), separators=(",", ":"))
    else:
        print("note: no CLI at %s; the fleet corpus has no `plan --json` answers" % args.cli, file=sys.stderr)
    for i, (name, text) in enumerate(sorted(plans.items())):
        if not name.startswith("answer-"):
            put("plan", name, text)
        put("fleet_export", name, bytes([(i * 9) & 0xFF]) + text.encode())  # format i%8, gpus_per_node varies

    # Export requests (exportLayout()).
    reqs = {
        "nvidia-smi.json": {"format": "nvidia-smi", "gpu": "A100-80GB", "request": ["4g.40gb", "2g.20gb:1", {"profile": "1g.10gb", "count": 1}], "device": 1},
        "json-fixed.json": {"format": "json", "gpu": "A100-40GB", "request": ["1c.3g.20gb:3", "4g.20gb"], "fixed": [], "driver": "R525"},
        "configmap.json": {"format": "mig-parted-configmap", "gpu": "H100-SXM5-80GB", "request": ["3g.40gb:2"], "fixed": ["1g.10gb@6", {"profile": "1g.10gb", "start": 5}], "name": "my-config"},
        "k8s.json": {"format": "k8s", "gpu": "0x233010DE", "request": [{"profile": "1g.10gb", "count": 7}]},
        "mig-parted-driver.json": {"format": "mig-parted", "gpu": "NVIDIA H100 80GB HBM3", "request": ["1g.20gb"], "driver": 525},
        "infeasible.json": {"format": "k8s", "gpu": "A100-80GB", "request": ["7g.80gb:2"]},
        "fleet.json": {"format": "nvidia-smi", "plan": json.loads(plans["groups.json"]), "gpus_per_node": 2},
        "fleet-input.json": {"format": "json", "plan": json.loads(plans["fleet-h100.json"])},
        "gpu-model.json": {"format": "nvidia-smi", "gpu_model": {"key": "MY-GPU", "compute_slices": 2, "memory_slices": 2, "placement_units": 2,
                           "profiles": [{"name": "1g.8gb", "compute_slices": 1, "instances": 2, "placements": "{0,1}:1"},
                                        {"name": "2g.16gb", "compute_slices": 2, "instances": 1, "placements": "{0}:2"}]}, "request": ["1g.8gb:2"]},
        "bad-format.json": {"format": "pdf"},
    }
    for name, r in reqs.items():
        put("export_request", name, json.dumps(r))

    # GPU models: a few catalog models alone, one wrapped, the hand-written test model, and refusals.
    cat = json.load(open(os.path.join(ROOT, "core", "catalog", "gpus.json")))["gpus"]
    for key in ("A30-24GB", "A100-40GB", "H100-SXM5-80GB", "RTX-PRO-6000-96GB"):
        g = next(m for m in cat if m["key"] == key)
        put("gpu_model", key + ".json", json.dumps(g, separators=(",", ":")))
    g = next(m for m in cat if m["key"] == "B200-180GB")
    put("gpu_model", "wrapped-B200.json", json.dumps({"gpus": [g]}))
    put("gpu_model", "my-gpu.json", json.dumps(reqs["gpu-model.json"]["gpu_model"]))
    for i, bad in enumerate([
        '{"key": "X",', "[1, 2]", '{"gpus": []}', '{"key": "X", "compute_slices": "two", "memory_slices": 2, "profiles": []}',
        '{"key": "MY-GPU", "compute_slices": 2, "memory_slices": 2, "placement_units": 2, "profiles": '
        '[{"name": "1g.8gb", "compute_slices": 1, "instances": 2, "placements": "{0,2}:1"}]}',
        '{"key": "MY-GPU", "compute_slices": 2, "memory_slices": 2, "placement_units": 2, "named_configs": {"all": {"1g.8gb": -1}}, '
        '"profiles": [{"name": "1g.8gb", "compute_slices": 1, "instances": 2, "placements": "{0,1}:1"}]}']):
        put("gpu_model", "bad-%d.json" % i, bad)

    # Seed inputs: every golden case's input.
    for i, case in enumerate(json.load(open(os.path.join(FIX, "seed_cases.json")))):
        put("seed", "case-%02d.json" % i, json.dumps(case["input"]))

    # Check request strings: GPU \n driver \n PROFILE[:COUNT] \n PROFILE@START.
    for i, s in enumerate([
        "A100-80GB\nR525\n3g.40gb:2\n1g.10gb@6", "H100-SXM5-80GB\nnewest\n1c.3g.40gb:6\n1g.10gb@0",
        "NVIDIA H100 80GB HBM3\n535.104.05\n1g.10gb+me\n", "0x233010DE\nr470\n7g.80gb\n", "0x20B0\nlatest\n2g.20gb:3\n3g.40gb@4",
        "A30-24GB\n510\n1g.6gb:4\n2g.12gb@2", "RTX-PRO-6000-96GB\n\n1g.24gb+gfx:4\n", "a100\nR9\n1g.10gb:0\n1g.10gb@x",
        "3g.40gb", "1g.10gb@123456", ":3", "99999999999c.3g.40gb"]):
        put("check_strings", "case-%02d.txt" % i, s)

if __name__ == "__main__":
    main()
