// The GPU name resolver, table-driven: every spelling a user or a cluster gives, with where it comes from.
#include <doctest/doctest.h>

#include <string>

#include "migcalc/model/catalog.hpp"

using migcalc::Code;

TEST_CASE("a GPU is found by every name it goes by") {
  struct Alias {
    const char* name;
    const char* key;
    const char* source;
  };
  const Alias aliases[] = {
      {"H100-SXM5-80GB", "H100-SXM5-80GB", "the catalog key"},
      {"h100-sxm5-80gb", "H100-SXM5-80GB", "the catalog key, any case"},
      {"NVIDIA H100 80GB HBM3", "H100-SXM5-80GB", "nvidia-smi -L / NVML name (MIG User Guide, H100 examples)"},
      {"H100 80GB HBM3", "H100-SXM5-80GB", "the NVML name without the vendor"},
      {"0x2330", "H100-SXM5-80GB", "PCI device ID (catalog pci_ids)"},
      {"0x233010DE", "H100-SXM5-80GB", "PCI device ID as mig-parted's device-filter spells it"},
      {"NVIDIA-H100-80GB-HBM3", "H100-SXM5-80GB", "GFD label nvidia.com/gpu.product (gpu-operator-mig.rst)"},
      {"NVIDIA-H100-80GB-HBM3-MIG-1g.10gb", "H100-SXM5-80GB", "GFD label, single strategy (gpu-operator-mig.rst, all-1g.10gb)"},
      {"NVIDIA-H100-80GB-HBM3-MIG-INVALID", "H100-SXM5-80GB", "GFD label of an invalid single layout (mig-strategy.go)"},
      {"NVIDIA-A100-SXM4-40GB", "A100-40GB", "GFD label, driver R470+ (openshift/mig-ocp.rst)"},
      {"A100-SXM4-40GB", "A100-40GB", "GFD label before R470, without NVIDIA (openshift/mig-ocp.rst)"},
      {"A100-SXM4-40GB-MIG-1g.5gb", "A100-40GB", "nodeSelector in mig/mig-examples.rst"},
      {"NVIDIA-A100-SXM4-80GB-SHARED", "A100-80GB", "GFD label with time-slicing (-SHARED suffix)"},
      {"NVIDIA-A30-MIG-1g.6gb", "A30-24GB", "GFD label, single strategy on an A30"},
      {"NVIDIA-RTX-PRO-6000-Blackwell-Server-Edition", "RTX-PRO-6000-96GB", "GFD label of the NVML name"},
  };
  for (const auto& a : aliases) {
    INFO(a.name << " (" << a.source << ")");
    auto found = migcalc::findGpu(a.name);
    REQUIRE(found.ok());
    CHECK((*found)->key == a.key);
  }
}

TEST_CASE("a name several models share lists them; an unknown name lists the closest") {
  auto shared = migcalc::findGpu("NVIDIA-GB200");  // GB200-186GB and GB200-189GB both report "NVIDIA GB200"
  REQUIRE_FALSE(shared.ok());
  CHECK(shared.error().code == Code::AMBIGUOUS_GPU);
  CHECK(shared.error().message.find("GB200-186GB") != std::string::npos);
  CHECK(shared.error().message.find("GB200-189GB") != std::string::npos);

  auto unknown = migcalc::findGpu("H100-SXM-80GB");
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().code == Code::UNKNOWN_GPU);
  CHECK(unknown.error().message.find("H100-SXM5-80GB") != std::string::npos);
  CHECK_FALSE(migcalc::findGpu("NVIDIA-MIG-1g.5gb").ok());  // a suffix alone names nothing
  CHECK_FALSE(migcalc::findGpu("-SHARED").ok());
}
