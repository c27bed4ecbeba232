package importer

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Column is one column of the file and what it was mapped to.
type Column struct {
	Header string `json:"header"`
	Target Target `json:"target"` // Field "ignore" when nothing matched
	Manual bool   `json:"manual"` // set by an override rather than detected
}

// Mapping says what each column of a file holds, in file order.
type Mapping struct {
	Columns []Column `json:"columns"`
}

// Overrides map header names (matched like detection: case, spaces and
// punctuation ignored) to target names (see ParseTarget).
type Overrides map[string]string

// ParseOverrides reads "Column Name=field" pairs, as the CLI takes them.
func ParseOverrides(pairs []string) (Overrides, error) {
	out := Overrides{}
	for _, p := range pairs {
		col, field, ok := strings.Cut(p, "=")
		if !ok || strings.TrimSpace(col) == "" {
			return nil, fmt.Errorf("mapping %q: write it as \"Column name=field\"", p)
		}
		out[col] = field
	}
	return out, out.check()
}

// ParseOverridesJSON reads a mapping given as a JSON object
// {"Column name": "field"}; empty input is no override.
func ParseOverridesJSON(s string) (Overrides, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var out Overrides
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return nil, fmt.Errorf(`mapping must be a JSON object such as {"IG": "instagram"}`)
	}
	return out, out.check()
}

func (o Overrides) check() error {
	for col, field := range o {
		if _, ok := ParseTarget(field); !ok {
			return fmt.Errorf("mapping %q: unknown field %q", col, field)
		}
	}
	return nil
}

// Detect maps headers to targets: overrides first, then the names other
// tools use. A second column for the same single-valued target is
// ignored (tags and notes columns are all kept and joined).
func Detect(headers []string, o Overrides) Mapping {
	manual := map[string]Target{}
	for col, field := range o {
		t, _ := ParseTarget(field)
		manual[headerKey(col)] = t
	}
	var m Mapping
	taken := map[Target]bool{}
	for _, h := range headers {
		k := headerKey(h)
		c := Column{Header: strings.TrimSpace(h), Target: Target{Field: FieldIgnore}}
		if t, ok := manual[k]; ok {
			c.Target, c.Manual = t, true
		} else if t, ok := headerTargets[k]; ok {
			c.Target = t
		}
		multi := c.Target.Field == FieldTags || c.Target.Field == FieldNotes || c.Target.Field == FieldIgnore
		if !multi && taken[c.Target] {
			c.Target = Target{Field: FieldIgnore}
		}
		taken[c.Target] = true
		m.Columns = append(m.Columns, c)
	}
	return m
}

// Has reports whether some column maps to a field (any platform).
func (m Mapping) Has(field string) bool {
	for _, c := range m.Columns {
		if c.Target.Field == field {
			return true
		}
	}
	return false
}

// Usable reports whether the mapping can identify creators: it needs a
// handle, profile URL or platform column.
func (m Mapping) Usable() bool { return m.Has(FieldHandle) || m.Has(FieldProfileURL) }
