package openapitest

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/pb33f/jsonschema/v6"
)

const (
	schemasURL    = "urn:roster:openapi-schemas"
	componentsRef = "#/components/schemas/"
)

// schemaErrors checks every Schema Object of the document against the JSON
// Schema 2020-12 meta-schema, the base of OpenAPI 3.1's schema dialect.
// The OpenAPI specification's own schema leaves Schema Objects unchecked,
// so without this a typo such as "type": "nul" would pass.
//
// The schemas are gathered into the $defs of one JSON Schema resource
// (component schemas under their names, inline ones under the JSON
// pointer where they sit), with their $refs pointed there, and compiled.
func schemaErrors(doc []byte) []string {
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return []string{"schemas: " + err.Error()}
	}
	root, _ := v.(map[string]any)
	defs := map[string]any{}
	where := map[string]string{} // $defs name → where the schema is in the document
	if comps, ok := root["components"].(map[string]any); ok {
		if schemas, ok := comps["schemas"].(map[string]any); ok {
			for name, s := range schemas {
				defs[name] = s
				where[name] = "/components/schemas/" + name
			}
		}
	}
	collectInline(root, "", defs, where)
	for name, s := range defs {
		defs[name] = repoint(s)
	}

	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource(schemasURL, map[string]any{"$defs": defs}); err != nil {
		return []string{"schemas: " + err.Error()}
	}
	// Compiling the resource's root checks all of it against the
	// meta-schema at once.
	if _, err := c.Compile(schemasURL); err != nil {
		return []string{"a schema is not a valid JSON Schema 2020-12 schema: " + locate(err.Error(), where)}
	}
	// Compiling each schema resolves its references.
	names := make([]string, 0, len(defs))
	for name := range defs {
		names = append(names, name)
	}
	sort.Strings(names)
	var msgs []string
	from := map[string][]string{} // error → the schemas that have it
	for _, name := range names {
		if _, err := c.Compile(schemasURL + "#/$defs/" + name); err != nil {
			msg := locate(err.Error(), where)
			if from[msg] == nil {
				msgs = append(msgs, msg)
			}
			from[msg] = append(from[msg], where[name])
		}
	}
	var errs []string
	for _, msg := range msgs {
		errs = append(errs, fmt.Sprintf("schema at %s: %s", strings.Join(from[msg], ", "), msg))
	}
	return errs
}

var defsRef = regexp.MustCompile(`(?:` + regexp.QuoteMeta(schemasURL) + `#)?/\$defs/([^/'"\s]+)`)

// locate rewrites the $defs locations in a compiler message into where
// those schemas are in the OpenAPI document.
func locate(msg string, where map[string]string) string {
	return defsRef.ReplaceAllStringFunc(msg, func(m string) string {
		name := defsRef.FindStringSubmatch(m)[1]
		if w, ok := where[name]; ok {
			return w
		}
		return "#/components/schemas/" + name
	})
}

// collectInline adds every "schema" member outside components/schemas
// (those of parameters, headers and media types) to defs.
func collectInline(v any, ptr string, defs map[string]any, where map[string]string) {
	switch v := v.(type) {
	case map[string]any:
		for k, child := range v {
			p := ptr + "/" + strings.NewReplacer("~", "~0", "/", "~1").Replace(k)
			if p == "/components/schemas" {
				continue
			}
			if k == "schema" {
				if _, ok := child.(map[string]any); ok {
					name := fmt.Sprintf("inline%d", len(where))
					defs[name], where[name] = child, p
					continue
				}
			}
			collectInline(child, p, defs, where)
		}
	case []any:
		for i, child := range v {
			collectInline(child, fmt.Sprintf("%s/%d", ptr, i), defs, where)
		}
	}
}

// repoint returns a copy of v with references to component schemas
// pointed at the $defs of the gathered resource.
func repoint(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, child := range v {
			if s, ok := child.(string); ok && k == "$ref" && strings.HasPrefix(s, componentsRef) {
				out[k] = schemasURL + "#/$defs/" + strings.TrimPrefix(s, componentsRef)
				continue
			}
			out[k] = repoint(child)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, child := range v {
			out[i] = repoint(child)
		}
		return out
	}
	return v
}
