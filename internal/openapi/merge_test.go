package openapi

import (
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"
)

func TestRoomsMergeIntoTheBase(t *testing.T) {
	base := []byte(`{"openapi":"3.1.0","paths":{"/a":{"get":{}}},"components":{"schemas":{"A":{}}}}`)
	rooms := fstest.MapFS{"rooms/b.json": {Data: []byte(`{"paths":{"/b":{"post":{}}},"components":{"schemas":{"B":{}},"parameters":{"P":{}}}}`)}}
	doc, err := merged(base, rooms)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Paths      map[string]any
		Components map[string]map[string]any
	}
	if err := json.Unmarshal(doc, &got); err != nil {
		t.Fatal(err)
	}
	if got.Paths["/a"] == nil || got.Paths["/b"] == nil || got.Components["schemas"]["B"] == nil || got.Components["parameters"]["P"] == nil {
		t.Fatalf("merged document lacks a part: %s", doc)
	}
	dup := fstest.MapFS{"rooms/x.json": {Data: []byte(`{"components":{"schemas":{"A":{}}}}`)}}
	if _, err := merged(base, dup); err == nil || !strings.Contains(err.Error(), "components.schemas.A") {
		t.Fatalf("a component defined twice was accepted: %v", err)
	}
	dupPath := fstest.MapFS{"rooms/x.json": {Data: []byte(`{"paths":{"/a":{}}}`)}}
	if _, err := merged(base, dupPath); err == nil {
		t.Fatal("a path described twice was accepted")
	}
}
