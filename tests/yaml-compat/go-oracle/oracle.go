// The golden oracle for migcalc's YAML reader: reads each probe exactly as mig-parted reads its config file
// (sigs.k8s.io/yaml, i.e. ghodss/yaml: YAML -> go-yaml v2 -> JSON; mig-parted's Spec then json.Unmarshals that
// JSON) and prints, per probe, the JSON that mig-parted's own UnmarshalJSON receives, or go-yaml's error.
//
// Input (stdin): [{"name": ..., "text": ...}, ...]. Output (stdout): the same list with "ok" and "value" or "error".
// Build offline on Debian (golang-go, golang-gopkg-yaml.v2-dev, golang-github-ghodss-yaml-dev):
//   GOPATH=/usr/share/gocode GO111MODULE=off go build -o /tmp/yaml-oracle oracle.go
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/ghodss/yaml"
)

type probe struct {
	Name  string          `json:"name"`
	Text  string          `json:"text"`
	OK    bool            `json:"ok"`
	Value json.RawMessage `json:"value,omitempty"`
	Error string          `json:"error,omitempty"`
}

func main() {
	in, err := io.ReadAll(os.Stdin)
	if err != nil {
		panic(err)
	}
	var probes []probe
	if err := json.Unmarshal(in, &probes); err != nil {
		panic(err)
	}
	for i := range probes {
		p := &probes[i]
		out, err := readLikeMigParted([]byte(p.Text))
		if err != nil {
			p.OK = false
			p.Error = err.Error()
		} else {
			p.OK = true
			p.Value = out
		}
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(probes); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// readLikeMigParted: mig-parted calls yaml.Unmarshal(bytes, &spec) with sigs.k8s.io/yaml; its Spec has an
// UnmarshalJSON, so the YAML is turned into JSON exactly as YAMLToJSON does (no string coercion) and handed over.
func readLikeMigParted(y []byte) (json.RawMessage, error) {
	j, err := yaml.YAMLToJSON(y)
	if err != nil {
		return nil, err
	}
	return json.RawMessage(j), nil
}
