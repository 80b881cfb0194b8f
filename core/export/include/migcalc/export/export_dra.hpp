// Kubernetes DRA ResourceSlices for MIG as partitionable devices (KEP-4815), in the form NVIDIA's DRA driver for GPUs
// publishes them with its DynamicMIG feature. Sources (read for this exporter):
//   - github.com/NVIDIA/k8s-dra-driver-gpu @ 22407113785e78c7763b4637689a201eb39c6199 (2026-05-15):
//     cmd/gpu-kubelet-plugin/partitions.go (counter set "gpu-<minor>-counter-set", counters from the capacities plus
//     "memory-slice-<i>" = 1 per placement unit, a MIG device consumes memory-slice-<start>..<start+size-1>),
//     cmd/gpu-kubelet-plugin/mig.go (device name "gpu-<minor>-mig-<profile>-<profile id>-<start>", capacities
//     multiprocessors/copyEngines/decoders/encoders/jpegEngines/ofaEngines/memory in bytes, attributes type,
//     parentUUID, profile, productName, brand, architecture, cudaComputeCapability, driverVersion, cudaDriverVersion),
//     cmd/gpu-kubelet-plugin/nvlib.go (inspectMigProfilesAndPlacements: the counter set holds, per dimension, the
//     largest value of any profile, and as many memory slices as the largest placement is long),
//     cmd/gpu-kubelet-plugin/driver.go (Kubernetes >= 1.35: one ResourceSlice with the counter sets and one with the
//     devices of each GPU; driver name gpu.nvidia.com, pool = node name).
//   - github.com/kubernetes/api @ 426b1b9979354bee48c10e727c46eb9b5a7bbc95, resource/v1/types.go (ResourceSlice spec:
//     driver, pool, nodeName, devices, sharedCounters; only one of devices and sharedCounters per slice; at most 8
//     counter sets, 32 counters per set, 64 devices per slice when they consume counters).
// What migcalc adds, and what it leaves out, is said in every export (the notes) and in the README.
#pragma once
#include <string>
#include <vector>

#include "migcalc/base/result.hpp"
#include "migcalc/export/export_fleet.hpp"
#include "migcalc/export/export_layout.hpp"
#include "migcalc/io/json_io.hpp"
#include "migcalc/model/gpu_model.hpp"

namespace migcalc {

/// The driver name the NVIDIA DRA driver publishes under.
constexpr const char* kDraDriverName = "gpu.nvidia.com";
/// The domain of the two attributes migcalc adds (placementStart, placementSize); the driver has no such attributes.
constexpr const char* kDraMigcalcDomain = "migcalc";
/// The node (and pool) name written into the slices: the real one is the node's, known only on the cluster.
constexpr const char* kDraExampleNode = "example-node";

/// ResourceSlice objects (resource.k8s.io/v1) and what they leave out.
struct DraExport {
  Json slices = Json::array();
  std::vector<std::string> notes;  // left-out counters, attributes and devices, and why
  std::vector<std::string> lines;  // per-GPU summary lines for the header ("gpu-0: H100-SXM5-80GB, 4 devices")
};

/// "7", "1Ki", "9856Mi", "40Gi": a whole number as Kubernetes prints a BinarySI quantity (below 1024 in decimal,
/// otherwise the largest power of 1024 that divides it as suffix).
std::string draQuantity(long long value);

/// "gpu-0-mig-1g10gb-me-19-0": the driver's device name of a MIG placement (profile without dots, RFC 1123).
std::string draDeviceName(int minor, const std::string& profile, int profileId, int start);

/// Every MIG placement of the model under `driver` (what the driver publishes for an idle GPU with DynamicMIG).
/// Errors: PLACEMENTS_UNKNOWN (no placement table: RTX PRO 5000/4500).
Result<DraExport> draForModel(const GpuModel& gpu, int driver = 0);

/// Only the GPU instances of the layout (fixed and created), against the GPU's whole counter set.
Result<DraExport> draForLayout(const ExportLayout& layout);

/// One pool per group of the plan (one GPU shown; every GPU of the group publishes the same).
Result<DraExport> draForFleet(const FleetLayout& fleet);

/// The slices as YAML documents, after a comment header (title, sources, notes).
std::string draYaml(const DraExport& e, const std::string& title);

/// {"apiVersion": "v1", "kind": "List", "items": [slices]}
Json draList(const DraExport& e);

}  // namespace migcalc
