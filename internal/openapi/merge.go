package openapi

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
)

// Each capability describes its own routes in rooms/<room>.json: an
// object with "paths" and, optionally, "components" (schemas, responses,
// parameters). They are merged into openapi.json, the base with the info,
// security and shared components, once at start. A path or component
// defined twice is an error, so rooms cannot silently overwrite each other.
//
//go:embed rooms
var roomFiles embed.FS

type fragment struct {
	Paths      map[string]json.RawMessage            `json:"paths"`
	Components map[string]map[string]json.RawMessage `json:"components"`
}

// merged builds the whole document from the base and the rooms.
func merged(base []byte, rooms fs.FS) ([]byte, error) {
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(base, &doc); err != nil {
		return nil, fmt.Errorf("openapi.json: %w", err)
	}
	var all fragment
	if err := json.Unmarshal(base, &all); err != nil {
		return nil, fmt.Errorf("openapi.json: %w", err)
	}
	if all.Paths == nil {
		all.Paths = map[string]json.RawMessage{}
	}
	if all.Components == nil {
		all.Components = map[string]map[string]json.RawMessage{}
	}
	files, err := fs.Glob(rooms, "rooms/*.json")
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	for _, f := range files {
		data, err := fs.ReadFile(rooms, f)
		if err != nil {
			return nil, err
		}
		var part fragment
		if err := json.Unmarshal(data, &part); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		for p, item := range part.Paths {
			if _, dup := all.Paths[p]; dup {
				return nil, fmt.Errorf("%s: path %s is already described", f, p)
			}
			all.Paths[p] = item
		}
		for kind, items := range part.Components {
			if all.Components[kind] == nil {
				all.Components[kind] = map[string]json.RawMessage{}
			}
			for name, v := range items {
				if _, dup := all.Components[kind][name]; dup {
					return nil, fmt.Errorf("%s: components.%s.%s is already defined", f, kind, name)
				}
				all.Components[kind][name] = v
			}
		}
	}
	if doc["paths"], err = json.Marshal(all.Paths); err != nil {
		return nil, err
	}
	if doc["components"], err = json.Marshal(all.Components); err != nil {
		return nil, err
	}
	return json.Marshal(doc)
}
