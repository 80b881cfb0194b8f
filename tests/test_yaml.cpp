// The YAML subset reader: what it reads, how it resolves scalars, and how it refuses bad or hostile input.
#include <doctest/doctest.h>

#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "migcalc/interop/yaml.hpp"

using migcalc::Code;

using migcalc::Json;
using migcalc::parseYaml;

namespace {

Json yaml(const std::string& text) {
  auto doc = parseYaml(text);
  REQUIRE_MESSAGE(doc.ok(), doc.error().message);
  return doc->value;
}

std::string yamlError(const std::string& text) {
  auto doc = parseYaml(text);
  REQUIRE_FALSE(doc.ok());
  return doc.error().message;
}

}  // namespace

TEST_SUITE("yaml") {
  TEST_CASE("a block mapping of block lists reads as the same JSON as the flow form") {
    Json block = yaml(
        "version: v1\nmig-configs:\n  a:\n    - devices: all\n      mig-enabled: true\n      mig-devices:\n        "
        "\"1g.5gb\": 7\n");
    Json flow = yaml("{version: v1, mig-configs: {a: [{devices: all, mig-enabled: true, mig-devices: {1g.5gb: 7}}]}}");
    CHECK(block == flow);
    CHECK(block["mig-configs"]["a"][0]["mig-devices"]["1g.5gb"] == 7);
    CHECK(block["mig-configs"]["a"][0]["mig-enabled"] == true);
  }

  TEST_CASE("scalars resolve as mig-parted's YAML 1.1 reader does") {
    Json j = yaml(
        "a: 12\nb: -3\nc: 1.5\nd: true\ne: False\nf: null\ng: ~\nh:\ni: 0x1F\nj: 0o17\nk: 1e3\nl: 1g.10gb\nm: '12'\nn: "
        "\"true\"\no: v1\n");
    CHECK(j["a"] == 12);
    CHECK(j["b"] == -3);
    CHECK(j["c"] == 1.5);
    CHECK(j["d"] == true);
    CHECK(j["e"] == false);
    CHECK(j["f"].is_null());
    CHECK(j["g"].is_null());
    CHECK(j["h"].is_null());
    CHECK(j["i"] == 31);
    CHECK(j["j"] == 15);
    CHECK(j["k"] == 1000.0);
    CHECK(j["l"] == "1g.10gb");
    CHECK(j["m"] == "12");
    CHECK(j["false"] == "true");  // YAML 1.1 (mig-parted): the key n is the boolean false
    CHECK(j["o"] == "v1");
    // Where YAML 1.1 (go-yaml v2, mig-parted) and 1.2 differ.
    Json k = yaml("a: yes\nb: Off\nc: y\nd: 010\ne: 1_000\nf: 1.0\ng: 1:20\nh: 2001-12-14\non: x\n010: z\n");
    CHECK(k["a"] == true);
    CHECK(k["b"] == false);
    CHECK(k["c"] == true);
    CHECK(k["d"] == 8);
    CHECK(k["e"] == 1000);
    CHECK(k["f"].is_number_integer());  // 1.0 reaches mig-parted as the JSON number 1
    CHECK(k["g"] == "1:20");            // go-yaml v2 has no base-60 numbers
    CHECK(k["h"] == "2001-12-14");
    CHECK(k["true"] == "x");  // keys become text as JSON needs
    CHECK(k["8"] == "z");
    CHECK(parseYaml("a: .inf\n").error().code == Code::BAD_YAML);  // JSON cannot hold it, so mig-parted fails
    CHECK(parseYaml("~: x\n").error().code == Code::BAD_YAML);
  }

  TEST_CASE("a key given twice keeps its last value, with a warning, as mig-parted does") {
    auto doc = parseYaml("a: 1\nb: 2\na: 3\n");
    REQUIRE_MESSAGE(doc.ok(), doc.error().message);
    CHECK(doc->value["a"] == 3);
    REQUIRE(doc->warnings.size() == 1);
    CHECK(doc->warnings[0].line == 3);
    CHECK(doc->warnings[0].message.find("the key 'a' appears twice") == 0);
  }

  TEST_CASE("anchors, aliases and merge keys read as go-yaml v2 reads them") {
    Json j = yaml("a: &x 1\nb: *x\nm: &m\n  k: 1\n  l: 2\np:\n  l: 3\n  <<: *m\no: [&y v, *y]\n");
    CHECK(j["b"] == 1);
    CHECK(j["p"]["k"] == 1);
    CHECK(j["p"]["l"] == 2);  // go-yaml v2 applies '<<' where it stands: it overrides the key set before it
    CHECK(j["o"] == Json::array({"v", "v"}));
    CHECK(parseYaml("a: *nope\n").error().code == Code::BAD_YAML);
  }

  TEST_CASE("an unquoted PCI ID is a hexadecimal number, a quoted one is text") {
    Json j = yaml("a: 0x233010DE\nb: \"0x233010DE\"\n");
    CHECK(j["a"] == 0x233010DELL);
    CHECK(j["b"] == "0x233010DE");
  }

  TEST_CASE("comments are dropped but a # inside a value or quotes is kept") {
    Json j = yaml("# top\na: x#y   # comment\nb: \"q # not a comment\"\nc: [1, 2] # after flow\n# end\n");
    CHECK(j["a"] == "x#y");
    CHECK(j["b"] == "q # not a comment");
    CHECK(j["c"] == Json::array({1, 2}));
  }

  TEST_CASE("quoted scalars handle escapes and doubled single quotes") {
    Json j = yaml("a: 'it''s'\nb: \"tab\\there\\nline \\u00e9\"\nc: \"\"\nd: ''\n");
    CHECK(j["a"] == "it's");
    CHECK(j["b"] == "tab\there\nline \xC3\xA9");
    CHECK(j["c"] == "");
    CHECK(j["d"] == "");
  }

  TEST_CASE("a literal block scalar keeps lines and follows the chomping indicator") {
    Json j = yaml("clip: |\n  one\n    two\n\n  three\n\nstrip: |-\n  x\n  y\nkeep: |+\n  z\n\nafter: 1\n");
    CHECK(j["clip"] == "one\n  two\n\nthree\n");
    CHECK(j["strip"] == "x\ny");
    CHECK(j["keep"] == "z\n\n");
    CHECK(j["after"] == 1);
  }

  TEST_CASE("a folded block scalar joins lines with spaces and keeps empty lines as breaks") {
    Json j = yaml("f: >\n  a\n  b\n\n  c\n");
    CHECK(j["f"] == "a b\nc\n");
  }

  TEST_CASE("a list may sit at the same indentation as its key, and compact nested lists work") {
    Json j = yaml("k:\n- a\n- b\nm:\n  - - 1\n    - 2\n  - x: 1\n    y: 2\n");
    CHECK(j["k"] == Json::array({"a", "b"}));
    CHECK(j["m"][0] == Json::array({1, 2}));
    CHECK(j["m"][1]["true"] == 2);  // YAML 1.1 (mig-parted): the key y is the boolean true
  }

  TEST_CASE("flow collections may span lines and nest") {
    Json j = yaml("a: [\n  \"0x20B010DE\",\n  \"0x20B110DE\"   # two IDs\n]\nb: {x: [1, {y: z}], w: }\n");
    CHECK(j["a"] == Json::array({"0x20B010DE", "0x20B110DE"}));
    CHECK(j["b"]["x"][1]["true"] == "z");  // YAML 1.1: y is true, also as a key
    CHECK(j["b"]["w"].is_null());
  }

  TEST_CASE("CRLF line endings, a byte-order mark and a document marker are accepted") {
    Json j = yaml("\xEF\xBB\xBF---\r\nversion: v1\r\nlist:\r\n  - 1\r\n...\r\n");
    CHECK(j["version"] == "v1");
    CHECK(j["list"] == Json::array({1}));
  }

  TEST_CASE("every node's line is recorded as a JSON pointer") {
    auto doc = parseYaml(
        "version: v1\nmig-configs:\n  all-1g.5gb:\n    - devices: all\n      mig-devices:\n        \"1g.5gb\": 7\n");
    REQUIRE(doc.ok());
    CHECK(doc->lines.at("/version") == 1);
    CHECK(doc->lines.at("/mig-configs/all-1g.5gb") == 3);
    CHECK(doc->lines.at("/mig-configs/all-1g.5gb/0") == 4);
    CHECK(doc->lines.at("/mig-configs/all-1g.5gb/0/mig-devices/1g.5gb") == 6);
    CHECK(doc->lineOf("/mig-configs/all-1g.5gb/0/nothing/here") == 4);
  }

  TEST_CASE("errors name the line of the problem") {
    CHECK(yamlError("a: 1\nb: 2\n  c: 3\n").find("line 3") == 0);
    CHECK(yamlError("a:\n\t- 1\n").find("line 2: a tab") == 0);
    CHECK(yamlError("a: [1, 2\nb: 3\n").find("line 1: the '[' opened here is never closed") == 0);
    CHECK(yamlError("a: \"open\n").find("line 1") == 0);
    CHECK(yamlError("a: b: c\n").find("line 1") == 0);
    CHECK(yamlError("- a\nb: 1\n").find("line 2") == 0);
    CHECK(yamlError("a: 1\nplain text\n").find("line 2") == 0);
  }

  TEST_CASE("tags are refused by name, and only the first document is read, as mig-parted does") {
    CHECK(parseYaml("a: !!str 1\n").error().code == Code::YAML_UNSUPPORTED);
    auto first = parseYaml("a: 1\n---\nb: [unclosed\n");
    REQUIRE_MESSAGE(first.ok(), first.error().message);
    CHECK(first->value == Json{{"a", 1}});
  }

  TEST_CASE("line numbers can start later, for text cut out of a ConfigMap") {
    auto doc = parseYaml("a: 1\n  b: 2\n", 40);
    REQUIRE_FALSE(doc.ok());
    CHECK(doc.error().message.find("line 41") == 0);
  }

  TEST_CASE("hostile input is refused: deep nesting, huge text, binary bytes") {
    CHECK(parseYaml(std::string(100000, '[') + std::string(100000, ']')).error().code == Code::YAML_TOO_DEEP);
    std::string deep;
    for (int i = 0; i < 200; ++i) deep += std::string(static_cast<size_t>(i) * 2, ' ') + "k:\n";
    CHECK(parseYaml(deep).error().code == Code::YAML_TOO_DEEP);
    CHECK(parseYaml(std::string(migcalc::kMaxYamlBytes + 1, 'a')).error().code == Code::YAML_TOO_LARGE);
    CHECK(parseYaml(std::string("a: 1\n\x01\x02", 7)).error().code == Code::BAD_YAML);
    // A large but legal file (a long flat list) is read whole (its speed is for the benchmark, not a test).
    std::string big = "items:\n";
    for (int i = 0; i < 100000; ++i) big += "  - {profile: \"1g.10gb\", count: " + std::to_string(i) + "}\n";
    auto doc = parseYaml(big);
    REQUIRE(doc.ok());
    CHECK(doc->value["items"].size() == 100000);
  }

  TEST_CASE("random damage to real config files never crashes or hangs the reader") {
    std::ifstream in(std::string(MIGCALC_FIXTURES) + "/interop/config-default.yaml", std::ios::binary);
    REQUIRE(in.good());
    std::ostringstream buf;
    buf << in.rdbuf();
    const std::string original = buf.str().substr(0, 4000);
    const std::string alphabet = " \t\n:-#'\"[]{},|>&*!?%@`\\0x1g.";
    std::mt19937 rng(12345);
    size_t ok = 0, errors = 0;
    for (int round = 0; round < 2000; ++round) {
      std::string text = original;
      int edits = 1 + static_cast<int>(rng() % 8);
      for (int e = 0; e < edits; ++e) {
        size_t at = rng() % text.size();
        switch (rng() % 3) {
          case 0:
            text[at] = alphabet[rng() % alphabet.size()];
            break;
          case 1:
            text.insert(at, 1, alphabet[rng() % alphabet.size()]);
            break;
          default:
            text.erase(at, 1 + rng() % 4);
            break;
        }
      }
      auto doc = parseYaml(text);
      if (doc.ok()) {
        ++ok;
      } else {
        ++errors;
        const std::string& m = doc.error().message;
        bool lineNamed = m.rfind("line ", 0) == 0;
        CHECK_MESSAGE(lineNamed, m);
      }
    }
    CHECK(ok > 0);
    CHECK(errors > 0);
  }

  TEST_CASE("a multi-document stream reads document by document with lines counted across the file") {
    auto docs = migcalc::parseYamlDocuments("a: 1\n---\nb: [2]\n---\n# only a comment\n...\n---\nc: x\n");
    REQUIRE_MESSAGE(docs.ok(), docs.error().message);
    REQUIRE(docs->size() == 4);
    CHECK((*docs)[0].value["a"] == 1);
    CHECK((*docs)[1].value["b"] == Json::array({2}));
    CHECK((*docs)[1].start_line == 2);
    CHECK((*docs)[1].lines.at("/b") == 3);
    CHECK((*docs)[2].value.is_null());
    CHECK((*docs)[3].lines.at("/c") == 8);
    auto single = parseYaml("a: 1\n---\nb: 2\n");  // mig-parted reads the first document only
    REQUIRE_MESSAGE(single.ok(), single.error().message);
    CHECK(single->value == Json{{"a", 1}});
  }

  TEST_CASE("plain values in flow collections keep inner tabs and fold line breaks like npm yaml") {
    Json j = yaml("a: [tab\there, multi\n\n   line, one\n   two]\n");
    CHECK(j["a"] == Json::array({"tab\there", "multi\nline", "one two"}));
  }
}
