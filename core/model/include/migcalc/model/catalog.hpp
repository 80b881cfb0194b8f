// The GPU catalog: every MIG-capable model, embedded from core/catalog/gpus.json, plus user-supplied models.
#pragma once
#include <string>
#include <vector>

#include "migcalc/base/result.hpp"
#include "migcalc/model/gpu_model.hpp"

namespace migcalc {

/// All catalog models, in catalog order. Loaded once from the embedded data.
const std::vector<GpuModel>& catalog();
/// Is this one of catalog()'s own models (not a copy)? Those never change or move while the program runs, so
/// what is computed from them may be kept by address.
bool isCatalogModel(const GpuModel& gpu);

/// The catalog's date ("2026-11-25"), printed by `migcalc --version`.
std::string catalogVersion();

/// Is the embedded catalog the lean one (core/catalog/lean.py: no source texts or notes; the page's core module)?
bool catalogOmitsSources();

/// The embedded catalog as JSON text (the same bytes as core/catalog/gpus.json).
const std::string& catalogJson();

/// The one GPU name resolver of every door (CLI, page, imports, readers). Finds a model, case-insensitively, by key
/// ("H100-SXM5-80GB"), by a product name nvidia-smi prints ("NVIDIA H100 80GB HBM3", with or without "NVIDIA"), by
/// the Kubernetes label nvidia.com/gpu.product ("NVIDIA-H100-80GB-HBM3", with or without "-MIG-<profile>" or
/// "-SHARED"), or by PCI device ID ("0x2330" or "0x233010DE"). Errors: UNKNOWN_GPU (with the closest names),
/// AMBIGUOUS_GPU (one ID or name that several models share, each listed with its total memory), TOO_LARGE (a name
/// over 200 characters).
Result<const GpuModel*> findGpu(const std::string& query);

/// Parse a model from JSON text in the catalog's format: one model object, or {"gpus": [model]}.
/// Errors name the field and what is valid (code BAD_GPU_FILE).
Result<GpuModel> parseGpuModel(const std::string& jsonText);

/// Up to `max` catalog keys closest to `query` (edit distance, case-insensitive).
std::vector<std::string> closeGpuKeys(const std::string& query, size_t max = 3);

/// Up to `max` of `candidates` closest to `query`.
std::vector<std::string> closeNames(const std::string& query, const std::vector<std::string>& candidates,
                                    size_t max = 3);

}  // namespace migcalc
