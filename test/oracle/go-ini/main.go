// The Go SDK's INI parser (Debian's aws-sdk-go-v2 internal/ini) over generated files, for
// test/oracle/ini-dialects.test.ts: stdin is a JSON array of {text, keys}, stdout one {ok, error,
// sections} per file, with the values of the asked (lower-case) keys each section holds. Built
// offline as module github.com/aws/aws-sdk-go-v2/ecdinioracle: an internal package may be
// imported only from under github.com/aws/aws-sdk-go-v2.
package main

import (
	"encoding/json"
	"os"
	"sort"

	"github.com/aws/aws-sdk-go-v2/internal/ini"
)

type out struct {
	OK       bool                         `json:"ok"`
	Error    string                       `json:"error,omitempty"`
	Sections map[string]map[string]string `json:"sections,omitempty"`
}

func main() {
	var files []struct {
		Text string   `json:"text"`
		Keys []string `json:"keys"`
	}
	json.NewDecoder(os.Stdin).Decode(&files)
	res := []out{}
	for _, f := range files {
		s, err := ini.ParseBytes([]byte(f.Text))
		if err != nil {
			res = append(res, out{OK: false, Error: err.Error()})
			continue
		}
		o := out{OK: true, Sections: map[string]map[string]string{}}
		names := s.List()
		sort.Strings(names)
		for _, n := range names {
			sec, _ := s.GetSection(n)
			vals := map[string]string{}
			for _, k := range f.Keys {
				if sec.Has(k) {
					vals[k] = sec.String(k)
				}
			}
			o.Sections[n] = vals
		}
		res = append(res, o)
	}
	json.NewEncoder(os.Stdout).Encode(res)
}
