// Package openapi holds Roster's OpenAPI 3.1 document, written by hand and
// embedded in the binary, and serves it at /api/v1/openapi.json.
//
// The document is kept honest by tests rather than generated: the app's
// tests check that every API route of the router is in it (see
// Operations), and the HTTP tests validate every response they get
// against it with the openapitest package.
package openapi

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
)

// Path is where the document is served.
const Path = "/api/v1/openapi.json"

//go:embed openapi.json
var base []byte

// document is the base merged with every room's fragment.
var document = mustMerge()

func mustMerge() []byte {
	doc, err := merged(base, roomFiles)
	if err != nil {
		panic("openapi: " + err.Error())
	}
	return doc
}

// Document returns the OpenAPI document as JSON. The slice is a copy: the
// caller may change it.
func Document() []byte {
	return append([]byte(nil), document...)
}

// Registrar is the part of a router Register needs; internal/web's Router
// has it.
type Registrar interface {
	Handle(method, path string, h http.Handler)
}

// Register adds GET /api/v1/openapi.json, which serves the document to
// anyone, without a token.
func Register(rt Registrar) {
	rt.Handle(http.MethodGet, Path, http.HandlerFunc(serve))
}

func serve(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(document)))
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(document)
}

// Operation is one operation of the document: an upper-case HTTP method
// and a path template as written in the document, such as
// {"GET", "/api/v1/creators/{id}"}. The path templates use the same
// {name} syntax as Go's ServeMux patterns, so they compare as they are
// with the router's routes.
type Operation struct {
	Method string
	Path   string
}

// String returns "METHOD /path".
func (o Operation) String() string { return o.Method + " " + o.Path }

// methods are the operation keys of an OpenAPI path item.
var methods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// Operations lists every operation in the document, sorted by path and
// then method.
func Operations() ([]Operation, error) {
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(document, &doc); err != nil {
		return nil, fmt.Errorf("openapi: read document: %w", err)
	}
	var ops []Operation
	for path, item := range doc.Paths {
		for _, m := range methods {
			if _, ok := item[m]; ok {
				ops = append(ops, Operation{Method: strings.ToUpper(m), Path: path})
			}
		}
	}
	sort.Slice(ops, func(i, j int) bool {
		if ops[i].Path != ops[j].Path {
			return ops[i].Path < ops[j].Path
		}
		return ops[i].Method < ops[j].Method
	})
	return ops, nil
}
