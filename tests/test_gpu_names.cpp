// The GPU name resolver, table-driven: every spelling a user or a cluster gives, with where it comes from.
#include <doctest/doctest.h>

#include <string>

#include "migcalc/engine/check.hpp"
#include "migcalc/export/export_layout.hpp"
#include "migcalc/model/catalog.hpp"
#include "migcalc/model/profile_names.hpp"

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
      {"NVIDIA-H100-80GB-HBM3-MIG-1g.10gb", "H100-SXM5-80GB",
       "GFD label, single strategy (gpu-operator-mig.rst, all-1g.10gb)"},
      {"NVIDIA-H100-80GB-HBM3-MIG-INVALID", "H100-SXM5-80GB",
       "GFD label of an invalid single layout (mig-strategy.go)"},
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

TEST_CASE("a name several models share lists them, an unknown name lists the closest") {
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

TEST_CASE("a profile is found by every name it goes by, and every name but its own carries a note") {
  struct Alias {
    const char* gpu;
    const char* name;
    const char* profile;
    const char* source;
  };
  const Alias aliases[] = {
      {"A100-40GB", "3g.20gb", "3g.20gb", "the profile's own name (nvidia-smi mig -lgip)"},
      {"A100-40GB", "3G.20GB", "3g.20gb", "another case"},
      {"A100-40GB", "mig-3g.20gb", "3g.20gb", "the Kubernetes resource nvidia.com/mig-3g.20gb (mixed strategy)"},
      {"A100-40GB", "3g.21gb", "3g.20gb", "old GFD labels derived from memory (gpu-feature-discovery#7)"},
      {"A100-80GB", "7g.79gb", "7g.80gb", "'expected 7g.79gb' (NVIDIA/mig-parted#18, field survey 12)"},
      {"H100-SXM5-80GB", "1g.10gb.me", "1g.10gb+me", "'+me' spelled '.me' in label and resource names (k8s format 3)"},
      {"GB200-186GB", "1g.24gb", "1g.23gb", "GB200 1g.24gb became 1g.23gb (NVIDIA/mig-parted#227)"},
  };
  for (const auto& a : aliases) {
    INFO(a.gpu << " " << a.name << " (" << a.source << ")");
    auto gpu = migcalc::findGpu(a.gpu);
    REQUIRE(gpu.ok());
    auto m = migcalc::resolveProfile(**gpu, a.name, migcalc::ProfileNames::MemoryRoundings);
    REQUIRE(m.index >= 0);
    CHECK((*gpu)->profiles[m.index].name == a.profile);
    CHECK(m.note.empty() == (std::string(a.name) == a.profile));
    if (!m.note.empty()) CHECK(m.note.find(a.profile) != std::string::npos);
  }
  auto a100 = migcalc::findGpu("A100-40GB");
  CHECK(migcalc::resolveProfile(**a100, "3g.21gb").index < 0);  // spellings only: another rounding is not taken
  CHECK(migcalc::resolveProfile(**a100, "3g.40gb").index < 0);  // 20 GB off: another GPU's profile, not a rename
  CHECK(migcalc::resolveProfile(**a100, "5g.20gb").index < 0);
  CHECK(migcalc::resolveProfile(**a100, "nonsense").index < 0);
}

TEST_CASE("check reads a profile in any spelling and says which profile it took") {
  auto gpu = migcalc::findGpu("A100-40GB");
  REQUIRE(gpu.ok());
  migcalc::CheckRequest request;
  request.request = {{"3G.20GB", 1}, {"MIG-2G.10GB", 1}};
  request.fixed = {{"1g.5gb", 6}};
  auto r = migcalc::check(**gpu, request);
  REQUIRE(r.ok());
  CHECK(r->verdict == migcalc::Verdict::Feasible);
  REQUIRE(r->notes.size() >= 2);
  CHECK(r->notes[0].find("'3G.20GB' is 3g.20gb on A100-40GB") == 0);
  CHECK(r->notes[1].find("'MIG-2G.10GB' is 2g.10gb") == 0);

  migcalc::CheckRequest split;
  split.request = {{"1C.3G.20GB", 3}};  // a CI sub-profile in another case
  auto s = migcalc::check(**gpu, split);
  REQUIRE(s.ok());
  CHECK(s->verdict == migcalc::Verdict::Feasible);
  REQUIRE_FALSE(s->notes.empty());
  CHECK(s->notes[0].find("is 3g.20gb") != std::string::npos);
}

// Renamed profiles (issue #11): the same slices with the memory rounded by another board or driver. Sources: GB200's
// early board printed 1g.24gb for the production board's 1g.23gb (mig-hardware.md §1.6, go-nvlib getMigMemorySizeGB);
// 7g.79gb for H100's 7g.80gb is the rounding of the 79.xx GiB 7g profile that older tools printed (issue #11).
TEST_CASE("a name in another board's or driver's rounding resolves to this board's profile, with a note naming it") {
  struct Rename {
    const char* gpu;
    const char* given;
    const char* canonical;
  };
  for (const auto& r : {Rename{"GB200-186GB", "1g.24gb", "1g.23gb"}, Rename{"H100-SXM5-80GB", "7g.79gb", "7g.80gb"},
                        Rename{"A100-80GB", "7g.79gb", "7g.80gb"}, Rename{"GB200-189GB", "1g.23gb", "1g.24gb"},
                        Rename{"GB200-186GB", "1c.3g.94gb", "1c.3g.93gb"}}) {
    INFO(r.gpu << " " << r.given);
    auto gpu = migcalc::findGpu(r.gpu);
    REQUIRE(gpu.ok());
    migcalc::CheckRequest request;
    request.request = {{r.given, 1}};
    auto checked = migcalc::check(**gpu, request);
    REQUIRE(checked.ok());
    CHECK(checked->verdict == migcalc::Verdict::Feasible);
    REQUIRE(checked->instances.size() == 1);
    std::string given = r.given;
    std::string canonical = r.canonical;
    bool ci = given.rfind("1c.", 0) == 0;
    CHECK(checked->instances[0].profile == (ci ? canonical.substr(3) : canonical));
    bool noted = false;
    for (const auto& n : checked->notes) noted = noted || n.find(ci ? canonical.substr(3) : canonical) != n.npos;
    CHECK(noted);
  }
  // Exports take the same names (and say so); a name 20 GB off is another GPU's profile, not a rename.
  auto gb200 = migcalc::findGpu("GB200-186GB");
  REQUIRE(gb200.ok());
  auto exported = migcalc::prepareExport(**gb200, {{"1g.24gb", 2}}, {});
  REQUIRE(exported.ok());
  CHECK(exported->created.size() == 2);
  REQUIRE_FALSE(exported->notes.empty());
  CHECK(exported->notes[0].find("is 1g.23gb on GB200-186GB") != std::string::npos);
  migcalc::CheckRequest far;
  far.request = {{"3g.40gb", 1}};
  auto a100 = migcalc::check(*migcalc::findGpu("A100-40GB").value(), far);
  REQUIRE(a100.ok());
  CHECK(a100->verdict == migcalc::Verdict::NotFeasible);
  CHECK(a100->reasons.at(0).code == Code::UNKNOWN_PROFILE);
}
