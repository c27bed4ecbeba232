// Package openapitest checks real HTTP responses against Roster's OpenAPI
// document, for the HTTP tests of other packages. It is imported only by
// tests, so the OpenAPI libraries it uses never reach the binary.
package openapitest

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
	"github.com/pb33f/libopenapi-validator/config"
	liberrors "github.com/pb33f/libopenapi-validator/errors"

	"github.com/rosterhq/roster/internal/openapi"
)

var (
	loadOnce sync.Once
	loaded   validator.Validator
	loadErrs []string // why the document could not be loaded, or is not valid OpenAPI

	// mu serialises validations: the library does not promise that one
	// validator may be used from several goroutines, and tests run in
	// parallel.
	mu sync.Mutex
)

// load parses the document, checks it against the OpenAPI 3.1 schema and
// builds the validator, once per test binary: parsing and compiling the
// schemas is slow.
func load() (validator.Validator, []string) {
	loadOnce.Do(func() {
		doc, err := libopenapi.NewDocument(openapi.Document())
		if err != nil {
			loadErrs = []string{"parse: " + err.Error()}
			return
		}
		v, errs := validator.NewValidator(doc, config.WithFormatAssertions())
		if len(errs) > 0 {
			for _, err := range errs {
				loadErrs = append(loadErrs, "build model: "+err.Error())
			}
			return
		}
		if ok, verrs := v.ValidateDocument(); !ok {
			loadErrs = append(loadErrs, describe(verrs)...)
		}
		loadErrs = append(loadErrs, schemaErrors(openapi.Document())...)
		if len(loadErrs) == 0 {
			loaded = v
		}
	})
	return loaded, loadErrs
}

// DocumentErrors returns why Roster's OpenAPI document is not a valid
// OpenAPI 3.1 document, or nil when it is. The document is checked
// against the OpenAPI 3.1 specification's JSON schema, and each of its
// Schema Objects against the JSON Schema 2020-12 meta-schema.
func DocumentErrors() []string {
	_, errs := load()
	return errs
}

// Validate checks one response against the document and fails t with
// t.Errorf when it does not match: when the request's method and path are
// not an operation of the document, when status is not a documented
// response of that operation, when the body does not match the schema for
// that status and the response's Content-Type, or when a documented
// response header is missing or wrong. The message names the request, the
// status and every violation found.
//
// req is the request as sent (only its method and URL are used); header
// and body are the response's, as from an httptest.ResponseRecorder.
func Validate(t testing.TB, req *http.Request, status int, header http.Header, body []byte) {
	t.Helper()
	if req == nil || req.URL == nil {
		t.Errorf("openapi: Validate needs the request that got the response")
		return
	}
	name := fmt.Sprintf("%s %s → %d", req.Method, req.URL.RequestURI(), status)
	v, errs := load()
	if v == nil {
		t.Errorf("openapi: %s: cannot validate, the OpenAPI document is broken:\n  - %s", name, strings.Join(errs, "\n  - "))
		return
	}
	problems := check(v, req, status, header, body)
	if len(problems) == 0 {
		return
	}
	t.Errorf("openapi: %s does not match the OpenAPI document (internal/openapi/openapi.json):\n  - %s\n  response body: %s",
		name, strings.Join(problems, "\n  - "), excerpt(body))
}

func check(v validator.Validator, req *http.Request, status int, header http.Header, body []byte) []string {
	if header == nil {
		header = http.Header{}
	}
	r := req.Clone(req.Context())
	r.Body = http.NoBody
	resp := &http.Response{
		StatusCode:    status,
		Status:        fmt.Sprintf("%d %s", status, http.StatusText(status)),
		Header:        header.Clone(),
		Body:          io.NopCloser(bytes.NewReader(body)),
		ContentLength: int64(len(body)),
		Request:       r,
	}
	mu.Lock()
	ok, verrs := v.ValidateHttpResponse(r, resp)
	mu.Unlock()
	if ok && len(verrs) == 0 {
		return nil
	}
	problems := describe(verrs)
	if len(problems) == 0 {
		problems = []string{"the validator rejected the response without saying why"}
	}
	return problems
}

// describe turns the library's errors into one readable line each, with
// every schema violation under it.
func describe(errs []*liberrors.ValidationError) []string {
	var out []string
	for _, e := range errs {
		if e == nil {
			continue
		}
		var b strings.Builder
		b.WriteString(e.Message)
		if e.Reason != "" && e.Reason != e.Message {
			b.WriteString(": ")
			b.WriteString(e.Reason)
		}
		if e.SpecLine > 0 {
			fmt.Fprintf(&b, " (openapi.json line %d)", e.SpecLine)
		}
		for _, f := range e.SchemaValidationErrors {
			if f == nil {
				continue
			}
			where := f.FieldPath
			if where == "" && len(f.InstancePath) > 0 {
				where = "/" + strings.Join(f.InstancePath, "/")
			}
			if where == "" {
				where = "$"
			}
			b.WriteString("\n      • ")
			b.WriteString(where)
			b.WriteString(": ")
			b.WriteString(f.Reason)
			if f.KeywordLocation != "" {
				b.WriteString(" [schema ")
				b.WriteString(f.KeywordLocation)
				b.WriteString("]")
			}
		}
		out = append(out, b.String())
	}
	return out
}

func excerpt(body []byte) string {
	const max = 2000
	if len(body) == 0 {
		return "(empty)"
	}
	s := strings.TrimSpace(string(body))
	if len(s) > max {
		return s[:max] + fmt.Sprintf("… (%d bytes in all)", len(body))
	}
	return s
}
