// Reading nvidia-smi transcripts: -lgip/-lgipp into a GPU model, -lgi into fixed instances; noise tolerated,
// garbage rejected with the line, size bounded.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "migcalc/engine/check.hpp"
#include "migcalc/interop/smi_import.hpp"
#include "migcalc/io/json_io.hpp"
#include "migcalc/model/catalog.hpp"

using namespace migcalc;

namespace {

std::string smiFile(const std::string& name) {
  std::ifstream in(std::string(MIGCALC_FIXTURES) + "/interop/smi/" + name, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read " << name);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

ImportedGpu imported(const std::string& file) {
  auto g = importGpuFromSmi(smiFile(file));
  REQUIRE_MESSAGE(g.ok(), g.error().message);
  return *g;
}

}  // namespace

TEST_SUITE("smi_import") {
  TEST_CASE("the MIG User Guide's A100-40GB -lgip/-lgipp transcript becomes the catalog's A100-40GB") {
    ImportedGpu g = imported("a100-40gb-lgip-lgipp.txt");
    CHECK(g.catalog_match == std::string("A100-40GB"));
    CHECK(g.exact_match);
    // Every value of this transcript equals the catalog's hardware rows (mig-hardware.md, A100-40GB table).
    CHECK(g.differences.empty());
    const GpuModel& m = g.model;
    REQUIRE(m.profiles.size() == 7);
    const Profile& me = m.profiles[static_cast<size_t>(m.findProfile("1g.5gb+me"))];
    CHECK(me.id == 20);
    CHECK(me.instances == 1);
    CHECK(me.engines.ofa == 1);
    CHECK(me.placementsText() == "{0,1,2,3,4,5,6}:1");
    const Profile& full = m.profiles[static_cast<size_t>(m.findProfile("7g.40gb"))];
    CHECK(full.sm == 98);
    CHECK(full.memory_gib == doctest::Approx(39.25));
    CHECK(full.placementsText() == "{0}:8");
    CHECK(m.units() == 8);
    CHECK(m.pci_ids == std::vector<std::string>{"0x20B0", "0x20B1", "0x20F1", "0x20F6"});
  }

  TEST_CASE("CRLF, a narrower table and prompts are tolerated, shifted memory is reported as a difference") {
    ImportedGpu g = imported("h100-sxm5-lgip-lgipp-crlf.txt");
    CHECK(g.catalog_match == std::string("H100-SXM5-80GB"));  // SMs 16/26/32/60/64/132 tell SXM5 from PCIe
    REQUIRE(g.differences.size() == 2);
    CHECK(g.differences[0].find("1g.10gb: memory 9.5 GiB here, 9.75 GiB") == 0);
  }

  TEST_CASE("an imported model is a valid custom GPU and the engine treats it like the catalog's") {
    ImportedGpu g = imported("a100-40gb-lgip-lgipp.txt");
    auto reparsed = parseGpuModel(gpuModelJson(g.model).dump());
    REQUIRE_MESSAGE(reparsed.ok(), reparsed.error().message);
    auto catalogA100 = findGpu("A100-40GB");
    REQUIRE(catalogA100.ok());
    // The R510 rule: 4g.20gb + 3g.20gb fits; 3g + 3g + 1g does not (all memory slices used).
    for (const GpuModel* m : {&*reparsed, *catalogA100}) {
      CheckRequest ok{{{"4g.20gb", 1}, {"3g.20gb", 1}}, {}, 0};
      CheckRequest bad{{{"3g.20gb", 2}, {"1g.5gb", 1}}, {}, 0};
      CHECK(check(*m, ok)->verdict == Verdict::Feasible);
      CHECK(check(*m, bad)->verdict == Verdict::NotFeasible);
    }
  }

  TEST_CASE("without -lgipp, placements come from the matching catalog model and are marked inferred") {
    ImportedGpu g = imported("rtx-pro-6000-lgip-only.txt");
    CHECK(g.catalog_match == std::string("RTX-PRO-6000-96GB"));
    const Profile& p = g.model.profiles[static_cast<size_t>(g.model.findProfile("1g.24gb+me.all"))];
    CHECK(p.id == 65);
    CHECK(p.placementsText() == "{0,3,6,9}:3");  // 12 placement units, not 0..3
    CHECK(p.confidence.at("placements").find("inferred") == 0);
    CHECK(g.model.units() == 12);
    REQUIRE_FALSE(g.notes.empty());
  }

  TEST_CASE("-lgi output lists the instances per GPU index as fixed instances") {
    auto s = parseSmiInstances(smiFile("a100-40gb-lgi.txt"));
    REQUIRE_MESSAGE(s.ok(), s.error().message);
    auto fixed = fixedInstances(*s, 0);
    REQUIRE(fixed.size() == 3);
    CHECK(fixed[0].profile == "1g.5gb");
    CHECK(fixed[0].start == 6);
    // The transcript is the MIG User Guide's: 4g@0, 2g@4, 1g@6 — a full GPU, so nothing else fits.
    auto a100 = findGpu("A100-40GB");
    CheckRequest req{{{"1g.5gb", 1}}, fixed, 0};
    CHECK(check(**a100, req)->verdict == Verdict::NotFeasible);
    auto two = parseSmiInstances(smiFile("two-gpus-lgi.txt"));
    REQUIRE(two.ok());
    CHECK(two->gpus.size() == 2);
    CHECK(fixedInstances(*two, 1).size() == 1);
    CHECK(smiStateJson(*two)["gpus"][0]["fixed"] == Json::array({"3g.40gb@4", "1g.10gb@0"}));
    auto none = parseSmiInstances(smiFile("empty-lgi.txt"));
    REQUIRE(none.ok());
    CHECK(none->gpus.empty());
  }

  TEST_CASE("malformed transcripts are rejected with the line of the problem") {
    auto row = importGpuFromSmi(smiFile("bad-lgip-row.txt"));
    REQUIRE_FALSE(row.ok());
    CHECK(row.error().message.find("line 9:") == 0);
    auto pp = parseSmiProfiles(smiFile("bad-lgipp.txt"));
    REQUIRE_FALSE(pp.ok());
    CHECK(pp.error().message.find("line 2:") == 0);
    auto lgi = parseSmiInstances(smiFile("bad-lgi-placement.txt"));
    REQUIRE_FALSE(lgi.ok());
    CHECK(lgi.error().message.find("line 6:") == 0);
    auto garbage = importGpuFromSmi(smiFile("garbage.txt"));
    REQUIRE_FALSE(garbage.ok());
    CHECK(garbage.error().message.find("line 1") != std::string::npos);
    CHECK(parseSmiInstances(smiFile("garbage.txt")).error().code == Code::BAD_SMI_OUTPUT);
    CHECK(importGpuFromSmi(smiFile("a100-40gb-lgip-lgipp.txt"), 3).error().code == Code::UNKNOWN_GPU_INDEX);
  }

  TEST_CASE("huge input is bounded: refused above the limit, read to the end below it") {
    CHECK(parseSmiProfiles(std::string(kMaxSmiBytes + 1, 'x')).error().code == Code::SMI_TOO_LARGE);
    std::string noise;
    while (noise.size() < kMaxSmiBytes - 200) noise += "some unrelated log line that is not a table row\n";
    CHECK(parseSmiProfiles(noise).error().code == Code::BAD_SMI_OUTPUT);
    CHECK(parseSmiInstances(noise).error().code == Code::BAD_SMI_OUTPUT);
  }

  TEST_CASE("table rows pasted without their title and border lines are still read") {
    auto s = parseSmiInstances("|   0  MIG 3g.40gb          9        1          4:4     |\n");
    REQUIRE(s.ok());
    CHECK(fixedInstances(*s, 0).size() == 1);
    auto p = parseSmiProfiles("|   0  MIG 1g.5gb   19   7/7   4.75   No   14   0   0  |\n|   1   0   0  |\n");
    REQUIRE(p.ok());
    REQUIRE(p->profiles.size() == 1);
    CHECK(p->profiles[0].ce == 1);
  }

  TEST_CASE("random damage to a real transcript never crashes: every failure names a line") {
    const std::string original = smiFile("a100-40gb-lgip-lgipp.txt");
    const std::string alphabet = " |+-=/:{},.0123456789MIGgx\n";
    std::mt19937 rng(777);
    size_t errors = 0;
    for (int round = 0; round < 2000; ++round) {
      std::string text = original;
      for (int e = 0; e < 1 + static_cast<int>(rng() % 6); ++e) {
        size_t at = rng() % text.size();
        if (rng() % 2)
          text[at] = alphabet[rng() % alphabet.size()];
        else
          text.erase(at, 1 + rng() % 3);
      }
      auto g = importGpuFromSmi(text);
      if (!g.ok()) {
        ++errors;
        const std::string& m = g.error().message;
        CHECK_MESSAGE((m.rfind("line ", 0) == 0 || m.find("(line ") != std::string::npos ||
                       g.error().code != Code::BAD_SMI_OUTPUT),
                      m);
      } else {
        auto back = parseGpuModel(gpuModelJson(g->model).dump());
        CHECK_MESSAGE(back.ok(), back.error().message);
      }
    }
    CHECK(errors > 0);
  }

  TEST_CASE("a paste of -lgi for eight GPUs followed by -lci keeps only the GPU instances") {
    auto s = parseSmiInstances(smiFile("rtx-pro-6000-lgi-lci-8gpus.txt"));
    REQUIRE_MESSAGE(s.ok(), s.error().message);
    CHECK(s->gpus.size() == 3);  // GPUs 0, 1 and 7; the compute-instance table is not read as GPU instances
    CHECK(s->gpus.at(0).size() == 3);
    CHECK(s->gpus.at(7).at(0).size == 12);
    auto pro = findGpu("RTX-PRO-6000-96GB");
    REQUIRE(pro.ok());
    for (int index : {0, 1, 7}) {
      CAPTURE(index);
      CheckRequest req{{}, fixedInstances(*s, index), 0};
      CHECK(check(**pro, req)->verdict == Verdict::Feasible);  // each GPU's state is a valid layout
    }
  }

  TEST_CASE("a state checked against the wrong model says where they disagree") {
    auto s = parseSmiInstances(smiFile("rtx-pro-6000-lgi-lci-8gpus.txt"));
    REQUIRE(s.ok());
    auto pro = findGpu("RTX-PRO-6000-96GB");
    auto h100 = findGpu("H100-NVL-94GB");  // also has a 1g.24gb, with ID 15 and size 2
    CHECK(stateMismatches(*s, 0, **pro).empty());
    auto m = stateMismatches(*s, 0, **h100);
    REQUIRE(m.size() >= 3);
    CHECK(m[0].find("has profile ID 14 here, 15 on H100-NVL-94GB") != std::string::npos);
    CHECK(std::any_of(m.begin(), m.end(),
                      [](const std::string& x) { return x.find("2g.48gb is not a profile") != std::string::npos; }));
  }

  TEST_CASE("every catalog GPU printed as -lgip/-lgipp with random column widths imports back to the same rows") {
    std::mt19937 rng(2026);
    auto pad = [&](const std::string& v, size_t width) {
      return std::string(1 + rng() % 6, ' ') + v + std::string(width > v.size() ? width - v.size() : 0, ' ');
    };
    auto val = [](const std::optional<int>& v) { return v ? std::to_string(*v) : std::string("N/A"); };
    size_t models = 0;
    for (const GpuModel& g : catalog()) {
      bool ids = std::all_of(g.profiles.begin(), g.profiles.end(), [](const Profile& p) { return p.id.has_value(); });
      if (!ids || !g.placementsKnown()) continue;
      ++models;
      CAPTURE(g.key);
      std::string eol = rng() % 2 ? "\r\n" : "\n";
      std::string t = "+----+" + eol + "| GPU instance profiles: |" + eol +
                      "| GPU Name ID Instances Memory P2P SM DEC ENC |" + eol + "|  Free/Total GiB CE JPEG OFA |" +
                      eol + "|====|" + eol;
      for (const auto& p : g.profiles) {
        char mem[32] = "N/A";
        if (p.memory_gib) std::snprintf(mem, sizeof mem, "%.2f", *p.memory_gib);
        t += "|" + pad("0", 2) + pad("MIG", 3) + pad(p.name, 16) + pad(std::to_string(*p.id), 3) +
             pad(std::to_string(p.instances) + "/" + std::to_string(p.instances), 5) + pad(mem, 7) + pad("No", 3) +
             pad(val(p.sm), 4) + pad(val(p.engines.dec), 2) + pad(val(p.engines.enc), 2) + "|" + eol;
        t += "|" + std::string(40 + rng() % 20, ' ') + val(p.engines.ce) + pad(val(p.engines.jpeg), 2) +
             pad(val(p.engines.ofa), 2) + " |" + eol;
        t += "+----+" + eol;
      }
      t += "$ nvidia-smi mig -lgipp" + eol;
      for (const auto& p : g.profiles)
        t += "GPU  0 Profile ID " + std::to_string(*p.id) + " Placements: " + p.placementsText() + eol;
      auto imp = importGpuFromSmi(t);
      REQUIRE_MESSAGE(imp.ok(), imp.error().message);
      bool named = imp->catalog_match == g.key ||
                   std::find(imp->also_matching.begin(), imp->also_matching.end(), g.key) != imp->also_matching.end();
      CHECK(named);
      for (const auto& p : g.profiles) {
        CAPTURE(p.name);
        int i = imp->model.findProfile(p.name);
        REQUIRE(i >= 0);
        const Profile& q = imp->model.profiles[static_cast<size_t>(i)];
        CHECK(q.id == p.id);
        CHECK(q.instances == p.instances);
        CHECK(q.sm == p.sm);
        CHECK(q.engines.dec == p.engines.dec);
        CHECK(q.engines.ofa == p.engines.ofa);
        CHECK(q.engines.ce == p.engines.ce);
        CHECK(q.placementsText() == p.placementsText());
        if (p.memory_gib) CHECK(*q.memory_gib == doctest::Approx(*p.memory_gib).epsilon(0.001));
      }
    }
    CHECK(models >= 10);
  }
}
